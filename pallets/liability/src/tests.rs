//! The dispute lifecycle, with blocks advancing: one test per behaviour and per error.

use crate::{
	mock::*,
	rules::{EscalationReason, RuleId, RuleSet, Share, SplitFormula},
	*,
};
use evidence_primitives::{
	facts::{
		AttestationFact, ClaimKind, DamageMode, DeliveryFact, Excursion, InspectionPurpose,
		LegFact, LegState, Receipt, ShipmentFact, ShipmentParties,
	},
	ContentDigest, FactKind, FactRef, Money,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_core::H256;
use sp_runtime::Permill;

type Error = crate::Error<Test>;

const HOUR: u64 = 3_600_000;
const SHIPMENT: H256 = H256::repeat_byte(0x51);
const ORDER: H256 = H256::repeat_byte(0x41);
const UNIT: H256 = H256::repeat_byte(0x31);

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn params() -> RuleSetParams<u64> {
	RuleSetParams {
		engine: RuleSet {
			objection_window_ms: 48 * HOUR,
			no_reason_return_window_ms: 7 * 24 * HOUR,
			durable_defect_window_ms: 180 * 24 * HOUR,
			split: SplitFormula::Equal,
		},
		response_blocks: 10,
		evidence_blocks: 20,
		challenge_blocks: 5,
		appeal_blocks: 5,
		objection_blocks: 8,
	}
}

fn leg(n: u8, custodian: u32, state: LegState) -> LegFact {
	LegFact {
		fact: FactRef { kind: FactKind::CustodyLeg, id: H256::repeat_byte(n) },
		custodian,
		opened_at: NOW - (20 - 10 * u64::from(n)) * HOUR,
		opened_in_block: 1,
		closed_at: Some(NOW - (10 - 10 * u64::from(n)) * HOUR),
		state,
		data_excluded: false,
		excursions: Vec::new(),
		conflicting_devices: false,
		damage_noted_at_close: false,
	}
}

/// Glassware: attested sound, a shock on carrier 30's leg, delivered with a reservation.
fn set_facts() {
	TestFacts::set_shipment(
		ShipmentParties {
			order: ORDER,
			shipper: 10,
			platform: 1,
			units: vec![UNIT],
			custodians: vec![20, 30],
			delivered_at: Some(NOW),
		},
		ShipmentFact {
			fact: FactRef { kind: FactKind::Shipment, id: SHIPMENT },
			legs: vec![
				leg(0, 20, LegState::Clean),
				leg(1, 30, LegState::Excursion { kind: Excursion::Shock, at: NOW - 5 * HOUR }),
			],
			delivery: Some(DeliveryFact {
				fact: FactRef { kind: FactKind::Checkpoint, id: H256::repeat_byte(9) },
				at: NOW,
				receipt: Receipt::ConsigneeSigned,
				reservation: true,
				carrier: 30,
				media: false,
				by_shipper: false,
			}),
			pickup_reservation: false,
			temperature_sensitive: false,
			handover_tolerance_ms: HOUR,
			logger_required: false,
			declared_value: Money { currency: *b"EUR", minor_units: 1_000_000 },
			fraud_signal: false,
			force_majeure: false,
		},
	);
	TestFacts::set_attestations(vec![AttestationFact {
		fact: FactRef { kind: FactKind::Attestation, id: H256::repeat_byte(0xa1) },
		agency: 40,
		purpose: InspectionPurpose::PreShipment,
		order: Some(ORDER),
		packaging_certified: false,
		durable_good: false,
		inspected_at: NOW - 30 * HOUR,
		recorded_block: 1,
		unit_level: true,
		conformant: true,
		admissible: true,
		in_force: true,
		items: vec![],
	}]);
}

fn claim() -> Claim<Test> {
	Claim {
		kind: ClaimKind::TransitDamage,
		order: ORDER,
		shipment: SHIPMENT,
		unit: UNIT,
		lot: None,
		alleged_items: Default::default(),
		damage_mode: DamageMode::Mechanical,
		discovered_at: NOW,
		amount: Money { currency: *b"EUR", minor_units: 12_900 },
		evidence: vec![ContentDigest::sha2_256_of(b"photos of the broken glass")]
			.try_into()
			.unwrap(),
	}
}

/// A published rule set, the facts, and dispute 0 opened by the platform.
fn opened() {
	assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
	set_facts();
	assert_ok!(Liability::open_dispute(signed(PLATFORM), claim()));
}

fn status() -> DisputeStatus<u64> {
	Disputes::<Test>::get(0).unwrap().status
}

fn contest_all() {
	for who in [MERCHANT, CARRIER_A, CARRIER_B] {
		assert_ok!(Liability::respond(signed(who), 0, false));
	}
}

#[test]
fn a_dispute_opens_against_everyone_whose_facts_count_with_the_rule_set_frozen() {
	test(|| {
		opened();
		let dispute = Disputes::<Test>::get(0).unwrap();
		assert_eq!(dispute.claimant, 1);
		// Transit damage: the merchant and the carriers that took custody; the agency's
		// inspection is not what a transit rule can hold against it.
		assert_eq!(dispute.respondents.to_vec(), vec![10, 20, 30]);
		assert_eq!((dispute.rule_set, dispute.params), (1, params()));
		assert_eq!(dispute.status, DisputeStatus::AwaitingResponse { respond_by: 11 });
		assert_eq!(Agenda::<Test>::get(11).to_vec(), vec![(0, AgendaAction::ResponseDeadline)]);
		assert_eq!(Reputations::<Test>::get(30).disputes_against, 1);
		// A new rule set does not touch the dispute in flight.
		let mut stricter = params();
		stricter.evidence_blocks = 1;
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), stricter));
		assert_eq!(Disputes::<Test>::get(0).unwrap().params, params());
		assert_eq!(CurrentRuleSet::<Test>::get(), 2);
	});
}

#[test]
fn open_errors() {
	test(|| {
		assert_noop!(Liability::open_dispute(signed(PLATFORM), claim()), Error::NoRuleSet);
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		assert_noop!(Liability::open_dispute(signed(PLATFORM), claim()), Error::UnknownShipment);
		set_facts();
		let mut other_order = claim();
		other_order.order = H256::zero();
		assert_noop!(Liability::open_dispute(signed(PLATFORM), other_order), Error::OrderMismatch);
		let mut other_unit = claim();
		other_unit.unit = H256::zero();
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), other_unit),
			Error::UnitNotInShipment
		);
		assert_noop!(Liability::open_dispute(signed(CARRIER_A), claim()), Error::NoStanding);
		assert_noop!(Liability::open_dispute(signed(OUTSIDER), claim()), Error::NotAMember);
		assert_ok!(Liability::open_dispute(signed(MERCHANT), claim()));
		assert_noop!(Liability::open_dispute(signed(PLATFORM), claim()), Error::DuplicateDispute);
		let mut no_objection = params();
		no_objection.objection_blocks = 0;
		assert_noop!(
			Liability::publish_rule_set(RuntimeOrigin::root(), no_objection),
			Error::InvalidRuleSet
		);
		let mut bad = params();
		bad.challenge_blocks = 0;
		assert_noop!(
			Liability::publish_rule_set(RuntimeOrigin::root(), bad),
			Error::InvalidRuleSet
		);
		assert_noop!(
			Liability::publish_rule_set(signed(PLATFORM), params()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn only_the_orders_platform_or_its_merchant_may_open() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		assert_noop!(Liability::open_dispute(signed(OTHER_PLATFORM), claim()), Error::NoStanding);
		assert_noop!(Liability::open_dispute(signed(AGENCY), claim()), Error::NoStanding);
		assert_ok!(Liability::open_dispute(signed(PLATFORM), claim()));
	});
}

#[test]
fn the_problem_is_discovered_between_delivery_and_opening() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		let at = |discovered_at| Claim { discovered_at, ..claim() };
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), at(NOW + 1)),
			Error::DiscoveredAfterOpening
		);
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), at(NOW - 1)),
			Error::DiscoveredBeforeDelivery
		);
		assert_ok!(Liability::open_dispute(signed(PLATFORM), at(NOW)));
	});
}

#[test]
fn a_lot_counts_only_when_an_attestation_of_it_names_the_order() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		let with_lot = Claim { lot: Some(H256::repeat_byte(0x70)), ..claim() };
		// The mock's only attestation is unit-level: no lot attestation names the order.
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), with_lot.clone()),
			Error::LotNotLinked
		);
		let mut lot_attestation = TestFacts::attestations()[0].clone();
		lot_attestation.unit_level = false;
		lot_attestation.order = Some(H256::zero());
		TestFacts::set_attestations(vec![lot_attestation.clone()]);
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), with_lot.clone()),
			Error::LotNotLinked
		);
		lot_attestation.order = Some(ORDER);
		TestFacts::set_attestations(vec![lot_attestation]);
		assert_ok!(Liability::open_dispute(signed(PLATFORM), with_lot));
	});
}

#[test]
fn respondents_are_those_a_rule_of_the_claim_family_can_make_liable() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		let opened_against = |kind| {
			let id = NextDisputeId::<Test>::get();
			assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { kind, ..claim() }));
			Disputes::<Test>::get(id).unwrap().respondents.to_vec()
		};
		assert_eq!(opened_against(ClaimKind::NoReasonReturn), vec![10]);
		assert_eq!(opened_against(ClaimKind::NotReceived), vec![20, 30]);
		assert_eq!(opened_against(ClaimKind::TransitDamage), vec![10, 20, 30]);
		assert_eq!(opened_against(ClaimKind::DefectOnArrival), vec![10, 20, 30, 40]);
	});
}

#[test]
fn a_counterfeit_claim_answers_to_the_merchant_and_the_authenticating_agency() {
	use evidence_primitives::facts::{ItemFact, ItemOutcome};
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		let counterfeit = Claim { kind: ClaimKind::Counterfeit, ..claim() };
		// The agency authenticated nothing: the merchant's alone.
		assert_ok!(Liability::open_dispute(signed(PLATFORM), counterfeit.clone()));
		assert_eq!(Disputes::<Test>::get(0).unwrap().respondents.to_vec(), vec![10]);
		assert_ok!(Liability::withdraw(signed(PLATFORM), 0));
		let mut authenticated = TestFacts::attestations()[0].clone();
		authenticated.items = vec![ItemFact {
			code: b"AUTHENTICITY".to_vec(),
			damage_mode: DamageMode::Authenticity,
			required: true,
			outcome: ItemOutcome::Pass,
		}];
		TestFacts::set_attestations(vec![authenticated]);
		assert_ok!(Liability::open_dispute(signed(PLATFORM), counterfeit));
		assert_eq!(Disputes::<Test>::get(1).unwrap().respondents.to_vec(), vec![10, 40]);
	});
}

#[test]
fn a_claim_with_more_respondents_than_a_dispute_holds_is_refused_not_cut() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		// Nine agencies attested the unit: with the merchant and two carriers, twelve
		// respondents for a product claim, more than the mock's eight.
		let attestation = TestFacts::attestations()[0].clone();
		TestFacts::set_attestations(
			(0..9).map(|n| AttestationFact { agency: 100 + n, ..attestation.clone() }).collect(),
		);
		assert_noop!(
			Liability::open_dispute(
				signed(PLATFORM),
				Claim { kind: ClaimKind::DefectOnArrival, ..claim() }
			),
			Error::TooManyRespondents
		);
		// A transit claim names no agency: it opens.
		assert_ok!(Liability::open_dispute(signed(PLATFORM), claim()));
	});
}

#[test]
fn a_respondent_accepting_liability_settles_the_dispute() {
	test(|| {
		opened();
		assert_ok!(Liability::respond(signed(CARRIER_B), 0, true));
		let dispute = Disputes::<Test>::get(0).unwrap();
		assert_eq!(dispute.status, DisputeStatus::Settled);
		assert_eq!(
			dispute.verdict.unwrap().liable.to_vec(),
			vec![Share { org: 30, share: Permill::one() }]
		);
		assert_eq!(last_event(), Event::LiabilityAccepted { dispute: 0, by: 30 }.into());
		assert_eq!(Reputations::<Test>::get(30).found_liable, 1);
		assert_eq!(Reputations::<Test>::get(20).cleared, 1);
		// The claim can be opened again once settled.
		assert!(OpenClaims::<Test>::get(UNIT, ClaimKind::TransitDamage).is_none());
		// The response deadline later finds nothing to do.
		run_to(12);
		assert_eq!(status(), DisputeStatus::Settled);
	});
}

#[test]
fn the_rules_decide_when_the_evidence_window_closes_and_the_verdict_becomes_final() {
	test(|| {
		opened();
		contest_all();
		assert_eq!(status(), DisputeStatus::Evidence { evidence_until: 21 });
		run_to(20);
		assert_eq!(status(), DisputeStatus::Evidence { evidence_until: 21 });
		run_to(21);
		assert_eq!(status(), DisputeStatus::Proposed { challenge_until: 26 });
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert_eq!(verdict.liable.to_vec(), vec![Share { org: 30, share: Permill::one() }]);
		assert_eq!(verdict.rules.to_vec(), vec![RuleId::D3, RuleId::T1]);
		run_to(26);
		assert_eq!(status(), DisputeStatus::Final);
		assert_eq!(
			last_event(),
			Event::VerdictFinal { dispute: 0, verdict: verdict.clone() }.into()
		);
		assert_eq!(Reputations::<Test>::get(30).found_liable, 1);
		assert_eq!(Reputations::<Test>::get(10).cleared, 1);
	});
}

#[test]
fn every_respondent_closing_the_evidence_evaluates_at_once() {
	test(|| {
		opened();
		contest_all();
		for who in [MERCHANT, CARRIER_A] {
			assert_ok!(Liability::close_evidence(signed(who), 0));
		}
		assert!(matches!(status(), DisputeStatus::Evidence { .. }));
		assert_noop!(Liability::close_evidence(signed(CARRIER_A), 0), Error::AlreadyResponded);
		assert_ok!(Liability::close_evidence(signed(CARRIER_B), 0));
		assert_eq!(status(), DisputeStatus::Proposed { challenge_until: 6 });
		// The original evaluation date finds it decided already.
		run_to(21);
		assert_eq!(status(), DisputeStatus::Final);
	});
}

/// Dispute 0 opened with `claim` but no evidence from the claimant, every respondent
/// contested.
fn contested_without_evidence(claim: Claim<Test>) {
	assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
	set_facts();
	assert_ok!(Liability::open_dispute(
		signed(PLATFORM),
		Claim { evidence: Default::default(), ..claim }
	));
	contest_all();
}

fn close_all() {
	for who in [MERCHANT, CARRIER_A, CARRIER_B] {
		assert_ok!(Liability::close_evidence(signed(who), 0));
	}
}

#[test]
fn a_claim_without_the_claimants_evidence_expires_when_the_window_closes() {
	test(|| {
		contested_without_evidence(claim());
		// A respondent's evidence does not stand in for the claimant's.
		assert_ok!(Liability::submit_evidence(
			signed(MERCHANT),
			0,
			ContentDigest::sha2_256_of(b"packing video")
		));
		// Every respondent closing early does not cut the claimant's window short.
		close_all();
		assert_eq!(status(), DisputeStatus::Evidence { evidence_until: 21 });
		run_to(21);
		assert_eq!(status(), DisputeStatus::Expired);
		assert_eq!(last_event(), Event::Expired { dispute: 0 }.into());
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert!(verdict.rejected && verdict.liable.is_empty());
		assert_eq!(OpenClaims::<Test>::get(UNIT, ClaimKind::TransitDamage), None);
		assert_eq!(Reputations::<Test>::get(30).cleared, 1);
		assert_noop!(Liability::withdraw(signed(PLATFORM), 0), Error::WrongStatus);
	});
}

#[test]
fn evidence_the_claimant_files_during_the_window_keeps_the_claim_alive() {
	test(|| {
		contested_without_evidence(claim());
		assert_ok!(Liability::submit_evidence(
			signed(PLATFORM),
			0,
			ContentDigest::sha2_256_of(b"consumer's unboxing video")
		));
		close_all();
		assert_eq!(status(), DisputeStatus::Proposed { challenge_until: 6 });
	});
}

#[test]
fn a_not_received_claim_needs_no_evidence() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		let not_received =
			Claim { kind: ClaimKind::NotReceived, evidence: Default::default(), ..claim() };
		assert_ok!(Liability::open_dispute(signed(PLATFORM), not_received));
		// Not received: the carriers that took custody answer, not the merchant.
		for who in [CARRIER_A, CARRIER_B] {
			assert_ok!(Liability::respond(signed(who), 0, false));
		}
		run_to(21);
		assert!(!matches!(status(), DisputeStatus::Expired | DisputeStatus::Evidence { .. }));
	});
}

#[test]
fn a_challenge_within_the_window_goes_to_arbitration() {
	test(|| {
		opened();
		contest_all();
		run_to(21);
		assert_noop!(Liability::challenge(signed(OUTSIDER), 0), Error::NotAMember);
		// A member that is no party to the dispute (an arbitrator) has no say.
		assert_noop!(Liability::challenge(signed(ARBITRATORS[0]), 0), Error::NotAParty);
		assert_ok!(Liability::challenge(signed(CARRIER_B), 0));
		assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: Some(50) });
		assert_eq!(
			last_event(),
			Event::Escalated { dispute: 0, reason: None, arbitrator: Some(50) }.into()
		);
		run_to(30);
		assert!(
			matches!(status(), DisputeStatus::Arbitration { .. }),
			"finality skips a challenged verdict"
		);
	});
}

#[test]
fn a_challenge_after_the_window_is_refused() {
	test(|| {
		opened();
		contest_all();
		run_to(26);
		assert_noop!(Liability::challenge(signed(CARRIER_B), 0), Error::WrongStatus);
	});
}

#[test]
fn undecidable_facts_escalate_with_their_reason() {
	test(|| {
		opened();
		TestFacts::set_attestations(vec![]);
		contest_all();
		run_to(21);
		assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: Some(50) });
		assert_eq!(
			last_event(),
			Event::Escalated {
				dispute: 0,
				reason: Some(EscalationReason::NoEvidenceOfSoundness),
				arbitrator: Some(50)
			}
			.into()
		);
	});
}

#[test]
fn silent_respondents_lose_by_default() {
	test(|| {
		opened();
		assert_ok!(Liability::respond(signed(MERCHANT), 0, false));
		run_to(11);
		assert_eq!(status(), DisputeStatus::DefaultJudgment);
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert_eq!(
			verdict.liable.to_vec(),
			vec![
				Share { org: 20, share: Permill::from_percent(50) },
				Share { org: 30, share: Permill::from_percent(50) }
			]
		);
		assert_eq!(verdict.rules.to_vec(), vec![RuleId::P5]);
	});
}

#[test]
fn response_and_evidence_errors() {
	test(|| {
		opened();
		assert_noop!(Liability::respond(signed(PLATFORM), 0, false), Error::NotARespondent);
		assert_noop!(Liability::respond(signed(CARRIER_A), 9, false), Error::UnknownDispute);
		assert_ok!(Liability::respond(signed(CARRIER_A), 0, false));
		assert_noop!(Liability::respond(signed(CARRIER_A), 0, true), Error::AlreadyResponded);
		assert_noop!(Liability::close_evidence(signed(CARRIER_A), 0), Error::WrongStatus);
		let digest = ContentDigest::blake2_256_of(b"unboxing video");
		assert_ok!(Liability::submit_evidence(signed(PLATFORM), 0, digest));
		assert_eq!(last_event(), Event::EvidenceSubmitted { dispute: 0, by: 1, digest }.into());
		assert_ok!(Liability::submit_evidence(signed(CARRIER_B), 0, digest));
		assert_noop!(Liability::submit_evidence(signed(AGENCY), 0, digest), Error::NotAParty);
		assert_ok!(Liability::submit_evidence(signed(CARRIER_A), 0, digest));
		assert_noop!(
			Liability::submit_evidence(signed(MERCHANT), 0, digest),
			Error::TooMuchEvidence
		);
		assert_noop!(Liability::submit_evidence(signed(OUTSIDER), 0, digest), Error::NotAMember);
		run_to(11);
		assert_noop!(Liability::submit_evidence(signed(PLATFORM), 0, digest), Error::WrongStatus);
	});
}

#[test]
fn only_the_claimant_withdraws_an_undecided_dispute() {
	test(|| {
		opened();
		assert_noop!(Liability::withdraw(signed(MERCHANT), 0), Error::NotClaimant);
		assert_ok!(Liability::withdraw(signed(PLATFORM), 0));
		assert_eq!(status(), DisputeStatus::Withdrawn);
		assert_noop!(Liability::withdraw(signed(PLATFORM), 0), Error::WrongStatus);
		run_to(12);
		assert_eq!(status(), DisputeStatus::Withdrawn);
	});
}

#[test]
fn a_full_agenda_block_moves_entries_to_the_next() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		// Two per block: the third dispute's deadline lands one block later.
		for kind in [ClaimKind::TransitDamage, ClaimKind::MissingParts, ClaimKind::NotReceived] {
			assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { kind, ..claim() }));
		}
		assert_eq!(Agenda::<Test>::get(11).len(), 2);
		assert_eq!(Agenda::<Test>::get(12).to_vec(), vec![(2, AgendaAction::ResponseDeadline)]);
		run_to(12);
		for id in 0..3 {
			assert_eq!(Disputes::<Test>::get(id).unwrap().status, DisputeStatus::DefaultJudgment);
		}
	});
}

// ---- arbitration and appeal ---------------------------------------------------------------

/// Dispute 0 escalated (no attestation of soundness) to arbitrator 50.
fn in_arbitration() {
	opened();
	TestFacts::set_attestations(vec![]);
	contest_all();
	run_to(21);
	assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: Some(50) });
}

fn shares(list: &[(u32, u8)]) -> BoundedVec<Share, <Test as Config>::MaxShares> {
	list.iter()
		.map(|&(org, percent)| Share { org, share: Permill::from_percent(percent.into()) })
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

const RATIONALE: H256 = H256::repeat_byte(0xee);

#[test]
fn arbitrators_rotate_and_never_sit_on_their_own_dispute() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		TestFacts::set_attestations(vec![]);
		for kind in [ClaimKind::TransitDamage, ClaimKind::MissingParts] {
			assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { kind, ..claim() }));
		}
		for id in 0..2 {
			for who in [MERCHANT, CARRIER_A, CARRIER_B] {
				assert_ok!(Liability::respond(signed(who), id, false));
			}
		}
		run_to(21);
		let arbitrator = |id| match Disputes::<Test>::get(id).unwrap().status {
			DisputeStatus::Arbitration { arbitrator } => arbitrator,
			other => panic!("{other:?}"),
		};
		assert_eq!((arbitrator(0), arbitrator(1)), (Some(50), Some(60)));
		// With every arbitrator a party, none is assigned.
		TestDirectory::set_arbitrators(vec![20, 30]);
		assert_ok!(Liability::open_dispute(
			signed(PLATFORM),
			Claim { kind: ClaimKind::NotReceived, ..claim() }
		));
		for who in [CARRIER_A, CARRIER_B] {
			assert_ok!(Liability::respond(signed(who), 2, false));
		}
		run_to(41);
		assert!(arbitrator(2).is_none(), "{:?}", Disputes::<Test>::get(2).unwrap().status);
	});
}

#[test]
fn an_unappealed_ruling_becomes_final() {
	test(|| {
		in_arbitration();
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[1]), 0, shares(&[(30, 100)]), RATIONALE),
			Error::NotAssignedArbitrator
		);
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 60), (20, 30)]), RATIONALE),
			Error::SharesNotWhole
		);
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(60, 100)]), RATIONALE),
			Error::LiableNotAParty
		);
		assert_ok!(Liability::rule(
			signed(ARBITRATORS[0]),
			0,
			shares(&[(30, 70), (20, 30)]),
			RATIONALE
		));
		assert_eq!(status(), DisputeStatus::Ruled { appeal_until: 26 });
		run_to(26);
		assert_eq!(status(), DisputeStatus::Final);
		let dispute = Disputes::<Test>::get(0).unwrap();
		assert_eq!(dispute.verdict.unwrap().liable, shares(&[(30, 70), (20, 30)]));
		assert_eq!(dispute.arbitration.unwrap().ruling.unwrap().rationale, RATIONALE);
		assert_eq!(Reputations::<Test>::get(30).escalated, 1);
		assert_noop!(Liability::appeal(signed(CARRIER_B), 0), Error::WrongStatus);
	});
}

#[test]
fn an_appeal_goes_to_three_other_arbitrators_and_the_majority_decides() {
	test(|| {
		in_arbitration();
		assert_ok!(Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 100)]), RATIONALE));
		assert_noop!(Liability::appeal(signed(OUTSIDER), 0), Error::NotAMember);
		assert_ok!(Liability::appeal(signed(CARRIER_B), 0));
		let DisputeStatus::Appeal { panel } = status() else { panic!("in appeal") };
		// The first arbitrator does not sit; the rotation continues where it was.
		assert_eq!(panel.to_vec(), vec![70, 80, 60]);
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[]), RATIONALE),
			Error::NotAssignedArbitrator
		);
		assert_ok!(Liability::rule(signed(ARBITRATORS[1]), 0, shares(&[]), RATIONALE));
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[1]), 0, shares(&[]), RATIONALE),
			Error::AlreadyResponded
		);
		assert_ok!(Liability::rule(signed(ARBITRATORS[2]), 0, shares(&[(30, 100)]), RATIONALE));
		assert!(matches!(status(), DisputeStatus::Appeal { .. }), "no majority yet");
		assert_ok!(Liability::rule(signed(ARBITRATORS[3]), 0, shares(&[]), RATIONALE));
		assert_eq!(status(), DisputeStatus::Final);
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert!(verdict.rejected && verdict.liable.is_empty(), "two of three rejected the claim");
		// The first ruling's finality date finds it decided already.
		run_to(30);
		assert_eq!(status(), DisputeStatus::Final);
	});
}

#[test]
fn an_appeal_needs_three_eligible_arbitrators_and_the_window() {
	test(|| {
		in_arbitration();
		assert_ok!(Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 100)]), RATIONALE));
		TestDirectory::set_arbitrators(vec![50, 60, 70]);
		assert_noop!(Liability::appeal(signed(CARRIER_B), 0), Error::NotEnoughArbitrators);
		TestDirectory::set_arbitrators(vec![50, 60, 70, 80]);
		run_to(27);
		assert_noop!(Liability::appeal(signed(CARRIER_B), 0), Error::WrongStatus);
	});
}

// ---- delivery confirmation (D1) -----------------------------------------------------------

fn signed_delivery(receipt: Receipt, reservation: bool) -> DeliveryFact {
	DeliveryFact {
		fact: FactRef { kind: FactKind::Checkpoint, id: H256::repeat_byte(9) },
		at: NOW,
		receipt,
		reservation,
		carrier: 30,
		media: false,
		by_shipper: false,
	}
}

#[test]
fn a_clean_signed_delivery_confirms_itself_after_the_objection_window() {
	use evidence_primitives::facts::DeliveryObserver;
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		Liability::on_delivered(SHIPMENT, ORDER, &signed_delivery(Receipt::ConsigneeSigned, false));
		run_to(8);
		assert!(ConfirmedDeliveries::<Test>::get(SHIPMENT).is_none());
		run_to(9);
		assert_eq!(ConfirmedDeliveries::<Test>::get(SHIPMENT), Some(9));
		assert_eq!(
			last_event(),
			Event::DeliveryConfirmed { shipment: SHIPMENT, order: ORDER, rule: RuleId::D1 }.into()
		);
	});
}

#[test]
fn a_reservation_another_receipt_or_a_dispute_withholds_confirmation() {
	use evidence_primitives::facts::DeliveryObserver;
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		Liability::on_delivered(SHIPMENT, ORDER, &signed_delivery(Receipt::ConsigneeSigned, true));
		Liability::on_delivered(
			SHIPMENT,
			ORDER,
			&signed_delivery(Receipt::LockerWithConsent, false),
		);
		assert!(PendingConfirmations::<Test>::get(9).is_empty());
		Liability::on_delivered(SHIPMENT, ORDER, &signed_delivery(Receipt::ConsigneeSigned, false));
		assert_ok!(Liability::open_dispute(signed(PLATFORM), claim()));
		run_to(9);
		assert!(ConfirmedDeliveries::<Test>::get(SHIPMENT).is_none(), "a dispute is in flight");
	});
}

#[test]
fn disputes_are_indexed_by_order_and_unit_within_their_bound() {
	test(|| {
		opened();
		assert_eq!(DisputesByOrder::<Test>::get(ORDER).to_vec(), vec![0]);
		assert_eq!(DisputesByUnit::<Test>::get(UNIT).to_vec(), vec![0]);
		// Four kinds more fill the bound of four per order (the mock's MaxDisputesPerOrder).
		for kind in [ClaimKind::DefectOnArrival, ClaimKind::NotAsDescribed, ClaimKind::MissingParts]
		{
			assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { kind, ..claim() }));
		}
		assert_eq!(DisputesByOrder::<Test>::get(ORDER).to_vec(), vec![0, 1, 2, 3]);
		assert_noop!(
			Liability::open_dispute(
				signed(PLATFORM),
				Claim { kind: ClaimKind::Counterfeit, ..claim() }
			),
			Error::TooManyDisputes
		);
	});
}

#[test]
fn a_preview_decides_like_the_dispute_would_and_stores_nothing() {
	test(|| {
		assert!(matches!(Liability::preview_verdict(&claim()), Err(Error::NoRuleSet)));
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		assert!(matches!(Liability::preview_verdict(&claim()), Err(Error::UnknownShipment)));
		set_facts();
		assert!(matches!(
			Liability::preview_verdict(&Claim { unit: H256::zero(), ..claim() }),
			Err(Error::UnitNotInShipment)
		));
		let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
		let preview = Liability::preview_verdict(&claim()).unwrap();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), before);
		assert_eq!(preview.rules, vec![RuleId::D3, RuleId::T1]);
		assert_eq!(
			preview.decision,
			rules::Decision::Liable(vec![Share { org: 30, share: Permill::one() }])
		);
	});
}

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
		ruling_blocks: 10,
		vote_blocks: 10,
		reinspection_blocks: 10,
	}
}

/// Unit `n` of the shipment (unit 0 is [`UNIT`]).
fn unit(n: u8) -> H256 {
	if n == 0 {
		UNIT
	} else {
		H256::repeat_byte(0x80 + n)
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
			units: (0..24).map(unit).collect(),
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
		// Responses are accepted through block 11; the deadline acts in block 12.
		assert_eq!(Agenda::<Test>::get(12, 0), Some(AgendaAction::ResponseDeadline));
		assert_eq!((dispute.merchant, dispute.for_consumer), (10, true));
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
		// One dispute about a unit at a time, whatever its kind.
		assert_noop!(Liability::open_dispute(signed(PLATFORM), claim()), Error::UnitUnderDispute);
		assert_noop!(
			Liability::open_dispute(
				signed(PLATFORM),
				Claim { kind: ClaimKind::Counterfeit, ..claim() }
			),
			Error::UnitUnderDispute
		);
		assert_noop!(
			Liability::publish_rule_set(signed(PLATFORM), params()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn rule_set_windows_are_bounded_both_ways() {
	test(|| {
		let with = |change: fn(&mut RuleSetParams<u64>)| {
			let mut params = params();
			change(&mut params);
			Liability::publish_rule_set(RuntimeOrigin::root(), params)
		};
		assert_noop!(with(|p| p.objection_blocks = 0), Error::InvalidRuleSet);
		assert_noop!(with(|p| p.challenge_blocks = 0), Error::InvalidRuleSet);
		assert_noop!(with(|p| p.vote_blocks = 0), Error::InvalidRuleSet);
		// A window so long that `now + window` would wrap is refused at publication.
		assert_noop!(with(|p| p.response_blocks = u64::MAX), Error::InvalidRuleSet);
		assert_noop!(
			with(|p| p.ruling_blocks = u64::from(MAX_WINDOW_BLOCKS) + 1),
			Error::InvalidRuleSet
		);
		assert_ok!(with(|p| p.ruling_blocks = u64::from(MAX_WINDOW_BLOCKS)));
	});
}

#[test]
fn deadline_arithmetic_is_checked() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		System::set_block_number(u64::MAX - 5);
		assert_noop!(Liability::open_dispute(signed(PLATFORM), claim()), Error::DeadlineOverflow);
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
			let unit = unit(id as u8);
			assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { kind, unit, ..claim() }));
			run_to(System::block_number() + 1);
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
		let counterfeit = Claim { unit: unit(1), ..counterfeit };
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
		assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { unit: unit(1), ..claim() }));
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
		assert_eq!(
			crate::EndedIn::<Test>::get(0),
			Some(frame_system::Pallet::<Test>::block_number())
		);
		assert_eq!(Reputations::<Test>::get(30).found_liable, 1);
		assert_eq!(Reputations::<Test>::get(20).cleared, 1);
		// The unit is free, but the claim is settled for good: not even another kind of claim
		// about the same arrival reopens it.
		assert!(OpenClaims::<Test>::get(UNIT).is_none());
		for kind in [ClaimKind::TransitDamage, ClaimKind::DefectOnArrival] {
			assert_noop!(
				Liability::open_dispute(signed(MERCHANT), Claim { kind, ..claim() }),
				Error::ClaimAlreadyDecided
			);
		}
		// A defect that appears in use later is another family.
		assert_ok!(Liability::open_dispute(
			signed(PLATFORM),
			Claim { kind: ClaimKind::WarrantyDefect, ..claim() }
		));
		// Nothing is left on the agenda for the settled dispute.
		assert_eq!(Agenda::<Test>::get(12, 0), None);
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
		run_to(21);
		assert_eq!(status(), DisputeStatus::Evidence { evidence_until: 21 });
		run_to(22);
		assert_eq!(status(), DisputeStatus::Proposed { challenge_until: 27 });
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert_eq!(verdict.liable.to_vec(), vec![Share { org: 30, share: Permill::one() }]);
		assert_eq!(verdict.rules.to_vec(), vec![RuleId::D3, RuleId::T1]);
		run_to(27);
		assert_eq!(status(), DisputeStatus::Proposed { challenge_until: 27 });
		assert_eq!(crate::EndedIn::<Test>::get(0), None);
		run_to(28);
		assert_eq!(status(), DisputeStatus::Final);
		assert_eq!(crate::EndedIn::<Test>::get(0), Some(28));
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
		assert_noop!(Liability::close_evidence(signed(CARRIER_A), 0), Error::EvidenceAlreadyClosed);
		assert_ok!(Liability::close_evidence(signed(CARRIER_B), 0));
		assert_eq!(status(), DisputeStatus::Proposed { challenge_until: 6 });
		// The evaluation step left the agenda with the evidence window: it never acts.
		assert_eq!(Agenda::<Test>::get(22, 0), None);
		assert_eq!(Agenda::<Test>::get(7, 0), Some(AgendaAction::Finalize));
		run_to(22);
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
		run_to(22);
		assert_eq!(status(), DisputeStatus::Expired);
		assert!(System::events().iter().any(|r| r.event == Event::Expired { dispute: 0 }.into()));
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert!(verdict.rejected && verdict.liable.is_empty());
		assert_eq!(OpenClaims::<Test>::get(UNIT), None);
		assert_eq!(Reputations::<Test>::get(30).cleared, 1);
		assert_noop!(Liability::withdraw(signed(PLATFORM), 0), Error::AlreadyDecided);
		// An expired claim is not opened again.
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), claim()),
			Error::ClaimAlreadyDecided
		);
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
		run_to(22);
		assert!(!matches!(status(), DisputeStatus::Expired | DisputeStatus::Evidence { .. }));
	});
}

#[test]
fn a_challenge_within_the_window_goes_to_arbitration() {
	test(|| {
		opened();
		assert_noop!(Liability::challenge(signed(CARRIER_B), 0), Error::NoVerdictToChallenge);
		contest_all();
		run_to(22);
		assert_noop!(Liability::challenge(signed(OUTSIDER), 0), Error::NotAMember);
		// A member that is no party to the dispute (an arbitrator) has no say.
		assert_noop!(Liability::challenge(signed(ARBITRATORS[0]), 0), Error::NotAParty);
		// The last block of the window still takes a challenge.
		run_to(27);
		assert_ok!(Liability::challenge(signed(CARRIER_B), 0));
		assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: 50, rule_by: 37 });
		assert_eq!(
			last_event(),
			Event::Escalated { dispute: 0, reason: None, arbitrator: 50, rule_by: 37 }.into()
		);
		// The finality step of the proposal left the agenda with it: it never acts.
		assert_eq!(Agenda::<Test>::get(28, 0), None);
		run_to(30);
		assert!(
			matches!(status(), DisputeStatus::Arbitration { .. }),
			"finality skips a challenged verdict"
		);
	});
}

/// The proposal's finality step was due in block 28; the dispute was challenged and ruled on
/// since. The old step never acts: the ruling's own appeal window runs to its end.
#[test]
fn a_stale_finality_step_never_cuts_an_appeal_window_short() {
	test(|| {
		opened();
		contest_all();
		run_to(22);
		assert_ok!(Liability::challenge(signed(CARRIER_B), 0));
		run_to(24);
		assert_ok!(Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 100)]), RATIONALE));
		assert_eq!(status(), DisputeStatus::Ruled { appeal_until: 29 });
		run_to(29);
		assert_eq!(status(), DisputeStatus::Ruled { appeal_until: 29 });
		assert_ok!(Liability::appeal(signed(CARRIER_B), 0));
		assert!(matches!(status(), DisputeStatus::Appeal { .. }));
	});
}

#[test]
fn a_challenge_after_the_window_is_refused() {
	test(|| {
		opened();
		contest_all();
		run_to(28);
		assert_noop!(Liability::challenge(signed(CARRIER_B), 0), Error::AlreadyDecided);
	});
}

#[test]
fn undecidable_facts_escalate_with_their_reason() {
	test(|| {
		opened();
		TestFacts::set_attestations(vec![]);
		contest_all();
		run_to(22);
		assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: 50, rule_by: 32 });
		assert_eq!(
			last_event(),
			Event::Escalated {
				dispute: 0,
				reason: Some(EscalationReason::NoEvidenceOfSoundness),
				arbitrator: 50,
				rule_by: 32,
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
		// The last block of the response window still takes a response.
		run_to(11);
		assert_ok!(Liability::respond(signed(CARRIER_A), 0, false));
		run_to(12);
		assert_eq!(status(), DisputeStatus::DefaultJudgment);
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert_eq!(verdict.liable.to_vec(), vec![Share { org: 30, share: Permill::one() }]);
		assert_eq!(verdict.rules.to_vec(), vec![RuleId::P5]);
		assert_noop!(Liability::respond(signed(CARRIER_B), 0, false), Error::AlreadyDecided);
	});
}

#[test]
fn response_and_evidence_errors() {
	test(|| {
		opened();
		assert_noop!(Liability::respond(signed(PLATFORM), 0, false), Error::NotARespondent);
		assert_noop!(Liability::respond(signed(CARRIER_A), 9, false), Error::UnknownDispute);
		assert_ok!(Liability::respond(signed(CARRIER_A), 0, false));
		assert_noop!(Liability::respond(signed(CARRIER_A), 0, true), Error::AlreadyContested);
		assert_noop!(Liability::close_evidence(signed(CARRIER_A), 0), Error::EvidenceWindowNotOpen);
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
		// The merchant's silence ends it by default at block 12.
		run_to(12);
		assert_noop!(
			Liability::submit_evidence(signed(PLATFORM), 0, digest),
			Error::AlreadyDecided
		);
	});
}

#[test]
fn the_evidence_window_closes_with_its_last_block() {
	test(|| {
		opened();
		contest_all();
		let digest = ContentDigest::blake2_256_of(b"packing video");
		run_to(21);
		assert_ok!(Liability::submit_evidence(signed(MERCHANT), 0, digest));
		// Taken late, the evaluation step still acts as of the deadline: no call is accepted
		// from block 22 on, whether or not the agenda has reached the step yet.
		Agenda::<Test>::remove(22, 0);
		Agenda::<Test>::insert(23, 0, AgendaAction::Evaluate);
		System::set_block_number(22);
		assert_noop!(
			Liability::submit_evidence(signed(MERCHANT), 0, digest),
			Error::EvidenceWindowClosed
		);
		assert_noop!(Liability::close_evidence(signed(MERCHANT), 0), Error::EvidenceWindowClosed);
		Agenda::<Test>::remove(23, 0);
		Agenda::<Test>::insert(22, 0, AgendaAction::Evaluate);
	});
}

#[test]
fn only_the_claimant_withdraws_and_only_before_a_verdict_is_proposed() {
	test(|| {
		opened();
		assert_noop!(Liability::withdraw(signed(MERCHANT), 0), Error::NotClaimant);
		assert_ok!(Liability::withdraw(signed(PLATFORM), 0));
		assert_eq!(status(), DisputeStatus::Withdrawn);
		assert_noop!(Liability::withdraw(signed(PLATFORM), 0), Error::AlreadyDecided);
		// A withdrawn claim is abandoned: it is not opened again to restart its windows.
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), claim()),
			Error::ClaimAlreadyDecided
		);
		run_to(12);
		assert_eq!(status(), DisputeStatus::Withdrawn);
		// Once the rules proposed a verdict, the claimant challenges or lets it stand.
		let other = Claim { unit: unit(1), ..claim() };
		assert_ok!(Liability::open_dispute(signed(PLATFORM), other));
		for who in [MERCHANT, CARRIER_A, CARRIER_B] {
			assert_ok!(Liability::respond(signed(who), 1, false));
		}
		close_evidence_of(1);
		assert!(matches!(Disputes::<Test>::get(1).unwrap().status, DisputeStatus::Proposed { .. }));
		assert_noop!(Liability::withdraw(signed(PLATFORM), 1), Error::VerdictAlreadyProposed);
	});
}

fn close_evidence_of(id: DisputeId) {
	for who in [MERCHANT, CARRIER_A, CARRIER_B] {
		assert_ok!(Liability::close_evidence(signed(who), id));
	}
}

#[test]
fn each_organisation_opens_its_share_of_disputes_a_block() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		for n in 0..2 {
			assert_ok!(Liability::open_dispute(
				signed(PLATFORM),
				Claim { unit: unit(n), ..claim() }
			));
		}
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), Claim { unit: unit(2), ..claim() }),
			Error::OpeningQuotaReached
		);
		// Another organisation's share is its own.
		assert_ok!(Liability::open_dispute(signed(MERCHANT), Claim { unit: unit(2), ..claim() }));
		run_to(2);
		assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { unit: unit(3), ..claim() }));
	});
}

/// One platform opens every dispute it may, block after block, and answers none of its own
/// steps; the merchant's dispute still opens, is contested and ends exactly when its windows
/// say, and no respondent is judged by default for lack of room.
#[test]
fn a_flood_of_disputes_never_jams_another_organisations_dispute() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		TestFacts::set_attestations(vec![]);
		let flood = |n: u8| Claim { unit: unit(n), kind: ClaimKind::NoReasonReturn, ..claim() };
		// Units 2 to 13 for the flood, two a block from block 1 to 6.
		let mut next = 2;
		for block in 1..=6 {
			run_to(block);
			for _ in 0..2 {
				assert_ok!(Liability::open_dispute(signed(PLATFORM), flood(next)));
				next += 1;
			}
			if block == 1 {
				// The merchant's own claim against the carriers, opened in the same block and
				// contested at once.
				assert_ok!(Liability::open_dispute(signed(MERCHANT), claim()));
				for who in [CARRIER_A, CARRIER_B] {
					assert_ok!(Liability::respond(signed(who), 2, false));
				}
			}
		}
		let merchants = 2;
		assert_eq!(Disputes::<Test>::get(merchants).unwrap().claimant, 10);
		let status = || Disputes::<Test>::get(merchants).unwrap().status;
		assert_eq!(status(), DisputeStatus::Evidence { evidence_until: 21 });
		run_to(21);
		assert_eq!(status(), DisputeStatus::Evidence { evidence_until: 21 });
		run_to(22);
		// No sound pre-shipment attestation: an arbitrator decides, on time.
		assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: 50, rule_by: 32 });
		assert_ok!(Liability::rule(
			signed(ARBITRATORS[0]),
			merchants,
			shares(&[(30, 100)]),
			RATIONALE
		));
		run_to(28);
		assert_eq!(status(), DisputeStatus::Final);
		// The flood's disputes ended by default, each in the block after its deadline.
		for id in (0..Disputes::<Test>::iter().count() as u64).filter(|id| *id != merchants) {
			assert_eq!(Disputes::<Test>::get(id).unwrap().status, DisputeStatus::DefaultJudgment);
		}
	});
}

/// More steps due in one block than the agenda takes: the rest are taken in the next blocks,
/// each acting as at its deadline, and no call was ever refused for lack of room.
#[test]
fn due_steps_beyond_a_blocks_share_wait_for_the_next_blocks() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		for (who, n) in [(PLATFORM, 0), (PLATFORM, 1), (MERCHANT, 2)] {
			assert_ok!(Liability::open_dispute(signed(who), Claim { unit: unit(n), ..claim() }));
		}
		for id in 0..3 {
			assert_eq!(Agenda::<Test>::get(12, id), Some(AgendaAction::ResponseDeadline));
		}
		run_to(12);
		let judged = (0..3)
			.filter(|id| {
				Disputes::<Test>::get(id).unwrap().status == DisputeStatus::DefaultJudgment
			})
			.count();
		assert_eq!(judged, 2, "two steps a block");
		assert_eq!(AgendaFrom::<Test>::get(), 12, "block 12 still holds a step");
		// The third still refuses late responses: its window closed with block 11.
		let waiting = (0..3)
			.find(|id| Disputes::<Test>::get(id).unwrap().status != DisputeStatus::DefaultJudgment)
			.unwrap();
		assert_noop!(
			Liability::respond(signed(CARRIER_A), waiting, false),
			Error::ResponseWindowClosed
		);
		run_to(13);
		for id in 0..3 {
			assert_eq!(Disputes::<Test>::get(id).unwrap().status, DisputeStatus::DefaultJudgment);
		}
		assert_eq!(AgendaFrom::<Test>::get(), 14);
	});
}

// ---- arbitration and appeal ---------------------------------------------------------------

/// Dispute 0 escalated (no attestation of soundness) to arbitrator 50, who rules by block 32.
fn in_arbitration() {
	opened();
	TestFacts::set_attestations(vec![]);
	contest_all();
	run_to(22);
	assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: 50, rule_by: 32 });
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
		for n in 0..2 {
			assert_ok!(Liability::open_dispute(
				signed(PLATFORM),
				Claim { unit: unit(n), ..claim() }
			));
		}
		for id in 0..2 {
			for who in [MERCHANT, CARRIER_A, CARRIER_B] {
				assert_ok!(Liability::respond(signed(who), id, false));
			}
		}
		run_to(22);
		let arbitrator = |id| match Disputes::<Test>::get(id).unwrap().status {
			DisputeStatus::Arbitration { arbitrator, .. } => arbitrator,
			other => panic!("{other:?}"),
		};
		// Evaluated in one block, in the order of their hashed ids: one each.
		let mut assigned = [arbitrator(0), arbitrator(1)];
		assigned.sort();
		assert_eq!(assigned, [50, 60]);
	});
}

/// With every arbitrator organisation a party, nobody can decide: the dispute ends unresolved
/// at once, the unit is free again and the consumer is refunded by the merchant.
#[test]
fn without_an_eligible_arbitrator_the_dispute_ends_unresolved() {
	test(|| {
		TestDirectory::set_arbitrators(vec![20, 30]);
		in_arbitration_attempt();
		assert_eq!(status(), DisputeStatus::Unresolved { reason: UnresolvedReason::NoArbitrator });
		assert!(System::events().iter().any(|r| r.event
			== Event::Unresolved { dispute: 0, reason: UnresolvedReason::NoArbitrator }.into()));
		assert!(OpenClaims::<Test>::get(UNIT).is_none());
		let consumer = Disputes::<Test>::get(0).unwrap().consumer.unwrap();
		assert!(consumer.refund && consumer.payer == 10);
		// Unresolved is not decided: the claim can be brought again once arbitrators exist.
		TestDirectory::set_arbitrators(vec![50, 60, 70, 80]);
		assert_ok!(Liability::open_dispute(signed(PLATFORM), claim()));
	});
}

/// Dispute 0 contested by everyone with no attestation of soundness, evaluated at block 22.
fn in_arbitration_attempt() {
	opened();
	TestFacts::set_attestations(vec![]);
	contest_all();
	run_to(22);
}

#[test]
fn a_silent_arbitrator_is_replaced_at_its_deadline_and_never_assigned_again() {
	test(|| {
		in_arbitration();
		// The last block of its window still takes its ruling; not the next.
		run_to(32);
		assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: 50, rule_by: 32 });
		// The next eligible arbitrator in rotation takes over (the rotation moved on to 70).
		run_to(33);
		assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: 70, rule_by: 43 });
		assert!(System::events().iter().any(|r| r.event
			== Event::ArbitratorReplaced {
				dispute: 0,
				passed_over: 50,
				arbitrator: 70,
				rule_by: 43
			}
			.into()));
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 100)]), RATIONALE),
			Error::NotAssignedArbitrator
		);
		// Each silent arbitrator is passed over in turn, never assigned again; when none is
		// left, it ends.
		run_to(44);
		assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: 60, rule_by: 54 });
		run_to(55);
		assert_eq!(status(), DisputeStatus::Arbitration { arbitrator: 80, rule_by: 65 });
		run_to(66);
		assert_eq!(status(), DisputeStatus::Unresolved { reason: UnresolvedReason::NoArbitrator });
		let passed_over = Disputes::<Test>::get(0).unwrap().arbitration.unwrap().passed_over;
		assert_eq!(passed_over.to_vec(), vec![50, 70, 60, 80]);
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
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 50), (30, 50)]), RATIONALE),
			Error::DuplicateLiable
		);
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 100), (20, 0)]), RATIONALE),
			Error::ZeroShare
		);
		assert_noop!(Liability::appeal(signed(CARRIER_B), 0), Error::NoRulingToAppeal);
		assert_ok!(Liability::rule(
			signed(ARBITRATORS[0]),
			0,
			shares(&[(30, 70), (20, 30)]),
			RATIONALE
		));
		assert_eq!(status(), DisputeStatus::Ruled { appeal_until: 27 });
		run_to(27);
		assert_eq!(status(), DisputeStatus::Ruled { appeal_until: 27 });
		run_to(28);
		assert_eq!(status(), DisputeStatus::Final);
		let dispute = Disputes::<Test>::get(0).unwrap();
		// Stored in organisation order.
		assert_eq!(dispute.verdict.unwrap().liable, shares(&[(20, 30), (30, 70)]));
		assert_eq!(dispute.arbitration.unwrap().ruling.unwrap().rationale, RATIONALE);
		assert_eq!(Reputations::<Test>::get(30).escalated, 1);
		assert_noop!(Liability::appeal(signed(CARRIER_B), 0), Error::AlreadyDecided);
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[]), RATIONALE),
			Error::AlreadyDecided
		);
	});
}

#[test]
fn an_appeal_goes_to_three_other_arbitrators_and_the_majority_decides() {
	test(|| {
		in_arbitration();
		assert_ok!(Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 100)]), RATIONALE));
		assert_noop!(Liability::appeal(signed(OUTSIDER), 0), Error::NotAMember);
		assert_ok!(Liability::appeal(signed(CARRIER_B), 0));
		let DisputeStatus::Appeal { panel, vote_by } = status() else { panic!("in appeal") };
		assert_eq!(vote_by, 32);
		// The first arbitrator does not sit; the rotation continues where it was.
		assert_eq!(panel.to_vec(), vec![70, 80, 60]);
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[]), RATIONALE),
			Error::NotAssignedArbitrator
		);
		// Votes compare as sets of (organisation, share): the order they are listed in does
		// not matter.
		assert_ok!(Liability::rule(
			signed(ARBITRATORS[1]),
			0,
			shares(&[(30, 60), (20, 40)]),
			RATIONALE
		));
		assert_noop!(
			Liability::rule(signed(ARBITRATORS[1]), 0, shares(&[]), RATIONALE),
			Error::AlreadyVoted
		);
		assert_ok!(Liability::rule(signed(ARBITRATORS[2]), 0, shares(&[(30, 100)]), RATIONALE));
		assert!(matches!(status(), DisputeStatus::Appeal { .. }), "no majority yet");
		assert_ok!(Liability::rule(
			signed(ARBITRATORS[3]),
			0,
			shares(&[(20, 40), (30, 60)]),
			RATIONALE
		));
		assert_eq!(status(), DisputeStatus::Final);
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert_eq!(verdict.liable, shares(&[(20, 40), (30, 60)]), "two of three agreed");
		// The first ruling's finality step left the agenda with the appeal.
		run_to(30);
		assert_eq!(status(), DisputeStatus::Final);
	});
}

#[test]
fn silent_panel_members_are_replaced_or_the_ruling_stands() {
	test(|| {
		in_arbitration();
		assert_ok!(Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 100)]), RATIONALE));
		TestDirectory::set_arbitrators(vec![50, 60, 70, 80, 90]);
		assert_ok!(Liability::appeal(signed(CARRIER_B), 0));
		let DisputeStatus::Appeal { panel, .. } = status() else { panic!("in appeal") };
		assert_eq!(panel.to_vec(), vec![70, 80, 90]);
		assert_ok!(Liability::rule(signed(ARBITRATORS[2]), 0, shares(&[]), RATIONALE));
		// 80 and 90 stay silent: one arbitrator is left (60) for two seats.
		run_to(33);
		assert_eq!(status(), DisputeStatus::Final);
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert_eq!(verdict.liable, shares(&[(30, 100)]), "the appealed ruling stands");
	});
}

#[test]
fn a_silent_panel_member_is_replaced_by_the_next_eligible_arbitrator() {
	test(|| {
		in_arbitration();
		assert_ok!(Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 100)]), RATIONALE));
		TestDirectory::set_arbitrators(vec![50, 60, 70, 80, 90]);
		assert_ok!(Liability::appeal(signed(CARRIER_B), 0));
		assert_ok!(Liability::rule(signed(ARBITRATORS[2]), 0, shares(&[]), RATIONALE));
		assert_ok!(Liability::rule(signed(ARBITRATORS[3]), 0, shares(&[(30, 100)]), RATIONALE));
		// 90 stays silent past block 32: 60 takes its seat until block 43.
		run_to(33);
		let DisputeStatus::Appeal { panel, vote_by } = status() else { panic!("in appeal") };
		assert_eq!((panel.to_vec(), vote_by), (vec![70, 80, 60], 43));
		assert_ok!(Liability::rule(signed(ARBITRATORS[1]), 0, shares(&[]), RATIONALE));
		assert_eq!(status(), DisputeStatus::Final);
		assert!(Disputes::<Test>::get(0).unwrap().verdict.unwrap().rejected);
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
		assert_ok!(Liability::appeal(signed(CARRIER_B), 0));
	});
}

#[test]
fn an_appeal_after_its_window_is_refused() {
	test(|| {
		in_arbitration();
		assert_ok!(Liability::rule(signed(ARBITRATORS[0]), 0, shares(&[(30, 100)]), RATIONALE));
		// The finality step is taken late; the window closed with block 27 all the same.
		Agenda::<Test>::remove(28, 0);
		Agenda::<Test>::insert(29, 0, AgendaAction::Finalize);
		System::set_block_number(28);
		assert_noop!(Liability::appeal(signed(CARRIER_B), 0), Error::AppealWindowClosed);
		Agenda::<Test>::remove(29, 0);
		Agenda::<Test>::insert(28, 0, AgendaAction::Finalize);
	});
}

// ---- re-inspection -------------------------------------------------------------------------

/// A dead-on-arrival claim: the agency's pre-shipment inspection passed POWER-ON, the legs
/// were clean; the rules need another agency's re-inspection.
fn awaiting_reinspection() {
	use evidence_primitives::facts::{ItemFact, ItemOutcome};
	assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
	set_facts();
	let (parties, mut shipment) = TestFacts::shipment().unwrap();
	shipment.legs = vec![leg(0, 20, LegState::Clean), leg(1, 30, LegState::Clean)];
	shipment.delivery.as_mut().unwrap().reservation = false;
	TestFacts::set_shipment(parties, shipment);
	let mut attestation = TestFacts::attestations()[0].clone();
	attestation.items = vec![ItemFact {
		code: b"POWER-ON".to_vec(),
		damage_mode: DamageMode::Functional,
		required: true,
		outcome: ItemOutcome::Pass,
	}];
	TestFacts::set_attestations(vec![attestation]);
	let dead = Claim {
		kind: ClaimKind::DefectOnArrival,
		damage_mode: DamageMode::Functional,
		alleged_items: vec![b"POWER-ON".to_vec().try_into().unwrap()].try_into().unwrap(),
		..claim()
	};
	assert_ok!(Liability::open_dispute(signed(PLATFORM), dead));
	for who in [MERCHANT, CARRIER_A, CARRIER_B, AGENCY] {
		assert_ok!(Liability::respond(signed(who), 0, false));
	}
	for who in [MERCHANT, CARRIER_A, CARRIER_B, AGENCY] {
		assert_ok!(Liability::close_evidence(signed(who), 0));
	}
	let reason = EscalationReason::ReinspectionNeeded;
	assert_eq!(status(), DisputeStatus::Reinspection { reason, agency: None, until: 11 });
}

#[test]
fn a_reinspection_the_rules_need_is_requested_and_decides_the_dispute() {
	use evidence_primitives::facts::{ItemFact, ItemOutcome, ReinspectionObserver};
	test(|| {
		awaiting_reinspection();
		// Only a party asks.
		assert_noop!(Liability::request_reinspection(signed(ARBITRATORS[0]), 0), Error::NotAParty);
		// The chain assigns the first agency in rotation that is no party: 45 (agency 40,
		// whose inspection is in question, is a respondent).
		assert_ok!(Liability::request_reinspection(signed(PLATFORM), 0));
		let reason = EscalationReason::ReinspectionNeeded;
		assert_eq!(status(), DisputeStatus::Reinspection { reason, agency: Some(45), until: 11 });
		assert_noop!(
			Liability::request_reinspection(signed(MERCHANT), 0),
			Error::ReinspectionAlreadyRequested
		);
		// Another agency's re-inspection is not the one asked for.
		Liability::on_reinspected(&UNIT, 40);
		assert!(matches!(status(), DisputeStatus::Reinspection { .. }));
		// Agency 45 finds no power: the dispute is evaluated again in the next block.
		let mut found = TestFacts::attestations()[0].clone();
		found.agency = 45;
		found.purpose = InspectionPurpose::DisputeReinspection;
		found.items = vec![ItemFact {
			code: b"POWER-ON".to_vec(),
			damage_mode: DamageMode::Functional,
			required: true,
			outcome: ItemOutcome::Fail,
		}];
		found.conformant = false;
		let mut all = TestFacts::attestations();
		all.push(found);
		TestFacts::set_attestations(all);
		Liability::on_reinspected(&UNIT, 45);
		assert_eq!(last_event(), Event::Reinspected { dispute: 0, agency: 45 }.into());
		run_to(2);
		let DisputeStatus::Proposed { .. } = status() else { panic!("{:?}", status()) };
		let verdict = Disputes::<Test>::get(0).unwrap().verdict.unwrap();
		assert_eq!(verdict.liable.to_vec(), vec![Share { org: 40, share: Permill::one() }]);
		assert_eq!(verdict.rules.to_vec(), vec![RuleId::I4]);
	});
}

#[test]
fn no_party_chooses_the_reinspecting_agency() {
	// Whoever asks first, the chain assigns the same agency: a respondent racing the claimant
	// with a friendly agency gains nothing.
	let assigned_when = |first: AccountId| {
		let mut agency = None;
		test(|| {
			awaiting_reinspection();
			assert_ok!(Liability::request_reinspection(signed(first), 0));
			let DisputeStatus::Reinspection { agency: named, .. } = status() else {
				panic!("{:?}", status())
			};
			agency = named;
		});
		agency
	};
	assert_eq!(assigned_when(PLATFORM), Some(45));
	assert_eq!(assigned_when(AGENCY), Some(45));
	assert_eq!(assigned_when(MERCHANT), Some(45));
	assert_eq!(assigned_when(CARRIER_A), Some(45));
	// The assignments rotate among the accredited agencies that are no party: 45 and 47
	// (40 is a respondent, 46's accreditation lapsed).
	test(|| {
		AgencyCursor::<Test>::put(1);
		awaiting_reinspection();
		assert_ok!(Liability::request_reinspection(signed(MERCHANT), 0));
		let DisputeStatus::Reinspection { agency, .. } = status() else { panic!() };
		assert_eq!(agency, Some(47));
		assert_eq!(AgencyCursor::<Test>::get(), 2);
	});
}

#[test]
fn challenge_and_withdraw_name_the_step_that_refuses_them() {
	test(|| {
		awaiting_reinspection();
		// Waiting for a re-inspection: nothing to challenge yet, and too late to withdraw.
		assert_noop!(Liability::challenge(signed(MERCHANT), 0), Error::AwaitingReinspection);
		assert_noop!(Liability::withdraw(signed(PLATFORM), 0), Error::AwaitingReinspection);
		// Before an arbitrator: a ruling is appealed, not challenged; no withdrawal either.
		run_to(12);
		let DisputeStatus::Arbitration { .. } = status() else { panic!("{:?}", status()) };
		assert_noop!(Liability::challenge(signed(MERCHANT), 0), Error::AlreadyBeforeArbitrator);
		assert_noop!(Liability::withdraw(signed(PLATFORM), 0), Error::AlreadyBeforeArbitrator);
	});
}

#[test]
fn without_a_reinspection_in_time_an_arbitrator_decides() {
	test(|| {
		awaiting_reinspection();
		run_to(11);
		assert!(matches!(status(), DisputeStatus::Reinspection { .. }));
		run_to(12);
		assert_noop!(
			Liability::request_reinspection(signed(PLATFORM), 0),
			Error::NoReinspectionAwaited
		);
		let DisputeStatus::Arbitration { .. } = status() else { panic!("{:?}", status()) };
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Liability(Event::Escalated {
				reason: Some(EscalationReason::ReinspectionNeeded),
				..
			})
		)));
	});
}

// ---- the consumer first -------------------------------------------------------------------

#[test]
fn a_reservation_at_delivery_refunds_the_consumer_at_opening() {
	test(|| {
		opened();
		let consumer = Disputes::<Test>::get(0).unwrap().consumer.unwrap();
		let amount = claim().amount;
		assert_eq!(consumer, ConsumerOutcome { refund: true, payer: 10, amount, decided_in: 1 });
		assert!(System::events().iter().any(|r| r.event
			== Event::ConsumerOutcomeDecided { dispute: 0, refund: true, payer: 10, amount }
				.into()));
		// The recourse among the businesses goes on without the consumer.
		contest_all();
		run_to(28);
		assert_eq!(status(), DisputeStatus::Final);
		assert_eq!(Disputes::<Test>::get(0).unwrap().consumer, Some(consumer));
	});
}

#[test]
fn without_a_reservation_the_consumer_is_decided_when_the_rules_propose() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		// A clean signed receipt and a late report: the rules reject the claim (D1).
		let mut parties_and_facts = TestFacts::shipment().unwrap();
		let delivery = parties_and_facts.1.delivery.as_mut().unwrap();
		delivery.reservation = false;
		delivery.at = NOW - 72 * HOUR;
		parties_and_facts.0.delivered_at = Some(NOW - 72 * HOUR);
		TestFacts::set_shipment(parties_and_facts.0, parties_and_facts.1);
		assert_ok!(Liability::open_dispute(signed(PLATFORM), claim()));
		assert_eq!(Disputes::<Test>::get(0).unwrap().consumer, None);
		contest_all();
		close_all();
		let dispute = Disputes::<Test>::get(0).unwrap();
		assert!(matches!(dispute.status, DisputeStatus::Proposed { .. }));
		let consumer = dispute.consumer.unwrap();
		assert_eq!((consumer.refund, consumer.decided_in), (false, 1));
		// A merchant's own claim has no consumer outcome.
		assert_ok!(Liability::open_dispute(signed(MERCHANT), Claim { unit: unit(1), ..claim() }));
		assert!(!Disputes::<Test>::get(1).unwrap().for_consumer);
	});
}

// ---- every dispute ends, once, in time ----------------------------------------------------

/// Any party, any order: random sequences of calls and blocks. Every dispute ends within the
/// sum of its windows (with every arbitrator passed over once at most), never ends twice, and
/// the pallet's invariants hold after every block (`run_to`).
#[test]
fn every_dispute_ends_once_within_the_sum_of_its_windows() {
	use proptest::prelude::*;
	let actors = [
		PLATFORM,
		MERCHANT,
		CARRIER_A,
		CARRIER_B,
		AGENCY,
		ARBITRATORS[0],
		ARBITRATORS[1],
		ARBITRATORS[2],
		ARBITRATORS[3],
	];
	let step = (0u8..10, 0usize..actors.len(), 0u64..3, any::<bool>(), 0u8..4);
	proptest!(ProptestConfig::with_cases(64), |(steps in prop::collection::vec(step, 1..60))| {
		new_test_ext().execute_with(|| -> Result<(), TestCaseError> {
			assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
			set_facts();
			let p = params();
			let longest = p.response_blocks
				+ p.evidence_blocks
				+ p.challenge_blocks
				+ (p.ruling_blocks + 1) * 5
				+ p.appeal_blocks
				+ (p.vote_blocks + 1) * 5
				+ 16;
			for (action, who, id, flag, n) in steps.iter().copied() {
				let who = actors[who];
				let ruling = if flag { shares(&[(30, 100)]) } else { shares(&[]) };
				let digest = ContentDigest::blake2_256_of(&[n]);
				let _ = match action {
					0 => Liability::open_dispute(signed(who), Claim { unit: unit(n), ..claim() }),
					1 => Liability::respond(signed(who), id, flag),
					2 => Liability::close_evidence(signed(who), id),
					3 => Liability::submit_evidence(signed(who), id, digest),
					4 => Liability::challenge(signed(who), id),
					5 => Liability::rule(signed(who), id, ruling, RATIONALE),
					6 => Liability::appeal(signed(who), id),
					7 => Liability::withdraw(signed(who), id),
					_ => {
						run_to(System::block_number() + u64::from(n) * 4);
						Ok(())
					},
				};
			}
			run_to(System::block_number() + longest);
			for (id, dispute) in Disputes::<Test>::iter() {
				prop_assert!(dispute.status.is_closed(), "dispute {} still {:?}", id, dispute.status);
				let finals = System::events()
					.iter()
					.filter(|r| {
						matches!(r.event,
							RuntimeEvent::Liability(Event::VerdictFinal { dispute, .. }) if dispute == id)
					})
					.count();
				prop_assert!(finals <= 1, "dispute {} final {} times", id, finals);
			}
			Liability::do_try_state()
				.map_err(|e| TestCaseError::fail(alloc::format!("{e:?}")))?;
			Ok(())
		})?;
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
		// Disputes about 62 other units of the order (ended long ago), and one more, fill the
		// bound of 64 per order (the mock's MaxDisputesPerOrder).
		DisputesByOrder::<Test>::mutate(ORDER, |ids| {
			for earlier in 100..162 {
				ids.try_push(earlier).unwrap();
			}
		});
		assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { unit: unit(1), ..claim() }));
		assert_eq!(DisputesByOrder::<Test>::get(ORDER).len(), 64);
		run_to(2);
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), Claim { unit: unit(4), ..claim() }),
			Error::TooManyDisputes
		);
	});
}

/// A platform that opens dispute after dispute on one order (each about another unit) holds at
/// most a quarter of the order's dispute list; another claimant still opens its dispute there.
#[test]
fn one_claimant_holds_at_most_a_quarter_of_an_order_s_disputes() {
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		TestFacts::set_attestations(vec![]);
		let share = evidence_primitives::index_share(64);
		let mut block = 1;
		for n in 0..share {
			if n % 2 == 0 {
				run_to(block);
				block += 1;
			}
			let claim =
				Claim { unit: unit(n as u8 + 2), kind: ClaimKind::NoReasonReturn, ..claim() };
			assert_ok!(Liability::open_dispute(signed(PLATFORM), claim));
		}
		run_to(block);
		let one_more = Claim { unit: unit(20), kind: ClaimKind::NoReasonReturn, ..claim() };
		assert_noop!(
			Liability::open_dispute(signed(PLATFORM), one_more),
			Error::DisputeShareOfOrderUsed
		);
		assert_ok!(Liability::open_dispute(signed(MERCHANT), claim()));
		assert_eq!(DisputesByOrder::<Test>::get(ORDER).len() as u32, share + 1);
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

// ---- storage migrations --------------------------------------------------------------------

#[test]
fn migration_to_v2_gives_every_stored_dispute_its_engine_and_counts_those_in_flight() {
	use crate::migrations::v2::MigrateV1ToV2;
	use frame_support::{
		storage::unhashed,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	test(|| {
		// Two disputes: one withdrawn, one in flight.
		opened();
		assert_ok!(Liability::withdraw(signed(PLATFORM), 0));
		assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { unit: unit(1), ..claim() }));
		// After the migration it is on the first engine, whichever engine opened it here.
		let in_flight = Dispute { engine: 1, ..Disputes::<Test>::get(1).unwrap() };
		// Storage as version 1 held it: dispute records without their engine, no engine maps.
		let keys: Vec<_> = (0..2).map(Disputes::<Test>::hashed_key_for).collect();
		for key in &keys {
			let mut raw = unhashed::get_raw(key).unwrap();
			raw.truncate(raw.len() - 2);
			unhashed::put_raw(key, &raw);
		}
		let _ = RuleSetEngines::<Test>::clear(u32::MAX, None);
		let _ = OpenDisputesByEngine::<Test>::clear(u32::MAX, None);
		StorageVersion::new(1).put::<Liability>();
		assert!(Disputes::<Test>::get(1).is_none(), "a version-1 record is not a version-2 one");

		#[cfg(feature = "try-runtime")]
		let state = MigrateV1ToV2::<Test>::pre_upgrade().unwrap();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		MigrateV1ToV2::<Test>::post_upgrade(state).unwrap();
		assert_eq!(Liability::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(Disputes::<Test>::get(1), Some(in_flight));
		assert_eq!(Disputes::<Test>::get(0).unwrap().status, DisputeStatus::Withdrawn);
		assert_eq!(Disputes::<Test>::get(0).unwrap().engine, 1);
		assert_eq!(OpenDisputesByEngine::<Test>::get(1), 1);
		assert_eq!(RuleSetEngines::<Test>::get(1), Some(1));
		Liability::do_try_state().unwrap();

		// On a migrated chain it does nothing.
		let before: Vec<_> = keys.iter().map(|key| unhashed::get_raw(key)).collect();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		let after: Vec<_> = keys.iter().map(|key| unhashed::get_raw(key)).collect();
		assert_eq!(before, after);
		// The dispute in flight goes on under its engine.
		run_to(12);
		Liability::do_try_state().unwrap();
	});
}

#[test]
fn migration_to_v3_adopts_engine_2_for_new_disputes_and_leaves_those_in_flight_on_1() {
	use crate::migrations::v3::MigrateV2ToV3;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	test(|| {
		// A chain at version 2 (spec 101): rule set 1 on engine 1, a dispute in flight under it.
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		RuleSetEngines::<Test>::insert(1, 1);
		StorageVersion::new(2).put::<Liability>();
		set_facts();
		assert_ok!(Liability::open_dispute(signed(PLATFORM), claim()));
		assert_eq!(Disputes::<Test>::get(0).unwrap().engine, 1);
		let in_flight = Disputes::<Test>::get(0).unwrap();
		System::reset_events();

		#[cfg(feature = "try-runtime")]
		let state = MigrateV2ToV3::<Test>::pre_upgrade().unwrap();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		MigrateV2ToV3::<Test>::post_upgrade(state).unwrap();
		assert_eq!(Liability::on_chain_storage_version(), StorageVersion::new(3));
		// The same parameters, published again on engine 2, current; the old version keeps
		// engine 1 and the dispute in flight is untouched.
		assert_eq!(CurrentRuleSet::<Test>::get(), 2);
		assert_eq!(RuleSets::<Test>::get(2), RuleSets::<Test>::get(1));
		assert_eq!(RuleSetEngines::<Test>::get(2), Some(2));
		assert_eq!(RuleSetEngines::<Test>::get(1), Some(1));
		assert_eq!(Disputes::<Test>::get(0), Some(in_flight));
		assert_eq!(OpenDisputesByEngine::<Test>::get(1), 1);
		System::assert_has_event(Event::RuleSetPublished { version: 2, engine: 2 }.into());
		Liability::do_try_state().unwrap();

		// A dispute opened after the upgrade is on engine 2; the old one still on 1.
		assert_ok!(Liability::open_dispute(signed(PLATFORM), Claim { unit: unit(1), ..claim() }));
		let new = Disputes::<Test>::get(1).unwrap();
		assert_eq!((new.rule_set, new.engine), (2, 2));
		assert_eq!(OpenDisputesByEngine::<Test>::get(1), 1);
		assert_eq!(OpenDisputesByEngine::<Test>::get(2), 1);

		// Listed again, or on a chain already at version 3, it does nothing.
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(CurrentRuleSet::<Test>::get(), 2);
		Liability::do_try_state().unwrap();
		// Nor does its inner step on a chain already on engine 2, checks included.
		use crate::migrations::v3::InnerMigrateV2ToV3;
		use frame_support::traits::UncheckedOnRuntimeUpgrade;
		assert_eq!(InnerMigrateV2ToV3::<Test>::to_republish(), None);
		#[cfg(feature = "try-runtime")]
		let state = InnerMigrateV2ToV3::<Test>::pre_upgrade().unwrap();
		InnerMigrateV2ToV3::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		InnerMigrateV2ToV3::<Test>::post_upgrade(state).unwrap();
		assert_eq!(CurrentRuleSet::<Test>::get(), 2);
		assert!(RuleSets::<Test>::get(3).is_none());
	});
}

#[test]
fn a_dispute_is_evaluated_by_the_engine_of_its_rule_set() {
	test(|| {
		opened();
		assert_eq!(Disputes::<Test>::get(0).unwrap().engine, crate::rules::CURRENT_ENGINE);
		assert_eq!(OpenDisputesByEngine::<Test>::get(crate::rules::CURRENT_ENGINE), 1);
		// A dispute whose engine this runtime no longer carries goes to an arbitrator, with
		// the reason; the count follows it out.
		Disputes::<Test>::mutate(0, |d| d.as_mut().unwrap().engine = 99);
		OpenDisputesByEngine::<Test>::remove(crate::rules::CURRENT_ENGINE);
		OpenDisputesByEngine::<Test>::insert(99, 1);
		for who in [MERCHANT, CARRIER_A, CARRIER_B] {
			assert_ok!(Liability::respond(signed(who), 0, false));
		}
		close_evidence_of(0);
		let DisputeStatus::Arbitration { .. } = status() else { panic!("{:?}", status()) };
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Liability(Event::Escalated {
				reason: Some(EscalationReason::EngineRetired),
				..
			})
		)));
	});
}

#[test]
fn a_delivery_due_in_full_blocks_is_confirmed_in_the_first_with_room() {
	use evidence_primitives::facts::DeliveryObserver;
	use frame_support::traits::Get;
	test(|| {
		assert_ok!(Liability::publish_rule_set(RuntimeOrigin::root(), params()));
		set_facts();
		let other = (H256::repeat_byte(0x77), ORDER);
		let full: Vec<_> = (0..<Test as Config>::MaxAgendaPerBlock::get()).map(|_| other).collect();
		for block in [9, 10] {
			PendingConfirmations::<Test>::insert(block, BoundedVec::truncate_from(full.clone()));
		}
		Liability::on_delivered(SHIPMENT, ORDER, &signed_delivery(Receipt::ConsigneeSigned, false));
		// The full blocks are left as they were; the delivery waits one block more each.
		assert_eq!(PendingConfirmations::<Test>::get(9).into_inner(), full);
		assert_eq!(PendingConfirmations::<Test>::get(10).into_inner(), full);
		assert_eq!(PendingConfirmations::<Test>::get(11).into_inner(), vec![(SHIPMENT, ORDER)]);
		// What the logistics pallet charges for a delivery covers this search.
		assert_eq!(
			<Liability as DeliveryObserver>::on_delivered_weight(),
			<() as crate::WeightInfo>::on_delivered()
		);
	});
}

//! The rule engine, rule by rule: each rule id has a case that fires it and a near miss that
//! does not; then properties over arbitrary facts (total, shares sum to 100 %, deterministic).

use super::*;
use evidence_primitives::{
	facts::{ItemFact, ShipmentFact},
	FactKind, Money,
};
use sp_core::H256;

const HOUR: u64 = 3_600_000;
const DAY: u64 = 24 * HOUR;
/// Pickup time.
const T0: u64 = 1_780_000_000_000;
/// Delivery time: two legs of ten hours.
const DELIVERED: u64 = T0 + 20 * HOUR;

const MERCHANT: OrgId = 10;
const CARRIER_A: OrgId = 20;
const CARRIER_B: OrgId = 30;
const AGENCY: OrgId = 40;
const OTHER_AGENCY: OrgId = 41;

fn rule_set() -> RuleSet {
	RuleSet {
		objection_window_ms: 2 * DAY,
		no_reason_return_window_ms: 7 * DAY,
		durable_defect_window_ms: 180 * DAY,
		split: SplitFormula::Equal,
	}
}

fn fact(kind: FactKind, n: u8) -> FactRef {
	FactRef { kind, id: H256::repeat_byte(n) }
}

fn leg(n: u8, custodian: OrgId, state: LegState) -> LegFact {
	let opened_at = T0 + u64::from(n) * 10 * HOUR;
	LegFact {
		fact: fact(FactKind::Checkpoint, n),
		custodian,
		opened_at,
		closed_at: Some(opened_at + 10 * HOUR),
		opened_in_block: u64::from(n) * 10 + 10,
		state,
		data_excluded: false,
		excursions: Vec::new(),
		conflicting_devices: false,
		damage_noted_at_close: false,
	}
}

fn shock_at(hours_after_pickup: u64) -> LegState {
	LegState::Excursion { kind: Excursion::Shock, at: T0 + hours_after_pickup * HOUR }
}

fn delivery(receipt: Receipt, reservation: bool) -> DeliveryFact {
	DeliveryFact {
		fact: fact(FactKind::Checkpoint, 99),
		at: DELIVERED,
		receipt,
		reservation,
		carrier: CARRIER_B,
		media: false,
		by_shipper: false,
	}
}

fn item(code: &str, mode: DamageMode, required: bool, outcome: ItemOutcome) -> ItemFact {
	ItemFact { code: code.as_bytes().to_vec(), damage_mode: mode, required, outcome }
}

fn attestation(
	n: u8,
	agency: OrgId,
	purpose: InspectionPurpose,
	conformant: bool,
	items: Vec<ItemFact>,
) -> AttestationFact {
	AttestationFact {
		fact: fact(FactKind::Attestation, n),
		agency,
		purpose,
		order: None,
		packaging_certified: false,
		durable_good: false,
		// Notarized in its own block, before the pickup's (block 10).
		recorded_block: u64::from(n),
		// Hours into the day before the pickup; a dispute re-inspection the day after delivery.
		inspected_at: if purpose == InspectionPurpose::DisputeReinspection {
			DELIVERED + DAY + u64::from(n) * HOUR
		} else {
			T0 - DAY + u64::from(n) * HOUR
		},
		unit_level: true,
		conformant,
		admissible: true,
		in_force: true,
		items,
	}
}

/// A sound pre-shipment attestation of glassware.
fn pre_shipment() -> AttestationFact {
	attestation(
		1,
		AGENCY,
		InspectionPurpose::PreShipment,
		true,
		vec![item("CHIPS", DamageMode::Mechanical, true, ItemOutcome::Pass)],
	)
}

/// Glassware broken in transit: pre-shipment attestation sound, two clean legs, delivered
/// with a reservation co-signed by the courier, reported the same day.
fn transit_case() -> DisputeFacts {
	DisputeFacts {
		claim: ClaimKind::TransitDamage,
		unit: H256::repeat_byte(0x0f),
		merchant: MERCHANT,
		alleged_items: vec![],
		damage_mode: DamageMode::Mechanical,
		discovered_at: DELIVERED + HOUR,
		reported_at: DELIVERED + 2 * HOUR,
		amount: cny(10_000),
		shipment: Some(ShipmentFact {
			fact: fact(FactKind::Checkpoint, 0xaa),
			legs: vec![leg(0, CARRIER_A, LegState::Clean), leg(1, CARRIER_B, LegState::Clean)],
			delivery: Some(delivery(Receipt::ConsigneeSigned, true)),
			pickup_reservation: false,
			temperature_sensitive: false,
			handover_tolerance_ms: HOUR,
			logger_required: false,
			declared_value: cny(1_000_000),
			fraud_signal: false,
			force_majeure: false,
		}),
		attestations: vec![pre_shipment()],
	}
}

fn cny(minor_units: u128) -> Money {
	Money { currency: *b"CNY", minor_units }
}

fn shipment(facts: &mut DisputeFacts) -> &mut ShipmentFact {
	facts.shipment.as_mut().unwrap()
}

fn decide(facts: &DisputeFacts) -> Verdict {
	let verdict = evaluate(&rule_set(), facts);
	assert_shares_are_whole(&verdict);
	verdict
}

fn assert_shares_are_whole(verdict: &Verdict) {
	if let Decision::Liable(shares) = &verdict.decision {
		assert!(!shares.is_empty());
		let total: u64 = shares.iter().map(|s| u64::from(s.share.deconstruct())).sum();
		assert_eq!(total, 1_000_000, "shares sum to 100 %: {verdict:?}");
	}
}

fn liable(org: OrgId) -> Decision {
	Decision::Liable(vec![Share { org, share: Permill::one() }])
}

fn escalate(reason: EscalationReason) -> Decision {
	Decision::Escalate(reason)
}

#[track_caller]
fn check(facts: &DisputeFacts, decision: Decision, fired: RuleId) -> Verdict {
	let verdict = decide(facts);
	assert_eq!(verdict.decision, decision, "{verdict:?}");
	assert!(verdict.rules.contains(&fired), "{fired:?} fires: {verdict:?}");
	verdict
}

#[track_caller]
fn near_miss(facts: &DisputeFacts, not_fired: RuleId) -> Verdict {
	let verdict = decide(facts);
	assert!(!verdict.rules.contains(&not_fired), "{not_fired:?} does not fire: {verdict:?}");
	verdict
}

// ---- transit ------------------------------------------------------------------------------

#[test]
fn t1_one_leg_with_an_excursion_is_its_custodians() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	let verdict = check(&facts, liable(CARRIER_B), RuleId::T1);
	assert_eq!(verdict.rules, vec![RuleId::D3, RuleId::T1]);
	assert!(verdict.facts.contains(&fact(FactKind::Checkpoint, 1)), "the breached leg is cited");
	assert!(verdict.facts.contains(&fact(FactKind::Attestation, 1)), "the attestation is cited");
	// Near miss: a thermal excursion does not explain mechanical damage.
	shipment(&mut facts).legs[1].state =
		LegState::Excursion { kind: Excursion::Temperature, at: T0 + 15 * HOUR };
	let verdict = near_miss(&facts, RuleId::T1);
	assert_eq!(verdict.decision, escalate(EscalationReason::UnrelatedExcursion));
}

#[test]
fn a_harmless_excursion_first_never_hides_a_later_shock() {
	// The second leg went humid first and then took a drop: its state names the first
	// excursion, but every kind it saw counts.
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state =
		LegState::Excursion { kind: Excursion::Humidity, at: T0 + 11 * HOUR };
	shipment(&mut facts).legs[1].excursions =
		vec![(Excursion::Humidity, T0 + 11 * HOUR), (Excursion::Shock, T0 + 15 * HOUR)];
	check(&facts, liable(CARRIER_B), RuleId::T1);
	// Near miss: humidity alone does not explain mechanical damage.
	shipment(&mut facts).legs[1].excursions.truncate(1);
	let verdict = near_miss(&facts, RuleId::T1);
	assert_eq!(verdict.decision, escalate(EscalationReason::UnrelatedExcursion));
}

#[test]
fn t1_needs_a_unit_level_attestation_of_soundness() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	facts.attestations[0].conformant = false;
	let verdict = near_miss(&facts, RuleId::T1);
	assert_eq!(verdict.decision, escalate(EscalationReason::NoEvidenceOfSoundness));
}

#[test]
fn t1_counts_only_an_attestation_made_before_the_first_pickup() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	// Called pre-shipment, but made an hour after the pickup.
	facts.attestations[0].inspected_at = T0 + HOUR;
	let verdict = near_miss(&facts, RuleId::T1);
	assert_eq!(verdict.decision, escalate(EscalationReason::NoEvidenceOfSoundness));
	facts.attestations[0].inspected_at = T0;
	check(&facts, liable(CARRIER_B), RuleId::T1);
}

#[test]
fn t1_counts_only_an_attestation_notarized_by_the_pickup_block() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	// It states an inspection the day before the pickup, but was notarized in a block after
	// the pickup's: dated back, it proves nothing about the unit before transit.
	facts.attestations[0].recorded_block = 11;
	let verdict = near_miss(&facts, RuleId::T1);
	assert_eq!(verdict.decision, escalate(EscalationReason::NoEvidenceOfSoundness));
	facts.attestations[0].recorded_block = 10;
	check(&facts, liable(CARRIER_B), RuleId::T1);
}

#[test]
fn t1_is_blocked_by_a_later_failing_inspection_before_delivery() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	let mut failed = attestation(
		2,
		OTHER_AGENCY,
		InspectionPurpose::AtPickup,
		false,
		vec![item("CHIPS", DamageMode::Mechanical, true, ItemOutcome::Fail)],
	);
	failed.inspected_at = T0 + 5 * HOUR;
	facts.attestations.push(failed);
	let verdict = near_miss(&facts, RuleId::T1);
	assert_eq!(verdict.decision, escalate(EscalationReason::ContradictingAttestations));
	assert!(verdict.facts.contains(&fact(FactKind::Attestation, 2)));
	// Near miss: a failing inspection after the delivery does not contradict soundness
	// before transit.
	facts.attestations[1].inspected_at = DELIVERED + HOUR;
	check(&facts, liable(CARRIER_B), RuleId::T1);
}

#[test]
fn a_delivery_the_shipper_recorded_binds_neither_the_consumer_nor_the_carriers() {
	// D3 needs the courier's co-signature: the shipper's own reservation is none.
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	shipment(&mut facts).delivery.as_mut().unwrap().by_shipper = true;
	let verdict = check(&facts, liable(CARRIER_B), RuleId::T1);
	assert!(!verdict.rules.contains(&RuleId::D3), "{verdict:?}");
	// D1 and P3 do not reject a late claim on the shipper's own "signed" record: the
	// transit rules decide (clean legs, packaging not certified: T5).
	let mut late = transit_case();
	{
		let delivery = shipment(&mut late).delivery.as_mut().unwrap();
		delivery.reservation = false;
		delivery.by_shipper = true;
	}
	late.reported_at = DELIVERED + 3 * DAY;
	let verdict = near_miss(&late, RuleId::D1);
	assert!(!verdict.rules.contains(&RuleId::P3));
	assert_eq!(verdict.decision, liable(MERCHANT));
	let delivery = shipment(&mut late).delivery.clone().unwrap();
	assert!(!confirms_delivery(&rule_set(), &delivery, DELIVERED + 3 * DAY));
	// Near miss: the same record by the carrier binds.
	shipment(&mut late).delivery.as_mut().unwrap().by_shipper = false;
	check(&late, Decision::Rejected, RuleId::D1);
	let delivery = shipment(&mut late).delivery.clone().unwrap();
	assert!(confirms_delivery(&rule_set(), &delivery, DELIVERED + 3 * DAY));
}

#[test]
fn t2_several_excursions_split_equally_or_escalate() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[0].state = shock_at(5);
	shipment(&mut facts).legs[1].state = shock_at(15);
	let verdict = check(
		&facts,
		Decision::Liable(vec![
			Share { org: CARRIER_A, share: Permill::from_percent(50) },
			Share { org: CARRIER_B, share: Permill::from_percent(50) },
		]),
		RuleId::T2,
	);
	assert!(!verdict.rules.contains(&RuleId::T1));
	let escalating = RuleSet { split: SplitFormula::Escalate, ..rule_set() };
	assert_eq!(
		evaluate(&escalating, &facts).decision,
		escalate(EscalationReason::SeveralExcursions)
	);
	// Three custodians: the remainder goes to the earliest excursion.
	shipment(&mut facts).legs.push(leg(2, 50, shock_at(25)));
	shipment(&mut facts).legs[0].state = shock_at(6);
	let Decision::Liable(shares) = decide(&facts).decision else { panic!("liable") };
	assert_eq!(shares[0], Share { org: CARRIER_A, share: Permill::from_parts(333_334) });
	// Near miss: one excursion only.
	shipment(&mut facts).legs.truncate(2);
	shipment(&mut facts).legs[0].state = LegState::Clean;
	near_miss(&facts, RuleId::T2);
}

#[test]
fn t2_engine_2_counts_breached_legs_engine_1_custodians() {
	// Carrier A breaks the envelope on the first and the third leg, carrier B on the second.
	let mut facts = transit_case();
	shipment(&mut facts).legs[0].state = shock_at(5);
	shipment(&mut facts).legs[1].state = shock_at(15);
	shipment(&mut facts).legs.push(leg(2, CARRIER_A, shock_at(25)));
	// Carrier A delivers, after its second leg.
	let delivery = shipment(&mut facts).delivery.as_mut().unwrap();
	delivery.at = DELIVERED + 10 * HOUR;
	delivery.carrier = CARRIER_A;
	facts.discovered_at = DELIVERED + 11 * HOUR;
	facts.reported_at = DELIVERED + 12 * HOUR;
	let shares =
		|version, facts: &DisputeFacts| match evaluate_with(version, &rule_set(), facts).decision {
			Decision::Liable(shares) => shares,
			other => panic!("engine {version}: liable, got {other:?}"),
		};
	// Engine 1 (disputes opened before spec 102): one share per custodian.
	assert_eq!(
		shares(1, &facts),
		vec![
			Share { org: CARRIER_A, share: Permill::from_percent(50) },
			Share { org: CARRIER_B, share: Permill::from_percent(50) },
		]
	);
	// Engine 2: one share per breached leg, the remainder to the earliest excursion.
	assert_eq!(
		shares(2, &facts),
		vec![
			Share { org: CARRIER_A, share: Permill::from_parts(666_667) },
			Share { org: CARRIER_B, share: Permill::from_parts(333_333) },
		]
	);
	assert_eq!(evaluate(&rule_set(), &facts), evaluate_with(CURRENT_ENGINE, &rule_set(), &facts));
	// Both fire T2 and use the same facts; only the split differs.
	let (one, two) = (evaluate_with(1, &rule_set(), &facts), evaluate_with(2, &rule_set(), &facts));
	assert_eq!((one.rules, one.facts), (two.rules, two.facts));
	// Near miss: one breached leg per custodian splits the same under both engines.
	shipment(&mut facts).legs[2].state = LegState::Clean;
	assert_eq!(shares(1, &facts), shares(2, &facts));
}

#[test]
fn an_engine_this_runtime_does_not_carry_escalates() {
	let facts = transit_case();
	for retired in [0, CURRENT_ENGINE + 1, EngineVersion::MAX] {
		let verdict = evaluate_with(retired, &rule_set(), &facts);
		assert_eq!(verdict.decision, escalate(EscalationReason::EngineRetired));
		assert!(verdict.rules.is_empty() && verdict.facts.is_empty());
	}
	for carried in ENGINE_VERSIONS {
		assert_ne!(
			evaluate_with(carried, &rule_set(), &facts).decision,
			escalate(EscalationReason::EngineRetired)
		);
	}
}

#[test]
fn t3_no_usable_data_and_one_carrier_is_that_carriers() {
	let mut facts = transit_case();
	shipment(&mut facts).legs =
		vec![leg(0, CARRIER_A, LegState::NoData), leg(1, CARRIER_A, LegState::NoData)];
	check(&facts, liable(CARRIER_A), RuleId::T3);
	// Near miss: two carriers without data.
	shipment(&mut facts).legs[1].custodian = CARRIER_B;
	let verdict = near_miss(&facts, RuleId::T3);
	assert_eq!(verdict.decision, escalate(EscalationReason::IncompleteSensorData));
}

#[test]
fn t4_a_pickup_reservation_cosigned_by_the_shipper_is_the_merchants() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	shipment(&mut facts).pickup_reservation = true;
	check(&facts, liable(MERCHANT), RuleId::T4);
	shipment(&mut facts).pickup_reservation = false;
	near_miss(&facts, RuleId::T4);
}

#[test]
fn damage_noted_at_a_handover_keeps_the_legs_after_it_out() {
	// The second carrier noted damage when it took the parcel over and the first carrier
	// acknowledged it: the shock later on the second leg did not cause it. Leg 0 is clean,
	// so the packing is what failed (T5).
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	shipment(&mut facts).legs[0].damage_noted_at_close = true;
	let verdict = check(&facts, liable(MERCHANT), RuleId::T5);
	assert!(!verdict.rules.contains(&RuleId::T1));
	assert!(verdict.facts.contains(&fact(FactKind::Checkpoint, 0)), "the noted leg is cited");
	// With no data from the first carrier, the damage is its own (T9: withheld data).
	shipment(&mut facts).logger_required = true;
	shipment(&mut facts).legs[0].state = LegState::NoData;
	check(&facts, liable(CARRIER_A), RuleId::T9);
	// Near miss: without the note the shock on the second leg decides.
	shipment(&mut facts).legs[0].damage_noted_at_close = false;
	shipment(&mut facts).legs[0].state = LegState::Clean;
	check(&facts, liable(CARRIER_B), RuleId::T1);
}

#[test]
fn t5_and_t6_clean_legs_turn_on_the_packaging() {
	let mut facts = transit_case();
	check(&facts, liable(MERCHANT), RuleId::T5);
	// The agency found the packaging certified at the pre-shipment inspection.
	facts.attestations[0].packaging_certified = true;
	let verdict = check(&facts, escalate(EscalationReason::CertifiedPackagingDamaged), RuleId::T6);
	assert!(!verdict.rules.contains(&RuleId::T5));
	assert!(verdict.facts.contains(&fact(FactKind::Attestation, 1)), "the certification is cited");
	// Near miss: a certification found only after the pickup is not the packing it left in.
	let mut late = facts.clone();
	late.attestations[0].inspected_at = T0 + HOUR;
	check(&late, liable(MERCHANT), RuleId::T5);
	// Near miss for both: one leg has no data.
	shipment(&mut facts).legs[0].state = LegState::NoData;
	let verdict = near_miss(&facts, RuleId::T6);
	assert!(!verdict.rules.contains(&RuleId::T5));
}

#[test]
fn t7_freezing_a_temperature_sensitive_item_is_the_custodians_whatever_the_duration() {
	let mut facts = transit_case();
	facts.claim = ClaimKind::TemperatureAbuse;
	facts.damage_mode = DamageMode::Thermal;
	shipment(&mut facts).temperature_sensitive = true;
	shipment(&mut facts).legs[0].state =
		LegState::Excursion { kind: Excursion::Freeze, at: T0 + 2 * HOUR };
	check(&facts, liable(CARRIER_A), RuleId::T7);
	// A freeze is not apparent at delivery: a clean signed receipt and a late report do not
	// shield the custodian (no D1, D2 or P3 for temperature abuse).
	let mut signed_clean = facts.clone();
	let receipt = shipment(&mut signed_clean).delivery.as_mut().unwrap();
	receipt.reservation = false;
	receipt.receipt = Receipt::ConsigneeSigned;
	let delivered_at = receipt.at;
	signed_clean.reported_at = delivered_at + 30 * 24 * HOUR;
	let verdict = evaluate(&rule_set(), &signed_clean);
	assert_eq!(verdict.decision, liable(CARRIER_A));
	assert_eq!(verdict.rules, vec![RuleId::T7]);
	// Near miss: the profile does not watch temperature.
	shipment(&mut facts).temperature_sensitive = false;
	near_miss(&facts, RuleId::T7);
}

#[test]
fn t9_a_gap_with_clean_neighbours_is_the_custodians() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[0].state = LegState::Gap;
	check(&facts, liable(CARRIER_A), RuleId::T9);
	shipment(&mut facts).legs[1].state = LegState::NoData;
	let verdict = near_miss(&facts, RuleId::T9);
	assert_eq!(verdict.decision, escalate(EscalationReason::IncompleteSensorData));
}

#[test]
fn t9_a_leg_without_data_where_a_logger_is_required_is_withheld_data() {
	let mut facts = transit_case();
	shipment(&mut facts).logger_required = true;
	shipment(&mut facts).legs[0].state = LegState::NoData;
	check(&facts, liable(CARRIER_A), RuleId::T9);
	// Near miss: a profile that watches nothing asks for no logger.
	shipment(&mut facts).logger_required = false;
	let verdict = near_miss(&facts, RuleId::T9);
	assert_eq!(verdict.decision, escalate(EscalationReason::IncompleteSensorData));
}

#[test]
fn t10_an_excursion_at_a_handover_escalates() {
	let mut facts = transit_case();
	// Leg 1 opens at T0 + 10 h; tolerance one hour.
	shipment(&mut facts).legs[1].state = shock_at(10);
	check(&facts, escalate(EscalationReason::ExcursionAtHandover), RuleId::T10);
	shipment(&mut facts).legs[1].state =
		LegState::Excursion { kind: Excursion::Shock, at: T0 + 11 * HOUR + 1 };
	near_miss(&facts, RuleId::T10);
	// The end of leg 0 is a handover too; the start of the first leg is not.
	shipment(&mut facts).legs[1].state = LegState::Clean;
	shipment(&mut facts).legs[0].state = shock_at(10);
	check(&facts, escalate(EscalationReason::ExcursionAtHandover), RuleId::T10);
	shipment(&mut facts).legs[0].state = shock_at(0);
	near_miss(&facts, RuleId::T10);
}

// ---- delivery and receipt -----------------------------------------------------------------

#[test]
fn d1_and_p3_apparent_damage_after_the_objection_window_is_rejected() {
	let mut facts = transit_case();
	shipment(&mut facts).delivery = Some(delivery(Receipt::ConsigneeSigned, false));
	facts.reported_at = DELIVERED + 2 * DAY + 1;
	let verdict = check(&facts, Decision::Rejected, RuleId::D1);
	assert!(verdict.rules.contains(&RuleId::P3));
	facts.reported_at = DELIVERED + 2 * DAY;
	near_miss(&facts, RuleId::D1);
	near_miss(&facts, RuleId::P3);
}

#[test]
fn d1_confirms_a_clean_signed_delivery_without_a_dispute() {
	let signed = delivery(Receipt::ConsigneeSigned, false);
	assert!(confirms_delivery(&rule_set(), &signed, DELIVERED + 2 * DAY + 1));
	assert!(!confirms_delivery(&rule_set(), &signed, DELIVERED + 2 * DAY));
	assert!(!confirms_delivery(&rule_set(), &delivery(Receipt::ConsigneeSigned, true), u64::MAX));
	assert!(!confirms_delivery(&rule_set(), &delivery(Receipt::Unsigned, false), u64::MAX));
}

#[test]
fn d2_a_clean_signed_receipt_presumes_sound_delivery_unless_delivery_media_rebut_it() {
	let mut facts = transit_case();
	shipment(&mut facts).delivery = Some(delivery(Receipt::ConsentedProxy, false));
	check(&facts, Decision::Rejected, RuleId::D2);
	// Photos recorded with the delivery checkpoint, not the claimant's say-so.
	shipment(&mut facts).delivery.as_mut().unwrap().media = true;
	check(&facts, escalate(EscalationReason::DeliveryReceiptRebutted), RuleId::D2);
	shipment(&mut facts).delivery = Some(delivery(Receipt::ConsigneeSigned, true));
	near_miss(&facts, RuleId::D2);
}

#[test]
fn d3_a_reservation_at_delivery_goes_on_to_the_transit_rules() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[0].state = shock_at(3);
	let verdict = check(&facts, liable(CARRIER_A), RuleId::D3);
	assert_eq!(verdict.rules, vec![RuleId::D3, RuleId::T1]);
	shipment(&mut facts).delivery = Some(delivery(Receipt::Unsigned, false));
	near_miss(&facts, RuleId::D3);
}

#[test]
fn d4_a_receipt_that_does_not_bind_leaves_prompt_damage_with_the_last_carrier() {
	let mut facts = transit_case();
	for receipt in [Receipt::LockerWithoutConsent, Receipt::Unsigned] {
		shipment(&mut facts).delivery = Some(delivery(receipt, false));
		check(&facts, liable(CARRIER_B), RuleId::D4);
	}
	// Reported late: the transit rules decide (all clean, unpacked for the SKU → merchant).
	facts.reported_at = DELIVERED + 3 * DAY;
	let verdict = check(&facts, liable(MERCHANT), RuleId::T5);
	assert!(verdict.rules.contains(&RuleId::D4));
	shipment(&mut facts).delivery = Some(delivery(Receipt::LockerWithConsent, false));
	near_miss(&facts, RuleId::D4);
}

#[test]
fn d5_no_delivery_checkpoint_means_not_received_by_the_last_carrier() {
	let mut facts = transit_case();
	facts.claim = ClaimKind::NotReceived;
	shipment(&mut facts).delivery = None;
	check(&facts, liable(CARRIER_B), RuleId::D5);
	shipment(&mut facts).delivery = Some(delivery(Receipt::ConsigneeSigned, false));
	let verdict = near_miss(&facts, RuleId::D5);
	assert_eq!(verdict.decision, escalate(EscalationReason::ReceiptContradictsClaim));
	shipment(&mut facts).delivery = Some(delivery(Receipt::Unsigned, false));
	check(&facts, liable(CARRIER_B), RuleId::D4);
	// Near miss: no carrier ever picked the parcel up, so no leg is anybody's custody.
	shipment(&mut facts).delivery = None;
	shipment(&mut facts).legs.clear();
	let verdict = near_miss(&facts, RuleId::D5);
	assert_eq!(verdict.decision, escalate(EscalationReason::NoShipmentRecord));
}

// ---- admissibility ------------------------------------------------------------------------

#[test]
fn p1_inadmissible_facts_are_set_aside_and_a_needed_one_escalates() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	facts.attestations[0].admissible = false;
	check(&facts, escalate(EscalationReason::NeededFactExcluded), RuleId::P1);
	facts.attestations[0].admissible = true;
	near_miss(&facts, RuleId::P1);
	// A digest of a withdrawn device set aside on the first leg: the shock on the second no
	// longer decides, as no rule can tell the first leg was clean.
	shipment(&mut facts).legs[0].data_excluded = true;
	check(&facts, escalate(EscalationReason::NeededFactExcluded), RuleId::P1);
	// Near miss: the excluded data belongs to a leg after the handover where the damage was
	// noted, which no transit rule reads; the first leg's shock decides.
	shipment(&mut facts).legs[0].data_excluded = false;
	shipment(&mut facts).legs[0].state = shock_at(5);
	shipment(&mut facts).legs[0].damage_noted_at_close = true;
	shipment(&mut facts).legs[1].data_excluded = true;
	let verdict = decide(&facts);
	assert_eq!(verdict.decision, liable(CARRIER_A), "{verdict:?}");
}

#[test]
fn p2_revoked_or_superseded_attestations_are_set_aside() {
	let mut facts = transit_case();
	shipment(&mut facts).legs[1].state = shock_at(15);
	facts.attestations[0].in_force = false;
	check(&facts, escalate(EscalationReason::NeededFactExcluded), RuleId::P2);
	// A corrected attestation in force decides instead.
	let mut corrected = pre_shipment();
	corrected.fact = fact(FactKind::Attestation, 2);
	facts.attestations.push(corrected);
	let verdict = check(&facts, liable(CARRIER_B), RuleId::P2);
	assert!(!verdict.facts.contains(&fact(FactKind::Attestation, 1)));
	facts.attestations[0].in_force = true;
	near_miss(&facts, RuleId::P2);
}

#[test]
fn always_escalate_fraud_force_majeure_conflicting_devices_and_the_value_cap() {
	let mut facts = transit_case();
	shipment(&mut facts).fraud_signal = true;
	assert_eq!(decide(&facts).decision, escalate(EscalationReason::FraudSignal));
	shipment(&mut facts).fraud_signal = false;
	shipment(&mut facts).force_majeure = true;
	assert_eq!(decide(&facts).decision, escalate(EscalationReason::ForceMajeure));
	shipment(&mut facts).force_majeure = false;
	shipment(&mut facts).legs[0].conflicting_devices = true;
	assert_eq!(decide(&facts).decision, escalate(EscalationReason::ConflictingDevices));
	shipment(&mut facts).legs[0].conflicting_devices = false;
	facts.amount = cny(1_000_001);
	assert_eq!(decide(&facts).decision, escalate(EscalationReason::AboveDeclaredValue));
	// The cap compares like with like: a claim in another currency goes to a human.
	facts.amount = Money { currency: *b"EUR", minor_units: 1 };
	assert_eq!(decide(&facts).decision, escalate(EscalationReason::CurrencyMismatch));
	facts.amount = cny(1_000_000);
	assert_eq!(decide(&facts).decision, liable(MERCHANT));
}

// ---- inspection and product defects -------------------------------------------------------

/// A dead appliance: the pre-shipment attestation passed POWER-ON with a value, transit clean,
/// a re-inspection by another agency fails it.
fn appliance_case() -> DisputeFacts {
	let mut facts = transit_case();
	facts.claim = ClaimKind::DefectOnArrival;
	facts.damage_mode = DamageMode::Functional;
	facts.alleged_items = vec![b"POWER-ON".to_vec()];
	shipment(&mut facts).delivery = Some(delivery(Receipt::ConsigneeSigned, false));
	facts.attestations = vec![
		AttestationFact {
			// An appliance: its protocol's category is a durable good.
			durable_good: true,
			..attestation(
				1,
				AGENCY,
				InspectionPurpose::PreShipment,
				true,
				vec![
					item("POWER-ON", DamageMode::Functional, true, ItemOutcome::Pass),
					item("SCRATCHES", DamageMode::Cosmetic, false, ItemOutcome::NotTested),
				],
			)
		},
		attestation(
			2,
			OTHER_AGENCY,
			InspectionPurpose::DisputeReinspection,
			false,
			vec![item("POWER-ON", DamageMode::Functional, true, ItemOutcome::Fail)],
		),
	];
	facts
}

#[test]
fn i4_a_pass_contradicted_by_another_agencys_reinspection_is_the_first_agencys() {
	let mut facts = appliance_case();
	let verdict = check(&facts, liable(AGENCY), RuleId::I4);
	// The agency contests by challenging: the escalation names it; the merchant's or a
	// carrier's challenge does not.
	let Decision::Liable(shares) = &verdict.decision else { unreachable!() };
	let reason = |who| challenge_reason(&verdict.rules, shares, 1, MERCHANT, who);
	assert_eq!(reason(AGENCY), Some(EscalationReason::AgencyContests));
	assert_eq!(reason(CARRIER_A), None);
	// Near miss: the re-inspection is by the same agency.
	facts.attestations[1].agency = AGENCY;
	near_miss(&facts, RuleId::I4);
}

#[test]
fn i5_a_matching_transit_breach_hands_the_case_to_the_transit_rules() {
	let mut facts = appliance_case();
	facts.damage_mode = DamageMode::Mechanical;
	facts.attestations[0].items[0].damage_mode = DamageMode::Mechanical;
	shipment(&mut facts).legs[0].state = shock_at(4);
	let verdict = check(&facts, liable(CARRIER_A), RuleId::I5);
	assert!(verdict.rules.contains(&RuleId::T1));
	// Near miss: a functional fault is not explained by a shock.
	let mut functional = appliance_case();
	shipment(&mut functional).legs[0].state = shock_at(4);
	near_miss(&functional, RuleId::I5);
}

#[test]
fn i5_reads_the_damage_of_the_failing_items_not_the_claims() {
	// A dead appliance called "mechanical" by the claimant to pull in the carrier of a
	// shocked leg: the failing item is functional, so I5 does not hand it to the transit rules.
	let mut facts = appliance_case();
	facts.damage_mode = DamageMode::Mechanical;
	shipment(&mut facts).legs[0].state = shock_at(4);
	let verdict = near_miss(&facts, RuleId::I5);
	assert_eq!(verdict.decision, escalate(EscalationReason::IncompleteSensorData));
	// Near miss: a failing item of mechanical damage does.
	facts.damage_mode = DamageMode::Functional;
	facts.attestations[0].items[0].damage_mode = DamageMode::Mechanical;
	check(&facts, liable(CARRIER_A), RuleId::I5);
}

#[test]
fn the_order_of_alleged_items_never_changes_the_verdict() {
	// An optional item left untested (I2) and a passed item nobody re-inspected (I8 for a
	// durable good): listed either way round, the same rule decides.
	let mut facts = appliance_case();
	facts.attestations.truncate(1);
	facts.alleged_items = vec![b"POWER-ON".to_vec(), b"SCRATCHES".to_vec()];
	let verdict = check(&facts, liable(MERCHANT), RuleId::I2);
	facts.alleged_items.reverse();
	assert_eq!(decide(&facts), verdict);
	facts.alleged_items.push(b"SCRATCHES".to_vec());
	assert_eq!(decide(&facts), verdict, "a repeated item changes nothing");
}

#[test]
fn i1_an_item_outside_the_protocol_is_the_merchants() {
	let mut facts = appliance_case();
	facts.alleged_items = vec![b"BATTERY-LIFE".to_vec()];
	check(&facts, liable(MERCHANT), RuleId::I1);
	facts.alleged_items = vec![b"POWER-ON".to_vec()];
	near_miss(&facts, RuleId::I1);
}

#[test]
fn i2_an_optional_item_left_untested_is_the_merchants() {
	let mut facts = appliance_case();
	facts.attestations[0].items[0] =
		item("POWER-ON", DamageMode::Functional, false, ItemOutcome::NotTested);
	check(&facts, liable(MERCHANT), RuleId::I2);
	facts.attestations[0].items[0].outcome = ItemOutcome::NotApplicable;
	check(&facts, liable(MERCHANT), RuleId::I2);
	facts.attestations[0].items[0].outcome = ItemOutcome::Pass;
	near_miss(&facts, RuleId::I2);
}

#[test]
fn i6_a_lot_pass_says_nothing_about_this_unit() {
	let mut facts = appliance_case();
	facts.attestations = vec![AttestationFact { unit_level: false, ..pre_shipment() }];
	check(&facts, liable(MERCHANT), RuleId::I6);
	facts.attestations[0].unit_level = true;
	near_miss(&facts, RuleId::I6);
}

#[test]
fn i7_contradicting_accredited_attestations_escalate() {
	let mut facts = appliance_case();
	facts.attestations[1] = attestation(
		3,
		OTHER_AGENCY,
		InspectionPurpose::AtPickup,
		false,
		vec![item("POWER-ON", DamageMode::Functional, true, ItemOutcome::Fail)],
	);
	check(&facts, escalate(EscalationReason::ContradictingAttestations), RuleId::I7);
	facts.attestations[1].items[0].outcome = ItemOutcome::Pass;
	near_miss(&facts, RuleId::I7);
}

#[test]
fn i8_a_durable_goods_defect_within_six_months_is_the_merchants() {
	let mut facts = appliance_case();
	facts.attestations.truncate(1);
	facts.discovered_at = DELIVERED + 180 * DAY;
	let verdict = check(&facts, liable(MERCHANT), RuleId::I8);
	let Decision::Liable(shares) = &verdict.decision else { unreachable!() };
	let reason = |who| challenge_reason(&verdict.rules, shares, 1, MERCHANT, who);
	assert_eq!(
		reason(MERCHANT),
		Some(EscalationReason::MisuseAlleged),
		"misuse is cited by challenging"
	);
	assert_eq!(reason(1), None);
	facts.discovered_at = DELIVERED + 180 * DAY + 1;
	let verdict = near_miss(&facts, RuleId::I8);
	assert_eq!(verdict.decision, escalate(EscalationReason::ReinspectionNeeded));
	facts.discovered_at = DELIVERED + DAY;
	// Near miss: the protocol's category is not a durable good.
	facts.attestations[0].durable_good = false;
	near_miss(&facts, RuleId::I8);
}

#[test]
fn i10_and_i11_a_no_reason_return_turns_on_the_intake_inspection() {
	let mut facts = transit_case();
	facts.claim = ClaimKind::NoReasonReturn;
	facts.reported_at = DELIVERED + 7 * DAY;
	facts.attestations.push(attestation(5, AGENCY, InspectionPurpose::ReturnIntake, true, vec![]));
	check(&facts, liable(MERCHANT), RuleId::I10);
	facts.attestations[1].conformant = false;
	let verdict = check(&facts, Decision::Rejected, RuleId::I11);
	// The consumer contests the refusal by challenging it (with its media as evidence).
	let reason = |who| challenge_reason(&verdict.rules, &[], 1, MERCHANT, who);
	assert_eq!(reason(1), Some(EscalationReason::ReturnContested));
	assert_eq!(reason(MERCHANT), None);
	// After seven days: P3.
	facts.reported_at = DELIVERED + 7 * DAY + 1;
	let verdict = check(&facts, Decision::Rejected, RuleId::P3);
	assert!(!verdict.rules.contains(&RuleId::I11));
	facts.reported_at = DELIVERED;
	facts.attestations.truncate(1);
	let verdict = near_miss(&facts, RuleId::I10);
	assert_eq!(verdict.decision, escalate(EscalationReason::AwaitingReturnIntake));
}

// ---- authenticity -------------------------------------------------------------------------

fn handbag_case() -> DisputeFacts {
	let mut facts = transit_case();
	facts.claim = ClaimKind::Counterfeit;
	facts.damage_mode = DamageMode::Authenticity;
	shipment(&mut facts).delivery = Some(delivery(Receipt::ConsigneeSigned, false));
	facts.attestations = vec![attestation(
		1,
		AGENCY,
		InspectionPurpose::PreShipment,
		true,
		vec![item("AUTHENTICITY", DamageMode::Authenticity, true, ItemOutcome::Pass)],
	)];
	facts
}

#[test]
fn a2_no_authentication_attestation_is_the_merchants() {
	let mut facts = handbag_case();
	facts.attestations.clear();
	check(&facts, liable(MERCHANT), RuleId::A2);
	near_miss(&handbag_case(), RuleId::A2);
}

#[test]
fn a1_an_authenticated_unit_needs_re_authentication_by_another_agency() {
	let mut facts = handbag_case();
	check(&facts, escalate(EscalationReason::ReAuthenticationNeeded), RuleId::A1);
	let second = |outcome| {
		attestation(
			2,
			OTHER_AGENCY,
			InspectionPurpose::DisputeReinspection,
			outcome == ItemOutcome::Pass,
			vec![item("AUTHENTICITY", DamageMode::Authenticity, true, outcome)],
		)
	};
	facts.attestations.push(second(ItemOutcome::Fail));
	check(&facts, liable(AGENCY), RuleId::A1);
	facts.attestations[1] = second(ItemOutcome::Pass);
	check(&facts, Decision::Rejected, RuleId::A1);
	// Near miss: no authenticity item passed.
	facts.attestations[0].items[0].outcome = ItemOutcome::NotTested;
	near_miss(&facts, RuleId::A1);
}

// ---- properties ---------------------------------------------------------------------------

mod properties {
	use super::*;
	use proptest::prelude::*;

	fn any_state() -> impl Strategy<Value = LegState> {
		prop_oneof![
			Just(LegState::NoData),
			Just(LegState::Clean),
			Just(LegState::Gap),
			(0u8..4, 0u64..30).prop_map(|(kind, hours)| LegState::Excursion {
				kind: [
					Excursion::Temperature,
					Excursion::Freeze,
					Excursion::Shock,
					Excursion::Humidity
				][kind as usize],
				at: T0 + hours * HOUR,
			}),
		]
	}

	fn any_outcome() -> impl Strategy<Value = ItemOutcome> {
		prop_oneof![
			Just(ItemOutcome::Pass),
			Just(ItemOutcome::Fail),
			Just(ItemOutcome::NotTested),
			Just(ItemOutcome::NotApplicable),
		]
	}

	fn any_attestation() -> impl Strategy<Value = AttestationFact> {
		(
			any::<u8>(),
			40u32..43,
			0u8..4,
			any::<[bool; 4]>(),
			any_outcome(),
			0u8..7,
			any::<bool>(),
			0u64..48,
		)
			.prop_map(|(n, agency, purpose, flags, outcome, mode, required, hours)| {
				AttestationFact {
					fact: fact(FactKind::Attestation, n),
					agency,
					order: None,
					packaging_certified: flags[1] && required,
					recorded_block: hours / 4,
					durable_good: flags[0] || required,
					// From a day before the pickup to the delivery and beyond.
					inspected_at: T0 - DAY + hours * HOUR,
					purpose: [
						InspectionPurpose::PreShipment,
						InspectionPurpose::AtPickup,
						InspectionPurpose::ReturnIntake,
						InspectionPurpose::DisputeReinspection,
					][purpose as usize],
					unit_level: flags[0],
					conformant: flags[1],
					admissible: flags[2],
					in_force: flags[3],
					items: vec![item(
						["POWER-ON", "AUTHENTICITY"][(mode % 2) as usize],
						ALL_MODES[mode as usize],
						required,
						outcome,
					)],
				}
			})
	}

	const ALL_MODES: [DamageMode; 7] = [
		DamageMode::Mechanical,
		DamageMode::Thermal,
		DamageMode::Electrical,
		DamageMode::Functional,
		DamageMode::Cosmetic,
		DamageMode::Documentary,
		DamageMode::Authenticity,
	];

	const ALL_CLAIMS: [ClaimKind; 9] = [
		ClaimKind::TransitDamage,
		ClaimKind::DefectOnArrival,
		ClaimKind::NotAsDescribed,
		ClaimKind::Counterfeit,
		ClaimKind::MissingParts,
		ClaimKind::NotReceived,
		ClaimKind::TemperatureAbuse,
		ClaimKind::NoReasonReturn,
		ClaimKind::WarrantyDefect,
	];

	fn any_facts() -> impl Strategy<Value = DisputeFacts> {
		(
			(0usize..9, 0usize..7, any::<[bool; 8]>(), 0u64..400, 0u32..6),
			prop::collection::vec((20u32..24, any_state(), any::<[bool; 2]>()), 0..5),
			prop::option::of((0u8..5, any::<bool>())),
			prop::collection::vec(any_attestation(), 0..4),
			prop::collection::vec(
				prop_oneof![Just(b"POWER-ON".to_vec()), Just(b"X".to_vec())],
				0..3,
			),
		)
			.prop_map(
				|((claim, mode, flags, days, amount), legs, delivered, attestations, alleged)| {
					let mut facts = transit_case();
					facts.claim = ALL_CLAIMS[claim];
					facts.damage_mode = ALL_MODES[mode];
					facts.reported_at = DELIVERED + days * DAY / 10;
					facts.discovered_at = facts.reported_at;
					facts.amount = cny(u128::from(amount) * 300_000);
					facts.alleged_items = alleged;
					facts.attestations = attestations;
					let s = shipment(&mut facts);
					s.temperature_sensitive = flags[5];
					s.logger_required = flags[6];
					s.pickup_reservation = flags[7];
					s.legs = legs
						.into_iter()
						.enumerate()
						.map(|(i, (custodian, state, leg_flags))| LegFact {
							data_excluded: leg_flags[0],
							conflicting_devices: leg_flags[1] && i == 3,
							damage_noted_at_close: leg_flags[0] && leg_flags[1] && i < 3,
							// A second kind seen later on some legs.
							excursions: if leg_flags[0] && !leg_flags[1] {
								vec![(Excursion::Shock, T0 + (i as u64 * 10 + 5) * HOUR)]
							} else {
								Vec::new()
							},
							..leg(i as u8, custodian, state)
						})
						.collect();
					s.delivery = delivered.map(|(receipt, reservation)| {
						delivery(
							[
								Receipt::ConsigneeSigned,
								Receipt::ConsentedProxy,
								Receipt::LockerWithConsent,
								Receipt::LockerWithoutConsent,
								Receipt::Unsigned,
							][receipt as usize],
							reservation,
						)
					});
					facts
				},
			)
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(4_000))]

		/// Total and well-formed: every input gives a decision; liable shares sum to 100 %
		/// with no organisation listed twice; every cited fact is one of the inputs.
		#[test]
		fn every_dispute_gets_a_well_formed_verdict(facts in any_facts()) {
			for engine in ENGINE_VERSIONS {
				let verdict = evaluate_with(engine, &rule_set(), &facts);
				if let Decision::Liable(shares) = &verdict.decision {
					let total: u64 = shares.iter().map(|s| u64::from(s.share.deconstruct())).sum();
					prop_assert_eq!(total, 1_000_000);
					let mut orgs: Vec<OrgId> = shares.iter().map(|s| s.org).collect();
					orgs.sort();
					orgs.dedup();
					prop_assert_eq!(orgs.len(), shares.len());
				}
				let shipment = facts.shipment.as_ref().unwrap();
				for cited in &verdict.facts {
					let known = facts.attestations.iter().any(|a| a.fact == *cited) ||
						shipment.legs.iter().any(|l| l.fact == *cited) ||
						shipment.delivery.as_ref().is_some_and(|d| d.fact == *cited) ||
						shipment.fact == *cited;
					prop_assert!(known, "cited an unknown fact {:?}", cited);
				}
				let mut rules = verdict.rules.clone();
				rules.sort();
				rules.dedup();
				prop_assert_eq!(rules.len(), verdict.rules.len(), "a rule listed twice");
			}
		}

		/// Deterministic: the same facts give the same verdict, in whatever order the alleged
		/// items, the attestations and the legs come.
		#[test]
		fn the_same_facts_give_the_same_verdict(facts in any_facts(), rotate in 0usize..4) {
			for engine in ENGINE_VERSIONS {
				let evaluate = |facts: &DisputeFacts| evaluate_with(engine, &rule_set(), facts);
				let verdict = evaluate(&facts);
				prop_assert_eq!(&verdict, &evaluate(&facts.clone()));
				let mut permuted = facts.clone();
				permuted.alleged_items.reverse();
				permuted.attestations.reverse();
				let legs = &mut permuted.shipment.as_mut().unwrap().legs;
				let by = rotate % legs.len().max(1);
				legs.rotate_left(by);
				prop_assert_eq!(&verdict, &evaluate(&permuted));
			}
		}

		/// Only an organisation a rule of the claim's family can make liable is ever found
		/// liable: the pallet makes exactly those the respondents.
		#[test]
		fn only_those_answerable_for_the_claim_are_liable(facts in any_facts()) {
			for engine in ENGINE_VERSIONS {
				let verdict = evaluate_with(engine, &rule_set(), &facts);
				let shipment = facts.shipment.as_ref().unwrap();
				let mut carriers: Vec<OrgId> = shipment.legs.iter().map(|l| l.custodian).collect();
				carriers.extend(shipment.delivery.as_ref().map(|d| d.carrier));
				let answerable = answerable(facts.claim, facts.merchant, &carriers, &facts.attestations);
				if let Decision::Liable(shares) = &verdict.decision {
					for share in shares {
						prop_assert!(
							answerable.contains(&share.org),
							"{:?} liable for {:?}, answerable {:?}: {:?}",
							share.org, facts.claim, answerable, verdict
						);
					}
				}
			}
		}
	}
}

//! Disputes settled end to end on the real pallets of the `dev` runtime: the inspection agency
//! attests, carriers hand over and report sensor digests, the platform opens a dispute for its
//! consumer, and the liability pallet decides in `on_initialize` as blocks advance.
//!
//! Cast: Demo Platform (0, operator Alice//stash) opens disputes for its consumers; a merchant
//! (admin Eve) ships; Demo Carrier (2, Charlie//stash) and a second carrier (admin Ferdie)
//! carry; Demo Inspection Agency (1, Bob//stash) attests, a second agency (admin One)
//! re-inspects; Demo Arbitration (3, Dave//stash) and three more arbitrators (Two, Eve//stash,
//! Ferdie//stash) arbitrate.

mod common;

use common::NOW;
use evidence_primitives::{
	facts::{ClaimKind, DamageMode},
	merkle::readings_root,
	record_id, ContentDigest, MembershipCheck, ObjectKey, OrgId, RecordKind, Role, SensorReading,
};
use evidence_runtime::{
	genesis_config_presets::{
		demo_inspection::{demo_inspector, id},
		demo_liability,
		demo_logistics::demo_logger,
	},
	Consortium, Inspection, Liability, Logistics, Runtime, RuntimeEvent, RuntimeOrigin,
};
use frame_support::traits::Hooks;
use pallet_inspection::{
	AttestationInput, Criticality, MeasurementUnit, Outcome, Purpose, Subjects, TestItem,
	TestResult, Verdict,
};
use pallet_liability::{
	rules::{EscalationReason, RuleId, Share},
	Claim, DisputeId, DisputeStatus, Disputes, Event as LiabilityEvent,
};
use pallet_logistics::{
	sensor_digest_message, CheckpointKind, DeviceKind, Money, Observation, PackageState, Receipt,
	Reservation, SensorSummary, Shipments, ShockSummary, TemperatureSummary,
};
use sp_core::{ed25519, Pair, H256};
use sp_keyring::Sr25519Keyring as Keyring;
use sp_runtime::Permill;

const MINUTE: u64 = 60_000;
const HOUR: u64 = 60 * MINUTE;
/// Preset condition profiles.
const GENERAL: u32 = 0;
const FRAGILE: u32 = 1;
const CHILLED: u32 = 2;
/// Preset inspection protocols.
const APPLIANCE: u32 = 0;
/// Organisations of the `dev` preset.
const DEMO_PLATFORM: OrgId = 0;
const DEMO_AGENCY: OrgId = 1;
const DEMO_CARRIER: OrgId = 2;
const DEMO_ARBITRATION: OrgId = 3;

fn signed(keyring: Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(keyring.to_account_id())
}

fn code(text: &str) -> pallet_inspection::Code {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn certificate(text: &str) -> pallet_inspection::CertificateNumber {
	text.as_bytes().to_vec().try_into().unwrap()
}

/// The id the chain derives for the record `name` (its reference is `id(name)`) of the
/// organisation `owner` acts for.
fn record(kind: RecordKind, owner: Keyring, name: &str) -> H256 {
	let org = Consortium::organisation_of(&owner.to_account_id()).expect("a member");
	record_id(kind, org, id(name))
}

/// The id of inspector `name`: the second agency's (`SECOND-…`, admin One) or the demo
/// agency's.
fn inspector_id(name: &str) -> H256 {
	let agency = if name.starts_with("SECOND-") { Keyring::One } else { Keyring::BobStash };
	record(RecordKind::Inspector, agency, name)
}

/// The id of shipment `name`: the merchant's (admin Eve) or, when the demo platform shipped
/// its own goods under that name, the platform's.
fn shipment_id(name: &str) -> H256 {
	let merchant = record(RecordKind::Shipment, Keyring::Eve, name);
	let platform = record_id(RecordKind::Shipment, DEMO_PLATFORM, id(name));
	if Shipments::<Runtime>::contains_key(platform) {
		platform
	} else {
		merchant
	}
}

/// Admits an organisation with `roles` whose admin is `admin`; its id.
fn admit(name: &str, roles: Vec<Role>, admin: Keyring) -> OrgId {
	Consortium::admit_org(
		RuntimeOrigin::root(),
		name.as_bytes().to_vec(),
		roles,
		admin.to_account_id(),
	)
	.unwrap();
	Consortium::organisation_of(&admin.to_account_id()).unwrap()
}

/// The `dev` chain at block 1, with a merchant and a second carrier (with its logger)
/// admitted.
struct World {
	merchant: OrgId,
	second_carrier: OrgId,
}

fn dev_chain(test: impl FnOnce(World)) {
	common::dev_chain().execute_with(|| {
		let merchant = admin_merchant();
		let second_carrier = admit("Second Carrier", vec![Role::Carrier], Keyring::Ferdie);
		register_logger(Keyring::Ferdie, "SECOND-LOGGER-1", "//SecondCarrierLogger");
		test(World { merchant, second_carrier });
		pallet_liability::Pallet::<Runtime>::do_try_state().expect("liability invariants");
	});
}

fn admin_merchant() -> OrgId {
	admit("Demo Merchant", vec![Role::Merchant], Keyring::Eve)
}

fn register_logger(operator: Keyring, device: &str, seed: &str) {
	let key = ed25519::Pair::from_string(seed, None).unwrap();
	Logistics::register_device(
		signed(operator),
		id(device),
		DeviceKind::MultiSensor,
		code("ML-1"),
		code(device),
		key.public(),
		H256::zero(),
		NOW - 100 * 24 * HOUR,
		NOW + 100 * 24 * HOUR,
	)
	.unwrap();
}

/// Advances block by block to `n`, six seconds each, running the liability agenda.
fn advance_to(n: u32) {
	while frame_system::Pallet::<Runtime>::block_number() < n {
		let next = frame_system::Pallet::<Runtime>::block_number() + 1;
		frame_system::Pallet::<Runtime>::set_block_number(next);
		pallet_timestamp::Now::<Runtime>::mutate(|now| *now += 6_000);
		Liability::on_initialize(next);
	}
}

fn block() -> u32 {
	frame_system::Pallet::<Runtime>::block_number()
}

fn liability_events() -> Vec<LiabilityEvent<Runtime>> {
	frame_system::Pallet::<Runtime>::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Liability(event) => Some(event),
			_ => None,
		})
		.collect()
}

// ---- the facts ---------------------------------------------------------------------------

fn observation(minutes_ago: u64, reservations: Vec<Reservation>) -> Observation<Runtime> {
	Observation {
		event_time: NOW - minutes_ago * MINUTE,
		location: id("CNSHA"),
		package: Some(PackageState { seal_intact: true, gross_weight_grams: 1_800 }),
		reservations: reservations.try_into().unwrap(),
		note: None,
		media: Default::default(),
	}
}

/// What a logger saw over `[start, end)` minutes ago.
#[derive(Clone, Copy)]
enum Seen {
	/// Nothing out of the ordinary at 20 °C.
	Calm,
	/// A drop of this many milli-g.
	Drop(u32),
	/// Chilled goods kept at 5 °C.
	Chilled,
	/// Chilled goods that froze for ten minutes.
	Froze,
	/// Humid beyond the fragile profile early in the window, then a drop of this many milli-g.
	DampThenDropped(u32),
	/// The carrier submits no digest for the leg.
	Withheld,
}

fn digest(start: u64, end: u64, seen: Seen) -> SensorSummary {
	let celsius = match seen {
		Seen::Chilled | Seen::Froze => 500,
		_ => 2_000,
	};
	let readings: Vec<SensorReading> = (0..(start - end))
		.map(|n| SensorReading {
			at: NOW - (start - n) * MINUTE,
			temperature_centi_celsius: Some(celsius),
			humidity_per_mille: Some(500),
			acceleration_milli_g: Some(1_000),
		})
		.collect();
	let peak = match seen {
		Seen::Drop(peak) | Seen::DampThenDropped(peak) => peak,
		_ => 1_500,
	};
	let middle = NOW - (start + end) / 2 * MINUTE;
	let temperature = match seen {
		Seen::Chilled | Seen::Froze => Some(TemperatureSummary {
			min_centi_celsius: if matches!(seen, Seen::Froze) { -300 } else { 400 },
			max_centi_celsius: 600,
			mean_centi_celsius: 500,
			time_above_ms: 0,
			time_below_ms: 0,
			excursions: 0,
			longest_excursion_ms: 0,
			first_excursion_at: None,
			time_below_freeze_ms: if matches!(seen, Seen::Froze) { 10 * MINUTE } else { 0 },
			first_freeze_at: matches!(seen, Seen::Froze).then_some(middle),
		}),
		_ => None,
	};
	SensorSummary {
		window_start: NOW - start * MINUTE,
		window_end: NOW - end * MINUTE,
		sample_interval_ms: 60_000,
		sample_count: readings.len() as u32,
		gap_total_ms: 0,
		gap_longest_ms: 0,
		power_off_ms: 0,
		temperature,
		humidity: Some(match seen {
			Seen::DampThenDropped(_) => pallet_logistics::HumiditySummary {
				min_per_mille: 500,
				max_per_mille: 900,
				first_out_of_range_at: Some(NOW - (start - 1) * MINUTE),
			},
			_ => pallet_logistics::HumiditySummary {
				min_per_mille: 500,
				max_per_mille: 500,
				first_out_of_range_at: None,
			},
		}),
		shock: Some(ShockSummary {
			events_over_threshold: u32::from(peak >= 5_000),
			peak_milli_g: peak,
			peak_pulse_ms: 4,
			peak_at: middle,
		}),
		tilt_events: 0,
		alarm_flags: 0,
		error_flags: 0,
		readings_root: readings_root(&readings),
	}
}

/// The minutes before now a leg's digest covers: the first leg 590–400, the second 380–100
/// (380–210 when the parcel goes back to the first carrier 200 minutes ago), the third 190–100.
fn window(leg: u32, legs: u32) -> (u64, u64) {
	match (leg, legs) {
		(0, _) => (590, 400),
		(1, 2) => (380, 100),
		(1, _) => (380, 210),
		_ => (190, 100),
	}
}

#[allow(clippy::too_many_arguments)]
fn submit(
	operator: Keyring,
	shipment: H256,
	leg: u32,
	legs: u32,
	device: &str,
	seed: &str,
	seen: Seen,
) {
	if matches!(seen, Seen::Withheld) {
		return;
	}
	let (start, end) = window(leg, legs);
	let summary = digest(start, end, seen);
	let key = ed25519::Pair::from_string(seed, None).unwrap();
	let device = record(RecordKind::Device, operator, device);
	let signature = key.sign(&sensor_digest_message(&shipment, leg, &device, &summary));
	Logistics::submit_sensor_digest(signed(operator), shipment, leg, device, summary, signature)
		.unwrap();
}

/// A trip of the merchant's shipment: picked up by the demo carrier 10 h ago, handed to the
/// second carrier 6.5 h ago, delivered 30 min ago; each leg reported by its carrier's logger.
struct Trip {
	profile: u32,
	first_leg: Seen,
	second_leg: Seen,
	/// A second logger of the second carrier on the same leg, if any.
	second_leg_other_device: Option<Seen>,
	receipt: Receipt,
	reservations: Vec<Reservation>,
	/// Reservations the demo carrier notes at its pickup (checkpoint 0).
	pickup_reservations: Vec<Reservation>,
	/// Reservations the second carrier notes when it takes the parcel over (checkpoint 1).
	handover_reservations: Vec<Reservation>,
	/// Whether customs opened the parcel on the second leg, as its custodian recorded, and
	/// whether the merchant acknowledged that record.
	customs_opened: Option<Acknowledged>,
	/// A third leg: the second carrier hands the parcel back to the demo carrier 200 minutes
	/// ago, which reports it so and delivers.
	back_to_first: Option<Seen>,
}

/// Whether the side a checkpoint holds against acknowledged it.
#[derive(Clone, Copy, PartialEq)]
enum Acknowledged {
	Yes,
	No,
}

impl Trip {
	fn calm(profile: u32) -> Self {
		Trip {
			profile,
			first_leg: Seen::Calm,
			second_leg: Seen::Calm,
			second_leg_other_device: None,
			receipt: Receipt::ConsigneeSigned,
			reservations: vec![],
			pickup_reservations: vec![],
			handover_reservations: vec![],
			customs_opened: None,
			back_to_first: None,
		}
	}
}

/// The demo platform registers the order line with the merchant, which ships `unit` on
/// `trip`; the shipment's id.
fn ship(world: &World, name: &str, unit: ObjectKey, trip: Trip) -> H256 {
	let shipment = record_id(RecordKind::Shipment, world.merchant, id(name));
	Logistics::register_order(signed(Keyring::AliceStash), order_of(name), world.merchant).unwrap();
	Logistics::create_shipment(
		signed(Keyring::Eve),
		id(name),
		order_of(name),
		DEMO_PLATFORM,
		vec![unit].try_into().unwrap(),
		trip.profile,
		1,
		Money { currency: *b"CNY", minor_units: 500_000 },
		DEMO_CARRIER,
	)
	.unwrap();
	let charlie = || signed(Keyring::CharlieStash);
	let legs = if trip.back_to_first.is_some() { 3 } else { 2 };
	// The demo carrier's logger reports leg `leg`.
	let demo_carrier_reports = |leg, seen| {
		submit(
			Keyring::CharlieStash,
			shipment,
			leg,
			legs,
			"DEMO-LOGGER-001",
			"//DemoCarrierLogger",
			seen,
		)
	};
	Logistics::record_checkpoint(
		charlie(),
		shipment,
		CheckpointKind::Pickup,
		observation(600, trip.pickup_reservations),
		None,
	)
	.unwrap();
	demo_carrier_reports(0, trip.first_leg);
	Logistics::propose_handover(
		charlie(),
		shipment,
		world.second_carrier,
		NOW - 390 * MINUTE,
		id("CNSHA"),
	)
	.unwrap();
	Logistics::accept_handover(
		signed(Keyring::Ferdie),
		shipment,
		observation(390, trip.handover_reservations),
	)
	.unwrap();
	submit(
		Keyring::Ferdie,
		shipment,
		1,
		legs,
		"SECOND-LOGGER-1",
		"//SecondCarrierLogger",
		trip.second_leg,
	);
	if let Some(acknowledged) = trip.customs_opened {
		Logistics::record_checkpoint(
			signed(Keyring::Ferdie),
			shipment,
			CheckpointKind::CustomsOpened,
			observation(200, vec![]),
			None,
		)
		.unwrap();
		if acknowledged == Acknowledged::Yes {
			let index = Shipments::<Runtime>::get(shipment).unwrap().checkpoint_count - 1;
			Logistics::acknowledge_checkpoint(signed(Keyring::Eve), shipment, index).unwrap();
		}
	}
	if let Some(seen) = trip.second_leg_other_device {
		submit(
			Keyring::Ferdie,
			shipment,
			1,
			legs,
			"SECOND-LOGGER-2",
			"//SecondCarrierLogger2",
			seen,
		);
	}
	let mut courier = Keyring::Ferdie;
	if let Some(seen) = trip.back_to_first {
		Logistics::propose_handover(
			signed(Keyring::Ferdie),
			shipment,
			DEMO_CARRIER,
			NOW - 200 * MINUTE,
			id("CNSHA"),
		)
		.unwrap();
		Logistics::accept_handover(charlie(), shipment, observation(200, vec![])).unwrap();
		demo_carrier_reports(2, seen);
		courier = Keyring::CharlieStash;
	}
	Logistics::record_checkpoint(
		signed(courier),
		shipment,
		CheckpointKind::OutForDelivery,
		observation(90, vec![]),
		None,
	)
	.unwrap();
	Logistics::record_checkpoint(
		signed(courier),
		shipment,
		CheckpointKind::Delivered,
		observation(30, trip.reservations),
		Some(trip.receipt),
	)
	.unwrap();
	shipment
}

fn order_of(shipment: &str) -> H256 {
	id(&format!("order-line of {shipment}"))
}

fn result(item: &str, unit: MeasurementUnit, value: Option<i64>, outcome: Outcome) -> TestResult {
	TestResult { item: code(item), value, unit, uncertainty: None, outcome }
}

/// An attestation of `unit` by `inspector` on `protocol` with `results`.
fn attestation(
	unit: ObjectKey,
	purpose: Purpose,
	inspector: &str,
	protocol: u32,
	results: Vec<TestResult>,
	verdict: Verdict,
) -> AttestationInput<Runtime> {
	AttestationInput {
		purpose,
		subjects: Subjects::Units(vec![unit].try_into().unwrap()),
		order: None,
		inspector: inspector_id(inspector),
		protocol,
		protocol_version: 1,
		started_at: NOW - 30 * HOUR,
		ended_at: NOW - 29 * HOUR,
		location: id("CNSHA"),
		equipment: Default::default(),
		results: results.try_into().unwrap(),
		aql: None,
		packaging: None,
		media: Default::default(),
		report: ContentDigest::sha2_256_of(inspector.as_bytes()),
		verdict,
	}
}

// ---- the dispute -------------------------------------------------------------------------

fn claim(kind: ClaimKind, shipment: &str, unit: ObjectKey, mode: DamageMode) -> Claim<Runtime> {
	Claim {
		kind,
		order: order_of(shipment),
		shipment: shipment_id(shipment),
		unit,
		lot: None,
		alleged_items: Default::default(),
		damage_mode: mode,
		discovered_at: pallet_timestamp::Now::<Runtime>::get(),
		amount: Money { currency: *b"CNY", minor_units: 39_900 },
		evidence: vec![ContentDigest::sha2_256_of(b"the consumer's photos")].try_into().unwrap(),
	}
}

/// The operator acting for `org` in these scenarios.
fn operator(world: &World, org: OrgId) -> Keyring {
	match org {
		DEMO_PLATFORM => Keyring::AliceStash,
		DEMO_AGENCY => Keyring::BobStash,
		DEMO_CARRIER => Keyring::CharlieStash,
		DEMO_ARBITRATION => Keyring::DaveStash,
		org if org == world.merchant => Keyring::Eve,
		org if org == world.second_carrier => Keyring::Ferdie,
		org => [Keyring::One, Keyring::Two, Keyring::EveStash, Keyring::FerdieStash]
			.into_iter()
			.find(|k| Consortium::organisation_of(&k.to_account_id()) == Ok(org))
			.expect("an organisation of the cast"),
	}
}

/// The platform opens the dispute; every respondent contests and has nothing to add, so the
/// rules decide at once. The dispute's id.
fn dispute_decided_at_once(world: &World, claim: Claim<Runtime>) -> DisputeId {
	let id = pallet_liability::NextDisputeId::<Runtime>::get();
	Liability::open_dispute(signed(Keyring::AliceStash), claim).unwrap();
	let respondents = Disputes::<Runtime>::get(id).unwrap().respondents;
	for org in respondents.iter() {
		Liability::respond(signed(operator(world, *org)), id, false).unwrap();
	}
	for org in respondents.iter() {
		Liability::close_evidence(signed(operator(world, *org)), id).unwrap();
	}
	id
}

/// The proposed verdict becomes final once the challenge window passes; its liable shares
/// and rules.
fn finalised(id: DisputeId) -> (Vec<Share>, Vec<RuleId>) {
	let DisputeStatus::Proposed { challenge_until } = Disputes::<Runtime>::get(id).unwrap().status
	else {
		panic!("proposed: {:?}", Disputes::<Runtime>::get(id).unwrap().status);
	};
	assert_eq!(challenge_until, block() + demo_liability::rule_set().challenge_blocks);
	// Challenges are accepted through block `challenge_until`; final in the block after.
	advance_to(challenge_until);
	assert!(matches!(Disputes::<Runtime>::get(id).unwrap().status, DisputeStatus::Proposed { .. }));
	advance_to(challenge_until + 1);
	let dispute = Disputes::<Runtime>::get(id).unwrap();
	assert_eq!(dispute.status, DisputeStatus::Final);
	let verdict = dispute.verdict.unwrap();
	assert!(liability_events()
		.contains(&LiabilityEvent::VerdictFinal { dispute: id, verdict: verdict.clone() }));
	(verdict.liable.to_vec(), verdict.rules.to_vec())
}

fn whole(org: OrgId) -> Vec<Share> {
	vec![Share { org, share: Permill::one() }]
}

// ---- (1) transit damage --------------------------------------------------------------------

/// Glassware attested sound unit by unit before shipping, a 12 g drop on the second carrier's
/// leg, delivered with a reservation: the second carrier, 100 % (D3, T1).
/// The demo agency publishes a glassware protocol (id 3) and attests `unit` sound on it, the
/// inspection ending `ended_hours_ago` hours before now.
fn attest_glassware_sound(unit: ObjectKey, ended_hours_ago: u64) {
	Inspection::publish_protocol(
		signed(Keyring::BobStash),
		None,
		code("glassware"),
		false,
		pallet_inspection::Sampling::UnitLevel,
		vec![TestItem {
			code: code("CHIPS-CRACKS"),
			method: id("visual, 30 cm, backlit"),
			unit: MeasurementUnit::Count,
			lower: None,
			upper: Some(0),
			required: true,
			criticality: Criticality::Major,
			damage_mode: DamageMode::Mechanical,
		}]
		.try_into()
		.unwrap(),
	)
	.unwrap();
	Inspection::attest(
		signed(Keyring::BobStash),
		id("DEMO-2026-0002"),
		AttestationInput {
			started_at: NOW - (ended_hours_ago + 1) * HOUR,
			ended_at: NOW - ended_hours_ago * HOUR,
			..attestation(
				unit,
				Purpose::PreShipment,
				"DEMO-INSPECTOR-001",
				3,
				vec![result("CHIPS-CRACKS", MeasurementUnit::Count, Some(0), Outcome::Pass)],
				Verdict::Conformant,
			)
		},
	)
	.unwrap();
}

/// A glassware set attested sound and shipped as "SSCC glassware" in two legs, dropped (12 g)
/// on the second and delivered with a reservation; the unit.
fn ship_glassware_shocked_on_the_second_leg(world: &World) -> ObjectKey {
	let unit = id("urn:epc:id:sgtin:0614141.000001.42");
	ship_shocked_glassware(world, "SSCC glassware", unit, 29);
	unit
}

/// Glassware `unit`, attested sound by an inspection that ended `attested_hours_ago`, shipped
/// as `reference` fragile and dropped (12 g) on its second leg, delivered with a reservation.
fn ship_shocked_glassware(
	world: &World,
	reference: &str,
	unit: ObjectKey,
	attested_hours_ago: u64,
) {
	attest_glassware_sound(unit, attested_hours_ago);
	let trip = Trip {
		second_leg: Seen::Drop(12_000),
		reservations: vec![Reservation::ApparentDamage],
		..Trip::calm(FRAGILE)
	};
	ship(world, reference, unit, trip);
}

#[test]
fn glassware_shocked_on_the_second_leg_is_the_second_carriers() {
	dev_chain(|world| {
		let unit = ship_glassware_shocked_on_the_second_leg(&world);

		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC glassware", unit, DamageMode::Mechanical),
		);
		let dispute = Disputes::<Runtime>::get(id).unwrap();
		// Transit damage: the merchant and the carriers, not the agency (no transit rule can
		// make it liable).
		assert_eq!(
			dispute.respondents.to_vec(),
			vec![world.merchant, DEMO_CARRIER, world.second_carrier]
		);
		let facts = dispute.verdict.unwrap().facts.len();
		assert_eq!(facts, 4, "delivery, shipment, the shocked leg, the attestation");
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(world.second_carrier));
		assert_eq!(rules, vec![RuleId::D3, RuleId::T1]);
		let record = pallet_liability::Reputations::<Runtime>::get(world.second_carrier);
		assert_eq!((record.disputes_against, record.found_liable), (1, 1));
		assert_eq!(pallet_liability::Reputations::<Runtime>::get(DEMO_CARRIER).cleared, 1);

		// The whole story in one read (EvidenceApi).
		let story = evidence_runtime::evidence::order_evidence(order_of("SSCC glassware")).unwrap();
		assert_eq!(story.attestations.len(), 1);
		assert_eq!(story.shipments.len(), 1);
		let shipment = &story.shipments[0];
		assert_eq!(shipment.legs.len(), 2);
		assert!(shipment.legs.iter().all(|leg| leg.digests.len() == 1));
		let kinds: Vec<CheckpointKind> =
			shipment.checkpoints.iter().map(|c| c.checkpoint.kind).collect();
		assert_eq!(
			kinds,
			vec![
				CheckpointKind::Pickup,
				CheckpointKind::Handover,
				CheckpointKind::OutForDelivery,
				CheckpointKind::Delivered
			]
		);
		assert_eq!(story.disputes.len(), 1);
		assert_eq!(story.disputes[0].dispute.status, DisputeStatus::Final);
		let passport = evidence_runtime::evidence::unit_passport(unit).unwrap();
		assert_eq!(
			passport.timeline.len(),
			1 + 4 + 2 + 1,
			"attestation, checkpoints, digests, dispute"
		);
		assert!(passport.timeline.windows(2).all(|w| w[0].block <= w[1].block));
		assert_eq!(passport.timeline[0].fact.kind, evidence_primitives::FactKind::Attestation);
		assert!(evidence_runtime::evidence::order_evidence(H256::zero()).is_none());
		assert!(evidence_runtime::evidence::unit_passport(H256::zero()).is_none());
		assert!(evidence_runtime::evidence::dispute(99).is_none());
	});
}

/// The same story's records, as the runtime APIs return them at the end, are the examples of
/// the evidence RPC's README: written to `tests/fixtures/story-answers.txt` (SCALE, hex),
/// from which `rpc/tests/examples.rs` builds each method's answer. The file must match what
/// the runtime gives now; `UPDATE_FIXTURES=1` rewrites it (then run the rpc test with
/// `UPDATE_EXAMPLES=1`).
#[test]
fn the_glassware_story_answers_are_the_rpc_examples() {
	use codec::Encode;
	fn sorted<V>(entries: impl Iterator<Item = (u32, V)>) -> Vec<(u32, V)> {
		let mut entries: Vec<_> = entries.collect();
		entries.sort_by_key(|(org, _)| *org);
		entries
	}
	dev_chain(|world| {
		let unit = ship_glassware_shocked_on_the_second_leg(&world);
		// The platform notarizes the consumer's photos before citing them in the claim.
		let the_claim =
			claim(ClaimKind::TransitDamage, "SSCC glassware", unit, DamageMode::Mechanical);
		let photos = the_claim.evidence[0];
		evidence_runtime::Notary::notarize(
			signed(Keyring::AliceStash),
			photos,
			evidence_primitives::EvidenceKind::PhotoSet360,
			2_400_000,
			pallet_timestamp::Now::<Runtime>::get() - 10 * MINUTE,
			None,
		)
		.unwrap();
		let id = dispute_decided_at_once(&world, the_claim.clone());
		finalised(id);

		let order = order_of("SSCC glassware");
		let records: Vec<(&str, Vec<u8>)> = vec![
			("block", u64::from(block()).encode()),
			("time", pallet_timestamp::Now::<Runtime>::get().encode()),
			("order", order.encode()),
			("order_evidence", evidence_runtime::evidence::order_evidence(order).encode()),
			("unit", unit.encode()),
			("unit_passport", evidence_runtime::evidence::unit_passport(unit).encode()),
			("dispute_id", id.encode()),
			("dispute", evidence_runtime::evidence::dispute(id).encode()),
			("claim", the_claim.encode()),
			("preview", evidence_runtime::evidence::preview_verdict(the_claim).encode()),
			("digest", photos.encode()),
			("digest_record", evidence_runtime::Notary::digest_report(photos).encode()),
			("ended_in", pallet_liability::EndedIn::<Runtime>::get(id).encode()),
			("reputations", sorted(pallet_liability::Reputations::<Runtime>::iter()).encode()),
			(
				"organisations",
				sorted(
					pallet_consortium::Organisations::<Runtime>::iter()
						.map(|(org, organisation)| (org, organisation.name.into_inner())),
				)
				.encode(),
			),
		];
		let mut text = String::from(
			"# The glassware story's records as the runtime APIs return them (SCALE, hex): the\n\
			 # examples of rpc/README.md. Written by `UPDATE_FIXTURES=1 cargo test --release -p\n\
			 # evidence-runtime --test liability_scenarios story_answers`.\n",
		);
		for (name, bytes) in records {
			text += &format!("{name} {}\n", sp_core::bytes::to_hex(&bytes, false));
		}
		let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/story-answers.txt");
		if std::env::var_os("UPDATE_FIXTURES").is_some() {
			std::fs::write(path, &text).unwrap();
		}
		let kept = std::fs::read_to_string(path).unwrap_or_default();
		assert!(
			kept == text,
			"{path} is not what the runtime gives now: rewrite it with UPDATE_FIXTURES=1 and the \
			 README examples with `UPDATE_EXAMPLES=1 cargo test --release -p evidence-rpc --test examples`"
		);
	});
}

// ---- (2) product defects -------------------------------------------------------------------

fn appliance_results(power_on: TestResult) -> Vec<TestResult> {
	vec![
		power_on,
		result(
			"INSULATION-RESISTANCE",
			MeasurementUnit::Milliohm,
			Some(5_000_000_000),
			Outcome::Pass,
		),
		result("HOUSING-CRACKS", MeasurementUnit::Count, Some(0), Outcome::Pass),
	]
}

fn dead_on_arrival(unit: ObjectKey, shipment: &str) -> Claim<Runtime> {
	Claim {
		alleged_items: vec![code("POWER-ON")].try_into().unwrap(),
		..claim(ClaimKind::DefectOnArrival, shipment, unit, DamageMode::Functional)
	}
}

/// The pre-shipment attestation passed power-on with a value, both legs were clean, and a
/// second accredited agency's re-inspection fails power-on: the first agency (I4).
#[test]
fn an_appliance_dead_on_arrival_that_passed_power_on_is_the_first_agencys() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000777.1");
		let pass = result("POWER-ON", MeasurementUnit::Boolean, Some(1), Outcome::Pass);
		Inspection::attest(
			signed(Keyring::BobStash),
			id("DEMO-2026-0100"),
			attestation(
				unit,
				Purpose::PreShipment,
				"DEMO-INSPECTOR-001",
				APPLIANCE,
				appliance_results(pass),
				Verdict::Conformant,
			),
		)
		.unwrap();
		ship(&world, "SSCC appliance", unit, Trip::calm(GENERAL));
		let id_ = pallet_liability::NextDisputeId::<Runtime>::get();
		Liability::open_dispute(
			signed(Keyring::AliceStash),
			dead_on_arrival(unit, "SSCC appliance"),
		)
		.unwrap();
		let respondents = Disputes::<Runtime>::get(id_).unwrap().respondents;
		assert_eq!(
			respondents.to_vec(),
			vec![world.merchant, DEMO_CARRIER, world.second_carrier, DEMO_AGENCY]
		);
		for org in respondents.iter() {
			Liability::respond(signed(operator(&world, *org)), id_, false).unwrap();
		}

		// During the evidence window a second accredited agency re-inspects: no power.
		let second_agency = second_agency_finds_no_power(unit);
		assert!(!Disputes::<Runtime>::get(id_).unwrap().respondents.contains(&second_agency));

		// The window closes by itself; the rules decide on the facts at that block.
		let DisputeStatus::Evidence { evidence_until } =
			Disputes::<Runtime>::get(id_).unwrap().status
		else {
			panic!("evidence window open");
		};
		advance_to(evidence_until + 1);
		let (liable, rules) = finalised(id_);
		assert_eq!(liable, whole(DEMO_AGENCY));
		assert_eq!(rules, vec![RuleId::I4]);
	});
}

/// A second accredited agency (admin One) re-inspects `unit` for a dispute: no power. Its id.
fn second_agency_finds_no_power(unit: ObjectKey) -> OrgId {
	let second_agency = admit_second_agency();
	second_agency_attests_no_power(unit);
	second_agency
}

/// A second inspection agency (admin One), accredited by governance, with an inspector.
fn admit_second_agency() -> OrgId {
	let second_agency =
		admit_accredited_agency("Second Agency", Keyring::One, "SECOND-ISO17020-A-7");
	Inspection::register_inspector(
		signed(Keyring::One),
		id("SECOND-INSPECTOR-1"),
		certificate("SECOND-QUAL-1"),
		vec![code("small-appliance"), code("luxury-handbag")].try_into().unwrap(),
		NOW - 365 * 24 * HOUR,
		NOW + 365 * 24 * HOUR,
	)
	.unwrap();
	second_agency
}

/// An inspection agency `name` (admin `admin`) whose accreditation governance registers (root
/// on `dev`: an agency never accredits itself), valid a year either side of now.
fn admit_accredited_agency(name: &str, admin: Keyring, certificate_number: &str) -> OrgId {
	let agency = admit(name, vec![Role::InspectionAgency], admin);
	Inspection::register_accreditation(
		RuntimeOrigin::root(),
		agency,
		pallet_inspection::AccreditationScheme::Iso17020TypeA,
		certificate(certificate_number),
		id(&format!("{name} scope")),
		NOW - 365 * 24 * HOUR,
		NOW + 365 * 24 * HOUR,
	)
	.unwrap();
	agency
}

/// A third inspection agency, accredited (admin Two).
fn admit_third_agency() -> OrgId {
	admit_accredited_agency("Third Agency", Keyring::Two, "THIRD-ISO17020-A-9")
}

/// The second agency re-inspects `unit` for a dispute: no power.
fn second_agency_attests_no_power(unit: ObjectKey) {
	let dead = result("POWER-ON", MeasurementUnit::Boolean, Some(0), Outcome::Fail);
	Inspection::attest(
		signed(Keyring::One),
		id("SECOND-2026-0001"),
		AttestationInput {
			started_at: NOW - 20 * MINUTE,
			ended_at: NOW - 10 * MINUTE,
			..attestation(
				unit,
				Purpose::DisputeReinspection,
				"SECOND-INSPECTOR-1",
				APPLIANCE,
				appliance_results(dead),
				Verdict::NonConformant,
			)
		},
	)
	.unwrap();
}

/// The same appliance on a protocol where power-on is optional, marked not tested: the
/// inspection never covered the fault, so the merchant (I2).
#[test]
fn an_appliance_whose_power_on_was_not_tested_is_the_merchants() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000777.2");
		let optional_power_on = TestItem {
			code: code("POWER-ON"),
			method: id("IEC 60335-1 cl.11 power-on"),
			unit: MeasurementUnit::Boolean,
			lower: Some(1),
			upper: Some(1),
			required: false,
			criticality: Criticality::Critical,
			damage_mode: DamageMode::Functional,
		};
		let rest = pallet_inspection::Protocols::<Runtime>::get(APPLIANCE, 1).unwrap().items;
		let items: Vec<TestItem> = core::iter::once(optional_power_on)
			.chain(rest.into_iter().filter(|i| i.code != code("POWER-ON")))
			.collect();
		Inspection::publish_protocol(
			signed(Keyring::BobStash),
			None,
			code("small-appliance"),
			true,
			pallet_inspection::Sampling::UnitLevel,
			items.try_into().unwrap(),
		)
		.unwrap();
		let protocol = pallet_inspection::NextProtocolId::<Runtime>::get() - 1;
		let untested = result("POWER-ON", MeasurementUnit::Boolean, None, Outcome::NotTested);
		Inspection::attest(
			signed(Keyring::BobStash),
			id("DEMO-2026-0101"),
			attestation(
				unit,
				Purpose::PreShipment,
				"DEMO-INSPECTOR-001",
				protocol,
				appliance_results(untested),
				Verdict::Conformant,
			),
		)
		.unwrap();
		ship(&world, "SSCC appliance 2", unit, Trip::calm(GENERAL));

		let id = dispute_decided_at_once(&world, dead_on_arrival(unit, "SSCC appliance 2"));
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(world.merchant));
		assert_eq!(rules, vec![RuleId::I2]);
	});
}

// ---- (3) delivery receipts -----------------------------------------------------------------

/// Signed for with no reservation: the delivery confirms itself after the objection window
/// (D1, no dispute needed); apparent damage reported after the window is rejected (D1, P3).
#[test]
fn a_clean_signed_delivery_confirms_itself_and_late_damage_is_rejected() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000888.1");
		let shipment = ship(&world, "SSCC signed", unit, Trip::calm(GENERAL));
		let due = block() + demo_liability::rule_set().objection_blocks;
		advance_to(due - 1);
		assert!(!pallet_liability::ConfirmedDeliveries::<Runtime>::contains_key(shipment));
		advance_to(due);
		assert_eq!(pallet_liability::ConfirmedDeliveries::<Runtime>::get(shipment), Some(due));
		assert!(liability_events().contains(&LiabilityEvent::DeliveryConfirmed {
			shipment,
			order: order_of("SSCC signed"),
			rule: RuleId::D1,
		}));

		// Three days later the consumer reports a crushed box.
		pallet_timestamp::Now::<Runtime>::put(NOW + 72 * HOUR);
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC signed", unit, DamageMode::Mechanical),
		);
		let dispute = Disputes::<Runtime>::get(id).unwrap();
		assert!(dispute.verdict.as_ref().unwrap().rejected);
		let (liable, rules) = finalised(id);
		assert!(liable.is_empty());
		assert_eq!(rules, vec![RuleId::D1, RuleId::P3]);
	});
}

// ---- (4) temperature -----------------------------------------------------------------------

/// Chilled goods that froze for ten minutes on the second carrier's leg: that custodian (T7).
#[test]
fn goods_frozen_on_one_leg_are_that_custodians() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000999.1");
		let trip =
			Trip { first_leg: Seen::Chilled, second_leg: Seen::Froze, ..Trip::calm(CHILLED) };
		ship(&world, "SSCC chilled", unit, trip);
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TemperatureAbuse, "SSCC chilled", unit, DamageMode::Thermal),
		);
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(world.second_carrier));
		assert_eq!(rules, vec![RuleId::T7]);
	});
}

// ---- (5) arbitration and appeal ------------------------------------------------------------

/// Two loggers on one leg disagree: escalated, ruled by an arbitrator, appealed, and decided
/// by the panel's majority.
#[test]
fn conflicting_loggers_go_to_arbitration_and_appeal() {
	dev_chain(|world| {
		let others = [
			("Arbitration Chamber North", Keyring::Two),
			("Arbitration Chamber South", Keyring::EveStash),
			("Arbitration Chamber West", Keyring::FerdieStash),
		]
		.map(|(name, admin)| admit(name, vec![Role::Arbitrator], admin));
		register_logger(Keyring::Ferdie, "SECOND-LOGGER-2", "//SecondCarrierLogger2");
		let unit = id("urn:epc:id:sgtin:0614141.000555.1");
		let trip = Trip {
			second_leg: Seen::Drop(12_000),
			second_leg_other_device: Some(Seen::Calm),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		ship(&world, "SSCC conflicting", unit, trip);
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC conflicting", unit, DamageMode::Mechanical),
		);
		let DisputeStatus::Arbitration { arbitrator, rule_by } =
			Disputes::<Runtime>::get(id).unwrap().status
		else {
			panic!("escalated: {:?}", Disputes::<Runtime>::get(id).unwrap().status);
		};
		assert_eq!(rule_by, block() + demo_liability::rule_set().ruling_blocks);
		assert!(liability_events().contains(&LiabilityEvent::Escalated {
			dispute: id,
			reason: Some(EscalationReason::ConflictingDevices),
			arbitrator,
			rule_by,
		}));
		assert!(arbitrator == DEMO_ARBITRATION || others.contains(&arbitrator));

		// The arbitrator finds the second carrier liable; the second carrier appeals.
		let ruling: Vec<Share> = whole(world.second_carrier);
		let rationale = H256::repeat_byte(0x5a);
		Liability::rule(
			signed(operator(&world, arbitrator)),
			id,
			ruling.try_into().unwrap(),
			rationale,
		)
		.unwrap();
		assert!(matches!(
			Disputes::<Runtime>::get(id).unwrap().status,
			DisputeStatus::Ruled { .. }
		));
		Liability::appeal(signed(Keyring::Ferdie), id).unwrap();
		let DisputeStatus::Appeal { panel, .. } = Disputes::<Runtime>::get(id).unwrap().status
		else {
			panic!("appealed");
		};
		assert!(!panel.contains(&arbitrator));
		assert_eq!(panel.len(), 3);

		// Two of three split it between the carriers: final.
		let split = vec![
			Share { org: DEMO_CARRIER, share: Permill::from_percent(40) },
			Share { org: world.second_carrier, share: Permill::from_percent(60) },
		];
		for member in &panel[..2] {
			Liability::rule(
				signed(operator(&world, *member)),
				id,
				split.clone().try_into().unwrap(),
				rationale,
			)
			.unwrap();
		}
		let dispute = Disputes::<Runtime>::get(id).unwrap();
		assert_eq!(dispute.status, DisputeStatus::Final);
		assert_eq!(dispute.verdict.unwrap().liable.to_vec(), split);
		assert_eq!(
			pallet_liability::Reputations::<Runtime>::get(world.second_carrier).escalated,
			1
		);
	});
}

// ---- (6) authenticity ----------------------------------------------------------------------

/// A counterfeit claim on a luxury handbag nobody authenticated: the merchant (A2).
#[test]
fn a_counterfeit_claim_without_authentication_is_the_merchants() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.812345.9999");
		ship(&world, "SSCC handbag", unit, Trip::calm(GENERAL));
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::Counterfeit, "SSCC handbag", unit, DamageMode::Authenticity),
		);
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(world.merchant));
		assert_eq!(rules, vec![RuleId::A2]);
	});
}

// ---- bad input -----------------------------------------------------------------------------

/// Refused calls name their error and change nothing.
#[test]
fn bad_disputes_are_refused_with_named_errors() {
	use pallet_liability::Error;
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000444.1");
		ship(&world, "SSCC refused", unit, Trip::calm(GENERAL));
		let good = claim(ClaimKind::TransitDamage, "SSCC refused", unit, DamageMode::Mechanical);
		// `assert_noop!` also checks that the storage root did not move.
		let refused = |origin: Keyring, claim: Claim<Runtime>, error: Error<Runtime>| {
			frame_support::assert_noop!(Liability::open_dispute(signed(origin), claim), error);
		};
		refused(
			Keyring::AliceStash,
			Claim { shipment: id("SSCC unknown"), ..good.clone() },
			Error::UnknownShipment,
		);
		refused(
			Keyring::AliceStash,
			Claim { unit: id("another unit"), ..good.clone() },
			Error::UnitNotInShipment,
		);
		refused(Keyring::CharlieStash, good.clone(), Error::NoStanding);
		let now = pallet_timestamp::Now::<Runtime>::get();
		refused(
			Keyring::AliceStash,
			Claim { discovered_at: now + 1, ..good.clone() },
			Error::DiscoveredAfterOpening,
		);
		// Delivered 30 minutes ago: nothing was discovered about it an hour ago.
		refused(
			Keyring::AliceStash,
			Claim { discovered_at: now - 60 * MINUTE, ..good.clone() },
			Error::DiscoveredBeforeDelivery,
		);
		refused(Keyring::One, good.clone(), Error::NotAMember);
		Liability::open_dispute(signed(Keyring::AliceStash), good.clone()).unwrap();
		refused(Keyring::AliceStash, good, Error::UnitUnderDispute);
	});
}

// ---- integrity: what a rival member cannot do -----------------------------------------------

/// A rival platform cannot open a dispute about an order placed on another platform, and a
/// merchant cannot ship an order line no platform registered with it.
#[test]
fn a_platform_cannot_dispute_another_platforms_order() {
	use pallet_liability::Error;
	dev_chain(|world| {
		let rival = admit("Rival Platform", vec![Role::Platform], Keyring::Two);
		let unit = id("urn:epc:id:sgtin:0614141.000444.9");
		ship(&world, "SSCC rival", unit, Trip::calm(GENERAL));
		let good = claim(ClaimKind::TransitDamage, "SSCC rival", unit, DamageMode::Mechanical);
		frame_support::assert_noop!(
			Liability::open_dispute(signed(Keyring::Two), good.clone()),
			Error::<Runtime>::NoStanding
		);
		assert!(Consortium::has_role(rival, Role::Platform));
		// The rival registering the same order line gives it nothing: the merchant named the
		// demo platform when it shipped.
		Logistics::register_order(signed(Keyring::Two), order_of("SSCC rival"), world.merchant)
			.unwrap();
		frame_support::assert_noop!(
			Liability::open_dispute(signed(Keyring::Two), good.clone()),
			Error::<Runtime>::NoStanding
		);
		Liability::open_dispute(signed(Keyring::AliceStash), good).unwrap();

		// An order line nobody registered with the merchant does not ship.
		frame_support::assert_noop!(
			Logistics::create_shipment(
				signed(Keyring::Eve),
				id("SSCC unregistered"),
				order_of("SSCC unregistered"),
				DEMO_PLATFORM,
				vec![unit].try_into().unwrap(),
				GENERAL,
				1,
				Money { currency: *b"CNY", minor_units: 500_000 },
				DEMO_CARRIER,
			),
			pallet_logistics::Error::<Runtime>::OrderNotRegistered
		);
	});
}

/// A claimant cannot pass another unit's key as the lot to import that unit's attestations
/// (and their agencies as respondents).
#[test]
fn a_claimant_cannot_import_another_units_attestations_as_its_lot() {
	use pallet_liability::Error;
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000777.7");
		let elsewhere = id("urn:epc:id:sgtin:0614141.000777.8");
		let dead = result("POWER-ON", MeasurementUnit::Boolean, Some(0), Outcome::Fail);
		Inspection::attest(
			signed(Keyring::BobStash),
			id("DEMO-2026-0177"),
			attestation(
				elsewhere,
				Purpose::PreShipment,
				"DEMO-INSPECTOR-001",
				APPLIANCE,
				appliance_results(dead),
				Verdict::NonConformant,
			),
		)
		.unwrap();
		ship(&world, "SSCC lot", unit, Trip::calm(GENERAL));
		let borrowed = Claim { lot: Some(elsewhere), ..dead_on_arrival(unit, "SSCC lot") };
		frame_support::assert_noop!(
			Liability::open_dispute(signed(Keyring::AliceStash), borrowed),
			Error::<Runtime>::LotNotLinked
		);
	});
}

/// A no-reason return is the merchant's business: a carrier that carried the parcel is no
/// respondent, so its silence cannot make it liable by default (P5).
#[test]
fn an_uninvolved_carrier_is_not_liable_by_default_for_a_no_reason_return() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000321.1");
		ship(&world, "SSCC return", unit, Trip::calm(GENERAL));
		let id = pallet_liability::NextDisputeId::<Runtime>::get();
		Liability::open_dispute(
			signed(Keyring::AliceStash),
			claim(ClaimKind::NoReasonReturn, "SSCC return", unit, DamageMode::Cosmetic),
		)
		.unwrap();
		let dispute = Disputes::<Runtime>::get(id).unwrap();
		assert_eq!(dispute.respondents.to_vec(), vec![world.merchant]);
		let DisputeStatus::AwaitingResponse { respond_by } = dispute.status else {
			panic!("awaiting responses");
		};
		// Responses are accepted through block `respond_by`; the silent merchant loses after it.
		advance_to(respond_by + 1);
		let dispute = Disputes::<Runtime>::get(id).unwrap();
		assert_eq!(dispute.status, DisputeStatus::DefaultJudgment);
		assert_eq!(dispute.verdict.unwrap().liable.to_vec(), whole(world.merchant));
		assert_eq!(pallet_liability::Reputations::<Runtime>::get(DEMO_CARRIER).disputes_against, 0);
	});
}

/// A shipment names the demo carrier as first carrier, but it never picked the parcel up:
/// the carrier is no respondent and "not received" is not held against it (D5).
#[test]
fn a_carrier_never_picked_up_is_not_liable_for_non_delivery() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000321.2");
		let name = "SSCC never picked up";
		Logistics::register_order(signed(Keyring::AliceStash), order_of(name), world.merchant)
			.unwrap();
		Logistics::create_shipment(
			signed(Keyring::Eve),
			id(name),
			order_of(name),
			DEMO_PLATFORM,
			vec![unit].try_into().unwrap(),
			GENERAL,
			1,
			Money { currency: *b"CNY", minor_units: 500_000 },
			DEMO_CARRIER,
		)
		.unwrap();
		let id = dispute_decided_at_once(
			&world,
			Claim {
				evidence: Default::default(),
				..claim(ClaimKind::NotReceived, name, unit, DamageMode::Mechanical)
			},
		);
		let dispute = Disputes::<Runtime>::get(id).unwrap();
		assert_eq!(dispute.respondents.to_vec(), vec![world.merchant], "nobody else held it");
		let verdict = dispute.verdict.unwrap();
		assert!(!verdict.rules.contains(&RuleId::D5));
		assert_eq!(verdict.escalation, Some(EscalationReason::NoShipmentRecord));
		assert!(matches!(dispute.status, DisputeStatus::Arbitration { .. }));
	});
}

/// The parcel arrives with a reservation after two calm legs; the demo carrier takes a return
/// and its logger sees a 12 g drop on the return leg: that shock never decides the outbound
/// damage (T5, the merchant's packing, not T1 against the return carrier).
#[test]
fn a_shock_on_the_return_leg_never_decides_an_outbound_damage_claim() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.77");
		attest_glassware_sound(unit, 29);
		let trip = Trip { reservations: vec![Reservation::ApparentDamage], ..Trip::calm(FRAGILE) };
		let shipment = ship(&world, "SSCC returned", unit, trip);
		Logistics::record_checkpoint(
			signed(Keyring::CharlieStash),
			shipment,
			CheckpointKind::ReturnPickup,
			observation(20, vec![]),
			None,
		)
		.unwrap();
		let summary = digest(19, 10, Seen::Drop(12_000));
		let key = ed25519::Pair::from_string("//DemoCarrierLogger", None).unwrap();
		let device = demo_logger();
		let signature = key.sign(&sensor_digest_message(&shipment, 2, &device, &summary));
		Logistics::submit_sensor_digest(
			signed(Keyring::CharlieStash),
			shipment,
			2,
			device,
			summary,
			signature,
		)
		.unwrap();
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC returned", unit, DamageMode::Mechanical),
		);
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(world.merchant));
		assert_eq!(rules, vec![RuleId::D3, RuleId::T5]);
	});
}

/// The demo platform ships its own goods and records the consignee's "signature" itself:
/// its own record neither confirms the delivery (D1) nor rejects a late claim (D1, P3).
#[test]
fn a_shippers_own_delivery_record_does_not_protect_it() {
	dev_chain(|_| {
		let unit = id("urn:epc:id:sgtin:0614141.000321.3");
		let name = "SSCC self-delivered";
		let shipment = record_id(RecordKind::Shipment, DEMO_PLATFORM, id(name));
		Logistics::create_shipment(
			signed(Keyring::AliceStash),
			id(name),
			order_of(name),
			DEMO_PLATFORM,
			vec![unit].try_into().unwrap(),
			GENERAL,
			1,
			Money { currency: *b"CNY", minor_units: 500_000 },
			DEMO_CARRIER,
		)
		.unwrap();
		let carrier = || signed(Keyring::CharlieStash);
		Logistics::record_checkpoint(
			carrier(),
			shipment,
			CheckpointKind::Pickup,
			observation(600, vec![]),
			None,
		)
		.unwrap();
		Logistics::record_checkpoint(
			carrier(),
			shipment,
			CheckpointKind::OutForDelivery,
			observation(90, vec![]),
			None,
		)
		.unwrap();
		Logistics::record_checkpoint(
			signed(Keyring::AliceStash),
			shipment,
			CheckpointKind::Delivered,
			observation(30, vec![]),
			Some(Receipt::ConsigneeSigned),
		)
		.unwrap();
		advance_to(block() + demo_liability::rule_set().objection_blocks + 1);
		assert!(!pallet_liability::ConfirmedDeliveries::<Runtime>::contains_key(shipment));

		// Three days later the consumer reports damage: not rejected on the platform's record.
		pallet_timestamp::Now::<Runtime>::put(NOW + 72 * HOUR);
		let late = claim(ClaimKind::TransitDamage, name, unit, DamageMode::Mechanical);
		let preview = Liability::preview_verdict(&late).unwrap();
		assert!(!preview.rules.contains(&RuleId::D1), "{preview:?}");
		assert!(!preview.rules.contains(&RuleId::P3), "{preview:?}");
	});
}

/// The first agency, a respondent, revokes its passing attestation once the dispute is open:
/// the attestation still counts for that dispute (I4 against it).
#[test]
fn an_attestation_revoked_after_the_dispute_opened_still_counts() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000777.9");
		let pass = result("POWER-ON", MeasurementUnit::Boolean, Some(1), Outcome::Pass);
		let attestation_id = record_id(RecordKind::Attestation, DEMO_AGENCY, id("DEMO-2026-0199"));
		Inspection::attest(
			signed(Keyring::BobStash),
			id("DEMO-2026-0199"),
			attestation(
				unit,
				Purpose::PreShipment,
				"DEMO-INSPECTOR-001",
				APPLIANCE,
				appliance_results(pass),
				Verdict::Conformant,
			),
		)
		.unwrap();
		ship(&world, "SSCC revoked", unit, Trip::calm(GENERAL));
		let dispute = pallet_liability::NextDisputeId::<Runtime>::get();
		Liability::open_dispute(signed(Keyring::AliceStash), dead_on_arrival(unit, "SSCC revoked"))
			.unwrap();
		for org in Disputes::<Runtime>::get(dispute).unwrap().respondents.iter() {
			Liability::respond(signed(operator(&world, *org)), dispute, false).unwrap();
		}
		advance_to(block() + 1);
		Inspection::revoke_attestation(
			signed(Keyring::BobStash),
			attestation_id,
			pallet_inspection::ChangeReason::Other,
		)
		.unwrap();
		second_agency_finds_no_power(unit);
		let DisputeStatus::Evidence { evidence_until } =
			Disputes::<Runtime>::get(dispute).unwrap().status
		else {
			panic!("evidence window open");
		};
		advance_to(evidence_until + 1);
		let (liable, rules) = finalised(dispute);
		assert_eq!(liable, whole(DEMO_AGENCY));
		assert_eq!(rules, vec![RuleId::I4]);
	});
}

/// An attestation called "pre-shipment" but made after the carrier picked the parcel up is no
/// evidence that the unit was sound before transit: T1 does not fire on it.
#[test]
fn a_pre_shipment_attestation_made_after_pickup_does_not_clear_the_merchant() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.88");
		// Picked up ten hours ago; "pre-shipment" inspection ended five hours ago.
		ship_shocked_glassware(&world, "SSCC late inspection", unit, 5);
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC late inspection", unit, DamageMode::Mechanical),
		);
		let dispute = Disputes::<Runtime>::get(id).unwrap();
		let verdict = dispute.verdict.unwrap();
		assert!(!verdict.rules.contains(&RuleId::T1), "{verdict:?}");
		assert_eq!(verdict.escalation, Some(EscalationReason::NoEvidenceOfSoundness));
	});
}

/// A claim in another currency than the declared value cannot slip under (or over) the
/// carriers' cap: it goes to an arbitrator with its reason.
#[test]
fn a_claim_in_another_currency_than_the_declared_value_escalates() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000321.4");
		ship(&world, "SSCC euros", unit, Trip::calm(GENERAL));
		let in_euros = Claim {
			amount: Money { currency: *b"EUR", minor_units: 100 },
			..claim(ClaimKind::TransitDamage, "SSCC euros", unit, DamageMode::Mechanical)
		};
		let id = dispute_decided_at_once(&world, in_euros);
		let verdict = Disputes::<Runtime>::get(id).unwrap().verdict.unwrap();
		assert_eq!(verdict.escalation, Some(EscalationReason::CurrencyMismatch));
	});
}

/// The agency found liable by I4 contests the re-inspection by challenging the proposed
/// verdict: an arbitrator decides, and the escalation names the contest.
#[test]
fn an_agency_contests_a_reinspection_by_challenging_the_verdict() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000777.10");
		let pass = result("POWER-ON", MeasurementUnit::Boolean, Some(1), Outcome::Pass);
		Inspection::attest(
			signed(Keyring::BobStash),
			id("DEMO-2026-0210"),
			attestation(
				unit,
				Purpose::PreShipment,
				"DEMO-INSPECTOR-001",
				APPLIANCE,
				appliance_results(pass),
				Verdict::Conformant,
			),
		)
		.unwrap();
		ship(&world, "SSCC contested", unit, Trip::calm(GENERAL));
		second_agency_finds_no_power(unit);
		let dispute = dispute_decided_at_once(&world, dead_on_arrival(unit, "SSCC contested"));
		let proposed = Disputes::<Runtime>::get(dispute).unwrap().verdict.unwrap();
		assert_eq!(proposed.liable.to_vec(), whole(DEMO_AGENCY));
		Liability::challenge(signed(Keyring::BobStash), dispute).unwrap();
		let escalated = liability_events().into_iter().any(|event| {
			matches!(
				event,
				LiabilityEvent::Escalated {
					dispute: d,
					reason: Some(EscalationReason::AgencyContests),
					..
				} if d == dispute
			)
		});
		assert!(escalated, "{:?}", liability_events());
	});
}

/// The demo carrier notes "crushed" at its pickup to clear itself of whatever happens later:
/// until the merchant acknowledges it, the note shifts nothing (T4 does not fire); once the
/// merchant does, the merchant answers (T4).
#[test]
fn a_carriers_pickup_reservation_binds_the_merchant_only_once_acknowledged() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.91");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			first_leg: Seen::Drop(12_000),
			pickup_reservations: vec![Reservation::Crushed],
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		let shipment = ship(&world, "SSCC pickup note", unit, trip);
		let claim =
			claim(ClaimKind::TransitDamage, "SSCC pickup note", unit, DamageMode::Mechanical);
		let preview = Liability::preview_verdict(&claim).unwrap();
		assert!(!preview.rules.contains(&RuleId::T4), "{preview:?}");
		assert_eq!(
			preview.decision,
			pallet_liability::rules::Decision::Liable(whole(DEMO_CARRIER))
		);
		// Only the merchant acknowledges a pickup reservation.
		frame_support::assert_noop!(
			Logistics::acknowledge_checkpoint(signed(Keyring::CharlieStash), shipment, 0),
			pallet_logistics::Error::<Runtime>::NotCheckpointCounterparty
		);
		Logistics::acknowledge_checkpoint(signed(Keyring::Eve), shipment, 0).unwrap();
		let id = dispute_decided_at_once(&world, claim);
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(world.merchant));
		assert_eq!(rules, vec![RuleId::D3, RuleId::T4]);
	});
}

/// The second carrier notes damage when it takes the parcel over and the demo carrier
/// acknowledges it: a shock later on the second leg did not cause that damage, so the second
/// carrier is not liable for it (leg 0 was calm: the packing, T5).
#[test]
fn damage_noted_at_a_handover_is_not_the_receiving_carriers() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.92");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			second_leg: Seen::Drop(12_000),
			handover_reservations: vec![Reservation::ApparentDamage],
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		let shipment = ship(&world, "SSCC handover note", unit, trip);
		let claim =
			claim(ClaimKind::TransitDamage, "SSCC handover note", unit, DamageMode::Mechanical);
		// Unacknowledged, the note changes nothing: the shock on the second leg decides (T1).
		let preview = Liability::preview_verdict(&claim).unwrap();
		assert_eq!(
			preview.decision,
			pallet_liability::rules::Decision::Liable(whole(world.second_carrier))
		);
		frame_support::assert_noop!(
			Logistics::acknowledge_checkpoint(signed(Keyring::Ferdie), shipment, 1),
			pallet_logistics::Error::<Runtime>::NotCheckpointCounterparty
		);
		Logistics::acknowledge_checkpoint(signed(Keyring::CharlieStash), shipment, 1).unwrap();
		let id = dispute_decided_at_once(&world, claim);
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(world.merchant));
		assert_eq!(rules, vec![RuleId::D3, RuleId::T5]);
	});
}

/// The second carrier's leg went damp early and then took a 12 g drop: its first excursion is
/// humidity, which cannot crack glass, but the drop it also recorded still decides (T1).
#[test]
fn an_earlier_harmless_excursion_does_not_hide_a_shock() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.93");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			second_leg: Seen::DampThenDropped(12_000),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		let shipment = ship(&world, "SSCC damp then dropped", unit, trip);
		let leg = pallet_logistics::Legs::<Runtime>::get(shipment, 1).unwrap();
		assert!(matches!(
			leg.condition,
			pallet_logistics::LegState::Excursion {
				kind: pallet_logistics::Excursion::Humidity,
				..
			}
		));
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC damp then dropped", unit, DamageMode::Mechanical),
		);
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(world.second_carrier));
		assert_eq!(rules, vec![RuleId::D3, RuleId::T1]);
	});
}

/// The merchant's agency notarizes a "pre-shipment" pass after the parcel was picked up,
/// stating an inspection time before the pickup: the block it was notarized in gives it away,
/// and T1 does not clear the merchant on it.
#[test]
fn an_attestation_dated_back_before_the_pickup_does_not_clear_the_merchant() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.94");
		let trip = Trip {
			second_leg: Seen::Drop(12_000),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		ship(&world, "SSCC dated back", unit, trip);
		advance_to(block() + 1);
		// States an inspection ended 29 hours ago, ten hours before the pickup.
		attest_glassware_sound(unit, 29);
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC dated back", unit, DamageMode::Mechanical),
		);
		let verdict = Disputes::<Runtime>::get(id).unwrap().verdict.unwrap();
		assert!(!verdict.rules.contains(&RuleId::T1), "{verdict:?}");
		assert_eq!(verdict.escalation, Some(EscalationReason::NoEvidenceOfSoundness));
	});
}

/// A carrier whose logger data for its leg never reaches the chain, where the profile asks for
/// a logger, answers for the damage (T9: withheld data counts against the custodian).
#[test]
fn a_carrier_that_withholds_its_logger_data_answers_for_its_leg() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.95");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			first_leg: Seen::Withheld,
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		ship(&world, "SSCC withheld", unit, trip);
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC withheld", unit, DamageMode::Mechanical),
		);
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(DEMO_CARRIER));
		assert_eq!(rules, vec![RuleId::D3, RuleId::T9]);
	});
}

/// A parcel customs opened on the second leg, as its custodian recorded and the merchant
/// acknowledged: force majeure goes to an arbitrator whatever the sensors say.
#[test]
fn a_parcel_customs_opened_goes_to_an_arbitrator() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.96");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			second_leg: Seen::Drop(12_000),
			customs_opened: Some(Acknowledged::Yes),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		ship(&world, "SSCC customs", unit, trip);
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC customs", unit, DamageMode::Mechanical),
		);
		let dispute = Disputes::<Runtime>::get(id).unwrap();
		assert_eq!(dispute.verdict.unwrap().escalation, Some(EscalationReason::ForceMajeure));
		assert!(matches!(dispute.status, DisputeStatus::Arbitration { .. }));
	});
}

/// A carrier that dropped the parcel records that customs opened it, to send the dispute to an
/// arbitrator: its word alone excuses nothing, and neither it nor another carrier can
/// acknowledge it in the merchant's place.
#[test]
fn a_carrier_cannot_excuse_its_own_shock_by_declaring_force_majeure_alone() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.97");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			second_leg: Seen::Drop(12_000),
			customs_opened: Some(Acknowledged::No),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		let shipment = ship(&world, "SSCC customs alone", unit, trip);
		let customs = (0..Shipments::<Runtime>::get(shipment).unwrap().checkpoint_count)
			.find(|i| {
				pallet_logistics::Checkpoints::<Runtime>::get(shipment, i)
					.is_some_and(|c| c.kind == CheckpointKind::CustomsOpened)
			})
			.unwrap();
		for carrier in [Keyring::Ferdie, Keyring::CharlieStash] {
			assert_eq!(
				Logistics::acknowledge_checkpoint(signed(carrier), shipment, customs),
				Err(pallet_logistics::Error::<Runtime>::NotCheckpointCounterparty.into())
			);
		}
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC customs alone", unit, DamageMode::Mechanical),
		);
		let (liable, rules) = finalised(id);
		assert_eq!(liable, whole(world.second_carrier));
		assert_eq!(rules, vec![RuleId::D3, RuleId::T1]);
	});
}

/// Opens the glassware claim on `shipment` and has every respondent answer, leaving the
/// evidence window open; the dispute's id.
fn glassware_dispute_in_evidence(world: &World, shipment: &str, unit: ObjectKey) -> DisputeId {
	let id = pallet_liability::NextDisputeId::<Runtime>::get();
	Liability::open_dispute(
		signed(Keyring::AliceStash),
		claim(ClaimKind::TransitDamage, shipment, unit, DamageMode::Mechanical),
	)
	.unwrap();
	for org in Disputes::<Runtime>::get(id).unwrap().respondents.iter() {
		Liability::respond(signed(operator(world, *org)), id, false).unwrap();
	}
	id
}

/// Closes the evidence window of dispute `id` as every respondent.
fn close_evidence(world: &World, id: DisputeId) {
	for org in Disputes::<Runtime>::get(id).unwrap().respondents.iter() {
		Liability::close_evidence(signed(operator(world, *org)), id).unwrap();
	}
}

/// The council found the demo inspector's qualification void before it attested the unit
/// sound: that attestation no longer clears the merchant (P1), and the dispute goes to an
/// arbitrator. The agency cannot withdraw (or keep) its own inspector's qualification.
#[test]
fn an_attestation_by_an_inspector_found_unqualified_decides_nothing() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.98");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			second_leg: Seen::Drop(12_000),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		ship(&world, "SSCC void inspector", unit, trip);
		let inspector = pallet_inspection::Authority::Inspector(demo_inspector());
		assert_eq!(
			Inspection::withdraw_authority(signed(Keyring::BobStash), inspector, NOW - 48 * HOUR),
			Err(sp_runtime::DispatchError::BadOrigin)
		);
		Inspection::withdraw_authority(RuntimeOrigin::root(), inspector, NOW - 48 * HOUR).unwrap();
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC void inspector", unit, DamageMode::Mechanical),
		);
		let verdict = Disputes::<Runtime>::get(id).unwrap().verdict.unwrap();
		assert_eq!(verdict.escalation, Some(EscalationReason::NeededFactExcluded));
		assert!(verdict.rules.contains(&RuleId::P1), "{verdict:?}");
		assert!(!verdict.rules.contains(&RuleId::T1), "{verdict:?}");
	});
}

/// The second carrier's logger recorded its drop; the carrier cannot have the logger declared
/// void to escape, but once the council withdraws the logger (a recalled calibration), its
/// readings decide nothing and the dispute goes to an arbitrator.
#[test]
fn readings_of_a_withdrawn_logger_decide_nothing() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.99");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			second_leg: Seen::Drop(12_000),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		ship(&world, "SSCC void logger", unit, trip);
		let logger = record(RecordKind::Device, Keyring::Ferdie, "SECOND-LOGGER-1");
		assert_eq!(
			Logistics::withdraw_device(signed(Keyring::Ferdie), logger, NOW - 7 * HOUR),
			Err(sp_runtime::DispatchError::BadOrigin)
		);
		Logistics::withdraw_device(RuntimeOrigin::root(), logger, NOW - 7 * HOUR).unwrap();
		let id = dispute_decided_at_once(
			&world,
			claim(ClaimKind::TransitDamage, "SSCC void logger", unit, DamageMode::Mechanical),
		);
		let verdict = Disputes::<Runtime>::get(id).unwrap().verdict.unwrap();
		assert_eq!(verdict.escalation, Some(EscalationReason::NeededFactExcluded));
		assert!(verdict.rules.contains(&RuleId::P1), "{verdict:?}");
	});
}

/// Withdrawals recorded after a dispute opened leave its facts as they were: the dispute is
/// decided on the accreditation and the logger as they stood when it opened.
#[test]
fn a_withdrawal_after_the_dispute_opened_does_not_change_its_facts() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.100");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			second_leg: Seen::Drop(12_000),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		ship(&world, "SSCC late withdrawal", unit, trip);
		let dispute = glassware_dispute_in_evidence(&world, "SSCC late withdrawal", unit);
		advance_to(block() + 1);
		let accreditation =
			pallet_inspection::Authority::Accreditation { agency: DEMO_AGENCY, index: 0 };
		Inspection::withdraw_authority(RuntimeOrigin::root(), accreditation, NOW - 48 * HOUR)
			.unwrap();
		Logistics::withdraw_device(
			RuntimeOrigin::root(),
			record(RecordKind::Device, Keyring::Ferdie, "SECOND-LOGGER-1"),
			NOW - 7 * HOUR,
		)
		.unwrap();
		close_evidence(&world, dispute);
		let (liable, rules) = finalised(dispute);
		assert_eq!(liable, whole(world.second_carrier));
		assert_eq!(rules, vec![RuleId::D3, RuleId::T1]);
	});
}

/// A carrier cannot place a shock outside the window its digest reports on (to move it onto a
/// neighbour's leg), nor date a recalibration back over a lapse; an agency cannot accredit
/// itself.
#[test]
fn facts_cannot_be_placed_outside_their_time_nor_self_certified() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.97");
		let name = "SSCC misplaced";
		let shipment = record_id(RecordKind::Shipment, world.merchant, id(name));
		Logistics::register_order(signed(Keyring::AliceStash), order_of(name), world.merchant)
			.unwrap();
		Logistics::create_shipment(
			signed(Keyring::Eve),
			id(name),
			order_of(name),
			DEMO_PLATFORM,
			vec![unit].try_into().unwrap(),
			FRAGILE,
			1,
			Money { currency: *b"CNY", minor_units: 500_000 },
			DEMO_CARRIER,
		)
		.unwrap();
		Logistics::record_checkpoint(
			signed(Keyring::CharlieStash),
			shipment,
			CheckpointKind::Pickup,
			observation(600, vec![]),
			None,
		)
		.unwrap();
		let mut summary = digest(590, 400, Seen::Drop(12_000));
		summary.shock.as_mut().unwrap().peak_at = NOW - 100 * MINUTE;
		let key = ed25519::Pair::from_string("//DemoCarrierLogger", None).unwrap();
		let device = demo_logger();
		let signature = key.sign(&sensor_digest_message(&shipment, 0, &device, &summary));
		frame_support::assert_noop!(
			Logistics::submit_sensor_digest(
				signed(Keyring::CharlieStash),
				shipment,
				0,
				device,
				summary,
				signature,
			),
			pallet_logistics::Error::<Runtime>::ExcursionOutsideWindow
		);
		let calibrated_on =
			pallet_logistics::Devices::<Runtime>::get(device).unwrap().calibrated_on;
		frame_support::assert_noop!(
			Logistics::update_device_calibration(
				signed(Keyring::CharlieStash),
				device,
				H256::zero(),
				calibrated_on - 1,
				NOW + 24 * HOUR,
			),
			pallet_logistics::Error::<Runtime>::CalibrationNotLater
		);
		frame_support::assert_noop!(
			Inspection::register_accreditation(
				signed(Keyring::BobStash),
				DEMO_AGENCY,
				pallet_inspection::AccreditationScheme::Cnas,
				certificate("SELF-DECLARED"),
				H256::zero(),
				NOW - HOUR,
				NOW + HOUR,
			),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

// ---- lifecycle across the pallets -------------------------------------------------------

/// The courier co-signed a reservation at delivery: the consumer's refund, from the
/// merchant, is decided the moment the platform opens the dispute; the recourse between the
/// businesses then goes its own way and ends with the second carrier liable.
#[test]
fn the_consumers_refund_does_not_wait_for_the_carriers_dispute() {
	dev_chain(|world| {
		let unit = id("urn:epc:id:sgtin:0614141.000001.200");
		attest_glassware_sound(unit, 29);
		let trip = Trip {
			second_leg: Seen::Drop(12_000),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		ship(&world, "SSCC consumer first", unit, trip);
		let dispute = pallet_liability::NextDisputeId::<Runtime>::get();
		let claim =
			claim(ClaimKind::TransitDamage, "SSCC consumer first", unit, DamageMode::Mechanical);
		let amount = claim.amount;
		Liability::open_dispute(signed(Keyring::AliceStash), claim).unwrap();
		let consumer = Disputes::<Runtime>::get(dispute).unwrap().consumer.unwrap();
		assert!(consumer.refund);
		assert_eq!(
			(consumer.payer, consumer.amount, consumer.decided_in),
			(world.merchant, amount, block())
		);
		assert!(liability_events().contains(&LiabilityEvent::ConsumerOutcomeDecided {
			dispute,
			refund: true,
			payer: world.merchant,
			amount,
		}));
		// The same claim cannot be brought twice, nor the same damage under another kind.
		assert_eq!(
			Liability::open_dispute(
				signed(Keyring::Eve),
				claim_of(ClaimKind::DefectOnArrival, "SSCC consumer first", unit)
			),
			Err(pallet_liability::Error::<Runtime>::UnitUnderDispute.into())
		);
		for org in Disputes::<Runtime>::get(dispute).unwrap().respondents.iter() {
			Liability::respond(signed(operator(&world, *org)), dispute, false).unwrap();
		}
		close_evidence(&world, dispute);
		let (liable, rules) = finalised(dispute);
		assert_eq!(liable, whole(world.second_carrier));
		assert_eq!(rules, vec![RuleId::D3, RuleId::T1]);
		assert_eq!(Disputes::<Runtime>::get(dispute).unwrap().consumer, Some(consumer));
		assert_eq!(
			Liability::open_dispute(
				signed(Keyring::AliceStash),
				claim_of(ClaimKind::DefectOnArrival, "SSCC consumer first", unit)
			),
			Err(pallet_liability::Error::<Runtime>::ClaimAlreadyDecided.into())
		);
	});
}

fn claim_of(kind: ClaimKind, shipment: &str, unit: ObjectKey) -> Claim<Runtime> {
	claim(kind, shipment, unit, DamageMode::Mechanical)
}

/// A luxury handbag the demo agency authenticated before shipping is claimed counterfeit: the
/// rules need a re-authentication by another agency (A1). The platform names one that is no
/// party; its failing attestation re-evaluates the dispute in the next block, and the first
/// agency is liable, with no human in the loop.
/// The handbag of the re-authentication scenarios: the demo agency authenticated it before
/// shipping, the platform claims it counterfeit, and the rules wait for another agency's
/// re-authentication (A1). Returns the dispute, the unit and the protocol.
fn handbag_awaiting_reauthentication(world: &World) -> (DisputeId, ObjectKey, u32) {
	let unit = id("urn:epc:id:sgtin:0614141.812345.7");
	let handbag = pallet_inspection::NextProtocolId::<Runtime>::get();
	Inspection::publish_protocol(
		signed(Keyring::BobStash),
		None,
		code("luxury-handbag"),
		false,
		pallet_inspection::Sampling::UnitLevel,
		vec![TestItem {
			code: code("AUTHENTIC"),
			method: id("stitching, hardware, date code"),
			unit: MeasurementUnit::Boolean,
			lower: Some(1),
			upper: Some(1),
			required: true,
			criticality: Criticality::Critical,
			damage_mode: DamageMode::Authenticity,
		}]
		.try_into()
		.unwrap(),
	)
	.unwrap();
	let genuine = result("AUTHENTIC", MeasurementUnit::Boolean, Some(1), Outcome::Pass);
	Inspection::attest(
		signed(Keyring::BobStash),
		id("DEMO-2026-0301"),
		attestation(
			unit,
			Purpose::PreShipment,
			"DEMO-INSPECTOR-001",
			handbag,
			vec![genuine],
			Verdict::Conformant,
		),
	)
	.unwrap();
	ship(world, "SSCC handbag reauth", unit, Trip::calm(GENERAL));
	let dispute = dispute_decided_at_once(
		world,
		claim(ClaimKind::Counterfeit, "SSCC handbag reauth", unit, DamageMode::Authenticity),
	);
	let status = || Disputes::<Runtime>::get(dispute).unwrap().status;
	let DisputeStatus::Reinspection { reason, agency: None, .. } = status() else {
		panic!("awaiting a re-authentication: {:?}", status());
	};
	assert_eq!(reason, EscalationReason::ReAuthenticationNeeded);
	(dispute, unit, handbag)
}

/// The attack: a respondent that expects to lose (the merchant, or the agency whose
/// authentication is in question) races the claimant to name a friendly agency for the
/// re-authentication. No party names it: whoever asks first, the chain assigns the same
/// agency, in rotation among the accredited agencies that are no party.
#[test]
fn no_party_picks_the_reauthenticating_agency_by_asking_first() {
	let assigned_when = |asker: Keyring| {
		let mut assigned = None;
		dev_chain(|world| {
			let (dispute, _, _) = handbag_awaiting_reauthentication(&world);
			let eligible = [admit_second_agency(), admit_third_agency()];
			Liability::request_reinspection(signed(asker), dispute).unwrap();
			let DisputeStatus::Reinspection { agency, .. } =
				Disputes::<Runtime>::get(dispute).unwrap().status
			else {
				panic!("awaiting the re-authentication")
			};
			assert!(eligible.contains(&agency.unwrap()), "{agency:?} is not an outside agency");
			// Asked once, assigned once: a second request changes nothing.
			assert_eq!(
				Liability::request_reinspection(signed(Keyring::AliceStash), dispute),
				Err(pallet_liability::Error::<Runtime>::ReinspectionAlreadyRequested.into())
			);
			assigned = agency;
		});
		assigned
	};
	let by_claimant = assigned_when(Keyring::AliceStash);
	assert_eq!(assigned_when(Keyring::Eve), by_claimant, "the merchant asking first");
	assert_eq!(assigned_when(Keyring::BobStash), by_claimant, "the questioned agency first");
}

#[test]
fn a_reauthentication_a_party_requests_decides_the_dispute_automatically() {
	dev_chain(|world| {
		let (dispute, unit, handbag) = handbag_awaiting_reauthentication(&world);
		let status = || Disputes::<Runtime>::get(dispute).unwrap().status;
		// The agency whose authentication is in question cannot be the one to check it: with
		// no other agency in the consortium, none is assigned.
		assert_eq!(
			Liability::request_reinspection(signed(Keyring::AliceStash), dispute),
			Err(pallet_liability::Error::<Runtime>::NoEligibleAgency.into())
		);
		let second = admit_second_agency();
		Liability::request_reinspection(signed(Keyring::AliceStash), dispute).unwrap();
		let DisputeStatus::Reinspection { agency: Some(assigned), .. } = status() else {
			panic!("an agency is assigned: {:?}", status());
		};
		assert_eq!(assigned, second, "the only agency that is no party");
		let fake = result("AUTHENTIC", MeasurementUnit::Boolean, Some(0), Outcome::Fail);
		Inspection::attest(
			signed(Keyring::One),
			id("SECOND-2026-0301"),
			AttestationInput {
				started_at: NOW - 20 * MINUTE,
				ended_at: NOW - 10 * MINUTE,
				..attestation(
					unit,
					Purpose::DisputeReinspection,
					"SECOND-INSPECTOR-1",
					handbag,
					vec![fake],
					Verdict::NonConformant,
				)
			},
		)
		.unwrap();
		assert!(
			liability_events().contains(&LiabilityEvent::Reinspected { dispute, agency: second })
		);
		advance_to(block() + 1);
		let (liable, rules) = finalised(dispute);
		assert_eq!(liable, whole(DEMO_AGENCY));
		assert!(rules.contains(&RuleId::A1), "{rules:?}");
	});
}

// ---- engines across a runtime upgrade ------------------------------------------------------

/// The chain runs spec 101 (liability storage version 2, the demo rule set on engine 1) when a
/// dispute opens; the council's upgrade to this runtime applies its migrations in the first
/// block. Two parcels dropped on each of three legs (the demo carrier, the second carrier, the
/// demo carrier again: T2, where the engines differ): the dispute in flight finishes on engine
/// 1 (one share per carrier), the one opened after the upgrade on engine 2 under the rule set
/// the migration published (one share per breached leg).
#[test]
fn a_dispute_open_across_an_upgrade_keeps_its_engine_and_a_new_one_uses_the_new_engine() {
	use frame_support::traits::{GetStorageVersion, StorageVersion};
	use pallet_liability::{CurrentRuleSet, OpenDisputesByEngine, RuleSetEngines, RuleSets};
	dev_chain(|world| {
		// The state spec 101 left.
		RuleSetEngines::<Runtime>::insert(1, 1);
		StorageVersion::new(2).put::<Liability>();
		let shocked_twice = || Trip {
			first_leg: Seen::Drop(12_000),
			second_leg: Seen::Drop(12_000),
			back_to_first: Some(Seen::Drop(12_000)),
			reservations: vec![Reservation::ApparentDamage],
			..Trip::calm(FRAGILE)
		};
		let before = id("urn:epc:id:sgtin:0614141.000001.201");
		let after = id("urn:epc:id:sgtin:0614141.000001.202");
		ship(&world, "SSCC before the upgrade", before, shocked_twice());
		ship(&world, "SSCC after the upgrade", after, shocked_twice());
		let in_flight = pallet_liability::NextDisputeId::<Runtime>::get();
		Liability::open_dispute(
			signed(Keyring::AliceStash),
			claim(
				ClaimKind::TransitDamage,
				"SSCC before the upgrade",
				before,
				DamageMode::Mechanical,
			),
		)
		.unwrap();

		evidence_runtime::Executive::execute_on_runtime_upgrade();
		assert_eq!(Liability::on_chain_storage_version(), StorageVersion::new(3));
		assert_eq!(CurrentRuleSet::<Runtime>::get(), 2);
		assert_eq!(RuleSets::<Runtime>::get(2), RuleSets::<Runtime>::get(1));
		assert_eq!(RuleSetEngines::<Runtime>::get(2), Some(2));
		assert!(liability_events()
			.contains(&LiabilityEvent::RuleSetPublished { version: 2, engine: 2 }));

		let new = dispute_decided_at_once(
			&world,
			claim(
				ClaimKind::TransitDamage,
				"SSCC after the upgrade",
				after,
				DamageMode::Mechanical,
			),
		);
		let respondents = Disputes::<Runtime>::get(in_flight).unwrap().respondents;
		for org in respondents.iter() {
			Liability::respond(signed(operator(&world, *org)), in_flight, false).unwrap();
		}
		for org in respondents.iter() {
			Liability::close_evidence(signed(operator(&world, *org)), in_flight).unwrap();
		}
		let (old, new_dispute) =
			(Disputes::<Runtime>::get(in_flight).unwrap(), Disputes::<Runtime>::get(new).unwrap());
		assert_eq!((old.rule_set, old.engine), (1, 1));
		assert_eq!((new_dispute.rule_set, new_dispute.engine), (2, 2));
		assert_eq!(OpenDisputesByEngine::<Runtime>::get(1), 1);
		assert_eq!(OpenDisputesByEngine::<Runtime>::get(2), 1);
		let halves = vec![
			Share { org: DEMO_CARRIER, share: Permill::from_percent(50) },
			Share { org: world.second_carrier, share: Permill::from_percent(50) },
		];
		let per_leg = vec![
			Share { org: DEMO_CARRIER, share: Permill::from_parts(666_667) },
			Share { org: world.second_carrier, share: Permill::from_parts(333_333) },
		];
		// Proposed in the same block, final in the same block.
		assert_eq!(finalised(in_flight), (halves, vec![RuleId::D3, RuleId::T2]));
		let new_dispute = Disputes::<Runtime>::get(new).unwrap();
		assert_eq!(new_dispute.status, DisputeStatus::Final);
		let verdict = new_dispute.verdict.unwrap();
		assert_eq!(
			(verdict.liable.to_vec(), verdict.rules.to_vec()),
			(per_leg, vec![RuleId::D3, RuleId::T2])
		);
		// Both ended: no dispute holds either engine any more.
		assert_eq!(OpenDisputesByEngine::<Runtime>::get(1), 0);
		assert_eq!(OpenDisputesByEngine::<Runtime>::get(2), 0);
	});
}

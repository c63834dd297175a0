//! The rule engine decides on facts the real inspection and logistics pallets stored: glassware
//! attested sound before shipping, a shock on the second carrier's leg, delivered with a
//! reservation → the second carrier, 100 % (rules D3, T1).

use evidence_primitives::{
	facts::{ClaimKind, DamageMode, DisputeFacts, InspectionFacts, LogisticsFacts},
	merkle::readings_root,
	MembershipCheck, Role, SensorReading,
};
use evidence_runtime::{
	genesis_config_presets::{demo_inspection::id, get_preset, DEV},
	Consortium, Inspection, Logistics, Runtime, RuntimeGenesisConfig, RuntimeOrigin,
};
use pallet_inspection::{
	AttestationInput, Criticality, MeasurementUnit, Outcome, Purpose, Sampling, Subjects, TestItem,
	TestResult, Verdict,
};
use pallet_liability::rules::{evaluate, Decision, RuleId, RuleSet, Share, SplitFormula};
use pallet_logistics::{
	sensor_digest_message, CheckpointKind, DeviceKind, Money, Observation, PackageState,
	ReceiptMode, Reservation, SensorSummary, ShockSummary,
};
use sp_core::{ed25519, Pair, H256};
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{BuildStorage, Permill};

/// 2026-06-01T00:00:00Z.
const NOW: u64 = 1_780_272_000_000;
const MINUTE: u64 = 60_000;
const HOUR: u64 = 60 * MINUTE;
/// Preset profile `fragile`: 5 g / 2 ms shock limit.
const FRAGILE: u32 = 1;

fn signed(keyring: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(keyring.to_account_id())
}

fn code(text: &str) -> pallet_inspection::Code {
	text.as_bytes().to_vec().try_into().unwrap()
}

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

/// A digest over `[start, end)` minutes ago with the given shock peak.
fn digest(start: u64, end: u64, peak_milli_g: u32) -> SensorSummary {
	let readings: Vec<SensorReading> = (0..(start - end))
		.map(|n| SensorReading {
			at: NOW - (start - n) * MINUTE,
			temperature_centi_celsius: Some(2_000),
			humidity_per_mille: Some(500),
			acceleration_milli_g: Some(1_000),
		})
		.collect();
	SensorSummary {
		window_start: NOW - start * MINUTE,
		window_end: NOW - end * MINUTE,
		sample_interval_ms: 60_000,
		sample_count: readings.len() as u32,
		gap_total_ms: 0,
		gap_longest_ms: 0,
		power_off_ms: 0,
		temperature: None,
		humidity: Some(pallet_logistics::HumiditySummary {
			min_per_mille: 500,
			max_per_mille: 500,
			first_out_of_range_at: None,
		}),
		shock: Some(ShockSummary {
			events_over_threshold: u32::from(peak_milli_g >= 5_000),
			peak_milli_g,
			peak_pulse_ms: 4,
			peak_at: NOW - (start - 30) * MINUTE,
		}),
		tilt_events: 0,
		alarm_flags: 0,
		error_flags: 0,
		readings_root: readings_root(&readings),
	}
}

#[test]
fn a_shock_on_the_second_carriers_leg_makes_it_liable() {
	let json = get_preset(&PresetId::from(DEV)).expect("dev preset");
	let config: RuntimeGenesisConfig = serde_json::from_slice(&json).expect("full config");
	let mut ext = sp_io::TestExternalities::new(config.build_storage().expect("genesis builds"));
	ext.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(NOW);
		let unit = id("urn:epc:id:sgtin:0614141.000001.42");
		let shipment = id("SSCC 006141410000000421");

		// A second carrier joins (organisation 4, admin Ferdie) with its own logger.
		Consortium::admit_org(
			RuntimeOrigin::root(),
			b"Second Carrier".to_vec(),
			vec![Role::Carrier],
			Sr25519Keyring::Ferdie.to_account_id(),
		)
		.unwrap();
		let second = Consortium::organisation_of(&Sr25519Keyring::Ferdie.to_account_id()).unwrap();
		let second_logger = ed25519::Pair::from_string("//SecondCarrierLogger", None).unwrap();
		let second_device = id("SECOND-LOGGER-1");
		Logistics::register_device(
			signed(Sr25519Keyring::Ferdie),
			second_device,
			DeviceKind::ShockLogger,
			b"SL-1".to_vec().try_into().unwrap(),
			b"SL1-0001".to_vec().try_into().unwrap(),
			second_logger.public(),
			H256::zero(),
			NOW - 100 * 24 * HOUR,
			NOW + 100 * 24 * HOUR,
		)
		.unwrap();

		// The demo agency attests the glass sound, unit by unit, before shipping.
		Inspection::publish_protocol(
			signed(Sr25519Keyring::BobStash),
			None,
			code("glassware"),
			Sampling::UnitLevel,
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
			signed(Sr25519Keyring::BobStash),
			id("DEMO-2026-0002"),
			AttestationInput {
				purpose: Purpose::PreShipment,
				subjects: Subjects::Units(vec![unit].try_into().unwrap()),
				order: Some(id("order-line 2026-000043/1")),
				inspector: id("DEMO-INSPECTOR-001"),
				protocol: 3,
				protocol_version: 1,
				started_at: NOW - 30 * HOUR,
				ended_at: NOW - 29 * HOUR,
				location: id("CNSHA"),
				equipment: Default::default(),
				results: vec![TestResult {
					item: code("CHIPS-CRACKS"),
					value: Some(0),
					unit: MeasurementUnit::Count,
					uncertainty: None,
					outcome: Outcome::Pass,
				}]
				.try_into()
				.unwrap(),
				aql: None,
				packaging: None,
				media: Default::default(),
				report: evidence_primitives::ContentDigest::sha2_256_of(b"report 0002"),
				verdict: Verdict::Conformant,
			},
		)
		.unwrap();

		// The demo platform ships it as fragile with the demo carrier.
		Logistics::create_shipment(
			signed(Sr25519Keyring::AliceStash),
			shipment,
			id("order-line 2026-000043/1"),
			vec![unit].try_into().unwrap(),
			FRAGILE,
			1,
			Money { currency: *b"CNY", minor_units: 39_900 },
			2,
		)
		.unwrap();
		let demo_logger = ed25519::Pair::from_string("//DemoCarrierLogger", None).unwrap();
		let demo_device = id("DEMO-LOGGER-001");
		let charlie = || signed(Sr25519Keyring::CharlieStash);
		Logistics::record_checkpoint(
			charlie(),
			shipment,
			CheckpointKind::Pickup,
			observation(600, vec![]),
			None,
		)
		.unwrap();
		let clean = digest(590, 400, 1_500);
		let signature =
			demo_logger.sign(&sensor_digest_message(&shipment, 0, &demo_device, &clean));
		Logistics::submit_sensor_digest(charlie(), shipment, 0, demo_device, clean, signature)
			.unwrap();
		Logistics::propose_handover(charlie(), shipment, second, NOW - 390 * MINUTE, id("CNSHA"))
			.unwrap();
		Logistics::accept_handover(
			signed(Sr25519Keyring::Ferdie),
			shipment,
			observation(390, vec![]),
		)
		.unwrap();

		// A 12 g drop on the second carrier's leg.
		let shocked = digest(380, 100, 12_000);
		let signature =
			second_logger.sign(&sensor_digest_message(&shipment, 1, &second_device, &shocked));
		Logistics::submit_sensor_digest(
			signed(Sr25519Keyring::Ferdie),
			shipment,
			1,
			second_device,
			shocked,
			signature,
		)
		.unwrap();
		Logistics::record_checkpoint(
			signed(Sr25519Keyring::Ferdie),
			shipment,
			CheckpointKind::OutForDelivery,
			observation(90, vec![]),
			None,
		)
		.unwrap();
		Logistics::record_checkpoint(
			signed(Sr25519Keyring::Ferdie),
			shipment,
			CheckpointKind::Delivered,
			observation(30, vec![Reservation::ApparentDamage]),
			Some(ReceiptMode::ConsigneeSigned),
		)
		.unwrap();

		// The engine reads what the pallets stored.
		let parties = Logistics::parties_of(&shipment).unwrap();
		assert_eq!(parties.custodians, vec![2, second]);
		let facts = DisputeFacts {
			claim: ClaimKind::TransitDamage,
			unit,
			merchant: parties.shipper,
			alleged_items: vec![],
			damage_mode: DamageMode::Mechanical,
			discovered_at: NOW - 20 * MINUTE,
			reported_at: NOW,
			amount: 39_900,
			delivery_media: false,
			misuse_evidence: false,
			durable_good: false,
			contested_with_media: false,
			agency_contests: false,
			shipment: Logistics::shipment_facts(&shipment),
			attestations: Inspection::attestations_of(&unit),
		};
		let rules = RuleSet {
			objection_window_ms: 48 * HOUR,
			no_reason_return_window_ms: 7 * 24 * HOUR,
			durable_defect_window_ms: 180 * 24 * HOUR,
			split: SplitFormula::Equal,
		};
		let verdict = evaluate(&rules, &facts);
		assert_eq!(
			verdict.decision,
			Decision::Liable(vec![Share { org: second, share: Permill::one() }])
		);
		assert_eq!(verdict.rules, vec![RuleId::D3, RuleId::T1]);
		assert_eq!(verdict.facts.len(), 4, "delivery, shipment, the shocked leg, the attestation");
	});
}

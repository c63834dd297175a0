//! The `dev` preset's demo carrier records a shipment with a sensor digest signed by the
//! documented development logger key, and its media land in the notary's registry.

mod common;

use common::{dev_chain, NOW};
use evidence_primitives::{
	merkle::{reading_proof, readings_root},
	record_id, ContentDigest, EvidenceKind, FactKind, FactRef, RecordKind, SensorReading,
};
use evidence_runtime::{
	genesis_config_presets::{demo_inspection::id, demo_logistics::demo_logger},
	Logistics, Runtime, RuntimeOrigin,
};
use pallet_logistics::{
	checkpoint_fact_id, sensor_digest_message, CheckpointKind, CheckpointMedia, LegState, Money,
	Observation, SensorSummary, ShockSummary, TemperatureSummary,
};
use sp_core::{ed25519, Pair, H256};
use sp_keyring::Sr25519Keyring;

const MINUTE: u64 = 60_000;
/// Preset profile `chilled-2-8`.
const CHILLED: u32 = 2;

fn signed(keyring: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(keyring.to_account_id())
}

fn readings() -> Vec<SensorReading> {
	(0..30u64)
		.map(|n| SensorReading {
			at: NOW - 40 * MINUTE + n * MINUTE,
			temperature_centi_celsius: Some(450 + n as i32),
			humidity_per_mille: None,
			acceleration_milli_g: Some(1_000),
		})
		.collect()
}

#[test]
fn the_demo_carrier_logs_a_chilled_leg_with_the_demo_logger() {
	dev_chain().execute_with(|| {
		let logger = ed25519::Pair::from_string("//DemoCarrierLogger", None).unwrap();
		let device = demo_logger();
		assert_eq!(
			pallet_logistics::Devices::<Runtime>::get(device).unwrap().key,
			logger.public(),
			"the documented development seed signs for the demo logger"
		);
		let reference = id("SSCC 006141411234567890");
		let shipment = record_id(RecordKind::Shipment, 0, reference);
		Logistics::create_shipment(
			signed(Sr25519Keyring::AliceStash),
			reference,
			id("order-line 2026-000042/1"),
			0,
			vec![id("urn:epc:id:sgtin:0614141.812345.6789")].try_into().unwrap(),
			CHILLED,
			1,
			Money { currency: *b"CNY", minor_units: 59_900 },
			2,
		)
		.expect("the demo platform ships");
		let photo = ContentDigest::blake2_256_of(b"parcel at pickup");
		let pickup = Observation {
			event_time: NOW - 45 * MINUTE,
			location: id("CNSHA"),
			package: None,
			reservations: Default::default(),
			note: None,
			media: vec![CheckpointMedia {
				digest: photo,
				kind: EvidenceKind::Photo,
				captured_at: NOW - 45 * MINUTE,
			}]
			.try_into()
			.unwrap(),
		};
		Logistics::record_checkpoint(
			signed(Sr25519Keyring::CharlieStash),
			shipment,
			CheckpointKind::Pickup,
			pickup,
			None,
		)
		.expect("the demo carrier picks up");
		let fact = FactRef { kind: FactKind::Checkpoint, id: checkpoint_fact_id(&shipment, 0) };
		assert!(pallet_notary::Citations::<Runtime>::get(photo).contains(&fact));

		let summary = SensorSummary {
			window_start: NOW - 40 * MINUTE,
			window_end: NOW - 11 * MINUTE,
			sample_interval_ms: 60_000,
			sample_count: 30,
			gap_total_ms: 0,
			gap_longest_ms: 0,
			power_off_ms: 0,
			temperature: Some(TemperatureSummary {
				min_centi_celsius: 450,
				max_centi_celsius: 479,
				mean_centi_celsius: 464,
				time_above_ms: 0,
				time_below_ms: 0,
				excursions: 0,
				longest_excursion_ms: 0,
				first_excursion_at: None,
				time_below_freeze_ms: 0,
				first_freeze_at: None,
			}),
			humidity: None,
			shock: Some(ShockSummary {
				events_over_threshold: 0,
				peak_milli_g: 1_000,
				peak_pulse_ms: 1,
				peak_at: NOW - 40 * MINUTE,
			}),
			tilt_events: 0,
			alarm_flags: 0,
			error_flags: 0,
			readings_root: readings_root(&readings()),
		};
		let signature = logger.sign(&sensor_digest_message(&shipment, 0, &device, &summary));
		Logistics::submit_sensor_digest(
			signed(Sr25519Keyring::CharlieStash),
			shipment,
			0,
			device,
			summary,
			signature,
		)
		.expect("a signed digest from the demo logger");
		assert_eq!(
			pallet_logistics::Legs::<Runtime>::get(shipment, 0).unwrap().condition,
			LegState::Clean
		);
		let all = readings();
		assert!(Logistics::verify_reading(shipment, 0, device, all[7], reading_proof(&all, 7)));
		assert!(!Logistics::verify_reading(shipment, 0, device, all[8], reading_proof(&all, 7)));
		assert!(!Logistics::verify_reading(
			shipment,
			0,
			H256::zero(),
			all[7],
			reading_proof(&all, 7)
		));
	});
}

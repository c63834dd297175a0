//! `evidence_export` documents validate against GS1's published EPCIS 2.0 JSON schema and use
//! only terms of the EPCIS 2.0 JSON-LD context (both vendored under `tests/fixtures/epcis/`,
//! see its `SOURCE.md`), for every checkpoint kind, sensor report, reservation and receipt
//! the chain can hold.

use evidence_primitives::{
	facts::{Excursion, LegState, Receipt},
	ContentDigest, EvidenceKind, Money,
};
use evidence_rpc::{
	export::{self, ReadAt},
	readable,
};
use evidence_runtime::{
	evidence::{CheckpointEntry, DigestEntry, LegEntry, OrderEvidence, ShipmentEntry},
	Runtime,
};
use pallet_logistics::types::{
	Checkpoint, CheckpointKind, CheckpointMedia, HumiditySummary, Leg, Observation, PackageState,
	Reservation, SensorDigestRecord, SensorSummary, Shipment, ShipmentPhase, ShockSummary,
	TemperatureSummary,
};
use serde_json::Value;
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

const SCHEMA: &str = include_str!("fixtures/epcis/EPCIS-JSON-Schema.json");
const CONTEXT: &str = include_str!("fixtures/epcis/epcis-context.jsonld");
const T0: u64 = 1_780_272_000_000;

/// Every checkpoint kind; a kind added to the pallet does not compile here until it is listed.
fn every_kind() -> Vec<CheckpointKind> {
	use CheckpointKind::*;
	let all = vec![
		Pickup,
		HubIn,
		HubOut,
		Handover,
		OutForDelivery,
		DeliveryFailed,
		Delivered,
		ReturnPickup,
		ReturnIntake,
		CustomsOpened,
		ForceMajeure,
	];
	for kind in &all {
		match kind {
			Pickup | HubIn | HubOut | Handover | OutForDelivery | DeliveryFailed | Delivered
			| ReturnPickup | ReturnIntake | CustomsOpened | ForceMajeure => {},
		}
	}
	all
}

/// Every reservation, likewise.
fn every_reservation() -> Vec<Reservation> {
	use Reservation::*;
	let all = vec![ApparentDamage, SealBroken, Wet, Crushed, WeightMismatch, Missing];
	for reservation in &all {
		match reservation {
			ApparentDamage | SealBroken | Wet | Crushed | WeightMismatch | Missing => {},
		}
	}
	all
}

/// Every receipt, likewise.
fn every_receipt() -> Vec<Receipt> {
	use Receipt::*;
	let all =
		vec![ConsigneeSigned, ConsentedProxy, LockerWithConsent, LockerWithoutConsent, Unsigned];
	for receipt in &all {
		match receipt {
			ConsigneeSigned | ConsentedProxy | LockerWithConsent | LockerWithoutConsent
			| Unsigned => {},
		}
	}
	all
}

fn h(n: u64) -> H256 {
	H256::from_low_u64_be(n)
}

/// A digest with a temperature, humidity and shock summary.
fn digest(device: u64, window_start: u64) -> DigestEntry {
	DigestEntry {
		device: h(device),
		record: SensorDigestRecord {
			summary: SensorSummary {
				window_start,
				window_end: window_start + 3_600_000,
				sample_interval_ms: 60_000,
				sample_count: 60,
				gap_total_ms: 0,
				gap_longest_ms: 0,
				power_off_ms: 0,
				temperature: Some(TemperatureSummary {
					min_centi_celsius: -1_850,
					max_centi_celsius: 850,
					mean_centi_celsius: 412,
					time_above_ms: 600_000,
					time_below_ms: 0,
					excursions: 1,
					longest_excursion_ms: 600_000,
					first_excursion_at: Some(window_start + 60_000),
					time_below_freeze_ms: 0,
					first_freeze_at: None,
				}),
				humidity: Some(HumiditySummary {
					min_per_mille: 300,
					max_per_mille: 655,
					first_out_of_range_at: None,
				}),
				shock: Some(ShockSummary {
					events_over_threshold: 1,
					peak_milli_g: 12_000,
					peak_pulse_ms: 6,
					peak_at: window_start + 120_000,
				}),
				tilt_events: 0,
				alarm_flags: 0,
				error_flags: 0,
				readings_root: h(device + 1_000),
			},
			condition: LegState::Excursion { kind: Excursion::Shock, at: window_start + 120_000 },
			block: 7,
		},
	}
}

/// One shipment that went through every checkpoint kind (one per leg), each leg closed with
/// a sensor digest, every reservation and receipt used.
fn evidence() -> OrderEvidence {
	let kinds = every_kind();
	let reservations = every_reservation();
	let receipts = every_receipt();
	let checkpoints: Vec<CheckpointEntry> = kinds
		.iter()
		.enumerate()
		.map(|(i, kind)| {
			let at = T0 + i as u64 * 3_600_000;
			let reserved = reservations[..=(i % reservations.len())].to_vec();
			let observation = Observation::<Runtime> {
				event_time: at,
				location: h(500 + i as u64),
				package: Some(PackageState { seal_intact: i % 2 == 0, gross_weight_grams: 1_250 }),
				reservations: reserved.try_into().unwrap(),
				note: Some(ContentDigest::blake2_256_of(b"note")),
				media: vec![CheckpointMedia {
					digest: ContentDigest::sha2_256_of(format!("photo {i}").as_bytes()),
					kind: EvidenceKind::Photo,
					captured_at: at,
				}]
				.try_into()
				.unwrap(),
			};
			CheckpointEntry {
				index: i as u32,
				fact: h(900 + i as u64),
				checkpoint: Checkpoint {
					kind: *kind,
					leg: i as u32,
					from: Some(1),
					to: (*kind != CheckpointKind::Delivered).then_some(2),
					observation,
					receipt: Some(receipts[i % receipts.len()]),
					recorded_by_org: 2,
					recorded_by: Sr25519Keyring::Charlie.to_account_id(),
					block: 10 + i as u32,
					acknowledged: i % 2 == 1,
				},
			}
		})
		.collect();
	let legs: Vec<LegEntry> = (0..kinds.len() as u32)
		.map(|index| {
			let opened = T0 + u64::from(index) * 3_600_000;
			LegEntry {
				index,
				fact: h(700 + u64::from(index)),
				leg: Leg {
					custodian: 2,
					opened_at: Some(opened),
					closed_at: Some(opened + 3_600_000),
					condition: LegState::Clean,
					excursions: Default::default(),
					digest_count: 1,
				},
				digests: vec![digest(40 + u64::from(index), opened)],
			}
		})
		.collect();
	let shipment = Shipment::<Runtime> {
		order: h(1),
		units: vec![h(2), h(3)].try_into().unwrap(),
		shipper: 1,
		platform: 0,
		profile: 0,
		profile_version: 1,
		declared_value: Money { currency: *b"CNY", minor_units: 39_900 },
		phase: ShipmentPhase::Returned,
		current_leg: kinds.len() as u32 - 1,
		delivered_leg: Some(6),
		checkpoint_count: kinds.len() as u32,
		last_event_time: T0,
		at_hub: false,
		pending_handover: None,
	};
	OrderEvidence {
		order: h(1),
		attestations: vec![],
		attestations_truncated: false,
		shipments: vec![ShipmentEntry { id: h(4), shipment, legs, checkpoints }],
		disputes: vec![],
	}
}

fn document() -> Value {
	let mut registry = scale_info::Registry::new();
	let ty = readable::register::<OrderEvidence>(&mut registry);
	let evidence = evidence();
	let mut readable = readable::Types::new(registry).json(&ty, &evidence).unwrap();
	readable::add_block_hashes(&mut readable, &|n| Some(format!("{:?}", h(10_000 + n))));
	let at = ReadAt { genesis: h(5), hash: h(6), number: 30, time: T0 + 86_400_000 };
	export::document(&evidence, &readable, &at)
}

#[test]
fn the_export_validates_against_the_epcis_2_0_json_schema() {
	let schema: Value = serde_json::from_str(SCHEMA).unwrap();
	let validator = jsonschema::draft7::new(&schema).expect("the vendored schema compiles");
	let document = document();
	let errors: Vec<String> = validator
		.iter_errors(&document)
		.map(|e| format!("{} at {}", e, e.instance_path()))
		.collect();
	assert!(errors.is_empty(), "{errors:#?}");

	// Every kind became its own event, and each leg's closing event carries the leg's report.
	let events = document["epcisBody"]["eventList"].as_array().unwrap();
	assert_eq!(events.len(), every_kind().len());
	let with_sensors = events.iter().filter(|e| e.get("sensorElementList").is_some()).count();
	assert_eq!(with_sensors, 3, "the handover, the delivery and the return's intake close legs");
	let types: Vec<&str> = events
		.iter()
		.filter_map(|e| e.get("sensorElementList"))
		.flat_map(|l| l[0]["sensorReport"].as_array().unwrap())
		.map(|r| r["type"].as_str().unwrap())
		.collect();
	assert_eq!(&types[..3], ["gs1:Temperature", "gs1:RelativeHumidity", "gs1:Acceleration"]);
	assert_eq!(document["creationDate"], "2026-06-02T00:00:00.000Z", "the block's time");

	// The validator does refuse what the standard does not allow.
	let mut broken = document.clone();
	broken["epcisBody"]["eventList"][0]["bizStep"] = Value::from("driving_around");
	assert!(!validator.is_valid(&broken), "an unknown business step is refused");
	let mut broken = document;
	broken["epcisBody"]["eventList"][0]["action"] = Value::from("MOVE");
	assert!(!validator.is_valid(&broken), "an unknown action is refused");
}

/// The keys of `value` that are not compact IRIs (`prefix:term`) or JSON-LD keywords, at any
/// depth, except under keys that are compact IRIs (the chain's own records).
fn plain_keys(value: &Value, keys: &mut std::collections::BTreeSet<String>) {
	match value {
		Value::Object(object) => {
			for (key, inner) in object {
				if key.starts_with('@') || key.contains(':') {
					continue;
				}
				keys.insert(key.clone());
				plain_keys(inner, keys);
			}
		},
		Value::Array(items) => items.iter().for_each(|item| plain_keys(item, keys)),
		_ => {},
	}
}

/// The terms a JSON-LD context defines, with those of its scoped contexts.
fn terms(context: &Value, defined: &mut std::collections::BTreeSet<String>) {
	if let Value::Object(object) = context {
		for (term, definition) in object {
			defined.insert(term.clone());
			if let Some(scoped) = definition.get("@context") {
				terms(scoped, defined);
			}
		}
	}
}

#[test]
fn the_export_uses_only_terms_of_the_epcis_2_0_context() {
	let context: Value = serde_json::from_str(CONTEXT).unwrap();
	let mut defined = std::collections::BTreeSet::new();
	terms(&context["@context"], &mut defined);
	let document = document();
	assert_eq!(document["@context"][0], export::EPCIS_CONTEXT);
	assert_eq!(document["@context"][1]["evidence-chain"], "urn:evidence-chain:");
	let mut used = std::collections::BTreeSet::new();
	plain_keys(&document, &mut used);
	let undefined: Vec<&String> = used.iter().filter(|k| !defined.contains(*k)).collect();
	assert!(undefined.is_empty(), "not in the EPCIS context: {undefined:?}");
	// The measurement types name GS1 Web Vocabulary terms through the context's prefix.
	assert_eq!(context["@context"]["gs1"], "https://gs1.org/voc/");
}

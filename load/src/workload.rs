//! The calls each workload submits, built with the runtime's own types.

use evidence_primitives::{
	facts::{ClaimKind, DamageMode},
	merkle::{self, MerkleScheme},
	record_id, ContentDigest, HashAlgorithm, OrgId, RecordKind,
};
use evidence_runtime::{Runtime, RuntimeCall};
use pallet_inspection::types::{
	AttestationInput, MeasurementUnit, Outcome, Purpose, Subjects, TestResult, Verdict,
};
use pallet_logistics::{
	CheckpointKind, DeviceKind, HumiditySummary, Money, Observation, PackageState, Receipt,
	Reservation, SensorSummary, ShockSummary,
};
use sp_core::{ed25519, Pair, H256};

/// The workloads the generator knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Workload {
	/// `System.remark` with the encoded size of an attestation call: the baseline.
	Remark,
	/// `Inspection.attest`: the demo agency attests a unit against protocol 0.
	Attest,
	/// `Notary.anchor_batch`: the Merkle root of `--batch-size` digests, tree built here.
	Batch,
	/// `Logistics.record_checkpoint`: the demo carrier's hub scans (HubIn, HubOut, …), eight
	/// on each of `--count / 8` shipments that the demo platform created and the carrier
	/// picked up beforehand (not timed).
	Checkpoint,
	/// `Logistics.submit_sensor_digest`: eight loggers of the demo carrier, registered
	/// beforehand, each report once on the leg of each of `--count / 8` picked-up shipments.
	Sensor,
	/// `--count` whole orders: the agency attests the unit and the platform ships it; the
	/// carrier picks it up, reports a drop and delivers it with a reservation; every
	/// `--dispute-every`th order is disputed, contested and closed by its respondents, and the
	/// runtime proposes the verdict in the block that closes the evidence.
	Story,
	/// `--count` remarks of an attestation's size (ten blocks' worth by default in the
	/// benchmark) submitted at once, every operator its own in nonce order, never retried:
	/// each is either accepted by the pool or refused with an error the client sees, and an
	/// operator stops at its first refusal (its later nonces could not land). Reports
	/// accepted, refused, finalized and lost (accepted but never finalized).
	Burst,
	/// Reads, not transactions: `evidence_orderEvidence` for `--order`, `--concurrency` at
	/// once; latencies measured per request.
	Reads,
}

impl Workload {
	pub fn name(self) -> &'static str {
		match self {
			Self::Remark => "remark",
			Self::Attest => "attest",
			Self::Batch => "batch",
			Self::Checkpoint => "checkpoint",
			Self::Sensor => "sensor",
			Self::Story => "story",
			Self::Burst => "burst",
			Self::Reads => "reads",
		}
	}
}

fn blake2(text: &[u8]) -> H256 {
	H256(sp_crypto_hashing::blake2_256(text))
}

/// One minute, in ms.
pub const MINUTE: u64 = 60_000;
/// The demo platform (ships and claims), the demo agency and the demo carrier.
pub const DEMO_PLATFORM: OrgId = 0;
pub const DEMO_AGENCY: OrgId = 1;
pub const DEMO_CARRIER: OrgId = 2;
/// Condition profiles of the consortium presets.
pub const GENERAL_PARCEL: u32 = 0;
pub const FRAGILE: u32 = 1;
/// Loggers a leg takes (the runtime's `MaxDigestsPerLeg`), and so the sensor workload's
/// digests per shipment.
pub const LOGGERS: u64 = 8;

/// Thing `what` number `n` of the run tagged `run`: unit, order, shipment, device, …
pub fn id(what: &str, run: u64, n: u64) -> H256 {
	blake2(format!("{what} {run} {n}").as_bytes())
}

/// The reference (waybill hash) of shipment `n` of the run tagged `run`.
pub fn shipment_reference(run: u64, n: u64) -> H256 {
	id("shipment", run, n)
}

/// The id the chain gives shipment `n` of the run tagged `run`, shipped by the demo platform.
pub fn shipment_id(run: u64, n: u64) -> H256 {
	record_id(RecordKind::Shipment, DEMO_PLATFORM, shipment_reference(run, n))
}

/// The demo platform ships `unit` of `order` as its shipment `reference` under condition
/// profile `profile` (version 1) with the demo carrier.
pub fn create_shipment(reference: H256, order: H256, unit: H256, profile: u32) -> RuntimeCall {
	RuntimeCall::Logistics(pallet_logistics::Call::create_shipment {
		reference,
		order,
		platform: DEMO_PLATFORM,
		units: vec![unit].try_into().expect("one unit fits"),
		profile,
		profile_version: 1,
		declared_value: Money { currency: *b"CNY", minor_units: 399_00 },
		first_carrier: DEMO_CARRIER,
	})
}

/// Checkpoint `kind` of `shipment` at `event_time`, package found sealed; a `Delivered` is
/// signed by the consignee.
pub fn checkpoint(
	shipment: H256,
	kind: CheckpointKind,
	event_time: u64,
	reservations: Vec<Reservation>,
) -> RuntimeCall {
	let observation = Observation::<Runtime> {
		event_time,
		location: blake2(b"CNSHA"),
		package: Some(PackageState { seal_intact: true, gross_weight_grams: 1_800 }),
		reservations: reservations.try_into().expect("at most six reservations"),
		note: None,
		media: Default::default(),
	};
	let receipt = (kind == CheckpointKind::Delivered).then_some(Receipt::ConsigneeSigned);
	RuntimeCall::Logistics(pallet_logistics::Call::record_checkpoint {
		shipment,
		kind,
		observation,
		receipt,
	})
}

/// A logger of the demo carrier: its reference (serial hash), its id and its signing key.
pub struct Logger {
	pub reference: H256,
	pub device: H256,
	pub key: ed25519::Pair,
}

impl Logger {
	/// The genesis logger of the demo carrier.
	pub fn demo() -> Self {
		Self::of_carrier(
			blake2(b"DEMO-LOGGER-001"),
			ed25519::Pair::from_string("//DemoCarrierLogger", None).expect("valid seed"),
		)
	}

	/// Logger `n` of the run tagged `run`.
	pub fn load(run: u64, n: u64) -> Self {
		Self::of_carrier(
			id("LOAD-LOGGER", run, n),
			ed25519::Pair::from_string(&format!("//Load//Logger//{n}"), None).expect("valid seed"),
		)
	}

	fn of_carrier(reference: H256, key: ed25519::Pair) -> Self {
		Self { reference, device: record_id(RecordKind::Device, DEMO_CARRIER, reference), key }
	}

	/// Registers this logger for the carrier, calibrated from 100 days before `now` to 100
	/// days after.
	pub fn register(&self, run: u64, n: u64, now: u64) -> RuntimeCall {
		let day = 24 * 60 * MINUTE;
		RuntimeCall::Logistics(pallet_logistics::Call::register_device {
			reference: self.reference,
			kind: DeviceKind::MultiSensor,
			model: b"EVIDENCE-LOGGER 3".to_vec().try_into().expect("short code"),
			serial: format!("LOAD-{run}-{n}").into_bytes().try_into().expect("short code"),
			key: self.key.public(),
			calibration_certificate: id("LOAD-CALIBRATION", run, n),
			calibrated_on: now - 100 * day,
			calibration_due: now + 100 * day,
		})
	}

	/// This logger's signed summary of leg `leg` of `shipment` over `[start, end]`, with a
	/// peak shock of `peak_milli_g` half-way.
	pub fn digest(
		&self,
		shipment: H256,
		leg: u32,
		(start, end): (u64, u64),
		peak_milli_g: u32,
	) -> RuntimeCall {
		let summary = SensorSummary {
			window_start: start,
			window_end: end,
			sample_interval_ms: MINUTE as u32,
			sample_count: ((end - start) / MINUTE) as u32,
			gap_total_ms: 0,
			gap_longest_ms: 0,
			power_off_ms: 0,
			temperature: None,
			humidity: Some(HumiditySummary {
				min_per_mille: 500,
				max_per_mille: 500,
				first_out_of_range_at: None,
			}),
			shock: Some(ShockSummary {
				events_over_threshold: u32::from(peak_milli_g >= 5_000),
				peak_milli_g,
				peak_pulse_ms: 4,
				peak_at: start + (end - start) / 2,
			}),
			tilt_events: 0,
			alarm_flags: 0,
			error_flags: 0,
			readings_root: blake2(&codec::Encode::encode(&(shipment, leg, self.device))),
		};
		let message =
			pallet_logistics::sensor_digest_message(&shipment, leg, &self.device, &summary);
		RuntimeCall::Logistics(pallet_logistics::Call::submit_sensor_digest {
			shipment,
			leg,
			device: self.device,
			summary,
			signature: self.key.sign(&message),
		})
	}
}

/// The platform's transit-damage claim for `unit` of `order` carried by `shipment`,
/// discovered at `now`, with the consumer's photos.
pub fn open_dispute(order: H256, shipment: H256, unit: H256, now: u64) -> RuntimeCall {
	RuntimeCall::Liability(pallet_liability::Call::open_dispute {
		claim: pallet_liability::Claim::<Runtime> {
			kind: ClaimKind::TransitDamage,
			order,
			shipment,
			unit,
			lot: None,
			alleged_items: Default::default(),
			damage_mode: DamageMode::Mechanical,
			discovered_at: now,
			amount: Money { currency: *b"CNY", minor_units: 399_00 },
			evidence: vec![ContentDigest {
				algorithm: HashAlgorithm::Sha2_256,
				hash: blake2(&codec::Encode::encode(&(b"consumer photos", order))),
			}]
			.try_into()
			.expect("one digest fits"),
		},
	})
}

/// A respondent contests `dispute`.
pub fn contest(dispute: u64) -> RuntimeCall {
	RuntimeCall::Liability(pallet_liability::Call::respond { dispute, accept: false })
}

/// A respondent has nothing to add to `dispute`.
pub fn close_evidence(dispute: u64) -> RuntimeCall {
	RuntimeCall::Liability(pallet_liability::Call::close_evidence { dispute })
}

/// Attestation `n` of the run tagged `run`: one unit of the demo agency's small-appliance
/// protocol (0) inspected an hour before `now`, every test item passed.
pub fn attestation(run: u64, n: u64, now: u64) -> RuntimeCall {
	let key = |what: &str| blake2(format!("{what} {run} {n}").as_bytes());
	let result = |item: &str, value: i64, unit| TestResult {
		item: item.as_bytes().to_vec().try_into().expect("test item codes are short"),
		value: Some(value),
		unit,
		uncertainty: None,
		outcome: Outcome::Pass,
	};
	let input = AttestationInput::<evidence_runtime::Runtime> {
		purpose: Purpose::PreShipment,
		subjects: Subjects::Units(vec![key("unit")].try_into().expect("one unit fits")),
		order: Some(key("order")),
		inspector: record_id(RecordKind::Inspector, DEMO_AGENCY, blake2(b"DEMO-INSPECTOR-001")),
		protocol: 0,
		protocol_version: 1,
		// Pre-shipment: it ends before the story's pickup ten hours ago (rule T1 reads only
		// an inspection made by the first pickup).
		started_at: now.saturating_sub(12 * 3_600_000),
		ended_at: now.saturating_sub(11 * 3_600_000),
		location: blake2(b"CNSHA"),
		equipment: vec![record_id(
			RecordKind::Equipment,
			DEMO_AGENCY,
			blake2(b"DEMO-EQUIPMENT-001"),
		)]
		.try_into()
		.expect("one item fits"),
		results: vec![
			result("POWER-ON", 1, MeasurementUnit::Boolean),
			result("INSULATION-RESISTANCE", 5_000_000_000, MeasurementUnit::Milliohm),
			result("HOUSING-CRACKS", 0, MeasurementUnit::Count),
		]
		.try_into()
		.expect("three results fit"),
		aql: None,
		packaging: None,
		media: Default::default(),
		report: ContentDigest { algorithm: HashAlgorithm::Sha2_256, hash: key("report") },
		verdict: Verdict::Conformant,
	};
	RuntimeCall::Inspection(pallet_inspection::Call::attest { reference: key("id"), input })
}

/// A remark whose call encodes to exactly `size` bytes (`size` ≥ 4), unique per `n`.
pub fn remark(run: u64, n: u64, size: usize) -> RuntimeCall {
	let call = |len: usize| {
		let mut bytes = format!("{run}:{n}:").into_bytes();
		bytes.resize(len, b'.');
		RuntimeCall::System(frame_system::Call::remark { remark: bytes })
	};
	// Pallet index, call index and the compact length prefix take 3 to 5 bytes.
	let mut len = size.saturating_sub(4);
	while codec::Encode::encoded_size(&call(len)) > size && len > 0 {
		len -= 1;
	}
	while codec::Encode::encoded_size(&call(len)) < size {
		len += 1;
	}
	call(len)
}

/// `size` fresh digests of the run and the anchor call of their Merkle root, built with the
/// same code as `evidence-node hash --batch`.
pub fn batch(run: u64, n: u64, size: u32) -> RuntimeCall {
	let leaves: Vec<ContentDigest> = (0..size)
		.map(|i| ContentDigest {
			algorithm: HashAlgorithm::Blake2_256,
			hash: blake2(format!("evidence {run} {n} {i}").as_bytes()),
		})
		.collect();
	let root = merkle::batch_root(&leaves);
	RuntimeCall::Notary(pallet_notary::Call::anchor_batch {
		root,
		leaf_count: size,
		scheme: MerkleScheme::Blake2PrefixedV1,
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;

	#[test]
	fn remark_has_exactly_the_asked_size() {
		let attest = attestation(1, 0, 1_800_000_000_000).encoded_size();
		for size in [8, 63, 64, 65, 200, attest, 16_383, 16_384, 16_385] {
			assert_eq!(remark(1, 7, size).encoded_size(), size, "size {size}");
		}
	}

	#[test]
	fn every_item_is_unique() {
		assert_ne!(remark(1, 0, 300).encode(), remark(1, 1, 300).encode());
		assert_ne!(attestation(1, 0, 5_000_000).encode(), attestation(1, 1, 5_000_000).encode());
		assert_ne!(attestation(1, 0, 5_000_000).encode(), attestation(2, 0, 5_000_000).encode());
		assert_ne!(batch(1, 0, 10).encode(), batch(1, 1, 10).encode());
		assert_ne!(Logger::load(1, 0).device, Logger::load(1, 1).device);
		assert_ne!(Logger::load(1, 0).key.public(), Logger::load(1, 1).key.public());
	}

	#[test]
	fn digests_are_signed_by_their_logger() {
		let logger = Logger::load(1, 3);
		let shipment = id("shipment", 1, 0);
		let RuntimeCall::Logistics(pallet_logistics::Call::submit_sensor_digest {
			shipment: s,
			leg,
			device,
			summary,
			signature,
		}) = logger.digest(shipment, 0, (10 * MINUTE, 70 * MINUTE), 12_000)
		else {
			panic!("not a sensor digest")
		};
		assert_eq!((s, leg, device), (shipment, 0, logger.device));
		assert_eq!((summary.sample_count, summary.shock.unwrap().events_over_threshold), (60, 1));
		let message = pallet_logistics::sensor_digest_message(&shipment, 0, &device, &summary);
		assert!(ed25519::Pair::verify(&signature, &message, &logger.key.public()));
		assert!(!ed25519::Pair::verify(&signature, &message, &Logger::demo().key.public()));
	}

	#[test]
	fn the_demo_logger_is_the_genesis_one() {
		assert_eq!(
			Logger::demo().key.public().0,
			evidence_runtime::genesis_config_presets::demo_logistics::DEMO_LOGGER_KEY
		);
	}

	#[test]
	fn batch_anchors_the_root_of_its_leaves() {
		let RuntimeCall::Notary(pallet_notary::Call::anchor_batch { root, leaf_count, scheme }) =
			batch(3, 4, 5)
		else {
			panic!("not an anchor_batch call")
		};
		let leaves: Vec<ContentDigest> = (0..5)
			.map(|i| ContentDigest {
				algorithm: HashAlgorithm::Blake2_256,
				hash: blake2(format!("evidence 3 4 {i}").as_bytes()),
			})
			.collect();
		assert_eq!(
			(root, leaf_count, scheme),
			(merkle::batch_root(&leaves), 5, MerkleScheme::Blake2PrefixedV1)
		);
		let proof = &merkle::inclusion_proofs(&leaves)[2];
		assert!(merkle::verify_inclusion(root, 5, &leaves[2], proof));
	}
}

//! The `dev` preset's demo inspection agency can attest right away, and its attestation's
//! media land in the notary's registry, citing it.

mod common;

use common::{dev_chain, NOW};
use evidence_primitives::{record_id, ContentDigest, EvidenceKind, FactKind, FactRef, RecordKind};
use evidence_runtime::{
	genesis_config_presets::demo_inspection::{demo_equipment, demo_inspector, id},
	Inspection, Runtime, RuntimeOrigin,
};
use pallet_inspection::{
	AttestationInput, Code, MeasurementUnit, MediaItem, Outcome, Purpose, Subjects, TestResult,
	Verdict,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

fn code(text: &str) -> Code {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn result(item: &str, unit: MeasurementUnit, value: Option<i64>, outcome: Outcome) -> TestResult {
	TestResult { item: code(item), value, unit, uncertainty: None, outcome }
}

/// An authentic handbag with 10 stitches per inch, inspected with the demo camera.
fn handbag_attestation() -> AttestationInput<Runtime> {
	AttestationInput {
		purpose: Purpose::ReturnIntake,
		subjects: Subjects::Units(
			vec![id("urn:epc:id:sgtin:0614141.812345.6789")].try_into().unwrap(),
		),
		order: Some(id("order-line 2026-000042/1")),
		inspector: demo_inspector(),
		protocol: 2,
		protocol_version: 1,
		started_at: NOW - 3_600_000,
		ended_at: NOW - 600_000,
		location: id("CNSHA"),
		equipment: vec![demo_equipment("DEMO-EQUIPMENT-002")].try_into().unwrap(),
		results: vec![
			result("AUTHENTICITY", MeasurementUnit::Boolean, Some(1), Outcome::Pass),
			result("STITCHES-PER-INCH", MeasurementUnit::Count, Some(10), Outcome::Pass),
			result("HARDWARE-FINISH", MeasurementUnit::Score, None, Outcome::NotTested),
		]
		.try_into()
		.unwrap(),
		aql: None,
		packaging: None,
		media: vec![MediaItem {
			digest: ContentDigest::blake2_256_of(b"logo close-up"),
			kind: EvidenceKind::Photo,
			covers: code("logo and serial tag"),
			captured_at: NOW - 1_800_000,
			device: Some(demo_equipment("DEMO-EQUIPMENT-002")),
			c2pa_claim: None,
			c2pa_signer: None,
		}]
		.try_into()
		.unwrap(),
		report: ContentDigest::sha2_256_of(b"report DEMO-2026-0001"),
		verdict: Verdict::Conformant,
	}
}

#[test]
fn the_demo_agency_attests_with_its_genesis_registries() {
	dev_chain().execute_with(|| {
		assert_eq!(pallet_inspection::NextProtocolId::<Runtime>::get(), 3);
		// The ids the inspection and logistics READMEs list (computed there independently).
		let hex = |id: H256| format!("{id:?}");
		assert_eq!(
			hex(demo_inspector()),
			"0xc1f54f3902c77bb9301bc4ee3e316029d4d2f9b827763c320f32d78461d31459"
		);
		assert_eq!(
			hex(demo_equipment("DEMO-EQUIPMENT-001")),
			"0xfc98f41c9baef6d5cb864a6028d66ea7b6645b6c78108ddd20d62f48bf412a19"
		);
		assert_eq!(
			hex(demo_equipment("DEMO-EQUIPMENT-002")),
			"0x607cc303af46f0e9b808e2775d4b4840708d5b78ce0ddc5aff140f1fdcc63d8c"
		);
		assert_eq!(
			hex(evidence_runtime::genesis_config_presets::demo_logistics::demo_logger()),
			"0x13958a3c75200ab1b9bc373755062042b076de57997f1817c9a89af64052e0c0"
		);
		assert!(pallet_inspection::Inspectors::<Runtime>::contains_key(demo_inspector()));
		let reference = id("DEMO-2026-0001");
		let operator = RuntimeOrigin::signed(Sr25519Keyring::BobStash.to_account_id());
		Inspection::attest(operator, reference, handbag_attestation()).expect("attested");
		let attestation = record_id(RecordKind::Attestation, 1, reference);

		let stored = pallet_inspection::Attestations::<Runtime>::get(attestation).unwrap();
		assert_eq!(stored.agency, 1);
		// The notary knows the photo and the report, both citing the attestation.
		let fact = FactRef { kind: FactKind::Attestation, id: attestation };
		for digest in [
			ContentDigest::blake2_256_of(b"logo close-up"),
			ContentDigest::sha2_256_of(b"report DEMO-2026-0001"),
		] {
			assert_eq!(pallet_notary::Digests::<Runtime>::get(digest).map(|d| d.org), Some(1));
			assert!(pallet_notary::Citations::<Runtime>::get(digest).contains(&fact));
		}
	});
}

#[test]
fn the_demo_carrier_cannot_attest() {
	dev_chain().execute_with(|| {
		let carrier = RuntimeOrigin::signed(Sr25519Keyring::CharlieStash.to_account_id());
		assert_eq!(
			Inspection::attest(carrier, H256::repeat_byte(1), handbag_attestation()),
			Err(pallet_inspection::Error::<Runtime>::NotAnInspectionAgency.into())
		);
	});
}

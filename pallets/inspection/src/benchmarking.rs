//! Benchmarks of every call at its worst case: full lists, the longest scans, every index one
//! short of its bound.

use super::*;
use alloc::{vec, vec::Vec};
use evidence_primitives::{
	cite_to_one_short, record_id, ContentDigest, EvidenceKind, FactKind, MembershipCheck, OrgId,
	RecordKind,
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;

const NOW: u64 = 1_767_225_600_000;
const YEAR: u64 = 365 * 86_400_000;

fn code(text: &[u8]) -> Code {
	text.to_vec().try_into().expect("short code")
}

fn full_code(seed: u32) -> Code {
	let mut bytes = vec![b'x'; MAX_CODE_LEN as usize];
	bytes[..4].copy_from_slice(&seed.to_be_bytes());
	bytes.try_into().expect("MAX_CODE_LEN bytes")
}

fn certificate() -> CertificateNumber {
	vec![b'c'; MAX_CERTIFICATE_LEN as usize].try_into().expect("MAX_CERTIFICATE_LEN bytes")
}

fn id(tag: u8, n: u32) -> H256 {
	let mut bytes = [tag; 32];
	bytes[..4].copy_from_slice(&n.to_be_bytes());
	H256(bytes)
}

/// The benchmarking agency and its operator, at chain time `NOW`.
fn agency<T: Config>() -> (T::AccountId, OrgId) {
	let caller = T::BenchmarkHelper::agency_operator();
	let org = T::Membership::organisation_of(&caller).expect("the helper returns a member");
	pallet_timestamp::Now::<T>::put(NOW);
	(caller, org)
}

/// Fills the agency's accreditation list, the only valid one last (the longest scan).
fn accredit<T: Config>(org: OrgId) {
	let max = T::MaxAccreditations::get();
	let list: Vec<Accreditation> = (0..max)
		.map(|n| Accreditation {
			scheme: AccreditationScheme::Iso17020TypeA,
			certificate: certificate(),
			scope: H256::zero(),
			valid_from: if n + 1 == max { NOW - YEAR } else { 0 },
			valid_until: if n + 1 == max { NOW + YEAR } else { 1 },
			withdrawn: None,
		})
		.collect();
	Accreditations::<T>::insert(org, BoundedVec::truncate_from(list));
}

fn items<T: Config>(count: u32) -> BoundedVec<TestItem, T::MaxTestItems> {
	let items: Vec<TestItem> = (0..count)
		.map(|n| TestItem {
			code: full_code(n),
			method: H256::zero(),
			unit: MeasurementUnit::Millivolt,
			lower: Some(100),
			upper: Some(200),
			required: true,
			criticality: Criticality::Critical,
			damage_mode: DamageMode::Electrical,
		})
		.collect();
	items.try_into().expect("at most MaxTestItems")
}

/// An inspector qualified for a full category list, the protocol's category last.
fn inspector<T: Config>(org: OrgId) -> InspectorId {
	let max = T::MaxCategoriesPerInspector::get();
	let categories: Vec<Code> =
		(0..max).map(|n| if n + 1 == max { code(b"category") } else { full_code(n) }).collect();
	let inspector = id(0x11, 0);
	Inspectors::<T>::insert(
		inspector,
		Inspector {
			agency: org,
			qualification: certificate(),
			categories: categories.try_into().expect("MaxCategoriesPerInspector"),
			valid_from: NOW - YEAR,
			valid_until: NOW + YEAR,
			revoked_at: None,
			withdrawn: None,
		},
	);
	inspector
}

fn equipment<T: Config>(org: OrgId, n: u32) -> EquipmentId {
	let equipment = id(0x21, n);
	EquipmentRegistry::<T>::insert(
		equipment,
		Equipment {
			owner: org,
			kind: EquipmentKind::Instrument,
			model: full_code(n),
			serial: full_code(n),
			calibration_certificate: H256::zero(),
			calibrated_on: NOW - YEAR,
			calibration_due: NOW + YEAR,
		},
	);
	equipment
}

/// Equipment recalibrated since the inspection (`NOW - 2_000` to `NOW - 1_000`): the
/// calibration that covers it is the last of a full history (the longest path of the
/// calibration check).
fn recalibrated_equipment<T: Config>(org: OrgId, n: u32) -> EquipmentId {
	let equipment = equipment::<T>(org, n);
	EquipmentRegistry::<T>::mutate(equipment, |e| {
		if let Some(e) = e {
			e.calibrated_on = NOW - 500;
		}
	});
	let max = evidence_primitives::MAX_PAST_CALIBRATIONS;
	let history: Vec<evidence_primitives::Calibration> = (0..max)
		.map(|k| evidence_primitives::Calibration {
			certificate: H256::zero(),
			calibrated_on: if k + 1 == max { NOW - YEAR } else { 0 },
			due: if k + 1 == max { NOW - 500 } else { 1 },
		})
		.collect();
	PastEquipmentCalibrations::<T>::insert(equipment, BoundedVec::truncate_from(history));
	equipment
}

/// A consistent attestation of `u` units, `r` results, `m` media and `e` pieces of equipment,
/// with every index one short of its bound.
fn attestation<T: Config>(
	who: &T::AccountId,
	org: OrgId,
	u: u32,
	r: u32,
	m: u32,
	e: u32,
) -> AttestationInput<T> {
	accredit::<T>(org);
	let inspector = inspector::<T>(org);
	// A full protocol whose last `r` items are required and reported (the longest code
	// search); the others are optional and left out.
	let max_items = T::MaxTestItems::get();
	let mut protocol_items = items::<T>(max_items);
	for (n, item) in protocol_items.iter_mut().enumerate() {
		item.required = n as u32 >= max_items - r;
	}
	Protocols::<T>::insert(
		0,
		1,
		TestProtocol {
			owner: org,
			category: code(b"category"),
			durable_good: true,
			sampling: Sampling::UnitLevel,
			items: protocol_items.clone(),
		},
	);
	LatestProtocolVersion::<T>::insert(0, 1);
	NextProtocolId::<T>::put(1);
	let used: Vec<EquipmentId> = (0..e).map(|n| recalibrated_equipment::<T>(org, n)).collect();
	let units: Vec<H256> = (0..u).map(|n| id(0x31, n)).collect();
	let order = id(0x41, 0);
	let filler = |n: u32| id(0xff, n);
	for unit in &units {
		let ids: Vec<H256> = (1..T::MaxAttestationsPerUnit::get()).map(filler).collect();
		AttestationsByUnit::<T>::insert(unit, BoundedVec::truncate_from(ids));
	}
	let ids: Vec<H256> = (1..T::MaxAttestationsPerOrder::get()).map(filler).collect();
	AttestationsByOrder::<T>::insert(order, BoundedVec::truncate_from(ids));
	let results: Vec<TestResult> = protocol_items
		.iter()
		.filter(|item| item.required)
		.rev()
		.map(|item| TestResult {
			item: item.code.clone(),
			value: Some(150),
			unit: MeasurementUnit::Millivolt,
			uncertainty: Some(1),
			outcome: Outcome::Pass,
		})
		.collect();
	// Every item from a device of its own, every digest's citations one short of full.
	let media: Vec<MediaItem> = (0..m)
		.map(|n| MediaItem {
			digest: ContentDigest::blake2_256_of(&n.to_be_bytes()),
			kind: EvidenceKind::Video,
			covers: full_code(n),
			captured_at: NOW - 1_000,
			device: Some(recalibrated_equipment::<T>(org, 1_000 + n)),
			c2pa_claim: Some(H256::zero()),
			c2pa_signer: Some(H256::zero()),
		})
		.collect();
	let report = ContentDigest::sha2_256_of(b"report");
	for digest in media.iter().map(|item| item.digest).chain([report]) {
		cite_to_one_short::<T::AccountId, T::Evidence>(
			who,
			digest,
			EvidenceKind::Video,
			NOW - 1_000,
			FactKind::Attestation,
		);
	}
	AttestationInput {
		// A dispute re-inspection's extra reads and writes are charged on top
		// (`reinspection_notice_weight`).
		purpose: Purpose::PreShipment,
		subjects: Subjects::Units(units.try_into().expect("at most MaxUnitsPerAttestation")),
		order: Some(order),
		inspector,
		protocol: 0,
		protocol_version: 1,
		started_at: NOW - 2_000,
		ended_at: NOW - 1_000,
		location: H256::zero(),
		equipment: used.try_into().expect("at most MaxEquipmentPerAttestation"),
		results: results.try_into().expect("at most MaxTestItems"),
		aql: None,
		packaging: Some(PackagingState {
			seal_ids: H256::zero(),
			seal_intact: true,
			gross_weight_grams: u32::MAX,
			certified_for_product: true,
		}),
		media: media.try_into().expect("at most MaxMediaPerAttestation"),
		report,
		verdict: Verdict::Conformant,
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Appends to a list one short of `MaxAccreditations`.
	#[benchmark]
	fn register_accreditation() -> Result<(), BenchmarkError> {
		let (_, org) = agency::<T>();
		accredit::<T>(org);
		Accreditations::<T>::mutate(org, |list| {
			list.pop();
		});
		let origin = T::AccreditationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			org,
			AccreditationScheme::Iso17025,
			certificate(),
			H256::zero(),
			NOW,
			NOW + YEAR,
		);

		assert_eq!(Accreditations::<T>::get(org).len() as u32, T::MaxAccreditations::get());
		Ok(())
	}

	/// The last accreditation of a full list, found void.
	#[benchmark]
	fn withdraw_authority() -> Result<(), BenchmarkError> {
		let (_, org) = agency::<T>();
		accredit::<T>(org);
		let index = T::MaxAccreditations::get() - 1;
		let origin = T::AccreditationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Authority::Accreditation { agency: org, index }, NOW);

		let list = Accreditations::<T>::get(org);
		assert!(list[index as usize].withdrawn.is_some());
		Ok(())
	}

	/// A full category list of full-length codes.
	#[benchmark]
	fn register_inspector() {
		let (caller, org) = agency::<T>();
		let categories: Vec<Code> =
			(0..T::MaxCategoriesPerInspector::get()).map(full_code).collect();
		let reference = id(0x11, 1);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			reference,
			certificate(),
			BoundedVec::truncate_from(categories),
			NOW,
			NOW + YEAR,
		);

		assert!(Inspectors::<T>::contains_key(record_id(RecordKind::Inspector, org, reference)));
	}

	#[benchmark]
	fn revoke_inspector() {
		let (caller, org) = agency::<T>();
		let inspector = inspector::<T>(org);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), inspector);

		assert_eq!(Inspectors::<T>::get(inspector).and_then(|i| i.revoked_at), Some(NOW));
	}

	#[benchmark]
	fn register_equipment() {
		let (caller, org) = agency::<T>();
		let reference = id(0x21, 1);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			reference,
			EquipmentKind::MultiSensor,
			full_code(1),
			full_code(2),
			H256::zero(),
			NOW,
			NOW + YEAR,
		);

		assert!(EquipmentRegistry::<T>::contains_key(record_id(
			RecordKind::Equipment,
			org,
			reference
		)));
	}

	#[benchmark]
	fn update_calibration() {
		let (caller, org) = agency::<T>();
		let equipment = equipment::<T>(org, 1);
		// Its history one short of full.
		let past = evidence_primitives::Calibration {
			certificate: H256::zero(),
			calibrated_on: 0,
			due: 1,
		};
		PastEquipmentCalibrations::<T>::insert(
			equipment,
			frame_support::BoundedVec::truncate_from(alloc::vec![
				past;
				evidence_primitives::MAX_PAST_CALIBRATIONS as usize - 1
			]),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), equipment, H256::repeat_byte(1), NOW, NOW + 2 * YEAR);

		assert_eq!(
			EquipmentRegistry::<T>::get(equipment).map(|e| e.calibration_due),
			Some(NOW + 2 * YEAR)
		);
	}

	/// A next version (reads the current one) with `i` items of full-length codes.
	#[benchmark]
	fn publish_protocol(i: Linear<1, { T::MaxTestItems::get() }>) {
		let (caller, org) = agency::<T>();
		let max = T::MaxTestItems::get();
		Protocols::<T>::insert(
			0,
			1,
			TestProtocol {
				owner: org,
				category: code(b"category"),
				durable_good: true,
				sampling: Sampling::UnitLevel,
				items: items::<T>(max),
			},
		);
		LatestProtocolVersion::<T>::insert(0, 1);
		NextProtocolId::<T>::put(1);
		let plan = Sampling::Aql {
			level: InspectionLevel::GeneralII,
			aql_milli_percent: 2_500,
			sample_size: 32,
			accept: 2,
			reject: 3,
		};

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), Some(0), code(b"category"), true, plan, items::<T>(i));

		assert_eq!(LatestProtocolVersion::<T>::get(0), Some(2));
	}

	#[benchmark]
	fn attest(
		u: Linear<1, { T::MaxUnitsPerAttestation::get() }>,
		r: Linear<1, { T::MaxTestItems::get() }>,
		m: Linear<0, { T::MaxMediaPerAttestation::get() }>,
		e: Linear<0, { T::MaxEquipmentPerAttestation::get() }>,
	) {
		let (caller, org) = agency::<T>();
		let input = attestation::<T>(&caller, org, u, r, m, e);
		let reference = id(0xa1, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), reference, input);

		assert!(Attestations::<T>::contains_key(record_id(
			RecordKind::Attestation,
			org,
			reference
		)));
	}

	#[benchmark]
	fn supersede_attestation(
		u: Linear<1, { T::MaxUnitsPerAttestation::get() }>,
		r: Linear<1, { T::MaxTestItems::get() }>,
		m: Linear<0, { T::MaxMediaPerAttestation::get() }>,
		e: Linear<0, { T::MaxEquipmentPerAttestation::get() }>,
	) {
		let (caller, org) = agency::<T>();
		let input = attestation::<T>(&caller, org, u, r, m, e);
		let old = id(0xa1, 0);
		let mut first = input.clone();
		first.order = None;
		// As large, with evidence of its own: the new one takes the last citation place of
		// each of its digests.
		for (n, item) in first.media.iter_mut().enumerate() {
			item.digest = ContentDigest::blake2_256_of(&(u32::MAX - n as u32).to_be_bytes());
		}
		first.report = ContentDigest::sha2_256_of(b"first report");
		first.subjects = Subjects::Units(BoundedVec::truncate_from(vec![id(0x32, 0)]));
		Pallet::<T>::do_attest(caller.clone(), org, old, first, None)
			.expect("the first attestation is consistent");
		let reference = id(0xa1, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), old, reference, input, ChangeReason::MeasurementError);

		assert!(Attestations::<T>::contains_key(record_id(
			RecordKind::Attestation,
			org,
			reference
		)));
	}

	#[benchmark]
	fn revoke_attestation() {
		let (caller, org) = agency::<T>();
		let input = attestation::<T>(&caller, org, 1, 1, 0, 0);
		let target = id(0xa1, 0);
		Pallet::<T>::do_attest(caller.clone(), org, target, input, None)
			.expect("the attestation is consistent");

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), target, ChangeReason::Other);

		assert!(matches!(
			Attestations::<T>::get(target).map(|a| a.status),
			Some(AttestationStatus::Revoked { .. })
		));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

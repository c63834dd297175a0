//! One test per behaviour and per error of the inspection pallet.

use crate::{mock::*, *};
use evidence_primitives::{
	record_id, ContentDigest, EvidenceKind, FactKind, FactRef, OrgId, RecordKind,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_core::H256;

type Error = crate::Error<Test>;

const DAY: u64 = 86_400_000;
const YEAR: u64 = 365 * DAY;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn code(text: &str) -> Code {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn certificate(text: &str) -> CertificateNumber {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

/// The last of this pallet's events that `matches`.
fn last_event_of_kind(matches: impl Fn(&Event<Test>) -> bool) -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Inspection(event) if matches(&event) => Some(event),
			_ => None,
		})
		.expect("a matching event")
}

/// References the agency (organisation 1) gives its records: hashes of a staff id, asset tags
/// and a report number.
const INSPECTOR_REF: H256 = H256::repeat_byte(0x11);
const MULTIMETER_REF: H256 = H256::repeat_byte(0x21);
const CAMERA_REF: H256 = H256::repeat_byte(0x22);
const ATTESTATION_REF: H256 = H256::repeat_byte(0xa1);

/// The id the chain derives for inspector `reference` (repeated byte) of organisation `org`.
fn inspector_of(org: OrgId, reference: u8) -> H256 {
	record_id(RecordKind::Inspector, org, H256::repeat_byte(reference))
}

/// The id the chain derives for equipment `reference` (repeated byte) of organisation `org`.
fn equipment_of(org: OrgId, reference: u8) -> H256 {
	record_id(RecordKind::Equipment, org, H256::repeat_byte(reference))
}

/// The id the chain derives for the agency's attestation `reference`.
fn attestation_of(reference: H256) -> H256 {
	record_id(RecordKind::Attestation, 1, reference)
}

fn inspector() -> H256 {
	inspector_of(1, 0x11)
}

fn multimeter() -> H256 {
	equipment_of(1, 0x21)
}

fn camera() -> H256 {
	equipment_of(1, 0x22)
}

fn attestation() -> H256 {
	attestation_of(ATTESTATION_REF)
}
const UNIT: H256 = H256::repeat_byte(0x31);
const ORDER: H256 = H256::repeat_byte(0x41);
/// Protocol 0: a small appliance, unit level.
const APPLIANCE: ProtocolId = 0;
/// Protocol 1: glassware lots, AQL 2.5 / level II, n = 32, Ac 2, Re 3.
const GLASSWARE: ProtocolId = 1;

fn item(
	c: &str,
	unit: MeasurementUnit,
	lower: Option<i64>,
	upper: Option<i64>,
	required: bool,
) -> TestItem {
	TestItem {
		code: code(c),
		method: H256::repeat_byte(0x55),
		unit,
		lower,
		upper,
		required,
		criticality: if required { Criticality::Critical } else { Criticality::Minor },
		damage_mode: if required { DamageMode::Functional } else { DamageMode::Cosmetic },
	}
}

fn appliance_items() -> BoundedVec<TestItem, <Test as Config>::MaxTestItems> {
	vec![
		item("POWER-ON", MeasurementUnit::Boolean, Some(1), Some(1), true),
		item("SCRATCHES", MeasurementUnit::Count, None, Some(2), false),
	]
	.try_into()
	.unwrap()
}

const AQL_PLAN: Sampling = Sampling::Aql {
	level: InspectionLevel::GeneralII,
	aql_milli_percent: 2_500,
	sample_size: 32,
	accept: 2,
	reject: 3,
};

/// The agency: accredited for the last and next year, one inspector qualified for both
/// categories, a calibrated multimeter and camera, the two protocols.
fn setup() {
	assert_ok!(Inspection::register_accreditation(
		RuntimeOrigin::root(),
		1,
		AccreditationScheme::Iso17020TypeA,
		certificate("ISO17020-A-0001"),
		H256::repeat_byte(0x99),
		NOW - YEAR,
		NOW + YEAR,
	));
	assert_ok!(Inspection::register_inspector(
		signed(AGENCY),
		INSPECTOR_REF,
		certificate("QUAL-7"),
		vec![code("small-appliance"), code("glassware")].try_into().unwrap(),
		NOW - YEAR,
		NOW + YEAR,
	));
	for (id, kind) in
		[(MULTIMETER_REF, EquipmentKind::Instrument), (CAMERA_REF, EquipmentKind::Camera)]
	{
		assert_ok!(Inspection::register_equipment(
			signed(AGENCY),
			id,
			kind,
			code("model"),
			code("serial"),
			H256::repeat_byte(0x77),
			NOW - 30 * DAY,
			NOW + 300 * DAY,
		));
	}
	assert_ok!(Inspection::publish_protocol(
		signed(AGENCY),
		None,
		code("small-appliance"),
		true,
		Sampling::UnitLevel,
		appliance_items()
	));
	assert_ok!(Inspection::publish_protocol(
		signed(AGENCY),
		None,
		code("glassware"),
		false,
		AQL_PLAN,
		vec![item("CHIPS", MeasurementUnit::Count, None, Some(0), true)].try_into().unwrap()
	));
}

fn result(c: &str, unit: MeasurementUnit, value: Option<i64>, outcome: Outcome) -> TestResult {
	TestResult { item: code(c), value, unit, uncertainty: Some(0), outcome }
}

fn photo() -> MediaItem {
	MediaItem {
		digest: ContentDigest::blake2_256_of(b"power-on video"),
		kind: EvidenceKind::TestProcessVideo,
		covers: code("power interface"),
		captured_at: NOW - 2 * 3_600_000,
		device: Some(camera()),
		c2pa_claim: Some(H256::repeat_byte(0xc2)),
		c2pa_signer: None,
	}
}

fn report() -> ContentDigest {
	ContentDigest::sha2_256_of(b"inspection report 2026-0001")
}

/// A consistent unit-level attestation of one appliance that powered on, with one scratch.
fn input() -> AttestationInput<Test> {
	AttestationInput {
		purpose: Purpose::PreShipment,
		subjects: Subjects::Units(vec![UNIT].try_into().unwrap()),
		order: Some(ORDER),
		inspector: inspector(),
		protocol: APPLIANCE,
		protocol_version: 1,
		started_at: NOW - 3 * 3_600_000,
		ended_at: NOW - 3_600_000,
		location: H256::repeat_byte(0x10),
		equipment: vec![multimeter()].try_into().unwrap(),
		results: vec![
			result("POWER-ON", MeasurementUnit::Boolean, Some(1), Outcome::Pass),
			result("SCRATCHES", MeasurementUnit::Count, Some(1), Outcome::Pass),
		]
		.try_into()
		.unwrap(),
		aql: None,
		packaging: Some(PackagingState {
			seal_ids: H256::repeat_byte(0x5e),
			seal_intact: true,
			gross_weight_grams: 2_350,
			certified_for_product: true,
		}),
		media: vec![photo()].try_into().unwrap(),
		report: report(),
		verdict: Verdict::Conformant,
	}
}

/// A consistent lot attestation: 1 chipped glass in a sample of 32, lot accepted.
fn lot_input() -> AttestationInput<Test> {
	AttestationInput {
		subjects: Subjects::Lot { lot: H256::repeat_byte(0x32), lot_size: 500 },
		protocol: GLASSWARE,
		results: vec![result("CHIPS", MeasurementUnit::Count, Some(0), Outcome::Pass)]
			.try_into()
			.unwrap(),
		aql: Some(AqlResult { sample_size: 32, defects_found: 1, accepted: true }),
		..input()
	}
}

fn attest(input: AttestationInput<Test>) -> sp_runtime::DispatchResult {
	Inspection::attest(signed(AGENCY), ATTESTATION_REF, input)
}

// ---- accreditations -----------------------------------------------------------------------

#[test]
fn an_agency_registers_accreditations_up_to_the_bound() {
	test(|| {
		setup();
		let stored = Accreditations::<Test>::get(1);
		assert_eq!(stored.len(), 1);
		assert_eq!(stored[0].scheme, AccreditationScheme::Iso17020TypeA);
		assert_eq!(stored[0].certificate, certificate("ISO17020-A-0001"));
		assert_ok!(Inspection::register_accreditation(
			RuntimeOrigin::root(),
			1,
			AccreditationScheme::Cnas,
			certificate("CNAS IB0001"),
			H256::zero(),
			NOW,
			NOW + YEAR,
		));
		assert_eq!(
			last_event(),
			Event::AccreditationRegistered {
				agency: 1,
				index: 1,
				scheme: AccreditationScheme::Cnas,
				valid_until: NOW + YEAR
			}
			.into()
		);
		assert_noop!(
			Inspection::register_accreditation(
				RuntimeOrigin::root(),
				1,
				AccreditationScheme::Cma,
				certificate("CMA-1"),
				H256::zero(),
				NOW,
				NOW + YEAR,
			),
			Error::TooManyAccreditations
		);
	});
}

#[test]
fn accreditation_needs_a_validity_period() {
	test(|| {
		assert_noop!(
			Inspection::register_accreditation(
				RuntimeOrigin::root(),
				1,
				AccreditationScheme::Cma,
				certificate("CMA-1"),
				H256::zero(),
				NOW,
				NOW,
			),
			Error::InvalidValidityPeriod
		);
	});
}

#[test]
fn only_governance_accredits_and_only_an_active_agency() {
	test(|| {
		let accredit = |origin, agency| {
			Inspection::register_accreditation(
				origin,
				agency,
				AccreditationScheme::Cma,
				certificate("CMA-1"),
				H256::zero(),
				NOW,
				NOW + YEAR,
			)
		};
		// An agency cannot accredit itself, nor any other signer.
		for who in [AGENCY, CARRIER, OUTSIDER] {
			assert_noop!(accredit(signed(who), 1), sp_runtime::DispatchError::BadOrigin);
		}
		// Governance accredits inspection agencies only.
		assert_noop!(accredit(RuntimeOrigin::root(), 2), Error::NotAnInspectionAgency);
		assert_noop!(accredit(RuntimeOrigin::root(), 99), Error::NotAnInspectionAgency);
		assert_ok!(accredit(RuntimeOrigin::root(), 1));
	});
}

// ---- inspectors ---------------------------------------------------------------------------

fn register_inspector(
	who: AccountId,
	id: H256,
	categories: Vec<Code>,
	from: u64,
	until: u64,
) -> sp_runtime::DispatchResult {
	Inspection::register_inspector(
		signed(who),
		id,
		certificate("QUAL-8"),
		categories.try_into().unwrap(),
		from,
		until,
	)
}

#[test]
fn an_agency_registers_and_revokes_its_inspectors() {
	test(|| {
		setup();
		let registered = Inspectors::<Test>::get(inspector()).unwrap();
		assert_eq!(registered.agency, 1);
		assert_eq!(registered.revoked_at, None);
		assert_ok!(Inspection::revoke_inspector(signed(AGENCY), inspector()));
		assert_eq!(Inspectors::<Test>::get(inspector()).unwrap().revoked_at, Some(NOW));
		assert_eq!(
			last_event(),
			Event::InspectorRevoked { agency: 1, inspector: inspector() }.into()
		);
		assert_noop!(
			Inspection::revoke_inspector(signed(AGENCY), inspector()),
			Error::InspectorRevoked
		);
	});
}

#[test]
fn inspector_registration_errors() {
	test(|| {
		setup();
		let other = H256::repeat_byte(0x12);
		assert_noop!(
			register_inspector(AGENCY, INSPECTOR_REF, vec![code("glassware")], NOW, NOW + YEAR),
			Error::InspectorAlreadyRegistered
		);
		assert_noop!(
			register_inspector(AGENCY, other, vec![], NOW, NOW + YEAR),
			Error::NoProductCategories
		);
		assert_noop!(
			register_inspector(AGENCY, other, vec![code("glassware")], NOW + 1, NOW),
			Error::InvalidValidityPeriod
		);
		assert_noop!(
			register_inspector(CARRIER, other, vec![code("glassware")], NOW, NOW + YEAR),
			Error::NotAnInspectionAgency
		);
	});
}

#[test]
fn a_rival_agency_that_registers_the_same_reference_first_takes_nothing() {
	test(|| {
		// A rival saw the agency's registrations in the pool and sent the same references
		// first: its records land under its own ids.
		assert_ok!(register_inspector(
			OTHER_AGENCY,
			INSPECTOR_REF,
			vec![code("glassware")],
			NOW,
			NOW + YEAR
		));
		assert_ok!(Inspection::register_equipment(
			signed(OTHER_AGENCY),
			MULTIMETER_REF,
			EquipmentKind::Camera,
			code("m"),
			code("s"),
			H256::zero(),
			NOW - DAY,
			NOW + DAY,
		));
		setup();
		assert_eq!(Inspectors::<Test>::get(inspector()).unwrap().agency, 1);
		assert_eq!(Inspectors::<Test>::get(inspector_of(4, 0x11)).unwrap().agency, 4);
		assert_eq!(EquipmentRegistry::<Test>::get(multimeter()).unwrap().owner, 1);
		assert_eq!(EquipmentRegistry::<Test>::get(equipment_of(4, 0x21)).unwrap().owner, 4);
		assert_eq!(
			last_event_of_kind(|e| matches!(e, Event::InspectorRegistered { agency: 1, .. })),
			Event::InspectorRegistered {
				agency: 1,
				inspector: inspector(),
				valid_until: NOW + YEAR
			}
		);
	});
}

#[test]
fn an_agency_cannot_revoke_another_agencys_inspector() {
	test(|| {
		setup();
		assert_noop!(
			Inspection::revoke_inspector(signed(OTHER_AGENCY), inspector()),
			Error::InspectorNotOfAgency
		);
		assert_noop!(
			Inspection::revoke_inspector(signed(AGENCY), H256::repeat_byte(0xee)),
			Error::UnknownInspector
		);
	});
}

// ---- equipment ----------------------------------------------------------------------------

#[test]
fn an_agency_registers_and_recalibrates_equipment() {
	test(|| {
		setup();
		let meter = EquipmentRegistry::<Test>::get(multimeter()).unwrap();
		assert_eq!((meter.owner, meter.kind), (1, EquipmentKind::Instrument));
		let certificate = H256::repeat_byte(0x78);
		assert_ok!(Inspection::update_calibration(
			signed(AGENCY),
			multimeter(),
			certificate,
			NOW,
			NOW + YEAR
		));
		let meter = EquipmentRegistry::<Test>::get(multimeter()).unwrap();
		assert_eq!(
			(meter.calibration_certificate, meter.calibrated_on, meter.calibration_due),
			(certificate, NOW, NOW + YEAR)
		);
		assert_eq!(
			last_event(),
			Event::CalibrationUpdated {
				agency: 1,
				equipment: multimeter(),
				certificate,
				calibration_due: NOW + YEAR
			}
			.into()
		);
	});
}

#[test]
fn equipment_errors() {
	test(|| {
		setup();
		let register = |id, from, due| {
			Inspection::register_equipment(
				signed(AGENCY),
				id,
				EquipmentKind::Instrument,
				code("m"),
				code("s"),
				H256::zero(),
				from,
				due,
			)
		};
		assert_noop!(register(MULTIMETER_REF, NOW, NOW + DAY), Error::EquipmentAlreadyRegistered);
		assert_noop!(register(H256::repeat_byte(1), NOW, NOW), Error::InvalidValidityPeriod);
		let recalibrate = |who, id, from, due| {
			Inspection::update_calibration(signed(who), id, H256::zero(), from, due)
		};
		assert_noop!(
			recalibrate(AGENCY, H256::repeat_byte(1), NOW, NOW + DAY),
			Error::UnknownEquipment
		);
		assert_noop!(
			recalibrate(OTHER_AGENCY, multimeter(), NOW, NOW + DAY),
			Error::EquipmentNotOfAgency
		);
		assert_noop!(
			recalibrate(AGENCY, multimeter(), NOW + DAY, NOW),
			Error::InvalidValidityPeriod
		);
		// A recalibration appends: it cannot be dated before the one it supersedes.
		let current = EquipmentRegistry::<Test>::get(multimeter()).unwrap().calibrated_on;
		assert_noop!(
			recalibrate(AGENCY, multimeter(), current - 1, NOW + DAY),
			Error::CalibrationNotLater
		);
		assert_ok!(recalibrate(AGENCY, multimeter(), NOW, NOW + DAY));
		assert_eq!(PastEquipmentCalibrations::<Test>::get(multimeter())[0].calibrated_on, current);
	});
}

// ---- protocols ----------------------------------------------------------------------------

#[test]
fn protocols_are_numbered_and_versioned_immutably() {
	test(|| {
		setup();
		assert_eq!(NextProtocolId::<Test>::get(), 2);
		let v1 = Protocols::<Test>::get(APPLIANCE, 1).unwrap();
		let mut items = appliance_items();
		items[1].upper = Some(3);
		assert_ok!(Inspection::publish_protocol(
			signed(AGENCY),
			Some(APPLIANCE),
			code("small-appliance"),
			true,
			Sampling::UnitLevel,
			items.clone()
		));
		assert_eq!(
			last_event(),
			Event::ProtocolPublished {
				owner: 1,
				protocol: APPLIANCE,
				version: 2,
				category: code("small-appliance")
			}
			.into()
		);
		assert_eq!(LatestProtocolVersion::<Test>::get(APPLIANCE), Some(2));
		assert_eq!(Protocols::<Test>::get(APPLIANCE, 1).unwrap(), v1, "version 1 never changes");
		assert_eq!(Protocols::<Test>::get(APPLIANCE, 2).unwrap().items, items);
		assert_eq!(NextProtocolId::<Test>::get(), 2, "a new version is not a new protocol");
	});
}

#[test]
fn protocol_errors() {
	test(|| {
		setup();
		let publish = |who, previous, category: &str, sampling, items: Vec<TestItem>| {
			Inspection::publish_protocol(
				signed(who),
				previous,
				code(category),
				false,
				sampling,
				items.try_into().unwrap(),
			)
		};
		let ok_items = appliance_items().to_vec();
		let unit = Sampling::UnitLevel;
		assert_noop!(publish(AGENCY, None, "c", unit, vec![]), Error::NoTestItems);
		let mut duplicate = ok_items.clone();
		duplicate[1].code = code("POWER-ON");
		assert_noop!(publish(AGENCY, None, "c", unit, duplicate), Error::DuplicateTestItem);
		let mut inverted = ok_items.clone();
		inverted[0].lower = Some(2);
		assert_noop!(publish(AGENCY, None, "c", unit, inverted), Error::InvalidLimits);
		for (sample_size, accept, reject) in [(0, 0, 1), (32, 2, 4), (32, 3, 3), (2, 2, 3)] {
			let plan = Sampling::Aql {
				level: InspectionLevel::GeneralII,
				aql_milli_percent: 1_000,
				sample_size,
				accept,
				reject,
			};
			assert_noop!(
				publish(AGENCY, None, "c", plan, ok_items.clone()),
				Error::InvalidSamplingPlan
			);
		}
		assert_noop!(
			publish(AGENCY, Some(7), "small-appliance", unit, ok_items.clone()),
			Error::UnknownProtocol
		);
		assert_noop!(
			publish(OTHER_AGENCY, Some(APPLIANCE), "small-appliance", unit, ok_items.clone()),
			Error::NotProtocolOwner
		);
		assert_noop!(
			publish(AGENCY, Some(APPLIANCE), "glassware", unit, ok_items.clone()),
			Error::ProtocolCategoryChanged
		);
		assert_noop!(publish(CARRIER, None, "c", unit, ok_items), Error::NotAnInspectionAgency);
	});
}

// ---- attestations -------------------------------------------------------------------------

#[test]
fn attest_stores_the_fact_its_indexes_and_its_media() {
	test(|| {
		setup();
		assert_ok!(attest(input()));
		let stored = Attestations::<Test>::get(attestation()).unwrap();
		assert_eq!(stored.agency, 1);
		assert_eq!(stored.attested_by, AGENCY);
		assert_eq!(stored.body, input());
		assert_eq!(stored.status, AttestationStatus::Valid);
		assert_eq!(stored.supersedes, None);
		assert_eq!((stored.block, stored.time), (1, NOW));
		assert_eq!(AttestationsByUnit::<Test>::get(UNIT).to_vec(), vec![attestation()]);
		assert_eq!(AttestationsByOrder::<Test>::get(ORDER).to_vec(), vec![attestation()]);
		let fact = FactRef { kind: FactKind::Attestation, id: attestation() };
		let registered: Vec<_> = RecordingRegistry::registrations()
			.into_iter()
			.map(|r| (r.who, r.org, r.digest, r.kind, r.captured_at, r.fact))
			.collect();
		assert_eq!(
			registered,
			vec![
				(
					AGENCY,
					1,
					photo().digest,
					EvidenceKind::TestProcessVideo,
					photo().captured_at,
					fact
				),
				(AGENCY, 1, report(), EvidenceKind::Document, input().ended_at, fact),
			]
		);
		assert_eq!(
			last_event(),
			Event::Attested {
				attestation: attestation(),
				agency: 1,
				inspector: inspector(),
				protocol: APPLIANCE,
				protocol_version: 1,
				verdict: Verdict::Conformant
			}
			.into()
		);
	});
}

#[test]
fn a_failed_required_item_makes_a_non_conformant_attestation() {
	test(|| {
		setup();
		let mut failed = input();
		failed.results[0] = result("POWER-ON", MeasurementUnit::Boolean, Some(0), Outcome::Fail);
		failed.verdict = Verdict::NonConformant;
		assert_ok!(attest(failed));
		assert_eq!(
			Attestations::<Test>::get(attestation()).unwrap().body.verdict,
			Verdict::NonConformant
		);
	});
}

#[test]
fn a_lot_is_attested_from_its_aql_sample() {
	test(|| {
		setup();
		assert_ok!(attest(lot_input()));
		assert_eq!(
			AttestationsByUnit::<Test>::get(H256::repeat_byte(0x32)).to_vec(),
			vec![attestation()]
		);
		let mut rejected = lot_input();
		rejected.aql = Some(AqlResult { sample_size: 32, defects_found: 3, accepted: false });
		rejected.verdict = Verdict::NonConformant;
		assert_ok!(Inspection::attest(signed(AGENCY), H256::repeat_byte(0xa2), rejected));
	});
}

/// Every check of `attest`, each on its own mutation of a valid input.
#[test]
fn each_failed_check_is_its_own_error_and_changes_nothing() {
	type Mutation = fn(&mut AttestationInput<Test>);
	let cases: Vec<(&str, Mutation, Error)> = vec![
		("window", |i| i.started_at = i.ended_at + 1, Error::InvalidInspectionWindow),
		("future", |i| i.ended_at = NOW + 60_001, Error::InspectionInFuture),
		("accreditation", |i| i.started_at = NOW - 2 * YEAR, Error::NoValidAccreditation),
		("protocol", |i| i.protocol = 9, Error::UnknownProtocol),
		("version", |i| i.protocol_version = 2, Error::UnknownProtocol),
		("inspector", |i| i.inspector = H256::repeat_byte(0xee), Error::UnknownInspector),
		("other inspector", |i| i.inspector = inspector_of(4, 0x44), Error::InspectorNotOfAgency),
		(
			"expired inspector",
			|i| i.inspector = inspector_of(1, 0x13),
			Error::InspectorQualificationExpired,
		),
		(
			"future inspector",
			|i| i.inspector = inspector_of(1, 0x14),
			Error::InspectorNotYetQualified,
		),
		("unqualified", |i| i.inspector = inspector_of(1, 0x15), Error::InspectorNotQualified),
		("equipment", |i| i.equipment[0] = H256::repeat_byte(0xee), Error::UnknownEquipment),
		(
			"media device",
			|i| i.media[0].device = Some(H256::repeat_byte(0xee)),
			Error::UnknownEquipment,
		),
		(
			"other equipment",
			|i| i.equipment[0] = equipment_of(4, 0x45),
			Error::EquipmentNotOfAgency,
		),
		(
			"expired calibration",
			|i| i.equipment[0] = equipment_of(1, 0x23),
			Error::EquipmentCalibrationExpired,
		),
		(
			"future calibration",
			|i| i.equipment[0] = equipment_of(1, 0x24),
			Error::EquipmentNotYetCalibrated,
		),
		("no units", |i| i.subjects = Subjects::Units(Default::default()), Error::NoSubjects),
		(
			"duplicate unit",
			|i| i.subjects = Subjects::Units(vec![UNIT, UNIT].try_into().unwrap()),
			Error::DuplicateSubject,
		),
		(
			"lot on unit protocol",
			|i| i.subjects = Subjects::Lot { lot: UNIT, lot_size: 100 },
			Error::SubjectsDoNotMatchSampling,
		),
		("unknown item", |i| i.results[1].item = code("SMELL"), Error::UnknownTestItem),
		("duplicate result", |i| i.results[1] = i.results[0].clone(), Error::DuplicateResult),
		("unit", |i| i.results[0].unit = MeasurementUnit::Count, Error::UnitMismatch),
		("missing value", |i| i.results[0].value = None, Error::MissingValue),
		(
			"value of untested",
			|i| i.results[1].outcome = Outcome::NotTested,
			Error::UnexpectedValue,
		),
		("pass out of limits", |i| i.results[0].value = Some(0), Error::VerdictContradictsValue),
		(
			"fail within limits",
			|i| i.results[1].outcome = Outcome::Fail,
			Error::VerdictContradictsValue,
		),
		(
			"required not applicable",
			|i| {
				i.results[0] =
					result("POWER-ON", MeasurementUnit::Boolean, None, Outcome::NotApplicable)
			},
			Error::RequiredItemNotApplicable,
		),
		(
			"required missing",
			|i| i.results = vec![i.results[1].clone()].try_into().unwrap(),
			Error::RequiredItemMissing,
		),
		(
			"conformant with required untested",
			|i| {
				i.results[0] =
					result("POWER-ON", MeasurementUnit::Boolean, None, Outcome::NotTested)
			},
			Error::OverallVerdictContradictsResults,
		),
		(
			"conformant with required failed",
			|i| i.results[0] = result("POWER-ON", MeasurementUnit::Boolean, Some(0), Outcome::Fail),
			Error::OverallVerdictContradictsResults,
		),
		(
			"non-conformant claim",
			|i| i.verdict = Verdict::NonConformant,
			Error::OverallVerdictContradictsResults,
		),
		(
			"aql on unit level",
			|i| i.aql = Some(AqlResult { sample_size: 1, defects_found: 0, accepted: true }),
			Error::AqlResultMismatch,
		),
	];
	let lot_cases: Vec<(&str, Mutation, Error)> = vec![
		(
			"units on AQL protocol",
			|i| i.subjects = Subjects::Units(vec![UNIT].try_into().unwrap()),
			Error::SubjectsDoNotMatchSampling,
		),
		(
			"lot below sample",
			|i| i.subjects = Subjects::Lot { lot: UNIT, lot_size: 31 },
			Error::LotSmallerThanSample,
		),
		("no aql result", |i| i.aql = None, Error::AqlResultMismatch),
		(
			"sample size",
			|i| i.aql = Some(AqlResult { sample_size: 50, defects_found: 0, accepted: true }),
			Error::AqlSampleSizeMismatch,
		),
		(
			"defects above sample",
			|i| i.aql = Some(AqlResult { sample_size: 32, defects_found: 33, accepted: false }),
			Error::InvalidAqlResult,
		),
		(
			"accepted above Ac",
			|i| i.aql = Some(AqlResult { sample_size: 32, defects_found: 3, accepted: true }),
			Error::AqlDecisionContradictsCounts,
		),
		(
			"rejected lot called conformant",
			|i| {
				i.aql = Some(AqlResult { sample_size: 32, defects_found: 5, accepted: false });
			},
			Error::OverallVerdictContradictsResults,
		),
	];
	test(|| {
		setup();
		let year_ago = NOW - YEAR;
		// Inspectors and equipment that each fail exactly one check.
		assert_ok!(register_inspector(
			OTHER_AGENCY,
			H256::repeat_byte(0x44),
			vec![code("small-appliance")],
			year_ago,
			NOW + YEAR
		));
		assert_ok!(register_inspector(
			AGENCY,
			H256::repeat_byte(0x13),
			vec![code("small-appliance")],
			year_ago,
			NOW - 2 * 3_600_000
		));
		assert_ok!(register_inspector(
			AGENCY,
			H256::repeat_byte(0x14),
			vec![code("small-appliance")],
			NOW - 2 * 3_600_000,
			NOW + YEAR
		));
		assert_ok!(register_inspector(
			AGENCY,
			H256::repeat_byte(0x15),
			vec![code("glassware")],
			year_ago,
			NOW + YEAR
		));
		let register = |who, id, from, due| {
			assert_ok!(Inspection::register_equipment(
				signed(who),
				id,
				EquipmentKind::Instrument,
				code("m"),
				code("s"),
				H256::zero(),
				from,
				due
			));
		};
		register(OTHER_AGENCY, H256::repeat_byte(0x45), year_ago, NOW + YEAR);
		register(AGENCY, H256::repeat_byte(0x23), year_ago, NOW - 2 * 3_600_000);
		register(AGENCY, H256::repeat_byte(0x24), NOW - 2 * 3_600_000, NOW + YEAR);
		for (name, mutate, error) in cases {
			let mut bad = input();
			mutate(&mut bad);
			let expected: sp_runtime::DispatchError = error.into();
			assert_eq!(attest(bad.clone()), Err(expected), "{name}");
			assert_noop!(attest(bad), expected);
		}
		for (name, mutate, error) in lot_cases {
			let mut bad = lot_input();
			mutate(&mut bad);
			assert_eq!(attest(bad.clone()), Err(error.into()), "{name}");
		}
		// The unchanged inputs still pass: each case failed for its own reason.
		assert_ok!(attest(input()));
		assert_noop!(attest(input()), Error::AttestationIdInUse);
	});
}

#[test]
fn a_revoked_inspector_cannot_attest() {
	test(|| {
		setup();
		assert_ok!(Inspection::revoke_inspector(signed(AGENCY), inspector()));
		assert_noop!(attest(input()), Error::InspectorRevoked);
	});
}

#[test]
fn carriers_merchants_and_outsiders_cannot_attest() {
	test(|| {
		setup();
		for (who, error) in [
			(CARRIER, Error::NotAnInspectionAgency),
			(MERCHANT, Error::NotAnInspectionAgency),
			(SUSPENDED, Error::OrganisationSuspended),
			(OUTSIDER, Error::NotAMember),
		] {
			assert_noop!(Inspection::attest(signed(who), ATTESTATION_REF, input()), error);
		}
		// Another agency has no accreditation, and the inspector is not its own.
		assert_noop!(
			Inspection::attest(signed(OTHER_AGENCY), ATTESTATION_REF, input()),
			Error::NoValidAccreditation
		);
	});
}

#[test]
fn one_agency_holds_at_most_a_quarter_of_a_unit_s_or_order_s_attestations() {
	test(|| {
		setup();
		// Twelve attestations per unit and per order here: three for each agency.
		assert_eq!(evidence_primitives::index_share(12), 3);
		for n in 0..3u8 {
			assert_ok!(Inspection::attest(signed(AGENCY), H256::repeat_byte(n), input()));
		}
		// A fourth on the same unit would take a rival's place in the unit's list.
		assert_noop!(attest(input()), Error::AttestationShareOfUnitUsed);
		let mut other_unit = input();
		other_unit.subjects = Subjects::Units(vec![H256::repeat_byte(0x99)].try_into().unwrap());
		assert_noop!(attest(other_unit.clone()), Error::AttestationShareOfOrderUsed);
		other_unit.order = None;
		assert_ok!(attest(other_unit));
		let unit = input().subjects.keys()[0];
		assert_eq!(IndexPlaces::<Test>::get(evidence_primitives::IndexKey::Unit(unit), 1), 3);
	});
}

#[test]
fn indexes_and_citations_are_bounded() {
	test(|| {
		setup();
		// Other agencies filled the unit's and the order's lists.
		let unit = input().subjects.keys()[0];
		let full: BoundedVec<_, _> =
			(0..12u8).map(|n| H256::repeat_byte(0xA0 + n)).collect::<Vec<_>>().try_into().unwrap();
		AttestationsByUnit::<Test>::insert(unit, full.clone());
		assert_noop!(attest(input()), Error::TooManyAttestationsForUnit);
		let mut other_unit = input();
		other_unit.subjects = Subjects::Units(vec![H256::repeat_byte(0x99)].try_into().unwrap());
		AttestationsByOrder::<Test>::insert(input().order.unwrap(), full);
		assert_noop!(attest(other_unit.clone()), Error::TooManyAttestationsForOrder);
		other_unit.order = None;
		RecordingRegistry::limit_citations(RecordingRegistry::registrations().len());
		assert_noop!(attest(other_unit), Error::TooManyCitations);
		// The stand-in entries name no attestation: gone before the invariants are checked.
		AttestationsByUnit::<Test>::remove(unit);
		AttestationsByOrder::<Test>::remove(input().order.unwrap());
	});
}

// ---- supersede and revoke -----------------------------------------------------------------

#[test]
fn supersede_keeps_the_old_attestation_and_links_both() {
	test(|| {
		setup();
		assert_ok!(attest(input()));
		let new = attestation_of(H256::repeat_byte(0xa2));
		let mut corrected = input();
		corrected.results[1] = result("SCRATCHES", MeasurementUnit::Count, Some(2), Outcome::Pass);
		assert_ok!(Inspection::supersede_attestation(
			signed(AGENCY),
			attestation(),
			H256::repeat_byte(0xa2),
			corrected.clone(),
			ChangeReason::MeasurementError
		));
		let old = Attestations::<Test>::get(attestation()).unwrap();
		assert_eq!(old.body, input(), "the old content is kept");
		assert_eq!(
			old.status,
			AttestationStatus::Superseded {
				by: new,
				reason: ChangeReason::MeasurementError,
				at: 1
			}
		);
		let replacement = Attestations::<Test>::get(new).unwrap();
		assert_eq!(replacement.supersedes, Some(attestation()));
		assert_eq!(replacement.body, corrected);
		assert_eq!(AttestationsByUnit::<Test>::get(UNIT).to_vec(), vec![attestation(), new]);
		assert_eq!(
			last_event(),
			Event::AttestationSuperseded {
				attestation: attestation(),
				by: new,
				reason: ChangeReason::MeasurementError
			}
			.into()
		);
		assert_noop!(
			Inspection::revoke_attestation(signed(AGENCY), attestation(), ChangeReason::Other),
			Error::AttestationNotValid
		);
	});
}

/// A rival agency saw the agency's correction waiting in the pool and attested under the
/// correction's reference first: the correction still goes through, under the agency's id.
#[test]
fn a_rival_that_attests_under_a_pending_corrections_reference_takes_nothing() {
	test(|| {
		setup();
		assert_ok!(attest(input()));
		assert_ok!(Inspection::register_accreditation(
			RuntimeOrigin::root(),
			4,
			AccreditationScheme::Cnas,
			certificate("CNAS-4"),
			H256::zero(),
			NOW - YEAR,
			NOW + YEAR,
		));
		assert_ok!(register_inspector(
			OTHER_AGENCY,
			H256::repeat_byte(0x44),
			vec![code("small-appliance")],
			NOW - YEAR,
			NOW + YEAR
		));
		let correction = H256::repeat_byte(0xa2);
		let rivals = AttestationInput {
			inspector: inspector_of(4, 0x44),
			equipment: Default::default(),
			media: Default::default(),
			..input()
		};
		assert_ok!(Inspection::attest(signed(OTHER_AGENCY), correction, rivals));
		assert_ok!(Inspection::supersede_attestation(
			signed(AGENCY),
			attestation(),
			correction,
			input(),
			ChangeReason::ClericalError
		));
		let ours = Attestations::<Test>::get(attestation_of(correction)).unwrap();
		assert_eq!((ours.agency, ours.supersedes), (1, Some(attestation())));
		let theirs = record_id(RecordKind::Attestation, 4, correction);
		assert_eq!(Attestations::<Test>::get(theirs).unwrap().agency, 4);
	});
}

#[test]
fn a_superseding_attestation_passes_every_check() {
	test(|| {
		setup();
		assert_ok!(attest(input()));
		let mut contradicting = input();
		contradicting.verdict = Verdict::NonConformant;
		assert_noop!(
			Inspection::supersede_attestation(
				signed(AGENCY),
				attestation(),
				H256::repeat_byte(0xa2),
				contradicting,
				ChangeReason::ClericalError
			),
			Error::OverallVerdictContradictsResults
		);
		assert_noop!(
			Inspection::supersede_attestation(
				signed(AGENCY),
				attestation(),
				ATTESTATION_REF,
				input(),
				ChangeReason::ClericalError
			),
			Error::AttestationIdInUse
		);
	});
}

#[test]
fn revoke_keeps_the_attestation_with_reason_and_revoker() {
	test(|| {
		setup();
		assert_ok!(attest(input()));
		System::set_block_number(5);
		assert_ok!(Inspection::revoke_attestation(
			signed(AGENCY),
			attestation(),
			ChangeReason::EquipmentFault
		));
		let revoked = Attestations::<Test>::get(attestation()).unwrap();
		assert_eq!(
			revoked.status,
			AttestationStatus::Revoked { reason: ChangeReason::EquipmentFault, by: AGENCY, at: 5 }
		);
		assert_eq!(revoked.body, input());
		assert_eq!(
			last_event(),
			Event::AttestationRevoked {
				attestation: attestation(),
				reason: ChangeReason::EquipmentFault,
				by: AGENCY
			}
			.into()
		);
		assert_noop!(
			Inspection::revoke_attestation(signed(AGENCY), attestation(), ChangeReason::Other),
			Error::AttestationNotValid
		);
	});
}

#[test]
fn only_the_issuing_agency_may_supersede_or_revoke() {
	test(|| {
		setup();
		assert_ok!(attest(input()));
		assert_noop!(
			Inspection::revoke_attestation(
				signed(OTHER_AGENCY),
				attestation(),
				ChangeReason::Other
			),
			Error::NotIssuingAgency
		);
		assert_noop!(
			Inspection::supersede_attestation(
				signed(OTHER_AGENCY),
				attestation(),
				H256::repeat_byte(0xa2),
				input(),
				ChangeReason::Other
			),
			Error::NotIssuingAgency
		);
		assert_noop!(
			Inspection::revoke_attestation(signed(CARRIER), attestation(), ChangeReason::Other),
			Error::NotAnInspectionAgency
		);
		assert_noop!(
			Inspection::revoke_attestation(signed(AGENCY), H256::zero(), ChangeReason::Other),
			Error::UnknownAttestation
		);
	});
}

// ---- genesis ------------------------------------------------------------------------------

#[test]
fn genesis_registries_are_built_through_the_same_checks() {
	let config = GenesisConfig::<Test> {
		accreditations: vec![GenesisAccreditation {
			agency: 1,
			scheme: AccreditationScheme::Cnas,
			certificate: "CNAS IB0001".into(),
			scope: H256::zero(),
			valid_from: 0,
			valid_until: NOW + YEAR,
		}],
		inspectors: vec![GenesisInspector {
			reference: INSPECTOR_REF,
			agency: 1,
			qualification: "QUAL-1".into(),
			categories: vec!["small-appliance".into()],
			valid_from: 0,
			valid_until: NOW + YEAR,
		}],
		equipment: vec![GenesisEquipment {
			reference: MULTIMETER_REF,
			owner: 1,
			kind: EquipmentKind::Instrument,
			model: "DMM-1".into(),
			serial: "SN1".into(),
			calibration_certificate: H256::zero(),
			calibrated_on: 0,
			calibration_due: NOW + YEAR,
		}],
		protocols: vec![GenesisProtocol {
			owner: 1,
			category: "small-appliance".into(),
			durable_good: true,
			sampling: Sampling::UnitLevel,
			items: vec![GenesisTestItem {
				code: "POWER-ON".into(),
				method: H256::zero(),
				unit: MeasurementUnit::Boolean,
				lower: Some(1),
				upper: Some(1),
				required: true,
				criticality: Criticality::Critical,
				damage_mode: DamageMode::Functional,
			}],
		}],
		_config: Default::default(),
	};
	let json = serde_json::to_value(&config).unwrap();
	assert_eq!(json["inspectors"][0]["categories"][0], "small-appliance");
	let storage = frame_support::sp_runtime::BuildStorage::build_storage(&config).unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(Accreditations::<Test>::get(1).len(), 1);
		assert_eq!(
			Inspectors::<Test>::get(inspector()).unwrap().categories[0],
			code("small-appliance")
		);
		assert_eq!(EquipmentRegistry::<Test>::get(multimeter()).unwrap().serial, code("SN1"));
		assert_eq!(Protocols::<Test>::get(0, 1).unwrap().items[0].code, code("POWER-ON"));
		Inspection::do_try_state().unwrap();
	});
}

#[test]
fn protocol_ids_and_versions_never_wrap() {
	test(|| {
		setup();
		LatestProtocolVersion::<Test>::insert(APPLIANCE, ProtocolVersion::MAX);
		Protocols::<Test>::insert(
			APPLIANCE,
			ProtocolVersion::MAX,
			Protocols::<Test>::get(APPLIANCE, 1).unwrap(),
		);
		let publish = |previous| {
			Inspection::publish_protocol(
				signed(AGENCY),
				previous,
				code("small-appliance"),
				true,
				Sampling::UnitLevel,
				appliance_items(),
			)
		};
		assert_noop!(publish(Some(APPLIANCE)), Error::ProtocolVersionOverflow);
		// Keep the invariants intact for the end-of-test check: only ids below the next exist.
		LatestProtocolVersion::<Test>::insert(APPLIANCE, 1);
		Protocols::<Test>::remove(APPLIANCE, ProtocolVersion::MAX);
		NextProtocolId::<Test>::put(ProtocolId::MAX);
		assert_noop!(publish(None), Error::TooManyProtocols);
	});
}

// ---- facts for the liability rules --------------------------------------------------------

#[test]
fn a_units_attestations_read_as_facts_with_every_protocol_item() {
	use evidence_primitives::facts::{InspectionFacts, InspectionPurpose, ItemOutcome};
	test(|| {
		setup();
		let mut optional_untested = input();
		optional_untested.results.pop();
		assert_ok!(attest(optional_untested));
		assert_ok!(Inspection::revoke_attestation(
			signed(AGENCY),
			attestation(),
			ChangeReason::Other
		));
		assert_ok!(Inspection::attest(signed(AGENCY), H256::repeat_byte(0xa2), input()));
		let revoked_in = frame_system::Pallet::<Test>::block_number() as u64;
		let facts = Inspection::attestations_of(&UNIT, revoked_in);
		assert_eq!(facts.len(), 2);
		let (revoked, valid) = (&facts[0], &facts[1]);
		assert_eq!(revoked.fact, FactRef { kind: FactKind::Attestation, id: attestation() });
		assert!(!revoked.in_force && valid.in_force && valid.admissible);
		// For a dispute opened before the revocation, it is still in force.
		assert!(Inspection::attestations_of(&UNIT, revoked_in - 1)[0].in_force);
		assert_eq!(valid.inspected_at, input().ended_at);
		assert_eq!(valid.recorded_block, 1, "notarized in block 1");
		assert_eq!(valid.order, input().order);
		assert!(valid.packaging_certified, "the agency found the packaging certified");
		assert_eq!((valid.agency, valid.purpose), (1, InspectionPurpose::PreShipment));
		assert!(valid.unit_level && valid.conformant);
		let outcomes: Vec<_> =
			revoked.items.iter().map(|i| (i.code.clone(), i.required, i.outcome)).collect();
		assert_eq!(
			outcomes,
			vec![
				(b"POWER-ON".to_vec(), true, ItemOutcome::Pass),
				(b"SCRATCHES".to_vec(), false, ItemOutcome::NotTested),
			],
			"an item without a result reads as not tested"
		);
		assert!(Inspection::attestations_of(&H256::repeat_byte(0x77), revoked_in).is_empty());
	});
}

#[test]
fn governance_finds_an_accreditation_or_a_qualification_void_from_a_time_on() {
	use evidence_primitives::facts::InspectionFacts;
	test(|| {
		setup();
		assert_ok!(attest(input()));
		let attested_in = frame_system::Pallet::<Test>::block_number() as u64;
		let accreditation = Authority::Accreditation { agency: 1, index: 0 };
		// Never the agency itself, never a time to come, never an authority that is not there.
		assert_noop!(
			Inspection::withdraw_authority(signed(AGENCY), accreditation, NOW - DAY),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Inspection::withdraw_authority(RuntimeOrigin::root(), accreditation, NOW + 1),
			Error::WithdrawalInFuture
		);
		assert_noop!(
			Inspection::withdraw_authority(
				RuntimeOrigin::root(),
				Authority::Accreditation { agency: 1, index: 1 },
				NOW - DAY
			),
			Error::UnknownAccreditation
		);
		assert_noop!(
			Inspection::withdraw_authority(
				RuntimeOrigin::root(),
				Authority::Inspector(H256::repeat_byte(0x12)),
				NOW - DAY
			),
			Error::UnknownInspector
		);
		// A finding that starts after the inspection ended leaves it admissible.
		frame_system::Pallet::<Test>::set_block_number(2);
		assert_ok!(Inspection::withdraw_authority(
			RuntimeOrigin::root(),
			Authority::Inspector(inspector()),
			NOW - 30 * 60_000
		));
		assert_eq!(
			last_event(),
			Event::AuthorityWithdrawn {
				authority: Authority::Inspector(inspector()),
				from: NOW - 30 * 60_000
			}
			.into()
		);
		assert!(Inspection::attestations_of(&UNIT, 2)[0].admissible);
		assert_noop!(
			Inspection::withdraw_authority(
				RuntimeOrigin::root(),
				Authority::Inspector(inspector()),
				NOW - DAY
			),
			Error::AlreadyWithdrawn
		);
		// No later inspection by that inspector is accepted.
		let late = AttestationInput {
			started_at: NOW - 20 * 60_000,
			ended_at: NOW - 10 * 60_000,
			..input()
		};
		assert_noop!(
			Inspection::attest(signed(AGENCY), H256::repeat_byte(0xa2), late),
			Error::InspectorQualificationWithdrawn
		);
		// The accreditation found void from before the inspection: inadmissible in disputes
		// opened from the withdrawal's block on, admissible in those opened before.
		frame_system::Pallet::<Test>::set_block_number(3);
		assert_ok!(Inspection::withdraw_authority(RuntimeOrigin::root(), accreditation, NOW - DAY));
		assert!(!Inspection::attestations_of(&UNIT, 3)[0].admissible);
		assert!(Inspection::attestations_of(&UNIT, 2)[0].admissible);
		assert!(Inspection::attestations_of(&UNIT, attested_in)[0].admissible);
		assert_noop!(
			Inspection::attest(signed(AGENCY), H256::repeat_byte(0xa3), input()),
			Error::NoValidAccreditation
		);
	});
}

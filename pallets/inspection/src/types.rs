//! Records the inspection pallet stores, and the attestation a call submits.
//!
//! Units are fixed-point integers (see [`MeasurementUnit`]); times are unix milliseconds as
//! claimed by the submitter; the block and chain time of every record are kept beside them.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use evidence_primitives::{ContentDigest, EvidenceKind, ObjectKey, OrderRef, OrgId, Withdrawal};
use frame_support::{
	traits::ConstU32, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::H256;

/// Longest certificate number (accreditation, inspector qualification).
pub const MAX_CERTIFICATE_LEN: u32 = 64;

pub use evidence_primitives::{Code, MAX_CODE_LEN};
/// A certificate number as printed on the certificate.
pub type CertificateNumber = BoundedVec<u8, ConstU32<MAX_CERTIFICATE_LEN>>;

/// An inspector: `record_id(Inspector, agency, reference)`, the reference being the hash of the
/// agency's staff or qualification id (no personal data).
pub type InspectorId = H256;
/// A piece of equipment: `record_id(Equipment, agency, reference)`, the reference being the
/// hash of the agency's asset tag.
pub type EquipmentId = H256;
/// A test protocol, numbered from 0 in publication order; its versions count from 1.
pub type ProtocolId = u32;
/// Version of a test protocol.
pub type ProtocolVersion = u16;
/// An attestation: `record_id(Attestation, agency, reference)`, the reference being the hash of
/// the agency's report number. The agency knows the id before submission, cannot attest one
/// report twice, and no rival can take the id (`evidence_primitives::record_id`).
pub type AttestationId = H256;
/// Position of an accreditation in its agency's list.
pub type AccreditationIndex = u32;

/// Accreditation scheme of an inspection agency.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum AccreditationScheme {
	/// China National Accreditation Service for Conformity Assessment.
	#[codec(index = 0)]
	Cnas,
	/// China Inspection Body and Laboratory Mandatory Approval.
	#[codec(index = 1)]
	Cma,
	/// ISO/IEC 17020 inspection body, type A (independent third party).
	#[codec(index = 2)]
	Iso17020TypeA,
	/// ISO/IEC 17020 inspection body, type B (part of the organisation it inspects for).
	#[codec(index = 3)]
	Iso17020TypeB,
	/// ISO/IEC 17020 inspection body, type C (may also inspect for others).
	#[codec(index = 4)]
	Iso17020TypeC,
	/// ISO/IEC 17025 testing laboratory.
	#[codec(index = 5)]
	Iso17025,
	/// Another scheme, named in the scope document.
	#[codec(index = 6)]
	Other,
}

/// An agency's accreditation: it may attest while one is valid at the inspection time.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Accreditation {
	/// The scheme.
	pub scheme: AccreditationScheme,
	/// Certificate number.
	pub certificate: CertificateNumber,
	/// Hash of the accredited scope document.
	pub scope: H256,
	/// Valid from (unix ms, inclusive).
	pub valid_from: u64,
	/// Valid until (unix ms, inclusive).
	pub valid_until: u64,
	/// Set when governance found it void from a time on (rule P1).
	pub withdrawn: Option<Withdrawal>,
}

impl Accreditation {
	/// Whether it covered an inspection over `[start, end]`, as the withdrawals on chain by
	/// block `cutoff_block` have it.
	pub fn covers(&self, start: u64, end: u64, cutoff_block: u64) -> bool {
		self.valid_from <= start
			&& end <= self.valid_until
			&& !self.withdrawn.is_some_and(|w| w.voids(end, cutoff_block))
	}
}

/// An authority governance can find void from a time on (`withdraw_authority`).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Authority {
	/// Accreditation number `index` of `agency` (in the order they were registered).
	#[codec(index = 0)]
	Accreditation {
		/// The agency.
		agency: OrgId,
		/// Its position in the agency's list.
		index: AccreditationIndex,
	},
	/// An inspector's qualification.
	#[codec(index = 1)]
	Inspector(InspectorId),
}

/// An inspector's qualification, checked at the inspection time of every attestation.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Inspector<T: Config> {
	/// The agency the inspector works for.
	pub agency: OrgId,
	/// Qualification certificate number.
	pub qualification: CertificateNumber,
	/// Product categories the qualification covers.
	pub categories: BoundedVec<Code, T::MaxCategoriesPerInspector>,
	/// Qualified from (unix ms, inclusive).
	pub valid_from: u64,
	/// Qualified until (unix ms, inclusive).
	pub valid_until: u64,
	/// Chain time (unix ms) the agency revoked the qualification, if it did.
	pub revoked_at: Option<u64>,
	/// Set when governance found the qualification void from a time on (rule P1): unlike the
	/// agency's revocation, it can reach back.
	pub withdrawn: Option<Withdrawal>,
}

/// What a piece of equipment is.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum EquipmentKind {
	/// A measuring instrument (multimeter, gauge, scale, spectrometer…).
	#[codec(index = 0)]
	Instrument,
	/// A temperature logger.
	#[codec(index = 1)]
	TemperatureLogger,
	/// A shock logger.
	#[codec(index = 2)]
	ShockLogger,
	/// A logger with several sensors.
	#[codec(index = 3)]
	MultiSensor,
	/// A camera that captures evidence media.
	#[codec(index = 4)]
	Camera,
}

/// A piece of equipment and its current calibration.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Equipment {
	/// The agency that owns it.
	pub owner: OrgId,
	/// What it is.
	pub kind: EquipmentKind,
	/// Model.
	pub model: Code,
	/// Serial number.
	pub serial: Code,
	/// Hash of the current calibration certificate.
	pub calibration_certificate: H256,
	/// Calibrated on (unix ms): the current certificate covers inspections from then.
	pub calibrated_on: u64,
	/// Calibration due date (unix ms): no inspection after it may use this equipment.
	pub calibration_due: u64,
}

impl Equipment {
	/// Its current calibration.
	pub fn calibration(&self) -> evidence_primitives::Calibration {
		evidence_primitives::Calibration {
			certificate: self.calibration_certificate,
			calibrated_on: self.calibrated_on,
			due: self.calibration_due,
		}
	}
}

/// The unit a test item is measured in: fixed-point integers, no floats.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum MeasurementUnit {
	/// A yes/no check: 1 = yes (powers on, authentic, present), 0 = no.
	#[codec(index = 0)]
	Boolean,
	/// A count (defects, scratches, stitches per inch…).
	#[codec(index = 1)]
	Count,
	/// Micrometres.
	#[codec(index = 2)]
	Micrometre,
	/// Millimetres.
	#[codec(index = 3)]
	Millimetre,
	/// Grams.
	#[codec(index = 4)]
	Gram,
	/// Millivolts.
	#[codec(index = 5)]
	Millivolt,
	/// Milliamperes.
	#[codec(index = 6)]
	Milliampere,
	/// Milliwatts.
	#[codec(index = 7)]
	Milliwatt,
	/// Milliohms.
	#[codec(index = 8)]
	Milliohm,
	/// Hundredths of a degree Celsius.
	#[codec(index = 9)]
	CentiDegreeCelsius,
	/// Relative humidity in per mille.
	#[codec(index = 10)]
	PerMilleRelativeHumidity,
	/// Acceleration in thousandths of g.
	#[codec(index = 11)]
	MilliG,
	/// Milliseconds.
	#[codec(index = 12)]
	Millisecond,
	/// Millinewtons.
	#[codec(index = 13)]
	Millinewton,
	/// Hundredths of a decibel.
	#[codec(index = 14)]
	CentiDecibel,
	/// A score on the protocol's own scale (grading, colour difference ΔE ×100…).
	#[codec(index = 15)]
	Score,
}

/// How serious a failure of a test item is.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Criticality {
	/// Unsafe or unusable.
	#[codec(index = 0)]
	Critical,
	/// Fails its purpose or likely to be returned.
	#[codec(index = 1)]
	Major,
	/// Departs from the specification without affecting use.
	#[codec(index = 2)]
	Minor,
}

/// The kind of damage a test item can reveal; the liability rules match it with a claim.
pub use evidence_primitives::facts::DamageMode;

/// One test item of a protocol.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct TestItem {
	/// Code, unique within the protocol (`POWER-ON`).
	pub code: Code,
	/// Hash of the test method description (standard clause or in-house method).
	pub method: H256,
	/// Unit of the measured value.
	pub unit: MeasurementUnit,
	/// Lowest passing value, inclusive; none means no lower limit.
	pub lower: Option<i64>,
	/// Highest passing value, inclusive; none means no upper limit.
	pub upper: Option<i64>,
	/// Whether a conformant verdict needs this item to pass.
	pub required: bool,
	/// How serious a failure is.
	pub criticality: Criticality,
	/// The damage a failure reveals.
	pub damage_mode: DamageMode,
}

impl TestItem {
	/// Whether `value` lies within the item's limits.
	pub fn passes(&self, value: i64) -> bool {
		self.lower.is_none_or(|lower| value >= lower)
			&& self.upper.is_none_or(|upper| value <= upper)
	}
}

/// General inspection levels of ISO 2859-1 and its special levels.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum InspectionLevel {
	/// General level I.
	#[codec(index = 0)]
	GeneralI,
	/// General level II (the usual one).
	#[codec(index = 1)]
	GeneralII,
	/// General level III.
	#[codec(index = 2)]
	GeneralIII,
	/// Special level S-1.
	#[codec(index = 3)]
	SpecialS1,
	/// Special level S-2.
	#[codec(index = 4)]
	SpecialS2,
	/// Special level S-3.
	#[codec(index = 5)]
	SpecialS3,
	/// Special level S-4.
	#[codec(index = 6)]
	SpecialS4,
}

/// How a protocol samples what it inspects.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Sampling {
	/// Every listed unit is inspected and attested.
	#[codec(index = 0)]
	UnitLevel,
	/// A lot is accepted or rejected from a sample (ISO 2859-1 single sampling).
	#[codec(index = 1)]
	Aql {
		/// Inspection level.
		level: InspectionLevel,
		/// Acceptance quality limit in thousandths of a percent (2.5 % = 2500).
		aql_milli_percent: u32,
		/// Units in the sample.
		sample_size: u32,
		/// Accept number Ac: the lot is accepted with at most this many defective units.
		accept: u32,
		/// Reject number Re: the lot is rejected with at least this many.
		reject: u32,
	},
}

/// A published test protocol version. Immutable: a change is a new version.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct TestProtocol<T: Config> {
	/// The agency that published it.
	pub owner: OrgId,
	/// Product category it applies to.
	pub category: Code,
	/// Whether the category is a durable good (appliances, electronics, …), whose defect
	/// within six months of receipt is presumed the seller's (rule I8).
	pub durable_good: bool,
	/// Sampling plan.
	pub sampling: Sampling,
	/// Test items, codes unique.
	pub items: BoundedVec<TestItem, T::MaxTestItems>,
}

/// Why an attestation was made.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Purpose {
	/// Before the goods ship.
	#[codec(index = 0)]
	PreShipment,
	/// When the carrier picks the goods up.
	#[codec(index = 1)]
	AtPickup,
	/// When a return arrives.
	#[codec(index = 2)]
	ReturnIntake,
	/// Re-inspection ordered in a dispute.
	#[codec(index = 3)]
	DisputeReinspection,
}

/// What an attestation covers.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(encode_bound())]
#[codec(decode_bound())]
#[codec(decode_with_mem_tracking_bound())]
#[codec(mel_bound())]
pub enum Subjects<T: Config> {
	/// Each listed unit was inspected (unit-level protocols).
	#[codec(index = 0)]
	Units(BoundedVec<ObjectKey, T::MaxUnitsPerAttestation>),
	/// A lot was sampled (AQL protocols): its key and how many units it holds.
	#[codec(index = 1)]
	Lot {
		/// Key of the lot (hash of its GS1 identifier).
		lot: ObjectKey,
		/// Units in the lot.
		lot_size: u32,
	},
}

impl<T: Config> Subjects<T> {
	/// The object keys this attestation is indexed under.
	pub fn keys(&self) -> alloc::vec::Vec<ObjectKey> {
		match self {
			Subjects::Units(units) => units.to_vec(),
			Subjects::Lot { lot, .. } => alloc::vec![*lot],
		}
	}
}

/// The stated result of one test item.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Outcome {
	/// Within the limits.
	#[codec(index = 0)]
	Pass,
	/// Outside the limits.
	#[codec(index = 1)]
	Fail,
	/// Not tested (no value).
	#[codec(index = 2)]
	NotTested,
	/// Does not apply to this unit (no value; optional items only).
	#[codec(index = 3)]
	NotApplicable,
}

/// One measured test item: the raw value, never a bare pass/fail.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct TestResult {
	/// Code of the protocol's test item.
	pub item: Code,
	/// The raw measured value, in `unit`; none when not tested or not applicable.
	pub value: Option<i64>,
	/// Unit of `value`: must be the item's unit.
	pub unit: MeasurementUnit,
	/// Expanded measurement uncertainty in `unit`, if known.
	pub uncertainty: Option<u64>,
	/// The stated outcome: the chain checks it against `value` and the item's limits.
	pub outcome: Outcome,
}

/// The result of sampling a lot.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct AqlResult {
	/// Units sampled: the protocol's sample size.
	pub sample_size: u32,
	/// Defective units found in the sample.
	pub defects_found: u32,
	/// Whether the lot is accepted: the chain checks it against the protocol's Ac/Re.
	pub accepted: bool,
}

/// The packaging as found.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct PackagingState {
	/// Hash of the seal ids.
	pub seal_ids: H256,
	/// Whether every seal was intact.
	pub seal_intact: bool,
	/// Gross weight in grams.
	pub gross_weight_grams: u32,
	/// Whether the agency found the packaging certified for the product (a drop- and
	/// compression-tested pack for this SKU): what rules T5 and T6 read.
	pub certified_for_product: bool,
}

/// A photo, video or document backing an attestation. Its digest is registered with the
/// notary, citing the attestation.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct MediaItem {
	/// Content digest.
	pub digest: ContentDigest,
	/// What it is.
	pub kind: EvidenceKind,
	/// The part of the product it covers (`left side`, `seams`, `power interface`).
	pub covers: Code,
	/// Capture time (unix ms).
	pub captured_at: u64,
	/// The registered camera or instrument that captured it, if any.
	pub device: Option<EquipmentId>,
	/// Hash of its C2PA claim, if it carries one.
	pub c2pa_claim: Option<H256>,
	/// Fingerprint of the C2PA signer's certificate, if it carries one.
	pub c2pa_signer: Option<H256>,
}

/// The overall verdict of an attestation.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Verdict {
	/// Every required item passed (unit level), or the lot was accepted (AQL).
	#[codec(index = 0)]
	Conformant,
	/// A required item failed (unit level), or the lot was rejected (AQL).
	#[codec(index = 1)]
	NonConformant,
	/// No required item failed, but one was not tested.
	#[codec(index = 2)]
	Inconclusive,
}

/// An attestation as an agency submits it.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(encode_bound())]
#[codec(decode_bound())]
#[codec(decode_with_mem_tracking_bound())]
#[codec(mel_bound())]
pub struct AttestationInput<T: Config> {
	/// Why the inspection was made.
	pub purpose: Purpose,
	/// The units or the lot inspected.
	pub subjects: Subjects<T>,
	/// The order line, if the inspection is for one.
	pub order: Option<OrderRef>,
	/// Who inspected.
	pub inspector: InspectorId,
	/// The protocol followed.
	pub protocol: ProtocolId,
	/// Its version.
	pub protocol_version: ProtocolVersion,
	/// Inspection start (unix ms).
	pub started_at: u64,
	/// Inspection end (unix ms).
	pub ended_at: u64,
	/// Where: hash of the GLN or UN/LOCODE.
	pub location: H256,
	/// Equipment used, each calibrated over the inspection.
	pub equipment: BoundedVec<EquipmentId, T::MaxEquipmentPerAttestation>,
	/// One result per test item reported.
	pub results: BoundedVec<TestResult, T::MaxTestItems>,
	/// The sampling result, for AQL protocols.
	pub aql: Option<AqlResult>,
	/// The packaging as found, if inspected.
	pub packaging: Option<PackagingState>,
	/// Photos, videos and documents.
	pub media: BoundedVec<MediaItem, T::MaxMediaPerAttestation>,
	/// Digest of the full report document.
	pub report: ContentDigest,
	/// The overall verdict: the chain checks it against the results.
	pub verdict: Verdict,
}

/// Why an attestation was superseded or revoked.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum ChangeReason {
	/// A clerical error in the record.
	#[codec(index = 0)]
	ClericalError,
	/// A measurement was wrong.
	#[codec(index = 1)]
	MeasurementError,
	/// Equipment turned out faulty or out of calibration.
	#[codec(index = 2)]
	EquipmentFault,
	/// The inspector's qualification turned out invalid.
	#[codec(index = 3)]
	InspectorIssue,
	/// The inspection was not performed as recorded.
	#[codec(index = 4)]
	ProcedureViolation,
	/// Another reason, in the agency's records.
	#[codec(index = 5)]
	Other,
}

/// Where an attestation stands. History is never rewritten: a superseded or revoked
/// attestation keeps its content and says why.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum AttestationStatus<AccountId, BlockNumber> {
	/// In force.
	#[codec(index = 0)]
	Valid,
	/// Replaced by a corrected attestation.
	#[codec(index = 1)]
	Superseded {
		/// The attestation that replaces it.
		by: AttestationId,
		/// Why.
		reason: ChangeReason,
		/// Block of the replacement.
		at: BlockNumber,
	},
	/// Withdrawn.
	#[codec(index = 2)]
	Revoked {
		/// Why.
		reason: ChangeReason,
		/// The account that revoked it.
		by: AccountId,
		/// Block of the revocation.
		at: BlockNumber,
	},
}

/// A stored attestation.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Attestation<T: Config> {
	/// The issuing agency.
	pub agency: OrgId,
	/// The account that signed it.
	pub attested_by: T::AccountId,
	/// What the agency attested.
	pub body: AttestationInput<T>,
	/// The attestation this one corrects, if any.
	pub supersedes: Option<AttestationId>,
	/// Where it stands.
	pub status: AttestationStatus<T::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>>,
	/// Block that notarized it.
	pub block: frame_system::pallet_prelude::BlockNumberFor<T>,
	/// Chain time (unix ms) of that block.
	pub time: T::Moment,
}

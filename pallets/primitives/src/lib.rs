//! # Evidence primitives
//!
//! Types shared by every Evidence Chain pallet and by clients: organisation ids, roles,
//! typed content digests. Later pallets add here the traits through which they read each
//! other's facts, so no pallet depends on another. This crate has no storage.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod api;
pub mod facts;
pub mod merkle;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::H256;

/// Identifier of a member organisation, assigned by the consortium pallet in admission order.
pub type OrgId = u32;

/// Longest short code (product category, test item, profile name, model, serial).
pub const MAX_CODE_LEN: u32 = 32;

/// A short ASCII code: product category (`small-appliance`), test item (`POWER-ON`), covered
/// part (`left side`), profile name, device model or serial.
pub type Code = sp_runtime::BoundedVec<u8, sp_core::ConstU32<MAX_CODE_LEN>>;

/// A physical unit or parcel: the BLAKE2b-256 hash of its canonical GS1 identifier (SGTIN for
/// a serialised unit, SSCC for a parcel). One unit, one key: its product passport key.
pub type ObjectKey = H256;

/// An order line: the BLAKE2b-256 hash of the platform's order line id (no personal data).
pub type OrderRef = H256;

/// What an organisation is allowed to do on the chain. An organisation may hold several roles.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Role {
	/// An e-commerce platform: opens disputes on behalf of its consumers.
	#[codec(index = 0)]
	Platform,
	/// A merchant selling through a platform.
	#[codec(index = 1)]
	Merchant,
	/// An accredited inspection agency: notarizes attestations.
	#[codec(index = 2)]
	InspectionAgency,
	/// A logistics carrier: notarizes custody checkpoints and sensor digests.
	#[codec(index = 3)]
	Carrier,
	/// An arbitrator: rules on disputes the rules cannot decide.
	#[codec(index = 4)]
	Arbitrator,
}

/// An amount of money in an ISO 4217 currency, in minor units (cents, fen): a claim, a
/// declared value. Payment happens off chain; the chain records amounts and verdicts.
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
#[serde(rename_all = "camelCase")]
pub struct Money {
	/// ISO 4217 alphabetic code (`EUR`, `CNY`).
	pub currency: [u8; 3],
	/// Amount in minor units.
	pub minor_units: u128,
}

/// A calibration of a measuring instrument (an agency's equipment, a carrier's sensor device):
/// it covers what was measured from `calibrated_on` to `due` (unix ms, inclusive).
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
#[serde(rename_all = "camelCase")]
pub struct Calibration {
	/// Hash of the calibration certificate.
	pub certificate: H256,
	/// Calibrated on (unix ms).
	pub calibrated_on: u64,
	/// Due (unix ms).
	pub due: u64,
}

impl Calibration {
	/// Whether it covers a measurement over `[start, end]`.
	pub fn covers(&self, start: u64, end: u64) -> bool {
		self.calibrated_on <= start && end <= self.due
	}
}

/// Governance found an authority void from a time on: an accreditation, an inspector's
/// qualification or a device's calibration certificate (a fraudulent certificate, a recalled
/// calibration). Facts signed under it from then on are inadmissible (rule P1) in every dispute
/// opened once the withdrawal is on chain; a dispute opened before keeps its facts.
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
#[serde(rename_all = "camelCase")]
pub struct Withdrawal {
	/// Void from (unix ms, inclusive).
	pub from: u64,
	/// The block that recorded the withdrawal.
	pub recorded_block: u64,
}

impl Withdrawal {
	/// Whether it voids a fact whose measurement or inspection ended at `ended_at`, for a
	/// dispute whose facts are frozen at `cutoff_block`.
	pub fn voids(&self, ended_at: u64, cutoff_block: u64) -> bool {
		self.recorded_block <= cutoff_block && ended_at >= self.from
	}
}

/// Most superseded calibrations an instrument keeps: a recalibration appends, never
/// overwrites, so a past measurement is judged on the calibration valid at its time.
pub const MAX_PAST_CALIBRATIONS: u32 = 16;

/// The hash function a content digest was computed with.
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
pub enum HashAlgorithm {
	/// BLAKE2b with a 256-bit output: the chain's native hash.
	#[codec(index = 0)]
	Blake2_256,
	/// SHA-256, as used by GS1 EPCIS event hashes and C2PA manifests.
	#[codec(index = 1)]
	Sha2_256,
}

/// A 256-bit content digest of a piece of evidence (photo, video, report, sensor log), tagged
/// with the algorithm that produced it.
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
pub struct ContentDigest {
	/// Algorithm of `hash`.
	pub algorithm: HashAlgorithm,
	/// The digest bytes.
	pub hash: H256,
}

impl ContentDigest {
	/// A BLAKE2b-256 digest of `data`.
	pub fn blake2_256_of(data: &[u8]) -> Self {
		Self {
			algorithm: HashAlgorithm::Blake2_256,
			hash: H256(sp_crypto_hashing::blake2_256(data)),
		}
	}

	/// A SHA-256 digest of `data`.
	pub fn sha2_256_of(data: &[u8]) -> Self {
		Self { algorithm: HashAlgorithm::Sha2_256, hash: H256(sp_crypto_hashing::sha2_256(data)) }
	}
}

/// Why an account may not act for an organisation in a given role.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum MembershipError {
	/// The account is neither the admin nor an operator of any organisation.
	NotAMember,
	/// The account's organisation is suspended.
	OrganisationSuspended,
	/// The account's organisation does not hold the required role.
	MissingRole,
}

/// Who acts for which organisation, in which role. Implemented by the consortium pallet and
/// used by every pallet that accepts facts, so permission is checked the same way everywhere.
pub trait MembershipCheck<AccountId> {
	/// The active organisation `who` acts for (as admin or operator).
	fn organisation_of(who: &AccountId) -> Result<OrgId, MembershipError>;

	/// Whether organisation `org` exists, is active and holds `role`.
	fn has_role(org: OrgId, role: Role) -> bool;

	/// The active organisation `who` acts for, provided it holds `role`.
	fn ensure_role(who: &AccountId, role: Role) -> Result<OrgId, MembershipError> {
		let org = Self::organisation_of(who)?;
		if Self::has_role(org, role) {
			Ok(org)
		} else {
			Err(MembershipError::MissingRole)
		}
	}
}

/// The member organisations holding a role, for assignments such as arbitration.
/// Implemented by the consortium pallet.
pub trait OrganisationDirectory {
	/// The active organisations holding `role`, by ascending id.
	fn organisations_with(role: Role) -> alloc::vec::Vec<OrgId>;
}

/// What a notarized piece of evidence is.
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
pub enum EvidenceKind {
	/// A single photo.
	#[codec(index = 0)]
	Photo,
	/// A set of photos covering the item all around (360°).
	#[codec(index = 1)]
	PhotoSet360,
	/// A video.
	#[codec(index = 2)]
	Video,
	/// A video of a test being performed.
	#[codec(index = 3)]
	TestProcessVideo,
	/// A report, certificate or other document.
	#[codec(index = 4)]
	Document,
	/// A raw sensor log.
	#[codec(index = 5)]
	SensorLog,
	/// Anything else.
	#[codec(index = 6)]
	Other,
}

/// The kind of on-chain fact that cites a digest.
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
pub enum FactKind {
	/// A stand-alone notarization (`Notary.notarize`).
	#[codec(index = 0)]
	Notarization,
	/// An inspection attestation.
	#[codec(index = 1)]
	Attestation,
	/// A custody checkpoint.
	#[codec(index = 2)]
	Checkpoint,
	/// A per-leg sensor digest.
	#[codec(index = 3)]
	SensorDigest,
	/// Evidence submitted to a dispute.
	#[codec(index = 4)]
	DisputeEvidence,
	/// A shipment's creation.
	#[codec(index = 5)]
	Shipment,
	/// A custody leg of a shipment.
	#[codec(index = 6)]
	CustodyLeg,
}

/// A reference to the fact that cites a digest: its kind and its id.
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
pub struct FactRef {
	/// What kind of fact.
	pub kind: FactKind,
	/// Its id (attestation id, checkpoint id, …; the digest itself for a notarization).
	pub id: H256,
}

/// One raw sensor reading: a leaf of the Merkle root a device signs in its sensor digest
/// (leaf format in [`merkle`]). Fixed-point units.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct SensorReading {
	/// Reading time, unix milliseconds.
	pub at: u64,
	/// Temperature, centi-°C.
	pub temperature_centi_celsius: Option<i32>,
	/// Relative humidity, per mille.
	pub humidity_per_mille: Option<u16>,
	/// Acceleration magnitude, milli-g.
	pub acceleration_milli_g: Option<u32>,
}

/// Why a digest could not be registered for a fact.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum EvidenceRegistryError {
	/// The digest is already cited by the most facts one digest may record.
	TooManyCitations,
	/// The citing organisation already holds its share of the digest's citations
	/// ([`index_share`]).
	CitationShareUsed,
}

/// What a shared index lists its records under: several organisations add records to the
/// same unit's or order's list, so each holds a bounded share of it.
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
pub enum IndexKey {
	/// A unit's list.
	#[codec(index = 0)]
	Unit(ObjectKey),
	/// An order's list.
	#[codec(index = 1)]
	Order(OrderRef),
}

/// How many of a shared index's `capacity` places under one key one organisation may take: a
/// quarter (at least one). Records are never dropped from an index, so without a share one
/// member could fill a unit's or order's list and lock every other member out of it; with
/// it, filling a list takes four organisations acting together.
pub fn index_share(capacity: u32) -> u32 {
	(capacity / 4).max(1)
}

/// Takes one of `org`'s places in a pallet's shared list under `key` (a unit's or order's
/// index, a digest's citations), which holds `capacity` records. `Places` is the pallet's
/// count of places per (key, organisation). Refused with `refused`, writing nothing, when
/// `org` holds its share ([`index_share`]) already.
pub fn take_index_place<Places, K, E>(
	key: &K,
	org: OrgId,
	capacity: u32,
	refused: E,
) -> Result<(), E>
where
	K: codec::FullEncode,
	Places: frame_support::storage::StorageDoubleMap<K, OrgId, u32, Query = u32>,
{
	Places::try_mutate(key, org, |held| {
		if *held >= index_share(capacity) {
			return Err(refused);
		}
		*held += 1;
		Ok(())
	})
}

/// The kinds of record whose id the chain derives, never the caller: see [`record_id`].
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
pub enum RecordKind {
	/// An agency's inspector (`Inspection.register_inspector`).
	#[codec(index = 0)]
	Inspector = 0,
	/// An agency's piece of equipment (`Inspection.register_equipment`).
	#[codec(index = 1)]
	Equipment = 1,
	/// An attestation (`Inspection.attest`, `Inspection.supersede_attestation`).
	#[codec(index = 2)]
	Attestation = 2,
	/// A carrier's sensor logger (`Logistics.register_device`).
	#[codec(index = 3)]
	Device = 3,
	/// A shipment (`Logistics.create_shipment`).
	#[codec(index = 4)]
	Shipment = 4,
}

/// Domain prefix of [`record_id`]'s preimage.
pub const RECORD_ID_DOMAIN: &[u8; 15] = b"evidence/record";

/// The id under which organisation `org` stores the record it calls `reference` (the hash of
/// its own report number, staff id, asset tag, logger serial or shipment number):
/// `blake2_256("evidence/record" ++ kind (1 byte) ++ org (u32, little endian) ++ reference)`.
///
/// Ids are global, so if callers chose them a rival who saw a pending registration in the
/// pool could register the same id first and have the owner's call refused. Derived from the
/// signer's organisation, a rival's record with the same reference lands under another id and
/// cannot refuse the owner's. Anyone can compute an id without the chain. (Records a chain
/// stored before spec 106, when callers chose ids, keep those ids.)
pub fn record_id(kind: RecordKind, org: OrgId, reference: H256) -> H256 {
	let mut preimage = [0u8; 15 + 1 + 4 + 32];
	preimage[..15].copy_from_slice(RECORD_ID_DOMAIN);
	preimage[15] = kind as u8;
	preimage[16..20].copy_from_slice(&org.to_le_bytes());
	preimage[20..].copy_from_slice(reference.as_bytes());
	H256(sp_crypto_hashing::blake2_256(&preimage))
}

/// The single registry of evidence digests. The inspection and logistics pallets register the
/// media digests their facts carry through it, so "who notarized this digest, in which facts"
/// has one answer wherever the digest came from. Implemented by the notary pallet.
pub trait EvidenceRegistry<AccountId> {
	/// Records that `fact`, signed by `who` for organisation `org`, cites `digest` of `kind`
	/// captured at `captured_at` (unix milliseconds). The first registration of a digest makes
	/// `org` its notarizer; later ones only add the citation.
	fn register(
		who: &AccountId,
		org: OrgId,
		digest: ContentDigest,
		kind: EvidenceKind,
		captured_at: u64,
		fact: FactRef,
	) -> Result<(), EvidenceRegistryError>;

	/// The organisation that first notarized `digest`, if any.
	fn notarizer_of(digest: &ContentDigest) -> Option<OrgId>;

	/// How many facts may cite one digest (benchmarks fill a digest's citations to it).
	fn citation_capacity() -> u32;
}

/// Has `digest` cited by facts of `kind` of other organisations (10,001 on) until one place is
/// left: the longest citation list a registration searches and rewrites, for benchmarks.
pub fn cite_to_one_short<AccountId, Registry: EvidenceRegistry<AccountId>>(
	who: &AccountId,
	digest: ContentDigest,
	evidence: EvidenceKind,
	captured_at: u64,
	kind: FactKind,
) {
	for n in 1..Registry::citation_capacity() {
		let mut id = [0xc1; 32];
		id[..4].copy_from_slice(&n.to_be_bytes());
		let fact = FactRef { kind, id: H256(id) };
		Registry::register(who, 10_000 + n, digest, evidence, captured_at, fact)
			.expect("below the citation capacity");
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Decode;

	#[test]
	fn digest_encoding_carries_algorithm_and_hash() {
		let digest = ContentDigest::sha2_256_of(b"abc");
		// SHA-256("abc"), the FIPS 180-2 test vector.
		assert_eq!(
			format!("{:?}", digest.hash),
			"0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
		);
		let encoded = digest.encode();
		assert_eq!(encoded.len(), ContentDigest::max_encoded_len());
		assert_eq!(encoded[0], 1, "Sha2_256 is the second algorithm variant");
		assert_eq!(ContentDigest::decode(&mut &encoded[..]).unwrap(), digest);
		assert_ne!(ContentDigest::blake2_256_of(b"abc"), digest);
	}

	#[test]
	fn record_ids_are_the_documented_hash_and_differ_by_organisation_and_kind() {
		let reference = H256::repeat_byte(0xab);
		let id = record_id(RecordKind::Attestation, 7, reference);
		let mut preimage = b"evidence/record".to_vec();
		preimage.push(2);
		preimage.extend_from_slice(&[7, 0, 0, 0]);
		preimage.extend_from_slice(&[0xab; 32]);
		assert_eq!(id, H256(sp_crypto_hashing::blake2_256(&preimage)));
		// The vector clients check their own derivation against (the integrator's `recordId`).
		assert_eq!(
			format!("{id:?}"),
			"0xa46c91f5d2fad3bcf2f718e06daf6cb19dd572473cad0ffadcc0b1ba4174d402"
		);
		assert_ne!(record_id(RecordKind::Attestation, 8, reference), id);
		assert_ne!(record_id(RecordKind::Shipment, 7, reference), id);
		for (index, kind) in [
			RecordKind::Inspector,
			RecordKind::Equipment,
			RecordKind::Attestation,
			RecordKind::Device,
			RecordKind::Shipment,
		]
		.into_iter()
		.enumerate()
		{
			assert_eq!(kind.encode(), vec![index as u8]);
			assert_eq!(kind as u8, index as u8, "the byte `record_id` hashes");
		}
	}

	#[test]
	fn roles_encode_as_their_declared_order() {
		let roles = [
			Role::Platform,
			Role::Merchant,
			Role::InspectionAgency,
			Role::Carrier,
			Role::Arbitrator,
		];
		for (index, role) in roles.iter().enumerate() {
			assert_eq!(role.encode(), vec![index as u8]);
		}
	}
}

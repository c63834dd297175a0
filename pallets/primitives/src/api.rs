//! Runtime APIs declared for clients: they appear in Polkadot.js Apps "Runtime calls".

use crate::{
	merkle::{InclusionProof, MerkleScheme},
	ContentDigest, EvidenceKind, FactRef, OrgId, SensorReading,
};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;

/// One organisation's notarization of a digest: who, when, what it is.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct NotarizationReport<AccountId> {
	/// The organisation that notarized it (or cited it in a fact).
	pub org: OrgId,
	/// The account that signed that notarization.
	pub notarized_by: AccountId,
	/// What the evidence is.
	pub kind: EvidenceKind,
	/// Size in bytes (0 when registered by a fact that does not state it).
	pub byte_size: u64,
	/// Capture time claimed by the submitter, unix milliseconds.
	pub captured_at: u64,
	/// Hash of the C2PA claim, if any.
	pub c2pa_claim: Option<H256>,
	/// Block that notarized it.
	pub block: u32,
	/// Chain time of that block, unix milliseconds.
	pub time: u64,
}

/// What version 1 of [`NotaryApi::digest_record`] answers (runtimes before spec 105): only
/// the first organisation's notarization. Kept to read blocks of those runtimes.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct DigestReportV1<AccountId> {
	/// The organisation that notarized it first.
	pub org: OrgId,
	/// The account that signed that notarization.
	pub notarized_by: AccountId,
	/// What the evidence is.
	pub kind: EvidenceKind,
	/// Size in bytes (0 when registered by a fact that does not state it).
	pub byte_size: u64,
	/// Capture time claimed by the submitter, unix milliseconds.
	pub captured_at: u64,
	/// Hash of the C2PA claim, if any.
	pub c2pa_claim: Option<H256>,
	/// Block that notarized it.
	pub block: u32,
	/// Chain time of that block, unix milliseconds.
	pub time: u64,
	/// Facts citing the digest, oldest first.
	pub cited_by: Vec<FactRef>,
}

/// Who notarized a digest, when, what it is, and the facts citing it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct DigestReport<AccountId> {
	/// Every organisation's own notarization of the digest: the first one on chain first,
	/// then the others by block and organisation.
	pub notarizations: Vec<NotarizationReport<AccountId>>,
	/// Facts citing the digest, oldest first.
	pub cited_by: Vec<FactRef>,
}

/// An anchored batch.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct BatchReport<AccountId> {
	/// The batch id.
	pub batch_id: u64,
	/// The Merkle root.
	pub root: H256,
	/// Number of leaves.
	pub leaf_count: u32,
	/// How the tree was built.
	pub scheme: MerkleScheme,
	/// The organisation that anchored it.
	pub org: OrgId,
	/// The account that signed the anchoring.
	pub anchored_by: AccountId,
	/// Block that anchored it.
	pub block: u32,
	/// Chain time of that block, unix milliseconds.
	pub time: u64,
}

/// The answer of `verify_inclusion`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct InclusionVerdict<AccountId> {
	/// Whether the leaf is in the batch by the proof.
	pub included: bool,
	/// The batch, if it exists.
	pub batch: Option<BatchReport<AccountId>>,
}

sp_api::decl_runtime_apis! {
	/// Reads of the notary: digests and Merkle batches.
	///
	/// Version 2: a digest's record lists every organisation's notarization.
	#[api_version(2)]
	pub trait NotaryApi<AccountId: Codec> {
		/// Who notarized `digest` (every organisation's own notarization), when, its kind,
		/// and the facts that cite it.
		fn digest_record(digest: ContentDigest) -> Option<DigestReport<AccountId>>;

		/// Version 1: the first organisation's notarization only.
		#[changed_in(2)]
		fn digest_record(digest: ContentDigest) -> Option<DigestReportV1<AccountId>>;

		/// Whether `leaf` is in batch `batch_id` by `proof`, with the batch record.
		fn verify_inclusion(
			batch_id: u64,
			leaf: ContentDigest,
			proof: InclusionProof,
		) -> InclusionVerdict<AccountId>;
	}
}

sp_api::decl_runtime_apis! {
	/// Reads of the logistics pallet.
	pub trait LogisticsApi {
		/// Whether `reading` is in the raw log that `device` signed for leg `leg` of
		/// `shipment`, by `proof` against the digest's readings root.
		fn verify_reading(
			shipment: H256,
			leg: u32,
			device: H256,
			reading: SensorReading,
			proof: InclusionProof,
		) -> bool;
	}
}

sp_api::decl_runtime_apis! {
	/// The whole story of an order, a unit or a dispute in one call, and what the rules would
	/// decide now. The runtime names the concrete types; Polkadot.js Apps shows them from the
	/// metadata ("Developer → Runtime calls → evidenceApi").
	pub trait EvidenceApi<OrderEvidence, UnitPassport, DisputeRecord, Claim, Preview>
	where
		OrderEvidence: Codec,
		UnitPassport: Codec,
		DisputeRecord: Codec,
		Claim: Codec,
		Preview: Codec,
	{
		/// Every attestation, shipment (legs with their conditions, checkpoints, sensor
		/// digests) and dispute (with its verdict) of an order line; `None` when the chain
		/// knows nothing of it.
		fn order_evidence(order: crate::OrderRef) -> Option<OrderEvidence>;

		/// Every fact about one unit, oldest first; `None` when the chain knows nothing of it.
		fn unit_passport(unit: crate::ObjectKey) -> Option<UnitPassport>;

		/// One dispute with its claim, parties, evidence, status, verdict and arbitration.
		fn dispute(id: u64) -> Option<DisputeRecord>;

		/// What the rules would decide on the chain's facts now, for `claim`, without opening
		/// a dispute.
		fn preview_verdict(claim: Claim) -> Preview;
	}
}

//! Records the notary pallet stores.

use codec::{Decode, Encode, MaxEncodedLen};
use evidence_primitives::{merkle::MerkleScheme, EvidenceKind, OrgId};
use scale_info::TypeInfo;
use sp_core::H256;

/// Id of an anchored batch, assigned in anchoring order from 0.
pub type BatchId = u64;

/// Who notarized a digest, when, and what it is.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct DigestRecord<AccountId, BlockNumber, Moment> {
	/// The organisation that notarized it first.
	pub org: OrgId,
	/// The account that signed the notarization.
	pub notarized_by: AccountId,
	/// What the evidence is.
	pub kind: EvidenceKind,
	/// Size of the evidence in bytes, when known (0 for digests registered by other facts).
	pub byte_size: u64,
	/// When the evidence was captured, unix milliseconds, as claimed by the submitter.
	pub captured_at: u64,
	/// Hash of the C2PA claim of the media, if it carries one.
	pub c2pa_claim: Option<H256>,
	/// Block that notarized it.
	pub block: BlockNumber,
	/// Chain time (unix milliseconds) of that block.
	pub time: Moment,
}

/// An anchored Merkle batch.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct BatchRecord<AccountId, BlockNumber, Moment> {
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
	pub block: BlockNumber,
	/// Chain time (unix milliseconds) of that block.
	pub time: Moment,
}

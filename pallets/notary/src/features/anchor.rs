//! Anchoring Merkle roots of digest batches, and checking inclusion proofs against them.

use crate::{
	BatchId, BatchRecord, BatchRecordOf, Batches, Config, Error, Event, NextBatchId, Pallet,
};
use evidence_primitives::{
	merkle::{self, InclusionProof, MerkleScheme, MAX_BATCH_LEAVES},
	ContentDigest, OrgId,
};
use frame_support::ensure;
use sp_core::H256;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_anchor_batch(
		who: T::AccountId,
		org: OrgId,
		root: H256,
		leaf_count: u32,
		scheme: MerkleScheme,
	) -> Result<BatchId, DispatchError> {
		ensure!(leaf_count > 0, Error::<T>::EmptyBatch);
		ensure!(leaf_count <= MAX_BATCH_LEAVES, Error::<T>::BatchTooLarge);
		let batch_id = NextBatchId::<T>::get();
		NextBatchId::<T>::put(batch_id.saturating_add(1));
		Batches::<T>::insert(
			batch_id,
			BatchRecord {
				root,
				leaf_count,
				scheme,
				org,
				anchored_by: who,
				block: frame_system::Pallet::<T>::block_number(),
				time: pallet_timestamp::Pallet::<T>::get(),
			},
		);
		Self::deposit_event(Event::BatchAnchored { batch_id, root, leaf_count, scheme, org });
		Ok(batch_id)
	}

	/// Whether `leaf` is in batch `batch_id` by `proof`, with the batch record. `false` (and
	/// `None`) for an unknown batch; `false` for a malformed proof.
	pub fn verify_inclusion(
		batch_id: BatchId,
		leaf: ContentDigest,
		proof: InclusionProof,
	) -> (bool, Option<BatchRecordOf<T>>) {
		let Some(batch) = Batches::<T>::get(batch_id) else { return (false, None) };
		let included = match batch.scheme {
			MerkleScheme::Blake2PrefixedV1 => {
				merkle::verify_inclusion(batch.root, batch.leaf_count, &leaf, &proof)
			},
		};
		(included, Some(batch))
	}
}

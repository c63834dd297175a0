//! What the `NotaryApi` runtime API answers.

use crate::{BatchRecordOf, Batches, Citations, Config, Digests, Pallet};
use evidence_primitives::{
	api::{BatchReport, DigestReport, InclusionVerdict},
	merkle::InclusionProof,
	ContentDigest,
};
use sp_runtime::traits::UniqueSaturatedInto;

impl<T: Config> Pallet<T> {
	/// Who notarized `digest`, when, its kind, and the facts citing it.
	pub fn digest_report(digest: ContentDigest) -> Option<DigestReport<T::AccountId>> {
		let record = Digests::<T>::get(digest)?;
		Some(DigestReport {
			org: record.org,
			notarized_by: record.notarized_by,
			kind: record.kind,
			byte_size: record.byte_size,
			captured_at: record.captured_at,
			c2pa_claim: record.c2pa_claim,
			block: record.block.unique_saturated_into(),
			time: record.time.unique_saturated_into(),
			cited_by: Citations::<T>::get(digest).into_inner(),
		})
	}

	/// The batch record of `batch_id`, as the API reports it.
	pub fn batch_report(batch_id: u64) -> Option<BatchReport<T::AccountId>> {
		Batches::<T>::get(batch_id).map(|batch| Self::to_batch_report(batch_id, batch))
	}

	fn to_batch_report(batch_id: u64, batch: BatchRecordOf<T>) -> BatchReport<T::AccountId> {
		BatchReport {
			batch_id,
			root: batch.root,
			leaf_count: batch.leaf_count,
			scheme: batch.scheme,
			org: batch.org,
			anchored_by: batch.anchored_by,
			block: batch.block.unique_saturated_into(),
			time: batch.time.unique_saturated_into(),
		}
	}

	/// Whether `leaf` is in batch `batch_id` by `proof`, with the batch.
	pub fn inclusion_verdict(
		batch_id: u64,
		leaf: ContentDigest,
		proof: InclusionProof,
	) -> InclusionVerdict<T::AccountId> {
		let (included, batch) = Self::verify_inclusion(batch_id, leaf, proof);
		InclusionVerdict { included, batch: batch.map(|b| Self::to_batch_report(batch_id, b)) }
	}
}

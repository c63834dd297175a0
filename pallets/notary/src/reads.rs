//! What the `NotaryApi` runtime API answers.

use crate::{
	BatchRecordOf, Batches, Citations, Config, DigestRecordOf, Digests, Notarizations, Pallet,
};
use alloc::vec::Vec;
use evidence_primitives::{
	api::{BatchReport, DigestReport, InclusionVerdict, NotarizationReport},
	merkle::InclusionProof,
	ContentDigest,
};
use sp_runtime::traits::UniqueSaturatedInto;

impl<T: Config> Pallet<T> {
	/// Who notarized `digest` (every organisation's own record, the first one first), when,
	/// its kind, and the facts citing it.
	pub fn digest_report(digest: ContentDigest) -> Option<DigestReport<T::AccountId>> {
		let first = Digests::<T>::get(digest)?;
		let mut others: Vec<_> = Notarizations::<T>::iter_prefix_values(digest).collect();
		others.sort_by_key(|record| (record.block, record.org));
		Some(DigestReport {
			notarizations: core::iter::once(first)
				.chain(others)
				.map(Self::to_notarization_report)
				.collect(),
			cited_by: Citations::<T>::get(digest).into_inner(),
		})
	}

	fn to_notarization_report(record: DigestRecordOf<T>) -> NotarizationReport<T::AccountId> {
		NotarizationReport {
			org: record.org,
			notarized_by: record.notarized_by,
			kind: record.kind,
			byte_size: record.byte_size,
			captured_at: record.captured_at,
			c2pa_claim: record.c2pa_claim,
			block: record.block.unique_saturated_into(),
			time: record.time.unique_saturated_into(),
		}
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

//! Invariants of the notary pallet.

use crate::{Batches, Citations, Config, Digests, NextBatchId, Notarizations, Pallet};
use evidence_primitives::merkle::MAX_BATCH_LEAVES;
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first one broken is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		for (digest, facts) in Citations::<T>::iter() {
			ensure!(Digests::<T>::contains_key(digest), "a citation of an unrecorded digest");
			ensure!(!facts.is_empty(), "an empty citation list is stored");
		}
		for digest in Digests::<T>::iter_keys() {
			ensure!(!Citations::<T>::get(digest).is_empty(), "a digest no fact cites");
		}
		for (digest, org, record) in Notarizations::<T>::iter() {
			ensure!(record.org == org, "a notarization stored under another organisation");
			let first = Digests::<T>::get(digest).ok_or("a later notarization with no first")?;
			ensure!(first.org != org, "an organisation with two records of one digest");
		}
		let next = NextBatchId::<T>::get();
		for (id, batch) in Batches::<T>::iter() {
			ensure!(id < next, "a batch id at or above the next id");
			ensure!(
				batch.leaf_count > 0 && batch.leaf_count <= MAX_BATCH_LEAVES,
				"a batch of impossible size"
			);
		}
		Ok(())
	}
}

//! Storage migrations of the consortium pallet, one module per storage version, each a
//! [`VersionedMigration`] (it runs only from the version it starts at, so listing it twice
//! or on a migrated chain does nothing).

use frame_support::migrations::VersionedMigration;

/// Version 1 → 2: the per-block transaction count (`TransactionQuota`) gives way to the
/// weight share ([`crate::BlockUsageOf`], [`crate::BlockShare`] at its default, one third).
/// The old counts only ever described the block they were taken in, so they are removed,
/// not converted: at most one entry per organisation.
pub mod v2 {
	use super::*;
	use crate::{Config, Pallet};
	use frame_support::{
		storage::{storage_prefix, unhashed},
		traits::{Get, PalletInfoAccess, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The storage item version 1 kept and version 2 removes.
	pub const REMOVED_ITEM: &[u8] = b"TransactionQuota";

	/// The migration itself; use [`MigrateV1ToV2`], which checks the storage versions.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let prefix = storage_prefix(Pallet::<T>::name().as_bytes(), REMOVED_ITEM);
			let limit = T::MaxOrganisations::get();
			let removed = unhashed::clear_prefix(&prefix, Some(limit), None);
			log::info!(
				target: crate::LOG_TARGET,
				"v2: removed {} per-block transaction counts",
				removed.backend
			);
			T::DbWeight::get().reads_writes(removed.loops as u64, removed.backend as u64)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let prefix = storage_prefix(Pallet::<T>::name().as_bytes(), REMOVED_ITEM);
			frame_support::ensure!(
				!unhashed::contains_prefixed_key(&prefix),
				"v2: per-block transaction counts left behind"
			);
			Ok(())
		}
	}

	/// Version 1 → 2 of the consortium pallet's storage.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2 → 3: an organisation's usage ([`crate::BlockUsageOf`]) gains the bytes it stored
/// in the current storage period next to the weight of its latest block. The old entries only
/// ever described one block, so they are removed, not converted: each organisation starts its
/// first storage period at the upgrade with nothing used (one entry per organisation ever
/// admitted, removed ones included: version 2 kept theirs).
pub mod v3 {
	use super::*;
	use crate::{BlockUsageOf, Config, Pallet};
	use frame_support::{
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The migration itself; use [`MigrateV2ToV3`], which checks the storage versions.
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			// Organisation ids are never reused: bounded by the ids handed out so far.
			let limit = crate::NextOrgId::<T>::get().max(T::MaxOrganisations::get());
			let removed = BlockUsageOf::<T>::clear(limit, None);
			log::info!(
				target: crate::LOG_TARGET,
				"v3: removed {} usage entries of the old layout",
				removed.backend
			);
			T::DbWeight::get().reads_writes(removed.loops as u64, removed.backend as u64)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			frame_support::ensure!(
				BlockUsageOf::<T>::iter_keys().next().is_none(),
				"v3: usage entries of the old layout left behind"
			);
			Ok(())
		}
	}

	/// Version 2 → 3 of the consortium pallet's storage.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateV2ToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

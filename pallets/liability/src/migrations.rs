//! Storage migrations of the liability pallet, one module per storage version. Each is a
//! [`VersionedMigration`]: it runs only when the pallet's on-chain storage version is the one
//! it starts from, then sets the version it ends at, so listing it in the runtime's
//! `Migrations` twice, or on a chain already migrated, does nothing.
//!
//! A migration here runs in the upgrade's first block. That fits while the stored records it
//! touches fit one block's weight (each dispute costs one read and one write: about 25,000
//! disputes in the ParityDB reference prices); a chain beyond that moves to multi-block
//! migrations (`pallet-migrations`).

use frame_support::migrations::VersionedMigration;

/// Version 1 → 2: disputes carry the engine version that evaluates them.
///
/// - every dispute gains `engine = 1` (its last field: the stored bytes are extended, not
///   rewritten, so no copy of the old record type is needed);
/// - every published rule set binds engine version 1 (`RuleSetEngines`);
/// - `OpenDisputesByEngine[1]` counts the disputes in flight.
pub mod v2 {
	use super::*;
	use crate::{
		rules::EngineVersion, Config, Dispute, Disputes, OpenDisputesByEngine, Pallet,
		RuleSetEngines, RuleSets,
	};
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use frame_support::{
		storage::unhashed,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use sp_runtime::TryRuntimeError;

	/// The engine every dispute and rule set stored before version 2 was evaluated by.
	pub const FIRST_ENGINE: EngineVersion = 1;

	/// The migration itself; use [`MigrateV1ToV2`], which checks the storage versions.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> InnerMigrateV1ToV2<T> {
		/// Extends a version-1 dispute record with its engine version; `None` when the result
		/// does not decode as a dispute (the record is then left as it was, and
		/// `post_upgrade` reports it).
		pub fn migrate_record(old: &[u8]) -> Option<Vec<u8>> {
			let mut bytes = old.to_vec();
			bytes.extend(FIRST_ENGINE.encode());
			Dispute::<T>::decode(&mut &bytes[..]).ok().map(|_| bytes)
		}
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			let mut open = 0u32;
			for id in Disputes::<T>::iter_keys().collect::<Vec<_>>() {
				reads += 1;
				let key = Disputes::<T>::hashed_key_for(id);
				let Some(old) = unhashed::get_raw(&key) else { continue };
				match Self::migrate_record(&old) {
					Some(new) => {
						unhashed::put_raw(&key, &new);
						writes += 1;
						let dispute = Dispute::<T>::decode(&mut &new[..])
							.expect("migrate_record checked that it decodes; qed");
						if !dispute.status.is_closed() {
							open += 1;
						}
					},
					None => log::error!(
						target: crate::LOG_TARGET,
						"dispute {id} does not decode after migration to v2; left unchanged"
					),
				}
			}
			for version in RuleSets::<T>::iter_keys().collect::<Vec<_>>() {
				reads += 1;
				if !RuleSetEngines::<T>::contains_key(version) {
					RuleSetEngines::<T>::insert(version, FIRST_ENGINE);
					writes += 1;
				}
			}
			if open > 0 {
				OpenDisputesByEngine::<T>::insert(FIRST_ENGINE, open);
				writes += 1;
			}
			log::info!(
				target: crate::LOG_TARGET,
				"liability v2: {writes} records written, {open} disputes in flight on engine {FIRST_ENGINE}"
			);
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			// What must hold after: as many disputes (each decoding with engine 1), as many of
			// them in flight, and every rule set bound to an engine.
			let mut disputes = 0u32;
			let mut open = 0u32;
			for id in Disputes::<T>::iter_keys() {
				let old = unhashed::get_raw(&Disputes::<T>::hashed_key_for(id))
					.ok_or("a dispute key without a value")?;
				let new = Self::migrate_record(&old)
					.ok_or("a stored dispute is not a version-1 dispute record")?;
				disputes += 1;
				if !Dispute::<T>::decode(&mut &new[..]).map_err(|_| "decode")?.status.is_closed() {
					open += 1;
				}
			}
			let rule_sets = RuleSets::<T>::iter_keys().count() as u32;
			Ok((disputes, open, rule_sets).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let (disputes, open, rule_sets) = <(u32, u32, u32)>::decode(&mut &state[..])
				.map_err(|_| "pre_upgrade state does not decode")?;
			let mut counted = 0u32;
			for (_, dispute) in Disputes::<T>::iter() {
				frame_support::ensure!(
					dispute.engine == FIRST_ENGINE,
					"a dispute on another engine"
				);
				counted += 1;
			}
			frame_support::ensure!(counted == disputes, "a dispute was lost or does not decode");
			frame_support::ensure!(
				OpenDisputesByEngine::<T>::get(FIRST_ENGINE) == open,
				"disputes in flight miscounted"
			);
			frame_support::ensure!(
				RuleSetEngines::<T>::iter().count() as u32 == rule_sets,
				"a rule set binds no engine"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Liability storage version 1 → 2, applied once.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

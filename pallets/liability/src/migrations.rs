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

/// Version 1 → 2 (spec 101): disputes carry the engine version that evaluates them.
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

/// Version 2 → 3 (spec 102): the chain adopts engine 2 (T2 splits per breached leg).
///
/// The current rule set's parameters are published again as the next rule-set version, bound
/// to engine 2, and become current (`RuleSetPublished { version, engine: 2 }` in the upgrade's
/// block): the council's vote for the runtime is its vote for the engine it brings, and new
/// disputes use it from the upgrade's block on. Published rule sets keep their engine, so
/// every dispute already open keeps engine 1 until it ends.
pub mod v3 {
	use super::*;
	use crate::{
		rules::EngineVersion, Config, CurrentRuleSet, Event, Pallet, RuleSetEngines, RuleSetParams,
		RuleSetVersion, RuleSets,
	};
	use frame_support::{
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	#[cfg(feature = "try-runtime")]
	use {
		crate::OpenDisputesByEngine,
		alloc::vec::Vec,
		codec::{Decode, Encode},
		sp_runtime::TryRuntimeError,
	};

	/// The engine this version adopts.
	pub const ENGINE: EngineVersion = 2;

	/// The migration itself; use [`MigrateV2ToV3`], which checks the storage versions.
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> InnerMigrateV2ToV3<T> {
		/// The current rule set's version and parameters when it binds another engine than 2;
		/// none when there is no rule set yet (the first one governance publishes binds the
		/// current engine) or it is on engine 2 already: nothing to adopt.
		pub fn to_republish() -> Option<(RuleSetVersion, RuleSetParams<BlockNumberFor<T>>)> {
			let current = CurrentRuleSet::<T>::get();
			RuleSets::<T>::get(current)
				.filter(|_| RuleSetEngines::<T>::get(current) != Some(ENGINE))
				.map(|params| (current, params))
		}
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let reads = T::DbWeight::get().reads(3);
			let Some((current, params)) = Self::to_republish() else {
				log::info!(target: crate::LOG_TARGET, "liability v3: no rule set to adopt engine {ENGINE}");
				return reads;
			};
			let version = current.saturating_add(1);
			RuleSets::<T>::insert(version, params);
			RuleSetEngines::<T>::insert(version, ENGINE);
			CurrentRuleSet::<T>::put(version);
			Pallet::<T>::deposit_event(Event::RuleSetPublished { version, engine: ENGINE });
			log::info!(
				target: crate::LOG_TARGET,
				"liability v3: rule set {current} published again as {version} on engine {ENGINE}"
			);
			// The rule set, its engine and the current version; the event and the event count.
			reads.saturating_add(T::DbWeight::get().writes(5))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let current = CurrentRuleSet::<T>::get();
			let engines: Vec<(RuleSetVersion, EngineVersion)> =
				RuleSetEngines::<T>::iter().collect();
			let open: Vec<(EngineVersion, u32)> = OpenDisputesByEngine::<T>::iter().collect();
			let republish = Self::to_republish().map(|(_, params)| params);
			Ok((current, republish, engines, open).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			type State<B> = (
				RuleSetVersion,
				Option<RuleSetParams<B>>,
				Vec<(RuleSetVersion, EngineVersion)>,
				Vec<(EngineVersion, u32)>,
			);
			let (old, republished, engines, open) =
				<State<BlockNumberFor<T>>>::decode(&mut &state[..])
					.map_err(|_| "pre_upgrade state does not decode")?;
			let new = CurrentRuleSet::<T>::get();
			match republished {
				Some(params) => {
					frame_support::ensure!(new == old + 1, "the rule set was not published again");
					frame_support::ensure!(
						RuleSets::<T>::get(new) == Some(params),
						"the new rule set's parameters differ"
					);
					frame_support::ensure!(
						RuleSetEngines::<T>::get(new) == Some(ENGINE),
						"the new rule set does not bind engine 2"
					);
				},
				None => frame_support::ensure!(new == old, "a rule set was published for nothing"),
			}
			for (version, engine) in engines {
				frame_support::ensure!(
					RuleSetEngines::<T>::get(version) == Some(engine),
					"a published rule set changed engine"
				);
			}
			for (engine, count) in open {
				frame_support::ensure!(
					OpenDisputesByEngine::<T>::get(engine) == count,
					"disputes in flight moved engine"
				);
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// Liability storage version 2 → 3, applied once.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateV2ToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

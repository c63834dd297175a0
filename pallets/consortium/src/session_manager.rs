//! The consortium chooses the validator set of every session.

use crate::{Config, Event, Pallet};
use alloc::vec::Vec;
use frame_support::{traits::Contains, weights::Weight};

/// Ends a session when a block is due to, on behalf of the session pallet, whose own hook
/// charges a whole block for every rotation and so leaves that block without transactions.
pub trait RotateSessions<BlockNumber> {
	/// Rotates the session if block `now` ends one; returns the weight of what it did (zero
	/// when it did nothing).
	fn rotate_if_due(now: BlockNumber) -> Weight;
}

impl<BlockNumber> RotateSessions<BlockNumber> for () {
	fn rotate_if_due(_: BlockNumber) -> Weight {
		Weight::zero()
	}
}

impl<T: Config> Pallet<T> {
	/// The next session's validators: those of active organisations whose session keys are
	/// registered. `None` (keep the current set) when that would be fewer than the minimum.
	pub fn planned_validators() -> Option<Vec<T::AccountId>> {
		let validators: Vec<T::AccountId> = Self::active_validators()
			.into_iter()
			.filter(T::SessionKeysRegistered::contains)
			.collect();
		if (validators.len() as u32) < Self::validator_floor() {
			log::warn!(
				target: crate::LOG_TARGET,
				"only {} validators ready, minimum {}: keeping the current set",
				validators.len(),
				Self::validator_floor(),
			);
			return None;
		}
		Some(validators)
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		let validators = Self::planned_validators()?;
		Self::deposit_event(Event::ValidatorSetPlanned {
			session: new_index,
			validators: validators.clone(),
		});
		Some(validators)
	}

	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		// Genesis session keys are registered by the session pallet's own genesis, after this
		// pallet's: take every genesis validator of an active organisation.
		let validators = Self::active_validators();
		(!validators.is_empty()).then_some(validators)
	}

	fn end_session(_end_index: u32) {}

	fn start_session(_start_index: u32) {}
}

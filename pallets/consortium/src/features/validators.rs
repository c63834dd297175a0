//! Registering and removing validators, and the minimum-size guard.

use crate::{
	Config, Error, Event, MinValidators, OrgStatus, Organisations, Pallet, ValidatorRecord,
	Validators,
};
use alloc::vec::Vec;
use evidence_primitives::OrgId;
use frame_support::ensure;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// The floor of the validator set: the configured minimum, and never below one.
	pub fn validator_floor() -> u32 {
		MinValidators::<T>::get().max(1)
	}

	/// Validators whose organisation is active.
	pub fn active_validators() -> Vec<T::AccountId> {
		Validators::<T>::get()
			.into_iter()
			.filter(|v| Self::is_active(v.org))
			.map(|v| v.account)
			.collect()
	}

	/// Fails with `TooFewValidators` unless enough active validators remain once those
	/// matching `leaving` are gone.
	pub(crate) fn ensure_enough_validators_without(
		leaving: impl Fn(&ValidatorRecord<T::AccountId>) -> bool,
	) -> Result<(), DispatchError> {
		let remaining =
			Validators::<T>::get().iter().filter(|v| !leaving(v) && Self::is_active(v.org)).count()
				as u32;
		ensure!(remaining >= Self::validator_floor(), Error::<T>::TooFewValidators);
		Ok(())
	}

	pub(crate) fn do_add_validator(
		org: OrgId,
		validator: T::AccountId,
	) -> Result<(), DispatchError> {
		let record = Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
		ensure!(record.status == OrgStatus::Active, Error::<T>::OrganisationSuspended);
		Validators::<T>::try_mutate(|validators| {
			ensure!(
				!validators.iter().any(|v| v.account == validator),
				Error::<T>::AlreadyValidator
			);
			validators
				.try_push(ValidatorRecord { account: validator.clone(), org })
				.map_err(|_| Error::<T>::TooManyValidators)?;
			Ok::<_, DispatchError>(())
		})?;
		Self::account_added(&validator);
		Self::deposit_event(Event::ValidatorAdded { org, validator });
		Ok(())
	}

	pub(crate) fn do_remove_validator(validator: T::AccountId) -> Result<(), DispatchError> {
		let record = Validators::<T>::get()
			.into_iter()
			.find(|v| v.account == validator)
			.ok_or(Error::<T>::NotAValidator)?;
		Self::ensure_enough_validators_without(|v| v.account == validator)?;
		Validators::<T>::mutate(|validators| validators.retain(|v| v.account != validator));
		Self::account_removed(&validator);
		Self::deposit_event(Event::ValidatorRemoved { org: record.org, validator });
		Ok(())
	}

	/// Sets the floor of the validator set to `min`.
	///
	/// # Errors
	/// - `MinValidatorsZero` when `min` is zero;
	/// - `TooFewValidators` when fewer than `min` validators of active organisations are
	///   registered now.
	pub(crate) fn do_set_min_validators(min: u32) -> Result<(), DispatchError> {
		ensure!(min > 0, Error::<T>::MinValidatorsZero);
		ensure!(Self::active_validators().len() as u32 >= min, Error::<T>::TooFewValidators);
		MinValidators::<T>::put(min);
		Self::deposit_event(Event::MinValidatorsSet { min });
		Ok(())
	}
}

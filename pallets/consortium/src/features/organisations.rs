//! Admitting, re-roling, suspending, reinstating and removing organisations.

use crate::{
	Config, Error, Event, MemberKind, Members, Membership, NextOrgId, OrgStatus, Organisation,
	OrganisationByName, OrganisationCount, Organisations, Pallet, Validators,
};
use alloc::vec::Vec;
use evidence_primitives::{OrgId, Role};
use frame_support::{ensure, traits::Get, BoundedVec};
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Admits an organisation and seats its admin on the council; returns its id.
	pub(crate) fn do_admit_org(
		name: Vec<u8>,
		roles: Vec<Role>,
		admin: T::AccountId,
	) -> Result<OrgId, DispatchError> {
		let name = Self::bounded_name(name)?;
		let roles = Self::normalise_roles(roles)?;
		ensure!(
			!OrganisationByName::<T>::contains_key(&name),
			Error::<T>::DuplicateOrganisationName
		);
		ensure!(!Members::<T>::contains_key(&admin), Error::<T>::AccountAlreadyMember);
		let count = OrganisationCount::<T>::get();
		ensure!(count < T::MaxOrganisations::get(), Error::<T>::TooManyOrganisations);

		Self::with_council_sync(|| {
			let id = NextOrgId::<T>::get();
			NextOrgId::<T>::put(id.checked_add(1).ok_or(Error::<T>::TooManyOrganisations)?);
			OrganisationCount::<T>::put(count + 1);
			Organisations::<T>::insert(
				id,
				Organisation {
					name: name.clone(),
					roles,
					status: OrgStatus::Active,
					admin: admin.clone(),
					operators: BoundedVec::new(),
					joined_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			OrganisationByName::<T>::insert(&name, id);
			Members::<T>::insert(&admin, Membership { org: id, kind: MemberKind::Admin });
			Self::account_added(&admin);
			Self::deposit_event(Event::OrganisationAdmitted { org: id, name, admin });
			Ok(id)
		})
	}

	pub(crate) fn do_set_roles(org: OrgId, roles: Vec<Role>) -> Result<(), DispatchError> {
		let roles = Self::normalise_roles(roles)?;
		Organisations::<T>::try_mutate(org, |maybe| {
			let record = maybe.as_mut().ok_or(Error::<T>::UnknownOrganisation)?;
			record.roles = roles.clone();
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::RolesSet { org, roles });
		Ok(())
	}

	pub(crate) fn do_suspend_org(org: OrgId) -> Result<(), DispatchError> {
		let record = Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
		ensure!(record.status == OrgStatus::Active, Error::<T>::OrganisationSuspended);
		Self::ensure_enough_validators_without(|v| v.org == org)?;
		Self::with_council_sync(|| {
			Organisations::<T>::mutate(org, |maybe| {
				if let Some(record) = maybe {
					record.status = OrgStatus::Suspended;
				}
			});
			Self::deposit_event(Event::OrganisationSuspended { org });
			Ok(())
		})
	}

	pub(crate) fn do_reinstate_org(org: OrgId) -> Result<(), DispatchError> {
		let record = Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
		ensure!(record.status == OrgStatus::Suspended, Error::<T>::OrganisationNotSuspended);
		Self::with_council_sync(|| {
			Organisations::<T>::mutate(org, |maybe| {
				if let Some(record) = maybe {
					record.status = OrgStatus::Active;
				}
			});
			Self::deposit_event(Event::OrganisationReinstated { org });
			Ok(())
		})
	}

	pub(crate) fn do_remove_org(org: OrgId) -> Result<(), DispatchError> {
		let record = Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
		Self::ensure_enough_validators_without(|v| v.org == org)?;
		Self::with_council_sync(|| {
			let mut validators = Validators::<T>::get();
			let (leaving, staying): (Vec<_>, Vec<_>) =
				validators.drain(..).partition(|v| v.org == org);
			Validators::<T>::put(BoundedVec::truncate_from(staying));
			for validator in leaving {
				Self::account_removed(&validator.account);
				Self::deposit_event(Event::ValidatorRemoved { org, validator: validator.account });
			}
			for operator in record.operators.iter() {
				Members::<T>::remove(operator);
				Self::account_removed(operator);
			}
			Members::<T>::remove(&record.admin);
			Self::account_removed(&record.admin);
			OrganisationByName::<T>::remove(&record.name);
			Organisations::<T>::remove(org);
			crate::BlockUsageOf::<T>::remove(org);
			OrganisationCount::<T>::mutate(|count| *count = count.saturating_sub(1));
			Self::deposit_event(Event::OrganisationRemoved { org });
			Ok(())
		})
	}
}

//! An organisation's admin manages its operator accounts and hands over its admin seat.

use crate::{Config, Error, Event, MemberKind, Members, Membership, Organisations, Pallet};
use evidence_primitives::OrgId;
use frame_support::ensure;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_add_operator(org: OrgId, operator: T::AccountId) -> Result<(), DispatchError> {
		ensure!(!Members::<T>::contains_key(&operator), Error::<T>::AccountAlreadyMember);
		Organisations::<T>::try_mutate(org, |maybe| {
			let record = maybe.as_mut().ok_or(Error::<T>::UnknownOrganisation)?;
			record
				.operators
				.try_push(operator.clone())
				.map_err(|_| Error::<T>::TooManyOperators)?;
			Ok::<_, DispatchError>(())
		})?;
		Members::<T>::insert(&operator, Membership { org, kind: MemberKind::Operator });
		Self::account_added(&operator);
		Self::deposit_event(Event::OperatorAdded { org, operator });
		Ok(())
	}

	pub(crate) fn do_remove_operator(
		org: OrgId,
		operator: T::AccountId,
	) -> Result<(), DispatchError> {
		let membership =
			Members::<T>::get(&operator).ok_or(Error::<T>::NotAnOperatorOfThisOrganisation)?;
		ensure!(
			membership == Membership { org, kind: MemberKind::Operator },
			Error::<T>::NotAnOperatorOfThisOrganisation
		);
		Organisations::<T>::try_mutate(org, |maybe| {
			let record = maybe.as_mut().ok_or(Error::<T>::UnknownOrganisation)?;
			record.operators.retain(|o| *o != operator);
			Ok::<_, DispatchError>(())
		})?;
		Members::<T>::remove(&operator);
		Self::account_removed(&operator);
		Self::deposit_event(Event::OperatorRemoved { org, operator });
		Ok(())
	}

	pub(crate) fn do_set_admin(
		org: OrgId,
		old_admin: T::AccountId,
		new_admin: T::AccountId,
	) -> Result<(), DispatchError> {
		let promoted_operator = match Members::<T>::get(&new_admin) {
			None => false,
			Some(Membership { org: o, kind: MemberKind::Operator }) if o == org => true,
			Some(_) => return Err(Error::<T>::AccountAlreadyMember.into()),
		};
		Self::with_council_sync(|| {
			Organisations::<T>::try_mutate(org, |maybe| {
				let record = maybe.as_mut().ok_or(Error::<T>::UnknownOrganisation)?;
				record.admin = new_admin.clone();
				record.operators.retain(|o| *o != new_admin);
				Ok::<_, DispatchError>(())
			})?;
			Members::<T>::remove(&old_admin);
			Self::account_removed(&old_admin);
			Members::<T>::insert(&new_admin, Membership { org, kind: MemberKind::Admin });
			if !promoted_operator {
				Self::account_added(&new_admin);
			}
			Self::deposit_event(Event::AdminChanged { org, old_admin, new_admin });
			Ok(())
		})
	}
}

//! Helpers shared by the features.

use crate::{Config, Error, MemberKind, Members, OrgStatus, Organisations, Pallet, Roles};
use alloc::vec::Vec;
use evidence_primitives::{OrgId, Role};
use frame_support::{ensure, BoundedVec};
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Roles sorted and deduplicated; at least one.
	pub(crate) fn normalise_roles(mut roles: Vec<Role>) -> Result<Roles, DispatchError> {
		roles.sort();
		roles.dedup();
		ensure!(!roles.is_empty(), Error::<T>::NoRoles);
		// Five distinct roles exist, so the bound always holds after deduplication.
		Ok(BoundedVec::truncate_from(roles))
	}

	/// A non-empty name of at most `MaxNameLen` bytes.
	pub(crate) fn bounded_name(
		name: Vec<u8>,
	) -> Result<BoundedVec<u8, T::MaxNameLen>, DispatchError> {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		BoundedVec::try_from(name).map_err(|_| Error::<T>::NameTooLong.into())
	}

	/// Whether organisation `org` exists and is active.
	pub(crate) fn is_active(org: OrgId) -> bool {
		Organisations::<T>::get(org).is_some_and(|record| record.status == OrgStatus::Active)
	}

	/// The organisation `who` is the admin of, provided it is active.
	pub(crate) fn ensure_active_admin(who: &T::AccountId) -> Result<OrgId, DispatchError> {
		let membership = Members::<T>::get(who).ok_or(Error::<T>::NotAnAdmin)?;
		ensure!(membership.kind == MemberKind::Admin, Error::<T>::NotAnAdmin);
		let org = Organisations::<T>::get(membership.org).ok_or(Error::<T>::UnknownOrganisation)?;
		ensure!(org.status == OrgStatus::Active, Error::<T>::OrganisationSuspended);
		Ok(membership.org)
	}

	/// An account became an admin, operator or validator: it now exists on chain (no balance
	/// is needed to sign transactions).
	pub(crate) fn account_added(who: &T::AccountId) {
		frame_system::Pallet::<T>::inc_providers(who);
	}

	/// An account stopped being an admin, operator or validator. If it still holds session
	/// keys (a consumer reference), the provider stays until it purges them.
	pub(crate) fn account_removed(who: &T::AccountId) {
		if frame_system::Pallet::<T>::dec_providers(who).is_err() {
			log::info!(
				target: crate::LOG_TARGET,
				"account {who:?} keeps a provider reference while it holds session keys"
			);
		}
	}
}

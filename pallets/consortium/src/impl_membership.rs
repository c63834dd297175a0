//! [`MembershipCheck`] for the other pallets: who acts for which organisation, in which role.

use crate::{Config, Members, OrgStatus, Organisations, Pallet};
use alloc::vec::Vec;
use evidence_primitives::{MembershipCheck, MembershipError, OrgId, OrganisationDirectory, Role};

impl<T: Config> MembershipCheck<T::AccountId> for Pallet<T> {
	fn organisation_of(who: &T::AccountId) -> Result<OrgId, MembershipError> {
		let membership = Members::<T>::get(who).ok_or(MembershipError::NotAMember)?;
		let org = Organisations::<T>::get(membership.org).ok_or(MembershipError::NotAMember)?;
		match org.status {
			OrgStatus::Active => Ok(membership.org),
			OrgStatus::Suspended => Err(MembershipError::OrganisationSuspended),
		}
	}

	fn has_role(org: OrgId, role: Role) -> bool {
		Organisations::<T>::get(org)
			.is_some_and(|o| o.status == OrgStatus::Active && o.roles.contains(&role))
	}
}

impl<T: Config> OrganisationDirectory for Pallet<T> {
	fn organisations_with(role: Role) -> Vec<OrgId> {
		// At most `MaxOrganisations` entries.
		let mut orgs: Vec<OrgId> = Organisations::<T>::iter()
			.filter(|(_, o)| o.status == OrgStatus::Active && o.roles.contains(&role))
			.map(|(id, _)| id)
			.collect();
		orgs.sort();
		orgs
	}
}

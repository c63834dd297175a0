//! Invariants of the consortium pallet, checked by `try-runtime` and at the end of every unit
//! test.

use crate::{
	Config, MemberKind, Members, Membership, OrganisationByName, OrganisationCount, Organisations,
	Pallet, Validators,
};
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first one broken is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut organisations = 0u32;
		let mut listed_accounts = 0usize;
		for (id, org) in Organisations::<T>::iter() {
			organisations += 1;
			ensure!(
				OrganisationByName::<T>::get(&org.name) == Some(id),
				"organisation name index out of sync"
			);
			ensure!(!org.roles.is_empty(), "organisation without roles");
			ensure!(
				Members::<T>::get(&org.admin)
					== Some(Membership { org: id, kind: MemberKind::Admin }),
				"admin not recorded as the admin of its organisation"
			);
			for operator in org.operators.iter() {
				ensure!(
					Members::<T>::get(operator)
						== Some(Membership { org: id, kind: MemberKind::Operator }),
					"operator not recorded in exactly its organisation"
				);
			}
			listed_accounts += 1 + org.operators.len();
		}
		ensure!(OrganisationCount::<T>::get() == organisations, "organisation count is wrong");
		ensure!(
			OrganisationByName::<T>::iter().count() as u32 == organisations,
			"stale organisation names"
		);
		// Every member account is listed by exactly one organisation.
		ensure!(Members::<T>::iter().count() == listed_accounts, "member accounts out of sync");

		ensure!(
			T::CurrentCouncil::get() == Self::expected_council(),
			"council differs from the admins of active organisations"
		);

		let validators = Validators::<T>::get();
		let mut accounts: Vec<_> = validators.iter().map(|v| &v.account).collect();
		accounts.sort();
		accounts.dedup();
		ensure!(accounts.len() == validators.len(), "duplicate validator");
		ensure!(
			validators.iter().all(|v| Organisations::<T>::contains_key(v.org)),
			"validator of an unknown organisation"
		);
		ensure!(
			Self::active_validators().len() as u32 >= Self::validator_floor(),
			"fewer active validators than the minimum"
		);
		Ok(())
	}
}

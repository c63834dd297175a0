//! The council follows the organisations: its members are the admins of active
//! organisations, updated inside every call that changes them.

use crate::{Config, OrgStatus, Organisations, Pallet};
use alloc::vec::Vec;
use frame_support::traits::ChangeMembers;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// The council as the organisations define it: admins of active organisations, sorted.
	pub fn expected_council() -> Vec<T::AccountId> {
		let mut admins: Vec<T::AccountId> = Organisations::<T>::iter_values()
			.filter(|org| org.status == OrgStatus::Active)
			.map(|org| org.admin)
			.collect();
		admins.sort();
		admins
	}

	/// Runs `change` and then brings the council in line with the organisations, in the
	/// same transaction.
	pub(crate) fn with_council_sync<R>(
		change: impl FnOnce() -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		let before = Self::expected_council();
		let result = change()?;
		let after = Self::expected_council();
		if before != after {
			T::Council::set_members_sorted(&after, &before);
		}
		Ok(result)
	}
}

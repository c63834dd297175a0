//! Publishing versioned, immutable condition profiles.

use crate::{
	ConditionProfile, Config, Error, Event, LatestProfileVersion, NextProfileId, Pallet, ProfileId,
	ProfileOwner, ProfileVersion, Profiles, PublishedProfile,
};
use frame_support::ensure;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_publish_profile(
		owner: ProfileOwner,
		previous: Option<ProfileId>,
		profile: ConditionProfile,
	) -> Result<(ProfileId, ProfileVersion), DispatchError> {
		if let Some(range) = profile.temperature {
			ensure!(range.min_centi_celsius <= range.max_centi_celsius, Error::<T>::InvalidRange);
		}
		if let Some(range) = profile.humidity {
			ensure!(
				range.min_per_mille <= range.max_per_mille && range.max_per_mille <= 1_000,
				Error::<T>::InvalidRange
			);
		}
		let (id, version) = match previous {
			None => {
				let id = NextProfileId::<T>::get();
				NextProfileId::<T>::put(id.checked_add(1).ok_or(Error::<T>::TooManyProfiles)?);
				(id, 1)
			},
			Some(id) => {
				let latest =
					LatestProfileVersion::<T>::get(id).ok_or(Error::<T>::UnknownProfile)?;
				let current = Profiles::<T>::get(id, latest).ok_or(Error::<T>::UnknownProfile)?;
				ensure!(current.owner == owner, Error::<T>::NotProfileOwner);
				(id, latest.checked_add(1).ok_or(Error::<T>::ProfileVersionOverflow)?)
			},
		};
		Profiles::<T>::insert(id, version, PublishedProfile { owner, profile });
		LatestProfileVersion::<T>::insert(id, version);
		Self::deposit_event(Event::ProfilePublished { profile: id, version, owner });
		Ok((id, version))
	}
}

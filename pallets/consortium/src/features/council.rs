//! The council follows the organisations: its members are the admins of active
//! organisations, updated inside every call that changes them.

use crate::{Config, OrgStatus, Organisations, Pallet};
use alloc::vec::Vec;
use frame_support::traits::{ChangeMembers, Consideration, Get, MaybeConsideration};
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

/// The council's proposal consideration: one of the proposer's
/// [`Config::MaxOpenProposalsPerMember`] slots for open motions. Proposing takes a slot
/// (refused with `TooManyOpenProposals` when none is free); `Council.release_proposal_cost`
/// (anyone may submit it once the motion is closed or disapproved) or `Council.kill` frees it.
/// Proposals carry no deposit on this chain, so this is what keeps one member from filling
/// the council's proposal slots.
#[derive(
	frame_support::CloneNoBound,
	frame_support::PartialEqNoBound,
	frame_support::EqNoBound,
	frame_support::DebugNoBound,
	codec::Encode,
	codec::Decode,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ProposalSlot<T>(core::marker::PhantomData<fn() -> T>);

impl<T: Config> ProposalSlot<T> {
	fn release(who: &T::AccountId) {
		crate::OpenProposals::<T>::mutate_exists(who, |open| {
			*open = open.and_then(|count| count.checked_sub(1)).filter(|count| *count > 0);
		});
	}
}

impl<T: Config> Consideration<T::AccountId, u32> for ProposalSlot<T> {
	fn new(who: &T::AccountId, _footprint: u32) -> Result<Self, DispatchError> {
		crate::OpenProposals::<T>::try_mutate(who, |open| {
			frame_support::ensure!(
				*open < T::MaxOpenProposalsPerMember::get(),
				crate::Error::<T>::TooManyOpenProposals
			);
			*open += 1;
			Ok::<_, DispatchError>(())
		})?;
		Ok(Self(core::marker::PhantomData))
	}

	fn update(self, _who: &T::AccountId, _footprint: u32) -> Result<Self, DispatchError> {
		Ok(self)
	}

	fn drop(self, who: &T::AccountId) -> Result<(), DispatchError> {
		Self::release(who);
		Ok(())
	}

	fn burn(self, who: &T::AccountId) {
		Self::release(who);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(who: &T::AccountId, _footprint: u32) {
		crate::OpenProposals::<T>::remove(who);
	}
}

impl<T: Config> MaybeConsideration<T::AccountId, u32> for ProposalSlot<T> {
	fn is_none(&self) -> bool {
		false
	}
}

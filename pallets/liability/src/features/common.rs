//! Who may act, and scheduling on the agenda.

use crate::{Agenda, AgendaAction, Config, DisputeId, Error, Pallet};
use evidence_primitives::{MembershipCheck, MembershipError, OrgId};
use frame_system::{ensure_signed, pallet_prelude::*};
use sp_runtime::{traits::One, DispatchError};

/// How many blocks ahead an agenda entry may move when its block is full.
const MAX_AGENDA_SLIP: u32 = 16;

impl<T: Config> Pallet<T> {
	/// The signer and the active organisation it acts for.
	pub(crate) fn ensure_member(
		origin: OriginFor<T>,
	) -> Result<(T::AccountId, OrgId), DispatchError> {
		let who = ensure_signed(origin)?;
		let org = T::Membership::organisation_of(&who).map_err(|e| match e {
			MembershipError::OrganisationSuspended => Error::<T>::OrganisationSuspended,
			_ => Error::<T>::NotAMember,
		})?;
		Ok((who, org))
	}

	/// Puts `action` for `dispute` on the agenda at `at`, or the first later block with room.
	pub(crate) fn schedule(
		at: BlockNumberFor<T>,
		dispute: DisputeId,
		action: AgendaAction,
	) -> Result<(), Error<T>> {
		let placed = Self::place_from(at, |block| {
			Agenda::<T>::mutate(block, |entries| entries.try_push((dispute, action)).is_ok())
		});
		if placed {
			Ok(())
		} else {
			Err(Error::<T>::AgendaFull)
		}
	}

	/// Calls `try_place` on `at` and the following blocks until it succeeds, at most
	/// `MAX_AGENDA_SLIP` times; whether it did.
	pub(crate) fn place_from(
		mut at: BlockNumberFor<T>,
		mut try_place: impl FnMut(BlockNumberFor<T>) -> bool,
	) -> bool {
		for _ in 0..MAX_AGENDA_SLIP {
			if try_place(at) {
				return true;
			}
			at += One::one();
		}
		false
	}
}

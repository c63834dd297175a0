//! Who may act, deadlines, and how a dispute moves from step to step and ends.

use crate::{
	Agenda, ClaimFamily, Config, ConsumerOutcome, DecidedClaims, Dispute, DisputeId, DisputeStatus,
	Error, Event, OpenClaims, Pallet,
};
use evidence_primitives::{MembershipCheck, MembershipError, OrgId};
use frame_system::{ensure_signed, pallet_prelude::*};
use sp_runtime::{
	traits::{Bounded, CheckedAdd, One},
	DispatchError,
};

/// How many blocks ahead a delivery confirmation may move when its block is full.
pub(crate) const MAX_AGENDA_SLIP: u32 = 16;

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

	/// The last block of a window of `window` blocks opening now, or `DeadlineOverflow`.
	pub(crate) fn deadline(window: BlockNumberFor<T>) -> Result<BlockNumberFor<T>, Error<T>> {
		frame_system::Pallet::<T>::block_number()
			.checked_add(&window)
			.ok_or(Error::<T>::DeadlineOverflow)
	}

	/// [`Self::deadline`] for the agenda's own transitions, which have no caller to refuse:
	/// the last block number rather than a wrapped one (out of reach while rule-set windows
	/// are bounded by `MAX_WINDOW_BLOCKS`).
	pub(crate) fn deadline_or_last(window: BlockNumberFor<T>) -> BlockNumberFor<T> {
		Self::deadline(window).unwrap_or_else(|_| BlockNumberFor::<T>::max_value())
	}

	/// Moves dispute `id` to `status`, replacing its pending agenda step by the new status's:
	/// every status change goes through here, so a dispute in flight always has exactly one
	/// step pending and a stale step never acts.
	pub(crate) fn set_status(
		id: DisputeId,
		dispute: &mut Dispute<T>,
		status: DisputeStatus<BlockNumberFor<T>>,
	) {
		if let Some((at, _)) = dispute.status.next_step() {
			Agenda::<T>::remove(at, id);
		}
		if let Some((at, action)) = status.next_step() {
			Agenda::<T>::insert(at, id, action);
		}
		dispute.status = status;
	}

	/// Ends dispute `id` in `status` (one that is over): its step leaves the agenda, the block
	/// it ended in is kept, the unit is free for another claim, the claim's family is closed
	/// for good (unless it ended unresolved), the respondents' records count it and the
	/// consumer's outcome, if still open, is decided.
	pub(crate) fn end(
		id: DisputeId,
		dispute: &mut Dispute<T>,
		status: DisputeStatus<BlockNumberFor<T>>,
	) {
		debug_assert!(status.is_closed());
		let refund = match (&status, &dispute.verdict) {
			(DisputeStatus::Unresolved { .. }, _) => true,
			(DisputeStatus::Withdrawn | DisputeStatus::Expired, _) | (_, None) => false,
			(_, Some(verdict)) => !verdict.liable.is_empty(),
		};
		let unresolved = match status {
			DisputeStatus::Unresolved { reason } => Some(reason),
			_ => None,
		};
		Self::set_status(id, dispute, status);
		crate::EndedIn::<T>::insert(id, frame_system::Pallet::<T>::block_number());
		OpenClaims::<T>::remove(dispute.claim.unit);
		crate::OpenDisputesByEngine::<T>::mutate(dispute.engine, |open| {
			frame_support::traits::DefensiveSaturating::defensive_saturating_dec(open)
		});
		if unresolved.is_none() {
			DecidedClaims::<T>::insert(dispute.claim.unit, ClaimFamily::of(dispute.claim.kind), id);
		}
		if let Some(reason) = unresolved {
			Self::deposit_event(Event::Unresolved { dispute: id, reason });
		} else {
			Self::count_outcome(dispute);
		}
		Self::decide_for_consumer(id, dispute, refund);
	}

	/// Decides the consumer's outcome of a consumer's claim, once: a refund from the merchant
	/// or none.
	pub(crate) fn decide_for_consumer(id: DisputeId, dispute: &mut Dispute<T>, refund: bool) {
		if !dispute.for_consumer || dispute.consumer.is_some() {
			return;
		}
		let outcome = ConsumerOutcome {
			refund,
			payer: dispute.merchant,
			amount: dispute.claim.amount,
			decided_in: frame_system::Pallet::<T>::block_number(),
		};
		dispute.consumer = Some(outcome);
		Self::deposit_event(Event::ConsumerOutcomeDecided {
			dispute: id,
			refund,
			payer: outcome.payer,
			amount: outcome.amount,
		});
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

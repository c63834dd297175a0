//! Arbitration: a non-party arbitrator organisation rules; a party may appeal to a panel of
//! three that decides by majority.

use crate::{
	rules::{EscalationReason, Share},
	AgendaAction, ArbitrationRecord, ArbitratorCursor, Config, Dispute, DisputeId, DisputeStatus,
	Disputes, Error, Event, Pallet, Ruling, StoredVerdict,
};
use alloc::vec::Vec;
use evidence_primitives::{OrgId, OrganisationDirectory, Role};
use frame_support::{ensure, BoundedVec};
use sp_core::H256;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Arbitrator organisations that are no party to `dispute` (nor in `also_excluded`), by
	/// id, starting at the rotation cursor.
	fn candidates(dispute: &Dispute<T>, also_excluded: &[OrgId]) -> Vec<OrgId> {
		let eligible: Vec<OrgId> = T::Directory::organisations_with(Role::Arbitrator)
			.into_iter()
			.filter(|org| {
				*org != dispute.claimant
					&& !dispute.respondents.contains(org)
					&& !also_excluded.contains(org)
			})
			.collect();
		if eligible.is_empty() {
			return eligible;
		}
		let start = ArbitratorCursor::<T>::get() as usize % eligible.len();
		ArbitratorCursor::<T>::mutate(|c| *c = c.wrapping_add(1));
		eligible[start..].iter().chain(&eligible[..start]).copied().collect()
	}

	/// Sends `dispute` to arbitration, assigning the next eligible arbitrator in rotation.
	pub(crate) fn escalate(
		id: DisputeId,
		dispute: &mut Dispute<T>,
		reason: Option<EscalationReason>,
	) {
		let arbitrator = Self::candidates(dispute, &[]).first().copied();
		dispute.status = DisputeStatus::Arbitration { arbitrator };
		dispute.arbitration =
			Some(ArbitrationRecord { ruling: None, appeal_votes: Default::default() });
		Self::deposit_event(Event::Escalated { dispute: id, reason, arbitrator });
	}

	pub(crate) fn do_rule(
		org: OrgId,
		id: DisputeId,
		liable: BoundedVec<Share, T::MaxShares>,
		rationale: H256,
	) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		let total: u64 = liable.iter().map(|s| u64::from(s.share.deconstruct())).sum();
		ensure!(liable.is_empty() || total == 1_000_000, Error::<T>::SharesNotWhole);
		for share in liable.iter() {
			ensure!(dispute.is_party(share.org), Error::<T>::LiableNotAParty);
		}
		let ruling = Ruling { by: org, liable, rationale };
		let mut record = dispute
			.arbitration
			.clone()
			.unwrap_or(ArbitrationRecord { ruling: None, appeal_votes: Default::default() });
		match &dispute.status {
			DisputeStatus::Arbitration { arbitrator: Some(assigned) } => {
				ensure!(*assigned == org, Error::<T>::NotAssignedArbitrator);
				let now = frame_system::Pallet::<T>::block_number();
				let until = now + dispute.params.appeal_blocks;
				Self::schedule(until, id, AgendaAction::Finalize)?;
				dispute.verdict = Some(Self::verdict_of(&ruling));
				record.ruling = Some(ruling);
				dispute.status = DisputeStatus::Ruled { appeal_until: until };
				Self::deposit_event(Event::Ruled { dispute: id, by: org, appeal_until: until });
			},
			DisputeStatus::Appeal { panel } => {
				ensure!(panel.contains(&org), Error::<T>::NotAssignedArbitrator);
				ensure!(
					!record.appeal_votes.iter().any(|v| v.by == org),
					Error::<T>::AlreadyResponded
				);
				let majority =
					record.appeal_votes.iter().find(|v| v.liable == ruling.liable).cloned();
				record
					.appeal_votes
					.try_push(ruling.clone())
					.map_err(|_| Error::<T>::WrongStatus)?;
				Self::deposit_event(Event::AppealVote { dispute: id, by: org });
				let decided = match majority {
					Some(_) => Some(ruling),
					// Three different votes: no majority, the first ruling stands.
					None if record.appeal_votes.len() == 3 => record.ruling.clone(),
					None => None,
				};
				if let Some(decided) = decided {
					dispute.verdict = Some(Self::verdict_of(&decided));
					dispute.status = DisputeStatus::Final;
					dispute.arbitration = Some(record);
					Self::close_final(id, &mut dispute);
					Disputes::<T>::insert(id, dispute);
					return Ok(());
				}
			},
			_ => return Err(Error::<T>::WrongStatus.into()),
		}
		dispute.arbitration = Some(record);
		Disputes::<T>::insert(id, dispute);
		Ok(())
	}

	pub(crate) fn do_appeal(org: OrgId, id: DisputeId) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		ensure!(dispute.is_party(org), Error::<T>::NotAParty);
		let now = frame_system::Pallet::<T>::block_number();
		match dispute.status {
			DisputeStatus::Ruled { appeal_until } if now <= appeal_until => {},
			_ => return Err(Error::<T>::WrongStatus.into()),
		}
		let first = dispute.arbitration.as_ref().and_then(|r| r.ruling.as_ref()).map(|r| r.by);
		let excluded: Vec<OrgId> = first.into_iter().collect();
		let candidates = Self::candidates(&dispute, &excluded);
		ensure!(candidates.len() >= 3, Error::<T>::NotEnoughArbitrators);
		let panel: BoundedVec<OrgId, _> = BoundedVec::truncate_from(candidates[..3].to_vec());
		dispute.status = DisputeStatus::Appeal { panel: panel.clone() };
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::Appealed { dispute: id, by: org, panel });
		Ok(())
	}

	fn verdict_of(ruling: &Ruling<T>) -> StoredVerdict<T> {
		StoredVerdict::decided(ruling.liable.to_vec(), alloc::vec::Vec::new())
	}
}

//! Responses, evidence, challenge and withdrawal: what the parties do.

use crate::{
	AgendaAction, Config, DisputeId, DisputeStatus, Disputes, Error, Event, OpenClaims, Pallet,
	StoredVerdict,
};
use evidence_primitives::{facts::LogisticsFacts, ContentDigest, OrgId};
use frame_support::ensure;
use sp_runtime::{DispatchResult, Permill};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_respond(org: OrgId, id: DisputeId, accept: bool) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		ensure!(dispute.respondents.contains(&org), Error::<T>::NotARespondent);
		ensure!(
			matches!(dispute.status, DisputeStatus::AwaitingResponse { .. }),
			Error::<T>::WrongStatus
		);
		ensure!(!dispute.contested.contains(&org), Error::<T>::AlreadyResponded);
		if accept {
			let share = crate::rules::Share { org, share: Permill::one() };
			let verdict = StoredVerdict::<T>::decided(alloc::vec![share], alloc::vec![]);
			dispute.status = DisputeStatus::Settled;
			dispute.verdict = Some(verdict);
			OpenClaims::<T>::remove(dispute.claim.unit, dispute.claim.kind);
			Self::count_outcome(&dispute);
			Disputes::<T>::insert(id, dispute);
			Self::deposit_event(Event::LiabilityAccepted { dispute: id, by: org });
			return Ok(());
		}
		dispute.contested.try_push(org).map_err(|_| Error::<T>::AlreadyResponded)?;
		Self::deposit_event(Event::Contested { dispute: id, by: org });
		if dispute.contested.len() == dispute.respondents.len() {
			let now = frame_system::Pallet::<T>::block_number();
			let until = now + dispute.params.evidence_blocks;
			dispute.status = DisputeStatus::Evidence { evidence_until: until };
			Self::schedule(until, id, AgendaAction::Evaluate)?;
			Self::deposit_event(Event::EvidenceWindowOpened { dispute: id, until });
		}
		Disputes::<T>::insert(id, dispute);
		Ok(())
	}

	pub(crate) fn do_submit_evidence(
		org: OrgId,
		id: DisputeId,
		digest: ContentDigest,
	) -> DispatchResult {
		Disputes::<T>::try_mutate(id, |entry| {
			let dispute = entry.as_mut().ok_or(Error::<T>::UnknownDispute)?;
			ensure!(dispute.is_party(org), Error::<T>::NotAParty);
			ensure!(
				matches!(
					dispute.status,
					DisputeStatus::AwaitingResponse { .. } | DisputeStatus::Evidence { .. }
				),
				Error::<T>::WrongStatus
			);
			dispute.evidence.try_push((org, digest)).map_err(|_| Error::<T>::TooMuchEvidence)?;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::EvidenceSubmitted { dispute: id, by: org, digest });
		Ok(())
	}

	pub(crate) fn do_close_evidence(org: OrgId, id: DisputeId) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		ensure!(dispute.respondents.contains(&org), Error::<T>::NotARespondent);
		ensure!(matches!(dispute.status, DisputeStatus::Evidence { .. }), Error::<T>::WrongStatus);
		ensure!(!dispute.closed_evidence.contains(&org), Error::<T>::AlreadyResponded);
		dispute.closed_evidence.try_push(org).map_err(|_| Error::<T>::AlreadyResponded)?;
		Self::deposit_event(Event::EvidenceClosed { dispute: id, by: org });
		// Early evaluation needs the claimant's evidence; without it the window stays open for
		// the claimant to file it.
		let ready = dispute.closed_evidence.len() == dispute.respondents.len()
			&& (!dispute.claim.needs_evidence() || dispute.claimant_filed_evidence());
		Disputes::<T>::insert(id, dispute);
		if ready {
			Self::evaluate_dispute(id);
		}
		Ok(())
	}

	pub(crate) fn do_challenge(org: OrgId, id: DisputeId) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		ensure!(dispute.is_party(org), Error::<T>::NotAParty);
		let now = frame_system::Pallet::<T>::block_number();
		match dispute.status {
			DisputeStatus::Proposed { challenge_until } if now <= challenge_until => {},
			_ => return Err(Error::<T>::WrongStatus.into()),
		}
		// Where a rule names the contest (I4, I8, I11), the escalation says which.
		let reason = dispute.verdict.as_ref().and_then(|verdict| {
			let merchant = T::Logistics::parties_of(&dispute.claim.shipment)
				.map_or(dispute.claimant, |p| p.shipper);
			crate::rules::challenge_reason(
				&verdict.rules,
				&verdict.liable,
				dispute.claimant,
				merchant,
				org,
			)
		});
		Self::escalate(id, &mut dispute, reason);
		Disputes::<T>::insert(id, dispute);
		Ok(())
	}

	pub(crate) fn do_withdraw(org: OrgId, id: DisputeId) -> DispatchResult {
		Disputes::<T>::try_mutate(id, |entry| {
			let dispute = entry.as_mut().ok_or(Error::<T>::UnknownDispute)?;
			ensure!(org == dispute.claimant, Error::<T>::NotClaimant);
			ensure!(!dispute.status.is_closed(), Error::<T>::WrongStatus);
			dispute.status = DisputeStatus::Withdrawn;
			OpenClaims::<T>::remove(dispute.claim.unit, dispute.claim.kind);
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::Withdrawn { dispute: id });
		Ok(())
	}
}

//! Responses, evidence, challenge and withdrawal: what the parties do, each within its
//! window (inclusive of its last block).

use crate::{
	AgencyCursor, Config, Dispute, DisputeId, DisputeStatus, Disputes, Error, Event, OpenClaims,
	Pallet, StoredVerdict,
};
use alloc::vec::Vec;
use evidence_primitives::{
	facts::InspectionFacts, ContentDigest, OrgId, OrganisationDirectory, Role,
};
use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{DispatchResult, Permill};

impl<T: Config> Pallet<T> {
	/// `dispute`, unless it has ended (`AlreadyDecided`).
	fn in_flight(id: DisputeId) -> Result<Dispute<T>, Error<T>> {
		let dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		ensure!(!dispute.status.is_closed(), Error::<T>::AlreadyDecided);
		Ok(dispute)
	}

	pub(crate) fn do_respond(org: OrgId, id: DisputeId, accept: bool) -> DispatchResult {
		let mut dispute = Self::in_flight(id)?;
		ensure!(dispute.respondents.contains(&org), Error::<T>::NotARespondent);
		let now = frame_system::Pallet::<T>::block_number();
		match dispute.status {
			DisputeStatus::AwaitingResponse { respond_by } if now <= respond_by => {},
			_ => return Err(Error::<T>::ResponseWindowClosed.into()),
		}
		ensure!(!dispute.contested.contains(&org), Error::<T>::AlreadyContested);
		if accept {
			let share = crate::rules::Share { org, share: Permill::one() };
			dispute.verdict = Some(StoredVerdict::<T>::decided(alloc::vec![share], alloc::vec![]));
			Self::end(id, &mut dispute, DisputeStatus::Settled);
			Disputes::<T>::insert(id, dispute);
			Self::deposit_event(Event::LiabilityAccepted { dispute: id, by: org });
			return Ok(());
		}
		// Respondents are bounded by the same bound: a respondent fits.
		let _ = dispute.contested.try_push(org);
		Self::deposit_event(Event::Contested { dispute: id, by: org });
		if dispute.contested.len() == dispute.respondents.len() {
			let until = Self::deadline(dispute.params.evidence_blocks)?;
			Self::set_status(id, &mut dispute, DisputeStatus::Evidence { evidence_until: until });
			Self::deposit_event(Event::EvidenceWindowOpened { dispute: id, until });
		}
		Disputes::<T>::insert(id, dispute);
		Ok(())
	}

	/// Whether the evidence window of `dispute` is open at `now`: from the opening through
	/// the end of the evidence window.
	fn ensure_evidence_open(dispute: &Dispute<T>) -> Result<(), Error<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		match dispute.status {
			DisputeStatus::AwaitingResponse { .. } => Ok(()),
			DisputeStatus::Evidence { evidence_until } if now <= evidence_until => Ok(()),
			_ => Err(Error::<T>::EvidenceWindowClosed),
		}
	}

	pub(crate) fn do_submit_evidence(
		org: OrgId,
		id: DisputeId,
		digest: ContentDigest,
	) -> DispatchResult {
		let mut dispute = Self::in_flight(id)?;
		ensure!(dispute.is_party(org), Error::<T>::NotAParty);
		Self::ensure_evidence_open(&dispute)?;
		dispute.evidence.try_push((org, digest)).map_err(|_| Error::<T>::TooMuchEvidence)?;
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::EvidenceSubmitted { dispute: id, by: org, digest });
		Ok(())
	}

	pub(crate) fn do_close_evidence(org: OrgId, id: DisputeId) -> DispatchResult {
		let mut dispute = Self::in_flight(id)?;
		ensure!(dispute.respondents.contains(&org), Error::<T>::NotARespondent);
		ensure!(
			!matches!(dispute.status, DisputeStatus::AwaitingResponse { .. }),
			Error::<T>::EvidenceWindowNotOpen
		);
		Self::ensure_evidence_open(&dispute)?;
		ensure!(!dispute.closed_evidence.contains(&org), Error::<T>::EvidenceAlreadyClosed);
		// Respondents are bounded by the same bound: a respondent fits.
		let _ = dispute.closed_evidence.try_push(org);
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
		let mut dispute = Self::in_flight(id)?;
		ensure!(dispute.is_party(org), Error::<T>::NotAParty);
		let now = frame_system::Pallet::<T>::block_number();
		match dispute.status {
			DisputeStatus::Proposed { challenge_until } => {
				ensure!(now <= challenge_until, Error::<T>::ChallengeWindowClosed)
			},
			DisputeStatus::AwaitingResponse { .. } | DisputeStatus::Evidence { .. } => {
				return Err(Error::<T>::NoVerdictToChallenge.into())
			},
			status => return Err(Self::past_the_parties_steps(status).into()),
		}
		// Where a rule names the contest (I4, I8, I11), the escalation says which.
		let reason = dispute.verdict.as_ref().and_then(|verdict| {
			crate::rules::challenge_reason(
				&verdict.rules,
				&verdict.liable,
				dispute.claimant,
				dispute.merchant,
				org,
			)
		});
		Self::escalate(id, &mut dispute, reason);
		Disputes::<T>::insert(id, dispute);
		Ok(())
	}

	/// Why a party's challenge or withdrawal is refused once the dispute has moved past the
	/// steps where the parties act: a pending re-inspection, an arbitrator or panel, or the end.
	fn past_the_parties_steps(status: DisputeStatus<BlockNumberFor<T>>) -> Error<T> {
		match status {
			DisputeStatus::Reinspection { .. } => Error::<T>::AwaitingReinspection,
			DisputeStatus::Arbitration { .. }
			| DisputeStatus::Ruled { .. }
			| DisputeStatus::Appeal { .. } => Error::<T>::AlreadyBeforeArbitrator,
			_ => Error::<T>::AlreadyDecided,
		}
	}

	pub(crate) fn do_withdraw(org: OrgId, id: DisputeId) -> DispatchResult {
		let mut dispute = Self::in_flight(id)?;
		ensure!(org == dispute.claimant, Error::<T>::NotClaimant);
		match dispute.status {
			DisputeStatus::AwaitingResponse { .. } | DisputeStatus::Evidence { .. } => {},
			DisputeStatus::Proposed { .. } => return Err(Error::<T>::VerdictAlreadyProposed.into()),
			status => return Err(Self::past_the_parties_steps(status).into()),
		}
		Self::end(id, &mut dispute, DisputeStatus::Withdrawn);
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::Withdrawn { dispute: id });
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	/// The next accredited inspection agency in rotation that is no party to `dispute`, if
	/// any.
	fn next_agency(dispute: &Dispute<T>) -> Option<OrgId> {
		let eligible: Vec<OrgId> = T::Directory::organisations_with(Role::InspectionAgency)
			.into_iter()
			.filter(|org| !dispute.is_party(*org) && T::Inspection::accredited_now(*org))
			.collect();
		if eligible.is_empty() {
			return None;
		}
		let cursor = AgencyCursor::<T>::mutate(|c| core::mem::replace(c, c.wrapping_add(1)));
		eligible.get(cursor as usize % eligible.len()).copied()
	}

	/// A party asks for the re-inspection the rules need; the chain assigns the agency.
	///
	/// # Errors
	/// `NotAParty`; `ReinspectionAlreadyRequested` once an agency is assigned;
	/// `NoReinspectionAwaited` outside the re-inspection step; `ReinspectionWindowClosed`;
	/// `NoEligibleAgency` when every inspection agency is a party.
	pub(crate) fn do_request_reinspection(org: OrgId, id: DisputeId) -> DispatchResult {
		let mut dispute = Self::in_flight(id)?;
		ensure!(dispute.is_party(org), Error::<T>::NotAParty);
		let now = frame_system::Pallet::<T>::block_number();
		let DisputeStatus::Reinspection { reason, agency: None, until } = dispute.status else {
			return Err(match dispute.status {
				DisputeStatus::Reinspection { .. } => Error::<T>::ReinspectionAlreadyRequested,
				_ => Error::<T>::NoReinspectionAwaited,
			}
			.into());
		};
		ensure!(now <= until, Error::<T>::ReinspectionWindowClosed);
		let agency = Self::next_agency(&dispute).ok_or(Error::<T>::NoEligibleAgency)?;
		let until = Self::deadline(dispute.params.reinspection_blocks)?;
		dispute.reinspected_by = Some(agency);
		Self::set_status(
			id,
			&mut dispute,
			DisputeStatus::Reinspection { reason, agency: Some(agency), until },
		);
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::ReinspectionRequested { dispute: id, by: org, agency, until });
		Ok(())
	}

	/// Nobody named an agency, or the agency did not attest, in time: an arbitrator decides.
	pub(crate) fn reinspection_deadline(id: DisputeId) {
		let Some(mut dispute) = Disputes::<T>::get(id) else { return };
		let DisputeStatus::Reinspection { reason, .. } = dispute.status else { return };
		Self::escalate(id, &mut dispute, Some(reason));
		Disputes::<T>::insert(id, dispute);
	}
}

impl<T: Config> evidence_primitives::facts::ReinspectionObserver for Pallet<T> {
	/// The agency named for the dispute about `unit` attested its re-inspection: the rules
	/// decide again in the next block (the agenda carries the evaluation's weight).
	fn on_reinspected(unit: &evidence_primitives::ObjectKey, agency: OrgId) {
		let Some(id) = OpenClaims::<T>::get(unit) else { return };
		let Some(mut dispute) = Disputes::<T>::get(id) else { return };
		let DisputeStatus::Reinspection { agency: Some(named), .. } = dispute.status else {
			return;
		};
		if named != agency {
			return;
		}
		let evidence_until = frame_system::Pallet::<T>::block_number();
		Self::set_status(id, &mut dispute, DisputeStatus::Evidence { evidence_until });
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::Reinspected { dispute: id, agency });
	}
}

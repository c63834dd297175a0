//! Arbitration: a non-party arbitrator organisation rules by a deadline, or the next eligible
//! one takes over; a party may appeal to a panel of three that decides by majority, each
//! member by a deadline, or it is replaced. When no arbitrator is left, the dispute ends
//! unresolved.

use crate::{
	rules::{EscalationReason, Share},
	ArbitrationRecord, ArbitratorCursor, Config, Dispute, DisputeId, DisputeStatus, Disputes,
	Error, Event, Pallet, Ruling, StoredVerdict, UnresolvedReason,
};
use alloc::vec::Vec;
use evidence_primitives::{OrgId, OrganisationDirectory, Role};
use frame_support::{ensure, BoundedVec};
use sp_core::H256;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Active arbitrator organisations that are no party to `dispute`, were never passed over
	/// on it, and are not in `also_excluded`, by id, starting at the rotation cursor.
	fn candidates(dispute: &Dispute<T>, also_excluded: &[OrgId]) -> Vec<OrgId> {
		let passed_over: &[OrgId] =
			dispute.arbitration.as_ref().map_or(&[], |record| &record.passed_over);
		let eligible: Vec<OrgId> = T::Directory::organisations_with(Role::Arbitrator)
			.into_iter()
			.filter(|org| {
				!dispute.is_party(*org)
					&& !also_excluded.contains(org)
					&& !passed_over.contains(org)
			})
			.collect();
		if eligible.is_empty() {
			return eligible;
		}
		let start = ArbitratorCursor::<T>::get() as usize % eligible.len();
		ArbitratorCursor::<T>::mutate(|c| *c = c.wrapping_add(1));
		eligible[start..].iter().chain(&eligible[..start]).copied().collect()
	}

	/// Sends `dispute` to arbitration with the next eligible arbitrator in rotation, who rules
	/// by the rule set's deadline; with none left, the dispute ends unresolved.
	pub(crate) fn escalate(
		id: DisputeId,
		dispute: &mut Dispute<T>,
		reason: Option<EscalationReason>,
	) {
		dispute.arbitration.get_or_insert_with(ArbitrationRecord::default);
		match Self::candidates(dispute, &[]).first().copied() {
			Some(arbitrator) => {
				let rule_by = Self::deadline_or_last(dispute.params.ruling_blocks);
				Self::set_status(id, dispute, DisputeStatus::Arbitration { arbitrator, rule_by });
				Self::deposit_event(Event::Escalated { dispute: id, reason, arbitrator, rule_by });
			},
			None => Self::end(
				id,
				dispute,
				DisputeStatus::Unresolved { reason: UnresolvedReason::NoArbitrator },
			),
		}
	}

	/// The assigned arbitrator let its deadline pass: it is passed over and the next eligible
	/// one takes over, or the dispute ends unresolved.
	pub(crate) fn ruling_deadline(id: DisputeId) {
		let Some(mut dispute) = Disputes::<T>::get(id) else { return };
		let DisputeStatus::Arbitration { arbitrator: silent, .. } = dispute.status else { return };
		let record = dispute.arbitration.get_or_insert_with(ArbitrationRecord::default);
		let next = if record.passed_over.try_push(silent).is_ok() {
			Self::candidates(&dispute, &[]).first().copied()
		} else {
			None
		};
		match next {
			Some(arbitrator) => {
				let rule_by = Self::deadline_or_last(dispute.params.ruling_blocks);
				Self::set_status(
					id,
					&mut dispute,
					DisputeStatus::Arbitration { arbitrator, rule_by },
				);
				Self::deposit_event(Event::ArbitratorReplaced {
					dispute: id,
					passed_over: silent,
					arbitrator,
					rule_by,
				});
			},
			None => Self::end(
				id,
				&mut dispute,
				DisputeStatus::Unresolved { reason: UnresolvedReason::NoArbitrator },
			),
		}
		Disputes::<T>::insert(id, dispute);
	}

	/// Appeal panel members let their deadline pass: each is passed over and replaced by the
	/// next eligible arbitrator. When too few are left, the appeal lapses and the first ruling
	/// stands.
	pub(crate) fn vote_deadline(id: DisputeId) {
		let Some(mut dispute) = Disputes::<T>::get(id) else { return };
		let DisputeStatus::Appeal { panel, .. } = dispute.status.clone() else { return };
		let record = dispute.arbitration.get_or_insert_with(ArbitrationRecord::default);
		let silent: Vec<OrgId> = panel
			.iter()
			.copied()
			.filter(|member| !record.appeal_votes.iter().any(|vote| vote.by == *member))
			.collect();
		let mut room = true;
		for member in &silent {
			room &= record.passed_over.try_push(*member).is_ok();
		}
		let first = record.ruling.as_ref().map(|ruling| ruling.by);
		let mut excluded: Vec<OrgId> = panel.to_vec();
		excluded.extend(first);
		let replacements = if room { Self::candidates(&dispute, &excluded) } else { Vec::new() };
		if replacements.len() < silent.len() {
			// The appeal cannot be heard: the ruling it was against stands.
			Self::close_final(id, &mut dispute);
			Disputes::<T>::insert(id, dispute);
			return;
		}
		let mut replacements = replacements.into_iter();
		let members: Vec<OrgId> = panel
			.iter()
			.map(|member| {
				if silent.contains(member) {
					replacements.next().unwrap_or(*member)
				} else {
					*member
				}
			})
			.collect();
		let panel = BoundedVec::truncate_from(members);
		let vote_by = Self::deadline_or_last(dispute.params.vote_blocks);
		Self::set_status(id, &mut dispute, DisputeStatus::Appeal { panel: panel.clone(), vote_by });
		Self::deposit_event(Event::PanelReplaced {
			dispute: id,
			passed_over: BoundedVec::truncate_from(silent),
			panel,
			vote_by,
		});
		Disputes::<T>::insert(id, dispute);
	}

	/// A ruling's shares, in organisation order, once checked: parties only, each once, none
	/// zero, summing to 100 % (or none, rejecting the claim).
	fn checked_shares(
		dispute: &Dispute<T>,
		mut liable: BoundedVec<Share, T::MaxShares>,
	) -> Result<BoundedVec<Share, T::MaxShares>, Error<T>> {
		liable.sort_by_key(|share| share.org);
		ensure!(
			liable.windows(2).all(|pair| pair[0].org != pair[1].org),
			Error::<T>::DuplicateLiable
		);
		ensure!(liable.iter().all(|share| !share.share.is_zero()), Error::<T>::ZeroShare);
		let total: u64 = liable.iter().map(|s| u64::from(s.share.deconstruct())).sum();
		ensure!(liable.is_empty() || total == 1_000_000, Error::<T>::SharesNotWhole);
		for share in liable.iter() {
			ensure!(dispute.is_party(share.org), Error::<T>::LiableNotAParty);
		}
		Ok(liable)
	}

	pub(crate) fn do_rule(
		org: OrgId,
		id: DisputeId,
		liable: BoundedVec<Share, T::MaxShares>,
		rationale: H256,
	) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		let now = frame_system::Pallet::<T>::block_number();
		let mut record = dispute.arbitration.clone().unwrap_or_default();
		match dispute.status.clone() {
			DisputeStatus::Arbitration { arbitrator, rule_by } => {
				ensure!(arbitrator == org, Error::<T>::NotAssignedArbitrator);
				ensure!(now <= rule_by, Error::<T>::RulingDeadlinePassed);
				let liable = Self::checked_shares(&dispute, liable)?;
				let appeal_until = Self::deadline(dispute.params.appeal_blocks)?;
				let ruling = Ruling { by: org, liable, rationale };
				dispute.verdict = Some(Self::verdict_of(&ruling));
				record.ruling = Some(ruling);
				dispute.arbitration = Some(record);
				Self::set_status(id, &mut dispute, DisputeStatus::Ruled { appeal_until });
				Self::deposit_event(Event::Ruled { dispute: id, by: org, appeal_until });
			},
			DisputeStatus::Appeal { panel, vote_by } => {
				ensure!(panel.contains(&org), Error::<T>::NotAssignedArbitrator);
				ensure!(now <= vote_by, Error::<T>::RulingDeadlinePassed);
				ensure!(!record.appeal_votes.iter().any(|v| v.by == org), Error::<T>::AlreadyVoted);
				let liable = Self::checked_shares(&dispute, liable)?;
				let ruling = Ruling { by: org, liable, rationale };
				// Votes are compared as sets of (organisation, share): the shares are sorted.
				let majority =
					record.appeal_votes.iter().find(|v| v.liable == ruling.liable).cloned();
				// At most three votes: the panel has three members, each votes once.
				let _ = record.appeal_votes.try_push(ruling.clone());
				Self::deposit_event(Event::AppealVote { dispute: id, by: org });
				let decided = match majority {
					Some(_) => Some(ruling),
					// Three different votes: no majority, the first ruling stands.
					None if record.appeal_votes.len() == 3 => record.ruling.clone(),
					None => None,
				};
				dispute.arbitration = Some(record);
				if let Some(decided) = decided {
					dispute.verdict = Some(Self::verdict_of(&decided));
					Self::close_final(id, &mut dispute);
				}
			},
			status if status.is_closed() => return Err(Error::<T>::AlreadyDecided.into()),
			_ => return Err(Error::<T>::NotInArbitration.into()),
		}
		Disputes::<T>::insert(id, dispute);
		Ok(())
	}

	pub(crate) fn do_appeal(org: OrgId, id: DisputeId) -> DispatchResult {
		let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
		ensure!(dispute.is_party(org), Error::<T>::NotAParty);
		let now = frame_system::Pallet::<T>::block_number();
		match dispute.status {
			DisputeStatus::Ruled { appeal_until } => {
				ensure!(now <= appeal_until, Error::<T>::AppealWindowClosed)
			},
			ref status if status.is_closed() => return Err(Error::<T>::AlreadyDecided.into()),
			_ => return Err(Error::<T>::NoRulingToAppeal.into()),
		}
		let first = dispute.arbitration.as_ref().and_then(|r| r.ruling.as_ref()).map(|r| r.by);
		let excluded: Vec<OrgId> = first.into_iter().collect();
		let candidates = Self::candidates(&dispute, &excluded);
		ensure!(candidates.len() >= 3, Error::<T>::NotEnoughArbitrators);
		let vote_by = Self::deadline(dispute.params.vote_blocks)?;
		let panel: BoundedVec<OrgId, _> = BoundedVec::truncate_from(candidates[..3].to_vec());
		Self::set_status(id, &mut dispute, DisputeStatus::Appeal { panel: panel.clone(), vote_by });
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::Appealed { dispute: id, by: org, panel, vote_by });
		Ok(())
	}

	fn verdict_of(ruling: &Ruling<T>) -> StoredVerdict<T> {
		StoredVerdict::decided(ruling.liable.to_vec(), alloc::vec::Vec::new())
	}
}

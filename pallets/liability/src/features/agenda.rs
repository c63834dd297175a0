//! The automatic transitions: default judgment, evaluation, finality, replacing arbitrators
//! who let a deadline pass — run by the runtime itself in `on_initialize`, at most
//! `MaxAgendaPerBlock` per block, oldest deadline first.

use crate::WeightInfo;
use crate::{
	rules, Agenda, AgendaAction, AgendaFrom, Claim, Config, Dispute, DisputeId, DisputeStatus,
	Disputes, Event, Pallet, Reputations, StoredVerdict,
};
use alloc::vec::Vec;
use evidence_primitives::{
	facts::{DisputeFacts, InspectionFacts, LogisticsFacts},
	OrgId,
};
use frame_support::{traits::Get, weights::Weight, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::One, Saturating};

/// Most agenda blocks one `on_initialize` looks into: enough to catch up after idle blocks.
const MAX_BLOCKS_SCANNED: u32 = 64;

impl<T: Config> Pallet<T> {
	/// Takes the due steps, oldest block first, at most `MaxAgendaPerBlock`; what is left
	/// waits for the next block. A step taken late acts as at its deadline: the calls it
	/// closes were refused from the deadline on.
	pub(crate) fn run_agenda(now: BlockNumberFor<T>) -> Weight {
		let mut budget = T::MaxAgendaPerBlock::get() as usize;
		let mut block = AgendaFrom::<T>::get();
		let (mut taken, mut scanned) = (0u32, 0u32);
		while block <= now && scanned < MAX_BLOCKS_SCANNED {
			scanned += 1;
			let due: Vec<(DisputeId, AgendaAction)> =
				Agenda::<T>::iter_prefix(block).take(budget.saturating_add(1)).collect();
			let left_over = due.len() > budget;
			for (id, action) in due.into_iter().take(budget) {
				Agenda::<T>::remove(block, id);
				taken += 1;
				budget -= 1;
				match action {
					AgendaAction::ResponseDeadline => Self::response_deadline(id),
					AgendaAction::Evaluate => Self::evaluate_dispute(id),
					AgendaAction::Finalize => Self::finalize(id),
					AgendaAction::RulingDeadline => Self::ruling_deadline(id),
					AgendaAction::VoteDeadline => Self::vote_deadline(id),
					AgendaAction::ReinspectionDeadline => Self::reinspection_deadline(id),
				}
			}
			if left_over {
				break;
			}
			block = block.saturating_add(One::one());
		}
		AgendaFrom::<T>::put(block);
		// Charged as if every step were an evaluation on the worst-case facts, plus one read
		// per block looked into.
		<T as Config>::WeightInfo::on_initialize_agenda(taken)
			.saturating_add(T::DbWeight::get().reads_writes(u64::from(scanned), 1))
	}

	/// P5: respondents that neither accepted nor contested are liable, in equal shares.
	fn response_deadline(id: DisputeId) {
		let Some(mut dispute) = Disputes::<T>::get(id) else { return };
		if !matches!(dispute.status, DisputeStatus::AwaitingResponse { .. }) {
			return;
		}
		let silent: Vec<_> = dispute
			.respondents
			.iter()
			.copied()
			.filter(|r| !dispute.contested.contains(r))
			.collect();
		dispute.verdict = Some(StoredVerdict::<T>::decided(
			rules::equal_split(&silent),
			alloc::vec![rules::RuleId::P5],
		));
		Self::end(id, &mut dispute, DisputeStatus::DefaultJudgment);
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::DefaultJudgment {
			dispute: id,
			liable: BoundedVec::truncate_from(silent),
		});
	}

	/// Gathers the facts, runs the engine, and proposes or escalates.
	pub(crate) fn evaluate_dispute(id: DisputeId) {
		let Some(mut dispute) = Disputes::<T>::get(id) else { return };
		if !matches!(dispute.status, DisputeStatus::Evidence { .. }) {
			return;
		}
		if dispute.claim.needs_evidence() && !dispute.claimant_filed_evidence() {
			dispute.verdict = Some(StoredVerdict::<T>::decided(Vec::new(), Vec::new()));
			Self::end(id, &mut dispute, DisputeStatus::Expired);
			Disputes::<T>::insert(id, dispute);
			Self::deposit_event(Event::Expired { dispute: id });
			return;
		}
		let verdict =
			rules::evaluate_with(dispute.engine, &dispute.params.engine, &Self::facts_of(&dispute));
		let stored = StoredVerdict::<T>::from_verdict(verdict);
		dispute.verdict = Some(stored.clone());
		let needs_reinspection = matches!(
			stored.escalation,
			Some(rules::EscalationReason::ReinspectionNeeded)
				| Some(rules::EscalationReason::ReAuthenticationNeeded)
		);
		if let (true, None, Some(reason)) =
			(needs_reinspection, dispute.reinspected_by, stored.escalation)
		{
			// A re-inspection the rules can read decides, not a human: the parties get the
			// time to have one made.
			let until = Self::deadline_or_last(dispute.params.reinspection_blocks);
			Self::set_status(
				id,
				&mut dispute,
				DisputeStatus::Reinspection { reason, agency: None, until },
			);
			Self::deposit_event(Event::ReinspectionAwaited { dispute: id, reason, until });
		} else if stored.escalation.is_some() {
			Self::escalate(id, &mut dispute, stored.escalation);
		} else {
			// The consumer's refund does not wait for the businesses' challenge window.
			Self::decide_for_consumer(id, &mut dispute, !stored.liable.is_empty());
			let challenge_until = Self::deadline_or_last(dispute.params.challenge_blocks);
			Self::set_status(id, &mut dispute, DisputeStatus::Proposed { challenge_until });
			Self::deposit_event(Event::VerdictProposed { dispute: id, verdict: stored });
		}
		Disputes::<T>::insert(id, dispute);
	}

	/// A proposed verdict nobody challenged, or a ruling nobody appealed, becomes final.
	fn finalize(id: DisputeId) {
		let Some(mut dispute) = Disputes::<T>::get(id) else { return };
		if !matches!(dispute.status, DisputeStatus::Proposed { .. } | DisputeStatus::Ruled { .. }) {
			return;
		}
		Self::close_final(id, &mut dispute);
		Disputes::<T>::insert(id, dispute);
	}

	/// Ends a dispute with its verdict final.
	pub(crate) fn close_final(id: DisputeId, dispute: &mut Dispute<T>) {
		Self::end(id, dispute, DisputeStatus::Final);
		if dispute.arbitration.is_some() {
			for org in dispute.respondents.iter() {
				Reputations::<T>::mutate(org, |r| r.escalated.saturating_inc());
			}
		}
		if let Some(verdict) = dispute.verdict.clone() {
			Self::deposit_event(Event::VerdictFinal { dispute: id, verdict });
		}
	}

	/// The facts of `dispute` as the engine reads them, from the inspection and logistics
	/// pallets.
	pub(crate) fn facts_of(dispute: &Dispute<T>) -> DisputeFacts {
		let opened_block = Self::block_as_u64(dispute.opened_block);
		Self::claim_facts(&dispute.claim, dispute.merchant, dispute.opened_at, opened_block)
	}

	/// The facts of `claim` against `merchant`, reported at `reported_at` (unix ms) in block
	/// `opened_block`: attestations withdrawn after that block still count.
	pub(crate) fn claim_facts(
		claim: &Claim<T>,
		merchant: OrgId,
		reported_at: u64,
		opened_block: u64,
	) -> DisputeFacts {
		let shipment = T::Logistics::shipment_facts(&claim.shipment, opened_block);
		let attestations = claim
			.inspected_keys()
			.flat_map(|key| T::Inspection::attestations_of(&key, opened_block))
			.collect();
		DisputeFacts {
			claim: claim.kind,
			unit: claim.unit,
			merchant,
			alleged_items: claim.alleged_items.iter().map(|c| c.to_vec()).collect(),
			damage_mode: claim.damage_mode,
			discovered_at: claim.discovered_at,
			reported_at,
			amount: claim.amount,
			shipment,
			attestations,
		}
	}

	/// Reputation: liable or cleared for each respondent of a decided dispute.
	pub(crate) fn count_outcome(dispute: &Dispute<T>) {
		let Some(verdict) = &dispute.verdict else { return };
		for org in dispute.respondents.iter() {
			Reputations::<T>::mutate(org, |r| {
				if verdict.liable.iter().any(|s| s.org == *org) {
					r.found_liable.saturating_inc();
				} else {
					r.cleared.saturating_inc();
				}
			});
		}
	}
}

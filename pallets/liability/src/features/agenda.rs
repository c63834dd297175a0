//! The automatic transitions: default judgment, evaluation, finality — run by the runtime
//! itself in `on_initialize`, at most `MaxAgendaPerBlock` per block.

use crate::WeightInfo;
use crate::{
	rules, Agenda, AgendaAction, Claim, Config, Dispute, DisputeId, DisputeStatus, Disputes, Event,
	OpenClaims, Pallet, Reputations, StoredVerdict,
};
use alloc::vec::Vec;
use evidence_primitives::{
	facts::{DisputeFacts, InspectionFacts, LogisticsFacts},
	OrgId,
};
use frame_support::{weights::Weight, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::Saturating;

impl<T: Config> Pallet<T> {
	pub(crate) fn run_agenda(now: BlockNumberFor<T>) -> Weight {
		let entries = Agenda::<T>::take(now);
		// Charged as if every entry were an evaluation on the worst-case facts.
		let weight = <T as Config>::WeightInfo::on_initialize_agenda(entries.len() as u32);
		for (id, action) in entries {
			match action {
				AgendaAction::ResponseDeadline => Self::response_deadline(id),
				AgendaAction::Evaluate => Self::evaluate_dispute(id),
				AgendaAction::Finalize => Self::finalize(id),
			}
		}
		weight
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
		dispute.status = DisputeStatus::DefaultJudgment;
		dispute.verdict = Some(StoredVerdict::<T>::decided(
			rules::equal_split(&silent),
			alloc::vec![rules::RuleId::P5],
		));
		OpenClaims::<T>::remove(dispute.claim.unit, dispute.claim.kind);
		Self::count_outcome(&dispute);
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
			dispute.status = DisputeStatus::Expired;
			dispute.verdict = Some(StoredVerdict::<T>::decided(Vec::new(), Vec::new()));
			OpenClaims::<T>::remove(dispute.claim.unit, dispute.claim.kind);
			Self::count_outcome(&dispute);
			Disputes::<T>::insert(id, dispute);
			Self::deposit_event(Event::Expired { dispute: id });
			return;
		}
		let verdict = rules::evaluate(&dispute.params.engine, &Self::facts_of(&dispute));
		let stored = StoredVerdict::<T>::from_verdict(verdict);
		if stored.escalation.is_some() {
			Self::escalate(id, &mut dispute, stored.escalation);
		} else {
			let now = frame_system::Pallet::<T>::block_number();
			let until = now + dispute.params.challenge_blocks;
			if Self::schedule(until, id, AgendaAction::Finalize).is_err() {
				// No room to finalize automatically: a human takes it from here.
				Self::escalate(id, &mut dispute, None);
			} else {
				dispute.status = DisputeStatus::Proposed { challenge_until: until };
				Self::deposit_event(Event::VerdictProposed {
					dispute: id,
					verdict: stored.clone(),
				});
			}
		}
		dispute.verdict = Some(stored);
		Disputes::<T>::insert(id, dispute);
	}

	fn finalize(id: DisputeId) {
		let Some(mut dispute) = Disputes::<T>::get(id) else { return };
		if !matches!(dispute.status, DisputeStatus::Proposed { .. } | DisputeStatus::Ruled { .. }) {
			return;
		}
		dispute.status = DisputeStatus::Final;
		Self::close_final(id, &mut dispute);
		Disputes::<T>::insert(id, dispute);
	}

	/// Bookkeeping of a dispute that just became final.
	pub(crate) fn close_final(id: DisputeId, dispute: &mut Dispute<T>) {
		OpenClaims::<T>::remove(dispute.claim.unit, dispute.claim.kind);
		Self::count_outcome(dispute);
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
		let merchant = T::Logistics::parties_of(&dispute.claim.shipment)
			.map(|p| p.shipper)
			.unwrap_or(dispute.claimant);
		let opened_block = Self::block_as_u64(dispute.opened_block);
		Self::claim_facts(&dispute.claim, merchant, dispute.opened_at, opened_block)
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

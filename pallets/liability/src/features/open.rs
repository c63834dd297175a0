//! Opening a dispute: standing, respondents, and the frozen rule set.

use crate::{
	AgendaAction, Claim, Config, CurrentRuleSet, Dispute, DisputeId, DisputeStatus, Disputes,
	DisputesByOrder, DisputesByUnit, Error, Event, NextDisputeId, OpenClaims, Pallet, Reputations,
	RuleSetParams, RuleSetVersion, RuleSets,
};
use alloc::vec::Vec;
use evidence_primitives::{
	facts::{InspectionFacts, LogisticsFacts, ShipmentParties},
	MembershipCheck, OrgId, Role,
};
use frame_support::{ensure, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::DispatchError;
use sp_runtime::Saturating;

impl<T: Config> Pallet<T> {
	/// The current rule set and the shipment's parties for `claim`, or why it cannot be
	/// disputed: the checks opening and previewing share.
	fn check_claim(
		claim: &Claim<T>,
	) -> Result<(RuleSetVersion, RuleSetParams<BlockNumberFor<T>>, ShipmentParties), Error<T>> {
		let version = CurrentRuleSet::<T>::get();
		let params = RuleSets::<T>::get(version).ok_or(Error::<T>::NoRuleSet)?;
		let parties =
			T::Logistics::parties_of(&claim.shipment).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(parties.order == claim.order, Error::<T>::OrderMismatch);
		ensure!(parties.units.contains(&claim.unit), Error::<T>::UnitNotInShipment);
		Ok((version, params, parties))
	}

	/// What the rules would decide on the chain's facts now if the shipper's platform opened
	/// `claim`: the same checks as opening, nothing stored.
	pub fn preview_verdict(claim: &Claim<T>) -> Result<crate::rules::Verdict, Error<T>> {
		let (_, params, parties) = Self::check_claim(claim)?;
		let now = pallet_timestamp::Pallet::<T>::get();
		let facts = Self::claim_facts(claim, parties.shipper, now);
		Ok(crate::rules::evaluate(&params.engine, &facts))
	}

	pub(crate) fn do_open_dispute(
		who: T::AccountId,
		claimant: OrgId,
		claim: Claim<T>,
	) -> Result<DisputeId, DispatchError> {
		let (version, params, parties) = Self::check_claim(&claim)?;
		ensure!(
			claimant == parties.shipper || T::Membership::has_role(claimant, Role::Platform),
			Error::<T>::NoStanding
		);
		ensure!(
			!OpenClaims::<T>::contains_key(claim.unit, claim.kind),
			Error::<T>::DuplicateDispute
		);

		// Everyone whose facts the rules may hold against: the merchant, every custodian,
		// every agency that attested the unit or its lot.
		let mut respondents: Vec<OrgId> = Vec::new();
		let agencies = claim
			.inspected_keys()
			.flat_map(|key| T::Inspection::attestations_of(&key))
			.map(|a| a.agency);
		for org in core::iter::once(parties.shipper).chain(parties.custodians).chain(agencies) {
			if org != claimant && !respondents.contains(&org) {
				respondents.push(org);
			}
		}
		ensure!(!respondents.is_empty(), Error::<T>::NoRespondents);
		let respondents: BoundedVec<OrgId, T::MaxRespondents> =
			BoundedVec::truncate_from(respondents);

		let id = NextDisputeId::<T>::get();
		let now = frame_system::Pallet::<T>::block_number();
		let respond_by = now + params.response_blocks;
		Self::schedule(respond_by, id, AgendaAction::ResponseDeadline)?;
		for org in respondents.iter() {
			Reputations::<T>::mutate(org, |r| r.disputes_against.saturating_inc());
		}
		DisputesByOrder::<T>::try_mutate(claim.order, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyDisputes)?;
		DisputesByUnit::<T>::try_mutate(claim.unit, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyDisputes)?;
		NextDisputeId::<T>::put(id + 1);
		OpenClaims::<T>::insert(claim.unit, claim.kind, id);
		Disputes::<T>::insert(
			id,
			Dispute {
				claimant,
				opened_by: who,
				claim,
				respondents: respondents.clone(),
				contested: Default::default(),
				closed_evidence: Default::default(),
				evidence: Default::default(),
				rule_set: version,
				params,
				opened_at: pallet_timestamp::Pallet::<T>::get(),
				opened_block: now,
				status: DisputeStatus::AwaitingResponse { respond_by },
				verdict: None,
				arbitration: None,
			},
		);
		Self::deposit_event(Event::DisputeOpened {
			dispute: id,
			claimant,
			respondents,
			rule_set: version,
		});
		Ok(id)
	}
}

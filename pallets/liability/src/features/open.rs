//! Opening a dispute: standing, the lot, the respondents a rule of the claim's family can make
//! liable, and the frozen rule set.

use crate::{
	Claim, ClaimFamily, Config, CurrentRuleSet, DecidedClaims, Dispute, DisputeId, DisputeStatus,
	Disputes, DisputesByOrder, DisputesByUnit, Error, Event, IndexPlaces, NextDisputeId,
	OpenClaims, OpenDisputesByEngine, OpenedInBlock, Pallet, Reputations, RuleSetEngines,
	RuleSetParams, RuleSetVersion, RuleSets,
};
use alloc::vec::Vec;
use evidence_primitives::{
	facts::{AttestationFact, InspectionFacts, LogisticsFacts, ShipmentParties},
	take_index_place, IndexKey, OrgId,
};
use frame_support::{ensure, traits::Get, BoundedVec};
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
		let now = pallet_timestamp::Pallet::<T>::get();
		ensure!(claim.discovered_at <= now, Error::<T>::DiscoveredAfterOpening);
		if let Some(delivered_at) = parties.delivered_at {
			ensure!(claim.discovered_at >= delivered_at, Error::<T>::DiscoveredBeforeDelivery);
		}
		if let Some(lot) = claim.lot {
			// A lot counts only when the chain links it to this order line: an attestation of
			// the lot that names it.
			let block = Self::current_block();
			let linked = T::Inspection::attestations_of(&lot, block)
				.iter()
				.any(|a| !a.unit_level && a.order == Some(claim.order));
			ensure!(linked, Error::<T>::LotNotLinked);
		}
		Ok((version, params, parties))
	}

	/// The current block number, as the fact-reading traits take it.
	pub(crate) fn current_block() -> u64 {
		Self::block_as_u64(frame_system::Pallet::<T>::block_number())
	}

	/// A block number as the fact-reading traits take it.
	pub(crate) fn block_as_u64(block: BlockNumberFor<T>) -> u64 {
		sp_runtime::traits::UniqueSaturatedInto::<u64>::unique_saturated_into(block)
	}

	/// What the rules would decide on the chain's facts now if the shipper's platform opened
	/// `claim`: the same checks as opening, nothing stored.
	pub fn preview_verdict(claim: &Claim<T>) -> Result<crate::rules::Verdict, Error<T>> {
		let (version, params, parties) = Self::check_claim(claim)?;
		let now = pallet_timestamp::Pallet::<T>::get();
		let facts = Self::claim_facts(claim, parties.shipper, now, Self::current_block());
		Ok(crate::rules::evaluate_with(Self::engine_of(version), &params.engine, &facts))
	}

	/// The engine version rule set `version` binds (the storage migration gave every rule set
	/// published before engines were versioned version 1).
	pub(crate) fn engine_of(version: RuleSetVersion) -> crate::rules::EngineVersion {
		RuleSetEngines::<T>::get(version).unwrap_or(1)
	}

	pub(crate) fn do_open_dispute(
		who: T::AccountId,
		claimant: OrgId,
		claim: Claim<T>,
	) -> Result<DisputeId, DispatchError> {
		let (version, params, parties) = Self::check_claim(&claim)?;
		// Only the platform the order line was placed on, or the merchant that shipped it.
		ensure!(
			claimant == parties.shipper || claimant == parties.platform,
			Error::<T>::NoStanding
		);
		// One dispute about a unit at a time; a claim family that ended stays ended.
		ensure!(!OpenClaims::<T>::contains_key(claim.unit), Error::<T>::UnitUnderDispute);
		ensure!(
			!DecidedClaims::<T>::contains_key(claim.unit, ClaimFamily::of(claim.kind)),
			Error::<T>::ClaimAlreadyDecided
		);

		let block = Self::current_block();
		let attestations: Vec<AttestationFact> = claim
			.inspected_keys()
			.flat_map(|key| T::Inspection::attestations_of(&key, block))
			.collect();
		// Those a rule of the claim's family can make liable, less the claimant.
		let respondents: Vec<OrgId> = crate::rules::answerable(
			claim.kind,
			parties.shipper,
			&parties.custodians,
			&attestations,
		)
		.into_iter()
		.filter(|org| *org != claimant)
		.collect();
		ensure!(!respondents.is_empty(), Error::<T>::NoRespondents);
		let respondents: BoundedVec<OrgId, T::MaxRespondents> =
			respondents.try_into().map_err(|_| Error::<T>::TooManyRespondents)?;

		let id = NextDisputeId::<T>::get();
		let now = frame_system::Pallet::<T>::block_number();
		let respond_by = Self::deadline(params.response_blocks)?;
		// Each organisation's share of the agenda: at most `MaxOpensPerBlock` a block.
		let opened = match OpenedInBlock::<T>::get(claimant) {
			Some((block, count)) if block == now => count,
			_ => 0,
		};
		ensure!(opened < T::MaxOpensPerBlock::get(), Error::<T>::OpeningQuotaReached);
		OpenedInBlock::<T>::insert(claimant, (now, opened + 1));
		for org in respondents.iter() {
			Reputations::<T>::mutate(org, |r| r.disputes_against.saturating_inc());
		}
		DisputesByOrder::<T>::try_mutate(claim.order, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyDisputes)?;
		DisputesByUnit::<T>::try_mutate(claim.unit, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyDisputes)?;
		take_index_place::<IndexPlaces<T>, _, _>(
			&IndexKey::Order(claim.order),
			claimant,
			T::MaxDisputesPerOrder::get(),
			Error::<T>::DisputeShareOfOrderUsed,
		)?;
		take_index_place::<IndexPlaces<T>, _, _>(
			&IndexKey::Unit(claim.unit),
			claimant,
			T::MaxDisputesPerOrder::get(),
			Error::<T>::DisputeShareOfUnitUsed,
		)?;
		NextDisputeId::<T>::put(id + 1);
		let engine = Self::engine_of(version);
		OpenDisputesByEngine::<T>::mutate(engine, |open| open.saturating_inc());
		OpenClaims::<T>::insert(claim.unit, id);
		// A reservation the courier co-signed at delivery (D3) settles the consumer's refund
		// at once: the merchant bears the transit risk towards its consumer.
		let for_consumer = claimant == parties.platform;
		let reserved_at_delivery = ClaimFamily::of(claim.kind) == ClaimFamily::Arrival
			&& T::Logistics::shipment_facts(&claim.shipment, block)
				.and_then(|facts| facts.delivery)
				.is_some_and(|delivery| delivery.reservation && !delivery.by_shipper);
		let mut dispute = Dispute {
			claimant,
			merchant: parties.shipper,
			for_consumer,
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
			// Set below, with its agenda step.
			status: DisputeStatus::Withdrawn,
			verdict: None,
			arbitration: None,
			consumer: None,
			reinspected_by: None,
			engine,
		};
		Self::set_status(id, &mut dispute, DisputeStatus::AwaitingResponse { respond_by });
		Self::deposit_event(Event::DisputeOpened {
			dispute: id,
			claimant,
			respondents,
			rule_set: version,
		});
		if reserved_at_delivery {
			Self::decide_for_consumer(id, &mut dispute, true);
		}
		Disputes::<T>::insert(id, dispute);
		Ok(id)
	}
}

//! Rule D1 without a dispute: a delivery the consignee signed with no reservation confirms
//! itself once its objection window passes and no dispute about its units is in flight.

use crate::WeightInfo;
use crate::{
	rules::RuleId, Config, ConfirmedDeliveries, CurrentRuleSet, Event, OpenClaims, Pallet,
	PendingConfirmations, RuleSets,
};
use evidence_primitives::{
	facts::{DeliveryFact, DeliveryObserver, LogisticsFacts, Receipt},
	OrderRef,
};
use frame_support::weights::Weight;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::Saturating;

impl<T: Config> DeliveryObserver for Pallet<T> {
	fn on_delivered(shipment: H256, order: OrderRef, delivery: &DeliveryFact) {
		// The shipper's own record of a delivery does not bind its consumer.
		if delivery.receipt != Receipt::ConsigneeSigned
			|| delivery.reservation
			|| delivery.by_shipper
		{
			return;
		}
		let Some(params) = RuleSets::<T>::get(CurrentRuleSet::<T>::get()) else { return };
		let at = frame_system::Pallet::<T>::block_number().saturating_add(params.objection_blocks);
		// When every block ahead is full the delivery stays unconfirmed, as if disputed;
		// nothing is lost, the delivery checkpoint itself is on chain. A full block's queue is
		// read, not written back.
		let _ = Self::place_from(at, |block| {
			PendingConfirmations::<T>::try_mutate(block, |due| due.try_push((shipment, order)))
				.is_ok()
		});
	}

	fn on_delivered_weight() -> Weight {
		<T as Config>::WeightInfo::on_delivered()
	}
}

impl<T: Config> Pallet<T> {
	/// Confirms the deliveries whose objection window ends at `now`.
	pub(crate) fn confirm_deliveries(now: BlockNumberFor<T>) -> Weight {
		let due = PendingConfirmations::<T>::take(now);
		let weight = <T as Config>::WeightInfo::on_initialize_confirmations(due.len() as u32);
		for (shipment, order) in due {
			let disputed = T::Logistics::parties_of(&shipment)
				.is_some_and(|parties| parties.units.iter().any(OpenClaims::<T>::contains_key));
			if disputed {
				continue;
			}
			ConfirmedDeliveries::<T>::insert(shipment, now);
			Self::deposit_event(Event::DeliveryConfirmed { shipment, order, rule: RuleId::D1 });
		}
		weight
	}
}

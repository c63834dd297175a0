//! Recording checkpoints in a valid order, by the party entitled to each.

use crate::{
	checkpoint_fact_id, impl_facts::delivery_fact, Checkpoint, CheckpointIndex, CheckpointKind,
	Checkpoints, Config, Error, Event, Leg, LegState, Legs, Observation, Pallet, Receipt, Shipment,
	ShipmentId, ShipmentPhase, Shipments,
};
use evidence_primitives::{
	facts::DeliveryObserver, EvidenceKind, FactKind, MembershipCheck, OrgId, Role,
};
use frame_support::{ensure, traits::Get};
use sp_runtime::{DispatchError, DispatchResult};

/// What a checkpoint does to the shipment.
enum Effect {
	/// Stays on the current leg.
	Stay,
	/// Opens the current leg (the first pickup).
	OpenCurrentLeg,
	/// Closes the current leg (delivery, return intake).
	CloseLeg,
	/// Opens a new leg held by the recording organisation (return pickup after delivery).
	OpenNewLeg,
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_record_checkpoint(
		who: T::AccountId,
		org: OrgId,
		id: ShipmentId,
		kind: CheckpointKind,
		observation: Observation<T>,
		receipt: Option<Receipt>,
	) -> DispatchResult {
		let mut shipment = Shipments::<T>::get(id).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(kind != CheckpointKind::Handover, Error::<T>::UseHandoverCalls);
		ensure!(
			receipt.is_some() == (kind == CheckpointKind::Delivered),
			Error::<T>::ReceiptModeMismatch
		);
		ensure!(shipment.pending_handover.is_none(), Error::<T>::HandoverPending);
		Self::check_event_time(&shipment, observation.event_time)?;
		let mut leg = Legs::<T>::get(id, shipment.current_leg).ok_or(Error::<T>::UnknownLeg)?;
		let (phase, effect) = Self::transition(&shipment, &leg, org, kind, receipt)?;

		let custodian = leg.custodian;
		let time = observation.event_time;
		let (from, to) = match (kind, &effect) {
			(CheckpointKind::Pickup, _) => (Some(shipment.shipper), Some(custodian)),
			(CheckpointKind::Delivered, _) => (Some(custodian), None),
			(CheckpointKind::ReturnIntake, _) => (Some(custodian), Some(shipment.shipper)),
			(_, Effect::OpenNewLeg) => (None, Some(org)),
			_ => (Some(custodian), Some(custodian)),
		};
		match effect {
			Effect::Stay => {},
			Effect::OpenCurrentLeg => {
				leg.opened_at = Some(time);
				Legs::<T>::insert(id, shipment.current_leg, leg);
			},
			Effect::CloseLeg => {
				leg.closed_at = Some(time);
				Legs::<T>::insert(id, shipment.current_leg, leg);
			},
			Effect::OpenNewLeg => {
				let next = shipment.current_leg + 1;
				ensure!(next < T::MaxLegsPerShipment::get(), Error::<T>::TooManyLegs);
				Legs::<T>::insert(
					id,
					next,
					Leg {
						custodian: org,
						opened_at: Some(time),
						closed_at: None,
						condition: LegState::NoData,
						excursions: Default::default(),
						digest_count: 0,
					},
				);
				shipment.current_leg = next;
			},
		}
		match kind {
			CheckpointKind::HubIn => shipment.at_hub = true,
			CheckpointKind::HubOut | CheckpointKind::OutForDelivery => shipment.at_hub = false,
			_ => {},
		}
		if kind == CheckpointKind::Delivered {
			shipment.delivered_leg = Some(shipment.current_leg);
		}
		shipment.phase = phase;
		let index = shipment.checkpoint_count;
		Self::store_checkpoint(who, org, id, &mut shipment, kind, from, to, observation, receipt)?;
		let (order, shipper) = (shipment.order, shipment.shipper);
		Shipments::<T>::insert(id, shipment);
		if kind == CheckpointKind::Delivered {
			if let Some(delivered) = Checkpoints::<T>::get(id, index) {
				let fact = delivery_fact(&id, index, &delivered, shipper);
				T::OnDelivered::on_delivered(id, order, &fact);
			}
		}
		Ok(())
	}

	/// Where `kind` recorded by `org` takes the shipment, or why it may not be recorded.
	fn transition(
		shipment: &Shipment<T>,
		leg: &Leg,
		org: OrgId,
		kind: CheckpointKind,
		receipt: Option<Receipt>,
	) -> Result<(ShipmentPhase, Effect), DispatchError> {
		use CheckpointKind as K;
		use ShipmentPhase as P;
		let custodian = org == leg.custodian && leg.closed_at.is_none();
		let shipper = org == shipment.shipper;
		let (phase, effect, allowed) = match (shipment.phase, kind) {
			(P::AwaitingPickup, K::Pickup) => (P::InTransit, Effect::OpenCurrentLeg, custodian),
			(P::InTransit, K::HubIn) if !shipment.at_hub => (P::InTransit, Effect::Stay, custodian),
			(P::InTransit, K::HubOut) if shipment.at_hub => (P::InTransit, Effect::Stay, custodian),
			(P::Returning, K::HubIn) if !shipment.at_hub => (P::Returning, Effect::Stay, custodian),
			(P::Returning, K::HubOut) if shipment.at_hub => (P::Returning, Effect::Stay, custodian),
			(P::DeliveryFailed, K::HubIn) => (P::InTransit, Effect::Stay, custodian),
			(P::InTransit | P::DeliveryFailed, K::OutForDelivery) => {
				(P::OutForDelivery, Effect::Stay, custodian)
			},
			(P::OutForDelivery, K::DeliveryFailed) => (P::DeliveryFailed, Effect::Stay, custodian),
			(P::OutForDelivery, K::Delivered) => {
				// The platform may record the consignee's own sign-off on its behalf.
				let platform_for_consignee = shipper
					&& T::Membership::has_role(org, Role::Platform)
					&& receipt == Some(Receipt::ConsigneeSigned);
				(P::Delivered, Effect::CloseLeg, custodian || platform_for_consignee)
			},
			(P::DeliveryFailed, K::ReturnPickup) => (P::Returning, Effect::Stay, custodian),
			(P::Delivered, K::ReturnPickup) => {
				(P::Returning, Effect::OpenNewLeg, T::Membership::has_role(org, Role::Carrier))
			},
			(P::Returning, K::ReturnIntake) => {
				(P::Returned, Effect::CloseLeg, custodian || shipper)
			},
			(
				phase @ (P::InTransit | P::OutForDelivery | P::DeliveryFailed | P::Returning),
				K::CustomsOpened | K::ForceMajeure,
			) => (phase, Effect::Stay, custodian),
			_ => return Err(Error::<T>::CheckpointOutOfOrder.into()),
		};
		ensure!(allowed, Error::<T>::NotCustodian);
		Ok((phase, effect))
	}

	pub(crate) fn do_acknowledge_checkpoint(
		org: OrgId,
		id: ShipmentId,
		index: CheckpointIndex,
	) -> DispatchResult {
		let shipment = Shipments::<T>::get(id).ok_or(Error::<T>::UnknownShipment)?;
		let mut checkpoint =
			Checkpoints::<T>::get(id, index).ok_or(Error::<T>::UnknownCheckpoint)?;
		// Reservations at a pickup hold against the shipper, at a handover against the carrier
		// handing over; a delivery's are the courier's own record. A custodian's word that
		// customs opened the parcel or force majeure struck holds against the shipper, who
		// would otherwise bear what the custodian escapes.
		let reserved = !checkpoint.observation.reservations.is_empty();
		let against = match checkpoint.kind {
			CheckpointKind::Pickup if reserved => Some(shipment.shipper),
			CheckpointKind::Handover if reserved => checkpoint.from,
			CheckpointKind::CustomsOpened | CheckpointKind::ForceMajeure => Some(shipment.shipper),
			_ => None,
		};
		ensure!(against.is_some(), Error::<T>::NothingToAcknowledge);
		ensure!(against == Some(org), Error::<T>::NotCheckpointCounterparty);
		ensure!(!checkpoint.acknowledged, Error::<T>::AlreadyAcknowledged);
		checkpoint.acknowledged = true;
		Checkpoints::<T>::insert(id, index, checkpoint);
		Self::deposit_event(Event::CheckpointAcknowledged { shipment: id, index, by: org });
		Ok(())
	}

	/// Event times never go backwards and never lie in the future.
	pub(crate) fn check_event_time(shipment: &Shipment<T>, time: u64) -> Result<(), Error<T>> {
		ensure!(time >= shipment.last_event_time, Error::<T>::EventBeforePreviousCheckpoint);
		Self::ensure_not_future(time)
	}

	/// Appends a checkpoint to the shipment and registers its media with the notary.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn store_checkpoint(
		who: T::AccountId,
		org: OrgId,
		id: ShipmentId,
		shipment: &mut Shipment<T>,
		kind: CheckpointKind,
		from: Option<OrgId>,
		to: Option<OrgId>,
		observation: Observation<T>,
		receipt: Option<Receipt>,
	) -> DispatchResult {
		let index = shipment.checkpoint_count;
		ensure!(index < T::MaxCheckpointsPerShipment::get(), Error::<T>::TooManyCheckpoints);
		let fact = checkpoint_fact_id(&id, index);
		let media = observation.media.iter().map(|m| (&m.digest, m.kind, m.captured_at)).chain(
			observation.note.iter().map(|d| (d, EvidenceKind::Document, observation.event_time)),
		);
		Self::register_media(&who, org, fact, FactKind::Checkpoint, media)?;
		shipment.checkpoint_count = index + 1;
		shipment.last_event_time = observation.event_time;
		let leg = shipment.current_leg;
		Checkpoints::<T>::insert(
			id,
			index,
			Checkpoint {
				kind,
				leg,
				from,
				to,
				observation,
				receipt,
				recorded_by_org: org,
				recorded_by: who,
				block: frame_system::Pallet::<T>::block_number(),
				acknowledged: false,
			},
		);
		Self::deposit_event(Event::CheckpointRecorded { shipment: id, index, kind, leg, by: org });
		Ok(())
	}
}

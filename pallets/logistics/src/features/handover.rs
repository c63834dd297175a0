//! Two-step custody handover: the custodian proposes, the receiving carrier accepts.

use crate::{
	CheckpointKind, Config, Error, Event, Leg, LegState, Legs, Observation, Pallet,
	PendingHandover, Profiles, ShipmentId, ShipmentPhase, Shipments,
};
use evidence_primitives::{MembershipCheck, OrgId, Role};
use frame_support::{ensure, traits::Get};
use sp_core::H256;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_propose_handover(
		org: OrgId,
		id: ShipmentId,
		to: OrgId,
		event_time: u64,
		location: H256,
	) -> DispatchResult {
		let mut shipment = Shipments::<T>::get(id).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(
			matches!(shipment.phase, ShipmentPhase::InTransit | ShipmentPhase::Returning),
			Error::<T>::CheckpointOutOfOrder
		);
		let leg = Legs::<T>::get(id, shipment.current_leg).ok_or(Error::<T>::UnknownLeg)?;
		ensure!(leg.custodian == org, Error::<T>::NotCustodian);
		ensure!(shipment.pending_handover.is_none(), Error::<T>::HandoverPending);
		ensure!(to != org, Error::<T>::HandoverToSelf);
		ensure!(T::Membership::has_role(to, Role::Carrier), Error::<T>::CarrierNotActive);
		ensure!(shipment.current_leg + 1 < T::MaxLegsPerShipment::get(), Error::<T>::TooManyLegs);
		Self::check_event_time(&shipment, event_time)?;
		shipment.pending_handover = Some(PendingHandover { to, event_time, location });
		let leg_index = shipment.current_leg;
		Shipments::<T>::insert(id, shipment);
		Self::deposit_event(Event::HandoverProposed {
			shipment: id,
			leg: leg_index,
			from: org,
			to,
		});
		Ok(())
	}

	pub(crate) fn do_accept_handover(
		who: T::AccountId,
		org: OrgId,
		id: ShipmentId,
		observation: Observation<T>,
	) -> DispatchResult {
		let mut shipment = Shipments::<T>::get(id).ok_or(Error::<T>::UnknownShipment)?;
		let pending = shipment.pending_handover.ok_or(Error::<T>::NoPendingHandover)?;
		ensure!(pending.to == org, Error::<T>::NotHandoverReceiver);
		let profile = Profiles::<T>::get(shipment.profile, shipment.profile_version)
			.ok_or(Error::<T>::UnknownProfile)?
			.profile;
		let time = observation.event_time;
		ensure!(
			time.abs_diff(pending.event_time) <= profile.handover_tolerance_ms,
			Error::<T>::HandoverOutsideTolerance
		);
		Self::check_event_time(&shipment, time)?;

		let closed = shipment.current_leg;
		let mut leg = Legs::<T>::get(id, closed).ok_or(Error::<T>::UnknownLeg)?;
		let from = leg.custodian;
		leg.closed_at = Some(time);
		Legs::<T>::insert(id, closed, leg);
		let opened = closed + 1;
		Legs::<T>::insert(
			id,
			opened,
			Leg {
				custodian: org,
				opened_at: Some(time),
				closed_at: None,
				condition: LegState::NoData,
				excursions: Default::default(),
				digest_count: 0,
			},
		);
		shipment.current_leg = opened;
		shipment.pending_handover = None;
		shipment.at_hub = false;
		Self::store_checkpoint(
			who,
			org,
			id,
			&mut shipment,
			CheckpointKind::Handover,
			Some(from),
			Some(org),
			observation,
			None,
		)?;
		Shipments::<T>::insert(id, shipment);
		Self::deposit_event(Event::HandoverAccepted {
			shipment: id,
			closed,
			opened,
			from,
			to: org,
		});
		Ok(())
	}
}

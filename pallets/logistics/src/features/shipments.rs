//! Creating shipments: leg 0 belongs to the first carrier until it hands the shipment over.

use crate::{
	Config, Error, Event, Leg, LegCondition, Legs, Money, Pallet, ProfileId, ProfileVersion,
	Profiles, Shipment, ShipmentId, ShipmentPhase, Shipments, ShipmentsByOrder, ShipmentsByUnit,
};
use evidence_primitives::{MembershipCheck, ObjectKey, OrderRef, OrgId, Role};
use frame_support::{ensure, BoundedVec};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_create_shipment(
		shipper: OrgId,
		id: ShipmentId,
		order: OrderRef,
		units: BoundedVec<ObjectKey, T::MaxUnitsPerShipment>,
		(profile, profile_version): (ProfileId, ProfileVersion),
		declared_value: Money,
		first_carrier: OrgId,
	) -> DispatchResult {
		ensure!(!Shipments::<T>::contains_key(id), Error::<T>::ShipmentIdInUse);
		ensure!(!units.is_empty(), Error::<T>::NoUnits);
		ensure!(Profiles::<T>::contains_key(profile, profile_version), Error::<T>::UnknownProfile);
		ensure!(
			T::Membership::has_role(first_carrier, Role::Carrier),
			Error::<T>::CarrierNotActive
		);
		ShipmentsByOrder::<T>::try_mutate(order, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyShipmentsForOrder)?;
		for unit in units.iter() {
			ShipmentsByUnit::<T>::try_mutate(unit, |ids| ids.try_push(id))
				.map_err(|_| Error::<T>::TooManyShipmentsForUnit)?;
		}
		Shipments::<T>::insert(
			id,
			Shipment {
				order,
				units,
				shipper,
				profile,
				profile_version,
				declared_value,
				phase: ShipmentPhase::AwaitingPickup,
				current_leg: 0,
				checkpoint_count: 0,
				last_event_time: 0,
				at_hub: false,
				pending_handover: None,
			},
		);
		Legs::<T>::insert(
			id,
			0,
			Leg {
				custodian: first_carrier,
				opened_at: None,
				closed_at: None,
				condition: LegCondition::NoData,
				digest_count: 0,
			},
		);
		Self::deposit_event(Event::ShipmentCreated {
			shipment: id,
			order,
			shipper,
			first_carrier,
			profile,
			profile_version,
		});
		Ok(())
	}
}

//! Registering order lines and creating shipments: the platform names the merchant of an
//! order line, the merchant ships it naming the platform; leg 0 is for the first carrier to
//! pick up, and is its custody only from that pickup.

use crate::{
	Config, Error, Event, IndexPlaces, Leg, LegState, Legs, Money, OrderLines, Pallet, ProfileId,
	ProfileVersion, Profiles, Shipment, ShipmentId, ShipmentPhase, Shipments, ShipmentsByOrder,
	ShipmentsByUnit,
};
use evidence_primitives::{
	take_index_place, IndexKey, MembershipCheck, ObjectKey, OrderRef, OrgId, Role,
};
use frame_support::{ensure, traits::Get, BoundedVec};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register_order(
		platform: OrgId,
		order: OrderRef,
		merchant: OrgId,
	) -> DispatchResult {
		ensure!(T::Membership::has_role(merchant, Role::Merchant), Error::<T>::NotAMerchant);
		ensure!(
			!OrderLines::<T>::contains_key(platform, order),
			Error::<T>::OrderAlreadyRegistered
		);
		OrderLines::<T>::insert(platform, order, merchant);
		Self::deposit_event(Event::OrderRegistered { platform, order, merchant });
		Ok(())
	}

	/// Whether `shipper` may ship `order` as placed on `platform`: the platform registered it
	/// with the shipper, or the shipper is that platform selling its own goods.
	fn ensure_order_of(shipper: OrgId, order: &OrderRef, platform: OrgId) -> DispatchResult {
		if platform == shipper {
			ensure!(T::Membership::has_role(platform, Role::Platform), Error::<T>::NotAPlatform);
			return Ok(());
		}
		match OrderLines::<T>::get(platform, order) {
			None => Err(Error::<T>::OrderNotRegistered.into()),
			Some(merchant) if merchant != shipper => Err(Error::<T>::OrderOfAnotherMerchant.into()),
			Some(_) => Ok(()),
		}
	}

	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_create_shipment(
		shipper: OrgId,
		id: ShipmentId,
		(order, platform): (OrderRef, OrgId),
		units: BoundedVec<ObjectKey, T::MaxUnitsPerShipment>,
		(profile, profile_version): (ProfileId, ProfileVersion),
		declared_value: Money,
		first_carrier: OrgId,
	) -> DispatchResult {
		ensure!(!Shipments::<T>::contains_key(id), Error::<T>::ShipmentIdInUse);
		ensure!(!units.is_empty(), Error::<T>::NoUnits);
		Self::ensure_order_of(shipper, &order, platform)?;
		ensure!(Profiles::<T>::contains_key(profile, profile_version), Error::<T>::UnknownProfile);
		ensure!(
			T::Membership::has_role(first_carrier, Role::Carrier),
			Error::<T>::CarrierNotActive
		);
		ShipmentsByOrder::<T>::try_mutate(order, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyShipmentsForOrder)?;
		take_index_place::<IndexPlaces<T>, _, _>(
			&IndexKey::Order(order),
			shipper,
			T::MaxShipmentsPerOrder::get(),
			Error::<T>::ShipmentShareOfOrderUsed,
		)?;
		for unit in units.iter() {
			ShipmentsByUnit::<T>::try_mutate(unit, |ids| ids.try_push(id))
				.map_err(|_| Error::<T>::TooManyShipmentsForUnit)?;
			take_index_place::<IndexPlaces<T>, _, _>(
				&IndexKey::Unit(*unit),
				shipper,
				T::MaxShipmentsPerUnit::get(),
				Error::<T>::ShipmentShareOfUnitUsed,
			)?;
		}
		Shipments::<T>::insert(
			id,
			Shipment {
				order,
				units,
				shipper,
				platform,
				profile,
				profile_version,
				declared_value,
				phase: ShipmentPhase::AwaitingPickup,
				current_leg: 0,
				delivered_leg: None,
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
				condition: LegState::NoData,
				excursions: Default::default(),
				digest_count: 0,
			},
		);
		Self::deposit_event(Event::ShipmentCreated {
			shipment: id,
			order,
			shipper,
			platform,
			first_carrier,
			profile,
			profile_version,
		});
		Ok(())
	}
}

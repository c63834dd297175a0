//! Invariants of the logistics pallet.

use crate::{
	Checkpoints, Config, LatestProfileVersion, Legs, NextProfileId, Pallet, Profiles,
	SensorDigests, ShipmentPhase, Shipments, ShipmentsByOrder, ShipmentsByUnit,
};
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first one broken is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextProfileId::<T>::get();
		for (id, latest) in LatestProfileVersion::<T>::iter() {
			ensure!(id < next, "a profile id at or above the next id");
			for version in 1..=latest {
				ensure!(Profiles::<T>::contains_key(id, version), "a profile version is missing");
			}
		}
		for (id, shipment) in Shipments::<T>::iter() {
			ensure!(
				ShipmentsByOrder::<T>::get(shipment.order).contains(&id),
				"a shipment missing from its order index"
			);
			ensure!(
				shipment.units.iter().all(|unit| ShipmentsByUnit::<T>::get(unit).contains(&id)),
				"a shipment missing from a unit's index"
			);
			// Custody legs are contiguous: each leg closes where the next opens.
			let mut open_legs = 0;
			for index in 0..=shipment.current_leg {
				let leg = Legs::<T>::get(id, index).ok_or("a custody leg is missing")?;
				if leg.closed_at.is_none() {
					open_legs += 1;
				}
				if index < shipment.current_leg {
					let next = Legs::<T>::get(id, index + 1).ok_or("a custody leg is missing")?;
					// A return pickup after delivery starts a new leg later; a handover at once.
					ensure!(leg.closed_at.is_some(), "an earlier leg is still open");
					ensure!(
						next.opened_at.zip(leg.closed_at).is_some_and(|(o, c)| o >= c),
						"a leg opens before the previous one closed"
					);
				}
			}
			ensure!(
				Legs::<T>::get(id, shipment.current_leg + 1).is_none(),
				"a leg past the current one"
			);
			let finished =
				matches!(shipment.phase, ShipmentPhase::Delivered | ShipmentPhase::Returned);
			ensure!(
				open_legs == if finished { 0 } else { 1 },
				"an undelivered shipment must have exactly one open leg"
			);
			ensure!(
				Checkpoints::<T>::iter_key_prefix(id).count() as u32 == shipment.checkpoint_count,
				"checkpoint count disagrees with the stored checkpoints"
			);
		}
		for ((shipment, leg), _device) in SensorDigests::<T>::iter_keys() {
			ensure!(Legs::<T>::contains_key(shipment, leg), "a digest of a missing leg");
		}
		Ok(())
	}
}

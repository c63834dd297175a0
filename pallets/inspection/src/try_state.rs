//! Invariants of the inspection pallet.

use crate::{
	AttestationStatus, Attestations, AttestationsByOrder, AttestationsByUnit, Config,
	EquipmentRegistry, Inspectors, LatestProtocolVersion, NextProtocolId, Pallet, Protocols,
};
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first one broken is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		for inspector in Inspectors::<T>::iter_values() {
			ensure!(inspector.valid_from < inspector.valid_until, "an inspector with no validity");
			ensure!(!inspector.categories.is_empty(), "an inspector without categories");
		}
		for equipment in EquipmentRegistry::<T>::iter_values() {
			ensure!(
				equipment.calibrated_on < equipment.calibration_due,
				"equipment with an empty calibration period"
			);
		}
		let next = NextProtocolId::<T>::get();
		for (id, latest) in LatestProtocolVersion::<T>::iter() {
			ensure!(id < next, "a protocol id at or above the next id");
			for version in 1..=latest {
				ensure!(Protocols::<T>::contains_key(id, version), "a protocol version is missing");
			}
		}
		for (id, version, protocol) in Protocols::<T>::iter() {
			ensure!(
				LatestProtocolVersion::<T>::get(id).is_some_and(|latest| version <= latest),
				"a protocol version above the latest"
			);
			ensure!(!protocol.items.is_empty(), "a protocol without test items");
		}
		for (id, attestation) in Attestations::<T>::iter() {
			for key in attestation.body.subjects.keys() {
				ensure!(
					AttestationsByUnit::<T>::get(key).contains(&id),
					"an attestation missing from its unit index"
				);
			}
			if let Some(order) = attestation.body.order {
				ensure!(
					AttestationsByOrder::<T>::get(order).contains(&id),
					"an attestation missing from its order index"
				);
			}
			if let AttestationStatus::Superseded { by, .. } = attestation.status {
				let successor =
					Attestations::<T>::get(by).ok_or("superseded by a missing attestation")?;
				ensure!(successor.supersedes == Some(id), "a supersession link is one-sided");
				ensure!(successor.agency == attestation.agency, "superseded by another agency");
			}
		}
		let unit_ids = AttestationsByUnit::<T>::iter_values().flat_map(|ids| ids.into_inner());
		let order_ids = AttestationsByOrder::<T>::iter_values().flat_map(|ids| ids.into_inner());
		{
			for id in unit_ids.chain(order_ids) {
				ensure!(
					Attestations::<T>::contains_key(id),
					"an index names a missing attestation"
				);
			}
		}
		Ok(())
	}
}

//! Signed per-leg sensor digests, checked and evaluated against the shipment's profile.

use crate::{
	conditions, sensor_digest_message, Config, DeviceId, Devices, Error, Event, LegIndex, LegState,
	Legs, Pallet, Profiles, SensorDigestRecord, SensorDigests, SensorSummary, ShipmentId,
	Shipments,
};
use evidence_primitives::OrgId;
use frame_support::{ensure, traits::Get};
use sp_core::ed25519;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_submit_sensor_digest(
		org: OrgId,
		id: ShipmentId,
		leg_index: LegIndex,
		device_id: DeviceId,
		summary: SensorSummary,
		signature: ed25519::Signature,
	) -> DispatchResult {
		let shipment = Shipments::<T>::get(id).ok_or(Error::<T>::UnknownShipment)?;
		let mut leg = Legs::<T>::get(id, leg_index).ok_or(Error::<T>::UnknownLeg)?;
		ensure!(leg.closed_at.is_none(), Error::<T>::LegClosed);
		ensure!(leg.custodian == org, Error::<T>::NotCustodian);
		let device = Devices::<T>::get(device_id).ok_or(Error::<T>::UnknownDevice)?;
		ensure!(device.owner == leg.custodian, Error::<T>::DeviceNotOfCustodian);
		ensure!(device.withdrawn.is_none(), Error::<T>::DeviceWithdrawn);
		let (start, end) = (summary.window_start, summary.window_end);
		ensure!(start < end, Error::<T>::InvalidWindow);
		ensure!(leg.opened_at.is_some_and(|opened| opened <= start), Error::<T>::WindowOutsideLeg);
		Self::ensure_not_future(end)?;
		ensure!(conditions::times_within_window(&summary), Error::<T>::ExcursionOutsideWindow);
		ensure!(
			Self::device_calibrated(&device_id, &device, start, end),
			Error::<T>::DeviceNotCalibrated
		);
		let message = sensor_digest_message(&id, leg_index, &device_id, &summary);
		ensure!(
			sp_io::crypto::ed25519_verify(&signature, &message, &device.key),
			Error::<T>::BadSignature
		);
		ensure!(
			!SensorDigests::<T>::contains_key((id, leg_index), device_id),
			Error::<T>::DigestAlreadySubmitted
		);
		ensure!(leg.digest_count < T::MaxDigestsPerLeg::get(), Error::<T>::TooManyDigests);
		let profile = Profiles::<T>::get(shipment.profile, shipment.profile_version)
			.ok_or(Error::<T>::UnknownProfile)?
			.profile;

		let condition = conditions::evaluate(&profile, &summary);
		leg.condition = conditions::combine(leg.condition, condition);
		if matches!(condition, LegState::Excursion { .. }) {
			let mut seen = leg.excursions.to_vec();
			conditions::merge_excursions(&mut seen, &conditions::excursions(&profile, &summary));
			// Four kinds at most: the bound holds by construction.
			leg.excursions = frame_support::BoundedVec::truncate_from(seen);
		}
		leg.digest_count += 1;
		let custodian = leg.custodian;
		let leg_condition = leg.condition;
		Legs::<T>::insert(id, leg_index, leg);
		SensorDigests::<T>::insert(
			(id, leg_index),
			device_id,
			SensorDigestRecord {
				summary,
				condition,
				block: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::SensorDigestSubmitted {
			shipment: id,
			leg: leg_index,
			device: device_id,
			condition: leg_condition,
		});
		if let LegState::Excursion { kind, at: first_at } = condition {
			Self::deposit_event(Event::ExcursionDetected {
				shipment: id,
				leg: leg_index,
				custodian,
				kind,
				first_at,
			});
		}
		Ok(())
	}
}

//! Carriers' sensor devices and their calibration.

use crate::{Config, Device, DeviceId, Devices, Error, Event, Pallet, PastDeviceCalibrations};
use evidence_primitives::{OrgId, Withdrawal};
use frame_support::ensure;
use sp_core::H256;
use sp_runtime::{traits::UniqueSaturatedInto, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Whether `device` (`id`) was calibrated over the whole of `[start, end]`, by its current
	/// calibration or one it superseded.
	pub(crate) fn device_calibrated(id: &DeviceId, device: &Device, start: u64, end: u64) -> bool {
		device.calibration().covers(start, end)
			|| PastDeviceCalibrations::<T>::get(id).iter().any(|c| c.covers(start, end))
	}

	pub(crate) fn do_register_device(id: DeviceId, device: Device) -> DispatchResult {
		ensure!(device.calibrated_on < device.calibration_due, Error::<T>::InvalidValidityPeriod);
		ensure!(!Devices::<T>::contains_key(id), Error::<T>::DeviceAlreadyRegistered);
		let event = Event::DeviceRegistered {
			carrier: device.owner,
			device: id,
			calibration_due: device.calibration_due,
		};
		Devices::<T>::insert(id, device);
		Self::deposit_event(event);
		Ok(())
	}

	pub(crate) fn do_update_device_calibration(
		carrier: OrgId,
		id: DeviceId,
		certificate: H256,
		calibrated_on: u64,
		calibration_due: u64,
	) -> DispatchResult {
		ensure!(calibrated_on < calibration_due, Error::<T>::InvalidValidityPeriod);
		Devices::<T>::try_mutate(id, |entry| {
			let device = entry.as_mut().ok_or(Error::<T>::UnknownDevice)?;
			ensure!(device.owner == carrier, Error::<T>::DeviceNotOfCarrier);
			ensure!(device.withdrawn.is_none(), Error::<T>::DeviceWithdrawn);
			// Appended, never overwritten: the superseded calibration still judges the digests
			// of its time.
			ensure!(calibrated_on > device.calibrated_on, Error::<T>::CalibrationNotLater);
			PastDeviceCalibrations::<T>::try_mutate(id, |past| {
				past.try_push(device.calibration()).map_err(|_| Error::<T>::TooManyCalibrations)
			})?;
			device.calibration_certificate = certificate;
			device.calibrated_on = calibrated_on;
			device.calibration_due = calibration_due;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::DeviceCalibrationUpdated {
			carrier,
			device: id,
			calibration_due,
		});
		Ok(())
	}

	pub(crate) fn do_withdraw_device(id: DeviceId, from: u64) -> DispatchResult {
		ensure!(from <= pallet_timestamp::Pallet::<T>::get(), Error::<T>::WithdrawalInFuture);
		let recorded_block = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		Devices::<T>::try_mutate(id, |entry| {
			let device = entry.as_mut().ok_or(Error::<T>::UnknownDevice)?;
			ensure!(device.withdrawn.is_none(), Error::<T>::DeviceWithdrawn);
			device.withdrawn = Some(Withdrawal { from, recorded_block });
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::DeviceWithdrawn { device: id, from });
		Ok(())
	}
}

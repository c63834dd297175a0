//! The agency registries: accreditations, inspectors, equipment.

use crate::{
	Accreditation, Accreditations, Authority, Config, Equipment, EquipmentId, EquipmentRegistry,
	Error, Event, Inspector, InspectorId, Inspectors, Pallet, PastEquipmentCalibrations,
};
use evidence_primitives::{OrgId, Withdrawal};
use frame_support::ensure;
use sp_core::H256;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register_accreditation(
		agency: OrgId,
		accreditation: Accreditation,
	) -> DispatchResult {
		ensure!(
			accreditation.valid_from < accreditation.valid_until,
			Error::<T>::InvalidValidityPeriod
		);
		let (scheme, valid_until) = (accreditation.scheme, accreditation.valid_until);
		let index = Accreditations::<T>::try_mutate(agency, |list| {
			list.try_push(accreditation).map_err(|_| Error::<T>::TooManyAccreditations)?;
			Ok::<_, Error<T>>(list.len() as u32 - 1)
		})?;
		Self::deposit_event(Event::AccreditationRegistered { agency, index, scheme, valid_until });
		Ok(())
	}

	pub(crate) fn do_register_inspector(
		agency: OrgId,
		id: InspectorId,
		inspector: Inspector<T>,
	) -> DispatchResult {
		ensure!(inspector.valid_from < inspector.valid_until, Error::<T>::InvalidValidityPeriod);
		ensure!(!inspector.categories.is_empty(), Error::<T>::NoProductCategories);
		ensure!(!Inspectors::<T>::contains_key(id), Error::<T>::InspectorAlreadyRegistered);
		let valid_until = inspector.valid_until;
		Inspectors::<T>::insert(id, inspector);
		Self::deposit_event(Event::InspectorRegistered { agency, inspector: id, valid_until });
		Ok(())
	}

	pub(crate) fn do_revoke_inspector(agency: OrgId, id: InspectorId) -> DispatchResult {
		Inspectors::<T>::try_mutate(id, |entry| {
			let inspector = entry.as_mut().ok_or(Error::<T>::UnknownInspector)?;
			ensure!(inspector.agency == agency, Error::<T>::InspectorNotOfAgency);
			ensure!(inspector.revoked_at.is_none(), Error::<T>::InspectorRevoked);
			inspector.revoked_at = Some(pallet_timestamp::Pallet::<T>::get());
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::InspectorRevoked { agency, inspector: id });
		Ok(())
	}

	pub(crate) fn do_withdraw_authority(authority: Authority, from: u64) -> DispatchResult {
		ensure!(from <= pallet_timestamp::Pallet::<T>::get(), Error::<T>::WithdrawalInFuture);
		let withdrawal = Withdrawal { from, recorded_block: Self::current_block() };
		let record = |withdrawn: &mut Option<Withdrawal>| {
			ensure!(withdrawn.is_none(), Error::<T>::AlreadyWithdrawn);
			*withdrawn = Some(withdrawal);
			Ok::<_, Error<T>>(())
		};
		match authority {
			Authority::Accreditation { agency, index } => {
				Accreditations::<T>::try_mutate(agency, |list| {
					let accreditation =
						list.get_mut(index as usize).ok_or(Error::<T>::UnknownAccreditation)?;
					record(&mut accreditation.withdrawn)
				})?;
			},
			Authority::Inspector(id) => {
				Inspectors::<T>::try_mutate(id, |entry| {
					let inspector = entry.as_mut().ok_or(Error::<T>::UnknownInspector)?;
					record(&mut inspector.withdrawn)
				})?;
			},
		}
		Self::deposit_event(Event::AuthorityWithdrawn { authority, from });
		Ok(())
	}

	pub(crate) fn do_register_equipment(id: EquipmentId, equipment: Equipment) -> DispatchResult {
		ensure!(
			equipment.calibrated_on < equipment.calibration_due,
			Error::<T>::InvalidValidityPeriod
		);
		ensure!(!EquipmentRegistry::<T>::contains_key(id), Error::<T>::EquipmentAlreadyRegistered);
		let event = Event::EquipmentRegistered {
			agency: equipment.owner,
			equipment: id,
			kind: equipment.kind,
			calibration_due: equipment.calibration_due,
		};
		EquipmentRegistry::<T>::insert(id, equipment);
		Self::deposit_event(event);
		Ok(())
	}

	pub(crate) fn do_update_calibration(
		agency: OrgId,
		id: EquipmentId,
		certificate: H256,
		calibrated_on: u64,
		calibration_due: u64,
	) -> DispatchResult {
		ensure!(calibrated_on < calibration_due, Error::<T>::InvalidValidityPeriod);
		EquipmentRegistry::<T>::try_mutate(id, |entry| {
			let equipment = entry.as_mut().ok_or(Error::<T>::UnknownEquipment)?;
			ensure!(equipment.owner == agency, Error::<T>::EquipmentNotOfAgency);
			// Appended, never overwritten: the superseded calibration still judges the
			// inspections of its time.
			ensure!(calibrated_on > equipment.calibrated_on, Error::<T>::CalibrationNotLater);
			PastEquipmentCalibrations::<T>::try_mutate(id, |past| {
				past.try_push(equipment.calibration()).map_err(|_| Error::<T>::TooManyCalibrations)
			})?;
			equipment.calibration_certificate = certificate;
			equipment.calibrated_on = calibrated_on;
			equipment.calibration_due = calibration_due;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::CalibrationUpdated {
			agency,
			equipment: id,
			certificate,
			calibration_due,
		});
		Ok(())
	}
}

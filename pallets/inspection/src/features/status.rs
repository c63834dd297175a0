//! Superseding and revoking attestations: only by the issuing agency, never rewriting history.

use crate::{
	AttestationId, AttestationInput, AttestationStatus, Attestations, ChangeReason, Config, Error,
	Event, Pallet,
};
use evidence_primitives::OrgId;
use frame_support::ensure;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_supersede(
		who: T::AccountId,
		agency: OrgId,
		old: AttestationId,
		new: AttestationId,
		input: AttestationInput<T>,
		reason: ChangeReason,
	) -> DispatchResult {
		let at = frame_system::Pallet::<T>::block_number();
		Self::close(agency, old, AttestationStatus::Superseded { by: new, reason, at })?;
		Self::do_attest(who, agency, new, input, Some(old))?;
		Self::deposit_event(Event::AttestationSuperseded { attestation: old, by: new, reason });
		Ok(())
	}

	pub(crate) fn do_revoke(
		who: T::AccountId,
		agency: OrgId,
		id: AttestationId,
		reason: ChangeReason,
	) -> DispatchResult {
		let at = frame_system::Pallet::<T>::block_number();
		Self::close(agency, id, AttestationStatus::Revoked { reason, by: who.clone(), at })?;
		Self::deposit_event(Event::AttestationRevoked { attestation: id, reason, by: who });
		Ok(())
	}

	/// Moves a valid attestation of `agency` to `status`.
	fn close(
		agency: OrgId,
		id: AttestationId,
		status: AttestationStatus<T::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>>,
	) -> DispatchResult {
		Attestations::<T>::try_mutate(id, |entry| {
			let attestation = entry.as_mut().ok_or(Error::<T>::UnknownAttestation)?;
			ensure!(attestation.agency == agency, Error::<T>::NotIssuingAgency);
			ensure!(
				attestation.status == AttestationStatus::Valid,
				Error::<T>::AttestationNotValid
			);
			attestation.status = status;
			Ok(())
		})
	}
}

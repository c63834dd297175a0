//! Who may act, and the checks every custody fact shares.

use crate::{Config, Error, Pallet, ProfileOwner};
use evidence_primitives::{
	EvidenceRegistry, FactKind, FactRef, MembershipCheck, MembershipError, OrgId, Role,
};
use frame_support::{
	ensure,
	traits::{EnsureOrigin, Get},
};
use frame_system::{ensure_signed, pallet_prelude::OriginFor};
use sp_core::H256;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	fn membership_error(e: MembershipError, missing_role: Error<T>) -> DispatchError {
		match e {
			MembershipError::NotAMember => Error::<T>::NotAMember,
			MembershipError::OrganisationSuspended => Error::<T>::OrganisationSuspended,
			MembershipError::MissingRole => missing_role,
		}
		.into()
	}

	/// The signer and the active organisation it acts for.
	pub(crate) fn ensure_member(
		origin: OriginFor<T>,
	) -> Result<(T::AccountId, OrgId), DispatchError> {
		let who = ensure_signed(origin)?;
		let org = T::Membership::organisation_of(&who)
			.map_err(|e| Self::membership_error(e, Error::<T>::NotAMember))?;
		Ok((who, org))
	}

	/// The active carrier the signer acts for.
	pub(crate) fn ensure_carrier(origin: OriginFor<T>) -> Result<OrgId, DispatchError> {
		let who = ensure_signed(origin)?;
		T::Membership::ensure_role(&who, Role::Carrier)
			.map_err(|e| Self::membership_error(e, Error::<T>::NotACarrier))
	}

	/// The active merchant or platform the signer acts for.
	pub(crate) fn ensure_shipper(origin: OriginFor<T>) -> Result<OrgId, DispatchError> {
		let who = ensure_signed(origin)?;
		let org = T::Membership::organisation_of(&who)
			.map_err(|e| Self::membership_error(e, Error::<T>::NotAShipper))?;
		ensure!(
			T::Membership::has_role(org, Role::Merchant)
				|| T::Membership::has_role(org, Role::Platform),
			Error::<T>::NotAShipper
		);
		Ok(org)
	}

	/// The active platform the signer acts for.
	pub(crate) fn ensure_platform(origin: OriginFor<T>) -> Result<OrgId, DispatchError> {
		let who = ensure_signed(origin)?;
		T::Membership::ensure_role(&who, Role::Platform)
			.map_err(|e| Self::membership_error(e, Error::<T>::NotAPlatform))
	}

	/// Governance publishes consortium profiles; a platform operator its own.
	pub(crate) fn ensure_profile_publisher(
		origin: OriginFor<T>,
	) -> Result<ProfileOwner, DispatchError> {
		if T::GovernanceOrigin::try_origin(origin.clone()).is_ok() {
			return Ok(ProfileOwner::Consortium);
		}
		let who = ensure_signed(origin)?;
		T::Membership::ensure_role(&who, Role::Platform)
			.map(ProfileOwner::Organisation)
			.map_err(|e| Self::membership_error(e, Error::<T>::NotAPlatform))
	}

	/// An event time not beyond the chain time plus the allowed drift.
	pub(crate) fn ensure_not_future(event_time: u64) -> Result<(), Error<T>> {
		let now = pallet_timestamp::Pallet::<T>::get();
		ensure!(
			event_time <= now.saturating_add(T::MaxClockDrift::get()),
			Error::<T>::EventInFuture
		);
		Ok(())
	}

	/// The error of a refused media citation.
	pub(crate) fn citation_refused(error: evidence_primitives::EvidenceRegistryError) -> Error<T> {
		match error {
			evidence_primitives::EvidenceRegistryError::TooManyCitations => {
				Error::<T>::TooManyCitations
			},
			evidence_primitives::EvidenceRegistryError::CitationShareUsed => {
				Error::<T>::CitationShareUsed
			},
		}
	}

	/// Registers each media digest (and the note) of a custody fact with the notary.
	pub(crate) fn register_media<'a>(
		who: &T::AccountId,
		org: OrgId,
		fact: H256,
		kind: FactKind,
		media: impl Iterator<
			Item = (&'a evidence_primitives::ContentDigest, evidence_primitives::EvidenceKind, u64),
		>,
	) -> Result<(), Error<T>> {
		let fact = FactRef { kind, id: fact };
		for (digest, evidence_kind, captured_at) in media {
			T::Evidence::register(who, org, *digest, evidence_kind, captured_at, fact)
				.map_err(Self::citation_refused)?;
		}
		Ok(())
	}
}

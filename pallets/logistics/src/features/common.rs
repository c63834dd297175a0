//! Who may act, and the checks every custody fact shares.

use crate::{CheckpointKind, Config, Error, Observation, Pallet, ProfileOwner, WeightInfo};
use evidence_primitives::{
	facts::DeliveryObserver, EvidenceRegistry, FactKind, FactRef, MembershipCheck, MembershipError,
	OrgId, Role,
};
use frame_support::{
	ensure,
	traits::{EnsureOrigin, Get},
	weights::Weight,
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

	/// The weight of recording a checkpoint of `kind`: the benchmarked call, and for a
	/// delivery what the delivery observer may do with it (the liability pallet schedules a
	/// signed clean delivery's confirmation).
	pub fn checkpoint_weight(kind: &CheckpointKind, observation: &Observation<T>) -> Weight {
		let call = <T as Config>::WeightInfo::record_checkpoint(Self::evidence_items(observation));
		if *kind == CheckpointKind::Delivered {
			call.saturating_add(T::OnDelivered::on_delivered_weight())
		} else {
			call
		}
	}

	/// The digests an observation registers with the notary: its media and its note. The
	/// benchmarks measure media items; a note costs the same.
	pub fn evidence_items(observation: &Observation<T>) -> u32 {
		observation.media.len() as u32 + u32::from(observation.note.is_some())
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

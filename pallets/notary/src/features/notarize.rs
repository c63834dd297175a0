//! Notarizing single digests, and registering digests cited by other facts.

use crate::{Citations, Config, DigestRecord, Digests, Error, Event, Notarizations, Pallet};
use evidence_primitives::{
	ContentDigest, EvidenceKind, FactKind, FactRef, MembershipCheck, MembershipError, OrgId,
};
use frame_support::{ensure, traits::Get};
use sp_core::H256;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// The active organisation `who` acts for.
	pub(crate) fn ensure_member(who: &T::AccountId) -> Result<OrgId, DispatchError> {
		T::Membership::organisation_of(who).map_err(|e| match e {
			MembershipError::OrganisationSuspended => Error::<T>::OrganisationSuspended.into(),
			MembershipError::NotAMember | MembershipError::MissingRole => {
				Error::<T>::NotAMember.into()
			},
		})
	}

	pub(crate) fn do_notarize(
		who: T::AccountId,
		org: OrgId,
		digest: ContentDigest,
		kind: EvidenceKind,
		byte_size: u64,
		captured_at: u64,
		c2pa_claim: Option<H256>,
	) -> Result<(), DispatchError> {
		ensure!(byte_size > 0, Error::<T>::EmptyEvidence);
		ensure!(!Self::notarized_by(&digest, org), Error::<T>::AlreadyNotarized);
		// When another organisation was first, this one keeps its own record beside it; the
		// notarization is cited once, by the first.
		let first = !Digests::<T>::contains_key(digest);
		Self::record_digest(who.clone(), org, digest, kind, byte_size, captured_at, c2pa_claim);
		if first {
			let fact = FactRef { kind: FactKind::Notarization, id: digest.hash };
			Citations::<T>::try_mutate(digest, |facts| facts.try_push(fact))
				.map_err(|_| Error::<T>::TooManyCitations)?;
			evidence_primitives::take_index_place::<crate::CitationPlaces<T>, _, _>(
				&digest,
				org,
				T::MaxCitations::get(),
				Error::<T>::CitationShareUsed,
			)?;
		}
		Self::deposit_event(Event::Notarized { digest, org, kind, by: who });
		Ok(())
	}

	/// Whether `org` has a record of `digest`: the first notarization or one of its own.
	pub(crate) fn notarized_by(digest: &ContentDigest, org: OrgId) -> bool {
		Digests::<T>::get(digest).is_some_and(|first| first.org == org)
			|| Notarizations::<T>::contains_key(digest, org)
	}

	/// Stores `org`'s notarization of `digest`: in [`Digests`] when it is the first, in
	/// [`Notarizations`] when another organisation's came before.
	pub(crate) fn record_digest(
		who: T::AccountId,
		org: OrgId,
		digest: ContentDigest,
		kind: EvidenceKind,
		byte_size: u64,
		captured_at: u64,
		c2pa_claim: Option<H256>,
	) {
		let record = DigestRecord {
			org,
			notarized_by: who,
			kind,
			byte_size,
			captured_at,
			c2pa_claim,
			block: frame_system::Pallet::<T>::block_number(),
			time: pallet_timestamp::Pallet::<T>::get(),
		};
		if Digests::<T>::contains_key(digest) {
			Notarizations::<T>::insert(digest, org, record);
		} else {
			Digests::<T>::insert(digest, record);
		}
	}
}

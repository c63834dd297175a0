//! [`EvidenceRegistry`] for the inspection and logistics pallets.

use crate::{CitationPlaces, Citations, Config, Digests, Event, Pallet};
use evidence_primitives::{
	take_index_place, ContentDigest, EvidenceKind, EvidenceRegistry, EvidenceRegistryError,
	FactRef, OrgId,
};
use frame_support::traits::Get;

impl<T: Config> EvidenceRegistry<T::AccountId> for Pallet<T> {
	fn register(
		who: &T::AccountId,
		org: OrgId,
		digest: ContentDigest,
		kind: EvidenceKind,
		captured_at: u64,
		fact: FactRef,
	) -> Result<(), EvidenceRegistryError> {
		let added = Citations::<T>::try_mutate(digest, |facts| {
			if facts.contains(&fact) {
				return Ok(false);
			}
			facts.try_push(fact).map_err(|_| EvidenceRegistryError::TooManyCitations)?;
			take_index_place::<CitationPlaces<T>, _, _>(
				&digest,
				org,
				T::MaxCitations::get(),
				EvidenceRegistryError::CitationShareUsed,
			)?;
			Ok::<_, EvidenceRegistryError>(true)
		})?;
		if !added {
			return Ok(());
		}
		if !Self::notarized_by(&digest, org) {
			// First seen from this organisation in this fact: it keeps its own record of the
			// digest (the first of all when no one had it). The size is not part of the fact,
			// so it stays 0 (unknown).
			Self::record_digest(who.clone(), org, digest, kind, 0, captured_at, None);
		}
		Self::deposit_event(Event::Cited { digest, fact, org });
		Ok(())
	}

	fn notarizer_of(digest: &ContentDigest) -> Option<OrgId> {
		Digests::<T>::get(digest).map(|record| record.org)
	}

	fn citation_capacity() -> u32 {
		T::MaxCitations::get()
	}
}

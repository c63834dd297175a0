//! Who may act, and the weight of an attestation.

use crate::{
	Accreditations, AttestationInput, Config, Error, Inspector, Pallet, Subjects, WeightInfo,
};
use evidence_primitives::{MembershipCheck, MembershipError, OrgId, Role};
use frame_support::{traits::Get, weights::Weight};
use frame_system::{ensure_signed, pallet_prelude::OriginFor};
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// The active inspection agency the signer of `origin` acts for.
	pub(crate) fn ensure_agency(origin: OriginFor<T>) -> Result<OrgId, DispatchError> {
		let who = ensure_signed(origin)?;
		Self::ensure_agency_of(&who)
	}

	/// The active inspection agency `who` acts for.
	pub(crate) fn ensure_agency_of(who: &T::AccountId) -> Result<OrgId, DispatchError> {
		T::Membership::ensure_role(who, Role::InspectionAgency).map_err(|e| {
			match e {
				MembershipError::NotAMember => Error::<T>::NotAMember,
				MembershipError::OrganisationSuspended => Error::<T>::OrganisationSuspended,
				MembershipError::MissingRole => Error::<T>::NotAnInspectionAgency,
			}
			.into()
		})
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

	/// The current block, as facts count blocks.
	pub(crate) fn current_block() -> u64 {
		sp_runtime::traits::UniqueSaturatedInto::<u64>::unique_saturated_into(
			frame_system::Pallet::<T>::block_number(),
		)
	}

	/// Whether `agency` held an accreditation over `[start, end]`, as the withdrawals on chain
	/// by `cutoff_block` have it.
	pub(crate) fn accredited(agency: OrgId, start: u64, end: u64, cutoff_block: u64) -> bool {
		Accreditations::<T>::get(agency).iter().any(|a| a.covers(start, end, cutoff_block))
	}

	/// Whether governance withdrew `inspector`'s qualification before `end`, by `cutoff_block`.
	pub(crate) fn qualification_withdrawn(
		inspector: &Inspector<T>,
		end: u64,
		cutoff_block: u64,
	) -> bool {
		inspector.withdrawn.is_some_and(|w| w.voids(end, cutoff_block))
	}

	/// The benchmarked weight of attesting `input`, by its sizes.
	pub fn attest_weight(input: &AttestationInput<T>) -> Weight {
		let (units, results, media, equipment) = Self::sizes(input);
		<T as Config>::WeightInfo::attest(units, results, media, equipment)
			.saturating_add(Self::reinspection_notice_weight(input, units))
	}

	/// A dispute re-inspection tells the liability pallet, per unit: the unit's open dispute
	/// read, and when it awaited this agency, the dispute and its agenda step rewritten.
	fn reinspection_notice_weight(input: &AttestationInput<T>, units: u32) -> Weight {
		if input.purpose != crate::Purpose::DisputeReinspection {
			return Weight::zero();
		}
		T::DbWeight::get().reads_writes(2 * u64::from(units), 3 * u64::from(units))
	}

	/// The benchmarked weight of superseding an attestation by `input`.
	pub fn supersede_weight(input: &AttestationInput<T>) -> Weight {
		let (units, results, media, equipment) = Self::sizes(input);
		<T as Config>::WeightInfo::supersede_attestation(units, results, media, equipment)
			.saturating_add(Self::reinspection_notice_weight(input, units))
	}

	fn sizes(input: &AttestationInput<T>) -> (u32, u32, u32, u32) {
		let units = match &input.subjects {
			Subjects::Units(units) => units.len() as u32,
			Subjects::Lot { .. } => 1,
		};
		(units, input.results.len() as u32, input.media.len() as u32, input.equipment.len() as u32)
	}
}

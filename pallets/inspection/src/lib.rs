//! # Inspection pallet
//!
//! Replaces "the merchant says it passed inspection" with a fact an accredited agency signed:
//! who tested which unit, how, with what, and the raw values.
//!
//! - Registries of each inspection agency: its accreditations (registered by governance, never
//!   by the agency), its inspectors and their qualifications, its equipment and calibrations.
//! - Test protocols: per product category, versioned, immutable once published.
//! - [`Pallet::attest`]: an attestation, checked when it is submitted — the agency is
//!   accredited, the inspector is its own, qualified for the category and valid at the
//!   inspection time, every piece of equipment is calibrated at that time, and the stated
//!   outcomes and verdict agree with the raw values and the protocol (see [`evaluation`]).
//!   Its media digests are registered with the notary.
//! - [`Pallet::supersede_attestation`] and [`Pallet::revoke_attestation`]: only by the issuing
//!   agency; the status and reason are kept forever.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod evaluation;
mod features;
mod genesis;
mod impl_facts;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod try_state;
pub mod types;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use genesis::*;
pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An operator of an active organisation holding the inspection-agency role.
	fn agency_operator() -> AccountId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use evidence_primitives::{
		record_id, EvidenceRegistry, MembershipCheck, ObjectKey, OrderRef, OrgId, RecordKind, Role,
	};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_core::H256;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the inspection pallet.
	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ pallet_timestamp::Config<Moment = u64>
	{
		/// Who acts for which organisation, in which role (the consortium pallet).
		type Membership: MembershipCheck<Self::AccountId>;

		/// Where media digests are registered (the notary pallet).
		type Evidence: EvidenceRegistry<Self::AccountId>;

		/// Registers agencies' accreditations: governance, never the agency itself.
		type AccreditationOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Told of every dispute re-inspection attested (the liability pallet).
		type OnReinspected: evidence_primitives::facts::ReinspectionObserver;

		/// Most accreditations an agency keeps.
		#[pallet::constant]
		type MaxAccreditations: Get<u32>;

		/// Most product categories one inspector qualification covers.
		#[pallet::constant]
		type MaxCategoriesPerInspector: Get<u32>;

		/// Most test items in a protocol (and results in an attestation).
		#[pallet::constant]
		type MaxTestItems: Get<u32>;

		/// Most units one attestation covers.
		#[pallet::constant]
		type MaxUnitsPerAttestation: Get<u32>;

		/// Most pieces of equipment one attestation lists.
		#[pallet::constant]
		type MaxEquipmentPerAttestation: Get<u32>;

		/// Most media items one attestation carries.
		#[pallet::constant]
		type MaxMediaPerAttestation: Get<u32>;

		/// Most attestations indexed under one unit or lot.
		#[pallet::constant]
		type MaxAttestationsPerUnit: Get<u32>;

		/// Most attestations indexed under one order line.
		#[pallet::constant]
		type MaxAttestationsPerOrder: Get<u32>;

		/// How far (ms) an inspection's end may lie ahead of the chain time, for clock drift.
		#[pallet::constant]
		type MaxClockDrift: Get<u64>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Provides an agency operator to benchmark with.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Each agency's accreditations, in registration order.
	#[pallet::storage]
	pub type Accreditations<T: Config> = StorageMap<
		_,
		Twox64Concat,
		OrgId,
		BoundedVec<Accreditation, T::MaxAccreditations>,
		ValueQuery,
	>;

	/// Inspectors by id.
	#[pallet::storage]
	pub type Inspectors<T: Config> = StorageMap<_, Blake2_128Concat, InspectorId, Inspector<T>>;

	/// Equipment by id.
	#[pallet::storage]
	pub type EquipmentRegistry<T: Config> = StorageMap<_, Blake2_128Concat, EquipmentId, Equipment>;

	/// The calibrations a piece of equipment's recalibrations superseded, oldest first: an
	/// inspection is judged on the calibration valid at its time.
	#[pallet::storage]
	pub type PastEquipmentCalibrations<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		EquipmentId,
		BoundedVec<
			evidence_primitives::Calibration,
			ConstU32<{ evidence_primitives::MAX_PAST_CALIBRATIONS }>,
		>,
		ValueQuery,
	>;

	/// Published protocol versions.
	#[pallet::storage]
	pub type Protocols<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ProtocolId,
		Twox64Concat,
		ProtocolVersion,
		TestProtocol<T>,
	>;

	/// The latest version of each protocol.
	#[pallet::storage]
	pub type LatestProtocolVersion<T: Config> =
		StorageMap<_, Twox64Concat, ProtocolId, ProtocolVersion>;

	/// The id the next new protocol gets.
	#[pallet::storage]
	pub type NextProtocolId<T> = StorageValue<_, ProtocolId, ValueQuery>;

	/// Attestations by id.
	#[pallet::storage]
	pub type Attestations<T: Config> =
		StorageMap<_, Blake2_128Concat, AttestationId, Attestation<T>>;

	/// Attestations of each unit or lot, oldest first.
	#[pallet::storage]
	pub type AttestationsByUnit<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		ObjectKey,
		BoundedVec<AttestationId, T::MaxAttestationsPerUnit>,
		ValueQuery,
	>;

	/// Attestations of each order line, oldest first.
	#[pallet::storage]
	pub type AttestationsByOrder<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		OrderRef,
		BoundedVec<AttestationId, T::MaxAttestationsPerOrder>,
		ValueQuery,
	>;

	/// Places each organisation holds in this pallet's shared attestation lists, by unit or order:
	/// none holds more than its share of a list ([`evidence_primitives::index_share`]), so
	/// no member can fill a unit's or order's list and lock the others out of it.
	#[pallet::storage]
	pub type IndexPlaces<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		evidence_primitives::IndexKey,
		Twox64Concat,
		OrgId,
		u32,
		ValueQuery,
	>;

	/// Events of the inspection pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An agency registered an accreditation at `index` of its list.
		AccreditationRegistered {
			agency: OrgId,
			index: AccreditationIndex,
			scheme: AccreditationScheme,
			valid_until: u64,
		},
		/// An agency registered an inspector.
		InspectorRegistered { agency: OrgId, inspector: InspectorId, valid_until: u64 },
		/// An agency revoked an inspector's qualification.
		InspectorRevoked { agency: OrgId, inspector: InspectorId },
		/// Governance found an accreditation or a qualification void from `from` (unix ms) on.
		AuthorityWithdrawn { authority: Authority, from: u64 },
		/// An agency registered a piece of equipment.
		EquipmentRegistered {
			agency: OrgId,
			equipment: EquipmentId,
			kind: EquipmentKind,
			calibration_due: u64,
		},
		/// A piece of equipment was recalibrated.
		CalibrationUpdated {
			agency: OrgId,
			equipment: EquipmentId,
			certificate: H256,
			calibration_due: u64,
		},
		/// An agency published a protocol version.
		ProtocolPublished {
			owner: OrgId,
			protocol: ProtocolId,
			version: ProtocolVersion,
			category: Code,
		},
		/// An agency attested an inspection.
		Attested {
			attestation: AttestationId,
			agency: OrgId,
			inspector: InspectorId,
			protocol: ProtocolId,
			protocol_version: ProtocolVersion,
			verdict: Verdict,
		},
		/// An attestation was replaced by a corrected one.
		AttestationSuperseded {
			attestation: AttestationId,
			by: AttestationId,
			reason: ChangeReason,
		},
		/// An attestation was revoked.
		AttestationRevoked { attestation: AttestationId, reason: ChangeReason, by: T::AccountId },
	}

	/// Errors of the inspection pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The signer acts for no organisation.
		NotAMember,
		/// The signer's organisation is suspended.
		OrganisationSuspended,
		/// The signer's organisation is not an inspection agency.
		NotAnInspectionAgency,
		/// A validity period must start before it ends.
		InvalidValidityPeriod,
		/// The agency holds `MaxAccreditations` accreditations already.
		TooManyAccreditations,
		/// An inspector qualification must cover at least one product category.
		NoProductCategories,
		/// The agency registered an inspector under this reference already.
		InspectorAlreadyRegistered,
		/// No inspector with this id.
		UnknownInspector,
		/// The inspector works for another agency.
		InspectorNotOfAgency,
		/// The inspector's qualification is revoked.
		InspectorRevoked,
		/// Governance withdrew the inspector's qualification from a time before the
		/// inspection end.
		InspectorQualificationWithdrawn,
		/// The agency has no accreditation at that index.
		UnknownAccreditation,
		/// The accreditation or qualification was withdrawn already.
		AlreadyWithdrawn,
		/// A withdrawal takes effect at a time that has passed (now at the latest).
		WithdrawalInFuture,
		/// The inspector's qualification is not valid yet at the inspection start.
		InspectorNotYetQualified,
		/// The inspector's qualification expired before the inspection end.
		InspectorQualificationExpired,
		/// The inspector is not qualified for the protocol's product category.
		InspectorNotQualified,
		/// The agency registered equipment under this reference already.
		EquipmentAlreadyRegistered,
		/// No equipment with this id.
		UnknownEquipment,
		/// The equipment belongs to another agency.
		EquipmentNotOfAgency,
		/// The equipment's current calibration starts after the inspection start.
		EquipmentNotYetCalibrated,
		/// The equipment's calibration was due before the inspection end.
		EquipmentCalibrationExpired,
		/// A recalibration must be later than the calibration it supersedes.
		CalibrationNotLater,
		/// The equipment keeps `MAX_PAST_CALIBRATIONS` superseded calibrations already.
		TooManyCalibrations,
		/// A protocol needs at least one test item.
		NoTestItems,
		/// Two test items of a protocol share a code.
		DuplicateTestItem,
		/// A test item's lower limit is above its upper limit.
		InvalidLimits,
		/// An AQL plan needs a sample, Ac below Re, Re = Ac + 1, and Re within the sample.
		InvalidSamplingPlan,
		/// No protocol with this id (or version).
		UnknownProtocol,
		/// Only the agency that published a protocol publishes its next version.
		NotProtocolOwner,
		/// A new version must keep the protocol's product category.
		ProtocolCategoryChanged,
		/// The protocol has reached the highest version number.
		ProtocolVersionOverflow,
		/// Every protocol id is taken.
		TooManyProtocols,
		/// The agency holds no accreditation valid over the inspection.
		NoValidAccreditation,
		/// The agency attested under this reference already.
		AttestationIdInUse,
		/// The inspection ends before it starts.
		InvalidInspectionWindow,
		/// The inspection ends in the future (beyond the allowed clock drift).
		InspectionInFuture,
		/// An attestation must name at least one unit.
		NoSubjects,
		/// A unit is listed twice.
		DuplicateSubject,
		/// Unit-level protocols attest units; AQL protocols attest a lot.
		SubjectsDoNotMatchSampling,
		/// The lot holds fewer units than the sample.
		LotSmallerThanSample,
		/// A result names an item the protocol does not have.
		UnknownTestItem,
		/// Two results name the same test item.
		DuplicateResult,
		/// A result's unit is not its test item's unit.
		UnitMismatch,
		/// A Pass or Fail result without its raw value.
		MissingValue,
		/// A NotTested or NotApplicable result with a value.
		UnexpectedValue,
		/// A stated Pass or Fail contradicts the raw value and the item's limits.
		VerdictContradictsValue,
		/// A required test item is marked NotApplicable.
		RequiredItemNotApplicable,
		/// A required test item has no result.
		RequiredItemMissing,
		/// AQL protocols need an AQL result; unit-level ones take none.
		AqlResultMismatch,
		/// The AQL result's sample size is not the protocol's.
		AqlSampleSizeMismatch,
		/// More defects than sampled units.
		InvalidAqlResult,
		/// The stated accept/reject contradicts the accept/reject numbers.
		AqlDecisionContradictsCounts,
		/// The overall verdict contradicts the results.
		OverallVerdictContradictsResults,
		/// A unit or lot has `MaxAttestationsPerUnit` attestations already.
		TooManyAttestationsForUnit,
		/// An order line has `MaxAttestationsPerOrder` attestations already.
		TooManyAttestationsForOrder,
		/// A media digest is cited by the most facts one digest may record.
		TooManyCitations,
		/// The agency already holds its share of the digest's citations.
		CitationShareUsed,
		/// The agency already holds its share of a unit's attestation list (a quarter of
		/// `MaxAttestationsPerUnit`).
		AttestationShareOfUnitUsed,
		/// The agency already holds its share of the order's attestation list (a quarter of
		/// `MaxAttestationsPerOrder`).
		AttestationShareOfOrderUsed,
		/// No attestation with this id.
		UnknownAttestation,
		/// Only the agency that issued an attestation may supersede or revoke it.
		NotIssuingAgency,
		/// The attestation is already superseded or revoked.
		AttestationNotValid,
	}

	/// Genesis registries: the `dev` preset ships a demo agency ready to attest.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Accreditations to register.
		pub accreditations: alloc::vec::Vec<GenesisAccreditation>,
		/// Inspectors to register.
		pub inspectors: alloc::vec::Vec<GenesisInspector>,
		/// Equipment to register.
		pub equipment: alloc::vec::Vec<GenesisEquipment>,
		/// Protocols to publish, in order (ids 0, 1, …).
		pub protocols: alloc::vec::Vec<GenesisProtocol>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			self.build_registries();
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register an accreditation of inspection agency `agency`: scheme, certificate number,
		/// hash of the scope document and validity (unix ms, inclusive). Origin: governance
		/// (the council, or root), after checking the certificate with the body that issued
		/// it: an agency never accredits itself.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::register_accreditation())]
		pub fn register_accreditation(
			origin: OriginFor<T>,
			agency: OrgId,
			scheme: AccreditationScheme,
			certificate: CertificateNumber,
			scope: H256,
			valid_from: u64,
			valid_until: u64,
		) -> DispatchResult {
			T::AccreditationOrigin::ensure_origin(origin)?;
			ensure!(
				T::Membership::has_role(agency, Role::InspectionAgency),
				Error::<T>::NotAnInspectionAgency
			);
			Self::do_register_accreditation(
				agency,
				Accreditation {
					scheme,
					certificate,
					scope,
					valid_from,
					valid_until,
					withdrawn: None,
				},
			)
		}

		/// Register an inspector of the signer's agency: `reference` is the hash of its staff
		/// id, and the inspector's id is `record_id(Inspector, agency, reference)` (see
		/// `evidence_primitives::record_id`); then the qualification certificate number, the
		/// product categories it covers and its validity (unix ms, inclusive).
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::register_inspector())]
		pub fn register_inspector(
			origin: OriginFor<T>,
			reference: H256,
			qualification: CertificateNumber,
			categories: BoundedVec<Code, T::MaxCategoriesPerInspector>,
			valid_from: u64,
			valid_until: u64,
		) -> DispatchResult {
			let agency = Self::ensure_agency(origin)?;
			Self::do_register_inspector(
				agency,
				record_id(RecordKind::Inspector, agency, reference),
				Inspector {
					agency,
					qualification,
					categories,
					valid_from,
					valid_until,
					revoked_at: None,
					withdrawn: None,
				},
			)
		}

		/// Revoke the qualification of one of the signer's agency's inspectors. Attestations
		/// made before stay as they are; no new one may name the inspector.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::revoke_inspector())]
		pub fn revoke_inspector(origin: OriginFor<T>, inspector: InspectorId) -> DispatchResult {
			let agency = Self::ensure_agency(origin)?;
			Self::do_revoke_inspector(agency, inspector)
		}

		/// Register a piece of equipment of the signer's agency: `reference` is the hash of its
		/// asset tag, and the equipment's id is `record_id(Equipment, agency, reference)`; then
		/// kind, model, serial, calibration certificate hash, calibration date and due date
		/// (unix ms).
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::register_equipment())]
		#[allow(clippy::too_many_arguments)]
		pub fn register_equipment(
			origin: OriginFor<T>,
			reference: H256,
			kind: EquipmentKind,
			model: Code,
			serial: Code,
			calibration_certificate: H256,
			calibrated_on: u64,
			calibration_due: u64,
		) -> DispatchResult {
			let agency = Self::ensure_agency(origin)?;
			Self::do_register_equipment(
				record_id(RecordKind::Equipment, agency, reference),
				Equipment {
					owner: agency,
					kind,
					model,
					serial,
					calibration_certificate,
					calibrated_on,
					calibration_due,
				},
			)
		}

		/// Record a new calibration of one of the agency's pieces of equipment: certificate
		/// hash, calibration date and due date (unix ms).
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::update_calibration())]
		pub fn update_calibration(
			origin: OriginFor<T>,
			equipment: EquipmentId,
			certificate: H256,
			calibrated_on: u64,
			calibration_due: u64,
		) -> DispatchResult {
			let agency = Self::ensure_agency(origin)?;
			Self::do_update_calibration(
				agency,
				equipment,
				certificate,
				calibrated_on,
				calibration_due,
			)
		}

		/// Publish a test protocol for a product category: whether the category is a durable
		/// good (rule I8), its sampling plan and test items.
		/// With `previous` none it is a new protocol (version 1); with `previous` the id of one
		/// of the agency's protocols it is that protocol's next version. Published versions
		/// never change.
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::publish_protocol(items.len() as u32))]
		pub fn publish_protocol(
			origin: OriginFor<T>,
			previous: Option<ProtocolId>,
			category: Code,
			durable_good: bool,
			sampling: Sampling,
			items: BoundedVec<TestItem, T::MaxTestItems>,
		) -> DispatchResult {
			let agency = Self::ensure_agency(origin)?;
			Self::do_publish_protocol(
				agency,
				previous,
				TestProtocol { owner: agency, category, durable_good, sampling, items },
			)
			.map(|_| ())
		}

		/// Attest an inspection. `reference` is the hash of the agency's report number; the
		/// attestation's id is `record_id(Attestation, agency, reference)`, so no rival can take
		/// it first. Refused with a named error when the agency is not accredited at the
		/// inspection time, the inspector is not its own, qualified and valid, any equipment is
		/// out of calibration, or a stated outcome or the verdict contradicts the raw values.
		#[pallet::call_index(6)]
		#[pallet::weight(Pallet::<T>::attest_weight(input))]
		pub fn attest(
			origin: OriginFor<T>,
			reference: H256,
			input: AttestationInput<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let agency = Self::ensure_agency_of(&who)?;
			let id = record_id(RecordKind::Attestation, agency, reference);
			Self::do_attest(who, agency, id, input, None)
		}

		/// Replace attestation `old` of the signer's agency by a corrected one, attested with
		/// every check of `attest` under the id `record_id(Attestation, agency, new_reference)`.
		/// The old one stays readable, marked superseded with the reason.
		#[pallet::call_index(7)]
		#[pallet::weight(Pallet::<T>::supersede_weight(input))]
		pub fn supersede_attestation(
			origin: OriginFor<T>,
			old: AttestationId,
			new_reference: H256,
			input: AttestationInput<T>,
			reason: ChangeReason,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let agency = Self::ensure_agency_of(&who)?;
			let new = record_id(RecordKind::Attestation, agency, new_reference);
			Self::do_supersede(who, agency, old, new, input, reason)
		}

		/// Revoke an attestation of the signer's agency, with the reason. It stays readable,
		/// marked revoked.
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::revoke_attestation())]
		pub fn revoke_attestation(
			origin: OriginFor<T>,
			attestation: AttestationId,
			reason: ChangeReason,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let agency = Self::ensure_agency_of(&who)?;
			Self::do_revoke(who, agency, attestation, reason)
		}

		/// Find an agency's accreditation or an inspector's qualification void from `from`
		/// (unix ms, not after now) on: a fraudulent certificate, a finding of the accreditation
		/// body. Attestations whose inspection ended from then on are inadmissible (rule P1) in
		/// every dispute opened after this call; disputes already open keep their facts. Origin:
		/// governance (the council, or root).
		#[pallet::call_index(9)]
		#[pallet::weight(<T as Config>::WeightInfo::withdraw_authority())]
		pub fn withdraw_authority(
			origin: OriginFor<T>,
			authority: Authority,
			from: u64,
		) -> DispatchResult {
			T::AccreditationOrigin::ensure_origin(origin)?;
			Self::do_withdraw_authority(authority, from)
		}
	}
}

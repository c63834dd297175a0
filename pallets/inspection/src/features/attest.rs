//! Attesting an inspection: every check happens before anything is written.

use crate::{
	evaluation::{self, ResultError},
	Attestation, AttestationId, AttestationInput, AttestationStatus, Attestations,
	AttestationsByOrder, AttestationsByUnit, Config, EquipmentRegistry, Error, Event, IndexPlaces,
	Inspectors, Pallet, PastEquipmentCalibrations, Protocols, Purpose, Sampling, Subjects,
};
use alloc::collections::BTreeSet;
use evidence_primitives::{
	facts::ReinspectionObserver, take_index_place, EvidenceKind, EvidenceRegistry, FactKind,
	FactRef, IndexKey, OrgId,
};
use frame_support::{ensure, traits::Get};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Checks `input` for `agency` and stores it as attestation `id` (correcting `supersedes`,
	/// if given), with its indexes and media citations.
	pub(crate) fn do_attest(
		who: T::AccountId,
		agency: OrgId,
		id: AttestationId,
		input: AttestationInput<T>,
		supersedes: Option<AttestationId>,
	) -> DispatchResult {
		ensure!(!Attestations::<T>::contains_key(id), Error::<T>::AttestationIdInUse);
		Self::check_attestation(agency, &input)?;

		// Indexes first: they are the only writes that can still fail besides citations, and a
		// failing call is rolled back as a whole by the dispatcher.
		for key in input.subjects.keys() {
			AttestationsByUnit::<T>::try_mutate(key, |ids| ids.try_push(id))
				.map_err(|_| Error::<T>::TooManyAttestationsForUnit)?;
			take_index_place::<IndexPlaces<T>, _, _>(
				&IndexKey::Unit(key),
				agency,
				T::MaxAttestationsPerUnit::get(),
				Error::<T>::AttestationShareOfUnitUsed,
			)?;
		}
		if let Some(order) = input.order {
			AttestationsByOrder::<T>::try_mutate(order, |ids| ids.try_push(id))
				.map_err(|_| Error::<T>::TooManyAttestationsForOrder)?;
			take_index_place::<IndexPlaces<T>, _, _>(
				&IndexKey::Order(order),
				agency,
				T::MaxAttestationsPerOrder::get(),
				Error::<T>::AttestationShareOfOrderUsed,
			)?;
		}
		let fact = FactRef { kind: FactKind::Attestation, id };
		for media in &input.media {
			T::Evidence::register(&who, agency, media.digest, media.kind, media.captured_at, fact)
				.map_err(Self::citation_refused)?;
		}
		T::Evidence::register(
			&who,
			agency,
			input.report,
			EvidenceKind::Document,
			input.ended_at,
			fact,
		)
		.map_err(Self::citation_refused)?;

		let (purpose, keys) = (input.purpose, input.subjects.keys());
		let event = Event::Attested {
			attestation: id,
			agency,
			inspector: input.inspector,
			protocol: input.protocol,
			protocol_version: input.protocol_version,
			verdict: input.verdict,
		};
		Attestations::<T>::insert(
			id,
			Attestation {
				agency,
				attested_by: who,
				body: input,
				supersedes,
				status: AttestationStatus::Valid,
				block: frame_system::Pallet::<T>::block_number(),
				time: pallet_timestamp::Pallet::<T>::get(),
			},
		);
		Self::deposit_event(event);
		if purpose == Purpose::DisputeReinspection {
			for key in &keys {
				T::OnReinspected::on_reinspected(key, agency);
			}
		}
		Ok(())
	}

	/// Every check of an attestation, in the order an agency would fix them.
	fn check_attestation(agency: OrgId, input: &AttestationInput<T>) -> DispatchResult {
		let (start, end) = (input.started_at, input.ended_at);
		ensure!(start <= end, Error::<T>::InvalidInspectionWindow);
		let now = pallet_timestamp::Pallet::<T>::get();
		ensure!(end <= now.saturating_add(T::MaxClockDrift::get()), Error::<T>::InspectionInFuture);

		let block = Self::current_block();
		ensure!(Self::accredited(agency, start, end, block), Error::<T>::NoValidAccreditation);

		let protocol = Protocols::<T>::get(input.protocol, input.protocol_version)
			.ok_or(Error::<T>::UnknownProtocol)?;

		let inspector =
			Inspectors::<T>::get(input.inspector).ok_or(Error::<T>::UnknownInspector)?;
		ensure!(inspector.agency == agency, Error::<T>::InspectorNotOfAgency);
		ensure!(inspector.revoked_at.is_none(), Error::<T>::InspectorRevoked);
		ensure!(inspector.valid_from <= start, Error::<T>::InspectorNotYetQualified);
		ensure!(end <= inspector.valid_until, Error::<T>::InspectorQualificationExpired);
		ensure!(
			!Self::qualification_withdrawn(&inspector, end, block),
			Error::<T>::InspectorQualificationWithdrawn
		);
		ensure!(
			inspector.categories.contains(&protocol.category),
			Error::<T>::InspectorNotQualified
		);

		let used =
			input.equipment.iter().chain(input.media.iter().filter_map(|m| m.device.as_ref()));
		for id in used {
			let equipment = EquipmentRegistry::<T>::get(id).ok_or(Error::<T>::UnknownEquipment)?;
			ensure!(equipment.owner == agency, Error::<T>::EquipmentNotOfAgency);
			let current = equipment.calibration();
			// Judged on the calibration valid at the inspection: the current one, or one a
			// later recalibration superseded.
			if !current.covers(start, end)
				&& !PastEquipmentCalibrations::<T>::get(id).iter().any(|c| c.covers(start, end))
			{
				ensure!(equipment.calibrated_on <= start, Error::<T>::EquipmentNotYetCalibrated);
				return Err(Error::<T>::EquipmentCalibrationExpired.into());
			}
		}

		match (&input.subjects, &protocol.sampling) {
			(Subjects::Units(units), Sampling::UnitLevel) => {
				ensure!(!units.is_empty(), Error::<T>::NoSubjects);
				let distinct: BTreeSet<_> = units.iter().collect();
				ensure!(distinct.len() == units.len(), Error::<T>::DuplicateSubject);
			},
			(Subjects::Lot { lot_size, .. }, Sampling::Aql { sample_size, .. }) => {
				ensure!(lot_size >= sample_size, Error::<T>::LotSmallerThanSample);
			},
			_ => return Err(Error::<T>::SubjectsDoNotMatchSampling.into()),
		}

		evaluation::check_verdict(
			&protocol.items,
			&protocol.sampling,
			&input.results,
			input.aql.as_ref(),
			input.verdict,
		)
		.map_err(Error::<T>::from)?;
		Ok(())
	}
}

impl<T> From<ResultError> for Error<T> {
	fn from(error: ResultError) -> Self {
		match error {
			ResultError::UnknownTestItem => Error::UnknownTestItem,
			ResultError::DuplicateResult => Error::DuplicateResult,
			ResultError::UnitMismatch => Error::UnitMismatch,
			ResultError::MissingValue => Error::MissingValue,
			ResultError::UnexpectedValue => Error::UnexpectedValue,
			ResultError::VerdictContradictsValue => Error::VerdictContradictsValue,
			ResultError::RequiredItemNotApplicable => Error::RequiredItemNotApplicable,
			ResultError::RequiredItemMissing => Error::RequiredItemMissing,
			ResultError::AqlResultMismatch => Error::AqlResultMismatch,
			ResultError::AqlSampleSizeMismatch => Error::AqlSampleSizeMismatch,
			ResultError::InvalidAqlResult => Error::InvalidAqlResult,
			ResultError::AqlDecisionContradictsCounts => Error::AqlDecisionContradictsCounts,
			ResultError::OverallVerdictContradictsResults => {
				Error::OverallVerdictContradictsResults
			},
		}
	}
}

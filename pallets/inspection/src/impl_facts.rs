//! [`InspectionFacts`] for the liability pallet: a unit's attestations as the rules read them.

use crate::{
	AttestationStatus, Attestations, AttestationsByUnit, Config, Inspectors, Outcome, Pallet,
	Protocols, Purpose, Subjects, Verdict,
};
use alloc::vec::Vec;
use evidence_primitives::{
	facts::{AttestationFact, InspectionFacts, InspectionPurpose, ItemFact, ItemOutcome},
	FactKind, FactRef, ObjectKey,
};
use sp_runtime::traits::UniqueSaturatedInto;

impl<T: Config> InspectionFacts for Pallet<T> {
	fn accredited_now(agency: evidence_primitives::OrgId) -> bool {
		let now = pallet_timestamp::Pallet::<T>::get();
		Self::accredited(agency, now, now, Self::current_block())
	}

	fn attestations_of(key: &ObjectKey, opened_block: u64) -> Vec<AttestationFact> {
		AttestationsByUnit::<T>::get(key)
			.into_iter()
			.filter_map(|id| {
				let attestation = Attestations::<T>::get(id)?;
				let body = &attestation.body;
				let protocol = Protocols::<T>::get(body.protocol, body.protocol_version)?;
				// Every protocol item, with its stated outcome; an item without a result was
				// not tested.
				let items = protocol
					.items
					.iter()
					.map(|item| {
						let outcome = body.results.iter().find(|r| r.item == item.code).map_or(
							ItemOutcome::NotTested,
							|r| match r.outcome {
								Outcome::Pass => ItemOutcome::Pass,
								Outcome::Fail => ItemOutcome::Fail,
								Outcome::NotTested => ItemOutcome::NotTested,
								Outcome::NotApplicable => ItemOutcome::NotApplicable,
							},
						);
						ItemFact {
							code: item.code.to_vec(),
							damage_mode: item.damage_mode,
							required: item.required,
							outcome,
						}
					})
					.collect();
				Some(AttestationFact {
					fact: FactRef { kind: FactKind::Attestation, id },
					agency: attestation.agency,
					order: body.order,
					inspected_at: body.ended_at,
					recorded_block: UniqueSaturatedInto::<u64>::unique_saturated_into(
						attestation.block,
					),
					durable_good: protocol.durable_good,
					packaging_certified: body
						.packaging
						.is_some_and(|packaging| packaging.certified_for_product),
					purpose: match body.purpose {
						Purpose::PreShipment => InspectionPurpose::PreShipment,
						Purpose::AtPickup => InspectionPurpose::AtPickup,
						Purpose::ReturnIntake => InspectionPurpose::ReturnIntake,
						Purpose::DisputeReinspection => InspectionPurpose::DisputeReinspection,
					},
					unit_level: matches!(body.subjects, Subjects::Units(_)),
					conformant: body.verdict == Verdict::Conformant,
					// Accreditation, qualification, calibration and membership were checked
					// when it was attested; it stays admissible (P1) unless governance found
					// the accreditation or the inspector's qualification void over the
					// inspection before the dispute opened.
					admissible: Self::accredited(
						attestation.agency,
						body.started_at,
						body.ended_at,
						opened_block,
					) && Inspectors::<T>::get(body.inspector).is_some_and(
						|inspector| {
							!Self::qualification_withdrawn(&inspector, body.ended_at, opened_block)
						},
					),
					// Withdrawn only if revoked or superseded by the time the dispute opened: a
					// later withdrawal by its agency does not take it out of that dispute.
					in_force: match attestation.status {
						AttestationStatus::Valid => true,
						AttestationStatus::Superseded { at, .. }
						| AttestationStatus::Revoked { at, .. } => {
							UniqueSaturatedInto::<u64>::unique_saturated_into(at) > opened_block
						},
					},
					items,
				})
			})
			.collect()
	}
}

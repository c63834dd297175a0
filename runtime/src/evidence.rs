//! The runtime's answers to [`evidence_primitives::api::EvidenceApi`]: the whole story of an
//! order, a unit or a dispute, composed from the pallets' own records (their types are in the
//! metadata, so clients decode them without custom definitions).

use crate::{BlockNumber, Runtime};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use evidence_primitives::{FactKind, FactRef, ObjectKey, OrderRef};
use scale_info::TypeInfo;
use sp_core::H256;

/// At most this many attestations in one answer (the order's own, then its units').
pub const MAX_ATTESTATIONS: usize = 256;

/// An attestation with its id.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct AttestationEntry {
	/// The attestation id.
	pub id: H256,
	/// The attestation as stored, with its block.
	pub attestation: pallet_inspection::Attestation<Runtime>,
}

/// A sensor digest of a leg, by device.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct DigestEntry {
	/// The device that signed it.
	pub device: H256,
	/// The digest, the condition the chain found, and its block.
	pub record: pallet_logistics::SensorDigestRecord<BlockNumber>,
}

/// A custody leg with its sensor digests.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct LegEntry {
	/// Leg index from 0.
	pub index: u32,
	/// The id under which a verdict cites the leg.
	pub fact: H256,
	/// Custodian, open and close times, condition.
	pub leg: pallet_logistics::Leg,
	/// The digests its loggers reported.
	pub digests: Vec<DigestEntry>,
}

/// A checkpoint with the id verdicts and media cite it by.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct CheckpointEntry {
	/// Checkpoint index from 0.
	pub index: u32,
	/// The id under which a verdict or a media digest cites it.
	pub fact: H256,
	/// The checkpoint as stored, with its block.
	pub checkpoint: pallet_logistics::Checkpoint<Runtime>,
}

/// A shipment with its legs and checkpoints.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ShipmentEntry {
	/// The shipment id.
	pub id: H256,
	/// The shipment as stored.
	pub shipment: pallet_logistics::Shipment<Runtime>,
	/// Its custody legs, in order.
	pub legs: Vec<LegEntry>,
	/// Its checkpoints, in order.
	pub checkpoints: Vec<CheckpointEntry>,
}

/// A dispute with its id.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct DisputeEntry {
	/// The dispute id.
	pub id: u64,
	/// The dispute as stored: claim, parties, evidence, frozen rule set, status, verdict.
	pub dispute: pallet_liability::Dispute<Runtime>,
}

/// Everything the chain knows about an order line.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct OrderEvidence {
	/// The order line.
	pub order: OrderRef,
	/// Attestations naming the order, then those of its units, oldest first.
	pub attestations: Vec<AttestationEntry>,
	/// Whether attestations were left out beyond [`MAX_ATTESTATIONS`].
	pub attestations_truncated: bool,
	/// Its shipments.
	pub shipments: Vec<ShipmentEntry>,
	/// Its disputes.
	pub disputes: Vec<DisputeEntry>,
}

/// One fact of a unit's history, at the block that recorded it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct TimelineEntry {
	/// The block.
	pub block: BlockNumber,
	/// The fact.
	pub fact: FactRef,
}

/// Everything the chain knows about one unit.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct UnitPassport {
	/// The unit.
	pub unit: ObjectKey,
	/// Every fact about it, oldest first.
	pub timeline: Vec<TimelineEntry>,
	/// Its attestations.
	pub attestations: Vec<AttestationEntry>,
	/// The shipments that carried it.
	pub shipments: Vec<ShipmentEntry>,
	/// The disputes about it.
	pub disputes: Vec<DisputeEntry>,
}

/// What `preview_verdict` answers: the rules' verdict, or why there is none.
pub type Preview = Result<pallet_liability::rules::Verdict, pallet_liability::Error<Runtime>>;

fn attestation(id: H256) -> Option<AttestationEntry> {
	pallet_inspection::Attestations::<Runtime>::get(id)
		.map(|attestation| AttestationEntry { id, attestation })
}

fn dispute_entry(id: u64) -> Option<DisputeEntry> {
	pallet_liability::Disputes::<Runtime>::get(id).map(|dispute| DisputeEntry { id, dispute })
}

fn shipment(id: H256) -> Option<ShipmentEntry> {
	let shipment = pallet_logistics::Shipments::<Runtime>::get(id)?;
	let legs = (0..=shipment.current_leg)
		.filter_map(|index| {
			let leg = pallet_logistics::Legs::<Runtime>::get(id, index)?;
			let digests = pallet_logistics::SensorDigests::<Runtime>::iter_prefix((id, index))
				.map(|(device, record)| DigestEntry { device, record })
				.collect();
			Some(LegEntry { index, fact: pallet_logistics::leg_fact_id(&id, index), leg, digests })
		})
		.collect();
	let checkpoints = (0..shipment.checkpoint_count)
		.filter_map(|index| {
			pallet_logistics::Checkpoints::<Runtime>::get(id, index).map(|checkpoint| {
				CheckpointEntry {
					index,
					fact: pallet_logistics::checkpoint_fact_id(&id, index),
					checkpoint,
				}
			})
		})
		.collect();
	Some(ShipmentEntry { id, shipment, legs, checkpoints })
}

/// Attestation ids in order of first appearance, without repeats, at most the bound.
fn attestations(ids: impl Iterator<Item = H256>) -> (Vec<AttestationEntry>, bool) {
	let mut seen: Vec<H256> = Vec::new();
	let mut truncated = false;
	for id in ids {
		if seen.contains(&id) {
			continue;
		}
		if seen.len() == MAX_ATTESTATIONS {
			truncated = true;
			break;
		}
		seen.push(id);
	}
	let mut entries: Vec<_> = seen.into_iter().filter_map(attestation).collect();
	entries.sort_by_key(|e| e.attestation.block);
	(entries, truncated)
}

/// `EvidenceApi::order_evidence`.
pub fn order_evidence(order: OrderRef) -> Option<OrderEvidence> {
	let shipments: Vec<ShipmentEntry> = pallet_logistics::ShipmentsByOrder::<Runtime>::get(order)
		.into_iter()
		.filter_map(shipment)
		.collect();
	let units: Vec<ObjectKey> =
		shipments.iter().flat_map(|s| s.shipment.units.iter().copied()).collect();
	let (attestations, attestations_truncated) = attestations(
		pallet_inspection::AttestationsByOrder::<Runtime>::get(order).into_iter().chain(
			units
				.iter()
				.flat_map(|unit| pallet_inspection::AttestationsByUnit::<Runtime>::get(unit)),
		),
	);
	let disputes: Vec<DisputeEntry> = pallet_liability::DisputesByOrder::<Runtime>::get(order)
		.into_iter()
		.filter_map(dispute_entry)
		.collect();
	if shipments.is_empty() && attestations.is_empty() && disputes.is_empty() {
		return None;
	}
	Some(OrderEvidence { order, attestations, attestations_truncated, shipments, disputes })
}

/// `EvidenceApi::unit_passport`.
pub fn unit_passport(unit: ObjectKey) -> Option<UnitPassport> {
	let (attestations, _) =
		attestations(pallet_inspection::AttestationsByUnit::<Runtime>::get(unit).into_iter());
	let shipments: Vec<ShipmentEntry> = pallet_logistics::ShipmentsByUnit::<Runtime>::get(unit)
		.into_iter()
		.filter_map(shipment)
		.collect();
	let disputes: Vec<DisputeEntry> = pallet_liability::DisputesByUnit::<Runtime>::get(unit)
		.into_iter()
		.filter_map(dispute_entry)
		.collect();
	if shipments.is_empty() && attestations.is_empty() && disputes.is_empty() {
		return None;
	}
	let mut timeline: Vec<TimelineEntry> = Vec::new();
	let mut add =
		|block, kind, id| timeline.push(TimelineEntry { block, fact: FactRef { kind, id } });
	for a in &attestations {
		add(a.attestation.block, FactKind::Attestation, a.id);
	}
	for s in &shipments {
		for c in &s.checkpoints {
			add(c.checkpoint.block, FactKind::Checkpoint, c.fact);
		}
		for leg in &s.legs {
			for d in &leg.digests {
				add(d.record.block, FactKind::SensorDigest, leg.fact);
			}
		}
	}
	for d in &disputes {
		let mut id = [0u8; 32];
		id[24..].copy_from_slice(&d.id.to_be_bytes());
		add(d.dispute.opened_block, FactKind::DisputeEvidence, H256(id));
	}
	timeline.sort_by_key(|entry| entry.block);
	Some(UnitPassport { unit, timeline, attestations, shipments, disputes })
}

/// `EvidenceApi::dispute`.
pub fn dispute(id: u64) -> Option<DisputeEntry> {
	dispute_entry(id)
}

/// `EvidenceApi::preview_verdict`.
pub fn preview_verdict(claim: pallet_liability::Claim<Runtime>) -> Preview {
	pallet_liability::Pallet::<Runtime>::preview_verdict(&claim)
}

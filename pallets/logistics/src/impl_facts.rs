//! [`LogisticsFacts`] for the liability pallet: a shipment's parties, legs and delivery as the
//! rules read them.

use crate::{
	checkpoint_fact_id, Checkpoint, CheckpointIndex, CheckpointKind, Checkpoints, Config,
	ExcursionKind, LegCondition, Legs, Pallet, Profiles, ReceiptMode, Reservation, SensorDigests,
	ShipmentId, Shipments,
};
use alloc::vec::Vec;
use codec::Encode;
use evidence_primitives::{
	facts::{
		DeliveryFact, Excursion, LegFact, LegState, LogisticsFacts, Receipt, ShipmentFact,
		ShipmentParties,
	},
	FactKind, FactRef,
};
use sp_core::H256;

/// Gross weights differing by more than this (per mille) between pickup and delivery are a
/// fraud signal.
pub const WEIGHT_TOLERANCE_PER_MILLE: u64 = 50;

/// The id under which a custody leg is cited: BLAKE2b-256 of `SCALE(b"leg", shipment, index)`.
pub fn leg_fact_id(shipment: &ShipmentId, index: u32) -> H256 {
	H256(sp_io::hashing::blake2_256(&(b"leg", shipment, index).encode()))
}

/// A delivery checkpoint as the rules read it.
pub(crate) fn delivery_fact<T: Config>(
	shipment: &ShipmentId,
	index: CheckpointIndex,
	delivered: &Checkpoint<T>,
) -> DeliveryFact {
	DeliveryFact {
		fact: FactRef { kind: FactKind::Checkpoint, id: checkpoint_fact_id(shipment, index) },
		at: delivered.observation.event_time,
		receipt: match delivered.receipt.unwrap_or(ReceiptMode::Unsigned) {
			ReceiptMode::ConsigneeSigned => Receipt::ConsigneeSigned,
			ReceiptMode::ConsentedProxy => Receipt::ConsentedProxy,
			ReceiptMode::LockerWithConsent => Receipt::LockerWithConsent,
			ReceiptMode::LockerWithoutConsent => Receipt::LockerWithoutConsent,
			ReceiptMode::Unsigned => Receipt::Unsigned,
		},
		reservation: !delivered.observation.reservations.is_empty(),
		carrier: delivered.from.unwrap_or(delivered.recorded_by_org),
	}
}

fn state(condition: LegCondition) -> LegState {
	match condition {
		LegCondition::NoData => LegState::NoData,
		LegCondition::Clean => LegState::Clean,
		LegCondition::Gap => LegState::Gap,
		LegCondition::Excursion { kind, first_at } => LegState::Excursion {
			kind: match kind {
				ExcursionKind::Temperature => Excursion::Temperature,
				ExcursionKind::Freeze => Excursion::Freeze,
				ExcursionKind::Shock => Excursion::Shock,
				ExcursionKind::Humidity => Excursion::Humidity,
			},
			at: first_at,
		},
	}
}

impl<T: Config> LogisticsFacts for Pallet<T> {
	fn parties_of(shipment: &H256) -> Option<ShipmentParties> {
		let record = Shipments::<T>::get(shipment)?;
		let custodians = (0..=record.current_leg)
			.filter_map(|i| Legs::<T>::get(shipment, i))
			.map(|l| l.custodian);
		Some(ShipmentParties {
			order: record.order,
			shipper: record.shipper,
			units: record.units.to_vec(),
			custodians: custodians.collect(),
		})
	}

	fn shipment_facts(shipment: &H256) -> Option<ShipmentFact> {
		let record = Shipments::<T>::get(shipment)?;
		let profile = Profiles::<T>::get(record.profile, record.profile_version)?.profile;
		let legs: Vec<LegFact> = (0..=record.current_leg)
			.filter_map(|index| {
				let leg = Legs::<T>::get(shipment, index)?;
				// Two devices disagree when one saw the leg clean and another an excursion.
				let conditions: Vec<LegCondition> =
					SensorDigests::<T>::iter_prefix_values((*shipment, index))
						.map(|d| d.condition)
						.collect();
				let conflicting = conditions.contains(&LegCondition::Clean)
					&& conditions.iter().any(|c| matches!(c, LegCondition::Excursion { .. }));
				Some(LegFact {
					fact: FactRef { kind: FactKind::CustodyLeg, id: leg_fact_id(shipment, index) },
					custodian: leg.custodian,
					opened_at: leg.opened_at.unwrap_or_default(),
					closed_at: leg.closed_at,
					state: state(leg.condition),
					// Digests that fail a check never reach storage.
					data_excluded: false,
					conflicting_devices: conflicting,
				})
			})
			.collect();
		let checkpoints: Vec<_> = (0..record.checkpoint_count)
			.filter_map(|i| Checkpoints::<T>::get(shipment, i).map(|c| (i, c)))
			.collect();
		let pickup = checkpoints.iter().find(|(_, c)| c.kind == CheckpointKind::Pickup);
		let delivered = checkpoints.iter().find(|(_, c)| c.kind == CheckpointKind::Delivered);
		let weight_changed = match (pickup, delivered) {
			(Some((_, p)), Some((_, d))) => match (p.observation.package, d.observation.package) {
				(Some(before), Some(after)) => {
					let (before, after) =
						(u64::from(before.gross_weight_grams), u64::from(after.gross_weight_grams));
					before.abs_diff(after).saturating_mul(1_000)
						> before.saturating_mul(WEIGHT_TOLERANCE_PER_MILLE)
				},
				_ => false,
			},
			_ => false,
		};
		let missing = delivered.is_some_and(|(_, d)| {
			d.observation
				.reservations
				.iter()
				.any(|r| matches!(r, Reservation::Missing | Reservation::WeightMismatch))
		});
		let delivery = delivered.map(|(index, d)| delivery_fact(shipment, *index, d));
		Some(ShipmentFact {
			fact: FactRef { kind: FactKind::Shipment, id: *shipment },
			legs,
			delivery,
			pickup_reservation: pickup.is_some_and(|(_, p)| !p.observation.reservations.is_empty()),
			temperature_sensitive: profile.temperature.is_some()
				|| profile.freeze_limit_centi_celsius.is_some(),
			handover_tolerance_ms: profile.handover_tolerance_ms,
			// Packaging certification and force majeure are not recorded on chain yet.
			packaging_certified: false,
			declared_value: record.declared_value.minor_units,
			fraud_signal: weight_changed || missing,
			force_majeure: false,
		})
	}
}

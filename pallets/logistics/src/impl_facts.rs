//! [`LogisticsFacts`] for the liability pallet: a shipment's parties, legs and delivery as the
//! rules read them.

use crate::{
	checkpoint_fact_id, conditions, Checkpoint, CheckpointIndex, CheckpointKind, Checkpoints,
	Config, Devices, Leg, LegIndex, Legs, Pallet, Profiles, Reservation, SensorDigests, Shipment,
	ShipmentId, Shipments,
};
use alloc::vec::Vec;
use codec::Encode;
use evidence_primitives::{
	facts::{
		DeliveryFact, LegFact, LegState, LogisticsFacts, Receipt, ShipmentFact, ShipmentParties,
	},
	FactKind, FactRef, OrgId,
};
use sp_core::H256;
use sp_runtime::traits::UniqueSaturatedInto;

/// Gross weights differing by more than this (per mille) between pickup and delivery are a
/// fraud signal.
pub const WEIGHT_TOLERANCE_PER_MILLE: u64 = 50;

/// The id under which a custody leg is cited: BLAKE2b-256 of `SCALE(b"leg", shipment, index)`.
pub fn leg_fact_id(shipment: &ShipmentId, index: u32) -> H256 {
	H256(sp_io::hashing::blake2_256(&(b"leg", shipment, index).encode()))
}

/// A delivery checkpoint of a shipment shipped by `shipper`, as the rules read it.
pub(crate) fn delivery_fact<T: Config>(
	shipment: &ShipmentId,
	index: CheckpointIndex,
	delivered: &Checkpoint<T>,
	shipper: OrgId,
) -> DeliveryFact {
	DeliveryFact {
		fact: FactRef { kind: FactKind::Checkpoint, id: checkpoint_fact_id(shipment, index) },
		at: delivered.observation.event_time,
		receipt: delivered.receipt.unwrap_or(Receipt::Unsigned),
		reservation: !delivered.observation.reservations.is_empty(),
		carrier: delivered.from.unwrap_or(delivered.recorded_by_org),
		media: !delivered.observation.media.is_empty(),
		by_shipper: delivered.recorded_by_org == shipper,
	}
}

/// The outbound custody legs of `record`: each opened by its carrier's own pickup or accepted
/// handover (leg 0 before its pickup is nobody's custody), up to the leg the delivery closed
/// (the legs after it carry a return).
fn outbound_legs<T: Config>(id: &ShipmentId, record: &Shipment<T>) -> Vec<(LegIndex, Leg)> {
	let last = record.delivered_leg.unwrap_or(record.current_leg);
	(0..=last)
		.filter_map(|index| Legs::<T>::get(id, index).map(|leg| (index, leg)))
		.filter(|(_, leg)| leg.opened_at.is_some())
		.collect()
}

impl<T: Config> LogisticsFacts for Pallet<T> {
	fn parties_of(shipment: &H256) -> Option<ShipmentParties> {
		let record = Shipments::<T>::get(shipment)?;
		let mut custodians = Vec::new();
		let mut delivered_at = None;
		for (index, leg) in outbound_legs(shipment, &record) {
			if !custodians.contains(&leg.custodian) {
				custodians.push(leg.custodian);
			}
			if record.delivered_leg == Some(index) {
				delivered_at = leg.closed_at;
			}
		}
		Some(ShipmentParties {
			order: record.order,
			shipper: record.shipper,
			platform: record.platform,
			units: record.units.to_vec(),
			custodians,
			delivered_at,
		})
	}

	fn shipment_facts(shipment: &H256, opened_block: u64) -> Option<ShipmentFact> {
		let record = Shipments::<T>::get(shipment)?;
		let profile = Profiles::<T>::get(record.profile, record.profile_version)?.profile;
		let checkpoints: Vec<_> = (0..record.checkpoint_count)
			.filter_map(|i| Checkpoints::<T>::get(shipment, i).map(|c| (i, c)))
			.collect();
		// Handovers whose reservations the carrier handing over acknowledged, by the leg they
		// closed (a handover checkpoint belongs to the leg it opens).
		let noted_at_close = |index: LegIndex| {
			checkpoints.iter().any(|(_, c)| {
				c.kind == CheckpointKind::Handover
					&& c.leg == index + 1
					&& c.acknowledged
					&& !c.observation.reservations.is_empty()
			})
		};
		// The block of the checkpoint that opened each leg: the pickup for leg 0, the accepted
		// handover for the others.
		let opened_in_block = |index: LegIndex| {
			checkpoints
				.iter()
				.find(|(_, c)| {
					c.leg == index
						&& matches!(c.kind, CheckpointKind::Pickup | CheckpointKind::Handover)
				})
				.map_or(0, |(_, c)| c.block.unique_saturated_into())
		};
		let legs: Vec<LegFact> = outbound_legs(shipment, &record)
			.into_iter()
			.map(|(index, leg)| {
				// A digest of a device governance withdrew over its window is inadmissible
				// (P1): the leg is judged on the other digests.
				let (admissible, excluded): (Vec<_>, Vec<_>) =
					SensorDigests::<T>::iter_prefix((*shipment, index)).partition(|(device, d)| {
						!Devices::<T>::get(device)
							.and_then(|device| device.withdrawn)
							.is_some_and(|w| w.voids(d.summary.window_end, opened_block))
					});
				let data_excluded = !excluded.is_empty();
				let (state, excursions) = if data_excluded {
					let mut excursions = Vec::new();
					let state = admissible.iter().fold(LegState::NoData, |state, (_, d)| {
						if matches!(d.condition, LegState::Excursion { .. }) {
							conditions::merge_excursions(
								&mut excursions,
								&conditions::excursions(&profile, &d.summary),
							);
						}
						conditions::combine(state, d.condition)
					});
					(state, excursions)
				} else {
					(leg.condition, leg.excursions.to_vec())
				};
				// Two devices disagree when one saw the leg clean and another an excursion.
				let conditions: Vec<LegState> =
					admissible.iter().map(|(_, d)| d.condition).collect();
				let conflicting = conditions.contains(&LegState::Clean)
					&& conditions.iter().any(|c| matches!(c, LegState::Excursion { .. }));
				LegFact {
					fact: FactRef { kind: FactKind::CustodyLeg, id: leg_fact_id(shipment, index) },
					custodian: leg.custodian,
					opened_at: leg.opened_at.unwrap_or_default(),
					closed_at: leg.closed_at,
					opened_in_block: opened_in_block(index),
					state,
					excursions,
					data_excluded,
					conflicting_devices: conflicting,
					damage_noted_at_close: noted_at_close(index),
				}
			})
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
		let delivery =
			delivered.map(|(index, d)| delivery_fact(shipment, *index, d, record.shipper));
		Some(ShipmentFact {
			fact: FactRef { kind: FactKind::Shipment, id: *shipment },
			legs,
			delivery,
			// A carrier's reservation at pickup counts only once the shipper acknowledged it.
			pickup_reservation: pickup
				.is_some_and(|(_, p)| p.acknowledged && !p.observation.reservations.is_empty()),
			temperature_sensitive: profile.temperature.is_some()
				|| profile.freeze_limit_centi_celsius.is_some(),
			handover_tolerance_ms: profile.handover_tolerance_ms,
			logger_required: profile.temperature.is_some()
				|| profile.freeze_limit_centi_celsius.is_some()
				|| profile.humidity.is_some()
				|| profile.shock.is_some(),
			declared_value: record.declared_value,
			fraud_signal: weight_changed || missing,
			force_majeure: checkpoints.iter().any(|(_, c)| {
				matches!(c.kind, CheckpointKind::CustomsOpened | CheckpointKind::ForceMajeure)
					&& c.acknowledged
			}),
		})
	}
}

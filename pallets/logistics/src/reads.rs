//! Reads served by the `LogisticsApi` runtime API.

use crate::{Config, DeviceId, LegIndex, Pallet, SensorDigests, ShipmentId};
use evidence_primitives::{
	merkle::{self, InclusionProof},
	SensorReading,
};

impl<T: Config> Pallet<T> {
	/// Whether `reading` is leaf `proof.leaf_index` of the readings root that `device` signed
	/// for leg `leg` of `shipment`. Unknown digests and malformed proofs are `false`.
	pub fn verify_reading(
		shipment: ShipmentId,
		leg: LegIndex,
		device: DeviceId,
		reading: SensorReading,
		proof: InclusionProof,
	) -> bool {
		SensorDigests::<T>::get((shipment, leg), device).is_some_and(|record| {
			merkle::verify_reading(
				record.summary.readings_root,
				record.summary.sample_count,
				&reading,
				&proof,
			)
		})
	}
}

//! Weights for `pallet_inspection`.
//!
//! PROVISIONAL until `scripts/benchmark-weights.sh pallet_inspection` regenerates this file
//! from `benchmarking.rs`.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by `pallet_inspection`.
pub trait WeightInfo {
	fn register_accreditation() -> Weight;
	fn register_inspector() -> Weight;
	fn revoke_inspector() -> Weight;
	fn register_equipment() -> Weight;
	fn update_calibration() -> Weight;
	fn publish_protocol(i: u32) -> Weight;
	fn attest(u: u32, r: u32, m: u32, e: u32) -> Weight;
	fn supersede_attestation(u: u32, r: u32, m: u32, e: u32) -> Weight;
	fn revoke_attestation() -> Weight;
}

/// Weights measured on the reference machine, scaled by the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_accreditation() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn register_inspector() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn revoke_inspector() -> Weight {
		Weight::from_parts(18_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn register_equipment() -> Weight {
		Weight::from_parts(18_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn update_calibration() -> Weight {
		Weight::from_parts(18_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn publish_protocol(i: u32) -> Weight {
		Weight::from_parts(25_000_000, 8_000)
			.saturating_add(Weight::from_parts(400_000, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn attest(u: u32, r: u32, m: u32, e: u32) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(u.into()))
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(8_000_000, 0).saturating_mul(m.into()))
			.saturating_add(Weight::from_parts(3_000_000, 0).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(u.into())))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(u.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
	}
	fn supersede_attestation(u: u32, r: u32, m: u32, e: u32) -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(u.into()))
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(8_000_000, 0).saturating_mul(m.into()))
			.saturating_add(Weight::from_parts(3_000_000, 0).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(u.into())))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(u.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
	}
	fn revoke_attestation() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same figures with RocksDB database weights, for tests and mock runtimes.
impl WeightInfo for () {
	fn register_accreditation() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn register_inspector() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn revoke_inspector() -> Weight {
		Weight::from_parts(18_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn register_equipment() -> Weight {
		Weight::from_parts(18_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn update_calibration() -> Weight {
		Weight::from_parts(18_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn publish_protocol(i: u32) -> Weight {
		Weight::from_parts(25_000_000, 8_000)
			.saturating_add(Weight::from_parts(400_000, 0).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn attest(u: u32, r: u32, m: u32, e: u32) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(u.into()))
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(8_000_000, 0).saturating_mul(m.into()))
			.saturating_add(Weight::from_parts(3_000_000, 0).saturating_mul(e.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(u.into())))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(u.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
	}
	fn supersede_attestation(u: u32, r: u32, m: u32, e: u32) -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(u.into()))
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(8_000_000, 0).saturating_mul(m.into()))
			.saturating_add(Weight::from_parts(3_000_000, 0).saturating_mul(e.into()))
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(u.into())))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(e.into())))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(u.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
	}
	fn revoke_attestation() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}

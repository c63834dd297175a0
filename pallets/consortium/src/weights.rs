//! Weights for `pallet_consortium`.
//!
//! PROVISIONAL: these figures are estimates (storage reads/writes of each call at its worst
//! case, plus a fixed execution cost) until `scripts/benchmark-weights.sh` regenerates this
//! file from `benchmarking.rs`. The function names and parameters are those of the benchmarks.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by `pallet_consortium`.
pub trait WeightInfo {
	fn admit_org() -> Weight;
	fn set_roles() -> Weight;
	fn suspend_org() -> Weight;
	fn reinstate_org() -> Weight;
	fn remove_org(o: u32) -> Weight;
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
	fn add_operator() -> Weight;
	fn remove_operator() -> Weight;
	fn set_admin() -> Weight;
}

/// Council synchronisation reads every organisation (at most 64) and rewrites the council.
const COUNCIL_SYNC_READS: u64 = 2 * 64 + 2;
const COUNCIL_SYNC_WRITES: u64 = 3;

/// Weights for `pallet_consortium` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn admit_org() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(5 + COUNCIL_SYNC_READS))
			.saturating_add(T::DbWeight::get().writes(6 + COUNCIL_SYNC_WRITES))
	}
	fn set_roles() -> Weight {
		Weight::from_parts(20_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn suspend_org() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3 + 32 + COUNCIL_SYNC_READS))
			.saturating_add(T::DbWeight::get().writes(1 + COUNCIL_SYNC_WRITES))
	}
	fn reinstate_org() -> Weight {
		Weight::from_parts(45_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2 + COUNCIL_SYNC_READS))
			.saturating_add(T::DbWeight::get().writes(1 + COUNCIL_SYNC_WRITES))
	}
	fn remove_org(o: u32) -> Weight {
		Weight::from_parts(70_000_000, 4_000)
			.saturating_add(Weight::from_parts(8_000_000, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(3 + 32 + COUNCIL_SYNC_READS))
			.saturating_add(T::DbWeight::get().reads((o as u64).saturating_mul(1)))
			.saturating_add(T::DbWeight::get().writes(7 + COUNCIL_SYNC_WRITES))
			.saturating_add(T::DbWeight::get().writes((o as u64).saturating_mul(2)))
	}
	fn add_validator() -> Weight {
		Weight::from_parts(25_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2 + 32))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn add_operator() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn remove_operator() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn set_admin() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(4 + COUNCIL_SYNC_READS))
			.saturating_add(T::DbWeight::get().writes(5 + COUNCIL_SYNC_WRITES))
	}
}

/// For tests.
impl WeightInfo for () {
	fn admit_org() -> Weight {
		RocksDbWeight::get().reads_writes(5, 6)
	}
	fn set_roles() -> Weight {
		RocksDbWeight::get().reads_writes(1, 1)
	}
	fn suspend_org() -> Weight {
		RocksDbWeight::get().reads_writes(3, 1)
	}
	fn reinstate_org() -> Weight {
		RocksDbWeight::get().reads_writes(2, 1)
	}
	fn remove_org(o: u32) -> Weight {
		RocksDbWeight::get().reads_writes(3 + o as u64, 7 + 2 * o as u64)
	}
	fn add_validator() -> Weight {
		RocksDbWeight::get().reads_writes(3, 2)
	}
	fn remove_validator() -> Weight {
		RocksDbWeight::get().reads_writes(2, 2)
	}
	fn add_operator() -> Weight {
		RocksDbWeight::get().reads_writes(4, 3)
	}
	fn remove_operator() -> Weight {
		RocksDbWeight::get().reads_writes(4, 3)
	}
	fn set_admin() -> Weight {
		RocksDbWeight::get().reads_writes(4, 5)
	}
}

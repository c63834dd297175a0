//! Weights for `pallet_liability`. PROVISIONAL: estimates from the storage each call touches
//! (reads and writes counted from the code, execution time rounded up), to be replaced by
//! `scripts/benchmark-weights.sh pallet_liability`, which overwrites this file with figures
//! measured from the pallet's benchmarks.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// Weight functions needed by `pallet_liability`.
pub trait WeightInfo {
	fn publish_rule_set() -> Weight;
	fn open_dispute() -> Weight;
	fn respond_contest() -> Weight;
	fn respond_accept() -> Weight;
	fn submit_evidence() -> Weight;
	fn close_evidence() -> Weight;
	fn challenge() -> Weight;
	fn rule() -> Weight;
	fn appeal() -> Weight;
	fn withdraw() -> Weight;
	fn on_initialize_agenda(n: u32, ) -> Weight;
	fn on_initialize_confirmations(n: u32, ) -> Weight;
}

/// Weights for the runtime, scaled by its database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn publish_rule_set() -> Weight {
		Weight::from_parts(20_000_000, 1500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn open_dispute() -> Weight {
		Weight::from_parts(120_000_000, 40000)
			.saturating_add(T::DbWeight::get().reads(40_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn respond_contest() -> Weight {
		Weight::from_parts(40_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn respond_accept() -> Weight {
		Weight::from_parts(45_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn submit_evidence() -> Weight {
		Weight::from_parts(30_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn close_evidence() -> Weight {
		Weight::from_parts(250_000_000, 60000)
			.saturating_add(T::DbWeight::get().reads(60_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn challenge() -> Weight {
		Weight::from_parts(40_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn rule() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	fn appeal() -> Weight {
		Weight::from_parts(40_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(30_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn on_initialize_agenda(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1500)
			.saturating_add(Weight::from_parts(250_000_000, 60000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().reads((60_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	fn on_initialize_confirmations(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1500)
			.saturating_add(Weight::from_parts(30_000_000, 8000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
}

/// For tests: the same figures with RocksDB weights.
impl WeightInfo for () {
	fn publish_rule_set() -> Weight {
		Weight::from_parts(20_000_000, 1500)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn open_dispute() -> Weight {
		Weight::from_parts(120_000_000, 40000)
			.saturating_add(RocksDbWeight::get().reads(40_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn respond_contest() -> Weight {
		Weight::from_parts(40_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn respond_accept() -> Weight {
		Weight::from_parts(45_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(10_u64))
	}
	fn submit_evidence() -> Weight {
		Weight::from_parts(30_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn close_evidence() -> Weight {
		Weight::from_parts(250_000_000, 60000)
			.saturating_add(RocksDbWeight::get().reads(60_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn challenge() -> Weight {
		Weight::from_parts(40_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn rule() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().writes(11_u64))
	}
	fn appeal() -> Weight {
		Weight::from_parts(40_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(30_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn on_initialize_agenda(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1500)
			.saturating_add(Weight::from_parts(250_000_000, 60000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().reads((60_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	fn on_initialize_confirmations(n: u32, ) -> Weight {
		Weight::from_parts(5_000_000, 1500)
			.saturating_add(Weight::from_parts(30_000_000, 8000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
}

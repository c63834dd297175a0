//! Weights for `pallet_notary`.
//!
//! PROVISIONAL until `scripts/benchmark-weights.sh pallet_notary` regenerates this file from
//! `benchmarking.rs`.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by `pallet_notary`.
pub trait WeightInfo {
	fn notarize() -> Weight;
	fn anchor_batch() -> Weight;
}

/// Weights measured on the reference machine, scaled by the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn notarize() -> Weight {
		Weight::from_parts(25_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn anchor_batch() -> Weight {
		Weight::from_parts(18_000_000, 1_500)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same figures with RocksDB database weights, for tests and mock runtimes.
impl WeightInfo for () {
	fn notarize() -> Weight {
		Weight::from_parts(25_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn anchor_batch() -> Weight {
		Weight::from_parts(18_000_000, 1_500)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}

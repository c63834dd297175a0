//! `pallet_timestamp`: the chain time recorded with every notarized fact.

use crate::{Aura, Runtime, SLOT_DURATION};
use frame_support::traits::ConstU64;

impl pallet_timestamp::Config for Runtime {
	/// Unix time in milliseconds.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

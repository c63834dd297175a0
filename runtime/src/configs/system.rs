//! `frame_system`: accounts, blocks, weights and the base call filter.

use crate::weights::{BlockExecutionWeight, ExtrinsicBaseWeight, ParityDbWeight};
use crate::{
	AccountId, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, RuntimeTask, SS58_PREFIX, VERSION,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU32, Everything},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;

/// Share of a block's weight and length available to ordinary (non-operational) extrinsics.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Share of a block's weight that `on_initialize` hooks are expected to take on average.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);
/// Execution time of a block: 3 s of the 6 s slot. Aura gives the author two thirds of the
/// slot (4 s) to propose; measured on the consortium's 2-core machines, a block full of
/// transactions takes about half its weight in real time to build or import
/// (`scripts/bench.sh`: no block reached the proposal deadline), which leaves the rest of the
/// slot to gossip and import it before the next one.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(3 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);
/// 8 MiB blocks, 6 MiB of them (`NORMAL_DISPATCH_RATIO`) for ordinary transactions: room for
/// a block's weight of the lightest evidence calls (with frame-system's default of 5 MiB,
/// blocks of 445-byte transactions were full by length before weight). The node's proposer
/// builds blocks up to this length, header and inherents included.
pub const MAX_BLOCK_LENGTH: u32 = 8 * 1024 * 1024;

parameter_types! {
	/// The block budget, with the measured cost of an empty block and of a transaction's
	/// signature, nonce, membership and weight checks (`crate::weights`).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational calls (governance) always find room.
			weights.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	/// Block length; ordinary extrinsics get `NORMAL_DISPATCH_RATIO` of it.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
		})
		.build();
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: sp_version::RuntimeVersion = VERSION;
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores state in ParityDB only, so database access is priced with what a
	/// ParityDB read and write cost on the consortium's machines, measured by `benchmark
	/// storage` (`weights/paritydb_weights.rs`: 6.2 µs and 20.8 µs here, against
	/// frame-support's reference 8 µs and 50 µs).
	type DbWeight = ParityDbWeight;
	/// frame-system's benchmarked weights priced with `DbWeight` (the default `()` prices its
	/// reads and writes as RocksDB's whatever `DbWeight` says).
	type SystemWeightInfo = frame_system::weights::SubstrateWeight<Runtime>;
	/// The same for the nonce, weight, era, genesis and version checks every transaction runs.
	type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
	type Version = Version;
	/// Accounts carry no balance: there are no fees and no token transfers.
	type AccountData = ();
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type BaseCallFilter = Everything;
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	type RuntimeTask = RuntimeTask;
	type PalletInfo = PalletInfo;
}

//! # Evidence Chain runtime
//!
//! The state transition function of the Evidence Chain consortium network: Aura block
//! production and GRANDPA finality over a validator set managed through `pallet-session`, a
//! council of member organisations (`pallet-collective`) as governance, and — in the `dev`
//! preset only — a sudo key. There are no per-transaction fees.
//!
//! Layout: one file per pallet configuration under [`configs`], the runtime APIs in [`apis`],
//! the named genesis presets in [`genesis_config_presets`].

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!`-style macros recurse deeply.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Declared first: its `list_benchmarks!` / `add_benchmarks!` macros are used by `apis`.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
pub mod benchmarks;

pub mod apis;
pub mod configs;
pub mod evidence;
pub mod genesis_config_presets;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types: what the node needs to know about the runtime without knowing its calls.
pub mod opaque {
	use super::*;
	use sp_runtime::OpaqueExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, OpaqueExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		/// The session keys every validator registers: one for Aura block production and one
		/// for GRANDPA finality votes.
		pub struct SessionKeys {
			pub aura: super::Aura,
			pub grandpa: super::Grandpa,
		}
	}
}
pub use opaque::SessionKeys;

/// The version of this runtime. Bump `spec_version` on every change of behaviour, and
/// `transaction_version` on every change of call indices or argument encodings.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("evidence-chain"),
	impl_name: alloc::borrow::Cow::Borrowed("evidence-chain"),
	authoring_version: 1,
	spec_version: 113,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	// 2 (spec 106): the id arguments of the record-creating calls became references.
	// 3 (spec 108): `WeightReclaim` left the transaction extensions.
	transaction_version: 3,
	system_version: 1,
};

/// Target block time. Aura slots have the same length.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Slot duration used by Aura; one block per slot.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute at the target block time.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour at the target block time.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day at the target block time.
pub const DAYS: BlockNumber = HOURS * 24;

/// Length of a session: validator set changes take effect at session boundaries.
pub const SESSION_PERIOD: BlockNumber = 2 * MINUTES;

/// Chain properties shown by Polkadot.js Apps. The chain has no fees; the symbol only labels
/// the (unused) balance fields wallets expect.
pub const TOKEN_SYMBOL: &str = "EVC";
/// Decimals of the display unit.
pub const TOKEN_DECIMALS: u32 = 12;
/// SS58 address format: the generic Substrate prefix, so development keys read as usual.
pub const SS58_PREFIX: u16 = 42;

/// Block number type.
pub type BlockNumber = u32;
/// Signature type of transactions.
pub type Signature = MultiSignature;
/// Account id: the public key of the signer.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance type; only the session-key deposit (zero) is expressed in it.
pub type Balance = u128;
/// Transaction nonce.
pub type Nonce = u32;
/// Block and state hash.
pub type Hash = sp_core::H256;
/// The address format of transaction signers.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions checked on every signed transaction. There is deliberately no
/// fee payment extension; the membership gate keeps non-members out of the pool instead.
/// Nor is there `WeightReclaim`: `CheckWeight`, which must stay the last extension, returns to
/// the block what a call did not use (only the council's calls report any) together with every
/// earlier extension's refund, so `WeightReclaim` would only cost every transaction a read and
/// a write (README, "Performance").
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	pallet_consortium::CheckMembership<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	pallet_consortium::CheckNonceWindow<Runtime>,
	frame_system::CheckWeight<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// `call` signed by `signer` with `nonce`, immortal, for the chain with `genesis` running
/// `spec_version` / `transaction_version`: the transaction a wallet builds, with every
/// extension in [`TxExtension`]. For clients and tests built with the runtime's types.
#[cfg(feature = "std")]
pub fn signed_transaction(
	call: RuntimeCall,
	signer: &sp_core::sr25519::Pair,
	nonce: Nonce,
	genesis: Hash,
	spec_version: u32,
	transaction_version: u32,
) -> UncheckedExtrinsic {
	use codec::Encode;
	use sp_core::Pair;
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		pallet_consortium::CheckMembership::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(generic::Era::Immortal),
		pallet_consortium::CheckNonceWindow::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
	);
	let implicit = ((), (), spec_version, transaction_version, genesis, genesis, (), ());
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		Address::Id(signer.public().into()),
		Signature::Sr25519(signature),
		extension,
	)
}

/// Storage migrations applied on runtime upgrade, oldest first. Each is versioned: it runs
/// only on a chain whose pallet is at the storage version it starts from, so a fresh chain
/// (built at the newest versions) and a chain migrated already skip it. Remove one once every
/// network has applied it.
type Migrations = (
	// spec 101: disputes carry the engine version that evaluates them.
	pallet_liability::migrations::v2::MigrateV1ToV2<Runtime>,
	// spec 102: new disputes use engine 2 (T2 splits per breached leg); those open keep 1.
	pallet_liability::migrations::v3::MigrateV2ToV3<Runtime>,
	// spec 103: each organisation's block share is counted in weight, not transactions.
	pallet_consortium::migrations::v2::MigrateV1ToV2<Runtime>,
	// spec 105: an organisation's usage also counts the bytes it stored this storage period.
	pallet_consortium::migrations::v3::MigrateV2ToV3<Runtime>,
);

/// Executive: dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The council instance of `pallet-collective`: one seat per member organisation.
pub type CouncilInstance = pallet_collective::Instance1;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	// Declared before Session: its genesis must exist when Session asks it for the first
	// validator set.
	#[runtime::pallet_index(2)]
	pub type Consortium = pallet_consortium;

	// Session must come before Aura and Grandpa so their authorities are set from it.
	#[runtime::pallet_index(3)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(4)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(5)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(6)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(7)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(10)]
	pub type Notary = pallet_notary;

	#[runtime::pallet_index(11)]
	pub type Inspection = pallet_inspection;

	#[runtime::pallet_index(12)]
	pub type Logistics = pallet_logistics;

	#[runtime::pallet_index(13)]
	pub type Liability = pallet_liability;
}

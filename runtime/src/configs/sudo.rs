//! `pallet_sudo`: present in the runtime, keyed only in the `dev` preset. The `local` preset
//! and every consortium network leave the key empty, so no single account controls the chain.

use crate::{Runtime, RuntimeCall, RuntimeEvent};

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

//! `pallet_grandpa`: deterministic finality by 2/3 of the session's validators.

use super::aura::MaxAuthorities;
use crate::{Runtime, RuntimeEvent};
use frame_support::traits::{ConstU32, ConstU64};
use sp_core::Void;

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	/// Equivocation reports are not processed on chain: validators are known organisations and
	/// misbehaviour is handled by council governance.
	type KeyOwnerProof = Void;
	type EquivocationReportSystem = ();
}

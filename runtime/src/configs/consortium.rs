//! `pallet_consortium`: member organisations, the council they form, the validator set and
//! the membership gate.

use super::collective::{RootOrThreeQuartersCouncil, RootOrTwoThirdsCouncil};
use crate::{AccountId, Council, CouncilInstance, Runtime, RuntimeCall};
use alloc::vec::Vec;
use frame_support::{
	parameter_types,
	traits::{ConstU32, Contains, Get},
};

parameter_types! {
	/// Signed transactions one organisation may have in one block: about half a block of the
	/// lightest transactions, so no member can fill a block alone. (At 2,000 it capped a
	/// single agency or carrier at 333 transactions/s, below what blocks hold.)
	pub const MaxTransactionsPerOrgPerBlock: u32 = 5_000;
}

/// The council's members as `pallet-collective` holds them.
pub struct CouncilMembers;
impl Get<Vec<AccountId>> for CouncilMembers {
	fn get() -> Vec<AccountId> {
		pallet_collective::Members::<Runtime, CouncilInstance>::get()
	}
}

/// Accounts that registered session keys.
pub struct SessionKeysRegistered;
impl Contains<AccountId> for SessionKeysRegistered {
	fn contains(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}
}

/// The calls a validator may submit about its own session keys.
pub struct SessionKeyCalls;
impl Contains<RuntimeCall> for SessionKeyCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::Session(
				pallet_session::Call::set_keys { .. } | pallet_session::Call::purge_keys { .. }
			)
		)
	}
}

/// The root calls the council may dispatch through `Consortium.dispatch_as_root`:
/// authorising a runtime upgrade by its code hash (with the version check: a lower or equal
/// `spec_version`, or another chain's runtime, is refused when applied) and recovering a
/// stalled finality. Nothing else: not `set_code` directly, not storage writes, not sudo.
pub struct ConsortiumRootCalls;
impl Contains<RuntimeCall> for ConsortiumRootCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::System(frame_system::Call::authorize_upgrade { .. })
				| RuntimeCall::Grandpa(pallet_grandpa::Call::note_stalled { .. })
		)
	}
}

impl pallet_consortium::Config for Runtime {
	type GovernanceOrigin = RootOrTwoThirdsCouncil;
	type UpgradeOrigin = RootOrThreeQuartersCouncil;
	type RootCalls = ConsortiumRootCalls;
	type Council = Council;
	type CurrentCouncil = CouncilMembers;
	type SessionKeysRegistered = SessionKeysRegistered;
	type ValidatorKeyCalls = SessionKeyCalls;
	type MaxNameLen = ConstU32<64>;
	type MaxOperators = ConstU32<32>;
	/// At most the council's seat limit.
	type MaxOrganisations = ConstU32<64>;
	/// At most Aura's and GRANDPA's authority limit.
	type MaxValidators = ConstU32<32>;
	type MaxTransactionsPerOrgPerBlock = MaxTransactionsPerOrgPerBlock;
	type WeightInfo = pallet_consortium::weights::SubstrateWeight<Runtime>;
}

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
	/// Places one organisation may hold in a node's pool, shared among its admin and
	/// operators: about five of its block shares of the lightest evidence calls. A node's
	/// pool should hold this many for every organisation (the node's default does, for up to
	/// eight organisations: see the consortium README).
	pub const MaxPendingPerOrganisation: u32 = 4_096;
	/// Council motions one member may have open at once: no single member can take more
	/// than a tenth of the council's proposal slots (`CouncilMaxProposals`).
	pub const MaxOpenProposalsPerMember: u32 = 10;
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

/// The calls admitted without a signer: the timestamp inherent, a runtime upgrade the
/// council authorised (`System.apply_authorized_upgrade`, checked against the authorised
/// hash) and GRANDPA equivocation reports (checked against the offender's signed votes).
/// Every other unsigned call is refused by the membership gate before its pallet sees it.
pub struct UnsignedCalls;
impl Contains<RuntimeCall> for UnsignedCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::Timestamp(pallet_timestamp::Call::set { .. })
				| RuntimeCall::System(frame_system::Call::apply_authorized_upgrade { .. })
				| RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation_unsigned { .. })
		)
	}
}

/// The members' governance calls: every council call (motions, votes, closes, freeing a
/// motion's slot). They count against the organisation's block share, never against its
/// storage budget.
pub struct CouncilCalls;
impl Contains<RuntimeCall> for CouncilCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::Council(_))
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
	type UnsignedCalls = UnsignedCalls;
	type GovernanceCalls = CouncilCalls;
	type MaxPendingPerOrganisation = MaxPendingPerOrganisation;
	type MaxOpenProposalsPerMember = MaxOpenProposalsPerMember;
	/// Storage budgets are per day.
	type StoragePeriod = ConstU32<{ crate::DAYS }>;
	type SessionRotation = super::session::SessionRotation;
	type WeightInfo = pallet_consortium::weights::SubstrateWeight<Runtime>;
}

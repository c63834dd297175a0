//! A test runtime: System and Consortium, with a council and session-key registry kept in
//! storage so a failed call rolls them back like the real pallets would.

use crate as pallet_consortium;
use crate::GenesisOrganisation;
use evidence_primitives::Role;
use frame_support::{
	derive_impl, parameter_types, storage_alias,
	traits::{ChangeMembers, ConstU32, ConstU64, Contains, Get},
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

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
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Consortium = pallet_consortium;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The council's members, as the collective pallet would hold them.
#[storage_alias]
pub type CouncilMembers =
	StorageValue<MockCouncil, Vec<AccountId>, frame_support::pallet_prelude::ValueQuery>;

/// Accounts with registered session keys, as the session pallet would hold them.
#[storage_alias]
pub type RegisteredKeys = StorageMap<MockSession, frame_support::Blake2_128Concat, AccountId, ()>;

pub struct MockCouncil;
impl ChangeMembers<AccountId> for MockCouncil {
	fn change_members_sorted(_incoming: &[AccountId], _outgoing: &[AccountId], new: &[AccountId]) {
		CouncilMembers::put(new.to_vec());
	}
}
impl Get<Vec<AccountId>> for MockCouncil {
	fn get() -> Vec<AccountId> {
		CouncilMembers::get()
	}
}

pub struct MockSessionKeys;
impl Contains<AccountId> for MockSessionKeys {
	fn contains(who: &AccountId) -> bool {
		RegisteredKeys::contains_key(who)
	}
}

/// Stands in for `Session::set_keys` / `purge_keys`: the call a validator may make.
pub struct KeyCalls;
impl Contains<RuntimeCall> for KeyCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::System(frame_system::Call::remark_with_event { .. }))
	}
}

/// Stands in for the upgrade calls: `System::authorize_upgrade` only.
pub struct RootCalls;
impl Contains<RuntimeCall> for RootCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::System(frame_system::Call::authorize_upgrade { .. }))
	}
}

/// Stands in for the runtime's unsigned allow-list: `System::apply_authorized_upgrade` only.
pub struct UnsignedCalls;
impl Contains<RuntimeCall> for UnsignedCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::System(frame_system::Call::apply_authorized_upgrade { .. }))
	}
}

/// Stands in for the council's calls (a motion raising the budget): `set_storage_budget`.
pub struct GovernanceCalls;
impl Contains<RuntimeCall> for GovernanceCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::Consortium(crate::Call::set_storage_budget { .. }))
	}
}

parameter_types! {
	/// With an admin and one operator, each account may have four transactions waiting.
	pub const MaxPendingPerOrganisation: u32 = 8;
	pub const MaxOpenProposalsPerMember: u32 = 2;
}

impl pallet_consortium::Config for Test {
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type UpgradeOrigin = frame_system::EnsureRoot<AccountId>;
	type RootCalls = RootCalls;
	type Council = MockCouncil;
	type CurrentCouncil = MockCouncil;
	type SessionKeysRegistered = MockSessionKeys;
	type SessionRotation = ();
	type ValidatorKeyCalls = KeyCalls;
	type MaxNameLen = ConstU32<32>;
	type MaxOperators = ConstU32<3>;
	type MaxOrganisations = ConstU32<6>;
	type MaxValidators = ConstU32<6>;
	type UnsignedCalls = UnsignedCalls;
	type GovernanceCalls = GovernanceCalls;
	type MaxPendingPerOrganisation = MaxPendingPerOrganisation;
	type MaxOpenProposalsPerMember = MaxOpenProposalsPerMember;
	type StoragePeriod = ConstU64<10>;
	type WeightInfo = ();
}

// Accounts of the four genesis organisations: admin N0, operator N1, validator N00.
pub const PLATFORM: u32 = 0;
pub const AGENCY: u32 = 1;
pub const CARRIER: u32 = 2;
pub const ARBITRATOR: u32 = 3;
pub const PLATFORM_ADMIN: AccountId = 10;
pub const PLATFORM_OPERATOR: AccountId = 11;
pub const AGENCY_ADMIN: AccountId = 20;
pub const AGENCY_OPERATOR: AccountId = 21;
pub const CARRIER_ADMIN: AccountId = 30;
pub const CARRIER_OPERATOR: AccountId = 31;
pub const ARBITRATOR_ADMIN: AccountId = 40;
pub const OUTSIDER: AccountId = 99;

fn org(name: &str, role: Role, base: AccountId) -> GenesisOrganisation<AccountId> {
	GenesisOrganisation {
		name: name.into(),
		roles: vec![role],
		admin: base,
		operators: vec![base + 1],
		validators: vec![base * 10],
	}
}

/// Four organisations, one validator each (100, 200, 300, 400, keys registered), minimum 3.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		consortium: pallet_consortium::GenesisConfig {
			organisations: vec![
				org("Platform Co", Role::Platform, PLATFORM_ADMIN),
				org("Inspect Co", Role::InspectionAgency, AGENCY_ADMIN),
				org("Carrier Co", Role::Carrier, CARRIER_ADMIN),
				org("Arbitration Co", Role::Arbitrator, ARBITRATOR_ADMIN),
			],
			min_validators: 3,
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		for validator in [100, 200, 300, 400] {
			RegisteredKeys::insert(validator, ());
		}
		System::set_block_number(1);
	});
	ext
}

/// Runs a test and checks the pallet's invariants at its end.
pub fn test(body: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		body();
		crate::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}

//! A test runtime: System, Timestamp and Notary, with a fixed membership.

use crate as pallet_notary;
use evidence_primitives::{MembershipCheck, MembershipError, OrgId, Role};
use frame_support::{derive_impl, traits::ConstU32};

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
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Notary = pallet_notary;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Operator of the inspection agency (organisation 1).
pub const AGENCY_OPERATOR: AccountId = 11;
/// Operator of the carrier (organisation 2).
pub const CARRIER_OPERATOR: AccountId = 21;
/// Operator of a suspended organisation (3).
pub const SUSPENDED_OPERATOR: AccountId = 31;
/// Belongs to no organisation.
pub const OUTSIDER: AccountId = 99;

/// Accounts 1x act for organisation 1, 2x for 2, 3x for the suspended organisation 3.
pub struct FixedMembership;
impl MembershipCheck<AccountId> for FixedMembership {
	fn organisation_of(who: &AccountId) -> Result<OrgId, MembershipError> {
		match who / 10 {
			1 | 2 => Ok((who / 10) as OrgId),
			3 => Err(MembershipError::OrganisationSuspended),
			_ => Err(MembershipError::NotAMember),
		}
	}
	fn has_role(org: OrgId, role: Role) -> bool {
		matches!((org, role), (1, Role::InspectionAgency) | (2, Role::Carrier))
	}
}

impl pallet_notary::Config for Test {
	type Membership = FixedMembership;
	type MaxCitations = ConstU32<8>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Benchmarks act as the agency's operator.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn member() -> AccountId {
		AGENCY_OPERATOR
	}
}

/// Block 1 at chain time 1_700_000_000_000.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(1_700_000_000_000);
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

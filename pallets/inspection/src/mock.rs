//! A test runtime: System, Timestamp and Inspection, with a fixed membership and an
//! evidence registry that records what it is given.

use crate as pallet_inspection;
use core::cell::RefCell;
use evidence_primitives::{
	ContentDigest, EvidenceKind, EvidenceRegistry, EvidenceRegistryError, FactRef, MembershipCheck,
	MembershipError, OrgId, Role,
};
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
	pub type Inspection = pallet_inspection;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Operator of the inspection agency (organisation 1).
pub const AGENCY: AccountId = 11;
/// Operator of the carrier (organisation 2).
pub const CARRIER: AccountId = 21;
/// Operator of a suspended inspection agency (organisation 3).
pub const SUSPENDED: AccountId = 31;
/// Operator of a second inspection agency (organisation 4).
pub const OTHER_AGENCY: AccountId = 41;
/// Operator of a merchant (organisation 5).
pub const MERCHANT: AccountId = 51;
/// Belongs to no organisation.
pub const OUTSIDER: AccountId = 99;

/// Accounts Nx act for organisation N.
pub struct FixedMembership;
impl MembershipCheck<AccountId> for FixedMembership {
	fn organisation_of(who: &AccountId) -> Result<OrgId, MembershipError> {
		match who / 10 {
			3 => Err(MembershipError::OrganisationSuspended),
			org @ (1 | 2 | 4 | 5) => Ok(org as OrgId),
			_ => Err(MembershipError::NotAMember),
		}
	}
	fn has_role(org: OrgId, role: Role) -> bool {
		matches!(
			(org, role),
			(1 | 4, Role::InspectionAgency) | (2, Role::Carrier) | (5, Role::Merchant)
		)
	}
}

/// One registration seen by [`RecordingRegistry`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Registration {
	pub who: AccountId,
	pub org: OrgId,
	pub digest: ContentDigest,
	pub kind: EvidenceKind,
	pub captured_at: u64,
	pub fact: FactRef,
}

thread_local! {
	static REGISTRATIONS: RefCell<Vec<Registration>> = const { RefCell::new(Vec::new()) };
	static CITATION_LIMIT: RefCell<usize> = const { RefCell::new(usize::MAX) };
}

/// Records registrations; refuses them once `CITATION_LIMIT` is reached.
pub struct RecordingRegistry;
impl RecordingRegistry {
	pub fn registrations() -> Vec<Registration> {
		REGISTRATIONS.with(|r| r.borrow().clone())
	}
	pub fn limit_citations(limit: usize) {
		CITATION_LIMIT.with(|l| *l.borrow_mut() = limit);
	}
}
impl EvidenceRegistry<AccountId> for RecordingRegistry {
	fn register(
		who: &AccountId,
		org: OrgId,
		digest: ContentDigest,
		kind: EvidenceKind,
		captured_at: u64,
		fact: FactRef,
	) -> Result<(), EvidenceRegistryError> {
		if REGISTRATIONS.with(|r| r.borrow().len()) >= CITATION_LIMIT.with(|l| *l.borrow()) {
			return Err(EvidenceRegistryError::TooManyCitations);
		}
		let registration = Registration { who: *who, org, digest, kind, captured_at, fact };
		REGISTRATIONS.with(|r| r.borrow_mut().push(registration));
		Ok(())
	}
	fn notarizer_of(digest: &ContentDigest) -> Option<OrgId> {
		REGISTRATIONS.with(|r| r.borrow().iter().find(|x| x.digest == *digest).map(|x| x.org))
	}
	fn citation_capacity() -> u32 {
		64
	}
}

impl pallet_inspection::Config for Test {
	type Membership = FixedMembership;
	type Evidence = RecordingRegistry;
	type AccreditationOrigin = frame_system::EnsureRoot<AccountId>;
	type OnReinspected = ();
	type MaxAccreditations = ConstU32<2>;
	type MaxCategoriesPerInspector = ConstU32<4>;
	type MaxTestItems = ConstU32<8>;
	type MaxUnitsPerAttestation = ConstU32<4>;
	type MaxEquipmentPerAttestation = ConstU32<4>;
	type MaxMediaPerAttestation = ConstU32<4>;
	type MaxAttestationsPerUnit = ConstU32<12>;
	type MaxAttestationsPerOrder = ConstU32<12>;
	type MaxClockDrift = frame_support::traits::ConstU64<60_000>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Benchmarks act as the agency's operator.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn agency_operator() -> AccountId {
		AGENCY
	}
}

/// Chain time of the test blocks: 2026-01-01T00:00:00Z.
pub const NOW: u64 = 1_767_225_600_000;

/// Block 1 at chain time [`NOW`], empty registries.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(NOW);
	});
	REGISTRATIONS.with(|r| r.borrow_mut().clear());
	CITATION_LIMIT.with(|l| *l.borrow_mut() = usize::MAX);
	ext
}

/// Runs a test and checks the pallet's invariants at its end.
pub fn test(body: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		body();
		crate::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}

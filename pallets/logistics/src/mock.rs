//! A test runtime: System, Timestamp and Logistics, with a fixed membership and an
//! evidence registry that records what it is given.

use crate as pallet_logistics;
use core::cell::RefCell;
use evidence_primitives::{
	facts::{DeliveryFact, DeliveryObserver},
	ContentDigest, EvidenceKind, EvidenceRegistry, EvidenceRegistryError, FactRef, MembershipCheck,
	MembershipError, OrgId, Role,
};
use frame_support::{derive_impl, traits::ConstU32};
use sp_core::H256;

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
	pub type Logistics = pallet_logistics;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Operator of the platform (organisation 1): ships, records consignee sign-off.
pub const PLATFORM: AccountId = 11;
/// Operator of the first carrier (organisation 2).
pub const CARRIER: AccountId = 21;
/// Operator of a suspended carrier (organisation 3).
pub const SUSPENDED: AccountId = 31;
/// Operator of a second carrier (organisation 4).
pub const SECOND_CARRIER: AccountId = 41;
/// Operator of a merchant (organisation 5).
pub const MERCHANT: AccountId = 51;
/// Operator of an inspection agency (organisation 6).
pub const AGENCY: AccountId = 61;
/// Belongs to no organisation.
pub const OUTSIDER: AccountId = 99;

/// Accounts Nx act for organisation N.
pub struct FixedMembership;
impl MembershipCheck<AccountId> for FixedMembership {
	fn organisation_of(who: &AccountId) -> Result<OrgId, MembershipError> {
		match who / 10 {
			3 => Err(MembershipError::OrganisationSuspended),
			org @ (1 | 2 | 4 | 5 | 6) => Ok(org as OrgId),
			_ => Err(MembershipError::NotAMember),
		}
	}
	fn has_role(org: OrgId, role: Role) -> bool {
		matches!(
			(org, role),
			(1, Role::Platform)
				| (2 | 4, Role::Carrier)
				| (5, Role::Merchant)
				| (6, Role::InspectionAgency)
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

thread_local! {
	static DELIVERIES: RefCell<Vec<(H256, H256, DeliveryFact)>> = const { RefCell::new(Vec::new()) };
}

/// Remembers every delivery the pallet reports.
pub struct RecordingObserver;
impl RecordingObserver {
	pub fn deliveries() -> Vec<(H256, H256, DeliveryFact)> {
		DELIVERIES.with(|d| d.borrow().clone())
	}
}
impl DeliveryObserver for RecordingObserver {
	fn on_delivered(shipment: H256, order: H256, delivery: &DeliveryFact) {
		DELIVERIES.with(|d| d.borrow_mut().push((shipment, order, delivery.clone())));
	}

	fn on_delivered_weight() -> frame_support::weights::Weight {
		DELIVERY_OBSERVER_WEIGHT
	}
}

/// What [`RecordingObserver`] says a delivery costs it.
pub const DELIVERY_OBSERVER_WEIGHT: frame_support::weights::Weight =
	frame_support::weights::Weight::from_parts(123_000_000, 0);

impl pallet_logistics::Config for Test {
	type Membership = FixedMembership;
	type Evidence = RecordingRegistry;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxUnitsPerShipment = ConstU32<4>;
	type MaxMediaPerCheckpoint = ConstU32<3>;
	type MaxCheckpointsPerShipment = ConstU32<12>;
	type MaxLegsPerShipment = ConstU32<4>;
	type MaxDigestsPerLeg = ConstU32<2>;
	type MaxShipmentsPerOrder = ConstU32<2>;
	type MaxShipmentsPerUnit = ConstU32<2>;
	type MaxClockDrift = frame_support::traits::ConstU64<60_000>;
	type OnDelivered = RecordingObserver;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Benchmarks ship as the platform and carry with both carriers.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn carrier_operator() -> AccountId {
		CARRIER
	}
	fn second_carrier_operator() -> AccountId {
		SECOND_CARRIER
	}
	fn shipper_operator() -> AccountId {
		PLATFORM
	}
	fn merchant() -> OrgId {
		5
	}
}

/// Chain time of the test blocks: 2026-01-01T00:00:00Z.
pub const NOW: u64 = 1_767_225_600_000;

/// Block 1 at chain time [`NOW`], empty registries.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(NOW);
	});
	REGISTRATIONS.with(|r| r.borrow_mut().clear());
	DELIVERIES.with(|d| d.borrow_mut().clear());
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

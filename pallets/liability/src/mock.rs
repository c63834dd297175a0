//! A test runtime: System, Timestamp and Liability, with a fixed membership and facts set by
//! each test.

use crate as pallet_liability;
use core::cell::RefCell;
use evidence_primitives::{
	facts::{AttestationFact, InspectionFacts, LogisticsFacts, ShipmentFact, ShipmentParties},
	MembershipCheck, MembershipError, ObjectKey, OrgId, OrganisationDirectory, Role,
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
	pub type Liability = pallet_liability;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Operator of the platform (organisation 1).
pub const PLATFORM: AccountId = 11;
/// Operator of another platform (organisation 2), where the disputed orders were not placed.
pub const OTHER_PLATFORM: AccountId = 21;
/// Operator of the merchant (organisation 10).
pub const MERCHANT: AccountId = 101;
/// Operator of the first carrier (organisation 20).
pub const CARRIER_A: AccountId = 201;
/// Operator of the second carrier (organisation 30).
pub const CARRIER_B: AccountId = 301;
/// Operator of the inspection agency (organisation 40).
pub const AGENCY: AccountId = 401;
/// Operators of the arbitrator organisations 50, 60, 70 and 80.
pub const ARBITRATORS: [AccountId; 4] = [501, 601, 701, 801];
/// Belongs to no organisation.
pub const OUTSIDER: AccountId = 999;

/// Account N·10 + 1 acts for organisation N; organisation 45 is an inspection agency party to
/// no dispute.
pub struct FixedMembership;
impl MembershipCheck<AccountId> for FixedMembership {
	fn organisation_of(who: &AccountId) -> Result<OrgId, MembershipError> {
		match who / 10 {
			org @ (1 | 2 | 10 | 20 | 30 | 40 | 45 | 50 | 60 | 70 | 80) => Ok(org as OrgId),
			_ => Err(MembershipError::NotAMember),
		}
	}
	fn has_role(org: OrgId, role: Role) -> bool {
		matches!(
			(org, role),
			(1 | 2, Role::Platform)
				| (10, Role::Merchant)
				| (20 | 30, Role::Carrier)
				| (40 | 45 | 46 | 47, Role::InspectionAgency)
				| (50 | 60 | 70 | 80, Role::Arbitrator)
		)
	}
}

thread_local! {
	static ARBITRATOR_ORGS: RefCell<Vec<OrgId>> = RefCell::new(vec![50, 60, 70, 80]);
}

/// The arbitrator organisations, settable per test.
pub struct TestDirectory;
impl TestDirectory {
	pub fn set_arbitrators(orgs: Vec<OrgId>) {
		ARBITRATOR_ORGS.with(|a| *a.borrow_mut() = orgs);
	}
}
impl OrganisationDirectory for TestDirectory {
	fn organisations_with(role: Role) -> Vec<OrgId> {
		match role {
			Role::Arbitrator => ARBITRATOR_ORGS.with(|a| a.borrow().clone()),
			Role::InspectionAgency => vec![40, 45, 46, 47],
			_ => Vec::new(),
		}
	}
}

thread_local! {
	static ATTESTATIONS: RefCell<Vec<AttestationFact>> = const { RefCell::new(Vec::new()) };
	static SHIPMENT: RefCell<Option<(ShipmentParties, ShipmentFact)>> = const { RefCell::new(None) };
}

/// Facts the tests set.
pub struct TestFacts;
impl TestFacts {
	pub fn set_attestations(attestations: Vec<AttestationFact>) {
		ATTESTATIONS.with(|a| *a.borrow_mut() = attestations);
	}
	pub fn attestations() -> Vec<AttestationFact> {
		ATTESTATIONS.with(|a| a.borrow().clone())
	}
	pub fn set_shipment(parties: ShipmentParties, facts: ShipmentFact) {
		SHIPMENT.with(|s| *s.borrow_mut() = Some((parties, facts)));
	}
	pub fn shipment() -> Option<(ShipmentParties, ShipmentFact)> {
		SHIPMENT.with(|s| s.borrow().clone())
	}
}
impl InspectionFacts for TestFacts {
	fn attestations_of(_key: &ObjectKey, _opened_block: u64) -> Vec<AttestationFact> {
		ATTESTATIONS.with(|a| a.borrow().clone())
	}
	/// Agency 46's accreditation lapsed.
	fn accredited_now(agency: OrgId) -> bool {
		agency != 46
	}
}
impl LogisticsFacts for TestFacts {
	fn parties_of(shipment: &H256) -> Option<ShipmentParties> {
		SHIPMENT.with(|s| {
			s.borrow().as_ref().filter(|(_, f)| f.fact.id == *shipment).map(|(p, _)| p.clone())
		})
	}
	fn shipment_facts(shipment: &H256, _opened_block: u64) -> Option<ShipmentFact> {
		SHIPMENT.with(|s| {
			s.borrow().as_ref().filter(|(_, f)| f.fact.id == *shipment).map(|(_, f)| f.clone())
		})
	}
}

impl pallet_liability::Config for Test {
	type Membership = FixedMembership;
	type Inspection = TestFacts;
	type Logistics = TestFacts;
	type Directory = TestDirectory;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxAllegedItems = ConstU32<4>;
	type MaxEvidence = ConstU32<3>;
	type MaxRespondents = ConstU32<8>;
	type MaxShares = ConstU32<8>;
	type MaxFactsUsed = ConstU32<16>;
	type MaxDisputesPerOrder = ConstU32<64>;
	type MaxAgendaPerBlock = ConstU32<2>;
	type MaxOpensPerBlock = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Benchmarks dispute a shipment of the merchant with sixteen legs alternating between the two
/// carriers and eight attestations on the unit, opened by the platform.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn worst_case_facts() -> crate::BenchmarkFacts<AccountId> {
		use evidence_primitives::{
			facts::{
				DeliveryFact, Excursion, InspectionPurpose, ItemFact, ItemOutcome, LegFact,
				LegState, Receipt,
			},
			FactKind, FactRef,
		};
		let (order, shipment, unit) =
			(H256::repeat_byte(0x41), H256::repeat_byte(0x51), H256::repeat_byte(0x31));
		let fact = |kind, n: u8| FactRef { kind, id: H256::repeat_byte(n) };
		let legs = (0..16u8)
			.map(|n| LegFact {
				fact: fact(FactKind::CustodyLeg, n),
				custodian: if n % 2 == 0 { 20 } else { 30 },
				opened_at: NOW - u64::from(20 - n) * 3_600_000,
				opened_in_block: 1,
				closed_at: Some(NOW - u64::from(19 - n) * 3_600_000),
				state: if n == 15 {
					LegState::Excursion { kind: Excursion::Shock, at: NOW - 3_600_000 }
				} else {
					LegState::Clean
				},
				data_excluded: false,
				excursions: Vec::new(),
				conflicting_devices: false,
				damage_noted_at_close: false,
			})
			.collect();
		TestFacts::set_shipment(
			ShipmentParties {
				order,
				shipper: 10,
				platform: 1,
				units: vec![unit],
				custodians: vec![20, 30],
				delivered_at: Some(NOW),
			},
			ShipmentFact {
				fact: fact(FactKind::Shipment, 0x51),
				legs,
				delivery: Some(DeliveryFact {
					fact: fact(FactKind::Checkpoint, 0x52),
					at: NOW,
					receipt: Receipt::ConsigneeSigned,
					reservation: true,
					carrier: 30,
					media: false,
					by_shipper: false,
				}),
				pickup_reservation: false,
				temperature_sensitive: false,
				handover_tolerance_ms: 600_000,
				logger_required: false,
				declared_value: evidence_primitives::Money {
					currency: *b"EUR",
					minor_units: u128::MAX,
				},
				fraud_signal: false,
				force_majeure: false,
			},
		);
		let items = (0..4u8)
			.map(|n| ItemFact {
				code: vec![b'I', n],
				required: true,
				damage_mode: evidence_primitives::facts::DamageMode::Mechanical,
				outcome: ItemOutcome::Pass,
			})
			.collect::<Vec<_>>();
		TestFacts::set_attestations(
			(0..8u8)
				.map(|n| AttestationFact {
					fact: fact(FactKind::Attestation, 0xa0 + n),
					agency: 40,
					purpose: InspectionPurpose::PreShipment,
					order: Some(order),
					packaging_certified: false,
					durable_good: false,
					inspected_at: NOW - 30 * 3_600_000,
					recorded_block: 1,
					unit_level: true,
					conformant: true,
					admissible: true,
					in_force: true,
					items: items.clone(),
				})
				.collect(),
		);
		crate::BenchmarkFacts { claimant: PLATFORM, order, shipment, unit, lot: None }
	}
	fn operator_of(org: OrgId) -> AccountId {
		AccountId::from(org) * 10 + 1
	}
	fn arbitrators(_n: u32) -> Vec<OrgId> {
		TestDirectory::organisations_with(Role::Arbitrator)
	}
	fn outside_agency() -> OrgId {
		45
	}
	fn delivered_like(_shipment: H256, n: u32) -> Vec<H256> {
		// The mock knows one shipment; the others are unknown to it, so confirmed.
		(0..n).map(|k| H256::from_low_u64_be(u64::from(k) + 1_000)).collect()
	}
}

/// Chain time of the test blocks.
pub const NOW: u64 = 1_780_100_000_000;

/// Block 1 at [`NOW`], no facts.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(NOW);
	});
	ATTESTATIONS.with(|a| a.borrow_mut().clear());
	SHIPMENT.with(|s| *s.borrow_mut() = None);
	ARBITRATOR_ORGS.with(|a| *a.borrow_mut() = vec![50, 60, 70, 80]);
	ext
}

/// Runs a test and checks the pallet's invariants at its end.
pub fn test(body: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		body();
		crate::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}

/// Advances to block `n`, running the agenda of every block on the way.
pub fn run_to(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Liability::on_initialize(next);
		crate::Pallet::<Test>::do_try_state().expect("invariants hold after every block");
	}
}

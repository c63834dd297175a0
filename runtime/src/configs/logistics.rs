//! `pallet_logistics`: condition profiles, devices, shipments, custody and sensor digests.

use crate::{configs::RootOrTwoThirdsCouncil, Consortium, Liability, Notary, Runtime};
use frame_support::traits::{ConstU32, ConstU64};

impl pallet_logistics::Config for Runtime {
	type Membership = Consortium;
	type Evidence = Notary;
	type GovernanceOrigin = RootOrTwoThirdsCouncil;
	/// Units one shipment carries (a parcel of serialised units).
	type MaxUnitsPerShipment = ConstU32<100>;
	type MaxMediaPerCheckpoint = ConstU32<16>;
	type MaxCheckpointsPerShipment = ConstU32<64>;
	type MaxLegsPerShipment = ConstU32<16>;
	/// Devices reporting on one leg.
	type MaxDigestsPerLeg = ConstU32<8>;
	type MaxShipmentsPerOrder = ConstU32<16>;
	type MaxShipmentsPerUnit = ConstU32<16>;
	/// An event may lie up to five minutes after the chain time (clock drift).
	type MaxClockDrift = ConstU64<{ 5 * 60 * 1000 }>;
	/// Clean signed deliveries confirm themselves after the objection window (rule D1).
	type OnDelivered = Liability;
	type WeightInfo = pallet_logistics::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = DemoLogisticsAccounts;
}

/// Benchmarks ship as the demo platform and carry with the demo carrier; the second carrier a
/// handover needs is admitted on first use (admin Ferdie), as the `dev` preset has one.
#[cfg(feature = "runtime-benchmarks")]
pub struct DemoLogisticsAccounts;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_logistics::BenchmarkHelper<crate::AccountId> for DemoLogisticsAccounts {
	fn carrier_operator() -> crate::AccountId {
		sp_keyring::Sr25519Keyring::CharlieStash.to_account_id()
	}
	fn second_carrier_operator() -> crate::AccountId {
		use evidence_primitives::MembershipCheck;
		let ferdie = sp_keyring::Sr25519Keyring::Ferdie.to_account_id();
		if Consortium::organisation_of(&ferdie).is_err() {
			Consortium::admit_org(
				crate::RuntimeOrigin::root(),
				b"Benchmark Carrier".to_vec(),
				alloc::vec![evidence_primitives::Role::Carrier],
				ferdie.clone(),
			)
			.expect("root admits an organisation");
		}
		ferdie
	}
	fn shipper_operator() -> crate::AccountId {
		sp_keyring::Sr25519Keyring::AliceStash.to_account_id()
	}
	fn merchant() -> evidence_primitives::OrgId {
		// Demo Platform sells its own goods too: it holds the merchant role.
		0
	}
}

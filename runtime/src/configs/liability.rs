//! `pallet_liability`: disputes settled from the inspection and logistics facts.

use crate::{configs::RootOrTwoThirdsCouncil, Consortium, Inspection, Logistics, Runtime};
use frame_support::traits::ConstU32;

impl pallet_liability::Config for Runtime {
	type Membership = Consortium;
	type Inspection = Inspection;
	type Logistics = Logistics;
	type Directory = Consortium;
	type GovernanceOrigin = RootOrTwoThirdsCouncil;
	/// As many as a protocol has test items.
	type MaxAllegedItems = ConstU32<64>;
	type MaxEvidence = ConstU32<32>;
	/// The merchant, every custodian of a shipment and the agencies that attested the unit.
	type MaxRespondents = ConstU32<32>;
	type MaxShares = ConstU32<32>;
	/// Every leg, attestation and checkpoint a verdict can cite.
	type MaxFactsUsed = ConstU32<160>;
	type MaxDisputesPerOrder = ConstU32<64>;
	/// Deadlines, evaluations and finalizations one block takes; more due at once wait for the
	/// next blocks (their deadlines, which every call checks, do not move).
	type MaxAgendaPerBlock = ConstU32<64>;
	/// Each organisation opens at most 16 disputes a block: four organisations flooding at once
	/// still leave the agenda room for everyone's deadlines.
	type MaxOpensPerBlock = ConstU32<16>;
	type WeightInfo = pallet_liability::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::LiabilityFacts;
}

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
	/// Deadlines, evaluations and finalizations one block runs; later ones move to the next
	/// of the following 16 blocks with room, so up to 1,024 disputes can change state in one
	/// block (with 16, 200 disputes contested in one block already overflowed it).
	type MaxAgendaPerBlock = ConstU32<64>;
	type WeightInfo = pallet_liability::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::LiabilityFacts;
}

//! `pallet_collective` as the council: one seat per member organisation; motions pass with
//! two thirds of the members, and those that need root (a runtime upgrade, recovering
//! finality) with three quarters.

use crate::{
	AccountId, BlockNumber, CouncilInstance, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	DAYS,
};
use frame_support::{
	parameter_types,
	traits::{EitherOfDiverse, NeverEnsureOrigin},
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

parameter_types! {
	/// How long a council motion stays open for votes.
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	/// Open motions at once.
	pub const CouncilMaxProposals: u32 = 100;
	/// Seats: one per member organisation.
	pub const CouncilMaxMembers: u32 = 100;
	/// A motion may use at most half a block.
	pub MaxProposalWeight: frame_support::weights::Weight =
		Perbill::from_percent(50) * super::RuntimeBlockWeights::get().max_block;
}

/// Root, or at least two thirds of the council.
pub type RootOrTwoThirdsCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 2, 3>,
>;

/// Root, or at least three quarters of the council: what may dispatch the few root calls a
/// consortium needs (`Consortium.dispatch_as_root`).
pub type RootOrThreeQuartersCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 3, 4>,
>;

impl pallet_collective::Config<CouncilInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Council seats are the admins of active organisations and change only with them
	/// (`pallet_consortium`); no origin, not even root, sets them apart from the
	/// organisations, so no prime can be set either.
	type SetMembersOrigin = NeverEnsureOrigin<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = RootOrTwoThirdsCouncil;
	type KillOrigin = RootOrTwoThirdsCouncil;
	/// Members pay no deposit for proposals; each has at most
	/// `MaxOpenProposalsPerMember` open (`pallet_consortium::ProposalSlot`).
	type Consideration = pallet_consortium::ProposalSlot<Runtime>;
}

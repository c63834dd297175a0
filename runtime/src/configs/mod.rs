//! Pallet configurations, one file per pallet.

mod aura;
mod collective;
mod consortium;
mod grandpa;
mod inspection;
mod liability;
mod logistics;
mod notary;
mod session;
mod sudo;
mod system;
mod timestamp;

pub use collective::{
	CouncilMaxMembers, CouncilMotionDuration, RootOrThreeQuartersCouncil, RootOrTwoThirdsCouncil,
};
pub use consortium::{MaxOpenProposalsPerMember, MaxPendingPerOrganisation};
pub use session::{rotation_weight, NoKeyDeposit, SessionPeriod};
pub use system::{RuntimeBlockLength, RuntimeBlockWeights, MAX_BLOCK_LENGTH};

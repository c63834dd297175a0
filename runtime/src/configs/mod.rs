//! Pallet configurations, one file per pallet.

mod aura;
mod collective;
mod grandpa;
mod session;
mod sudo;
mod system;
mod timestamp;

pub use collective::{CouncilMaxMembers, CouncilMotionDuration};
pub use session::{NoKeyDeposit, SessionPeriod};
pub use system::{RuntimeBlockLength, RuntimeBlockWeights};

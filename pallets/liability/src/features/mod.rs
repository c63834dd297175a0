//! The lifecycle of a dispute, one file per stage.

mod agenda;
mod arbitration;
mod common;
#[cfg(feature = "runtime-benchmarks")]
pub(crate) use common::MAX_AGENDA_SLIP;
mod delivery;
mod open;
mod parties;
mod rule_sets;

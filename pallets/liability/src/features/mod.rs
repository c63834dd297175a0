//! The lifecycle of a dispute, one file per stage.

mod agenda;
mod arbitration;
mod common;
mod delivery;
mod open;
mod parties;
mod rule_sets;

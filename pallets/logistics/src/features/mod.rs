//! The behaviour of the logistics pallet, one file per feature.

mod checkpoints;
mod common;
mod devices;
mod handover;
mod profiles;
mod sensor;
mod shipments;

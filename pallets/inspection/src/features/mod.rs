//! The behaviour of the inspection pallet, one file per feature.

mod attest;
mod common;
mod protocols;
mod registries;
mod status;

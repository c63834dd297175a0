//! The behaviour behind each call, one file per feature.

mod common;
pub(crate) mod council;
mod operators;
mod organisations;
mod root;
mod validators;

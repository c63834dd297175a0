//! The behaviour behind each call, one file per feature.

mod common;
mod council;
mod operators;
mod organisations;
mod root;
mod validators;

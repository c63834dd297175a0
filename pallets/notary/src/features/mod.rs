//! The behaviour behind each call.

mod anchor;
mod notarize;

//! # Liability
//!
//! Disputes about damaged, defective, counterfeit or missing goods, settled from the facts the
//! inspection and logistics pallets hold. This crate starts with the rule engine
//! ([`rules`]): a pure function from the frozen rule-set parameters and the facts of a
//! dispute to a verdict. The dispute lifecycle (calls, deadlines, arbitration) builds on it.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod rules;

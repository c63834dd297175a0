//! The glassware story's records as the runtime returned them at its last block
//! (`runtime/tests/fixtures/story-answers.txt`, written and checked by the runtime's
//! `liability_scenarios` test).

#![allow(dead_code)]

use codec::{Decode, DecodeAll};
use std::collections::BTreeMap;

const RECORDS: &str = include_str!("../../../runtime/tests/fixtures/story-answers.txt");

/// The story's records by name.
pub struct Records(BTreeMap<&'static str, Vec<u8>>);

impl Records {
	/// Reads the fixture.
	pub fn read() -> Self {
		let records = RECORDS
			.lines()
			.filter(|line| !line.starts_with('#') && !line.is_empty())
			.map(|line| {
				let (name, hex) = line.split_once(' ').expect("`name 0xhex`");
				(name, sp_core::bytes::from_hex(hex).expect("hex"))
			})
			.collect();
		Self(records)
	}

	/// Record `name`, decoded as `T`.
	pub fn get<T: Decode>(&self, name: &str) -> T {
		let bytes = self.0.get(name).unwrap_or_else(|| panic!("no record `{name}`"));
		T::decode_all(&mut &bytes[..]).unwrap_or_else(|e| panic!("`{name}` does not decode: {e}"))
	}
}

/// The story's disputes as the track records read them from storage.
pub fn story_rows(records: &Records) -> Vec<evidence_rpc::track::Row> {
	let entry: Option<evidence_runtime::evidence::DisputeEntry> = records.get("dispute");
	let entry = entry.expect("the story has its dispute");
	vec![evidence_rpc::track::Row {
		id: entry.id,
		dispute: entry.dispute,
		ended_in: records.get("ended_in"),
	}]
}

/// The chain's counters of `org` at the story's end (`Liability.Reputations`).
pub fn counters(records: &Records, org: u32) -> pallet_liability::Reputation {
	let all: Vec<(u32, pallet_liability::Reputation)> = records.get("reputations");
	all.into_iter().find(|(o, _)| *o == org).map(|(_, r)| r).unwrap_or_default()
}

/// The members' names at the story's end.
pub fn names(records: &Records) -> impl Fn(u32) -> Option<String> {
	let all: Vec<(u32, Vec<u8>)> = records.get("organisations");
	move |org| {
		all.iter()
			.find(|(o, _)| *o == org)
			.map(|(_, name)| String::from_utf8_lossy(name).into_owned())
	}
}

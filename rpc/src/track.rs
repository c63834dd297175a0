//! Track records: how each organisation fares in disputes, and how disputes go per claim kind
//! and rule — for platforms and regulators (`evidence_reputation`, `evidence_statistics`).
//!
//! Computed from every dispute the chain holds ([`Row`]: the dispute and the block it ended
//! in) with the pallet's own counting: a respondent of a dispute that ended with a verdict (not
//! unresolved) is *found liable* when the verdict names it, else *cleared*; the respondents of
//! a dispute that became final after an arbitrator was involved count it as *escalated*. So
//! over all disputes the figures equal the chain's own counters (`Liability.Reputations`).
//! Times are in blocks from the dispute's opening: to the consumer's outcome (a consumer's
//! claim), to the final verdict and to the dispute's end however it ended, as medians.

use std::collections::BTreeMap;

use evidence_primitives::OrgId;
use evidence_runtime::{BlockNumber, Runtime};
use pallet_liability::{Dispute, DisputeId, DisputeStatus};
use serde_json::{json, Value};

/// One dispute as the chain holds it.
pub struct Row {
	/// Its id.
	pub id: DisputeId,
	/// The dispute.
	pub dispute: Dispute<Runtime>,
	/// The block it ended in (`Liability.EndedIn`), once ended.
	pub ended_in: Option<BlockNumber>,
}

/// The name of a dispute's status.
pub fn status_name(status: &DisputeStatus<BlockNumber>) -> &'static str {
	match status {
		DisputeStatus::AwaitingResponse { .. } => "AwaitingResponse",
		DisputeStatus::Evidence { .. } => "Evidence",
		DisputeStatus::Proposed { .. } => "Proposed",
		DisputeStatus::Arbitration { .. } => "Arbitration",
		DisputeStatus::Ruled { .. } => "Ruled",
		DisputeStatus::Appeal { .. } => "Appeal",
		DisputeStatus::Final => "Final",
		DisputeStatus::Settled => "Settled",
		DisputeStatus::Withdrawn => "Withdrawn",
		DisputeStatus::DefaultJudgment => "DefaultJudgment",
		DisputeStatus::Expired => "Expired",
		DisputeStatus::Unresolved { .. } => "Unresolved",
		DisputeStatus::Reinspection { .. } => "Reinspection",
	}
}

/// How one respondent came out of one dispute.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Outcome {
	Open,
	Liable,
	Cleared,
	/// Ended without a verdict its record counts: unresolved, or with none (withdrawn before
	/// one was proposed).
	NoVerdict,
}

fn outcome(row: &Row, org: OrgId) -> Outcome {
	match &row.dispute.verdict {
		_ if !row.dispute.status.is_closed() => Outcome::Open,
		Some(verdict) if decided(row) => {
			if verdict.liable.iter().any(|share| share.org == org) {
				Outcome::Liable
			} else {
				Outcome::Cleared
			}
		},
		_ => Outcome::NoVerdict,
	}
}

fn escalated(row: &Row) -> bool {
	row.dispute.status == DisputeStatus::Final && row.dispute.arbitration.is_some()
}

/// Blocks from opening to the consumer's outcome, to the final verdict (a dispute that ended
/// with a verdict its respondents' records count) and to the end (however it ended), of the
/// disputes that have them.
#[derive(Default)]
struct Times {
	to_consumer: Vec<BlockNumber>,
	to_final_verdict: Vec<BlockNumber>,
	to_end: Vec<BlockNumber>,
	/// Ended before the chain kept the block (runtimes before spec 107): in no median.
	ended_block_unknown: u32,
}

impl Times {
	fn add(&mut self, row: &Row) {
		let opened = row.dispute.opened_block;
		if let Some(consumer) = &row.dispute.consumer {
			self.to_consumer.push(consumer.decided_in.saturating_sub(opened));
		}
		match row.ended_in {
			Some(ended) => {
				self.to_end.push(ended.saturating_sub(opened));
				if decided(row) {
					self.to_final_verdict.push(ended.saturating_sub(opened));
				}
			},
			None if row.dispute.status.is_closed() => self.ended_block_unknown += 1,
			None => {},
		}
	}

	fn json(mut self) -> Value {
		json!({
			"to_consumer_outcome": median(&mut self.to_consumer),
			"to_final_verdict": median(&mut self.to_final_verdict),
			"to_end": median(&mut self.to_end),
			"ended_block_unknown": self.ended_block_unknown,
		})
	}
}

/// Ended with a verdict the respondents' records count: not unresolved, not without one.
fn decided(row: &Row) -> bool {
	row.dispute.status.is_closed()
		&& !matches!(row.dispute.status, DisputeStatus::Unresolved { .. })
		&& row.dispute.verdict.is_some()
}

/// `{"disputes": n, "median_blocks": m | null}`: the middle value (the mean of the two middle
/// ones for an even count).
fn median(blocks: &mut [BlockNumber]) -> Value {
	blocks.sort_unstable();
	let n = blocks.len();
	let median = match n {
		0 => Value::Null,
		_ if n % 2 == 1 => json!(blocks[n / 2]),
		_ => json!((f64::from(blocks[n / 2 - 1]) + f64::from(blocks[n / 2])) / 2.0),
	};
	json!({ "disputes": n, "median_blocks": median })
}

/// One organisation's figures over `rows` (disputes it is a respondent of).
#[derive(Default)]
struct Record {
	against: u32,
	liable: u32,
	cleared: u32,
	escalated: u32,
	open: u32,
	times: Times,
}

impl Record {
	fn add(&mut self, row: &Row, org: OrgId) {
		self.against += 1;
		match outcome(row, org) {
			Outcome::Open => self.open += 1,
			Outcome::Liable => self.liable += 1,
			Outcome::Cleared => self.cleared += 1,
			Outcome::NoVerdict => {},
		}
		if escalated(row) {
			self.escalated += 1;
		}
		self.times.add(row);
	}

	fn json(self, org: OrgId, name: Option<String>) -> Value {
		json!({
			"org": org,
			"name": name,
			"disputes_against": self.against,
			"found_liable": self.liable,
			"cleared": self.cleared,
			"escalated": self.escalated,
			"open": self.open,
			"median_times": self.times.json(),
		})
	}
}

/// Counts per status, per claim kind (with its statuses and whether a verdict named someone
/// liable) and per rule: every rule of every verdict the disputes carry, proposed or final.
#[derive(Default)]
struct Counts {
	kinds: BTreeMap<String, BTreeMap<&'static str, u32>>,
	rules: BTreeMap<String, u32>,
	statuses: BTreeMap<&'static str, u32>,
}

impl Counts {
	fn add(&mut self, row: &Row) {
		let dispute = &row.dispute;
		let status = status_name(&dispute.status);
		*self.statuses.entry(status).or_default() += 1;
		let kind = self.kinds.entry(name_of(&dispute.claim.kind)).or_default();
		*kind.entry("disputes").or_default() += 1;
		*kind.entry(status).or_default() += 1;
		if let Some(verdict) = &dispute.verdict {
			let liable = if verdict.liable.is_empty() { "nobody_liable" } else { "someone_liable" };
			*kind.entry(liable).or_default() += 1;
			for rule in verdict.rules.iter() {
				*self.rules.entry(name_of(rule)).or_default() += 1;
			}
		}
	}

	fn json(self) -> Value {
		json!({
			"by_status": self.statuses,
			"by_claim_kind": self.kinds,
			"by_rule": self.rules,
		})
	}
}

/// A unit-like enum's variant name, as its serde form gives it.
fn name_of<T: serde::Serialize>(value: &T) -> String {
	match serde_json::to_value(value) {
		Ok(Value::String(name)) => name,
		other => format!("{other:?}"),
	}
}

/// `evidence_reputation`'s answer for `org`: the chain's own counters (`counters`: disputes
/// against, found liable, cleared, escalated, as `Liability.Reputations` holds them), and from
/// the disputes it is a respondent of, those open, median times and counts per claim kind and
/// rule.
pub fn reputation(
	org: OrgId,
	name: Option<String>,
	counters: &pallet_liability::Reputation,
	rows: &[Row],
) -> Value {
	let mut record = Record::default();
	let mut counts = Counts::default();
	for row in rows.iter().filter(|row| row.dispute.respondents.contains(&org)) {
		record.add(row, org);
		counts.add(row);
	}
	let mut answer = record.json(org, name);
	answer["counters"] = json!({
		"disputes_against": counters.disputes_against,
		"found_liable": counters.found_liable,
		"cleared": counters.cleared,
		"escalated": counters.escalated,
	});
	answer["disputes"] = counts.json();
	answer
}

/// `evidence_statistics`' answer over the disputes of `rows` opened in blocks `from` to `to`
/// (inclusive): totals, counts per status, claim kind and rule, median times, and one record
/// per organisation that was a respondent (named by `names`), most disputes first.
pub fn statistics(
	from: BlockNumber,
	to: BlockNumber,
	rows: &[Row],
	names: impl Fn(OrgId) -> Option<String>,
) -> Value {
	let mut counts = Counts::default();
	let mut times = Times::default();
	let mut records: BTreeMap<OrgId, Record> = BTreeMap::new();
	let mut disputes = 0u32;
	let mut consumer_claims = 0u32;
	let mut refunds = 0u32;
	for row in rows.iter().filter(|row| (from..=to).contains(&row.dispute.opened_block)) {
		disputes += 1;
		counts.add(row);
		times.add(row);
		if row.dispute.for_consumer {
			consumer_claims += 1;
			refunds += u32::from(row.dispute.consumer.as_ref().is_some_and(|c| c.refund));
		}
		for org in row.dispute.respondents.iter() {
			records.entry(*org).or_default().add(row, *org);
		}
	}
	let mut organisations: Vec<(u32, Value)> = records
		.into_iter()
		.map(|(org, record)| (record.against, record.json(org, names(org))))
		.collect();
	organisations.sort_by(|a, b| b.0.cmp(&a.0));
	let mut answer = counts.json();
	answer["disputes"] = json!(disputes);
	answer["consumer_claims"] = json!(consumer_claims);
	answer["consumer_refunds"] = json!(refunds);
	answer["median_times"] = times.json();
	answer["organisations"] = Value::Array(organisations.into_iter().map(|(_, v)| v).collect());
	answer
}

/// The dispute id in a `Twox64Concat` key of a map under `prefix`.
pub fn dispute_id(key: &[u8], prefix: &[u8]) -> Option<DisputeId> {
	let id = key.strip_prefix(prefix)?.get(8..)?;
	<DisputeId as codec::Decode>::decode(&mut &id[..]).ok()
}

//! The answers of the `evidence_*` methods, built from what the runtime returned: no client,
//! no I/O. [`crate::Evidence`] calls the runtime and hands the results here; the README's
//! examples are built here too, from the demo story's records (`tests/examples.rs`).

use codec::Encode;
use evidence_primitives::api::{DigestReport, DigestReportV1};
use evidence_runtime::{evidence, AccountId, Runtime};
use jsonrpsee::core::RpcResult;
use serde_json::{json, Value};
use sp_core::H256;

use crate::{
	export::{self, ReadAt},
	internal,
	params::{Claim, Digest, DisputeId, FromBlock, OrderKey, Org, ToBlock, UnitKey},
	readable::{self, TypeOf, Types},
	track::{self, Row},
};

/// A block read: its hash and number.
#[derive(Clone, Copy, Debug)]
pub struct At {
	/// The block's hash.
	pub hash: H256,
	/// Its number.
	pub number: u64,
}

/// The hash of a block by number (hex), for every block an answer names.
pub type BlockHashes<'a> = &'a dyn Fn(u64) -> Option<String>;

/// A digest's record as the runtime at the block read gave it.
pub enum DigestRecord {
	/// `NotaryApi` version 2 (spec 105 on).
	Current(DigestReport<AccountId>),
	/// `NotaryApi` version 1: blocks of a runtime before spec 105.
	BeforeVersion2(DigestReportV1<AccountId>),
}

/// Builds the answers, with the runtime types registered once from their `TypeInfo`.
pub struct Answers {
	types: Types,
	order: TypeOf<evidence::OrderEvidence>,
	passport: TypeOf<evidence::UnitPassport>,
	dispute: TypeOf<evidence::DisputeEntry>,
	preview: TypeOf<evidence::Preview>,
	claim: TypeOf<pallet_liability::Claim<Runtime>>,
	digest: TypeOf<DigestReport<AccountId>>,
	digest_v1: TypeOf<DigestReportV1<AccountId>>,
}

impl Default for Answers {
	fn default() -> Self {
		Self::new()
	}
}

impl Answers {
	/// Registers the answer types.
	pub fn new() -> Self {
		let mut registry = scale_info::Registry::new();
		let order = readable::register(&mut registry);
		let passport = readable::register(&mut registry);
		let dispute = readable::register(&mut registry);
		let preview = readable::register(&mut registry);
		let claim = readable::register(&mut registry);
		let digest = readable::register(&mut registry);
		let digest_v1 = readable::register(&mut registry);
		Self {
			types: Types::new(registry),
			order,
			passport,
			dispute,
			preview,
			claim,
			digest,
			digest_v1,
		}
	}

	/// `evidence_orderEvidence`.
	pub fn order_evidence(
		&self,
		order: &OrderKey,
		at: At,
		evidence: Option<evidence::OrderEvidence>,
		hashes: BlockHashes,
	) -> RpcResult<Value> {
		let found = self.found("evidence", &self.order, evidence, hashes)?;
		Ok(answer(("order", json!(order.0)), at, found))
	}

	/// `evidence_unitPassport`.
	pub fn unit_passport(
		&self,
		unit: &UnitKey,
		at: At,
		passport: Option<evidence::UnitPassport>,
		hashes: BlockHashes,
	) -> RpcResult<Value> {
		let found = self.found("passport", &self.passport, passport, hashes)?;
		Ok(answer(("unit", json!(unit.0)), at, found))
	}

	/// `evidence_dispute`.
	pub fn dispute(
		&self,
		id: &DisputeId,
		at: At,
		dispute: Option<evidence::DisputeEntry>,
		hashes: BlockHashes,
	) -> RpcResult<Value> {
		let found = self.found("dispute", &self.dispute, dispute, hashes)?;
		Ok(answer(("id", json!(id.0)), at, found))
	}

	/// `evidence_previewVerdict`: the verdict under `verdict` (`found` true), or why there is
	/// none under `refused`.
	pub fn preview_verdict(
		&self,
		claim: &Claim,
		at: At,
		preview: &evidence::Preview,
		hashes: BlockHashes,
	) -> RpcResult<Value> {
		let decided = preview.is_ok();
		let readable = self.readable(&self.preview, preview, hashes)?;
		let claim_json = self.readable(&self.claim, &claim.0, hashes)?;
		let mut answer = answer(("claim", claim_json), at, None);
		answer["found"] = Value::Bool(decided);
		let Value::Object(mut outcome) = readable else {
			return Err(internal("a preview reads as Ok or Err"));
		};
		let (name, variant) = if decided { ("verdict", "Ok") } else { ("refused", "Err") };
		answer[name] = outcome.remove(variant).unwrap_or_default();
		Ok(answer)
	}

	/// `evidence_digest`.
	pub fn digest(
		&self,
		digest: &Digest,
		at: At,
		record: Option<DigestRecord>,
		hashes: BlockHashes,
	) -> RpcResult<Value> {
		let record = match record {
			Some(DigestRecord::Current(r)) => Some(self.readable(&self.digest, &r, hashes)?),
			Some(DigestRecord::BeforeVersion2(r)) => {
				Some(self.readable(&self.digest_v1, &r, hashes)?)
			},
			None => None,
		};
		let digest_json = serde_json::to_value(&digest.0).map_err(internal)?;
		Ok(answer(("digest", digest_json), at, record.map(|r| ("record", r))))
	}

	/// `evidence_export`; `time` is the timestamp (unix ms) of the block read.
	pub fn export(
		&self,
		order: &OrderKey,
		at: At,
		genesis: H256,
		time: u64,
		evidence: Option<evidence::OrderEvidence>,
		hashes: BlockHashes,
	) -> RpcResult<Value> {
		let found = match evidence {
			Some(evidence) => {
				let readable = self.readable(&self.order, &evidence, hashes)?;
				let read_at = ReadAt { genesis, hash: at.hash, number: at.number, time };
				Some(("document", export::document(&evidence, &readable, &read_at)))
			},
			None => None,
		};
		Ok(answer(("order", json!(order.0)), at, found))
	}

	/// `evidence_reputation`: the organisation's record (found when it is a member, or ever
	/// was a respondent); `name` its name, `counters` the chain's counters, `rows` every
	/// dispute.
	pub fn reputation(
		&self,
		org: &Org,
		at: At,
		name: Option<String>,
		counters: pallet_liability::Reputation,
		rows: &[Row],
	) -> Value {
		let known = name.is_some() || counters != Default::default();
		let record = known.then(|| ("record", track::reputation(org.0, name, &counters, rows)));
		answer(("org", json!(org.0)), at, record)
	}

	/// `evidence_statistics` over the disputes of `rows` opened from block `from` to `to`;
	/// `names` the name of an organisation.
	pub fn statistics(
		&self,
		(from, to): (&FromBlock, &ToBlock),
		at: At,
		rows: &[Row],
		names: impl Fn(evidence_primitives::OrgId) -> Option<String>,
	) -> Value {
		let mut statistics = track::statistics(from.0, to.0, rows, names);
		statistics["block_time_ms"] = json!(evidence_runtime::MILLI_SECS_PER_BLOCK);
		let mut answer = answer(("from", json!(from.0)), at, Some(("statistics", statistics)));
		answer["to"] = json!(to.0);
		answer
	}

	/// `value` as readable JSON, with the hash of every block it names.
	fn readable<T: Encode>(
		&self,
		ty: &TypeOf<T>,
		value: &T,
		hashes: BlockHashes,
	) -> RpcResult<Value> {
		let mut json = self.types.json(ty, value).map_err(internal)?;
		readable::add_block_hashes(&mut json, hashes);
		Ok(json)
	}

	/// `value`, when there is one, as readable JSON under `name`.
	fn found<T: Encode>(
		&self,
		name: &'static str,
		ty: &TypeOf<T>,
		value: Option<T>,
		hashes: BlockHashes,
	) -> RpcResult<Option<(&'static str, Value)>> {
		value.map(|v| Ok((name, self.readable(ty, &v, hashes)?))).transpose()
	}
}

/// `{ <key>, "at", "found", <name>: <found> }`.
fn answer(key: (&str, Value), at: At, found: Option<(&str, Value)>) -> Value {
	let mut object = serde_json::Map::new();
	object.insert(key.0.into(), key.1);
	object.insert("at".into(), json!({ "block": at.number, "block_hash": at.hash }));
	object.insert("found".into(), Value::Bool(found.is_some()));
	if let Some((name, value)) = found {
		object.insert(name.into(), value);
	}
	Value::Object(object)
}

//! The examples of `README.md`: each method's request and answer for the glassware story of
//! `runtime/tests/liability_scenarios.rs`, built by this crate's own answer code from the
//! records the runtime APIs returned at the story's last block
//! (`runtime/tests/fixtures/story-answers.txt`, checked by that test). The README must show
//! exactly these; `UPDATE_EXAMPLES=1` rewrites its examples section.

mod common;

use common::Records;
use evidence_primitives::{api::DigestReport, ContentDigest};
use evidence_rpc::{
	params::{Claim, Digest, DisputeId, FromBlock, OrderKey, Org, ToBlock, UnitKey},
	Answers, At, DigestRecord,
};
use evidence_runtime::{evidence, AccountId, Runtime};
use serde_json::{json, Value};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
const BEGIN: &str = "<!-- examples: written by tests/examples.rs, UPDATE_EXAMPLES=1 rewrites -->";
const END: &str = "<!-- end of examples -->";

/// A stand-in for the hash of block `number`: the story runs without a node, so its blocks
/// have no real hashes.
fn placeholder_hash(number: u64) -> H256 {
	BlakeTwo256::hash(&number.to_le_bytes())
}

/// The request as a client sends it.
fn request(method: &str, params: Value) -> Value {
	json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params })
}

/// `claim` as the `claim` parameter writes it.
fn claim_param(claim: &pallet_liability::Claim<Runtime>) -> Value {
	json!({
		"kind": claim.kind,
		"order": claim.order,
		"shipment": claim.shipment,
		"unit": claim.unit,
		"damage_mode": claim.damage_mode,
		"discovered_at": claim.discovered_at,
		"amount": {
			"currency": String::from_utf8_lossy(&claim.amount.currency),
			"minor_units": claim.amount.minor_units as u64,
		},
		"evidence": claim.evidence.iter().collect::<Vec<_>>(),
	})
}

/// Every method's request and answer, in the order of the README's method table.
fn examples() -> Vec<(&'static str, Value, Value)> {
	let records = Records::read();
	let answers = Answers::new();
	let number: u64 = records.get("block");
	let at = At { hash: placeholder_hash(number), number };
	let hash_of = |n: u64| Some(format!("{:?}", placeholder_hash(n)));
	let hashes = &hash_of;

	let order = OrderKey(records.get("order"));
	let unit = UnitKey(records.get("unit"));
	let id = DisputeId(records.get("dispute_id"));
	let claim: pallet_liability::Claim<Runtime> = records.get("claim");
	let digest = Digest(records.get::<ContentDigest>("digest"));
	let evidence: Option<evidence::OrderEvidence> = records.get("order_evidence");

	// The claim as written in the request is the claim the story opened its dispute with.
	let claim_json = claim_param(&claim);
	let read: Claim = serde_json::from_value(claim_json.clone()).expect("the example claim reads");
	assert_eq!(read.0, claim, "the example request names the story's claim");
	let claim = read;

	// The track records: the liable carrier's, and every dispute opened in the story.
	let rows = common::story_rows(&records);
	let names = common::names(&records);
	let liable = rows[0].dispute.verdict.as_ref().expect("decided").liable[0].org;
	let last = ToBlock(number.try_into().expect("a block number"));

	let answer = |result: jsonrpsee::core::RpcResult<Value>| result.expect("an answer");
	vec![
		(
			"evidence_orderEvidence",
			json!([order.0]),
			answer(answers.order_evidence(&order, at, evidence.clone(), hashes)),
		),
		(
			"evidence_unitPassport",
			json!([unit.0]),
			answer(answers.unit_passport(&unit, at, records.get("unit_passport"), hashes)),
		),
		(
			"evidence_dispute",
			json!([id.0]),
			answer(answers.dispute(&id, at, records.get("dispute"), hashes)),
		),
		(
			"evidence_previewVerdict",
			json!([claim_json]),
			answer(answers.preview_verdict(
				&claim,
				at,
				&records.get::<evidence::Preview>("preview"),
				hashes,
			)),
		),
		(
			"evidence_digest",
			json!([digest.0]),
			answer(
				answers.digest(
					&digest,
					at,
					records
						.get::<Option<DigestReport<AccountId>>>("digest_record")
						.map(DigestRecord::Current),
					hashes,
				),
			),
		),
		(
			"evidence_export",
			json!([order.0]),
			answer(answers.export(
				&order,
				at,
				placeholder_hash(0),
				records.get("time"),
				evidence,
				hashes,
			)),
		),
		(
			"evidence_reputation",
			json!([liable]),
			answers.reputation(
				&Org(liable),
				at,
				names(liable),
				common::counters(&records, liable),
				&rows,
			),
		),
		(
			"evidence_statistics",
			json!([1, last.0]),
			answers.statistics((&FromBlock(1), &last), at, &rows, &names),
		),
	]
}

/// The README's examples section.
fn section() -> String {
	let pretty = |value: &Value| serde_json::to_string_pretty(value).expect("JSON");
	let mut text = format!(
		"{BEGIN}\n\n\
		 The glassware story of `runtime/tests/liability_scenarios.rs`: the demo agency attests \
		 a glassware set, two carriers carry it (a 12 g drop on the second leg), the consignee \
		 signs with a reservation, the platform opens a transit-damage dispute citing the \
		 consumer's notarized photos, and the rules decide (D3, T1) and the verdict becomes \
		 final. Each answer is read at the story's last block. The story runs without a node, \
		 so block hashes are placeholders.\n"
	);
	for (method, params, answer) in examples() {
		text += &format!(
			"\n### `{method}`\n\n```json\n{}\n```\n\n<details><summary>Answer</summary>\n\n\
			 ```json\n{}\n```\n\n</details>\n",
			pretty(&request(method, params)),
			pretty(&json!({ "jsonrpc": "2.0", "id": 1, "result": answer })),
		);
	}
	text + "\n" + END
}

#[test]
fn the_readme_examples_are_the_answers_to_the_story() {
	let readme = std::fs::read_to_string(README).expect("README.md");
	let (start, end) = match (readme.find(BEGIN), readme.find(END)) {
		(Some(start), Some(end)) if start < end => (start, end + END.len()),
		_ => panic!("README.md has no examples section ({BEGIN} … {END})"),
	};
	let fresh = section();
	if std::env::var_os("UPDATE_EXAMPLES").is_some() {
		let updated = format!("{}{fresh}{}", &readme[..start], &readme[end..]);
		std::fs::write(README, updated).expect("README.md written");
		return;
	}
	assert!(
		readme[start..end] == fresh,
		"README.md's examples are not the answers the story gives now: rewrite them with \
		 `UPDATE_EXAMPLES=1 cargo test --release -p evidence-rpc --test examples`"
	);
}

#[test]
fn the_examples_show_the_decided_story() {
	let examples = examples();
	let answer = |method: &str| &examples.iter().find(|(m, ..)| *m == method).unwrap().2;
	for (method, _, answer) in &examples {
		assert_eq!(answer["found"], true, "{method}: {answer}");
	}
	let dispute = &answer("evidence_dispute")["dispute"]["dispute"];
	assert_eq!(dispute["verdict"]["rules"], json!(["D3", "T1"]), "{dispute}");
	let events = &answer("evidence_export")["document"]["epcisBody"]["eventList"];
	assert_eq!(events.as_array().map(Vec::len), Some(4), "{events}");
	let record = &answer("evidence_digest")["record"];
	assert_eq!(record["notarizations"].as_array().map(Vec::len), Some(1), "{record}");
	assert!(!record["cited_by"].as_array().unwrap().is_empty(), "the claim cites it: {record}");
}

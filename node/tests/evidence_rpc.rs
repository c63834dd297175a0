//! The `evidence_*` JSON-RPC methods on a running dev node: a notarized digest is found with
//! its block, unknown keys give a typed "not found", malformed parameters the invalid-params
//! error naming the parameter. (The found cases of the order, unit, dispute, preview and export
//! methods run in `scripts/integrator`'s demo, which `scripts/test.sh` runs on a fresh node.)

mod common;

use common::{signed_extrinsic, Node};
use evidence_primitives::{ContentDigest, EvidenceKind};
use evidence_runtime::RuntimeCall;
use serde_json::{json, Value};
use sp_keyring::Sr25519Keyring;
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);
const UNKNOWN: &str = "0x1111111111111111111111111111111111111111111111111111111111111111";

#[tokio::test(flavor = "multi_thread")]
async fn evidence_methods_answer_found_not_found_and_bad_input() {
	let dir = tempfile::tempdir().unwrap();
	let node = Node::start(&["--dev", "--tmp"], &dir.path().join("node.log"));
	node.wait_for("best block >= 1", STARTUP, || async {
		node.best_number().await.is_some_and(|n| n >= 1)
	})
	.await;

	// A photo notarized by the demo platform is found, with its block and hash.
	let photo = ContentDigest::sha2_256_of(b"photo of the dented corner");
	let notarize = RuntimeCall::Notary(pallet_notary::Call::notarize {
		digest: photo,
		kind: EvidenceKind::Photo,
		byte_size: 2_048_000,
		captured_at: 1_780_272_000_000,
		c2pa_claim: None,
	});
	// Not notarized yet: not found, and asked again at the same block, the same answer.
	let digest = serde_json::to_value(photo).unwrap();
	let before = node.call_raw("evidence_digest", vec![digest.clone()]).await.unwrap();
	assert_eq!(before["found"], false, "{before}");
	let again = node.call_raw("evidence_digest", vec![digest.clone()]).await.unwrap();
	if again["at"] == before["at"] {
		assert_eq!(again, before);
	}
	let extrinsic =
		signed_extrinsic(Sr25519Keyring::AliceStash, 0, node.genesis_hash().await, notarize);
	node.call_raw("author_submitExtrinsic", vec![Value::String(extrinsic.clone())])
		.await
		.expect("the operator's notarization is accepted");
	let included = node.wait_for_inclusion(&extrinsic, STARTUP).await;
	// Once it is in the best block, the answer follows (an answer is kept for one block only).
	let answer = node.call_raw("evidence_digest", vec![digest.clone()]).await.unwrap();
	assert_eq!(answer["found"], true, "{answer}");
	// One organisation's notarization: the record lists it alone.
	let notarizations = answer["record"]["notarizations"].as_array().expect("{answer}");
	assert_eq!(notarizations.len(), 1, "{answer}");
	let record = &notarizations[0];
	assert_eq!(record["org"], 0);
	assert_eq!(record["kind"], "Photo");
	assert_eq!(record["block"], included);
	assert_eq!(record["block_hash"], json!(node.block_hash(included).await.unwrap()));
	assert_eq!(record["captured_at_utc"], "2026-06-01T00:00:00.000Z");
	assert!(answer["at"]["block_hash"].is_string());

	// `verify` on the photo file finds the same record (notarized by the platform, when) once
	// its block is final: it reads at the finalized head.
	node.wait_for("the notarization finalized", STARTUP, || async {
		node.finalized().await.is_some_and(|(n, _)| n >= included)
	})
	.await;
	let photo_file = dir.path().join("corner.jpg");
	std::fs::write(&photo_file, b"photo of the dented corner").unwrap();
	let output = std::process::Command::new(common::node_binary())
		.args(["verify", "--rpc", &format!("http://127.0.0.1:{}", node.rpc_port)])
		.arg(&photo_file)
		.output()
		.unwrap();
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let verified: Value = serde_json::from_slice(&output.stdout).unwrap();
	assert_eq!(verified["found"], true, "{verified}");
	assert_eq!(verified["sha2_256"], json!(photo.hash));
	let records = verified["records"].as_array().unwrap();
	assert_eq!(records.len(), 1, "the SHA-256 digest only: {verified}");
	assert_eq!(records[0]["record"]["notarizations"][0]["block"], included);

	// Unknown keys: a typed "not found", never an error.
	let unknown = json!(UNKNOWN);
	for (method, params) in [
		("evidence_orderEvidence", vec![unknown.clone()]),
		("evidence_unitPassport", vec![unknown.clone()]),
		("evidence_dispute", vec![json!(7)]),
		("evidence_export", vec![unknown.clone()]),
		("evidence_digest", vec![json!({ "algorithm": "Blake2_256", "hash": UNKNOWN })]),
		// A unit by its GS1 Digital Link, no fact about it yet.
		("evidence_unitPassport", vec![json!("https://id.gs1.org/01/09506000134352/21/NONE")]),
		// An organisation that is no member.
		("evidence_reputation", vec![json!(4_000_000)]),
	] {
		let answer =
			node.call_raw(method, params).await.unwrap_or_else(|e| panic!("{method}: {e}"));
		assert_eq!(answer["found"], false, "{method}: {answer}");
	}
	let claim = json!({
		"kind": "TransitDamage", "order": UNKNOWN, "shipment": UNKNOWN, "unit": UNKNOWN,
		"damage_mode": "Mechanical", "discovered_at": 1_780_272_000_000u64,
		"amount": { "currency": "CNY", "minor_units": 39900 },
	});
	// A member with no dispute yet: found, with its name and nothing counted; no dispute in
	// the chain's blocks so far.
	let platform = node.call_raw("evidence_reputation", vec![json!(0)]).await.unwrap();
	assert_eq!(platform["found"], true, "{platform}");
	assert!(platform["record"]["name"].is_string(), "{platform}");
	assert_eq!(platform["record"]["disputes_against"], 0, "{platform}");
	assert_eq!(platform["record"]["counters"]["found_liable"], 0, "{platform}");
	let statistics =
		node.call_raw("evidence_statistics", vec![json!(0), json!(included)]).await.unwrap();
	assert_eq!(statistics["statistics"]["disputes"], 0, "{statistics}");
	assert_eq!(statistics["statistics"]["block_time_ms"], 6000, "{statistics}");
	let preview = node.call_raw("evidence_previewVerdict", vec![claim.clone()]).await.unwrap();
	assert_eq!(preview["found"], false);
	assert_eq!(preview["refused"], "UnknownShipment");

	// Malformed parameters: -32602 naming the parameter.
	let at_genesis = vec![unknown.clone(), json!(node.block_hash(0).await.unwrap())];
	assert_eq!(
		node.call_raw("evidence_orderEvidence", at_genesis).await.unwrap()["at"]["block"],
		0
	);
	let mut bad_kind = claim.clone();
	bad_kind["kind"] = json!("Broken");
	let mut bad_currency = claim.clone();
	bad_currency["amount"]["currency"] = json!("EURO");
	let mut extra_amount = claim.clone();
	extra_amount["amount"]["cents"] = json!(5);
	let digest_with_salt = json!({ "algorithm": "Blake2_256", "hash": UNKNOWN, "salt": 1 });
	// Each refusal names the parameter or field, and what was wrong with it.
	for (method, params, named) in [
		("evidence_orderEvidence", vec![json!("0x12")], "`order`: expected a 0x-prefixed"),
		("evidence_orderEvidence", vec![unknown.clone(), json!("yesterday")], "`at`"),
		("evidence_unitPassport", vec![json!(42)], "`unit`"),
		("evidence_dispute", vec![json!("first")], "`id`: expected a dispute number"),
		("evidence_export", vec![json!("order-1")], "`order`"),
		("evidence_digest", vec![unknown.clone()], "`digest`"),
		("evidence_previewVerdict", vec![bad_kind], "`claim.kind`: unknown variant `Broken`"),
		(
			"evidence_previewVerdict",
			vec![bad_currency],
			"`claim.amount.currency`: expected a three-letter",
		),
		("evidence_previewVerdict", vec![json!([1, 2])], "`claim`"),
		(
			"evidence_previewVerdict",
			vec![extra_amount],
			"`claim.amount.cents`: unknown field `cents`",
		),
		("evidence_digest", vec![digest_with_salt], "`digest.salt`: unknown field `salt`"),
		(
			"evidence_unitPassport",
			vec![json!("https://id.gs1.org/01/09506000134353/21/A")],
			"`unit`: the GTIN's check digit is wrong",
		),
		("evidence_reputation", vec![json!("Demo Carrier")], "`org`: expected an organisation"),
		("evidence_statistics", vec![json!(10), json!(2)], "`from` (10) is after `to` (2)"),
		("evidence_statistics", vec![json!(1)], "`to`"),
	] {
		let error = node.call_raw(method, params).await.expect_err(method);
		assert!(error.starts_with("-32602"), "{method}: {error}");
		assert!(error.contains(named), "{method} names {named}: {error}");
	}
	// A missing parameter: refused too, by name.
	let error = node.call_raw("evidence_orderEvidence", vec![]).await.expect_err("no order");
	assert!(error.starts_with("-32602") && error.contains("`order`"), "{error}");
	// A parameter the method does not have is refused, not ignored: a misspelled `at` does not
	// silently read the best block, and a value too many is not dropped.
	let misspelled = json!({ "order": unknown.clone(), "block_hash": unknown.clone() });
	let error =
		node.call_named("evidence_orderEvidence", misspelled).await.expect_err("misspelled at");
	assert!(error.contains("unknown parameter `block_hash`"), "{error}");
	let three = vec![unknown.clone(), Value::Null, json!(1)];
	let error = node.call_raw("evidence_dispute", three).await.expect_err("three values");
	assert!(error.starts_with("-32602") && error.contains("3 parameters given"), "{error}");
	// By name, in mixed-case hex: the same key, as the chain writes it.
	let mixed = format!("0x{}", "AbCdEf01".repeat(8));
	let by_name =
		node.call_named("evidence_orderEvidence", json!({ "order": mixed })).await.unwrap();
	assert_eq!(by_name["order"], json!(mixed.to_lowercase()));
	assert_eq!(by_name["found"], false);
	// An unknown block.
	let error = node
		.call_raw("evidence_orderEvidence", vec![unknown.clone(), unknown.clone()])
		.await
		.expect_err("unknown block");
	assert!(error.starts_with("4001"), "{error}");
}

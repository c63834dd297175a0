//! End to end: hash real files with `evidence-node hash --batch`, anchor the root on a running
//! dev node over JSON-RPC, and verify every leaf's inclusion proof through the `NotaryApi`
//! runtime API and with `evidence-node verify` (a file outside the batch fails it); a tampered
//! leaf fails. Also: `hash` reports every readable file and exits
//! non-zero naming the unreadable one.

mod common;

use codec::{Decode, Encode};
use common::{node_binary, signed_extrinsic, Node};
use evidence_primitives::{
	api::InclusionVerdict,
	merkle::{InclusionProof, MerkleScheme},
	ContentDigest,
};
use evidence_runtime::{AccountId, RuntimeCall};
use serde_json::{json, Value};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use std::{path::PathBuf, process::Command, time::Duration};

const STARTUP: Duration = Duration::from_secs(120);

/// Three evidence files: a "photo", a "report" and a 3 MiB "video".
fn evidence_files(dir: &std::path::Path) -> Vec<PathBuf> {
	let files = [
		("photo.jpg", b"jpeg bytes of the dented corner".repeat(1000)),
		("report.pdf", b"inspection report 2026-11-22".to_vec()),
		("video.mp4", (0..3 * 1024 * 1024).map(|i| (i % 253) as u8).collect()),
	];
	files
		.into_iter()
		.map(|(name, content)| {
			let path = dir.join(name);
			std::fs::write(&path, content).unwrap();
			path
		})
		.collect()
}

#[test]
fn hash_reports_readable_files_and_names_the_missing_one() {
	let dir = tempfile::tempdir().unwrap();
	let files = evidence_files(dir.path());
	let missing = dir.path().join("missing.mov");
	let output = Command::new(node_binary())
		.arg("hash")
		.arg(&files[1])
		.arg(&missing)
		.arg(&files[0])
		.output()
		.unwrap();
	assert!(!output.status.success(), "a missing file makes the command fail");
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("missing.mov"), "names the file: {stderr}");
	let report: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
	let reported = report["files"].as_array().unwrap();
	assert_eq!(reported.len(), 2, "the readable files are still reported");
	let content = std::fs::read(&files[1]).unwrap();
	assert_eq!(reported[0]["size"], content.len());
	assert_eq!(
		reported[0]["sha2_256"],
		sp_core::bytes::to_hex(&sp_io::hashing::sha2_256(&content), false)
	);
	assert_eq!(
		reported[0]["blake2_256"],
		sp_core::bytes::to_hex(&sp_io::hashing::blake2_256(&content), false)
	);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hashed_batch_anchored_on_chain_proves_every_leaf() {
	let dir = tempfile::tempdir().unwrap();
	let files = evidence_files(dir.path());
	let batch_file = dir.path().join("batch.json");
	let status = Command::new(node_binary())
		.arg("hash")
		.arg("--batch")
		.arg(&batch_file)
		.args(&files)
		.stdout(std::process::Stdio::null())
		.status()
		.unwrap();
	assert!(status.success());
	let batch: Value = serde_json::from_slice(&std::fs::read(&batch_file).unwrap()).unwrap();
	let root: H256 = serde_json::from_value(batch["root"].clone()).unwrap();
	assert_eq!(batch["leafCount"], 3);

	let node = Node::start(&["--dev", "--tmp"], &dir.path().join("node.log"));
	node.wait_for("best block >= 1", STARTUP, || async {
		node.best_number().await.is_some_and(|n| n >= 1)
	})
	.await;
	let anchor = RuntimeCall::Notary(pallet_notary::Call::anchor_batch {
		root,
		leaf_count: 3,
		scheme: MerkleScheme::Blake2PrefixedV1,
	});
	let extrinsic =
		signed_extrinsic(Sr25519Keyring::AliceStash, 0, node.genesis_hash().await, anchor);
	node.call_raw("author_submitExtrinsic", vec![Value::String(extrinsic.clone())])
		.await
		.expect("the operator's anchoring is accepted");
	let anchored = node.wait_for_inclusion(&extrinsic, STARTUP).await;
	// `verify` below reads at the finalized head.
	node.wait_for("the anchoring finalized", STARTUP, || async {
		node.finalized().await.is_some_and(|(n, _)| n >= anchored)
	})
	.await;

	let verify = |leaf: ContentDigest, proof: InclusionProof| {
		let node = &node;
		async move {
			let args = (0u64, leaf, proof).encode();
			let bytes = node.runtime_call("NotaryApi_verify_inclusion", &args).await;
			InclusionVerdict::<AccountId>::decode(&mut &bytes[..]).unwrap()
		}
	};
	for entry in batch["leaves"].as_array().unwrap() {
		let leaf: ContentDigest = serde_json::from_value(entry["digest"].clone()).unwrap();
		let proof: InclusionProof = serde_json::from_value(entry["proof"].clone()).unwrap();
		// The SCALE form in the file is the same proof.
		assert_eq!(
			entry["proofScale"].as_str().unwrap(),
			sp_core::bytes::to_hex(&proof.encode(), false)
		);
		let verdict = verify(leaf, proof).await;
		assert!(verdict.included, "leaf {leaf:?} is proven");
		let anchored = verdict.batch.expect("the batch exists");
		assert_eq!(anchored.root, root);
		assert_eq!(anchored.anchored_by, Sr25519Keyring::AliceStash.to_account_id());
	}

	// `verify` proves each file in the anchored batch over RPC, with the batch's record.
	let rpc = format!("http://127.0.0.1:{}", node.rpc_port);
	let verify_files = |files: &[PathBuf]| {
		let output = Command::new(node_binary())
			.args(["verify", "--rpc", &rpc, "--batch-id", "0", "--batch"])
			.arg(&batch_file)
			.args(files)
			.output()
			.unwrap();
		let answers: Vec<Value> = serde_json::Deserializer::from_slice(&output.stdout)
			.into_iter()
			.collect::<Result<_, _>>()
			.unwrap();
		(output.status.success(), answers, String::from_utf8_lossy(&output.stderr).to_string())
	};
	let (success, answers, stderr) = verify_files(&files);
	assert!(success, "{stderr}");
	assert_eq!(answers.len(), files.len());
	for answer in &answers {
		assert_eq!(answer["found"], true, "{answer}");
		assert_eq!(answer["batch"]["included"], true, "{answer}");
		assert_eq!(answer["batch"]["record"]["root"], json!(root), "{answer}");
		// Anchored in a batch, not notarized one by one.
		assert_eq!(answer["notarized"], false, "{answer}");
	}
	// A file that is neither in the batch nor notarized: found false, and the command fails.
	let stranger = dir.path().join("stranger.jpg");
	std::fs::write(&stranger, b"a photo nobody anchored").unwrap();
	let (success, answers, stderr) = verify_files(&[files[0].clone(), stranger]);
	assert!(!success, "a missing file fails the command");
	assert!(stderr.contains("1 of 2 files not found"), "{stderr}");
	assert_eq!(
		(answers[0]["found"].clone(), answers[1]["found"].clone()),
		(json!(true), json!(false))
	);
	assert_eq!(answers[1]["batch"]["included"], false);

	// A tampered leaf with a genuine proof fails.
	let first = &batch["leaves"][0];
	let proof: InclusionProof = serde_json::from_value(first["proof"].clone()).unwrap();
	let tampered = ContentDigest::blake2_256_of(b"jpeg bytes of an intact corner");
	assert!(!verify(tampered, proof).await.included);
}

//! The checked-in chain specs are what `scripts/build-chain-specs.sh` produces now: a change of
//! genesis (presets, pallets, properties) without regenerating them fails here.
//!
//! The runtime wasm blob is compared by presence only: its bytes embed build paths, so a
//! clone in another directory builds a different blob from the same sources. Everything else —
//! every genesis storage key and value, name, id, properties — must match exactly.

mod common;

use serde_json::Value;
use std::{path::Path, process::Command};

/// `:code`, the storage key of the runtime wasm.
const CODE_KEY: &str = "0x3a636f6465";

fn read(path: &Path) -> Value {
	let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
		panic!("{} is missing ({e}): run scripts/build-chain-specs.sh", path.display())
	});
	serde_json::from_str(&text).unwrap()
}

/// Replaces the wasm blob by a marker, failing if it is absent.
fn mask_code(mut spec: Value) -> Value {
	let genesis = &mut spec["genesis"];
	let code = if genesis.get("raw").is_some() {
		&mut genesis["raw"]["top"][CODE_KEY]
	} else {
		&mut genesis["runtimeGenesis"]["code"]
	};
	let blob = code.as_str().expect("the spec carries the runtime code");
	assert!(blob.starts_with("0x") && blob.len() > 1000, "runtime code looks like wasm");
	*code = Value::String("<runtime wasm>".into());
	spec
}

#[test]
fn checked_in_chain_specs_match_the_script_output() {
	let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
	let out = tempfile::tempdir().unwrap();
	let status = Command::new(root.join("scripts/build-chain-specs.sh"))
		.arg(out.path())
		.env("EVIDENCE_NODE", common::node_binary())
		.status()
		.unwrap();
	assert!(status.success(), "build-chain-specs.sh failed");

	for file in ["local.json", "local-raw.json"] {
		let fresh = mask_code(read(&out.path().join(file)));
		let checked_in = mask_code(read(&root.join("chain-specs").join(file)));
		assert!(
			fresh == checked_in,
			"chain-specs/{file} is out of date: run scripts/build-chain-specs.sh and commit it"
		);
	}
}

#[test]
fn raw_local_spec_is_the_four_validator_consortium() {
	let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
	let plain = read(&root.join("chain-specs/local.json"));
	assert_eq!(plain["id"], "evidence_local");
	assert_eq!(plain["chainType"], "Local");
	assert_eq!(plain["properties"]["tokenSymbol"], "EVC");
	let patch = &plain["genesis"]["runtimeGenesis"];
	let genesis = patch.get("patch").or_else(|| patch.get("config")).expect("genesis config");
	assert_eq!(genesis["session"]["keys"].as_array().unwrap().len(), 4);
	let organisations = genesis["consortium"]["organisations"].as_array().unwrap();
	assert_eq!(organisations.len(), 4);
	for org in organisations {
		assert_eq!(org["validators"].as_array().unwrap().len(), 1, "one validator each: {org}");
		assert_eq!(org["operators"].as_array().unwrap().len(), 1, "one operator each: {org}");
	}
	assert_eq!(genesis["consortium"]["minValidators"], 3);
	assert!(genesis["sudo"]["key"].is_null(), "no sudo key in the consortium");
}

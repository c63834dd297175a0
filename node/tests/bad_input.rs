//! Bad command-line input fails fast with a message an operator can act on.

mod common;

use std::process::Command;

#[test]
fn unknown_chain_names_the_available_presets() {
	let dir = tempfile::tempdir().unwrap();
	let output = Command::new(common::node_binary())
		.args(["--chain", "nonexistent", "--base-path", dir.path().to_str().unwrap()])
		.output()
		.unwrap();
	assert!(!output.status.success(), "an unknown chain must not start a node");
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("nonexistent"), "names the bad input: {stderr}");
	assert!(stderr.contains("`dev`") && stderr.contains("`local`"), "names the presets: {stderr}");
}

#[test]
fn malformed_chain_spec_file_is_rejected_clearly() {
	let dir = tempfile::tempdir().unwrap();
	let spec = dir.path().join("broken.json");
	std::fs::write(&spec, "{ \"name\": \"half a spec\", ").unwrap();
	let output = Command::new(common::node_binary())
		.args(["--chain", spec.to_str().unwrap(), "--base-path", dir.path().to_str().unwrap()])
		.output()
		.unwrap();
	assert!(!output.status.success(), "a malformed chain spec must not start a node");
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("Invalid chain-spec file"), "says what is wrong: {stderr}");
	assert!(stderr.contains("broken.json"), "names the file: {stderr}");
}

#[test]
fn export_chain_spec_rejects_unknown_preset() {
	let output = Command::new(common::node_binary())
		.args(["export-chain-spec", "--chain", "mainnet"])
		.output()
		.unwrap();
	assert!(!output.status.success());
	assert!(String::from_utf8_lossy(&output.stderr).contains("`local`"));
}

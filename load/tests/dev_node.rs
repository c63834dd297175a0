//! The load generator against a real dev node: it adds its operators, signs and submits
//! attestations and remarks, and finds every one of them in finalized blocks. Needs the
//! release `evidence-node` built beside `evidence-load` (`cargo build --release --workspace`,
//! as `scripts/test.sh` does).

use serde_json::Value;
use std::{
	net::TcpListener,
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The dev node, stopped when dropped (also when the test fails).
struct DevNode(Child);

impl Drop for DevNode {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

fn start_dev_node() -> (DevNode, u16) {
	let load = PathBuf::from(env!("CARGO_BIN_EXE_evidence-load"));
	let binary = load.with_file_name("evidence-node");
	assert!(binary.exists(), "{} is missing: build the workspace first", binary.display());
	let rpc = free_port();
	let child = Command::new(binary)
		.args(["--dev", "--tmp", "--no-mdns", "--no-telemetry"])
		.args(["--rpc-port", &rpc.to_string(), "--port", &free_port().to_string()])
		.args(["--prometheus-port", &free_port().to_string()])
		.stdout(Stdio::null())
		.stderr(Stdio::null())
		.spawn()
		.expect("evidence-node starts");
	let node = DevNode(child);
	// Wait for its RPC port; the generator itself waits for the first block.
	let deadline = Instant::now() + Duration::from_secs(60);
	while std::net::TcpStream::connect(("127.0.0.1", rpc)).is_err() {
		assert!(Instant::now() < deadline, "the dev node did not come up");
		std::thread::sleep(Duration::from_millis(500));
	}
	(node, rpc)
}

/// Runs `evidence-load` against the node; its JSON report, or None when it failed.
fn load_run(rpc: u16, args: &[&str]) -> Option<Value> {
	let output = Command::new(env!("CARGO_BIN_EXE_evidence-load"))
		.args(["--url", &format!("ws://127.0.0.1:{rpc}")])
		.args(args)
		.output()
		.expect("evidence-load runs");
	output.status.success().then(|| serde_json::from_slice(&output.stdout).expect("JSON report"))
}

#[test]
fn every_submitted_transaction_is_found_finalized() {
	let (_node, rpc) = start_dev_node();
	for (workload, count) in [("attest", 60u64), ("remark", 60)] {
		let report = load_run(
			rpc,
			&["--workload", workload, "--count", &count.to_string(), "--operators", "3"],
		)
		.unwrap_or_else(|| panic!("{workload} run failed"));
		assert_eq!(report["submitted"], count, "{workload}: {report}");
		assert_eq!(report["finalized_transactions"], count, "{workload}: {report}");
		let blocks = report["blocks"].as_array().unwrap();
		let in_blocks: u64 = blocks.iter().map(|b| b["ours"].as_u64().unwrap()).sum();
		assert_eq!(in_blocks, count, "{workload}: {report}");
		// The rate comes from the blocks' own timestamps (slot times, give or take a few ms).
		let chain_ms = report["chain_ms"].as_u64().unwrap();
		assert!(chain_ms > 0, "{workload}: {report}");
		let rate = report["items_per_second"].as_f64().unwrap();
		assert!(
			(rate - count as f64 * 1000.0 / chain_ms as f64).abs() < 1e-6,
			"{workload}: {report}"
		);
		// Three operators of the organisations allowed to submit: the agency alone attests.
		let operators = if workload == "attest" { 3 } else { 12 };
		assert_eq!(report["operators"], operators, "{workload}: {report}");
	}
}

#[test]
fn refuses_anything_but_loopback() {
	let output = Command::new(env!("CARGO_BIN_EXE_evidence-load"))
		.args(["--url", "ws://10.0.0.1:9944", "--workload", "remark"])
		.output()
		.unwrap();
	assert!(!output.status.success());
	assert!(String::from_utf8_lossy(&output.stderr).contains("only ws://127.0.0.1 is allowed"));
}

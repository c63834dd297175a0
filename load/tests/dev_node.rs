//! The load generator against a real dev node: it adds its operators, signs and submits each
//! workload, and finds every transaction in finalized blocks, none failed. Needs the
//! release `evidence-node` built beside `evidence-load` (`cargo build --release --workspace`,
//! as `scripts/test.sh` does).

use serde_json::Value;
use std::{
	net::TcpListener,
	path::PathBuf,
	process::{Child, Command, Stdio},
	sync::Mutex,
	time::{Duration, Instant},
};

/// Held while a node picks its ports and opens them: the tests run in parallel, and a port
/// freed by `free_ports` in one test must not be picked by another before its node binds it.
static STARTING: Mutex<()> = Mutex::new(());

/// Three distinct free ports (RPC, p2p, Prometheus): all held until each one is chosen, so
/// the node never gets one port twice (it would then fail to start).
fn free_ports() -> [u16; 3] {
	let listeners: Vec<TcpListener> =
		(0..3).map(|_| TcpListener::bind("127.0.0.1:0").expect("a free port")).collect();
	std::array::from_fn(|i| listeners[i].local_addr().expect("bound").port())
}

/// The dev node, stopped when dropped (also when the test fails); its log is kept for the
/// failure messages.
struct DevNode {
	child: Child,
	rpc: u16,
	log: PathBuf,
}

impl DevNode {
	fn start() -> Self {
		let load = PathBuf::from(env!("CARGO_BIN_EXE_evidence-load"));
		let binary = load.with_file_name("evidence-node");
		assert!(binary.exists(), "{} is missing: build the workspace first", binary.display());
		let _starting = STARTING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let [rpc, p2p, prometheus] = free_ports();
		// One log per node: the tests of this file run side by side in one process.
		let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
			.join(format!("load-dev-node-{}-{rpc}.log", std::process::id()));
		let child = Command::new(binary)
			.args(["--dev", "--tmp", "--no-mdns", "--no-telemetry"])
			.args(["--rpc-port", &rpc.to_string(), "--port", &p2p.to_string()])
			.args(["--prometheus-port", &prometheus.to_string()])
			.stdout(Stdio::null())
			.stderr(std::fs::File::create(&log).expect("the node log can be created"))
			.spawn()
			.expect("evidence-node starts");
		let mut node = DevNode { child, rpc, log };
		// The port its RPC server really bound: sc-cli takes another one when `rpc` was taken
		// meanwhile. The generator itself waits for the first block.
		node.rpc = node.listening_rpc_port();
		node
	}

	/// The port from the node's log line `Running JSON-RPC server: addr=127.0.0.1:PORT,…`;
	/// panics when the node exits first or does not listen within a minute.
	fn listening_rpc_port(&mut self) -> u16 {
		const MARK: &str = "Running JSON-RPC server: addr=";
		let deadline = Instant::now() + Duration::from_secs(60);
		loop {
			let text = std::fs::read_to_string(&self.log).unwrap_or_default();
			if let Some((_, addresses)) = text.lines().find_map(|l| l.split_once(MARK)) {
				return addresses
					.split(',')
					.filter_map(|a| a.trim().parse::<std::net::SocketAddr>().ok())
					.find(|a| a.is_ipv4())
					.map(|a| a.port())
					.unwrap_or_else(|| panic!("no IPv4 address in `{addresses}`"));
			}
			if let Ok(Some(status)) = self.child.try_wait() {
				panic!("the dev node exited ({status}):\n{}", self.log_tail());
			}
			assert!(
				Instant::now() < deadline,
				"the dev node did not come up:\n{}",
				self.log_tail()
			);
			std::thread::sleep(Duration::from_millis(100));
		}
	}

	/// The last lines the node logged.
	fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(30)..].join("\n")
	}
}

impl Drop for DevNode {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
		// A failed test keeps the whole log for a closer look.
		if !std::thread::panicking() {
			let _ = std::fs::remove_file(&self.log);
		}
	}
}

/// Runs `evidence-load` against the node and returns its JSON report; a failed run panics
/// with what the generator said and what the node logged.
fn load_run(node: &mut DevNode, args: &[&str]) -> Value {
	let output = Command::new(env!("CARGO_BIN_EXE_evidence-load"))
		.args(["--url", &format!("ws://127.0.0.1:{}", node.rpc)])
		.args(args)
		.output()
		.expect("evidence-load runs");
	assert!(
		output.status.success(),
		"evidence-load {args:?} failed ({}): {}\nthe node: {:?}; its log ({}):\n{}",
		output.status,
		String::from_utf8_lossy(&output.stderr),
		node.child.try_wait().map(|exited| exited.map_or("running".into(), |s| s.to_string())),
		node.log.display(),
		node.log_tail()
	);
	serde_json::from_slice(&output.stdout).expect("JSON report")
}

/// The `evidence_*` answers of `orders` (each order, its first unit, its disputes) at the
/// finalized block, which the node computes with its own build of the runtime's reads (its log
/// says so: the dev chain runs this node's runtime), are exactly what the chain's wasm runtime
/// answers through `state_call`, turned into JSON by the same answer code.
fn answers_are_the_chain_runtimes(node: &DevNode, orders: &[Value]) {
	use codec::{Decode, Encode};
	use evidence_rpc::{params::*, Answers, At};
	use evidence_runtime::evidence;
	use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClientBuilder};
	use sp_core::{bytes, H256};

	let runtime = tokio::runtime::Runtime::new().unwrap();
	runtime.block_on(async {
		let url = format!("ws://127.0.0.1:{}", node.rpc);
		let client = WsClientBuilder::default().build(&url).await.unwrap();
		let at: H256 = client.request("chain_getFinalizedHead", rpc_params![]).await.unwrap();
		let header: Value = client.request("chain_getHeader", rpc_params![at]).await.unwrap();
		let number =
			u64::from_str_radix(header["number"].as_str().unwrap().trim_start_matches("0x"), 16)
				.unwrap();
		let mut hashes = std::collections::HashMap::new();
		for n in 0..=number {
			let hash: H256 = client.request("chain_getBlockHash", rpc_params![n]).await.unwrap();
			hashes.insert(n, format!("{hash:?}"));
		}
		let hashes = move |n: u64| hashes.get(&n).cloned();
		let at_block = At { hash: at, number };
		let answers = Answers::new();
		// The wasm runtime's answer to `EvidenceApi_<function>(argument)`, decoded.
		let in_wasm = |function: &'static str, argument: Vec<u8>| {
			let client = &client;
			async move {
				let scale: String = client
					.request(
						"state_call",
						rpc_params![
							format!("EvidenceApi_{function}"),
							bytes::to_hex(&argument, false),
							at
						],
					)
					.await
					.unwrap();
				bytes::from_hex(&scale).unwrap()
			}
		};
		let mut disputes = 0;
		for order in orders {
			let key: OrderKey = serde_json::from_value(order.clone()).unwrap();
			let native: Value =
				client.request("evidence_orderEvidence", rpc_params![order, at]).await.unwrap();
			let wasm = Option::<evidence::OrderEvidence>::decode(
				&mut &in_wasm("order_evidence", key.0.encode()).await[..],
			)
			.unwrap();
			let expected = answers.order_evidence(&key, at_block, wasm, &hashes).unwrap();
			assert_eq!(native, expected, "order {order}");
			assert_eq!(native["found"], true, "{native}");

			let unit = native["evidence"]["shipments"][0]["shipment"]["units"][0].clone();
			assert!(unit.is_string(), "every story order ships a unit: {native}");
			let key: UnitKey = serde_json::from_value(unit.clone()).unwrap();
			let answer: Value =
				client.request("evidence_unitPassport", rpc_params![&unit, at]).await.unwrap();
			let wasm = Option::<evidence::UnitPassport>::decode(
				&mut &in_wasm("unit_passport", key.0.encode()).await[..],
			)
			.unwrap();
			let expected = answers.unit_passport(&key, at_block, wasm, &hashes).unwrap();
			assert_eq!(answer, expected, "unit {unit}");

			for dispute in native["evidence"]["disputes"].as_array().unwrap() {
				let id: DisputeId = serde_json::from_value(dispute["id"].clone()).unwrap();
				let answer: Value =
					client.request("evidence_dispute", rpc_params![id.0, at]).await.unwrap();
				let wasm = Option::<evidence::DisputeEntry>::decode(
					&mut &in_wasm("dispute", id.0.encode()).await[..],
				)
				.unwrap();
				let expected = answers.dispute(&id, at_block, wasm, &hashes).unwrap();
				assert_eq!(answer, expected, "dispute {}", id.0);
				assert_eq!(answer["found"], true, "{answer}");
				disputes += 1;
			}
		}
		assert_eq!(disputes, 2, "the story's two disputes were compared");
	});
	// The node computed its answers natively, not in the wasm runtime the test compared them to
	// (its log reaches the file within a moment).
	let deadline = Instant::now() + Duration::from_secs(10);
	let log = loop {
		let log = std::fs::read_to_string(&node.log).unwrap_or_default();
		if log.contains("evidence reads run natively") || Instant::now() > deadline {
			break log;
		}
		std::thread::sleep(Duration::from_millis(100));
	};
	assert!(log.contains("evidence reads run natively"), "{}", node.log_tail());
	assert!(!log.contains("evidence reads run in the chain's runtime"), "{}", node.log_tail());
}

#[test]
fn every_submitted_transaction_is_found_finalized() {
	let mut node = DevNode::start();
	for (workload, count) in [("attest", 60u64), ("remark", 60)] {
		let report = load_run(
			&mut node,
			&["--workload", workload, "--count", &count.to_string(), "--operators", "3"],
		);
		assert_eq!(report["submitted"], count, "{workload}: {report}");
		assert_eq!(report["finalized_transactions"], count, "{workload}: {report}");
		assert_eq!(report["failed_transactions"], 0, "{workload}: {report}");
		// Nothing the pool accepted is missing from the finalized blocks, however it took it.
		assert_eq!(report["not_finalized_by_acceptance"], serde_json::json!({}), "{report}");
		assert!(report["first_not_finalized"].is_null(), "{workload}: {report}");
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
fn carrier_workloads_and_the_story_land_whole_and_verdicts_come_in_the_closing_block() {
	let mut node = DevNode::start();
	for workload in ["checkpoint", "sensor"] {
		// 20 items: three shipments prepared (eight items each), created then picked up.
		let report =
			load_run(&mut node, &["--workload", workload, "--count", "20", "--operators", "2"]);
		assert_eq!(report["finalized_items"], 20, "{workload}: {report}");
		assert_eq!(report["failed_transactions"], 0, "{workload}: {report}");
		let setup = report["setup"].as_array().unwrap();
		let prepared: Vec<u64> =
			setup.iter().map(|p| p["transactions"].as_u64().unwrap()).collect();
		let loggers = if workload == "sensor" { 8 } else { 0 };
		assert_eq!(prepared, [3 + loggers, 3], "{workload}: {report}");
		assert_eq!(report["operators"], 4, "{workload}: {report}");
	}

	// Six orders, two disputed; each order takes an attestation, a shipment, three checkpoints
	// and a digest; each dispute its opening and, from its one respondent (the carrier: the
	// platform ships its own goods and no transit rule holds the agency), a contest and then
	// a close.
	let report = load_run(
		&mut node,
		&["--workload", "story", "--count", "6", "--dispute-every", "3", "--operators", "2"],
	);
	assert_eq!(report["finalized_transactions"], 6 * 6 + 2 + 2 * 2, "{report}");
	assert_eq!(report["failed_transactions"], 0, "{report}");
	assert_eq!(report["phases"].as_array().unwrap().len(), 5, "{report}");
	let disputes = &report["disputes"];
	assert_eq!(disputes["opened"], 2, "{report}");
	assert_eq!(disputes["proposed"], 2, "{report}");
	assert_eq!(disputes["verdict_in_closing_block"], 2, "{report}");
	assert_eq!(disputes["finalized_after_ms"]["samples"], 2, "{report}");
	assert!(disputes["finalized_after_ms"]["max"].as_f64().unwrap() > 0.0, "{report}");
	// Delivered with a reservation (apparent damage): the consumer's refund is decided in the
	// block that opens the dispute (D3), long before the recourse between the businesses ends.
	let consumer = &disputes["consumer_decision"];
	assert_eq!(consumer["decided"], 2, "{report}");
	assert_eq!(consumer["refunds"], 2, "{report}");
	assert_eq!(consumer["decided_at_opening"], 2, "{report}");
	assert_eq!(consumer["blocks_after_opening"]["max"], 0.0, "{report}");
	assert_eq!(consumer["finalized_after_opening_ms"]["samples"], 2, "{report}");

	// The same story in two waves in flight, each with its own operators, at a block share
	// of one half: the same transactions land, and the waves' disputes are counted together.
	let report = load_run(
		&mut node,
		&[
			"--workload",
			"story",
			"--count",
			"6",
			"--waves",
			"2",
			"--dispute-every",
			"3",
			"--operators",
			"2",
			"--block-share",
			"50",
		],
	);
	assert_eq!(report["waves"], 2, "{report}");
	assert_eq!(report["block_share_percent"], 50, "{report}");
	assert_eq!(report["finalized_transactions"], 6 * 6 + 2 + 2 * 2, "{report}");
	assert_eq!(report["failed_transactions"], 0, "{report}");
	assert_eq!(report["disputes"]["verdict_in_closing_block"], 2, "{report}");
	assert_eq!(report["all_orders"].as_array().unwrap().len(), 6, "{report}");
	assert_eq!(report["disputed_orders"].as_array().unwrap().len(), 2, "{report}");
	answers_are_the_chain_runtimes(&node, report["all_orders"].as_array().unwrap());

	// Checkpoints at 8 a second: each one's time from submission to being seen finalized.
	// The drop watch at its most eager (every signer with a transaction waiting is asked about
	// every few seconds): a waiting transaction sent again is refused as known, and each one
	// is still found once.
	let report = load_run(
		&mut node,
		&[
			"--workload",
			"checkpoint",
			"--count",
			"16",
			"--rate",
			"8",
			"--operators",
			"2",
			"--resend-after-seconds",
			"0",
		],
	);
	assert_eq!(report["finalized_items"], 16, "{report}");
	assert_eq!(report["resend_after_seconds"], 0, "{report}");
	assert!(report["resent_after_a_drop"].as_u64().is_some_and(|resent| resent <= 16), "{report}");
	let latency = &report["submit_to_finalized_ms"];
	assert_eq!(latency["samples"], 16, "{report}");
	assert!(latency["p50"].as_f64().unwrap() > 0.0, "{report}");
	assert!(report["first_submit_to_last_finalized_ms"].as_u64().unwrap() >= 1_000, "{report}");
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

//! Starting the real `evidence-node` binary on free ports and talking JSON-RPC to it.
//! Every node started here is stopped when its handle is dropped, also when a test fails.

#![allow(dead_code)]

use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use jsonrpsee::{
	core::client::ClientT,
	http_client::{HttpClient, HttpClientBuilder},
	rpc_params,
};
use serde_json::Value;

/// The node binary cargo built for these tests.
pub fn node_binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_evidence-node"))
}

/// `N` distinct ports nobody listens on right now: all are held until every one is chosen,
/// so a node never gets the same port for RPC and p2p (it would then fail to start).
pub fn free_ports<const N: usize>() -> [u16; N] {
	let listeners: Vec<TcpListener> =
		(0..N).map(|_| TcpListener::bind("127.0.0.1:0").expect("a free port")).collect();
	std::array::from_fn(|i| listeners[i].local_addr().expect("bound").port())
}

/// A running node process.
pub struct Node {
	child: std::sync::Mutex<Option<Child>>,
	/// JSON-RPC port on 127.0.0.1.
	pub rpc_port: u16,
	log: PathBuf,
}

impl Node {
	/// Starts `evidence-node <args>` with free RPC, p2p and Prometheus ports; its output goes
	/// to `log`. Returns once the JSON-RPC server listens, with the port it really bound (a
	/// node whose port was taken meanwhile, say by a client's outgoing connection, binds a
	/// random one and says so in its log).
	pub fn start(args: &[&str], log: &Path) -> Node {
		let [rpc_port, p2p_port, prometheus_port] = free_ports();
		let log_file = std::fs::File::create(log).expect("log file can be created");
		let child = Command::new(node_binary())
			.args(args)
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--port", &p2p_port.to_string()])
			.args(["--prometheus-port", &prometheus_port.to_string()])
			.args(["--no-mdns", "--no-telemetry"])
			.stdout(Stdio::null())
			.stderr(log_file)
			.spawn()
			.expect("evidence-node starts");
		let mut node =
			Node { child: std::sync::Mutex::new(Some(child)), rpc_port, log: log.to_path_buf() };
		node.rpc_port = node.listening_rpc_port();
		node
	}

	/// The port of the node's JSON-RPC server on 127.0.0.1, from its log line
	/// `Running JSON-RPC server: addr=127.0.0.1:PORT,…`; panics when the node exits or does not
	/// listen within two minutes.
	fn listening_rpc_port(&self) -> u16 {
		const MARK: &str = "Running JSON-RPC server: addr=";
		let deadline = Instant::now() + Duration::from_secs(120);
		loop {
			let text = std::fs::read_to_string(&self.log).unwrap_or_default();
			let addresses =
				text.lines().find_map(|l| l.split_once(MARK).map(|(_, a)| a.to_string()));
			if let Some(addresses) = addresses {
				let port = addresses
					.split(',')
					.filter_map(|a| a.trim().parse::<std::net::SocketAddr>().ok())
					.find(|a| a.is_ipv4())
					.map(|a| a.port());
				return port.unwrap_or_else(|| panic!("no IPv4 address in `{addresses}`"));
			}
			let exited = self.child.lock().unwrap().as_mut().map(|c| c.try_wait());
			if let Some(Ok(Some(status))) = exited {
				panic!("the node exited ({status}) before listening:\n{}", self.log_tail());
			}
			assert!(
				Instant::now() < deadline,
				"no JSON-RPC server after 120 s:\n{}",
				self.log_tail()
			);
			std::thread::sleep(Duration::from_millis(100));
		}
	}

	/// The last lines the node logged, for failure messages.
	pub fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(40)..].join("\n")
	}

	fn client(&self) -> HttpClient {
		HttpClientBuilder::default()
			.request_timeout(Duration::from_secs(10))
			.build(format!("http://127.0.0.1:{}", self.rpc_port))
			.expect("valid URL")
	}

	/// Calls a JSON-RPC method; `None` while the server is not up yet.
	pub async fn call(&self, method: &str, params: Vec<Value>) -> Option<Value> {
		self.call_raw(method, params).await.ok()
	}

	/// Best block number, if the node answers.
	pub async fn best_number(&self) -> Option<u64> {
		let header =
			self.client().request::<Value, _>("chain_getHeader", rpc_params![]).await.ok()?;
		parse_number(&header["number"])
	}

	/// Finalized block (number, hash), if the node answers.
	pub async fn finalized(&self) -> Option<(u64, String)> {
		let client = self.client();
		let hash: String = client.request("chain_getFinalizedHead", rpc_params![]).await.ok()?;
		let header: Value =
			client.request("chain_getHeader", rpc_params![hash.clone()]).await.ok()?;
		Some((parse_number(&header["number"])?, hash))
	}

	/// Hash of the canonical block at `number`.
	pub async fn block_hash(&self, number: u64) -> Option<String> {
		self.client().request("chain_getBlockHash", rpc_params![number]).await.ok()
	}

	/// Waits until `check` holds, polling once a second; panics with the node log after
	/// `timeout`.
	pub async fn wait_for<F, Fut>(&self, what: &str, timeout: Duration, mut check: F)
	where
		F: FnMut() -> Fut,
		Fut: std::future::Future<Output = bool>,
	{
		let start = Instant::now();
		while start.elapsed() < timeout {
			if check().await {
				return;
			}
			if let Some(status) = self.exit_status() {
				panic!("node exited ({status}) while waiting for {what}:\n{}", self.log_tail());
			}
			tokio::time::sleep(Duration::from_secs(1)).await;
		}
		panic!("timed out after {timeout:?} waiting for {what}; node log:\n{}", self.log_tail());
	}

	fn exit_status(&self) -> Option<std::process::ExitStatus> {
		self.child.lock().unwrap().as_mut()?.try_wait().ok().flatten()
	}

	/// Kills the process at once (SIGKILL), as a crash or power loss would.
	pub fn kill(&mut self) {
		if let Some(mut child) = self.child.lock().unwrap().take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.kill();
	}
}

/// Block numbers come as hex strings (`"0x1a"`) in headers.
pub fn parse_number(value: &Value) -> Option<u64> {
	let text = value.as_str()?;
	u64::from_str_radix(text.trim_start_matches("0x"), 16).ok()
}

impl Node {
	/// Calls a JSON-RPC method and returns the error as `code: message (data)` on failure.
	pub async fn call_raw(&self, method: &str, params: Vec<Value>) -> Result<Value, String> {
		let mut builder = jsonrpsee::core::params::ArrayParams::new();
		for param in params {
			builder.insert(param).unwrap();
		}
		self.client().request::<Value, _>(method, builder).await.map_err(|e| match e {
			jsonrpsee::core::client::Error::Call(object) => format!(
				"{}: {} ({})",
				object.code(),
				object.message(),
				object.data().map(|d| d.get().to_string()).unwrap_or_default()
			),
			other => other.to_string(),
		})
	}

	/// Calls `method` with parameters by name (`params`, a JSON object).
	pub async fn call_named(&self, method: &str, params: Value) -> Result<Value, String> {
		let mut builder = jsonrpsee::core::params::ObjectParams::new();
		for (name, value) in params.as_object().expect("parameters by name") {
			builder.insert(name, value).unwrap();
		}
		self.client().request::<Value, _>(method, builder).await.map_err(|e| e.to_string())
	}

	/// The extrinsics (hex) of the canonical block at `number`.
	pub async fn block_extrinsics(&self, number: u64) -> Vec<String> {
		let Some(hash) = self.block_hash(number).await else { return vec![] };
		let Some(block) = self.call("chain_getBlock", vec![Value::String(hash)]).await else {
			return vec![];
		};
		block["block"]["extrinsics"]
			.as_array()
			.map(|xts| xts.iter().filter_map(|x| x.as_str().map(String::from)).collect())
			.unwrap_or_default()
	}
}

/// `call` signed by `signer` with `nonce`, immortal, encoded as hex — as a wallet builds it.
pub fn signed_extrinsic(
	signer: sp_keyring::Sr25519Keyring,
	nonce: u32,
	genesis: sp_core::H256,
	call: evidence_runtime::RuntimeCall,
) -> String {
	use codec::Encode;
	use evidence_runtime::VERSION;
	let extrinsic = evidence_runtime::signed_transaction(
		call,
		&signer.pair(),
		nonce,
		genesis,
		VERSION.spec_version,
		VERSION.transaction_version,
	);
	sp_core::bytes::to_hex(&extrinsic.encode(), false)
}

impl Node {
	/// The genesis block hash.
	pub async fn genesis_hash(&self) -> sp_core::H256 {
		let hash = self.call("chain_getBlockHash", vec![Value::from(0)]).await.expect("genesis");
		hash.as_str().unwrap().parse().unwrap()
	}

	/// Waits until the extrinsic (hex) is in a canonical block; returns the block number.
	pub async fn wait_for_inclusion(&self, extrinsic: &str, timeout: Duration) -> u64 {
		let start = Instant::now();
		let mut searched = 0;
		while start.elapsed() < timeout {
			let best = self.best_number().await.unwrap_or(0);
			for number in (searched + 1)..=best {
				if self.block_extrinsics(number).await.iter().any(|x| x == extrinsic) {
					return number;
				}
			}
			searched = best.saturating_sub(2);
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
		panic!("extrinsic not included within {timeout:?}; node log:\n{}", self.log_tail());
	}

	/// Calls runtime API `method` with SCALE-encoded `args`; returns the SCALE result.
	pub async fn runtime_call(&self, method: &str, args: &[u8]) -> Vec<u8> {
		let result = self
			.call_raw(
				"state_call",
				vec![Value::from(method), Value::from(sp_core::bytes::to_hex(args, false))],
			)
			.await
			.unwrap_or_else(|e| panic!("state_call {method}: {e}"));
		sp_core::bytes::from_hex(result.as_str().unwrap()).unwrap()
	}
}

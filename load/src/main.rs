//! `evidence-load`: the Evidence Chain load generator.
//!
//! Signs transactions locally with the runtime's own types, from many operator accounts of the
//! demo organisations (created on first use by their admins), with correct nonces; submits them
//! over one WebSocket connection to a node on 127.0.0.1 with bounded concurrency; stops after
//! `--count` transactions or `--seconds`; then follows the finalized blocks and reports, from
//! the chain alone (block numbers and the blocks' own timestamps), how many of its items were
//! finalized and how fast. Prints one JSON object.

mod chain;
mod workload;

use chain::{sign, Node, Result};
use clap::Parser;
use codec::Encode;
use evidence_runtime::{AccountId, RuntimeCall};
use futures::StreamExt;
use serde_json::json;
use sp_core::{crypto::Pair as _, sr25519, H256};
use std::{
	collections::HashSet,
	sync::Arc,
	time::{Duration, Instant},
};
use workload::Workload;

/// The demo organisations' admins (`dev` and `local` presets) and which workloads their
/// operators may submit: every member may remark and anchor, only the agency attests.
const ORGANISATIONS: [(&str, bool); 4] =
	[("//Alice", false), ("//Bob", true), ("//Charlie", false), ("//Dave", false)];

#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
	/// What to submit.
	#[arg(long, value_enum)]
	workload: Workload,
	/// Node to load (loopback only).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Transactions to submit.
	#[arg(long, default_value_t = 10_000)]
	count: u32,
	/// Stop submitting after this many seconds, even before `--count`.
	#[arg(long, default_value_t = 300)]
	seconds: u64,
	/// Operator accounts per organisation that may submit the workload (at most 31 besides
	/// the genesis operator).
	#[arg(long, default_value_t = 16)]
	operators: u32,
	/// Submissions in flight at once.
	#[arg(long, default_value_t = 256)]
	concurrency: usize,
	/// Digests per anchored batch (`batch` workload).
	#[arg(long, default_value_t = 10_000)]
	batch_size: u32,
	/// How long to wait for the last transactions to be finalized.
	#[arg(long, default_value_t = 120)]
	drain_seconds: u64,
	/// The order to read (`reads` workload): its reference, 0x-prefixed hex.
	#[arg(long)]
	order: Option<String>,
}

#[tokio::main]
async fn main() {
	let cli = Cli::parse();
	match run(cli).await {
		Ok(report) => println!("{}", serde_json::to_string_pretty(&report).expect("json")),
		Err(e) => {
			eprintln!("evidence-load: {e}");
			std::process::exit(1);
		},
	}
}

fn dev_pair(uri: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(uri, None).expect("development key URIs are valid")
}

fn account(pair: &sr25519::Pair) -> AccountId {
	AccountId::from(pair.public())
}

/// Makes sure every organisation allowed to submit `workload` has `per_org` load operators;
/// their admins add the missing ones. Returns the operators' key pairs.
async fn operators(node: &Node, workload: Workload, per_org: u32) -> Result<Vec<sr25519::Pair>> {
	let members_key = |who: &AccountId| {
		let encoded = who.encode();
		[
			chain::twox128(b"Consortium").as_slice(),
			&chain::twox128(b"Members"),
			&sp_crypto_hashing::blake2_128(&encoded),
			&encoded,
		]
		.concat()
	};
	let mut all = Vec::new();
	let mut pending = Vec::new();
	for (org, (admin, agency)) in ORGANISATIONS.iter().enumerate() {
		if workload == Workload::Attest && !agency {
			continue;
		}
		let admin = dev_pair(admin);
		let mut nonce = node.next_nonce(&account(&admin)).await?;
		for i in 0..per_org {
			let pair = dev_pair(&format!("//Load//{org}//{i}"));
			let who = account(&pair);
			if node.raw_storage(&members_key(&who)).await?.is_none() {
				let call = RuntimeCall::Consortium(pallet_consortium::Call::add_operator {
					operator: who.clone(),
				});
				node.submit(&sign(&node.params, &admin, nonce, call)).await?;
				nonce += 1;
				pending.push(who);
			}
			all.push(pair);
		}
	}
	// Wait until every new operator is a member at the best block.
	let deadline = Instant::now() + Duration::from_secs(120);
	for who in pending {
		while node.raw_storage(&members_key(&who)).await?.is_none() {
			if Instant::now() > deadline {
				return Err(format!("operator {who} was not added within 2 minutes").into());
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}
	Ok(all)
}

/// One finalized block that carried the run's transactions.
struct Landed {
	number: u32,
	time: u64,
	ours: u32,
}

async fn run(cli: Cli) -> Result<serde_json::Value> {
	let node = Arc::new(Node::connect(&cli.url).await?);
	if cli.workload == Workload::Reads {
		let order = cli.order.clone().ok_or("the reads workload needs --order")?;
		return reads(&node, &order, cli.count, cli.concurrency).await;
	}
	// A fresh node has no timestamp before its first block.
	let deadline = Instant::now() + Duration::from_secs(60);
	while node.now().await? == 0 {
		if Instant::now() > deadline {
			return Err("the chain produced no block within a minute".into());
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let run_tag = node.now().await?;
	let pairs = operators(&node, cli.workload, cli.operators).await?;
	let now = node.now().await?;

	// Pre-sign everything: round-robin over the operators, each with its own nonces.
	let mut nonces = Vec::new();
	for pair in &pairs {
		nonces.push(node.next_nonce(&account(pair)).await?);
	}
	let attest_size = workload::attestation(run_tag, 0, now).encoded_size();
	let sign_started = Instant::now();
	let mut build_ms = 0u128;
	let mut transactions = Vec::with_capacity(cli.count as usize);
	for n in 0..cli.count {
		let k = n as usize % pairs.len();
		let call = match cli.workload {
			Workload::Remark => workload::remark(run_tag, n.into(), attest_size),
			Workload::Attest => workload::attestation(run_tag, n.into(), now),
			Workload::Batch => {
				let started = Instant::now();
				let call = workload::batch(run_tag, n.into(), cli.batch_size);
				build_ms += started.elapsed().as_millis();
				call
			},
			Workload::Reads => unreachable!("the reads workload returned above"),
		};
		transactions.push(sign(&node.params, &pairs[k], nonces[k], call));
		nonces[k] += 1;
	}
	let signing_ms = sign_started.elapsed().as_millis();
	let ours: HashSet<H256> =
		transactions.iter().map(|x| H256(sp_crypto_hashing::blake2_256(x))).collect();

	let mut heads = node.finalized_heads().await?;
	let first: serde_json::Value =
		heads.next().await.ok_or("finalized head subscription closed")??;
	let start_number = block_number(&first)?;

	// Submit with bounded concurrency; a full pool is retried after a pause.
	let submit_started = Instant::now();
	let stop_at = submit_started + Duration::from_secs(cli.seconds);
	let submitted = futures::stream::iter(transactions.into_iter())
		.map(|xt| {
			let node = node.clone();
			async move {
				if Instant::now() > stop_at {
					return Ok::<bool, chain::Error>(false);
				}
				while !node.submit(&xt).await? {
					tokio::time::sleep(Duration::from_millis(200)).await;
				}
				Ok(true)
			}
		})
		.buffered(cli.concurrency)
		.collect::<Vec<_>>()
		.await;
	let submit_secs = submit_started.elapsed().as_secs_f64();
	let mut accepted = 0u32;
	let mut errors = Vec::new();
	for outcome in submitted {
		match outcome {
			Ok(true) => accepted += 1,
			Ok(false) => {},
			Err(e) => errors.push(e.to_string()),
		}
	}

	// Follow finality until every accepted transaction is in a finalized block, or the drain
	// time is over. Times come from the blocks' own timestamps.
	let mut landed: Vec<Landed> = Vec::new();
	let mut found = 0u32;
	let mut next = start_number + 1;
	let mut start_time = None;
	let drain_deadline = Instant::now() + Duration::from_secs(cli.drain_seconds);
	while found < accepted && Instant::now() < drain_deadline {
		let head = match tokio::time::timeout(Duration::from_secs(30), heads.next()).await {
			Ok(Some(head)) => head?,
			_ => break,
		};
		for number in next..=block_number(&head)? {
			let (_, extrinsics) = node.block(number).await?;
			let time = chain::block_time(&extrinsics).ok_or("block without a timestamp")?;
			let count = extrinsics
				.iter()
				.filter(|x| ours.contains(&H256(sp_crypto_hashing::blake2_256(x))))
				.count() as u32;
			if count > 0 {
				found += count;
				landed.push(Landed { number, time, ours: count });
			} else if landed.is_empty() {
				start_time = Some(time);
			}
		}
		next = block_number(&head)? + 1;
	}

	let per_tx_items = if cli.workload == Workload::Batch { cli.batch_size } else { 1 };
	let chain_ms = match (start_time, landed.last()) {
		(Some(start), Some(last)) => last.time.saturating_sub(start),
		_ => 0,
	};
	let items = found as u64 * per_tx_items as u64;
	let items_per_second = if chain_ms > 0 { items as f64 * 1000.0 / chain_ms as f64 } else { 0.0 };
	Ok(json!({
		"workload": cli.workload.name(),
		"operators": pairs.len(),
		"concurrency": cli.concurrency,
		"encoded_call_bytes": match cli.workload {
			Workload::Batch => workload::batch(run_tag, 0, 1).encoded_size(),
			_ => attest_size,
		},
		"batch_size": (cli.workload == Workload::Batch).then_some(cli.batch_size),
		"signed": cli.count,
		"signing_ms": signing_ms,
		"tree_build_ms": (cli.workload == Workload::Batch).then_some(build_ms),
		"submitted": accepted,
		"submit_seconds": submit_secs,
		"submit_errors": errors.len(),
		"first_submit_error": errors.first(),
		"finalized_transactions": found,
		"finalized_items": items,
		"chain_ms": chain_ms,
		"items_per_second": items_per_second,
		"blocks": landed.iter().map(|b| json!({ "number": b.number, "time": b.time, "ours": b.ours })).collect::<Vec<_>>(),
	}))
}

/// `count` calls of `evidence_orderEvidence(order)`, `concurrency` in flight: latency
/// percentiles and requests per second.
async fn reads(
	node: &Node,
	order: &str,
	count: u32,
	concurrency: usize,
) -> Result<serde_json::Value> {
	let probe = node.call("evidence_orderEvidence", vec![json!(order)]).await?;
	if probe["found"] != json!(true) {
		return Err(format!("order {order} not found").into());
	}
	let bytes = probe.to_string().len();
	let started = Instant::now();
	let latencies = futures::stream::iter(0..count)
		.map(|_| async {
			let t = Instant::now();
			node.call("evidence_orderEvidence", vec![json!(order)]).await.map(|_| t.elapsed())
		})
		.buffer_unordered(concurrency)
		.collect::<Vec<_>>()
		.await
		.into_iter()
		.collect::<Result<Vec<Duration>>>()?;
	let wall = started.elapsed().as_secs_f64();
	let mut ms: Vec<f64> = latencies.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
	ms.sort_by(|a, b| a.total_cmp(b));
	let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
	Ok(json!({
		"workload": "reads",
		"method": "evidence_orderEvidence",
		"response_bytes": bytes,
		"requests": ms.len(),
		"concurrency": concurrency,
		"p50_ms": at(0.50),
		"p95_ms": at(0.95),
		"p99_ms": at(0.99),
		"max_ms": at(1.0),
		"requests_per_second": ms.len() as f64 / wall,
	}))
}

fn block_number(header: &serde_json::Value) -> Result<u32> {
	let hex = header["number"].as_str().ok_or("header without number")?;
	Ok(u32::from_str_radix(hex.trim_start_matches("0x"), 16)?)
}

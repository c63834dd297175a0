//! `evidence-load`: the Evidence Chain load generator.
//!
//! Signs transactions locally with the runtime's own types, from many operator accounts of the
//! demo organisations (created on first use by their admins), with correct nonces; submits them
//! over one WebSocket connection to a node on 127.0.0.1, one at a time per signer; stops after
//! `--count` items or `--seconds`; then follows the finalized blocks and reports, from the
//! chain alone (block numbers, the blocks' own timestamps and their events), how many of its
//! items were finalized, how many failed, and how fast. Workloads that need earlier facts (the
//! shipments a checkpoint is recorded on) prepare them first, untimed; the story runs its steps
//! as phases, each waiting for the previous one to be finalized. Prints one JSON object.

mod chain;
mod follow;
mod workload;

use chain::{sign, Node, Result, Submission, Tx};
use clap::Parser;
use codec::Encode;
use evidence_primitives::OrgId;
use evidence_runtime::{AccountId, RuntimeCall, RuntimeEvent};
use follow::{Accepted, Follower, Phase};
use futures::StreamExt;
use pallet_logistics::{CheckpointKind, Reservation};
use serde_json::json;
use sp_core::{crypto::Pair as _, sr25519};
use std::{
	collections::BTreeMap,
	sync::Arc,
	time::{Duration, Instant},
};
use workload::{Logger, Workload, DEMO_AGENCY, DEMO_CARRIER, DEMO_PLATFORM, LOGGERS, MINUTE};

/// The demo organisations' admins (`dev` and `local` presets), by organisation id.
const ADMINS: [&str; 4] = ["//Alice", "//Bob", "//Charlie", "//Dave"];

#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
	/// What to submit.
	#[arg(long, value_enum)]
	workload: Workload,
	/// Node to load (loopback only).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Items to submit: transactions, checkpoints, digests, batches, orders (`story`) or
	/// requests (`reads`).
	#[arg(long, default_value_t = 10_000)]
	count: u32,
	/// Stop submitting the timed transactions after this many seconds, even before `--count`.
	#[arg(long, default_value_t = 300)]
	seconds: u64,
	/// Operator accounts per organisation that takes part in the workload (at most 31 besides
	/// the genesis operator).
	#[arg(long, default_value_t = 16)]
	operators: u32,
	/// Reads in flight at once (`reads`); transactions go one at a time per signer.
	#[arg(long, default_value_t = 256)]
	concurrency: usize,
	/// Digests per anchored batch (`batch` workload).
	#[arg(long, default_value_t = 10_000)]
	batch_size: u32,
	/// Waves of orders in flight at once (`story` workload): each runs its orders' phases in
	/// turn, and starts when the wave before it has attested and shipped.
	#[arg(long, default_value_t = 1)]
	waves: u32,
	/// Every how many orders one is disputed (`story` workload).
	#[arg(long, default_value_t = 5)]
	dispute_every: u32,
	/// Submit the timed transactions at this many a second instead of as fast as the pool
	/// takes them (for the latency of a chain that is not saturated).
	#[arg(long)]
	rate: Option<f64>,
	/// Set the organisations' block share (`Consortium.set_block_share`, through the dev
	/// chain's sudo key) to this many percent first: the dev chain has one organisation per
	/// role, so a single-role workload at the default share of a third measures the share.
	#[arg(long)]
	block_share: Option<u32>,
	/// How long to wait for the last transactions of a phase to be finalized.
	#[arg(long, default_value_t = 120)]
	drain_seconds: u64,
	/// Send an accepted transaction again when, this many seconds after the pool took it, it
	/// is neither on chain nor ready in the pool (its signer's next nonce, counting the pool's
	/// ready transactions, is its own): the pool dropped it (see `Runner::phase`).
	#[arg(long, default_value_t = 12)]
	resend_after_seconds: u64,
	/// The orders to read (`reads` workload): references, 0x-prefixed hex; give the option
	/// again for more orders, read in turn.
	#[arg(long)]
	order: Vec<String>,
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

/// The organisations whose operators submit `workload`: every member may remark and anchor,
/// only the agency attests, the platform ships and claims, the carrier carries, and in a story
/// the agency and the carrier answer the disputes.
fn organisations(workload: Workload) -> &'static [OrgId] {
	match workload {
		Workload::Remark | Workload::Batch | Workload::Reads | Workload::Burst => &[0, 1, 2, 3],
		Workload::Attest => &[DEMO_AGENCY],
		Workload::Checkpoint | Workload::Sensor => &[DEMO_PLATFORM, DEMO_CARRIER],
		Workload::Story => &[DEMO_PLATFORM, DEMO_AGENCY, DEMO_CARRIER],
	}
}

/// The load operators of each organisation taking part, with their next nonces: signs calls
/// round-robin, each operator's nonces in order.
struct Signers {
	params: chain::ChainParams,
	by_org: BTreeMap<OrgId, Vec<(sr25519::Pair, evidence_runtime::Nonce)>>,
}

impl Signers {
	/// Makes sure each of `orgs` has `per_org` load operators (`//Load//<org>//<i>`; their
	/// admins add the missing ones) and reads their nonces.
	async fn prepare(node: &Node, orgs: &[OrgId], per_org: u32) -> Result<Self> {
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
		let mut pending = Vec::new();
		let mut by_org = BTreeMap::new();
		for &org in orgs {
			let admin = dev_pair(ADMINS[org as usize]);
			let mut nonce = node.next_nonce(&account(&admin)).await?;
			let mut pairs = Vec::new();
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
				pairs.push(pair);
			}
			by_org.insert(org, pairs);
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
		let mut with_nonces = BTreeMap::new();
		for (org, pairs) in by_org {
			let mut operators = Vec::new();
			for pair in pairs {
				let nonce = node.next_nonce(&account(&pair)).await?;
				operators.push((pair, nonce));
			}
			with_nonces.insert(org, operators);
		}
		Ok(Self { params: node.params, by_org: with_nonces })
	}

	fn count(&self) -> usize {
		self.by_org.values().map(Vec::len).sum()
	}

	/// Deals each organisation's operators into `parts` disjoint sets (round-robin), so that
	/// concurrent runs never share a nonce sequence.
	fn split(self, parts: usize) -> Vec<Signers> {
		let mut split: Vec<Signers> =
			(0..parts).map(|_| Signers { params: self.params, by_org: BTreeMap::new() }).collect();
		for (org, operators) in self.by_org {
			for (k, operator) in operators.into_iter().enumerate() {
				split[k % parts].by_org.entry(org).or_default().push(operator);
			}
		}
		split
	}

	/// `call` signed by operator `k` (modulo their number) of `org`, with its next nonce.
	fn sign(&mut self, org: OrgId, k: u64, call: RuntimeCall) -> Result<Tx> {
		let operators =
			self.by_org.get_mut(&org).ok_or(format!("no load operators of organisation {org}"))?;
		let k = k as usize % operators.len();
		let (pair, nonce) = &mut operators[k];
		let signed = Tx::new(&self.params, pair, *nonce, call);
		*nonce += 1;
		Ok(signed)
	}

	/// `call` signed round-robin over every operator taking part (item `n`).
	fn sign_any(&mut self, n: u64, call: RuntimeCall) -> Result<Tx> {
		let all: Vec<(OrgId, usize)> =
			self.by_org.iter().map(|(org, ops)| (*org, ops.len())).collect();
		let total: usize = all.iter().map(|(_, len)| len).sum();
		let mut k = n as usize % total;
		for (org, len) in all {
			if k < len {
				return self.sign(org, k as u64, call);
			}
			k -= len;
		}
		unreachable!("k < total")
	}
}

async fn run(cli: Cli) -> Result<serde_json::Value> {
	let node = Arc::new(Node::connect(&cli.url).await?);
	if cli.workload == Workload::Reads {
		if cli.order.is_empty() {
			return Err("the reads workload needs --order".into());
		}
		return reads(&node, &cli.order, cli.count, cli.concurrency).await;
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
	if let Some(percent) = cli.block_share {
		set_block_share(&node, percent).await?;
	}
	let mut signers = Signers::prepare(&node, organisations(cli.workload), cli.operators).await?;
	let now = node.now().await?;
	let mut follower = Follower::start(node.clone()).await?;
	let runner = Runner { node: node.clone(), cli: &cli };
	let count = u64::from(cli.count);
	let attest_size = workload::attestation(run_tag, 0, now).encoded_size();

	let operators = signers.count();
	let mut report = match cli.workload {
		Workload::Remark | Workload::Attest | Workload::Batch => {
			let sign_started = Instant::now();
			let mut build_ms = 0u128;
			let mut transactions = Vec::with_capacity(cli.count as usize);
			for n in 0..count {
				let call = match cli.workload {
					Workload::Remark => workload::remark(run_tag, n, attest_size),
					Workload::Attest => workload::attestation(run_tag, n, now),
					_ => {
						let started = Instant::now();
						let call = workload::batch(run_tag, n, cli.batch_size);
						build_ms += started.elapsed().as_millis();
						call
					},
				};
				transactions.push(signers.sign_any(n, call)?);
			}
			let signing_ms = sign_started.elapsed().as_millis();
			let phase = runner.timed(&mut follower, cli.workload.name(), transactions).await?;
			let per_tx = if cli.workload == Workload::Batch { cli.batch_size } else { 1 };
			let mut report = phase.report(u64::from(per_tx));
			report["signing_ms"] = json!(signing_ms);
			report["encoded_call_bytes"] = json!(match cli.workload {
				Workload::Batch => workload::batch(run_tag, 0, 1).encoded_size(),
				_ => attest_size,
			});
			if cli.workload == Workload::Batch {
				report["batch_size"] = json!(cli.batch_size);
				report["tree_build_ms"] = json!(build_ms);
			}
			report
		},
		Workload::Checkpoint | Workload::Sensor => {
			// Shipments to work on, created and picked up first (not timed).
			let shipments = count.div_ceil(LOGGERS);
			let shipment = |s| workload::shipment_id(run_tag, s);
			let picked_up = now - 600 * MINUTE;
			let mut setup = Vec::new();
			if cli.workload == Workload::Sensor {
				for i in 0..LOGGERS {
					let call = Logger::load(run_tag, i).register(run_tag, i, now);
					setup.push(signers.sign(DEMO_CARRIER, 0, call)?);
				}
			}
			for s in 0..shipments {
				let call = workload::create_shipment(
					workload::shipment_reference(run_tag, s),
					workload::id("order", run_tag, s),
					workload::id("unit", run_tag, s),
					workload::GENERAL_PARCEL,
				);
				setup.push(signers.sign(DEMO_PLATFORM, s, call)?);
			}
			let mut setups = vec![runner.setup(&mut follower, "ship", setup).await?];
			let pickups = (0..shipments)
				.map(|s| {
					let call = workload::checkpoint(
						shipment(s),
						CheckpointKind::Pickup,
						picked_up,
						vec![],
					);
					signers.sign(DEMO_CARRIER, s, call)
				})
				.collect::<Result<Vec<_>>>()?;
			setups.push(runner.setup(&mut follower, "pick up", pickups).await?);

			// The timed items, round by round so each shipment's own go in order.
			let loggers: Vec<Logger> = (0..LOGGERS).map(|i| Logger::load(run_tag, i)).collect();
			let mut transactions = Vec::new();
			for round in 0..LOGGERS {
				for s in 0..shipments {
					if s * LOGGERS + round >= count {
						continue;
					}
					let call = if cli.workload == Workload::Checkpoint {
						let kind = if round % 2 == 0 {
							CheckpointKind::HubIn
						} else {
							CheckpointKind::HubOut
						};
						workload::checkpoint(
							shipment(s),
							kind,
							picked_up + (round + 1) * MINUTE,
							vec![],
						)
					} else {
						let window = (picked_up + MINUTE, picked_up + 61 * MINUTE);
						loggers[round as usize].digest(shipment(s), 0, window, 1_500)
					};
					transactions.push(signers.sign(DEMO_CARRIER, s, call)?);
				}
			}
			let phase = runner.timed(&mut follower, cli.workload.name(), transactions).await?;
			let mut report = phase.report(1);
			report["encoded_call_bytes"] = json!(match cli.workload {
				Workload::Checkpoint =>
					workload::checkpoint(shipment(0), CheckpointKind::HubIn, picked_up, vec![])
						.encoded_size(),
				_ => loggers[0].digest(shipment(0), 0, (picked_up, now), 1_500).encoded_size(),
			});
			report["setup"] = json!(setups.iter().map(Phase::summary).collect::<Vec<_>>());
			report
		},
		Workload::Story => {
			// Waves of orders, each through its five phases with its own operators; a wave
			// starts when the one before has attested and shipped, so the phases overlap.
			let waves = cli.waves.clamp(1, cli.operators.max(1)).min(cli.count.max(1)) as usize;
			let per_wave = count.div_ceil(waves as u64);
			let mut wave_signers = std::mem::replace(
				&mut signers,
				Signers { params: node.params, by_org: BTreeMap::new() },
			)
			.split(waves);
			let mut followers = Vec::new();
			for _ in 1..waves {
				followers.push(Follower::start(node.clone()).await?);
			}
			followers.insert(0, follower);
			let (mut starts, mut waits) = (Vec::new(), vec![None]);
			for _ in 1..waves {
				let (started, wait) = tokio::sync::oneshot::channel();
				starts.push(Some(started));
				waits.push(Some(wait));
			}
			starts.push(None);
			let openings = &tokio::sync::Mutex::new(());
			let runs = followers
				.iter_mut()
				.zip(wave_signers.iter_mut())
				.zip(starts.into_iter().zip(waits))
				.enumerate()
				.map(|(w, ((follower, signers), (started, wait)))| {
					let orders = (w as u64 * per_wave)..((w as u64 + 1) * per_wave).min(count);
					let runner = &runner;
					async move {
						if let Some(wait) = wait {
							let _ = wait.await;
						}
						story(runner, follower, signers, run_tag, now, orders, started, openings)
							.await
					}
				});
			let waves = futures::future::try_join_all(runs).await?;
			story_report(waves, &followers, count, run_tag)
		},
		Workload::Burst => {
			let mut queues = vec![Vec::new(); signers.count()];
			for n in 0..count {
				let call = workload::remark(run_tag, n, attest_size);
				let queue = n as usize % queues.len();
				queues[queue].push(signers.sign_any(n, call)?.bytes);
			}
			let mut report = runner.burst(&mut follower, queues).await?;
			report["encoded_call_bytes"] = json!(attest_size);
			report
		},
		Workload::Reads => unreachable!("the reads workload returned above"),
	};
	report["workload"] = json!(cli.workload.name());
	report["rate"] = json!(cli.rate);
	report["resend_after_seconds"] = json!(cli.resend_after_seconds);
	report["block_share_percent"] = json!(cli.block_share);
	report["operators"] = json!(operators);
	Ok(report)
}

/// Sets every organisation's block share to `percent` through the dev chain's sudo key (Alice)
/// and waits until the best block has it.
async fn set_block_share(node: &Node, percent: u32) -> Result<()> {
	let share = sp_runtime::Perbill::from_percent(percent);
	let key = [chain::twox128(b"Consortium"), chain::twox128(b"BlockShare")].concat();
	if node.storage::<sp_runtime::Perbill>(&key).await? == Some(share) {
		return Ok(());
	}
	let sudo = dev_pair(ADMINS[0]);
	let call = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
		call: Box::new(RuntimeCall::Consortium(pallet_consortium::Call::set_block_share { share })),
	});
	let nonce = node.next_nonce(&account(&sudo)).await?;
	node.submit(&sign(&node.params, &sudo, nonce, call)).await?;
	let deadline = Instant::now() + Duration::from_secs(60);
	while node.storage::<sp_runtime::Perbill>(&key).await? != Some(share) {
		if Instant::now() > deadline {
			return Err(
				format!("the block share was not set to {percent} % within a minute").into()
			);
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	Ok(())
}

/// Submits phases of transactions and follows them to finality.
struct Runner<'a> {
	node: Arc<Node>,
	cli: &'a Cli,
}

impl Runner<'_> {
	/// A phase that prepares facts: every transaction must land and succeed.
	async fn setup(&self, follower: &mut Follower, name: &str, txs: Vec<Tx>) -> Result<Phase> {
		let phase = self.phase(follower, name, txs, None, None).await?;
		phase.ensure_complete()?;
		Ok(phase)
	}

	/// The measured phase: submission stops after `--seconds`.
	async fn timed(&self, follower: &mut Follower, name: &str, txs: Vec<Tx>) -> Result<Phase> {
		let stop_at = Instant::now() + Duration::from_secs(self.cli.seconds);
		self.phase(follower, name, txs, Some(stop_at), self.cli.rate).await
	}

	async fn phase(
		&self,
		follower: &mut Follower,
		name: &str,
		txs: Vec<Tx>,
		stop_at: Option<Instant>,
		rate: Option<f64>,
	) -> Result<Phase> {
		let mut phase =
			Phase::new(name, txs.iter().map(|tx| tx.bytes.as_slice()), follower.last_time());
		// Submit (at `--rate` a second when set). A full pool is
		// retried after a pause; a signer whose part of the pool share is taken waits a second
		// and signs again.
		let (started, rate) = (Instant::now(), rate.filter(|r| *r > 0.0));
		// A refusal that has not cleared after the drain time will not: the signer has a gap
		// in its nonces (an earlier transaction of its was refused for good or never sent).
		let patience = Duration::from_secs(self.cli.drain_seconds);
		// One submitter per signer, each sending its transactions in nonce order, the next only
		// once the pool has taken the one before: a signer whose part of the pool share is
		// taken waits without holding up the others. One at a time because the fork-aware pool
		// keeps a transaction that arrives before its predecessor (`Future`) only in the views
		// it was submitted to, and drops it, silently, when those views go before the
		// predecessor comes: with eight in flight per signer, the half-rate workload lost one
		// of them and, behind it, the signer's next 226.
		// That is not enough on its own: a transaction sent while the pool builds the view of
		// a block just imported can be validated only in the old view, wait there as `Future`
		// and be dropped with it. So the pool's drops are watched for (`resend_dropped`): what
		// the pool took is kept, per signer, until the chain includes it.
		let taken = std::sync::Mutex::new(Taken::default());
		let mut queues: Vec<Vec<(usize, Tx)>> = Vec::new();
		let mut queue_of = std::collections::HashMap::new();
		for (n, tx) in txs.into_iter().enumerate() {
			let q = *queue_of.entry(tx.signer()).or_insert_with(|| {
				queues.push(Vec::new());
				queues.len() - 1
			});
			queues[q].push((n, tx));
		}
		let submit = |(n, mut tx): (usize, Tx)| {
			let node = self.node.clone();
			let taken = &taken;
			async move {
				// At `--rate`, a transaction is timed from when it was due, so a wait behind
				// the signer's previous one counts in its latency.
				let mut late = Duration::ZERO;
				if let Some(rate) = rate {
					let due = started + Duration::from_secs_f64(n as f64 / rate);
					tokio::time::sleep_until(due.into()).await;
					late = Instant::now().saturating_duration_since(due);
				}
				let mut refused = Vec::new();
				if stop_at.is_some_and(|at| Instant::now() > at) {
					return (n, Ok(None), refused);
				}
				let at = follow::unix_ms().saturating_sub(late.as_millis() as u64);
				let give_up = Instant::now() + patience;
				// Every signature sent but the first (already known to the phase).
				let mut signed_again: Vec<Vec<u8>> = Vec::new();
				loop {
					if Instant::now() > give_up {
						let why = format!(
							"still refused after {} s: {}",
							patience.as_secs(),
							refused.last().unwrap_or(&"")
						);
						return (n, Err(why.into()), refused);
					}
					match node.submission(&tx.bytes).await {
						Ok(Submission::Accepted) => {
							let how = if signed_again.is_empty() {
								Accepted::AtOnce(follow::hash(&tx.bytes))
							} else {
								Accepted::SignedAgain(follow::hash(&tx.bytes))
							};
							taken.lock().expect("not poisoned").note(n, tx, Instant::now());
							return (n, Ok(Some((at, how, signed_again))), refused);
						},
						// A refusal for a taken pool share can leave an earlier signature in
						// the pool (a fork's view took it): that one stands.
						Ok(Submission::NonceTaken) if !signed_again.is_empty() => {
							taken.lock().expect("not poisoned").note(n, tx, Instant::now());
							return (
								n,
								Ok(Some((at, Accepted::EarlierStood, signed_again))),
								refused,
							);
						},
						Ok(Submission::PoolFull) => {
							refused.push("the pool is full (1016)");
							tokio::time::sleep(Duration::from_millis(200)).await
						},
						Ok(Submission::ShareTaken) => {
							refused
								.push("the signer's pool share is taken (1010, Custom error: 4)");
							tokio::time::sleep(Duration::from_secs(1)).await;
							tx = tx.resigned();
							signed_again.push(tx.bytes.clone());
						},
						Ok(Submission::NonceTaken) => {
							let taken = "another transaction of this signer and nonce is in the pool (1014)";
							return (n, Err(taken.into()), refused);
						},
						Ok(Submission::Banned) => {
							let banned = "the pool has banned this transaction for now (1012)";
							return (n, Err(banned.into()), refused);
						},
						Err(e) => return (n, Err(e), refused),
					}
				}
			}
		};
		let done = std::sync::atomic::AtomicBool::new(false);
		let resend_after = Duration::from_secs(self.cli.resend_after_seconds);
		let work = async {
			let result = self.submit_and_drain(follower, &mut phase, queues, &submit, &taken).await;
			done.store(true, std::sync::atomic::Ordering::Relaxed);
			result
		};
		let (result, ()) =
			futures::join!(work, resend_dropped(&self.node, &taken, resend_after, &done));
		result?;
		phase.resent = taken.lock().expect("not poisoned").resent;
		Ok(phase)
	}

	/// Sends every signer's queue with `submit`, then follows finality until every submitted
	/// transaction is in a finalized block, or the drain time is over.
	async fn submit_and_drain<S, F>(
		&self,
		follower: &mut Follower,
		phase: &mut Phase,
		queues: Vec<Vec<(usize, Tx)>>,
		submit: &S,
		taken: &std::sync::Mutex<Taken>,
	) -> Result<()>
	where
		S: Fn((usize, Tx)) -> F,
		F: std::future::Future<Output = (usize, Outcome, Vec<&'static str>)>,
	{
		// A signer stops at its first transaction refused for good: the ones after it would
		// reach the pool ahead of a missing nonce. They are counted as held back.
		let submitted = futures::future::join_all(queues.into_iter().map(|queue| {
			let submit = &submit;
			async move {
				let (mut outcomes, mut held_back) = (Vec::new(), 0u32);
				for item in queue {
					if outcomes.last().is_some_and(|(_, outcome, _)| Result::is_err(outcome)) {
						held_back += 1;
						continue;
					}
					outcomes.push(submit(item).await);
				}
				(outcomes, held_back)
			}
		}))
		.await;
		let mut outcomes = Vec::new();
		for (of_signer, held_back) in submitted {
			outcomes.extend(of_signer);
			phase.held_back += held_back;
		}
		for (n, outcome, refused) in outcomes {
			for why in refused {
				*phase.refused_then_retried.entry(why).or_default() += 1;
			}
			match outcome {
				Ok(Some((at, how, signed_again))) => {
					phase.submitted += 1;
					phase.submitted_at[n] = Some(at);
					phase.accepted[n] = Some(how);
					for bytes in signed_again {
						phase.known_as(&bytes, n);
					}
				},
				Ok(None) => {},
				Err(e) => phase.submit_errors.push(e.to_string()),
			}
		}
		// Follow finality until every submitted transaction is in a finalized block, or the
		// drain time is over.
		let drain_deadline = Instant::now() + Duration::from_secs(self.cli.drain_seconds);
		while phase.found < phase.submitted && Instant::now() < drain_deadline {
			match follower.next_block(Duration::from_secs(30)).await? {
				Some(block) => {
					// Transactions sent again with a new signature are found by it.
					let aliases = std::mem::take(&mut taken.lock().expect("not poisoned").aliases);
					for (bytes, n) in aliases {
						phase.known_as(&bytes, n);
					}
					phase.take(&self.node, &block).await?
				},
				None => break,
			}
		}
		Ok(())
	}
}

/// What became of one transaction sent by `Runner::phase`: accepted (when it was first sent,
/// how the pool took it, every later signature of it), not sent (the time was up), or refused.
type Outcome = Result<Option<(u64, Accepted, Vec<Vec<u8>>)>>;

/// How often, at most, the node is asked about one signer whose oldest kept transaction is
/// overdue.
const ASK_EVERY: Duration = Duration::from_secs(3);

/// A transaction the pool took, kept until the chain includes it.
struct Kept {
	/// Its index in the phase.
	n: usize,
	/// The signature the pool took last.
	tx: Tx,
	/// When the pool took it, or last took it again.
	sent: Instant,
	/// Whether it was ever sent again (each transaction is counted once).
	resent: bool,
}

/// One signer's kept transactions, in nonce order.
#[derive(Default)]
struct KeptOf {
	kept: std::collections::VecDeque<Kept>,
	asked: Option<Instant>,
}

/// The transactions the pool took, per signer, until the chain includes them; what was sent
/// again.
#[derive(Default)]
struct Taken {
	by_signer: std::collections::HashMap<sr25519::Public, KeptOf>,
	/// Signatures made when sending a transaction again (the pool had banned the first), with
	/// the transaction's index, recorded before they are sent: the phase finds them in blocks
	/// by these.
	aliases: Vec<(Vec<u8>, usize)>,
	/// Transactions the pool dropped and took again.
	resent: u32,
}

impl Taken {
	/// Transaction `n`, as `tx`, was taken by the pool at `now` (kept as it is, not copied:
	/// this runs for every accepted transaction).
	fn note(&mut self, n: usize, tx: Tx, now: Instant) {
		let signer = tx.signer();
		self.by_signer.entry(signer).or_default().kept.push_back(Kept {
			n,
			tx,
			sent: now,
			resent: false,
		});
	}

	/// Signers to ask about at `now`: their oldest kept transaction was taken more than
	/// `after` before, and they were not asked about in the last [`ASK_EVERY`].
	fn to_ask(&mut self, after: Duration, now: Instant) -> Vec<sr25519::Public> {
		let mut signers = Vec::new();
		for (signer, of) in &mut self.by_signer {
			let overdue =
				of.kept.front().is_some_and(|first| now.duration_since(first.sent) > after);
			let asked_lately = of.asked.is_some_and(|at| now.duration_since(at) < ASK_EVERY);
			if overdue && !asked_lately {
				of.asked = Some(now);
				signers.push(*signer);
			}
		}
		signers
	}

	/// Forgets `signer`'s transactions below `included` (the chain's nonce for it). Returns
	/// the kept transaction of nonce `next` (the chain's, counting the pool's ready
	/// transactions) when the pool took it more than `after` before `now`: neither on chain
	/// nor ready, the pool has dropped it. Its clock restarts.
	fn dropped(
		&mut self,
		signer: &sr25519::Public,
		included: evidence_runtime::Nonce,
		next: evidence_runtime::Nonce,
		after: Duration,
		now: Instant,
	) -> Option<(usize, Tx)> {
		let of = self.by_signer.get_mut(signer)?;
		while of.kept.front().is_some_and(|first| first.tx.nonce() < included) {
			of.kept.pop_front();
		}
		let kept = of
			.kept
			.iter_mut()
			.find(|kept| kept.tx.nonce() == next)
			.filter(|kept| now.duration_since(kept.sent) > after)?;
		kept.sent = now;
		Some((kept.n, kept.tx.clone()))
	}

	/// The pool took transaction `n` of `signer` again at `now`, as `tx` (a new signature is
	/// already among the aliases).
	fn taken_again(&mut self, signer: &sr25519::Public, n: usize, tx: Tx, now: Instant) {
		let Some(kept) = self
			.by_signer
			.get_mut(signer)
			.and_then(|of| of.kept.iter_mut().find(|kept| kept.n == n))
		else {
			return;
		};
		if !kept.resent {
			kept.resent = true;
			self.resent += 1;
		}
		kept.tx = tx;
		kept.sent = now;
	}
}

/// Until `done`, every second: asks the node about each signer whose oldest kept transaction
/// is overdue (at most every [`ASK_EVERY`]): its nonce on chain and its next nonce counting
/// the pool's ready transactions. A kept transaction of that next nonce was dropped by the
/// pool: it is sent again (signed again if the pool banned it), and then the signer is asked
/// about again at once, for a run of drops. Cheap: two queries per overdue signer, and a
/// transaction still in the pool is refused as known.
async fn resend_dropped(
	node: &Node,
	taken: &std::sync::Mutex<Taken>,
	after: Duration,
	done: &std::sync::atomic::AtomicBool,
) {
	let is_done = || done.load(std::sync::atomic::Ordering::Relaxed);
	while !is_done() {
		tokio::time::sleep(Duration::from_secs(1)).await;
		let signers = taken.lock().expect("not poisoned").to_ask(after, Instant::now());
		for signer in signers {
			let account = AccountId::from(signer);
			while !is_done() {
				let Ok(included) = node.account_nonce(&account).await else { break };
				let Ok(next) = node.next_nonce(&account).await else { break };
				let dropped = taken.lock().expect("not poisoned").dropped(
					&signer,
					included,
					next,
					after,
					Instant::now(),
				);
				let Some((n, tx)) = dropped else { break };
				let (mut sent, mut outcome) = (tx.clone(), node.submission(&tx.bytes).await);
				if let Ok(Submission::Banned) = outcome {
					sent = tx.resigned();
					// Known to the phase before it is sent: a fork's view may take it even
					// when the answer is a refusal.
					taken.lock().expect("not poisoned").aliases.push((sent.bytes.clone(), n));
					outcome = node.submission(&sent.bytes).await;
				}
				let Ok(Submission::Accepted) = outcome else { break };
				taken.lock().expect("not poisoned").taken_again(&signer, n, sent, Instant::now());
			}
		}
	}
}

impl Runner<'_> {
	/// Submits every signer's queue at once (each in nonce order, stopping at its first
	/// refusal), then follows finality until every accepted transaction is finalized or the
	/// drain time is over. `lost` counts the accepted ones never finalized: the figure that
	/// must be 0.
	async fn burst(
		&self,
		follower: &mut Follower,
		queues: Vec<Vec<Vec<u8>>>,
	) -> Result<serde_json::Value> {
		let signed: usize = queues.iter().map(Vec::len).sum();
		let started = Instant::now();
		let outcomes = futures::stream::iter(queues.into_iter())
			.map(|queue| {
				let node = self.node.clone();
				async move {
					let mut accepted = Vec::new();
					let mut refusal = None;
					let total = queue.len();
					for xt in queue {
						match node.submit(&xt).await {
							Ok(true) => accepted.push(xt),
							Ok(false) => {
								refusal = Some("the pool is full (1016)".to_string());
								break;
							},
							Err(e) => {
								refusal = Some(e.to_string());
								break;
							},
						}
					}
					let withheld = total - accepted.len() - usize::from(refusal.is_some());
					(accepted, refusal, withheld)
				}
			})
			.buffer_unordered(usize::MAX)
			.collect::<Vec<_>>()
			.await;
		let submit_ms = started.elapsed().as_millis();
		let mut accepted = Vec::new();
		let mut refusals = BTreeMap::<String, u32>::new();
		let mut withheld = 0;
		for (txs, refusal, rest) in outcomes {
			accepted.extend(txs);
			if let Some(reason) = refusal {
				*refusals.entry(reason).or_default() += 1;
			}
			withheld += rest;
		}
		let mut phase =
			Phase::new("burst", accepted.iter().map(Vec::as_slice), follower.last_time());
		phase.submitted = accepted.len() as u32;
		let drain_deadline = Instant::now() + Duration::from_secs(self.cli.drain_seconds);
		while phase.found < phase.submitted && Instant::now() < drain_deadline {
			match follower.next_block(Duration::from_secs(30)).await? {
				Some(block) => phase.take(&self.node, &block).await?,
				None => break,
			}
		}
		let mut report = phase.report(1);
		report["signed"] = json!(signed);
		report["accepted"] = json!(accepted.len());
		report["refused"] = json!(refusals.values().sum::<u32>());
		report["refusals"] = json!(refusals);
		report["withheld_after_refusal"] = json!(withheld);
		report["submit_ms"] = json!(submit_ms);
		report["lost"] = json!(phase.submitted - phase.found);
		Ok(report)
	}
}

/// One wave of the story workload: orders `orders` in five phases, every
/// `--dispute-every`th disputed; `started` is told when the first phase is finalized.
struct Wave {
	/// Attest and ship, carry and deliver, open disputes, contest, close evidence.
	phases: Vec<Phase>,
	opened: Vec<(u64, Vec<OrgId>)>,
	disputed: Vec<u64>,
	orders: std::ops::Range<u64>,
}

async fn story(
	runner: &Runner<'_>,
	follower: &mut Follower,
	signers: &mut Signers,
	run: u64,
	now: u64,
	orders: std::ops::Range<u64>,
	started: Option<tokio::sync::oneshot::Sender<()>>,
	openings: &tokio::sync::Mutex<()>,
) -> Result<Wave> {
	let every = u64::from(runner.cli.dispute_every.max(1));
	let (unit, order, shipment) = (
		|s| workload::id("unit", run, s),
		|s| workload::id("order", run, s),
		|s| workload::shipment_id(run, s),
	);
	let mut phases = Vec::new();

	// 1. The agency attests each unit sound; the platform ships it as fragile.
	let mut txs = Vec::new();
	for s in orders.clone() {
		txs.push(signers.sign(DEMO_AGENCY, s, workload::attestation(run, s, now))?);
		let call = workload::create_shipment(
			workload::shipment_reference(run, s),
			order(s),
			unit(s),
			workload::FRAGILE,
		);
		txs.push(signers.sign(DEMO_PLATFORM, s, call)?);
	}
	phases.push(runner.timed(follower, "attest and ship", txs).await?);
	if let Some(started) = started {
		let _ = started.send(());
	}

	// 2. The carrier picks it up, its logger reports a 12 g drop, it delivers; the consignee
	// signs with a reservation. One operator per order keeps the steps in order.
	let logger = Logger::demo();
	let mut txs = Vec::new();
	for s in orders.clone() {
		let at = |minutes_ago: u64| now - minutes_ago * MINUTE;
		let steps = [
			workload::checkpoint(shipment(s), CheckpointKind::Pickup, at(600), vec![]),
			logger.digest(shipment(s), 0, (at(590), at(400)), 12_000),
			workload::checkpoint(shipment(s), CheckpointKind::OutForDelivery, at(90), vec![]),
			workload::checkpoint(
				shipment(s),
				CheckpointKind::Delivered,
				at(30),
				vec![Reservation::ApparentDamage],
			),
		];
		for call in steps {
			txs.push(signers.sign(DEMO_CARRIER, s, call)?);
		}
	}
	phases.push(runner.timed(follower, "carry and deliver", txs).await?);

	// 3. The platform disputes every `every`th order for its consumer.
	let disputed: Vec<u64> = orders.clone().filter(|s| s % every == 0).collect();
	let txs = disputed
		.iter()
		.map(|&s| {
			let call = workload::open_dispute(order(s), shipment(s), unit(s), now);
			signers.sign(DEMO_PLATFORM, s, call)
		})
		.collect::<Result<Vec<_>>>()?;
	// An organisation opens at most `MaxOpensPerBlock` disputes a block: one share at a time,
	// one wave at a time.
	let turn = openings.lock().await;
	let share = <<evidence_runtime::Runtime as pallet_liability::Config>::MaxOpensPerBlock as frame_support::traits::Get<u32>>::get();
	let mut chunks = txs.chunks(share as usize);
	let mut opening =
		runner.timed(follower, "open disputes", chunks.next().unwrap_or(&[]).to_vec()).await?;
	for chunk in chunks {
		opening.absorb(runner.timed(follower, "open disputes", chunk.to_vec()).await?);
	}
	let mut opened = Vec::new();
	for (_, _, event) in &opening.events {
		if let RuntimeEvent::Liability(pallet_liability::Event::DisputeOpened {
			dispute,
			respondents,
			..
		}) = event
		{
			opened.push((*dispute, respondents.to_vec()));
		}
	}
	phases.push(opening);
	drop(turn);

	// 4. Every respondent contests: the evidence window opens.
	let mut txs = Vec::new();
	for (k, (dispute, respondents)) in opened.iter().enumerate() {
		for &org in respondents {
			txs.push(signers.sign(org, k as u64, workload::contest(*dispute))?);
		}
	}
	phases.push(runner.timed(follower, "contest", txs).await?);

	// 5. Every respondent has nothing to add: the last close ends the window and decides.
	let mut txs = Vec::new();
	for (k, (dispute, respondents)) in opened.iter().enumerate() {
		for &org in respondents {
			txs.push(signers.sign(org, k as u64, workload::close_evidence(*dispute))?);
		}
	}
	phases.push(runner.timed(follower, "close evidence", txs).await?);
	Ok(Wave { phases, opened, disputed, orders })
}

/// The story's figures over all its waves: every transaction of every phase over the chain
/// time from the block before the first to the last block that carried one; dispute latency
/// and the consumer's decisions over all disputes.
fn story_report(
	waves: Vec<Wave>,
	followers: &[Follower],
	orders: u64,
	run: u64,
) -> serde_json::Value {
	let block_times: BTreeMap<u32, (u64, u64)> =
		followers.iter().flat_map(|f| f.block_times.iter().map(|(n, t)| (*n, *t))).collect();
	let spans: Vec<(u64, u64)> =
		waves.iter().flat_map(|w| w.phases.iter().filter_map(Phase::span)).collect();
	let chain_ms = match (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max()) {
		(Some(first), Some(last)) => last.saturating_sub(first),
		_ => 0,
	};
	let opened: Vec<(u64, Vec<OrgId>)> = waves.iter().flat_map(|w| w.opened.clone()).collect();
	let disputed: Vec<u64> = waves.iter().flat_map(|w| w.disputed.clone()).collect();
	let all: Vec<u64> = waves.iter().flat_map(|w| w.orders.clone()).collect();
	let wave_count = waves.len();
	// The same phase of every wave, as one.
	let mut phases: Vec<Phase> = Vec::new();
	for wave in waves {
		for (k, phase) in wave.phases.into_iter().enumerate() {
			match phases.get_mut(k) {
				Some(merged) => merged.absorb(phase),
				None => phases.push(phase),
			}
		}
	}
	let found: u64 = phases.iter().map(|p| u64::from(p.succeeded())).sum();
	let mut disputes = dispute_latency(&opened, &phases[phases.len() - 1], &block_times);
	disputes["consumer_decision"] =
		consumer_decision(&opened, &phases[phases.len() - 3..], &block_times);
	let mut report = Phase::totals(&phases);
	report["orders"] = json!(orders);
	report["waves"] = json!(wave_count);
	report["finalized_items"] = json!(found);
	report["chain_ms"] = json!(chain_ms);
	report["items_per_second"] =
		json!(if chain_ms > 0 { found as f64 * 1000.0 / chain_ms as f64 } else { 0.0 });
	report["phases"] = json!(phases.iter().map(|p| p.report(1)).collect::<Vec<_>>());
	report["disputes"] = disputes;
	let reference = |s: &u64| format!("{:?}", workload::id("order", run, *s));
	report["disputed_orders"] = json!(disputed.iter().map(reference).collect::<Vec<_>>());
	report["all_orders"] = json!(all.iter().map(reference).collect::<Vec<_>>());
	report
}

/// From the closing phase's events: for each dispute, the block whose last `EvidenceClosed`
/// closed its window, the block of its verdict (proposed or escalated), and how long after its
/// block's timestamp the verdict block was seen finalized.
fn dispute_latency(
	opened: &[(u64, Vec<OrgId>)],
	closing: &Phase,
	block_times: &BTreeMap<u32, (u64, u64)>,
) -> serde_json::Value {
	let mut closed_in: BTreeMap<u64, u32> = BTreeMap::new();
	let mut verdict_in: BTreeMap<u64, (u32, &'static str)> = BTreeMap::new();
	for (_, block, event) in &closing.events {
		match event {
			RuntimeEvent::Liability(pallet_liability::Event::EvidenceClosed {
				dispute, ..
			}) => {
				let at = closed_in.entry(*dispute).or_default();
				*at = (*at).max(*block);
			},
			RuntimeEvent::Liability(pallet_liability::Event::VerdictProposed {
				dispute, ..
			}) => {
				verdict_in.insert(*dispute, (*block, "proposed"));
			},
			RuntimeEvent::Liability(pallet_liability::Event::Escalated { dispute, .. }) => {
				verdict_in.insert(*dispute, (*block, "escalated"));
			},
			_ => {},
		}
	}
	let mut same_block = 0;
	let mut proposed = 0;
	let mut finality_ms = Vec::new();
	let mut later = Vec::new();
	for (dispute, _) in opened {
		let Some(&(verdict_block, kind)) = verdict_in.get(dispute) else { continue };
		proposed += u32::from(kind == "proposed");
		match closed_in.get(dispute) {
			Some(&closed) if closed == verdict_block => same_block += 1,
			closed => later.push(
				json!({ "dispute": dispute, "closed_in": closed, "verdict_in": verdict_block }),
			),
		}
		if let Some((time, finalized_seen)) = block_times.get(&verdict_block) {
			finality_ms.push(finalized_seen.saturating_sub(*time) as f64);
		}
	}
	finality_ms.sort_by(|a, b| a.total_cmp(b));
	let block_ms = evidence_runtime::MILLI_SECS_PER_BLOCK as f64;
	json!({
		"opened": opened.len(),
		"verdicts": verdict_in.len(),
		"proposed": proposed,
		"escalated": verdict_in.len() as u32 - proposed,
		"verdict_in_closing_block": same_block,
		"verdict_later": later,
		"finalized_after_ms": percentiles(&finality_ms),
		"finalized_after_block_times": percentiles(
			&finality_ms.iter().map(|ms| ms / block_ms).collect::<Vec<_>>()
		),
	})
}

/// The consumer layer of each dispute, from the events of its phases (opening, contest,
/// closing): how many were decided, how many in the very block that opened them (a
/// reservation at delivery decides at opening), blocks from opening to the decision, and the
/// time from the opening block's timestamp until the decision's block was seen finalized.
fn consumer_decision(
	opened: &[(u64, Vec<OrgId>)],
	phases: &[Phase],
	block_times: &BTreeMap<u32, (u64, u64)>,
) -> serde_json::Value {
	let mut opened_in: BTreeMap<u64, u32> = BTreeMap::new();
	let mut decided_in: BTreeMap<u64, (u32, bool)> = BTreeMap::new();
	for (_, block, event) in phases.iter().flat_map(|p| &p.events) {
		match event {
			RuntimeEvent::Liability(pallet_liability::Event::DisputeOpened { dispute, .. }) => {
				opened_in.insert(*dispute, *block);
			},
			RuntimeEvent::Liability(pallet_liability::Event::ConsumerOutcomeDecided {
				dispute,
				refund,
				..
			}) => {
				decided_in.entry(*dispute).or_insert((*block, *refund));
			},
			_ => {},
		}
	}
	let (mut at_opening, mut refunds) = (0u32, 0u32);
	let (mut blocks, mut finalized_ms) = (Vec::new(), Vec::new());
	for (dispute, _) in opened {
		let (Some(&open), Some(&(decided, refund))) =
			(opened_in.get(dispute), decided_in.get(dispute))
		else {
			continue;
		};
		at_opening += u32::from(open == decided);
		refunds += u32::from(refund);
		blocks.push(f64::from(decided.saturating_sub(open)));
		if let (Some((open_time, _)), Some((_, seen))) =
			(block_times.get(&open), block_times.get(&decided))
		{
			finalized_ms.push(seen.saturating_sub(*open_time) as f64);
		}
	}
	blocks.sort_by(|a, b| a.total_cmp(b));
	finalized_ms.sort_by(|a, b| a.total_cmp(b));
	json!({
		"decided": decided_in.len(),
		"refunds": refunds,
		"decided_at_opening": at_opening,
		"blocks_after_opening": percentiles(&blocks),
		"finalized_after_opening_ms": percentiles(&finalized_ms),
	})
}

/// p50, p95, p99 and max of samples (nulls when there are none).
pub fn percentiles(samples: &[f64]) -> serde_json::Value {
	let mut sorted = samples.to_vec();
	sorted.sort_by(|a, b| a.total_cmp(b));
	let at = |q: f64| {
		(!sorted.is_empty())
			.then(|| sorted[((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1])
	};
	json!({ "p50": at(0.5), "p95": at(0.95), "p99": at(0.99), "max": at(1.0), "samples": sorted.len() })
}

/// `count` calls of `evidence_orderEvidence`, over `orders` in turn, `concurrency` in flight:
/// latency percentiles and requests per second.
async fn reads(
	node: &Node,
	orders: &[String],
	count: u32,
	concurrency: usize,
) -> Result<serde_json::Value> {
	let probe = node.call("evidence_orderEvidence", vec![json!(orders[0])]).await?;
	if probe["found"] != json!(true) {
		return Err(format!("order {} not found", orders[0]).into());
	}
	let bytes = probe.to_string().len();
	/// What a timed read checks of its answer: the rest is skipped by the parser, not built
	/// into a JSON tree, so the generator's share of the two cores stays small.
	#[derive(serde::Deserialize)]
	struct Answer {
		found: bool,
	}
	let started = Instant::now();
	let latencies = futures::stream::iter(0..count as usize)
		.map(|n| async move {
			let t = Instant::now();
			let answer: Answer = node
				.call_as("evidence_orderEvidence", vec![json!(orders[n % orders.len()])])
				.await?;
			match answer.found {
				true => Ok(t.elapsed()),
				false => Err(format!("order {} not found", orders[n % orders.len()]).into()),
			}
		})
		.buffer_unordered(concurrency)
		.collect::<Vec<Result<Duration>>>()
		.await
		.into_iter()
		.collect::<Result<Vec<Duration>>>()?;
	let wall = started.elapsed().as_secs_f64();
	let mut ms: Vec<f64> = latencies.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
	ms.sort_by(|a, b| a.total_cmp(b));
	let p = percentiles(&ms);
	Ok(json!({
		"workload": "reads",
		"method": "evidence_orderEvidence",
		"orders": orders.len(),
		"response_bytes": bytes,
		"requests": ms.len(),
		"concurrency": concurrency,
		"p50_ms": p["p50"],
		"p95_ms": p["p95"],
		"p99_ms": p["p99"],
		"max_ms": p["max"],
		"requests_per_second": ms.len() as f64 / wall,
	}))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn remarks(n: u32) -> Vec<Tx> {
		let params = chain::ChainParams {
			genesis: sp_core::H256::zero(),
			spec_version: 1,
			transaction_version: 1,
		};
		let signer = dev_pair("//Alice");
		(0..n)
			.map(|nonce| {
				let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 8] });
				Tx::new(&params, &signer, nonce, call)
			})
			.collect()
	}

	const AFTER: Duration = Duration::from_secs(12);

	#[test]
	fn a_transaction_neither_on_chain_nor_ready_is_sent_again_once_overdue() {
		let txs = remarks(4);
		let signer = txs[0].signer();
		let (start, mut taken) = (Instant::now(), Taken::default());
		for (n, tx) in txs.iter().enumerate() {
			taken.note(n, tx.clone(), start);
		}
		let later = start + AFTER + Duration::from_secs(1);
		// Not overdue yet: nobody to ask about, nothing to send again.
		assert!(taken.to_ask(AFTER, start + AFTER).is_empty());
		assert!(taken.dropped(&signer, 0, 2, AFTER, start + AFTER).is_none());
		// Overdue: asked about once, not again within `ASK_EVERY`.
		assert_eq!(taken.to_ask(AFTER, later), vec![signer]);
		assert!(taken.to_ask(AFTER, later + Duration::from_secs(1)).is_empty());
		// Nonce 0 is on chain, 1 ready in the pool, 2 neither: 2 is sent again, as it was.
		let (n, tx) = taken.dropped(&signer, 1, 2, AFTER, later).expect("nonce 2 dropped");
		assert_eq!((n, tx.bytes), (2, txs[2].bytes.clone()));
		assert_eq!(taken.by_signer[&signer].kept.len(), 3, "only what is on chain is forgotten");
		// Taken again a little later: counted once, and its clock restarts from then.
		let back = later + Duration::from_secs(5);
		taken.taken_again(&signer, 2, txs[2].clone(), back);
		taken.taken_again(&signer, 2, txs[2].clone(), back);
		assert_eq!(taken.resent, 1);
		assert!(taken.dropped(&signer, 1, 2, AFTER, back + AFTER).is_none());
		let overdue_again = back + AFTER + Duration::from_secs(1);
		assert!(taken.dropped(&signer, 1, 2, AFTER, overdue_again).is_some());
		// A run of drops: once 2 is back, 3 is found missing in the same pass.
		let (n, _) = taken.dropped(&signer, 1, 3, AFTER, later).expect("nonce 3 dropped");
		assert_eq!(n, 3);
		// Everything on chain: nothing kept.
		assert!(taken.dropped(&signer, 4, 4, AFTER, later).is_none());
		assert!(taken.by_signer[&signer].kept.is_empty());
	}

	#[test]
	fn a_transaction_signed_again_is_the_one_sent_if_dropped_again() {
		let txs = remarks(1);
		let signer = txs[0].signer();
		let (start, mut taken) = (Instant::now(), Taken::default());
		taken.note(0, txs[0].clone(), start);
		let later = start + AFTER + Duration::from_secs(1);
		let (n, tx) = taken.dropped(&signer, 0, 0, AFTER, later).expect("nonce 0 dropped");
		let again = tx.resigned();
		assert_ne!(again.bytes, tx.bytes, "a fresh signature");
		taken.taken_again(&signer, n, again.clone(), later);
		assert_eq!(taken.resent, 1);
		// The new signature is the one sent if it is dropped too.
		let (_, tx) =
			taken.dropped(&signer, 0, 0, AFTER, later + AFTER * 2).expect("dropped again");
		assert_eq!(tx.bytes, again.bytes);
	}
}

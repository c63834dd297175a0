//! Following the finalized chain: each block once, in order, with its timestamp and the time
//! it was seen finalized; and the phases of a run, found in those blocks with their events.

use crate::chain::{block_time, Node, Result};
use codec::Decode;
use evidence_runtime::{Runtime, RuntimeEvent};
use frame_support::traits::PalletInfoAccess;
use serde_json::json;
use sp_core::H256;
use sp_runtime::DispatchError;
use std::{
	collections::{BTreeMap, HashMap, VecDeque},
	sync::Arc,
	time::{Duration, SystemTime, UNIX_EPOCH},
};
use tokio::sync::mpsc;

/// A finalized block.
pub struct Block {
	pub number: u32,
	pub hash: H256,
	/// Its `Timestamp.set` (unix ms): the start of its slot.
	pub time: u64,
	/// When the generator saw it finalized (unix ms).
	pub seen: u64,
	pub extrinsics: Vec<Vec<u8>>,
}

/// Reads the finalized blocks one after another. A task of its own receives the finalized
/// heads and notes when each arrived, so the time a block was seen finalized does not depend
/// on how long reading the blocks takes.
pub struct Follower {
	node: Arc<Node>,
	heads: mpsc::UnboundedReceiver<Result<(u32, u64)>>,
	next: u32,
	finalized: u32,
	arrivals: VecDeque<(u32, u64)>,
	last_time: u64,
	/// Every block read: its timestamp and when it was first seen finalized (unix ms).
	pub block_times: BTreeMap<u32, (u64, u64)>,
}

pub fn unix_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

fn block_number(header: &serde_json::Value) -> Result<u32> {
	let hex = header["number"].as_str().ok_or("header without number")?;
	Ok(u32::from_str_radix(hex.trim_start_matches("0x"), 16)?)
}

impl Follower {
	/// Starts after the block finalized now.
	pub async fn start(node: Arc<Node>) -> Result<Self> {
		let mut subscription = node.finalized_heads().await?;
		let first = subscription.next().await.ok_or("finalized head subscription closed")??;
		let finalized = block_number(&first)?;
		let (_, extrinsics) = node.block(finalized).await?;
		let last_time = block_time(&extrinsics).unwrap_or_default();
		let (sender, heads) = mpsc::unbounded_channel();
		tokio::spawn(async move {
			while let Some(head) = subscription.next().await {
				let seen = unix_ms();
				let number = head.map_err(Into::into).and_then(|h| block_number(&h));
				if sender.send(number.map(|n| (n, seen))).is_err() {
					break;
				}
			}
		});
		Ok(Self {
			node,
			heads,
			next: finalized + 1,
			finalized,
			arrivals: VecDeque::new(),
			last_time,
			block_times: BTreeMap::new(),
		})
	}

	/// Timestamp of the last block read.
	pub fn last_time(&self) -> u64 {
		self.last_time
	}

	/// The next finalized block; `None` when none is finalized within `timeout`.
	pub async fn next_block(&mut self, timeout: Duration) -> Result<Option<Block>> {
		while self.next > self.finalized {
			match tokio::time::timeout(timeout, self.heads.recv()).await {
				Ok(Some(head)) => {
					let (number, seen) = head?;
					if number > self.finalized {
						self.finalized = number;
						self.arrivals.push_back((number, seen));
					}
				},
				Ok(None) => return Err("finalized head subscription closed".into()),
				Err(_) => return Ok(None),
			}
		}
		let number = self.next;
		let (hash, extrinsics) = self.node.block(number).await?;
		let time = block_time(&extrinsics).ok_or("block without a timestamp")?;
		while self.arrivals.front().is_some_and(|(n, _)| *n < number) {
			self.arrivals.pop_front();
		}
		let seen = self.arrivals.front().map(|(_, seen)| *seen).unwrap_or_else(unix_ms);
		self.block_times.insert(number, (time, seen));
		self.last_time = time;
		self.next += 1;
		Ok(Some(Block { number, hash, time, seen, extrinsics }))
	}
}

/// One finalized block that carried transactions of a phase.
pub struct Landed {
	pub number: u32,
	pub hash: H256,
	pub time: u64,
	/// When the generator saw it finalized (unix ms).
	pub seen: u64,
	pub ours: u32,
	pub failed: u32,
}

/// How the pool took a transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepted {
	/// The first signature sent was accepted (its hash).
	AtOnce(H256),
	/// A signature sent again, after the signer's pool share was taken, was accepted (its
	/// hash).
	SignedAgain(H256),
	/// A signature sent again was refused because another of the same signer and nonce was
	/// already in the pool (an earlier one a view had taken): that one is counted on.
	EarlierStood,
}

impl Accepted {
	fn describe(self) -> &'static str {
		match self {
			Self::AtOnce(_) => "accepted at once",
			Self::SignedAgain(_) => "accepted when signed again",
			Self::EarlierStood => "an earlier signature stood in the pool (1014)",
		}
	}

	/// The hash of the signature the pool accepted, when known.
	fn hash(self) -> Option<H256> {
		match self {
			Self::AtOnce(hash) | Self::SignedAgain(hash) => Some(hash),
			Self::EarlierStood => None,
		}
	}
}

/// Transactions submitted together, and what the finalized blocks say of them.
pub struct Phase {
	pub name: String,
	index: HashMap<H256, usize>,
	pub signed: usize,
	pub submitted: u32,
	pub submit_errors: Vec<String>,
	/// Refusals the generator waited out and retried (the same transaction after a full pool,
	/// signed again after a taken pool share), by reason.
	pub refused_then_retried: BTreeMap<&'static str, u32>,
	/// Transactions never sent because an earlier one of their signer was refused for good.
	pub held_back: u32,
	/// Accepted transactions the pool later dropped without a word, found missing (neither on
	/// chain nor ready in the pool when overdue) and sent again; each still counts from its
	/// first submission.
	pub resent: u32,
	/// When each transaction was first sent to the node (unix ms), by index: its latency
	/// includes any wait for the pool to take it.
	pub submitted_at: Vec<Option<u64>>,
	/// How the pool took each submitted transaction, by index (see [`Accepted`]).
	pub accepted: Vec<Option<Accepted>>,
	/// Whether a finalized block carried each transaction, by index.
	landed: Vec<bool>,
	/// How long after its submission each finalized transaction was seen finalized (ms).
	pub to_finalized_ms: Vec<f64>,
	pub found: u32,
	pub failed: u32,
	pub first_failure: Option<String>,
	pub blocks: Vec<Landed>,
	/// Timestamp of the last finalized block before the first that carried the phase.
	start_time: u64,
	/// The events of the phase's transactions (system events aside): transaction index in
	/// the phase, block number, event.
	pub events: Vec<(usize, u32, RuntimeEvent)>,
}

/// A transaction's hash, as the pool and the blocks know it.
pub fn hash(extrinsic: &[u8]) -> H256 {
	H256(sp_crypto_hashing::blake2_256(extrinsic))
}

impl Phase {
	pub fn new<'a>(name: &str, txs: impl Iterator<Item = &'a [u8]>, start_time: u64) -> Self {
		let index: HashMap<H256, usize> = txs.enumerate().map(|(i, x)| (hash(x), i)).collect();
		let signed = index.len();
		Self {
			name: name.into(),
			index,
			signed,
			submitted: 0,
			submit_errors: Vec::new(),
			refused_then_retried: BTreeMap::new(),
			held_back: 0,
			resent: 0,
			submitted_at: vec![None; signed],
			accepted: vec![None; signed],
			landed: vec![false; signed],
			to_finalized_ms: Vec::new(),
			found: 0,
			failed: 0,
			first_failure: None,
			blocks: Vec::new(),
			start_time,
			events: Vec::new(),
		}
	}

	/// `extrinsic` (transaction `n` signed again) is found in blocks as transaction `n`.
	pub fn known_as(&mut self, extrinsic: &[u8], n: usize) {
		self.index.insert(hash(extrinsic), n);
	}

	/// Adds the transactions of `later`, a phase of the same work submitted after this one,
	/// as if both were one (its transaction indexes follow this phase's).
	pub fn absorb(&mut self, later: Phase) {
		let offset = self.signed;
		self.index.extend(later.index.into_iter().map(|(hash, i)| (hash, i + offset)));
		self.signed += later.signed;
		self.submitted += later.submitted;
		self.submit_errors.extend(later.submit_errors);
		self.held_back += later.held_back;
		self.resent += later.resent;
		for (why, count) in later.refused_then_retried {
			*self.refused_then_retried.entry(why).or_default() += count;
		}
		self.submitted_at.extend(later.submitted_at);
		self.accepted.extend(later.accepted);
		self.landed.extend(later.landed);
		self.to_finalized_ms.extend(later.to_finalized_ms);
		self.found += later.found;
		self.failed += later.failed;
		self.first_failure = self.first_failure.take().or(later.first_failure);
		self.blocks.extend(later.blocks);
		self.events
			.extend(later.events.into_iter().map(|(i, block, event)| (i + offset, block, event)));
	}

	/// Counts the phase's transactions in `block` and reads their events.
	pub async fn take(&mut self, node: &Node, block: &Block) -> Result<()> {
		let ours: HashMap<u32, usize> = block
			.extrinsics
			.iter()
			.enumerate()
			.filter_map(|(i, x)| self.index.get(&hash(x)).map(|n| (i as u32, *n)))
			.collect();
		if ours.is_empty() {
			if self.blocks.is_empty() {
				self.start_time = block.time;
			}
			return Ok(());
		}
		let mut failed = 0;
		for record in node.events(block.hash).await? {
			let frame_system::Phase::ApplyExtrinsic(i) = record.phase else { continue };
			let Some(&n) = ours.get(&i) else { continue };
			match record.event {
				RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
					dispatch_error,
					..
				}) => {
					failed += 1;
					self.first_failure.get_or_insert_with(|| describe(&dispatch_error));
				},
				RuntimeEvent::System(_) => {},
				event => self.events.push((n, block.number, event)),
			}
		}
		for n in ours.values() {
			self.landed[*n] = true;
			if let Some(at) = self.submitted_at[*n] {
				self.to_finalized_ms.push(block.seen.saturating_sub(at) as f64);
			}
		}
		self.found += ours.len() as u32;
		self.failed += failed;
		self.blocks.push(Landed {
			number: block.number,
			hash: block.hash,
			time: block.time,
			seen: block.seen,
			ours: ours.len() as u32,
			failed,
		});
		Ok(())
	}

	/// The accepted transactions no finalized block carried, by how the pool took them.
	pub fn not_finalized_by_acceptance(&self) -> BTreeMap<&'static str, u32> {
		let mut counts = BTreeMap::new();
		for (how, landed) in self.accepted.iter().zip(&self.landed) {
			if let (Some(how), false) = (how, landed) {
				*counts.entry(how.describe()).or_default() += 1;
			}
		}
		counts
	}

	/// The hash the pool accepted of the first transaction (in submission order) that no
	/// finalized block carried: the one to look for in the node's log.
	pub fn first_not_finalized(&self) -> Option<H256> {
		self.accepted
			.iter()
			.zip(&self.landed)
			.find_map(|(how, landed)| how.filter(|_| !landed).and_then(Accepted::hash))
	}

	/// Transactions finalized that did what they asked.
	pub fn succeeded(&self) -> u32 {
		self.found - self.failed
	}

	/// The chain time (block timestamps) the phase spans: the last block before it, the last
	/// block that carried it; `None` when nothing landed.
	pub fn span(&self) -> Option<(u64, u64)> {
		self.blocks.last().map(|b| (self.start_time, b.time))
	}

	/// Chain time from the last block before the phase to the last block that carried it.
	pub fn chain_ms(&self) -> u64 {
		self.blocks.last().map(|b| b.time.saturating_sub(self.start_time)).unwrap_or(0)
	}

	/// A preparing phase must have landed whole, without a failure.
	pub fn ensure_complete(&self) -> Result<()> {
		if self.found as usize == self.signed && self.failed == 0 {
			return Ok(());
		}
		Err(format!(
			"preparing `{}`: {} of {} transactions finalized, {} failed (first: {}), submit errors: {:?}",
			self.name,
			self.found,
			self.signed,
			self.failed,
			self.first_failure.as_deref().unwrap_or("none"),
			self.submit_errors.first(),
		)
		.into())
	}

	/// Figures of the phase; each successful transaction counts `per_tx` items.
	pub fn report(&self, per_tx: u64) -> serde_json::Value {
		let chain_ms = self.chain_ms();
		let items = u64::from(self.succeeded()) * per_tx;
		let mut error_kinds = std::collections::BTreeMap::<&str, u32>::new();
		for error in &self.submit_errors {
			*error_kinds.entry(error.as_str()).or_default() += 1;
		}
		let first_submitted = self.submitted_at.iter().flatten().min().copied();
		let wall_ms = match (first_submitted, self.blocks.last()) {
			(Some(first), Some(last)) => Some(last.seen.saturating_sub(first)),
			_ => None,
		};
		json!({
			"phase": self.name,
			"signed": self.signed,
			"submitted": self.submitted,
			"submit_errors": self.submit_errors.len(),
			"submit_error_kinds": error_kinds,
			"refused_then_retried": self.refused_then_retried,
			"not_finalized_by_acceptance": self.not_finalized_by_acceptance(),
			"held_back_after_a_refusal": self.held_back,
			"resent_after_a_drop": self.resent,
			"first_not_finalized": self.first_not_finalized().map(|h| format!("{h:?}")),
			"first_submit_error": self.submit_errors.first(),
			"finalized_transactions": self.found,
			"failed_transactions": self.failed,
			"first_failure": self.first_failure,
			"finalized_items": items,
			"chain_ms": chain_ms,
			"items_per_second": if chain_ms > 0 { items as f64 * 1000.0 / chain_ms as f64 } else { 0.0 },
			"accepted_not_finalized": self.submitted.saturating_sub(self.found),
			"first_submit_to_last_finalized_ms": wall_ms,
			"items_per_second_to_finality": wall_ms.filter(|ms| *ms > 0).map(|ms| items as f64 * 1000.0 / ms as f64),
			"submit_to_finalized_ms": crate::percentiles(&self.to_finalized_ms),
			"submit_to_finalized_block_times": crate::percentiles(
				&self.to_finalized_ms.iter().map(|ms| ms / evidence_runtime::MILLI_SECS_PER_BLOCK as f64).collect::<Vec<_>>()
			),
			"blocks": self.blocks.iter().map(|b| json!({
				"number": b.number, "hash": format!("{:?}", b.hash), "time": b.time, "seen": b.seen, "ours": b.ours, "failed": b.failed
			})).collect::<Vec<_>>(),
		})
	}

	/// A preparing phase in one line.
	pub fn summary(&self) -> serde_json::Value {
		json!({ "phase": self.name, "transactions": self.signed, "blocks": self.blocks.len() })
	}

	/// The sums over several phases.
	pub fn totals(phases: &[Phase]) -> serde_json::Value {
		let sum = |f: fn(&Phase) -> u64| phases.iter().map(f).sum::<u64>();
		json!({
			"signed": sum(|p| p.signed as u64),
			"submitted": sum(|p| p.submitted.into()),
			"submit_errors": sum(|p| p.submit_errors.len() as u64),
			"first_submit_error": phases.iter().find_map(|p| p.submit_errors.first()),
			"refused_then_retried": sum(|p| p.refused_then_retried.values().map(|n| u64::from(*n)).sum()),
			"held_back_after_a_refusal": sum(|p| p.held_back.into()),
			"resent_after_a_drop": sum(|p| p.resent.into()),
			"finalized_transactions": sum(|p| p.found.into()),
			"failed_transactions": sum(|p| p.failed.into()),
			"first_failure": phases.iter().find_map(|p| p.first_failure.clone()),
		})
	}
}

/// A dispatch error by name: `Pallet.Error` for the project's pallets.
fn describe(error: &DispatchError) -> String {
	let DispatchError::Module(module) = error else { return format!("{error:?}") };
	let bytes = &mut &module.error[..];
	let index = usize::from(module.index);
	let name = if index == evidence_runtime::Consortium::index() {
		pallet_consortium::Error::<Runtime>::decode(bytes).map(|e| format!("Consortium.{e:?}"))
	} else if index == evidence_runtime::Notary::index() {
		pallet_notary::Error::<Runtime>::decode(bytes).map(|e| format!("Notary.{e:?}"))
	} else if index == evidence_runtime::Inspection::index() {
		pallet_inspection::Error::<Runtime>::decode(bytes).map(|e| format!("Inspection.{e:?}"))
	} else if index == evidence_runtime::Logistics::index() {
		pallet_logistics::Error::<Runtime>::decode(bytes).map(|e| format!("Logistics.{e:?}"))
	} else if index == evidence_runtime::Liability::index() {
		pallet_liability::Error::<Runtime>::decode(bytes).map(|e| format!("Liability.{e:?}"))
	} else {
		return format!("{error:?}");
	};
	name.unwrap_or_else(|_| format!("{error:?}"))
}

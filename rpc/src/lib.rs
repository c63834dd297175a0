//! The `evidence_*` JSON-RPC methods of the Evidence Chain node: the whole story of an order,
//! a unit or a dispute, what the rules would decide now, who notarized a digest, and a
//! court-ready export — as plain JSON (see [`readable`]), each fact with its block number and
//! hash.
//!
//! [`EvidenceRpcApiServer`] is the typed API (parameters in [`params`]); [`Evidence`]
//! answers it over a client with the runtime's own reads (`EvidenceApi`, `NotaryApi`). While
//! the chain runs the runtime this node was built with (its `:code` is this build's wasm, the
//! usual case), the `EvidenceApi` reads run natively over the block's state: the same code,
//! without a wasm instance per request. On any other runtime (a block before an upgrade, or a
//! chain upgraded past this node) they run in the chain's own runtime. The node logs which,
//! under the target `evidence-rpc`, once for each runtime code it meets. (A runtime override
//! the operator configures, `--wasm-runtime-overrides` or a chain spec's `codeSubstitutes`,
//! applies on the wasm path only: blocks whose `:code` is this build's are read with this
//! build.)
//!
//! Every method takes an optional last parameter `at` (a block hash; default: the best
//! block), positionally or by name. An answer at the best block is kept until the best block
//! changes: integrators and dashboards ask for the same order many times a block, and the
//! answer cannot change within one. The cache is keyed by the parsed parameters (the same
//! question asked by position or by name, in upper- or lower-case hex, is one entry) and
//! bounded in bytes ([`CACHE_BYTES`], least recently used out first; an answer over
//! [`LARGEST_CACHED_ANSWER`] is not kept). A kept answer is sent without taking a blocking
//! thread; the others are computed on blocking threads, at most as many at once as the machine
//! has cores (so [`Evidence::into_strict_rpc`] registers them, as the node serves them);
//! further requests wait their turn as futures, holding no thread. Unknown keys give
//! `{ "found": false, … }`; parameters that do not fit, and claim or digest fields the method
//! does not know, the JSON-RPC invalid-params error (-32602) naming the parameter or field.
//! Answers are bounded by the pallets' own bounds (16 shipments per order, 16 legs and 64
//! checkpoints per shipment, 8 digests per leg, 256 attestations, 64 disputes).

#![warn(missing_docs)]

pub mod answers;
pub mod export;
pub mod gs1;
pub mod params;
pub mod readable;
pub mod track;

use std::{
	marker::PhantomData,
	sync::{Arc, Mutex},
};

pub use answers::{Answers, At, BlockHashes, DigestRecord};
use codec::{Decode, DecodeAll, Encode};
use evidence_primitives::api::{EvidenceApi, NotaryApi};
use evidence_runtime::{evidence, opaque::Block, AccountId, Runtime};
use frame_support::storage::StoragePrefixedMap;
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned, Params},
	RpcModule,
};
use sc_client_api::{Backend, StorageProvider};
use schnellru::{ByLength, LruMap, Unlimited};
use serde::de::DeserializeOwned;
use serde_json::{value::RawValue, Value};
use sp_api::{ApiExt, ApiRef, CallApiAt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::{
	storage::{StorageData, StorageKey},
	H256,
};
use sp_runtime::traits::{HashingFor, Header as _};
use sp_state_machine::{Ext, OverlayedChanges};

use params::{BlockHash, Claim, Digest, DisputeId, FromBlock, OrderKey, Org, ToBlock, UnitKey};

/// The `evidence_*` methods. Each answers `{ <key>, "at": {"block", "block_hash"}, "found",
/// <the answer> }`. The node registers them with [`Evidence::into_strict_rpc`], which also
/// bounds the answers computed at once; the generated `into_rpc` does neither.
#[rpc(server, namespace = "evidence")]
pub trait EvidenceRpcApi {
	/// Every attestation, shipment (legs with their conditions, checkpoints, sensor digests)
	/// and dispute (with its verdict) of an order line, under `evidence`.
	#[method(name = "orderEvidence", blocking)]
	fn order_evidence(&self, order: OrderKey, at: Option<BlockHash>) -> RpcResult<Box<RawValue>>;

	/// Every fact about one unit, oldest first, under `passport`.
	#[method(name = "unitPassport", blocking)]
	fn unit_passport(&self, unit: UnitKey, at: Option<BlockHash>) -> RpcResult<Box<RawValue>>;

	/// One dispute with its claim, parties, evidence, status, verdict and arbitration, under
	/// `dispute`.
	#[method(name = "dispute", blocking)]
	fn dispute(&self, id: DisputeId, at: Option<BlockHash>) -> RpcResult<Box<RawValue>>;

	/// What the rules would decide on the chain's facts now for `claim`, without opening a
	/// dispute: the verdict under `verdict` (`found` true), or why there is none under
	/// `refused`.
	#[method(name = "previewVerdict", blocking)]
	fn preview_verdict(&self, claim: Claim, at: Option<BlockHash>) -> RpcResult<Box<RawValue>>;

	/// Who notarized a content digest (every organisation's own notarization), when, its kind,
	/// and the facts that cite it, under `record`.
	#[method(name = "digest", blocking)]
	fn digest(&self, digest: Digest, at: Option<BlockHash>) -> RpcResult<Box<RawValue>>;

	/// The order's evidence as one document to file (EPCIS 2.0 events and the chain's
	/// records, see [`export`]), under `document`.
	#[method(name = "export", blocking)]
	fn export(&self, order: OrderKey, at: Option<BlockHash>) -> RpcResult<Box<RawValue>>;

	/// An organisation's track record across disputes, under `record`: the chain's counters
	/// (`Liability.Reputations`: disputes against it, found liable, cleared, escalated) and,
	/// from the disputes it is a respondent of, those still open, median blocks from opening
	/// to the consumer's outcome, to the final verdict and to the end, and counts per status,
	/// claim kind and rule (see [`track`]).
	#[method(name = "reputation", blocking)]
	fn reputation(&self, org: Org, at: Option<BlockHash>) -> RpcResult<Box<RawValue>>;

	/// How the disputes opened from block `from` to block `to` (inclusive) went, under
	/// `statistics`: counts per status, claim kind and rule, consumer refunds, median times,
	/// and per organisation disputes against, found liable, cleared, escalated (see
	/// [`track`]).
	#[method(name = "statistics", blocking)]
	fn statistics(
		&self,
		from: FromBlock,
		to: ToBlock,
		at: Option<BlockHash>,
	) -> RpcResult<Box<RawValue>>;
}

/// The runtime APIs the evidence methods call, with the runtime's types.
pub trait EvidenceRuntimeApi:
	EvidenceApi<
		Block,
		evidence::OrderEvidence,
		evidence::UnitPassport,
		evidence::DisputeEntry,
		pallet_liability::Claim<Runtime>,
		evidence::Preview,
	> + NotaryApi<Block, AccountId>
{
}
impl<T> EvidenceRuntimeApi for T where
	T: EvidenceApi<
			Block,
			evidence::OrderEvidence,
			evidence::UnitPassport,
			evidence::DisputeEntry,
			pallet_liability::Claim<Runtime>,
			evidence::Preview,
		> + NotaryApi<Block, AccountId>
{
}

/// JSON-RPC invalid params.
pub const INVALID_PARAMS: i32 = -32602;
/// JSON-RPC internal error.
pub const INTERNAL: i32 = -32603;
/// The block the client asked for is unknown.
pub const UNKNOWN_BLOCK: i32 = 4001;

fn internal(message: impl ToString) -> ErrorObjectOwned {
	ErrorObject::owned(INTERNAL, message.to_string(), None::<()>)
}

/// The bytes the answer cache holds at most.
pub const CACHE_BYTES: usize = 32 << 20;
/// The dispute scans kept (by block).
const SCANS_KEPT: u32 = 4;
/// An answer larger than this is sent, not kept.
pub const LARGEST_CACHED_ANSWER: usize = 2 << 20;

/// What an answer is kept under: the method, its parameters (SCALE-encoded, so one question
/// has one key however it was written) and the best block it was answered at.
type AnswerKey = (&'static str, Vec<u8>, H256);

/// Answers given at the best block, kept as the JSON text sent, so a repeated question costs a
/// copy, not a serialization; bounded by the bytes of the keys and answers it holds.
#[derive(Default)]
struct AnswerCache {
	answers: LruMap<AnswerKey, Box<RawValue>, Unlimited>,
	bytes: usize,
}

impl AnswerCache {
	fn size(key: &AnswerKey, answer: &RawValue) -> usize {
		key.0.len() + key.1.len() + 32 + answer.get().len()
	}

	fn get(&mut self, key: &AnswerKey) -> Option<Box<RawValue>> {
		self.answers.get(key).cloned()
	}

	/// Keeps `answer` under `key`, dropping the least recently used answers while over
	/// [`CACHE_BYTES`]; an answer over [`LARGEST_CACHED_ANSWER`] is not kept.
	fn insert(&mut self, key: AnswerKey, answer: Box<RawValue>) {
		let size = Self::size(&key, &answer);
		if answer.get().len() > LARGEST_CACHED_ANSWER {
			return;
		}
		if let Some(old) = self.answers.peek(&key) {
			self.bytes -= Self::size(&key, old);
		}
		self.answers.insert(key, answer);
		self.bytes += size;
		while self.bytes > CACHE_BYTES {
			let Some((key, old)) = self.answers.pop_oldest() else { break };
			self.bytes -= Self::size(&key, &old);
		}
	}
}

/// At most `limit` answers computed at once, each on a blocking thread; requests beyond it
/// wait as futures, not as threads.
struct Workers {
	turns: Arc<tokio::sync::Semaphore>,
}

impl Workers {
	fn new(limit: usize) -> Self {
		Self { turns: Arc::new(tokio::sync::Semaphore::new(limit.max(1))) }
	}

	/// Runs `work` on a blocking thread once fewer than `limit` others are running. The turn
	/// goes with the work, not with the request: a request dropped while its answer is computed
	/// (a client that hung up) holds its turn until the work ends, so hanging up and asking
	/// again never runs more than `limit` at once.
	async fn run<R: Send + 'static>(
		&self,
		work: impl FnOnce() -> R + Send + 'static,
	) -> RpcResult<R> {
		let turn = self.turns.clone().acquire_owned().await.map_err(internal)?;
		tokio::task::spawn_blocking(move || {
			let _turn = turn;
			work()
		})
		.await
		.map_err(internal)
	}
}

/// The `evidence_*` methods over `client` (a full node's client, with its backend `BE`).
pub struct Evidence<C, BE> {
	client: Arc<C>,
	answers: Answers,
	cache: Mutex<AnswerCache>,
	/// Every dispute as read at the last few blocks scanned (the best and the finalized block,
	/// typically): the track records of any range or organisation at such a block reuse one
	/// storage scan. Held while scanning, so one scan runs at a time and a question waiting
	/// for the same block reuses it.
	disputes: Mutex<LruMap<H256, Arc<Vec<track::Row>>, ByLength>>,
	workers: Workers,
	/// The hash of the runtime this node was built with (`None` in a build without it).
	native_code: Option<H256>,
	/// The chain's runtime codes the evidence reads have met (a handful: one per runtime the
	/// chain ever ran), each logged once with whether it is this node's.
	codes_met: Mutex<Vec<H256>>,
	_backend: PhantomData<fn() -> BE>,
}

impl<C, BE> Evidence<C, BE> {
	/// The methods over `client`, computing at most as many answers at once as the machine
	/// has cores (through [`Self::into_strict_rpc`]).
	pub fn new(client: Arc<C>) -> Self {
		Self {
			client,
			answers: Answers::new(),
			cache: Mutex::new(AnswerCache::default()),
			disputes: Mutex::new(LruMap::new(ByLength::new(SCANS_KEPT))),
			workers: Workers::new(std::thread::available_parallelism().map_or(2, |n| n.get())),
			native_code: evidence_runtime::WASM_BINARY
				.map(<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash),
			codes_met: Mutex::new(Vec::new()),
			_backend: PhantomData,
		}
	}
}

impl<C, BE> Evidence<C, BE>
where
	BE: Backend<Block> + 'static,
	C: ProvideRuntimeApi<Block>
		+ CallApiAt<Block>
		+ HeaderBackend<Block>
		+ StorageProvider<Block, BE>
		+ Send
		+ Sync
		+ 'static,
	C::Api: EvidenceRuntimeApi,
{
	/// The answer of `method` to `question` at `at`: from the cache when it was computed at the
	/// current best block, else computed by `compute` (given the block read and the chain's
	/// block hashes) and kept if it was read at the best block (not at an explicit older `at`).
	fn cached(
		&self,
		method: &'static str,
		question: impl Encode,
		at: Option<BlockHash>,
		compute: impl FnOnce(At, BlockHashes) -> RpcResult<Value>,
	) -> RpcResult<Box<RawValue>> {
		let (best, key) = self.answer_key(method, &(question, at));
		if let Some(answer) = self.kept_answer(&key)? {
			return Ok(answer);
		}
		let at = self.at(at)?;
		let hashes = |number: u64| {
			let number: u32 = number.try_into().ok()?;
			self.client.hash(number).ok().flatten().map(|h| format!("{h:?}"))
		};
		let answer = compute(at, &hashes)?;
		let text = serde_json::value::to_raw_value(&answer).map_err(internal)?;
		if at.hash == best {
			self.cache
				.lock()
				.map_err(|_| internal("answer cache poisoned"))?
				.insert(key, text.clone());
		}
		Ok(text)
	}

	/// The key an answer of `method` to `params` (the question and `at`, as one encoding) is
	/// kept under now, with the best block it names.
	fn answer_key(&self, method: &'static str, params: &impl Encode) -> (H256, AnswerKey) {
		let best = self.client.info().best_hash;
		(best, (method, params.encode(), best))
	}

	/// The answer kept under `key`, if any.
	fn kept_answer(&self, key: &AnswerKey) -> RpcResult<Option<Box<RawValue>>> {
		Ok(self.cache.lock().map_err(|_| internal("answer cache poisoned"))?.get(key))
	}

	/// One of the runtime's own evidence reads (`evidence_runtime::evidence`, what `EvidenceApi`
	/// answers) at block `at`. When the chain runs the very runtime this node was built with
	/// (its `:code` hashes to this build's wasm), `native` runs here, over the block's state: the
	/// same code as the runtime's, without a wasm instance per request and the SCALE round trip
	/// of its answer. Otherwise (a runtime this node was not built with: before an upgrade, or
	/// after one this node has not followed) `wasm` asks the chain's own runtime.
	fn runtime_read<R>(
		&self,
		at: H256,
		native: impl FnOnce() -> R,
		wasm: impl FnOnce(ApiRef<'_, C::Api>) -> Result<R, sp_api::ApiError>,
	) -> RpcResult<R> {
		if !self.runs_this_runtime(at)? {
			return wasm(self.client.runtime_api()).map_err(internal);
		}
		let state = CallApiAt::state_at(&*self.client, at).map_err(internal)?;
		let mut overlay = OverlayedChanges::<HashingFor<Block>>::default();
		let mut ext = Ext::new(&mut overlay, &state, None);
		// What the read would have written stays in `overlay` and is dropped, as a runtime API
		// call's changes are. A panic (a state the code cannot read, a failing database) is the
		// request's error, as a trap in the wasm runtime is: the node's panic handler would
		// otherwise stop the node.
		let _unwind = sp_panic_handler::AbortGuard::force_unwind();
		std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
			sp_externalities::set_and_run_with_externalities(&mut ext, native)
		}))
		.map_err(|_| internal(format!("the evidence read at {at:?} panicked")))
	}

	/// Whether block `at` runs the runtime this node was built with.
	fn runs_this_runtime(&self, at: H256) -> RpcResult<bool> {
		let key = StorageKey(sp_core::storage::well_known_keys::CODE.to_vec());
		let code = self.client.storage_hash(at, &key).map_err(internal)?;
		let code = code.unwrap_or_default();
		let native = Some(code) == self.native_code;
		let mut met = self.codes_met.lock().map_err(|_| internal("runtime codes poisoned"))?;
		if !met.contains(&code) {
			met.push(code);
			match native {
				true => log::info!(
					target: "evidence-rpc",
					"evidence reads run natively on blocks of runtime code {code:?}: this node's",
				),
				false => log::info!(
					target: "evidence-rpc",
					"evidence reads run in the chain's runtime on blocks of runtime code {code:?}: \
					 it is not this node's",
				),
			}
		}
		Ok(native)
	}

	fn at(&self, at: Option<BlockHash>) -> RpcResult<At> {
		let hash = at.map_or_else(|| self.client.info().best_hash, |h| h.0);
		let header = self.client.header(hash).map_err(internal)?.ok_or_else(|| {
			ErrorObject::owned(UNKNOWN_BLOCK, format!("unknown block {hash:?}"), None::<()>)
		})?;
		Ok(At { hash, number: (*header.number()).into() })
	}

	/// The time of block `at` (unix ms), as its timestamp inherent set it.
	fn block_time(&self, at: H256) -> RpcResult<u64> {
		let key = StorageKey(pallet_timestamp::Now::<Runtime>::hashed_key().to_vec());
		let data = self.client.storage(at, &key).map_err(internal)?;
		data.map(|d| u64::decode(&mut &d.0[..]).map_err(internal))
			.transpose()
			.map(Option::unwrap_or_default)
	}

	/// The values of the map under `prefix` at block `at`, with their keys.
	fn pairs(
		&self,
		at: H256,
		prefix: &[u8],
	) -> RpcResult<impl Iterator<Item = (StorageKey, StorageData)>> {
		let prefix = StorageKey(prefix.to_vec());
		self.client.storage_pairs(at, Some(&prefix), None).map_err(internal)
	}

	/// The value under `key` at block `at`, decoded.
	fn read<T: Decode>(&self, at: H256, key: Vec<u8>) -> RpcResult<Option<T>> {
		let data = self.client.storage(at, &StorageKey(key)).map_err(internal)?;
		data.map(|d| T::decode(&mut &d.0[..]).map_err(internal)).transpose()
	}

	/// Every dispute at block `at`, with the block it ended in: a kept scan of `at`, else a new
	/// one, kept for the next question.
	fn disputes(&self, at: H256) -> RpcResult<Arc<Vec<track::Row>>> {
		let mut scans = self.disputes.lock().map_err(|_| internal("dispute scans poisoned"))?;
		if let Some(rows) = scans.get(&at) {
			return Ok(rows.clone());
		}
		let rows = Arc::new(self.scan_disputes(at)?);
		scans.insert(at, rows.clone());
		Ok(rows)
	}

	/// Every dispute at block `at`, with the block it ended in: read from storage and decoded
	/// with this node's runtime types.
	fn scan_disputes(&self, at: H256) -> RpcResult<Vec<track::Row>> {
		let ended_prefix = pallet_liability::EndedIn::<Runtime>::final_prefix();
		let mut ended = std::collections::HashMap::new();
		for (key, value) in self.pairs(at, &ended_prefix)? {
			let id = track::dispute_id(&key.0, &ended_prefix).ok_or_else(|| internal("key"))?;
			ended.insert(
				id,
				evidence_runtime::BlockNumber::decode(&mut &value.0[..]).map_err(internal)?,
			);
		}
		let prefix = pallet_liability::Disputes::<Runtime>::final_prefix();
		self.pairs(at, &prefix)?
			.map(|(key, value)| {
				let id = track::dispute_id(&key.0, &prefix).ok_or_else(|| internal("key"))?;
				let dispute = pallet_liability::Dispute::<Runtime>::decode_all(&mut &value.0[..])
					.map_err(|e| {
					internal(format!(
						"dispute {id} does not decode with this node's runtime types (is \
							 the node older than the chain's runtime?): {e}"
					))
				})?;
				Ok(track::Row { id, dispute, ended_in: ended.get(&id).copied() })
			})
			.collect()
	}

	/// The name of organisation `org` at block `at` (the first field of its record).
	fn org_name(&self, at: H256, org: evidence_primitives::OrgId) -> RpcResult<Option<String>> {
		let key = pallet_consortium::Organisations::<Runtime>::hashed_key_for(org);
		let name: Option<Vec<u8>> = self.read(at, key)?;
		Ok(name.map(|name| String::from_utf8_lossy(&name).into_owned()))
	}

	/// The methods of [`EvidenceRpcApi`] as a module to merge into the node's RPC server, each
	/// calling this type's [`EvidenceRpcApiServer`] implementation, with strict parameters: a
	/// named parameter the method does not have, or more values than it takes, is refused
	/// (-32602, naming it) instead of ignored as the generated `into_rpc` does — a misspelled
	/// `at` must not silently read the best block.
	pub fn into_strict_rpc(self) -> RpcModule<Self> {
		let mut module = RpcModule::new(self);
		Self::register(
			&mut module,
			"evidence_orderEvidence",
			&["order", "at"],
			|rpc, (order, at)| rpc.order_evidence(order, at),
		);
		Self::register(&mut module, "evidence_unitPassport", &["unit", "at"], |rpc, (unit, at)| {
			rpc.unit_passport(unit, at)
		});
		Self::register(&mut module, "evidence_dispute", &["id", "at"], |rpc, (id, at)| {
			rpc.dispute(id, at)
		});
		Self::register(
			&mut module,
			"evidence_previewVerdict",
			&["claim", "at"],
			|rpc, (claim, at)| rpc.preview_verdict(claim, at),
		);
		Self::register(&mut module, "evidence_digest", &["digest", "at"], |rpc, (digest, at)| {
			rpc.digest(digest, at)
		});
		Self::register(&mut module, "evidence_export", &["order", "at"], |rpc, (order, at)| {
			rpc.export(order, at)
		});
		Self::register(&mut module, "evidence_reputation", &["org", "at"], |rpc, (org, at)| {
			rpc.reputation(org, at)
		});
		Self::register(
			&mut module,
			"evidence_statistics",
			&["from", "to", "at"],
			|rpc, (from, to, at)| rpc.statistics(from, to, at),
		);
		module
	}

	/// Registers `method` (parameters `names`, parsed by [`strict_params`]) answered by `call`.
	/// An answer kept for the parameters at the best block is sent straight from the async task
	/// that received the request; anything else is computed on a blocking thread, so a hot
	/// question never waits for a thread and a slow one never holds up the server.
	fn register<P, F>(
		module: &mut RpcModule<Self>,
		method: &'static str,
		names: &'static [&str],
		call: F,
	) where
		P: DeserializeOwned + Encode + Send + 'static,
		F: Fn(&Self, P) -> RpcResult<Box<RawValue>> + Clone + Send + Sync + 'static,
	{
		// The name the answers are kept under: the one the method's implementation uses.
		let kept_as = method.trim_start_matches("evidence_");
		module
			.register_async_method(method, move |params, rpc, _| {
				let call = call.clone();
				async move {
					let params: P = strict_params(&params, names)?;
					if let Some(answer) = rpc.kept_answer(&rpc.answer_key(kept_as, &params).1)? {
						return Ok(answer);
					}
					let evidence = rpc.clone();
					rpc.workers.run(move || call(&evidence, params)).await?
				}
			})
			.expect("each evidence method is registered once");
	}
}

/// The parameters `names` of a method, given by position or by name, as `P` (a tuple of their
/// types; a parameter not given is `null`, which an optional one reads as `None` and a required
/// one refuses by name). A name the method does not have, or more values than it takes, is
/// refused. Every refusal is -32602 whose data says why.
pub fn strict_params<P: DeserializeOwned>(
	params: &Params,
	names: &[&str],
) -> Result<P, ErrorObjectOwned> {
	let invalid = |why: String| ErrorObject::owned(INVALID_PARAMS, "Invalid params", Some(why));
	let takes = || names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
	let given = match params.as_str() {
		None => Value::Array(vec![]),
		Some(text) => serde_json::from_str(text)
			.map_err(|e| invalid(format!("the parameters are not JSON: {e}")))?,
	};
	let mut values = match given {
		Value::Array(values) if values.len() > names.len() => {
			return Err(invalid(format!(
				"{} parameters given; the method takes {} ({})",
				values.len(),
				names.len(),
				takes()
			)))
		},
		Value::Array(values) => values,
		Value::Object(mut named) => {
			if let Some(unknown) = named.keys().find(|k| !names.contains(&k.as_str())) {
				return Err(invalid(format!(
					"unknown parameter `{unknown}`: the method takes {}",
					takes()
				)));
			}
			names.iter().map(|name| named.remove(*name).unwrap_or(Value::Null)).collect()
		},
		_ => return Err(invalid("the parameters must be an array or an object".into())),
	};
	values.resize(names.len(), Value::Null);
	serde_json::from_value(Value::Array(values)).map_err(|e| invalid(e.to_string()))
}

impl<C, BE> EvidenceRpcApiServer for Evidence<C, BE>
where
	BE: Backend<Block> + 'static,
	C: ProvideRuntimeApi<Block>
		+ CallApiAt<Block>
		+ HeaderBackend<Block>
		+ StorageProvider<Block, BE>
		+ Send
		+ Sync
		+ 'static,
	C::Api: EvidenceRuntimeApi,
{
	fn order_evidence(&self, order: OrderKey, at: Option<BlockHash>) -> RpcResult<Box<RawValue>> {
		self.cached("orderEvidence", order, at, |at, hashes| {
			let evidence = self.runtime_read(
				at.hash,
				|| evidence::order_evidence(order.0),
				|api| api.order_evidence(at.hash, order.0),
			)?;
			self.answers.order_evidence(&order, at, evidence, hashes)
		})
	}

	fn unit_passport(&self, unit: UnitKey, at: Option<BlockHash>) -> RpcResult<Box<RawValue>> {
		self.cached("unitPassport", unit, at, |at, hashes| {
			let passport = self.runtime_read(
				at.hash,
				|| evidence::unit_passport(unit.0),
				|api| api.unit_passport(at.hash, unit.0),
			)?;
			self.answers.unit_passport(&unit, at, passport, hashes)
		})
	}

	fn dispute(&self, id: DisputeId, at: Option<BlockHash>) -> RpcResult<Box<RawValue>> {
		self.cached("dispute", id, at, |at, hashes| {
			let dispute = self.runtime_read(
				at.hash,
				|| evidence::dispute(id.0),
				|api| api.dispute(at.hash, id.0),
			)?;
			self.answers.dispute(&id, at, dispute, hashes)
		})
	}

	fn preview_verdict(&self, claim: Claim, at: Option<BlockHash>) -> RpcResult<Box<RawValue>> {
		self.cached("previewVerdict", &claim, at, |at, hashes| {
			let preview = self.runtime_read(
				at.hash,
				|| evidence::preview_verdict(claim.0.clone()),
				|api| api.preview_verdict(at.hash, claim.0.clone()),
			)?;
			self.answers.preview_verdict(&claim, at, &preview, hashes)
		})
	}

	fn digest(&self, digest: Digest, at: Option<BlockHash>) -> RpcResult<Box<RawValue>> {
		self.cached("digest", digest, at, |at, hashes| {
			let api = self.client.runtime_api();
			let version = api
				.api_version::<dyn NotaryApi<Block, AccountId>>(at.hash)
				.map_err(internal)?
				.unwrap_or(1);
			let record = if version >= 2 {
				api.digest_record(at.hash, digest.0).map_err(internal)?.map(DigestRecord::Current)
			} else {
				// A block of a runtime before spec 105: its own answer, read with its own types.
				#[allow(deprecated)]
				api.digest_record_before_version_2(at.hash, digest.0)
					.map_err(internal)?
					.map(DigestRecord::BeforeVersion2)
			};
			self.answers.digest(&digest, at, record, hashes)
		})
	}

	fn export(&self, order: OrderKey, at: Option<BlockHash>) -> RpcResult<Box<RawValue>> {
		self.cached("export", order, at, |at, hashes| {
			let evidence = self.runtime_read(
				at.hash,
				|| evidence::order_evidence(order.0),
				|api| api.order_evidence(at.hash, order.0),
			)?;
			let genesis = self.client.info().genesis_hash;
			let time = self.block_time(at.hash)?;
			self.answers.export(&order, at, genesis, time, evidence, hashes)
		})
	}

	fn reputation(&self, org: Org, at: Option<BlockHash>) -> RpcResult<Box<RawValue>> {
		self.cached("reputation", org, at, |at, _| {
			let name = self.org_name(at.hash, org.0)?;
			let key = pallet_liability::Reputations::<Runtime>::hashed_key_for(org.0);
			let counters = self.read(at.hash, key)?.unwrap_or_default();
			let rows = self.disputes(at.hash)?;
			Ok(self.answers.reputation(&org, at, name, counters, &rows))
		})
	}

	fn statistics(
		&self,
		from: FromBlock,
		to: ToBlock,
		at: Option<BlockHash>,
	) -> RpcResult<Box<RawValue>> {
		if from.0 > to.0 {
			return Err(ErrorObject::owned(
				INVALID_PARAMS,
				"Invalid params",
				Some(format!("`from` ({}) is after `to` ({})", from.0, to.0)),
			));
		}
		self.cached("statistics", (from, to), at, |at, _| {
			let rows = self.disputes(at.hash)?;
			let names = |org| self.org_name(at.hash, org).ok().flatten();
			Ok(self.answers.statistics((&from, &to), at, &rows, names))
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// An answer of exactly `bytes` bytes of JSON (a string: its quotes count).
	fn answer(bytes: usize) -> Box<RawValue> {
		let answer = serde_json::value::to_raw_value(&"x".repeat(bytes - 2)).unwrap();
		assert_eq!(answer.get().len(), bytes);
		answer
	}

	/// `text` (a JSON array or object, or nothing) parsed as the parameters `order`, `at`.
	fn order_params(text: Option<&str>) -> Result<(OrderKey, Option<BlockHash>), String> {
		strict_params(&Params::new(text), &["order", "at"]).map_err(|e| {
			assert_eq!(e.code(), INVALID_PARAMS);
			e.data().map(|d| d.get().to_string()).unwrap_or_default()
		})
	}

	#[test]
	fn parameters_by_position_or_by_name_and_nothing_else() {
		let order = format!("\"0x{}\"", "ab".repeat(32));
		let at = format!("\"0x{}\"", "cd".repeat(32));
		let (by_position, none) = order_params(Some(&format!("[{order}]"))).unwrap();
		assert_eq!(none, None);
		let (by_name, some) =
			order_params(Some(&format!("{{\"order\": {order}, \"at\": {at}}}"))).unwrap();
		assert_eq!(by_name, by_position);
		assert_eq!(some.map(|h| h.0), Some(H256::repeat_byte(0xcd)));
		// A misspelled `at` is refused, not read as the best block; so is a value too many.
		let misspelled =
			order_params(Some(&format!("{{\"order\": {order}, \"block_hash\": {at}}}")));
		assert!(misspelled
			.unwrap_err()
			.contains("unknown parameter `block_hash`: the method takes `order`, `at`"));
		let too_many = order_params(Some(&format!("[{order}, {at}, {at}]")));
		assert!(too_many.unwrap_err().contains("3 parameters given; the method takes 2"));
		// A missing required parameter is named, by position and by name.
		for text in [None, Some("[]"), Some("{}")] {
			let missing = order_params(text).unwrap_err();
			assert!(missing.contains("`order`"), "{text:?}: {missing}");
		}
		assert!(order_params(Some("7")).unwrap_err().contains("an array or an object"));
	}

	#[test]
	fn the_answer_cache_holds_at_most_its_bytes_and_drops_the_oldest_first() {
		let mut cache = AnswerCache::default();
		let key = |n: u32| ("orderEvidence", n.encode(), H256::zero());
		let each = LARGEST_CACHED_ANSWER;
		for n in 0..40 {
			cache.insert(key(n), answer(each));
			assert!(cache.bytes <= CACHE_BYTES, "{} bytes after {n}", cache.bytes);
		}
		assert!(cache.get(&key(0)).is_none(), "the oldest went first");
		assert!(cache.get(&key(39)).is_some());
		let held: usize = cache.answers.iter().map(|(k, v)| AnswerCache::size(k, v)).sum();
		assert_eq!(held, cache.bytes);
		// An answer over the largest kept is sent, not kept.
		cache.insert(key(99), answer(LARGEST_CACHED_ANSWER + 1));
		assert!(cache.get(&key(99)).is_none());
	}

	#[test]
	fn the_same_question_however_written_is_one_key() {
		let parse = |text: &str| serde_json::from_str::<OrderKey>(text).unwrap();
		let lower = parse("\"0xab00000000000000000000000000000000000000000000000000000000000001\"");
		let upper = parse("\"0xAB00000000000000000000000000000000000000000000000000000000000001\"");
		assert_eq!((lower, None::<BlockHash>).encode(), (upper, None::<BlockHash>).encode());
		assert_ne!(
			(lower, None::<BlockHash>).encode(),
			(lower, Some(BlockHash(H256::zero()))).encode(),
			"another block is another question"
		);
	}

	#[test]
	fn no_more_answers_are_computed_at_once_than_the_limit() {
		use std::sync::atomic::{AtomicUsize, Ordering};
		let workers = Arc::new(Workers::new(2));
		let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
		let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
		let tasks: Vec<_> = (0..8)
			.map(|_| {
				let (workers, running, most) = (workers.clone(), running.clone(), most.clone());
				runtime.spawn(async move {
					workers
						.run(move || {
							let now = running.fetch_add(1, Ordering::SeqCst) + 1;
							most.fetch_max(now, Ordering::SeqCst);
							std::thread::sleep(std::time::Duration::from_millis(20));
							running.fetch_sub(1, Ordering::SeqCst);
						})
						.await
				})
			})
			.collect();
		for task in tasks {
			runtime.block_on(task).unwrap().unwrap();
		}
		assert_eq!(most.load(Ordering::SeqCst), 2);
	}

	#[test]
	fn a_request_dropped_mid_answer_keeps_its_turn_until_the_work_ends() {
		use std::sync::{
			atomic::{AtomicBool, Ordering},
			mpsc,
		};
		let workers = Arc::new(Workers::new(1));
		let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
		let (started, has_started) = mpsc::channel::<()>();
		let (release, released) = mpsc::channel::<()>();
		let first = {
			let workers = workers.clone();
			runtime.spawn(async move {
				workers
					.run(move || {
						started.send(()).unwrap();
						released.recv().unwrap();
					})
					.await
			})
		};
		runtime.block_on(async {
			while has_started.try_recv().is_err() {
				tokio::task::yield_now().await;
			}
		});
		// The client hangs up: its request's future is dropped, its work goes on.
		first.abort();
		assert!(runtime.block_on(first).is_err());
		let second_ran = Arc::new(AtomicBool::new(false));
		let second = {
			let (workers, ran) = (workers.clone(), second_ran.clone());
			runtime
				.spawn(async move { workers.run(move || ran.store(true, Ordering::SeqCst)).await })
		};
		for _ in 0..5 {
			runtime.block_on(async {
				for _ in 0..100 {
					tokio::task::yield_now().await;
				}
			});
			std::thread::sleep(std::time::Duration::from_millis(10));
		}
		assert!(!second_ran.load(Ordering::SeqCst), "the only turn is still the first work's");
		release.send(()).unwrap();
		runtime.block_on(second).unwrap().unwrap();
		assert!(second_ran.load(Ordering::SeqCst));
	}
}

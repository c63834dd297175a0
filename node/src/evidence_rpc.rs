//! `evidence_*` JSON-RPC methods: the whole story of an order, a unit or a dispute, what the
//! rules would decide now, who notarized a digest, and a court-ready export — as plain JSON
//! (see [`crate::readable`]), each fact with its block number and hash.
//!
//! Every method takes an optional last parameter `at` (a block hash; default: the best
//! block), positionally or by name. An answer at the best block is kept until the best block
//! changes: integrators and dashboards ask for the same order many times a block, and the
//! answer cannot change within one. The cache is keyed by the parsed parameters (the same
//! question asked by position or by name, with its fields in any order, is one entry) and
//! bounded in bytes ([`CACHE_BYTES`], least recently used out first; an answer over
//! [`LARGEST_CACHED_ANSWER`] is not kept). At most as many answers are computed at once as
//! the machine has cores; further requests wait their turn. Unknown keys give
//! `{ "found": false, … }`; malformed parameters, and parameters or claim fields the method
//! does not know, the JSON-RPC invalid-params error (-32602) naming the parameter. Responses
//! are bounded by the pallets' own bounds (16 shipments per order, 16 legs and 64 checkpoints
//! per shipment, 8 digests per leg, 256 attestations, 64 disputes).

use std::sync::{Arc, Condvar, Mutex};

use codec::{Decode, Encode};
use evidence_primitives::{
	api::{EvidenceApi, NotaryApi},
	facts::{ClaimKind, DamageMode},
	ContentDigest,
};
use evidence_runtime::{evidence, opaque::Block, AccountId, Runtime};
use frame_metadata::{v15::RuntimeMetadataV15, RuntimeMetadata, RuntimeMetadataPrefixed};
use jsonrpsee::{
	types::{ErrorObjectOwned, Params},
	RpcModule,
};
use schnellru::{LruMap, Unlimited};
use serde_json::{json, value::RawValue, Value};
use sp_api::{ApiExt, Core, Metadata, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Header as _;

use crate::readable;

/// The runtime API the evidence methods call, with the runtime's types.
pub trait EvidenceRuntimeApi:
	EvidenceApi<
		Block,
		evidence::OrderEvidence,
		evidence::UnitPassport,
		evidence::DisputeEntry,
		pallet_liability::Claim<Runtime>,
		evidence::Preview,
	> + NotaryApi<Block, AccountId>
	+ Metadata<Block>
	+ Core<Block>
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
		+ Metadata<Block>
		+ Core<Block>
{
}

const INVALID_PARAMS: i32 = -32602;
const INTERNAL: i32 = -32603;
/// The block the client asked for is unknown.
const UNKNOWN_BLOCK: i32 = 4001;

fn invalid(param: &str, expected: &str) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(
		INVALID_PARAMS,
		format!("invalid parameter `{param}`: expected {expected}"),
		None::<()>,
	)
}

fn internal(message: impl ToString) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(INTERNAL, message.to_string(), None::<()>)
}

/// A 0x-prefixed 32-byte hex string.
fn parse_h256(param: &str, value: &Value) -> Result<H256, ErrorObjectOwned> {
	let expected = "a 0x-prefixed 32-byte hex string";
	let text = value.as_str().ok_or_else(|| invalid(param, expected))?;
	let digits = text.strip_prefix("0x").ok_or_else(|| invalid(param, expected))?;
	if digits.len() != 64 {
		return Err(invalid(param, expected));
	}
	let mut bytes = [0u8; 32];
	for (i, chunk) in digits.as_bytes().chunks(2).enumerate() {
		let pair = std::str::from_utf8(chunk).map_err(|_| invalid(param, expected))?;
		bytes[i] = u8::from_str_radix(pair, 16).map_err(|_| invalid(param, expected))?;
	}
	Ok(H256(bytes))
}

/// Refuses an object `value` (parameter `name`) with a field not in `fields`.
fn known_fields(value: &Value, name: &str, fields: &[&str]) -> Result<(), ErrorObjectOwned> {
	let Some(object) = value.as_object() else { return Ok(()) };
	match object.keys().find(|k| !fields.contains(&k.as_str())) {
		Some(unknown) => Err(invalid(
			&format!("{name}.{unknown}"),
			&format!("one of {} (no such field)", fields.join(", ")),
		)),
		None => Ok(()),
	}
}

/// The fields of a content digest.
const DIGEST_FIELDS: [&str; 2] = ["algorithm", "hash"];

/// The positional parameters; `names` are the required ones, then an optional `at`.
fn positional(
	params: &Params,
	names: &[&str],
) -> Result<(Vec<Value>, Option<H256>), ErrorObjectOwned> {
	let values: Vec<Value> = if params.is_object() {
		let object: serde_json::Map<String, Value> =
			params.parse().map_err(|_| invalid("params", "an array or an object"))?;
		if let Some(unknown) = object.keys().find(|k| *k != "at" && !names.contains(&k.as_str())) {
			let known = names.iter().chain(&["at"]).map(|n| format!("`{n}`")).collect::<Vec<_>>();
			return Err(invalid(
				unknown,
				&format!("one of {} (no such parameter)", known.join(", ")),
			));
		}
		let mut values: Vec<Value> =
			names.iter().map(|n| object.get(*n).cloned().unwrap_or(Value::Null)).collect();
		values.push(object.get("at").cloned().unwrap_or(Value::Null));
		values
	} else {
		params
			.parse::<Option<Vec<Value>>>()
			.map_err(|_| invalid("params", "an array"))?
			.unwrap_or_default()
	};
	if values.len() > names.len() + 1 {
		return Err(invalid("params", &format!("at most {} parameters", names.len() + 1)));
	}
	let mut required = Vec::new();
	for (i, name) in names.iter().enumerate() {
		match values.get(i) {
			Some(v) if !v.is_null() => required.push(v.clone()),
			_ => return Err(invalid(name, "a value (it is missing)")),
		}
	}
	let at = match values.get(names.len()) {
		None | Some(Value::Null) => None,
		Some(v) => Some(parse_h256("at", v)?),
	};
	Ok((required, at))
}

/// The cache key text of parsed parameters: canonical JSON (object fields sorted, hex
/// digits of ids and hashes in lower case), so the same question asked by position or by name,
/// or with a claim's fields in another order, is one entry. Text that is not an id (a claim's
/// test item codes, its currency) is kept as sent: those are case-sensitive.
fn answer_key(parsed: &Parsed) -> String {
	fn canonical(value: &Value) -> Value {
		match value {
			Value::String(text) if text.starts_with("0x") => Value::String(text.to_lowercase()),
			Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
			Value::Object(fields) => {
				let sorted: std::collections::BTreeMap<&String, Value> = fields
					.iter()
					.map(|(k, v)| match k.as_str() {
						"alleged_items" | "amount" => (k, v.clone()),
						_ => (k, canonical(v)),
					})
					.collect();
				json!(sorted)
			},
			other => other.clone(),
		}
	}
	let at = parsed.at.map(|h| format!("{h:?}")).unwrap_or_default();
	format!("{}@{at}", Value::Array(parsed.values.iter().map(canonical).collect()))
}

/// The fields of a claim (`evidence_previewVerdict`).
const CLAIM_FIELDS: [&str; 10] = [
	"kind",
	"order",
	"shipment",
	"unit",
	"lot",
	"alleged_items",
	"damage_mode",
	"discovered_at",
	"amount",
	"evidence",
];

/// The claim of `evidence_previewVerdict`, field by field.
fn parse_claim(value: &Value) -> Result<pallet_liability::Claim<Runtime>, ErrorObjectOwned> {
	let object = value.as_object().ok_or_else(|| invalid("claim", "an object"))?;
	if let Some(unknown) = object.keys().find(|k| !CLAIM_FIELDS.contains(&k.as_str())) {
		return Err(invalid(
			&format!("claim.{unknown}"),
			&format!("one of the claim's fields {} (no such field)", CLAIM_FIELDS.join(", ")),
		));
	}
	let field = |name: &str| object.get(name).cloned().unwrap_or(Value::Null);
	let kind: ClaimKind = serde_json::from_value(field("kind"))
		.map_err(|_| invalid("claim.kind", "a claim kind such as \"TransitDamage\""))?;
	let damage_mode: DamageMode = serde_json::from_value(field("damage_mode"))
		.map_err(|_| invalid("claim.damage_mode", "a damage mode such as \"Mechanical\""))?;
	let lot = match field("lot") {
		Value::Null => None,
		v => Some(parse_h256("claim.lot", &v)?),
	};
	let items: Vec<String> = serde_json::from_value(match field("alleged_items") {
		Value::Null => json!([]),
		v => v,
	})
	.map_err(|_| invalid("claim.alleged_items", "a list of test item codes"))?;
	let alleged_items = items
		.into_iter()
		.map(|code| code.into_bytes().try_into())
		.collect::<Result<Vec<_>, _>>()
		.ok()
		.and_then(|codes| codes.try_into().ok())
		.ok_or_else(|| invalid("claim.alleged_items", "at most 64 codes of at most 32 bytes"))?;
	if let Some(digests) = field("evidence").as_array() {
		for digest in digests {
			known_fields(digest, "claim.evidence[]", &DIGEST_FIELDS)?;
		}
	}
	let evidence: Vec<ContentDigest> = serde_json::from_value(match field("evidence") {
		Value::Null => json!([]),
		v => v,
	})
	.map_err(|_| invalid("claim.evidence", "a list of {\"algorithm\", \"hash\"} digests"))?;
	let amount = field("amount");
	known_fields(&amount, "claim.amount", &["currency", "minor_units"])?;
	let currency = amount
		.get("currency")
		.and_then(Value::as_str)
		.and_then(|c| <[u8; 3]>::try_from(c.as_bytes()).ok())
		.ok_or_else(|| invalid("claim.amount.currency", "a three-letter ISO 4217 code"))?;
	let minor_units = match amount.get("minor_units") {
		Some(Value::Number(n)) => n.as_u64().map(u128::from),
		Some(Value::String(s)) => s.parse().ok(),
		_ => None,
	}
	.ok_or_else(|| invalid("claim.amount.minor_units", "a non-negative integer"))?;
	Ok(pallet_liability::Claim {
		kind,
		order: parse_h256("claim.order", &field("order"))?,
		shipment: parse_h256("claim.shipment", &field("shipment"))?,
		unit: parse_h256("claim.unit", &field("unit"))?,
		lot,
		alleged_items,
		damage_mode,
		discovered_at: field("discovered_at")
			.as_u64()
			.ok_or_else(|| invalid("claim.discovered_at", "unix milliseconds"))?,
		amount: evidence_primitives::Money { currency, minor_units },
		evidence: evidence
			.try_into()
			.map_err(|_| invalid("claim.evidence", "at most 32 digests"))?,
	})
}

/// The runtime's type registry and API signatures, cached per runtime version.
struct MetadataCache(Mutex<Option<(u32, Arc<RuntimeMetadataV15>)>>);

/// What an answer is kept under: the method, its parsed parameters (canonical JSON text) and
/// the block they were answered at.
type AnswerKey = (&'static str, String, H256);

/// Answers given at the best block, kept as the JSON text sent, so a repeated question costs a
/// copy, not a serialization; bounded by the bytes of the keys and answers it holds.
#[derive(Default)]
struct AnswerCache {
	answers: LruMap<AnswerKey, Box<RawValue>, Unlimited>,
	bytes: usize,
}

/// The bytes the answer cache holds at most.
const CACHE_BYTES: usize = 32 << 20;
/// An answer larger than this is sent, not kept.
const LARGEST_CACHED_ANSWER: usize = 2 << 20;

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

/// At most `limit` answers computed at once; callers beyond it wait.
struct Workers {
	busy: Mutex<usize>,
	freed: Condvar,
	limit: usize,
}

impl Workers {
	fn new(limit: usize) -> Self {
		Self { busy: Mutex::new(0), freed: Condvar::new(), limit: limit.max(1) }
	}

	/// Runs `work` once fewer than `limit` others are running.
	fn run<R>(&self, work: impl FnOnce() -> R) -> R {
		{
			let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
			while *busy >= self.limit {
				busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
			}
			*busy += 1;
		}
		struct Done<'a>(&'a Workers);
		impl Drop for Done<'_> {
			fn drop(&mut self) {
				*self.0.busy.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
				self.0.freed.notify_one();
			}
		}
		let _done = Done(self);
		work()
	}
}

/// The parameters of a call: the required ones in order, and the block to read at.
pub struct Parsed {
	values: Vec<Value>,
	at: Option<H256>,
}

/// The `evidence_*` methods over `client`.
pub struct EvidenceRpc<C> {
	client: Arc<C>,
	metadata: MetadataCache,
	answers: Mutex<AnswerCache>,
	workers: Workers,
}

impl<C> EvidenceRpc<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: EvidenceRuntimeApi,
{
	/// The answer of `method` to `params`: from the cache when it was computed at the current
	/// best block, else computed by `compute` and kept if it was read at the best block (not
	/// at an explicit older `at`).
	fn cached(
		&self,
		method: &'static str,
		names: &[&str],
		params: Params,
		compute: impl FnOnce(&Self, &Parsed) -> Result<Value, ErrorObjectOwned>,
	) -> Result<Box<RawValue>, ErrorObjectOwned> {
		let (values, at) = positional(&params, names)?;
		let parsed = Parsed { values, at };
		let best = self.client.info().best_hash;
		let key = (method, answer_key(&parsed), best);
		let poisoned = || internal("answer cache poisoned");
		if let Some(answer) = self.answers.lock().map_err(|_| poisoned())?.get(&key) {
			return Ok(answer);
		}
		let answer = self.workers.run(|| compute(self, &parsed))?;
		let text = serde_json::value::to_raw_value(&answer).map_err(internal)?;
		if answer["at"]["block_hash"] == json!(format!("{best:?}")) {
			self.answers.lock().map_err(|_| poisoned())?.insert(key, text.clone());
		}
		Ok(text)
	}

	fn at(&self, at: Option<H256>) -> Result<(H256, u64), ErrorObjectOwned> {
		let hash = at.unwrap_or_else(|| self.client.info().best_hash);
		let header = self.client.header(hash).map_err(internal)?.ok_or_else(|| {
			ErrorObjectOwned::owned(UNKNOWN_BLOCK, format!("unknown block {hash:?}"), None::<()>)
		})?;
		Ok((hash, (*header.number()).into()))
	}

	fn metadata(&self, at: H256) -> Result<Arc<RuntimeMetadataV15>, ErrorObjectOwned> {
		let version = self.client.runtime_api().version(at).map_err(internal)?.spec_version;
		let mut cache = self.metadata.0.lock().map_err(|_| internal("metadata cache poisoned"))?;
		if let Some((cached, metadata)) = cache.as_ref() {
			if *cached == version {
				return Ok(metadata.clone());
			}
		}
		let opaque = self
			.client
			.runtime_api()
			.metadata_at_version(at, 15)
			.map_err(internal)?
			.ok_or_else(|| internal("the runtime serves no metadata V15"))?;
		let prefixed = RuntimeMetadataPrefixed::decode(&mut &opaque[..]).map_err(internal)?;
		let RuntimeMetadata::V15(metadata) = prefixed.1 else {
			return Err(internal("the runtime's metadata is not V15"));
		};
		let metadata = Arc::new(metadata);
		*cache = Some((version, metadata.clone()));
		Ok(metadata)
	}

	/// `value` (the SCALE output of `api.method`) as readable JSON with block hashes.
	fn readable(
		&self,
		at: H256,
		api: &str,
		method: &str,
		value: &impl Encode,
	) -> Result<Value, ErrorObjectOwned> {
		let metadata = self.metadata(at)?;
		let output = metadata
			.apis
			.iter()
			.find(|a| a.name == api)
			.and_then(|a| a.methods.iter().find(|m| m.name == method))
			.map(|m| m.output.id)
			.ok_or_else(|| internal(format!("{api}.{method} is not in the metadata")))?;
		let bytes = value.encode();
		let mut json =
			readable::decode(&metadata.types, output, &mut &bytes[..]).map_err(internal)?;
		let client = self.client.clone();
		readable::add_block_hashes(&mut json, &move |number| {
			let number: u32 = number.try_into().ok()?;
			client.hash(number).ok().flatten().map(|h| format!("{h:?}"))
		});
		Ok(json)
	}

	fn answer(
		key: (&str, Value),
		(hash, number): (H256, u64),
		found: Option<(&str, Value)>,
	) -> Value {
		let mut object = serde_json::Map::new();
		object.insert(key.0.into(), key.1);
		object.insert("at".into(), json!({ "block": number, "block_hash": format!("{hash:?}") }));
		object.insert("found".into(), Value::Bool(found.is_some()));
		if let Some((name, value)) = found {
			object.insert(name.into(), value);
		}
		Value::Object(object)
	}

	/// The answer for `key`: `name` holds `result` as readable JSON (the output of
	/// `api.method`), or `found` is false.
	fn lookup<T: Encode>(
		&self,
		at: (H256, u64),
		key: (&str, Value),
		(api, method, name): (&str, &str, &str),
		result: Option<T>,
	) -> Result<Value, ErrorObjectOwned> {
		let found = match result {
			Some(value) => Some((name, self.readable(at.0, api, method, &Some(value))?)),
			None => None,
		};
		Ok(Self::answer(key, at, found))
	}

	/// The order of the params, the block to read at, and its readable evidence if any: what
	/// `evidence_orderEvidence` and `evidence_export` both start from.
	fn order_at(
		&self,
		params: &Parsed,
	) -> Result<(H256, (H256, u64), Option<Value>), ErrorObjectOwned> {
		let order = parse_h256("order", &params.values[0])?;
		let at = self.at(params.at)?;
		let evidence = self.client.runtime_api().order_evidence(at.0, order).map_err(internal)?;
		let readable = evidence
			.map(|e| self.readable(at.0, "EvidenceApi", "order_evidence", &Some(e)))
			.transpose()?;
		Ok((order, at, readable))
	}

	fn order_evidence(&self, params: &Parsed) -> Result<Value, ErrorObjectOwned> {
		let (order, at, evidence) = self.order_at(params)?;
		let found = evidence.map(|e| ("evidence", e));
		Ok(Self::answer(("order", json!(format!("{order:?}"))), at, found))
	}

	fn unit_passport(&self, params: &Parsed) -> Result<Value, ErrorObjectOwned> {
		let unit = parse_h256("unit", &params.values[0])?;
		let at = self.at(params.at)?;
		let result = self.client.runtime_api().unit_passport(at.0, unit).map_err(internal)?;
		let key = ("unit", json!(format!("{unit:?}")));
		self.lookup(at, key, ("EvidenceApi", "unit_passport", "passport"), result)
	}

	fn dispute(&self, params: &Parsed) -> Result<Value, ErrorObjectOwned> {
		let id = params.values[0].as_u64().ok_or_else(|| invalid("id", "a dispute number"))?;
		let at = self.at(params.at)?;
		let result = self.client.runtime_api().dispute(at.0, id).map_err(internal)?;
		self.lookup(at, ("id", json!(id)), ("EvidenceApi", "dispute", "dispute"), result)
	}

	fn preview_verdict(&self, params: &Parsed) -> Result<Value, ErrorObjectOwned> {
		let values = &params.values;
		let claim = parse_claim(&values[0])?;
		let at = self.at(params.at)?;
		let preview = self.client.runtime_api().preview_verdict(at.0, claim).map_err(internal)?;
		let decided = preview.is_ok();
		let readable = self.readable(at.0, "EvidenceApi", "preview_verdict", &preview)?;
		let mut answer = Self::answer(("claim", values[0].clone()), at, None);
		answer["found"] = Value::Bool(decided);
		match readable {
			Value::Object(mut o) if o.contains_key("Ok") => {
				answer["verdict"] = o.remove("Ok").unwrap_or_default()
			},
			Value::Object(mut o) => answer["refused"] = o.remove("Err").unwrap_or_default(),
			other => answer["verdict"] = other,
		}
		Ok(answer)
	}

	fn digest(&self, params: &Parsed) -> Result<Value, ErrorObjectOwned> {
		let values = &params.values;
		known_fields(&values[0], "digest", &DIGEST_FIELDS)?;
		let digest: ContentDigest = serde_json::from_value(values[0].clone()).map_err(|_| {
			invalid("digest", "{\"algorithm\": \"Blake2_256\" or \"Sha2_256\", \"hash\": \"0x…\"}")
		})?;
		let at = self.at(params.at)?;
		let key = ("digest", values[0].clone());
		let api = self.client.runtime_api();
		let version = api
			.api_version::<dyn NotaryApi<Block, AccountId>>(at.0)
			.map_err(internal)?
			.unwrap_or(1);
		let read = ("NotaryApi", "digest_record", "record");
		if version >= 2 {
			let record = api.digest_record(at.0, digest).map_err(internal)?;
			self.lookup(at, key, read, record)
		} else {
			// A block of a runtime before spec 105: its own answer, read with its own types.
			#[allow(deprecated)]
			let record = api.digest_record_before_version_2(at.0, digest).map_err(internal)?;
			self.lookup(at, key, read, record)
		}
	}

	fn export(&self, params: &Parsed) -> Result<Value, ErrorObjectOwned> {
		let (order, at, evidence) = self.order_at(params)?;
		let found = match evidence {
			Some(evidence) => {
				let genesis = self.client.hash(0).map_err(internal)?.unwrap_or_default();
				Some(("document", crate::export::document(&evidence, order, genesis, at)))
			},
			None => None,
		};
		Ok(Self::answer(("order", json!(format!("{order:?}"))), at, found))
	}
}

/// Registers the `evidence_*` methods.
pub fn module<C>(
	client: Arc<C>,
) -> Result<RpcModule<EvidenceRpc<C>>, jsonrpsee::core::RegisterMethodError>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: EvidenceRuntimeApi,
{
	let mut module = RpcModule::new(EvidenceRpc {
		client,
		metadata: MetadataCache(Mutex::new(None)),
		answers: Mutex::new(AnswerCache::default()),
		workers: Workers::new(std::thread::available_parallelism().map_or(2, |n| n.get())),
	});
	type Method<C> = fn(&EvidenceRpc<C>, &Parsed) -> Result<Value, ErrorObjectOwned>;
	let methods: [(&'static str, &'static [&'static str], Method<C>); 6] = [
		("evidence_orderEvidence", &["order"], EvidenceRpc::order_evidence),
		("evidence_unitPassport", &["unit"], EvidenceRpc::unit_passport),
		("evidence_dispute", &["id"], EvidenceRpc::dispute),
		("evidence_previewVerdict", &["claim"], EvidenceRpc::preview_verdict),
		("evidence_digest", &["digest"], EvidenceRpc::digest),
		("evidence_export", &["order"], EvidenceRpc::export),
	];
	for (name, names, method) in methods {
		module.register_blocking_method(name, move |params, rpc, _| {
			rpc.cached(name, names, params, method)
		})?;
	}
	Ok(module)
}

#[cfg(test)]
mod tests {
	use super::*;

	const ORDER: &str = "0xAB00000000000000000000000000000000000000000000000000000000000001";

	fn parsed(text: &str, names: &[&str]) -> Result<Parsed, ErrorObjectOwned> {
		positional(&Params::new(Some(text)), names).map(|(values, at)| Parsed { values, at })
	}

	#[test]
	fn the_same_question_by_position_or_by_name_is_one_cache_entry() {
		let by_position = parsed(&format!("[\"{ORDER}\"]"), &["order"]).unwrap();
		let by_name =
			parsed(&format!("{{\"order\": \"{}\"}}", ORDER.to_lowercase()), &["order"]).unwrap();
		assert_eq!(answer_key(&by_position), answer_key(&by_name));
		let claim_a = parsed(r#"[{"kind": "TransitDamage", "unit": "0x01"}]"#, &["claim"]).unwrap();
		let claim_b =
			parsed(r#"{"claim": {"unit": "0x01", "kind": "TransitDamage"}}"#, &["claim"]).unwrap();
		assert_eq!(answer_key(&claim_a), answer_key(&claim_b));
		let elsewhere = parsed(&format!("[\"{ORDER}\", \"{ORDER}\"]"), &["order"]).unwrap();
		assert_ne!(answer_key(&by_position), answer_key(&elsewhere), "another block");
	}

	#[test]
	fn a_parameter_or_claim_field_the_method_does_not_know_is_refused_by_name() {
		let Err(error) = parsed(&format!("{{\"order\": \"{ORDER}\", \"limit\": 5}}"), &["order"])
		else {
			panic!("an unknown parameter was accepted")
		};
		assert_eq!(error.code(), INVALID_PARAMS);
		assert!(error.message().contains("`limit`"), "{}", error.message());
		let Err(error) = parse_claim(&json!({ "kind": "TransitDamage", "refund_to": "me" })) else {
			panic!("an unknown claim field was accepted")
		};
		assert_eq!(error.code(), INVALID_PARAMS);
		assert!(error.message().contains("`claim.refund_to`"), "{}", error.message());
	}

	/// An answer of exactly `bytes` bytes of JSON (a string: its quotes count).
	fn answer(bytes: usize) -> Box<RawValue> {
		let answer = serde_json::value::to_raw_value(&"x".repeat(bytes - 2)).unwrap();
		assert_eq!(answer.get().len(), bytes);
		answer
	}

	#[test]
	fn the_answer_cache_holds_at_most_its_bytes_and_drops_the_oldest_first() {
		let mut cache = AnswerCache::default();
		let key = |n: u32| ("evidence_orderEvidence", format!("[{n}]"), H256::zero());
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
	fn no_more_answers_are_computed_at_once_than_the_limit() {
		use std::sync::atomic::{AtomicUsize, Ordering};
		let workers = Arc::new(Workers::new(2));
		let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
		let threads: Vec<_> = (0..8)
			.map(|_| {
				let (workers, running, most) = (workers.clone(), running.clone(), most.clone());
				std::thread::spawn(move || {
					workers.run(|| {
						let now = running.fetch_add(1, Ordering::SeqCst) + 1;
						most.fetch_max(now, Ordering::SeqCst);
						std::thread::sleep(std::time::Duration::from_millis(20));
						running.fetch_sub(1, Ordering::SeqCst);
					})
				})
			})
			.collect();
		for thread in threads {
			thread.join().unwrap();
		}
		assert_eq!(most.load(Ordering::SeqCst), 2);
	}
}

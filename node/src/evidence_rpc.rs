//! `evidence_*` JSON-RPC methods: the whole story of an order, a unit or a dispute, what the
//! rules would decide now, who notarized a digest, and a court-ready export — as plain JSON
//! (see [`crate::readable`]), each fact with its block number and hash.
//!
//! Every method takes an optional last parameter `at` (a block hash; default: the best
//! block). An answer at the best block is kept until the best block changes (at most 256
//! answers, least recently used out first): integrators and dashboards ask for the same order
//! many times a block, and the answer cannot change within one. Unknown keys give `{ "found": false, … }`; malformed parameters the JSON-RPC
//! invalid-params error (-32602) naming the parameter. Responses are bounded by the pallets'
//! own bounds (16 shipments per order, 16 legs and 64 checkpoints per shipment, 8 digests per
//! leg, 256 attestations, 64 disputes).

use std::sync::{Arc, Mutex};

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
use schnellru::{ByLength, LruMap};
use serde_json::{json, value::RawValue, Value};
use sp_api::{Core, Metadata, ProvideRuntimeApi};
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

/// The positional parameters; `names` are the required ones, then an optional `at`.
fn positional(
	params: &Params,
	names: &[&str],
) -> Result<(Vec<Value>, Option<H256>), ErrorObjectOwned> {
	let values: Vec<Value> = if params.is_object() {
		let object: serde_json::Map<String, Value> =
			params.parse().map_err(|_| invalid("params", "an array or an object"))?;
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

/// The claim of `evidence_previewVerdict`, field by field.
fn parse_claim(value: &Value) -> Result<pallet_liability::Claim<Runtime>, ErrorObjectOwned> {
	let object = value.as_object().ok_or_else(|| invalid("claim", "an object"))?;
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
	let evidence: Vec<ContentDigest> = serde_json::from_value(match field("evidence") {
		Value::Null => json!([]),
		v => v,
	})
	.map_err(|_| invalid("claim.evidence", "a list of {\"algorithm\", \"hash\"} digests"))?;
	let amount = field("amount");
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

/// Answers given at the best block, by method, parameters (as sent) and that block; kept as
/// the JSON text sent, so a repeated question costs a copy, not a serialization.
struct AnswerCache(Mutex<LruMap<(&'static str, String, H256), Box<RawValue>>>);

/// How many answers the cache holds (each at most a few hundred KiB of JSON).
const CACHED_ANSWERS: u32 = 256;

/// The `evidence_*` methods over `client`.
pub struct EvidenceRpc<C> {
	client: Arc<C>,
	metadata: MetadataCache,
	answers: AnswerCache,
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
		params: Params,
		compute: impl FnOnce(&Self, Params) -> Result<Value, ErrorObjectOwned>,
	) -> Result<Box<RawValue>, ErrorObjectOwned> {
		let best = self.client.info().best_hash;
		let key = (method, params.as_str().unwrap_or_default().to_owned(), best);
		let poisoned = || internal("answer cache poisoned");
		if let Some(answer) = self.answers.0.lock().map_err(|_| poisoned())?.get(&key) {
			return Ok(answer.clone());
		}
		let answer = compute(self, params)?;
		let text = serde_json::value::to_raw_value(&answer).map_err(internal)?;
		if answer["at"]["block_hash"] == json!(format!("{best:?}")) {
			self.answers.0.lock().map_err(|_| poisoned())?.insert(key, text.clone());
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
		params: &Params,
	) -> Result<(H256, (H256, u64), Option<Value>), ErrorObjectOwned> {
		let (values, at) = positional(params, &["order"])?;
		let order = parse_h256("order", &values[0])?;
		let at = self.at(at)?;
		let evidence = self.client.runtime_api().order_evidence(at.0, order).map_err(internal)?;
		let readable = evidence
			.map(|e| self.readable(at.0, "EvidenceApi", "order_evidence", &Some(e)))
			.transpose()?;
		Ok((order, at, readable))
	}

	fn order_evidence(&self, params: Params) -> Result<Value, ErrorObjectOwned> {
		let (order, at, evidence) = self.order_at(&params)?;
		let found = evidence.map(|e| ("evidence", e));
		Ok(Self::answer(("order", json!(format!("{order:?}"))), at, found))
	}

	fn unit_passport(&self, params: Params) -> Result<Value, ErrorObjectOwned> {
		let (values, at) = positional(&params, &["unit"])?;
		let unit = parse_h256("unit", &values[0])?;
		let at = self.at(at)?;
		let result = self.client.runtime_api().unit_passport(at.0, unit).map_err(internal)?;
		let key = ("unit", json!(format!("{unit:?}")));
		self.lookup(at, key, ("EvidenceApi", "unit_passport", "passport"), result)
	}

	fn dispute(&self, params: Params) -> Result<Value, ErrorObjectOwned> {
		let (values, at) = positional(&params, &["id"])?;
		let id = values[0].as_u64().ok_or_else(|| invalid("id", "a dispute number"))?;
		let at = self.at(at)?;
		let result = self.client.runtime_api().dispute(at.0, id).map_err(internal)?;
		self.lookup(at, ("id", json!(id)), ("EvidenceApi", "dispute", "dispute"), result)
	}

	fn preview_verdict(&self, params: Params) -> Result<Value, ErrorObjectOwned> {
		let (values, at) = positional(&params, &["claim"])?;
		let claim = parse_claim(&values[0])?;
		let at = self.at(at)?;
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

	fn digest(&self, params: Params) -> Result<Value, ErrorObjectOwned> {
		let (values, at) = positional(&params, &["digest"])?;
		let digest: ContentDigest = serde_json::from_value(values[0].clone()).map_err(|_| {
			invalid("digest", "{\"algorithm\": \"Blake2_256\" or \"Sha2_256\", \"hash\": \"0x…\"}")
		})?;
		let at = self.at(at)?;
		let record = self.client.runtime_api().digest_record(at.0, digest).map_err(internal)?;
		let key = ("digest", values[0].clone());
		self.lookup(at, key, ("NotaryApi", "digest_record", "record"), record)
	}

	fn export(&self, params: Params) -> Result<Value, ErrorObjectOwned> {
		let (order, at, evidence) = self.order_at(&params)?;
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
		answers: AnswerCache(Mutex::new(LruMap::new(ByLength::new(CACHED_ANSWERS)))),
	});
	type Method<C> = fn(&EvidenceRpc<C>, Params) -> Result<Value, ErrorObjectOwned>;
	let methods: [(&'static str, Method<C>); 6] = [
		("evidence_orderEvidence", EvidenceRpc::order_evidence),
		("evidence_unitPassport", EvidenceRpc::unit_passport),
		("evidence_dispute", EvidenceRpc::dispute),
		("evidence_previewVerdict", EvidenceRpc::preview_verdict),
		("evidence_digest", EvidenceRpc::digest),
		("evidence_export", EvidenceRpc::export),
	];
	for (name, method) in methods {
		module.register_blocking_method(name, move |params, rpc, _| {
			rpc.cached(name, params, method)
		})?;
	}
	Ok(module)
}

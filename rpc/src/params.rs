//! The parameters of the `evidence_*` methods, deserialized by serde. A value that does not
//! fit, and a field a parameter does not have, is refused with the JSON-RPC invalid-params
//! error (-32602) whose data names the parameter or field (`invalid parameter
//! `claim.amount.currency`: …`).

use codec::Encode;
use evidence_primitives::{
	facts::{ClaimKind, DamageMode},
	ContentDigest, Money,
};
use evidence_runtime::Runtime;
use serde::{de::Error as _, Deserialize, Deserializer};
use serde_json::Value;
use sp_core::H256;

/// The error a parameter `name` that does not fit gets.
fn refused<E: serde::de::Error>(name: &str, why: impl std::fmt::Display) -> E {
	E::custom(format!("invalid parameter `{name}`: {why}"))
}

const HASH: &str = "expected a 0x-prefixed 32-byte hex string";

/// `0x` and exactly 64 hex digits, in either case.
fn parse_hash(text: &str) -> Option<H256> {
	let digits = text.strip_prefix("0x")?;
	if digits.len() != 64 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
		return None;
	}
	sp_core::bytes::from_hex(text).ok().map(|bytes| H256::from_slice(&bytes))
}

/// A 32-byte hash field (`#[serde(deserialize_with)]`).
fn hex32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<H256, D::Error> {
	let text = String::deserialize(deserializer)?;
	parse_hash(&text).ok_or_else(|| D::Error::custom(HASH))
}

/// An optional 32-byte hash field: `null` or absent is none.
fn hex32_or_none<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<H256>, D::Error> {
	match Option::<String>::deserialize(deserializer)? {
		None => Ok(None),
		Some(text) => parse_hash(&text).map(Some).ok_or_else(|| D::Error::custom(HASH)),
	}
}

/// A 32-byte hash parameter `name`.
fn hash<'de, D: Deserializer<'de>>(deserializer: D, name: &str) -> Result<H256, D::Error> {
	hex32(deserializer).map_err(|_| refused(name, HASH))
}

macro_rules! hash_parameter {
	($(#[$doc:meta])* $type:ident, $name:literal) => {
		$(#[$doc])*
		#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode)]
		pub struct $type(pub H256);

		impl<'de> Deserialize<'de> for $type {
			fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
				hash(deserializer, $name).map(Self)
			}
		}
	};
}

hash_parameter!(
	/// `order`: an order line key (`evidence_primitives::OrderRef`).
	OrderKey,
	"order"
);
const UNIT: &str = "expected a 0x-prefixed 32-byte hex unit key or a GS1 Digital Link URI";

/// A unit key (`0x…`) or a GS1 Digital Link URI read as the key it stands for (see
/// [`crate::gs1`]).
fn unit_key<'de, D: Deserializer<'de>>(deserializer: D) -> Result<H256, D::Error> {
	let text = String::deserialize(deserializer).map_err(|_| D::Error::custom(UNIT))?;
	if text.starts_with("0x") {
		return parse_hash(&text).ok_or_else(|| D::Error::custom(UNIT));
	}
	crate::gs1::Sgtin::from_digital_link(&text)
		.map(|unit| unit.key())
		.map_err(|why| D::Error::custom(format!("{why} ({UNIT})")))
}

/// `unit`: a unit key (`evidence_primitives::ObjectKey`, `0x…`) or the unit's GS1 Digital
/// Link URI (`https://<resolver>/01/<gtin>/21/<serial>`), read as the key it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode)]
pub struct UnitKey(pub H256);

impl<'de> Deserialize<'de> for UnitKey {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		unit_key(deserializer).map(Self).map_err(|why| refused("unit", why))
	}
}

hash_parameter!(
	/// `at`: the hash of the block to read at (default: the best block).
	BlockHash,
	"at"
);

macro_rules! number_parameter {
	($(#[$doc:meta])* $type:ident($number:ty), $name:literal, $expected:literal) => {
		$(#[$doc])*
		#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode)]
		pub struct $type(pub $number);

		impl<'de> Deserialize<'de> for $type {
			fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
				<$number>::deserialize(deserializer)
					.map(Self)
					.map_err(|_| refused($name, $expected))
			}
		}
	};
}

number_parameter!(
	/// `id`: a dispute number.
	DisputeId(u64),
	"id",
	"expected a dispute number"
);
number_parameter!(
	/// `org`: an organisation's id (`evidence_primitives::OrgId`).
	Org(evidence_primitives::OrgId),
	"org",
	"expected an organisation id (a number)"
);
number_parameter!(
	/// `from`: the first block of a range.
	FromBlock(evidence_runtime::BlockNumber),
	"from",
	"expected a block number"
);
number_parameter!(
	/// `to`: the last block of a range (inclusive).
	ToBlock(evidence_runtime::BlockNumber),
	"to",
	"expected a block number"
);

/// Deserializes the JSON object `value` as `T`, naming the field that does not fit
/// `parameter.field.…`.
fn fields<'de, T: Deserialize<'de>, E: serde::de::Error>(
	value: Value,
	parameter: &str,
) -> Result<T, E> {
	if !value.is_object() {
		return Err(refused(parameter, format!("expected an object, not `{value}`")));
	}
	serde_path_to_error::deserialize(value).map_err(|error| {
		let path = error.path().to_string();
		let name = if path == "." { parameter.to_string() } else { format!("{parameter}.{path}") };
		refused(&name, error.inner())
	})
}

/// A content digest (`evidence_primitives::ContentDigest`):
/// `{"algorithm": "Blake2_256" | "Sha2_256", "hash": "0x…"}`, no other field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode)]
pub struct Digest(pub ContentDigest);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DigestFields {
	algorithm: evidence_primitives::HashAlgorithm,
	#[serde(deserialize_with = "hex32")]
	hash: H256,
}

impl From<DigestFields> for ContentDigest {
	fn from(DigestFields { algorithm, hash }: DigestFields) -> Self {
		ContentDigest { algorithm, hash }
	}
}

impl<'de> Deserialize<'de> for Digest {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		fields::<DigestFields, D::Error>(Value::deserialize(deserializer)?, "digest")
			.map(|digest| Self(digest.into()))
	}
}

/// An ISO 4217 alphabetic code, `"CNY"`.
struct Currency([u8; 3]);

impl<'de> Deserialize<'de> for Currency {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = String::deserialize(deserializer)?;
		<[u8; 3]>::try_from(text.as_bytes())
			.ok()
			.filter(|code| code.iter().all(u8::is_ascii_uppercase))
			.map(Self)
			.ok_or_else(|| D::Error::custom("expected a three-letter ISO 4217 code"))
	}
}

/// Minor units as a JSON number, or as a decimal string beyond 2^53.
struct MinorUnits(u128);

impl<'de> Deserialize<'de> for MinorUnits {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		match Value::deserialize(deserializer)? {
			Value::Number(n) => n.as_u64().map(u128::from),
			Value::String(s) => s.parse().ok(),
			_ => None,
		}
		.map(Self)
		.ok_or_else(|| D::Error::custom("expected a non-negative integer"))
	}
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AmountFields {
	currency: Currency,
	minor_units: MinorUnits,
}

/// The fields of `pallet_liability::Claim`, as JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimFields {
	kind: ClaimKind,
	#[serde(deserialize_with = "hex32")]
	order: H256,
	#[serde(deserialize_with = "hex32")]
	shipment: H256,
	/// A unit key or the unit's Digital Link.
	#[serde(deserialize_with = "unit_key")]
	unit: H256,
	#[serde(default, deserialize_with = "hex32_or_none")]
	lot: Option<H256>,
	/// Test item codes, as text.
	#[serde(default)]
	alleged_items: Vec<String>,
	damage_mode: DamageMode,
	/// Unix milliseconds.
	discovered_at: u64,
	amount: AmountFields,
	#[serde(default)]
	evidence: Vec<Value>,
}

/// `claim`: a claim as `Liability.open_dispute` takes it (`pallet_liability::Claim`), ids in
/// hex, test item codes and the currency as text:
/// `{"kind", "order", "shipment", "unit", "lot"?, "alleged_items"?, "damage_mode",
/// "discovered_at", "amount": {"currency", "minor_units"}, "evidence"?: [digest…]}`.
#[derive(Clone, Debug, PartialEq, Eq, Encode)]
pub struct Claim(pub pallet_liability::Claim<Runtime>);

impl<'de> Deserialize<'de> for Claim {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let claim: ClaimFields = fields(Value::deserialize(deserializer)?, "claim")?;
		let alleged_items = claim
			.alleged_items
			.into_iter()
			.map(|code| code.into_bytes().try_into())
			.collect::<Result<Vec<_>, _>>()
			.ok()
			.and_then(|codes| codes.try_into().ok())
			.ok_or_else(|| {
				refused("claim.alleged_items", "at most 64 codes of at most 32 bytes")
			})?;
		let evidence = claim
			.evidence
			.into_iter()
			.enumerate()
			.map(|(i, digest)| {
				fields::<DigestFields, D::Error>(digest, &format!("claim.evidence[{i}]"))
					.map(ContentDigest::from)
			})
			.collect::<Result<Vec<ContentDigest>, D::Error>>()?
			.try_into()
			.map_err(|_| refused("claim.evidence", "at most 32 digests"))?;
		Ok(Self(pallet_liability::Claim {
			kind: claim.kind,
			order: claim.order,
			shipment: claim.shipment,
			unit: claim.unit,
			lot: claim.lot,
			alleged_items,
			damage_mode: claim.damage_mode,
			discovered_at: claim.discovered_at,
			amount: Money {
				currency: claim.amount.currency.0,
				minor_units: claim.amount.minor_units.0,
			},
			evidence,
		}))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	const ORDER: &str = "0xab00000000000000000000000000000000000000000000000000000000000001";

	fn error<T: for<'de> Deserialize<'de> + std::fmt::Debug>(value: Value) -> String {
		serde_json::from_value::<T>(value).expect_err("refused").to_string()
	}

	fn claim() -> Value {
		json!({
			"kind": "TransitDamage", "order": ORDER, "shipment": ORDER, "unit": ORDER,
			"damage_mode": "Mechanical", "discovered_at": 1_780_272_000_000u64,
			"amount": { "currency": "CNY", "minor_units": 39900 },
			"evidence": [{ "algorithm": "Blake2_256", "hash": ORDER }],
		})
	}

	#[test]
	fn a_unit_is_named_by_its_key_or_its_digital_link() {
		const LINK: &str = "https://brand.example.com/01/9506000134352/10/L7/21/ABC123";
		// `gs1`'s documented example: the key of the canonical form of LINK.
		const KEY: &str = "0x369e7ea317cc65a6990ebc8acb1d1fe17c8f74342abe942e23412915fbd2d66a";
		let by_link: UnitKey = serde_json::from_value(json!(LINK)).unwrap();
		let by_key: UnitKey = serde_json::from_value(json!(KEY)).unwrap();
		assert_eq!(by_link, by_key);
		let refused = error::<UnitKey>(json!(LINK.replace("352/", "353/")));
		assert!(refused.contains("`unit`") && refused.contains("check digit"), "{refused}");
		let refused = error::<UnitKey>(json!("https://id.gs1.org/01/09506000134352"));
		assert!(refused.contains("serial"), "{refused}");
		// A claim names its unit either way too.
		let mut by_link_claim = claim();
		by_link_claim["unit"] = json!(LINK);
		let mut by_key_claim = claim();
		by_key_claim["unit"] = json!(KEY);
		let by_link_claim: Claim = serde_json::from_value(by_link_claim).unwrap();
		assert_eq!(by_link_claim, serde_json::from_value(by_key_claim).unwrap());
		assert_eq!(by_link_claim.0.unit, by_key.0);
		let mut bad = claim();
		bad["unit"] = json!("https://id.gs1.org/01/09506000134352/21/");
		assert!(error::<Claim>(bad).contains("`claim.unit`"));
	}

	#[test]
	fn hashes_read_in_either_case_and_are_refused_by_name() {
		let upper = ORDER.replace("ab", "AB");
		assert_eq!(
			serde_json::from_value::<OrderKey>(json!(upper)).unwrap(),
			serde_json::from_value::<OrderKey>(json!(ORDER)).unwrap()
		);
		assert!(error::<OrderKey>(json!("0x12")).contains("`order`"));
		// 63 digits, a space among 64, no prefix: refused, not read as another hash.
		let short = &ORDER[..65];
		let spaced = format!("0x {}", &ORDER[3..]);
		for text in [short, spaced.as_str(), &ORDER[2..]] {
			assert!(error::<OrderKey>(json!(text)).contains("`order`"), "{text}");
		}
		let mut claim = claim();
		claim["lot"] = json!(&ORDER[2..]);
		assert!(error::<Claim>(claim).contains("`claim.lot`"));
		assert!(error::<UnitKey>(json!(42)).contains("`unit`"));
		assert!(error::<UnitKey>(json!(&ORDER[2..])).contains("`unit`"));
		assert!(error::<BlockHash>(json!(ORDER.trim_start_matches("0x"))).contains("`at`"));
		assert!(error::<DisputeId>(json!("first")).contains("`id`"));
		assert!(error::<Org>(json!(-1)).contains("`org`"));
		assert!(error::<FromBlock>(json!("0x10")).contains("`from`"));
		assert!(error::<ToBlock>(json!(1.5)).contains("`to`"));
	}

	#[test]
	fn a_claim_reads_into_the_pallets_claim() {
		let Claim(claim) = serde_json::from_value(claim()).unwrap();
		assert_eq!(claim.kind, ClaimKind::TransitDamage);
		assert_eq!(claim.amount, Money { currency: *b"CNY", minor_units: 39_900 });
		assert_eq!(claim.evidence.len(), 1);
		assert_eq!(claim.lot, None);
		let mut large =
			claim_value_with(&["amount", "minor_units"], json!("340282366920938463463"));
		large["alleged_items"] = json!(["DROP-1"]);
		let Claim(claim) = serde_json::from_value(large).unwrap();
		assert_eq!(claim.amount.minor_units, 340_282_366_920_938_463_463);
		assert_eq!(claim.alleged_items[0].to_vec(), b"DROP-1".to_vec());
	}

	fn claim_value_with(path: &[&str], value: Value) -> Value {
		let mut claim = claim();
		let mut place = &mut claim;
		for key in path {
			place = &mut place[*key];
		}
		*place = value;
		claim
	}

	#[test]
	fn a_claim_field_that_does_not_fit_or_does_not_exist_is_named() {
		let mut extra = claim();
		extra["refund_to"] = json!("me");
		let mut extra_amount = claim();
		extra_amount["amount"]["cents"] = json!(5);
		let mut salted = claim();
		salted["evidence"][0]["salt"] = json!(1);
		for (value, named, why) in [
			(claim_value_with(&["kind"], json!("Broken")), "`claim.kind`", "Broken"),
			(
				claim_value_with(&["amount", "currency"], json!("EURO")),
				"`claim.amount.currency`",
				"ISO 4217",
			),
			(claim_value_with(&["order"], json!("0x12")), "`claim.order`", ""),
			(json!([1, 2]), "`claim`", ""),
			(extra, "`claim.refund_to`", "unknown field"),
			(extra_amount, "`claim.amount.cents`", "unknown field"),
			(salted, "`claim.evidence[0].salt`", "unknown field"),
		] {
			let message = error::<Claim>(value);
			assert!(message.contains(named), "names {named}: {message}");
			assert!(message.contains(why), "says {why}: {message}");
		}
		let mut digest = json!({ "algorithm": "Blake2_256", "hash": ORDER });
		assert!(serde_json::from_value::<Digest>(digest.clone()).is_ok());
		digest["salt"] = json!(1);
		let message = error::<Digest>(digest);
		assert!(message.contains("`digest.salt`: unknown field"), "{message}");
	}
}

//! SCALE values turned into JSON a person can read, from the `TypeInfo` of the runtime types
//! this node is built with (the typed runtime API decodes every answer into them, a block of
//! an older runtime through its versioned call): field and variant names as the runtime
//! declares them, hashes and byte strings in hex (or as text when they are text), fixed-point
//! units written out (`min_centi_celsius: -1850` → `min_c: -18.5`), unix-millisecond times also
//! as UTC dates.

use core::marker::PhantomData;

use codec::{Compact, Decode, Encode};
use scale_info::{
	form::PortableForm, Field, PortableRegistry, Registry, TypeDef, TypeDefPrimitive, TypeInfo,
};
use serde_json::{json, Map, Value};
use sp_core::bytes::to_hex;

/// A type registered in a [`Types`]: only a value of `T` is read with it.
pub struct TypeOf<T>(u32, PhantomData<fn() -> T>);

/// Registers `T` (and every type it is made of) in `registry`.
pub fn register<T: TypeInfo + 'static>(registry: &mut Registry) -> TypeOf<T> {
	TypeOf(registry.register_type(&scale_info::meta_type::<T>()).id, PhantomData)
}

/// The portable registry of the registered types, built once.
pub struct Types(PortableRegistry);

impl Types {
	/// The types registered in `registry`.
	pub fn new(registry: Registry) -> Self {
		Self(registry.into())
	}

	/// `value` as readable JSON.
	pub fn json<T: Encode>(&self, ty: &TypeOf<T>, value: &T) -> Result<Value, String> {
		let bytes = value.encode();
		let mut input = &bytes[..];
		let json = decode(&self.0, ty.0, &mut input)?;
		match input.len() {
			0 => Ok(json),
			left => Err(format!("{left} bytes left after the value")),
		}
	}
}

/// Decodes one value of type `id` from `input`.
pub fn decode(registry: &PortableRegistry, id: u32, input: &mut &[u8]) -> Result<Value, String> {
	let ty = registry.resolve(id).ok_or_else(|| format!("type {id} is not in the metadata"))?;
	let last = ty.path.segments.last().map(String::as_str).unwrap_or("");
	match &ty.type_def {
		TypeDef::Composite(composite) => fields(registry, &composite.fields, input),
		TypeDef::Variant(variants) => {
			let index = u8::decode(input).map_err(|e| e.to_string())?;
			let variant = variants
				.variants
				.iter()
				.find(|v| v.index == index)
				.ok_or_else(|| format!("variant {index} of {last} is unknown"))?;
			if last == "Option" {
				return match variant.fields.first() {
					None => Ok(Value::Null),
					Some(field) => decode(registry, field.ty.id, input),
				};
			}
			if variant.fields.is_empty() {
				return Ok(Value::String(variant.name.clone()));
			}
			let inner = fields(registry, &variant.fields, input)?;
			Ok(json!({ variant.name.clone(): inner }))
		},
		TypeDef::Sequence(sequence) => {
			let len = Compact::<u32>::decode(input).map_err(|e| e.to_string())?.0 as usize;
			if is_u8(registry, sequence.type_param.id) {
				return take(input, len).map(bytes);
			}
			(0..len)
				.map(|_| decode(registry, sequence.type_param.id, input))
				.collect::<Result<_, _>>()
				.map(Value::Array)
		},
		TypeDef::Array(array) => {
			if is_u8(registry, array.type_param.id) {
				return take(input, array.len as usize).map(bytes);
			}
			(0..array.len)
				.map(|_| decode(registry, array.type_param.id, input))
				.collect::<Result<_, _>>()
				.map(Value::Array)
		},
		TypeDef::Tuple(tuple) => tuple
			.fields
			.iter()
			.map(|f| decode(registry, f.id, input))
			.collect::<Result<_, _>>()
			.map(Value::Array),
		TypeDef::Primitive(primitive) => primitive_value(primitive, input),
		TypeDef::Compact(compact) => {
			let inner = registry.resolve(compact.type_param.id).map(|t| &t.type_def);
			let value: u128 = match inner {
				Some(TypeDef::Primitive(
					TypeDefPrimitive::U8 | TypeDefPrimitive::U16 | TypeDefPrimitive::U32,
				)) => Compact::<u32>::decode(input).map_err(|e| e.to_string())?.0.into(),
				Some(TypeDef::Primitive(TypeDefPrimitive::U64)) => {
					Compact::<u64>::decode(input).map_err(|e| e.to_string())?.0.into()
				},
				_ => Compact::<u128>::decode(input).map_err(|e| e.to_string())?.0,
			};
			Ok(number(value as i128))
		},
		TypeDef::BitSequence(_) => Err("bit sequences are not used by this chain".into()),
	}
}

/// The fields of a struct or an enum variant: the value itself for a newtype, an object for
/// named fields, an array for a tuple.
fn fields(
	registry: &PortableRegistry,
	fields: &[Field<PortableForm>],
	input: &mut &[u8],
) -> Result<Value, String> {
	if fields.len() == 1 && fields[0].name.is_none() {
		return decode(registry, fields[0].ty.id, input);
	}
	if fields.iter().all(|f| f.name.is_some()) {
		let mut object = Map::new();
		for field in fields {
			let value = decode(registry, field.ty.id, input)?;
			insert_readable(&mut object, field.name.as_deref().unwrap_or(""), value);
		}
		return Ok(Value::Object(object));
	}
	fields
		.iter()
		.map(|f| decode(registry, f.ty.id, input))
		.collect::<Result<_, _>>()
		.map(Value::Array)
}

fn is_u8(registry: &PortableRegistry, id: u32) -> bool {
	matches!(
		registry.resolve(id).map(|t| &t.type_def),
		Some(TypeDef::Primitive(TypeDefPrimitive::U8))
	)
}

fn take(input: &mut &[u8], len: usize) -> Result<Vec<u8>, String> {
	if input.len() < len {
		return Err("the value ends early".into());
	}
	let (head, rest) = input.split_at(len);
	*input = rest;
	Ok(head.to_vec())
}

/// Text when the bytes are printable UTF-8 (codes, certificate numbers, currency), hex
/// otherwise (hashes, keys, signatures).
fn bytes(data: Vec<u8>) -> Value {
	let printable = !data.is_empty()
		&& data.len() <= 64
		&& data.iter().all(|b| b.is_ascii_graphic() || *b == b' ');
	match (printable && data.len() != 32, String::from_utf8(data.clone())) {
		(true, Ok(text)) => Value::String(text),
		_ => Value::String(to_hex(&data, false)),
	}
}

fn number(value: i128) -> Value {
	// Beyond 2^53 a JSON number loses digits: such values are written as strings.
	if value.unsigned_abs() <= (1u128 << 53) {
		json!(value as i64)
	} else {
		Value::String(value.to_string())
	}
}

fn primitive_value(primitive: &TypeDefPrimitive, input: &mut &[u8]) -> Result<Value, String> {
	let e = |e: codec::Error| e.to_string();
	Ok(match primitive {
		TypeDefPrimitive::Bool => Value::Bool(bool::decode(input).map_err(e)?),
		TypeDefPrimitive::Char => {
			Value::String(char::from_u32(u32::decode(input).map_err(e)?).unwrap_or('?').to_string())
		},
		TypeDefPrimitive::Str => Value::String(String::decode(input).map_err(e)?),
		TypeDefPrimitive::U8 => number(u8::decode(input).map_err(e)?.into()),
		TypeDefPrimitive::U16 => number(u16::decode(input).map_err(e)?.into()),
		TypeDefPrimitive::U32 => number(u32::decode(input).map_err(e)?.into()),
		TypeDefPrimitive::U64 => number(u64::decode(input).map_err(e)?.into()),
		TypeDefPrimitive::U128 => {
			let value = u128::decode(input).map_err(e)?;
			if value > i128::MAX as u128 {
				Value::String(value.to_string())
			} else {
				number(value as i128)
			}
		},
		TypeDefPrimitive::I8 => number(i8::decode(input).map_err(e)?.into()),
		TypeDefPrimitive::I16 => number(i16::decode(input).map_err(e)?.into()),
		TypeDefPrimitive::I32 => number(i32::decode(input).map_err(e)?.into()),
		TypeDefPrimitive::I64 => number(i64::decode(input).map_err(e)?.into()),
		TypeDefPrimitive::I128 => number(i128::decode(input).map_err(e)?),
		TypeDefPrimitive::U256 | TypeDefPrimitive::I256 => {
			Value::String(to_hex(&take(input, 32)?, false))
		},
	})
}

/// Inserts `value` under `key`, writing fixed-point units out and adding UTC dates.
fn insert_readable(object: &mut Map<String, Value>, key: &str, value: Value) {
	let scaled = |suffix: &str, unit: &str, divisor: f64, object: &mut Map<String, Value>| {
		let name = format!("{}{unit}", key.trim_end_matches(suffix));
		let value = match &value {
			Value::Number(n) => n.as_f64().map(|v| json!(v / divisor)).unwrap_or(Value::Null),
			other => other.clone(),
		};
		object.insert(name, value);
	};
	if key.ends_with("centi_celsius") {
		scaled("centi_celsius", "c", 100.0, object);
	} else if key.ends_with("per_mille") {
		scaled("per_mille", "percent", 10.0, object);
	} else if key.ends_with("milli_g") {
		scaled("milli_g", "g", 1_000.0, object);
	} else {
		if is_time_key(key) {
			if let Some(ms) =
				value.as_u64().filter(|ms| (1_000_000_000_000..10_000_000_000_000).contains(ms))
			{
				if let Some(date) = utc(ms) {
					object.insert(format!("{key}_utc"), Value::String(date));
				}
			}
		}
		object.insert(key.to_string(), value);
	}
}

fn is_time_key(key: &str) -> bool {
	key == "at"
		|| key == "time"
		|| key.ends_with("_at")
		|| key.ends_with("_time")
		|| key.starts_with("window_")
		|| key.starts_with("valid_")
		|| key == "calibrated_on"
		|| key == "calibration_due"
}

/// `ms` since the Unix epoch as an RFC 3339 UTC time with milliseconds
/// (`2026-06-01T00:00:00.000Z`); `None` beyond the dates a calendar can hold.
pub fn utc(ms: u64) -> Option<String> {
	let time = chrono::DateTime::from_timestamp_millis(i64::try_from(ms).ok()?)?;
	Some(time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

/// Adds `block_hash` next to every `block` number (and `opened_block`) in `value`.
pub fn add_block_hashes(value: &mut Value, hash_of: &dyn Fn(u64) -> Option<String>) {
	match value {
		Value::Object(object) => {
			let numbers: Vec<(String, u64)> = object
				.iter()
				.filter(|(k, _)| *k == "block" || k.ends_with("_block"))
				.filter_map(|(k, v)| v.as_u64().map(|n| (k.clone(), n)))
				.collect();
			for (key, number) in numbers {
				if let Some(hash) = hash_of(number) {
					object.insert(format!("{key}_hash"), Value::String(hash));
				}
			}
			object.values_mut().for_each(|v| add_block_hashes(v, hash_of));
		},
		Value::Array(items) => items.iter_mut().for_each(|v| add_block_hashes(v, hash_of)),
		_ => {},
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn dates_are_utc() {
		assert_eq!(utc(0).unwrap(), "1970-01-01T00:00:00.000Z");
		assert_eq!(utc(1_780_272_000_000).unwrap(), "2026-06-01T00:00:00.000Z");
		assert_eq!(utc(951_825_599_999).unwrap(), "2000-02-29T11:59:59.999Z");
		assert_eq!(utc(u64::MAX), None);
	}

	#[test]
	fn units_are_written_out() {
		let mut object = Map::new();
		insert_readable(&mut object, "min_centi_celsius", json!(-1850));
		insert_readable(&mut object, "max_per_mille", json!(655));
		insert_readable(&mut object, "peak_milli_g", json!(12_000));
		insert_readable(&mut object, "event_time", json!(1_780_272_000_000u64));
		assert_eq!(
			Value::Object(object),
			json!({
				"min_c": -18.5,
				"max_percent": 65.5,
				"peak_g": 12.0,
				"event_time": 1_780_272_000_000u64,
				"event_time_utc": "2026-06-01T00:00:00.000Z"
			})
		);
	}

	#[test]
	fn bytes_read_as_text_or_hex() {
		assert_eq!(bytes(b"POWER-ON".to_vec()), json!("POWER-ON"));
		assert_eq!(bytes(vec![0xab; 32]), json!(format!("0x{}", "ab".repeat(32))));
		assert_eq!(bytes(vec![0, 1]), json!("0x0001"));
	}
}

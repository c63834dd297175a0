//! A unit's key from its GS1 code: "one item, one code".
//!
//! A serialised unit is named by its SGTIN, the GTIN of its product plus its serial number,
//! which the unit carries as a GS1 Digital Link URI (in a QR code or on a tag):
//! `https://<any resolver>/<optional path>/01/<gtin>[/22/<cpv>][/10/<lot>]/21/<serial>[?…][#…]`.
//!
//! Its key on the chain (`evidence_primitives::ObjectKey`) is the BLAKE2b-256 hash of the
//! UTF-8 bytes of the unit's **canonical** Digital Link URI,
//! `https://id.gs1.org/01/<gtin>/21/<serial>`, where
//! - `<gtin>` is the GTIN padded with leading zeros to 14 digits (GTIN-8, -12, -13 and -14 are
//!   accepted, each with a correct check digit);
//! - `<serial>` is the serial (1 to 20 characters of GS1's character set 82), every byte but
//!   `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.` and `_` percent-encoded with upper-case hex digits.
//!
//! So the resolver host and path, the lot and CPV qualifiers, query attributes, the fragment,
//! the GTIN's length and how the serial was percent-encoded do not change the key, and anyone
//! can compute it without the chain (e.g. `hashlib.blake2b(uri.encode(), digest_size=32)`).
//! `https://id.gs1.org/01/09506000134352/21/ABC123` has the key
//! `0x369e7ea317cc65a6990ebc8acb1d1fe17c8f74342abe942e23412915fbd2d66a`.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

/// The host of canonical GS1 Digital Link URIs.
pub const CANONICAL_RESOLVER: &str = "https://id.gs1.org";

/// The longest serial (AI 21), lot (AI 10) or CPV (AI 22) GS1 allows.
pub const MAX_QUALIFIER_LEN: usize = 20;

/// Percent-encoded in the canonical URI: everything but letters, digits, `-`, `.` and `_`.
const CANONICAL_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_');

/// A serialised unit: GTIN (14 digits) and serial.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sgtin {
	gtin: String,
	serial: String,
}

/// Why a text is not a unit's Digital Link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gs1Error {
	/// Not an `http://` or `https://` URI with a host.
	NotAUri,
	/// No `/01/<gtin>` in the path.
	NoGtin,
	/// The GTIN is not 8, 12, 13 or 14 digits.
	GtinLength,
	/// The GTIN's last digit is not its check digit (the expected one).
	GtinCheckDigit(char),
	/// A GTIN alone names a product, not a unit: no `/21/<serial>`.
	NoSerial,
	/// A qualifier's value (AI) is empty, longer than 20 characters or has a character
	/// outside GS1's character set 82.
	BadValue(&'static str),
	/// A path segment after the GTIN that is no qualifier of a GTIN, or one out of the order
	/// `22`, `10`, `21`.
	UnexpectedSegment(String),
}

impl std::fmt::Display for Gs1Error {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::NotAUri => write!(f, "expected an http(s):// GS1 Digital Link URI"),
			Self::NoGtin => write!(f, "no `/01/<gtin>` in the Digital Link's path"),
			Self::GtinLength => write!(f, "a GTIN has 8, 12, 13 or 14 digits"),
			Self::GtinCheckDigit(expected) => {
				write!(f, "the GTIN's check digit is wrong (expected {expected})")
			},
			Self::NoSerial => write!(
				f,
				"no `/21/<serial>`: a GTIN alone names a product, a unit needs its serial"
			),
			Self::BadValue(ai) => write!(
				f,
				"AI {ai} must be 1 to {MAX_QUALIFIER_LEN} characters of GS1's character set 82"
			),
			Self::UnexpectedSegment(segment) => write!(
				f,
				"unexpected `{segment}` after the GTIN (qualifiers are 22, 10, 21 in this order)"
			),
		}
	}
}

impl std::error::Error for Gs1Error {}

/// GS1 General Specifications character set 82 (AI 21, 10 and 22 values).
fn in_set_82(c: char) -> bool {
	c.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(c)
}

/// The GS1 check digit of the digits before it.
fn check_digit(body: &str) -> char {
	let sum: u32 = body
		.bytes()
		.rev()
		.enumerate()
		.map(|(i, digit)| u32::from(digit - b'0') * if i % 2 == 0 { 3 } else { 1 })
		.sum();
	char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// The GTIN padded to 14 digits, its check digit verified.
fn gtin14(text: &str) -> Result<String, Gs1Error> {
	if !matches!(text.len(), 8 | 12 | 13 | 14) || !text.bytes().all(|b| b.is_ascii_digit()) {
		return Err(Gs1Error::GtinLength);
	}
	let (body, last) = text.split_at(text.len() - 1);
	let expected = check_digit(body);
	if last.chars().next() != Some(expected) {
		return Err(Gs1Error::GtinCheckDigit(expected));
	}
	Ok(format!("{text:0>14}"))
}

/// A path segment's value, percent-decoded and checked against character set 82.
fn qualifier(segment: &str, ai: &'static str) -> Result<String, Gs1Error> {
	let value =
		percent_decode_str(segment).decode_utf8().map_err(|_| Gs1Error::BadValue(ai))?.into_owned();
	if value.is_empty()
		|| value.chars().count() > MAX_QUALIFIER_LEN
		|| !value.chars().all(in_set_82)
	{
		return Err(Gs1Error::BadValue(ai));
	}
	Ok(value)
}

impl Sgtin {
	/// Reads a unit's GS1 Digital Link URI (any resolver, any path before `/01/`).
	pub fn from_digital_link(uri: &str) -> Result<Self, Gs1Error> {
		let rest = ["https://", "http://"]
			.iter()
			.find_map(|scheme| {
				uri.get(..scheme.len())
					.filter(|head| head.eq_ignore_ascii_case(scheme))
					.map(|_| &uri[scheme.len()..])
			})
			.ok_or(Gs1Error::NotAUri)?;
		let rest = rest.split(['?', '#']).next().unwrap_or_default();
		let (host, path) = rest.split_once('/').ok_or(Gs1Error::NoGtin)?;
		if host.is_empty() || host.contains(char::is_whitespace) {
			return Err(Gs1Error::NotAUri);
		}
		let segments: Vec<&str> = path.split('/').collect();
		let at = segments.iter().position(|s| *s == "01").ok_or(Gs1Error::NoGtin)?;
		let gtin = gtin14(segments.get(at + 1).ok_or(Gs1Error::NoGtin)?)?;
		let mut serial = None;
		let mut allowed: &[&str] = &["22", "10", "21"];
		let mut pairs = segments[at + 2..].iter().filter(|s| !s.is_empty());
		while let Some(ai) = pairs.next() {
			let position = allowed
				.iter()
				.position(|a| a == ai)
				.ok_or_else(|| Gs1Error::UnexpectedSegment(ai.to_string()))?;
			let ai: &'static str = allowed[position];
			allowed = &allowed[position + 1..];
			let value = qualifier(pairs.next().ok_or(Gs1Error::BadValue(ai))?, ai)?;
			if ai == "21" {
				serial = Some(value);
			}
		}
		Ok(Self { gtin, serial: serial.ok_or(Gs1Error::NoSerial)? })
	}

	/// The GTIN, 14 digits.
	pub fn gtin(&self) -> &str {
		&self.gtin
	}

	/// The serial, decoded.
	pub fn serial(&self) -> &str {
		&self.serial
	}

	/// `https://id.gs1.org/01/<gtin14>/21/<serial, canonically percent-encoded>`.
	pub fn canonical_uri(&self) -> String {
		format!(
			"{CANONICAL_RESOLVER}/01/{}/21/{}",
			self.gtin,
			utf8_percent_encode(&self.serial, CANONICAL_ESCAPES)
		)
	}

	/// The unit's key: BLAKE2b-256 of the canonical URI.
	pub fn key(&self) -> H256 {
		BlakeTwo256::hash(self.canonical_uri().as_bytes())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn key_of(uri: &str) -> H256 {
		Sgtin::from_digital_link(uri).unwrap().key()
	}

	// Computed outside this code: Python's `hashlib.blake2b(uri.encode(), digest_size=32)`.
	const ABC123: &str = "0x369e7ea317cc65a6990ebc8acb1d1fe17c8f74342abe942e23412915fbd2d66a";
	const AB_SLASH_C: &str = "0xee843794038f5eadf15d87cd6a7bd615553e02f12e0672a4416f84bc8d613ea9";

	#[test]
	fn the_key_is_blake2_of_the_canonical_uri() {
		let unit =
			Sgtin::from_digital_link("https://id.gs1.org/01/09506000134352/21/ABC123").unwrap();
		assert_eq!(unit.gtin(), "09506000134352");
		assert_eq!(unit.serial(), "ABC123");
		assert_eq!(format!("{:?}", unit.key()), ABC123);
		let escaped =
			Sgtin::from_digital_link("https://id.gs1.org/01/09506000134352/21/AB%2fC!").unwrap();
		assert_eq!(escaped.serial(), "AB/C!");
		assert_eq!(escaped.canonical_uri(), "https://id.gs1.org/01/09506000134352/21/AB%2FC%21");
		assert_eq!(format!("{:?}", escaped.key()), AB_SLASH_C);
	}

	#[test]
	fn one_unit_one_key_whatever_the_resolver_and_form() {
		let key = key_of("https://id.gs1.org/01/09506000134352/21/ABC123");
		for uri in [
			"HTTPS://brand.example.com/01/09506000134352/21/ABC123",
			"http://brand.example.com:8080/products/glass/01/09506000134352/21/ABC123",
			"https://id.gs1.org/01/9506000134352/21/ABC123",
			"https://id.gs1.org/01/09506000134352/10/LOT7/21/ABC123",
			"https://id.gs1.org/01/09506000134352/22/2A/10/LOT7/21/ABC123/",
			"https://id.gs1.org/01/09506000134352/21/%41BC123?17=271231#top",
		] {
			assert_eq!(key_of(uri), key, "{uri}");
		}
		assert_ne!(key_of("https://id.gs1.org/01/09506000134352/21/ABC124"), key);
		assert_ne!(key_of("https://id.gs1.org/01/09506000134352/21/abc123"), key);
		// GTIN-12 (UPC-A) padded to 14 digits.
		assert_eq!(
			Sgtin::from_digital_link("https://id.gs1.org/01/614141123452/21/7")
				.unwrap()
				.canonical_uri(),
			"https://id.gs1.org/01/00614141123452/21/7"
		);
	}

	#[test]
	fn what_is_not_a_unit_is_refused_by_name() {
		let error = |uri| Sgtin::from_digital_link(uri).unwrap_err();
		assert_eq!(error("urn:epc:id:sgtin:0614141.812345.6789"), Gs1Error::NotAUri);
		assert_eq!(error("https:///01/09506000134352/21/A"), Gs1Error::NotAUri);
		assert_eq!(error("https://id.gs1.org/00/106141412345678908"), Gs1Error::NoGtin);
		assert_eq!(
			error("https://id.gs1.org/01/0950600013435/21/A"),
			Gs1Error::GtinCheckDigit('9')
		);
		assert_eq!(
			error("https://id.gs1.org/01/09506000134353/21/A"),
			Gs1Error::GtinCheckDigit('2')
		);
		assert_eq!(error("https://id.gs1.org/01/095060001343/21/A"), Gs1Error::GtinCheckDigit('0'));
		assert_eq!(error("https://id.gs1.org/01/0950600013435x/21/A"), Gs1Error::GtinLength);
		assert_eq!(error("https://id.gs1.org/01/950600013435234/21/A"), Gs1Error::GtinLength);
		assert_eq!(error("https://id.gs1.org/01/09506000134352"), Gs1Error::NoSerial);
		assert_eq!(error("https://id.gs1.org/01/09506000134352/10/LOT7"), Gs1Error::NoSerial);
		assert_eq!(error("https://id.gs1.org/01/09506000134352/21/"), Gs1Error::BadValue("21"));
		assert_eq!(
			error("https://id.gs1.org/01/09506000134352/21/ABCDEFGHIJKLMNOPQRSTU"),
			Gs1Error::BadValue("21")
		);
		assert_eq!(
			error("https://id.gs1.org/01/09506000134352/21/A%20B"),
			Gs1Error::BadValue("21")
		);
		assert_eq!(error("https://id.gs1.org/01/09506000134352/21/%FF"), Gs1Error::BadValue("21"));
		assert_eq!(
			error("https://id.gs1.org/01/09506000134352/21/A/10/LOT7"),
			Gs1Error::UnexpectedSegment("10".into())
		);
		assert_eq!(
			error("https://id.gs1.org/01/09506000134352/17/271231/21/A"),
			Gs1Error::UnexpectedSegment("17".into())
		);
		// Every refusal says what is wrong.
		assert!(Gs1Error::NoSerial.to_string().contains("serial"));
	}
}

//! `evidence-node unit-key` and `passport-qr`: a unit's key from its GS1 Digital Link, and a
//! QR code a phone's scanner reads back as that link.

mod common;

use std::process::{Command, Output};

/// A Digital Link of a brand's resolver, with a lot and a serial that needs escaping.
const LINK: &str = "https://brand.example.com/01/09506000134352/10/L7/21/AB%2FC!";
/// Its key: BLAKE2b-256 of `https://id.gs1.org/01/09506000134352/21/AB%2FC%21`, computed
/// outside this code (Python's `hashlib.blake2b(…, digest_size=32)`).
const KEY: &str = "0xee843794038f5eadf15d87cd6a7bd615553e02f12e0672a4416f84bc8d613ea9";

fn node(args: &[&str]) -> Output {
	Command::new(common::node_binary()).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn unit_key_prints_the_canonical_link_and_its_key() {
	let printed = stdout(&node(&["unit-key", LINK]));
	assert_eq!(printed.trim(), format!("https://id.gs1.org/01/09506000134352/21/AB%2FC%21  {KEY}"));
	let refused = node(&["unit-key", "https://id.gs1.org/01/09506000134353/21/A"]);
	assert!(!refused.status.success());
	assert!(String::from_utf8_lossy(&refused.stderr).contains("check digit"));
}

/// Reads the PNG's pixels back and decodes the QR code in them.
fn decode_png(path: &std::path::Path) -> String {
	let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
	let mut reader = decoder.read_info().unwrap();
	let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
	let frame = reader.next_frame(&mut pixels).unwrap();
	assert_eq!(frame.color_type, png::ColorType::Grayscale);
	let width = frame.width as usize;
	let mut image =
		rqrr::PreparedImage::prepare_from_greyscale(width, frame.height as usize, |x, y| {
			pixels[y * width + x]
		});
	let grids = image.detect_grids();
	assert_eq!(grids.len(), 1, "one code in the image");
	grids[0].decode().unwrap().1
}

#[test]
fn passport_qr_writes_a_code_that_reads_back_as_the_link() {
	let dir = tempfile::tempdir().unwrap();
	let png = dir.path().join("unit.png");
	let printed = stdout(&node(&["passport-qr", LINK, "--out", png.to_str().unwrap()]));
	assert!(printed.contains(KEY), "prints the key: {printed}");
	assert_eq!(decode_png(&png), LINK);

	let svg = dir.path().join("unit.svg");
	stdout(&node(&["passport-qr", LINK, "--out", svg.to_str().unwrap(), "--scale", "4"]));
	let text = std::fs::read_to_string(&svg).unwrap();
	assert!(text.starts_with("<?xml") && text.contains("<svg"), "an SVG document");
	assert!(text.contains("<path"), "with the dark modules drawn");

	// Not a unit, or an unknown format: refused, nothing written.
	let refused = dir.path().join("product.png");
	let output = node(&[
		"passport-qr",
		"https://id.gs1.org/01/09506000134352",
		"--out",
		refused.to_str().unwrap(),
	]);
	assert!(!output.status.success());
	assert!(String::from_utf8_lossy(&output.stderr).contains("serial"));
	assert!(!refused.exists());
	let output = node(&["passport-qr", LINK, "--out", dir.path().join("u.gif").to_str().unwrap()]);
	assert!(!output.status.success());
	assert!(String::from_utf8_lossy(&output.stderr).contains(".svg or .png"));
}

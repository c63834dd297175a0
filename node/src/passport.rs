//! `evidence-node unit-key` and `evidence-node passport-qr`: a unit's key from its GS1 Digital
//! Link (see [`evidence_rpc::gs1`]), and the QR code a unit carries to its passport.

use std::{io::Write, path::PathBuf};

use evidence_rpc::gs1::Sgtin;
use qrcode::{Color, EcLevel, QrCode};
use sc_cli::Error;

/// The light modules every side of a QR code needs around it.
const QUIET_ZONE: usize = 4;

fn unit(link: &str) -> Result<Sgtin, Error> {
	Sgtin::from_digital_link(link.trim())
		.map_err(|why| Error::Input(format!("`{link}` is not a unit's Digital Link: {why}")))
}

/// Prints a unit's canonical GS1 Digital Link URI and its key on the chain
/// (`evidence_primitives::ObjectKey`): BLAKE2b-256 of that URI's bytes.
#[derive(Debug, clap::Parser)]
pub struct UnitKeyCmd {
	/// The unit's GS1 Digital Link URI: `https://<resolver>/01/<gtin>/21/<serial>` (a lot
	/// `/10/…` or CPV `/22/…` between them, query and fragment are allowed and do not count).
	pub link: String,
}

impl UnitKeyCmd {
	/// Prints `canonical  key`.
	pub fn run(&self) -> Result<(), Error> {
		let unit = unit(&self.link)?;
		println!("{}  {:?}", unit.canonical_uri(), unit.key());
		Ok(())
	}
}

/// Writes the QR code of a unit's GS1 Digital Link (error correction M, 4-module quiet zone)
/// as SVG or PNG, and prints the unit's key.
#[derive(Debug, clap::Parser)]
pub struct PassportQrCmd {
	/// The unit's GS1 Digital Link URI, encoded as given (after checking it names a unit).
	pub link: String,

	/// The file to write: `.svg` or `.png`.
	#[arg(long)]
	pub out: PathBuf,

	/// Pixels per module of a PNG.
	#[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
	pub scale: u32,
}

/// The image formats `passport-qr` writes.
enum Format {
	Svg,
	Png,
}

impl PassportQrCmd {
	/// Writes the code to `--out` and prints `out  canonical  key`.
	pub fn run(&self) -> Result<(), Error> {
		let link = self.link.trim();
		let unit = unit(link)?;
		let format = match self.out.extension().and_then(|e| e.to_str()) {
			Some(e) if e.eq_ignore_ascii_case("svg") => Format::Svg,
			Some(e) if e.eq_ignore_ascii_case("png") => Format::Png,
			_ => return Err(Error::Input("`--out` must end in .svg or .png".into())),
		};
		let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M)
			.map_err(|why| Error::Input(format!("cannot encode `{link}` as a QR code: {why}")))?;
		let bytes = match format {
			Format::Svg => code
				.render::<qrcode::render::svg::Color>()
				.quiet_zone(true)
				.module_dimensions(self.scale, self.scale)
				.build()
				.into_bytes(),
			Format::Png => png(&code, self.scale as usize)?,
		};
		write_atomically(&self.out, &bytes)?;
		println!("{}  {}  {:?}", self.out.display(), unit.canonical_uri(), unit.key());
		Ok(())
	}
}

/// The code as an 8-bit greyscale PNG, `scale` pixels per module, quiet zone included.
fn png(code: &QrCode, scale: usize) -> Result<Vec<u8>, Error> {
	let modules = code.width();
	let side = (modules + 2 * QUIET_ZONE) * scale;
	let colors = code.to_colors();
	let mut pixels = vec![0xffu8; side * side];
	for (i, color) in colors.iter().enumerate() {
		if *color != Color::Dark {
			continue;
		}
		let (x, y) = ((i % modules + QUIET_ZONE) * scale, (i / modules + QUIET_ZONE) * scale);
		for row in y..y + scale {
			pixels[row * side + x..row * side + x + scale].fill(0);
		}
	}
	let mut bytes = Vec::new();
	let mut encoder = png::Encoder::new(&mut bytes, side as u32, side as u32);
	encoder.set_color(png::ColorType::Grayscale);
	encoder.set_depth(png::BitDepth::Eight);
	let failed = |why: png::EncodingError| Error::Application(Box::new(why));
	let mut writer = encoder.write_header().map_err(failed)?;
	writer.write_image_data(&pixels).map_err(failed)?;
	writer.finish().map_err(failed)?;
	Ok(bytes)
}

/// Writes `bytes` to `path` through a temporary file beside it: a reader never sees half a
/// code.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
	let partial = path.with_extension("partial");
	let mut file = std::fs::File::create(&partial)?;
	file.write_all(bytes)?;
	file.sync_all()?;
	std::fs::rename(&partial, path)?;
	Ok(())
}

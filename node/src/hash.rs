//! `evidence-node hash`: content digests of evidence files, and Merkle batches of them.
//!
//! Files are streamed in 1 MiB chunks (a multi-gigabyte video never sits in memory), each chunk
//! fed to BLAKE2b-256 and SHA-256. With `--batch OUT.json` the BLAKE2b-256 digests (or the
//! digests listed in `--digests LIST`) become the leaves of a Merkle batch; OUT.json holds the
//! root to anchor with `Notary.anchor_batch` and one inclusion proof per leaf, in the shape the
//! `NotaryApi::verify_inclusion` runtime API takes.

use std::{
	fs::File,
	io::{BufRead, BufReader, Read},
	path::{Path, PathBuf},
};

use blake2::{digest::consts::U32, Blake2b, Digest};
use codec::Encode;
use evidence_primitives::{
	merkle::{self, MerkleScheme, MAX_BATCH_LEAVES},
	ContentDigest, HashAlgorithm,
};
use serde_json::{json, Value};
use sha2::Sha256;
use sp_core::{bytes::to_hex, H256};

/// Size of the read buffer.
const CHUNK: usize = 1 << 20;

/// Hash evidence files; optionally build a Merkle batch with inclusion proofs.
#[derive(Debug, clap::Parser)]
pub struct HashCmd {
	/// Files to hash.
	#[arg(value_name = "FILE")]
	pub files: Vec<PathBuf>,

	/// Write a Merkle batch (root and one inclusion proof per leaf) to this JSON file.
	#[arg(long, value_name = "OUT.json")]
	pub batch: Option<PathBuf>,

	/// Build the batch over the digests listed in this file (one per line: `0x…` for
	/// BLAKE2b-256, or `sha2-256:0x…`) instead of over FILEs.
	#[arg(long, value_name = "LIST", requires = "batch")]
	pub digests: Option<PathBuf>,
}

/// Digests and size of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
	/// Bytes read.
	pub size: u64,
	/// BLAKE2b-256 of the content.
	pub blake2_256: [u8; 32],
	/// SHA-256 of the content.
	pub sha2_256: [u8; 32],
}

/// Streams `path` through both hash functions.
pub fn hash_file(path: &Path) -> std::io::Result<FileDigest> {
	let mut file = File::open(path)?;
	let mut blake = Blake2b::<U32>::new();
	let mut sha = Sha256::new();
	let mut buffer = vec![0u8; CHUNK];
	let mut size = 0u64;
	loop {
		let read = file.read(&mut buffer)?;
		if read == 0 {
			break;
		}
		blake.update(&buffer[..read]);
		sha.update(&buffer[..read]);
		size += read as u64;
	}
	Ok(FileDigest { size, blake2_256: blake.finalize().into(), sha2_256: sha.finalize().into() })
}

/// Parses one line of a digest list.
fn parse_digest(line: &str) -> Result<ContentDigest, String> {
	let (algorithm, hex) = match line.split_once(':') {
		Some(("sha2-256", hex)) => (HashAlgorithm::Sha2_256, hex),
		Some(("blake2-256", hex)) => (HashAlgorithm::Blake2_256, hex),
		Some((tag, _)) if !tag.starts_with("0x") => {
			return Err(format!("unknown digest algorithm `{tag}`"))
		},
		_ => (HashAlgorithm::Blake2_256, line),
	};
	let hash: H256 =
		hex.trim().parse().map_err(|_| format!("not a 32-byte hex digest: `{hex}`"))?;
	Ok(ContentDigest { algorithm, hash })
}

fn read_digest_list(path: &Path) -> Result<Vec<ContentDigest>, String> {
	let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
	let mut digests = Vec::new();
	for (number, line) in BufReader::new(file).lines().enumerate() {
		let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
		let line = line.trim();
		if line.is_empty() || line.starts_with('#') {
			continue;
		}
		digests.push(
			parse_digest(line).map_err(|e| format!("{}:{}: {e}", path.display(), number + 1))?,
		);
	}
	Ok(digests)
}

/// The batch document: root, scheme, and every leaf with its proof (JSON and SCALE hex).
pub fn batch_document(leaves: &[ContentDigest]) -> Value {
	let root = merkle::batch_root(leaves);
	let proofs = merkle::inclusion_proofs(leaves);
	let leaves: Vec<Value> = leaves
		.iter()
		.zip(proofs)
		.map(|(digest, proof)| {
			json!({
				"digest": digest,
				"proof": proof,
				"proofScale": to_hex(&proof.encode(), false),
			})
		})
		.collect();
	json!({
		"scheme": MerkleScheme::Blake2PrefixedV1,
		"root": root,
		"leafCount": leaves.len(),
		"leaves": leaves,
	})
}

impl HashCmd {
	/// Runs the command; errors name the file and the command exits non-zero after reporting
	/// every file it could read.
	pub fn run(&self) -> sc_cli::Result<()> {
		if self.files.is_empty() && self.digests.is_none() {
			return Err("nothing to hash: give FILEs or --digests LIST".into());
		}
		let mut reports = Vec::new();
		let mut leaves = Vec::new();
		let mut failed = Vec::new();
		for path in &self.files {
			match hash_file(path) {
				Ok(digest) => {
					leaves.push(ContentDigest {
						algorithm: HashAlgorithm::Blake2_256,
						hash: H256(digest.blake2_256),
					});
					reports.push(json!({
						"file": path.display().to_string(),
						"size": digest.size,
						"blake2_256": to_hex(&digest.blake2_256, false),
						"sha2_256": to_hex(&digest.sha2_256, false),
					}));
				},
				Err(error) => {
					eprintln!("error: cannot hash {}: {error}", path.display());
					failed.push(path.display().to_string());
				},
			}
		}
		if let Some(list) = &self.digests {
			leaves = read_digest_list(list)?;
		}
		let mut output = json!({ "files": reports });
		if let Some(out) = &self.batch {
			if leaves.is_empty() {
				return Err("the batch would be empty".into());
			}
			if leaves.len() > MAX_BATCH_LEAVES as usize {
				return Err(format!("a batch holds at most {MAX_BATCH_LEAVES} leaves").into());
			}
			let document = batch_document(&leaves);
			output["batch"] = json!({
				"file": out.display().to_string(),
				"root": document["root"],
				"leafCount": document["leafCount"],
			});
			std::fs::write(out, serde_json::to_vec_pretty(&document).expect("JSON serializes"))
				.map_err(|e| format!("cannot write {}: {e}", out.display()))?;
		}
		println!("{}", serde_json::to_string_pretty(&output).expect("JSON serializes"));
		if failed.is_empty() {
			Ok(())
		} else {
			Err(format!("could not hash: {}", failed.join(", ")).into())
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::io::Write;

	#[test]
	fn streamed_digests_match_the_one_shot_hashes() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("evidence.bin");
		// Three and a half chunks, so the streaming crosses buffer boundaries.
		let content: Vec<u8> = (0..(CHUNK * 7 / 2)).map(|i| (i % 251) as u8).collect();
		File::create(&path).unwrap().write_all(&content).unwrap();
		let digest = hash_file(&path).unwrap();
		assert_eq!(digest.size, content.len() as u64);
		assert_eq!(digest.blake2_256, sp_io::hashing::blake2_256(&content));
		assert_eq!(digest.sha2_256, sp_io::hashing::sha2_256(&content));
	}

	#[test]
	fn known_answers_for_the_empty_file() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("empty");
		File::create(&path).unwrap();
		let digest = hash_file(&path).unwrap();
		assert_eq!(
			to_hex(&digest.sha2_256, false),
			"0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
		);
		assert_eq!(
			to_hex(&digest.blake2_256, false),
			"0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
		);
	}

	#[test]
	fn digest_lists_parse_and_reject_unknown_algorithms() {
		let blake = format!("0x{}", "11".repeat(32));
		assert_eq!(parse_digest(&blake).unwrap().algorithm, HashAlgorithm::Blake2_256);
		let sha = format!("sha2-256:0x{}", "22".repeat(32));
		assert_eq!(parse_digest(&sha).unwrap().algorithm, HashAlgorithm::Sha2_256);
		assert!(parse_digest(&format!("md5:0x{}", "33".repeat(32))).unwrap_err().contains("md5"));
		assert!(parse_digest("0x1234").is_err());
	}

	#[test]
	fn batch_document_proofs_verify() {
		let leaves: Vec<ContentDigest> =
			(0..5u8).map(|i| ContentDigest::blake2_256_of(&[i])).collect();
		let document = batch_document(&leaves);
		let root: H256 = serde_json::from_value(document["root"].clone()).unwrap();
		for entry in document["leaves"].as_array().unwrap() {
			let digest: ContentDigest = serde_json::from_value(entry["digest"].clone()).unwrap();
			let proof: merkle::InclusionProof =
				serde_json::from_value(entry["proof"].clone()).unwrap();
			assert!(merkle::verify_inclusion(root, 5, &digest, &proof));
		}
	}
}

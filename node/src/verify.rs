//! `evidence-node verify`: whether, when and by whom evidence files were notarized, asked of a
//! running node. Each file is hashed as `hash` does (BLAKE2b-256 and SHA-256, streamed) and
//! both digests are looked up with `evidence_digest`: the answer names every organisation that
//! notarized it (account, kind, size, capture time, block and its time) and the facts that
//! cite it (attestations, checkpoints, dispute evidence). With `--batch batch.json
//! --batch-id N` (the file `hash --batch` wrote, and the id the chain gave the anchored batch)
//! the file's leaf is also proven against the batch with the `NotaryApi.verify_inclusion`
//! runtime call. Every file is read at the same block, the node's finalized head when the
//! command starts (a fact not yet final is not reported). One JSON answer per file on stdout;
//! the command exits non-zero when any file is neither notarized nor proven in the batch. This is what an arbitrator runs on a
//! consumer's unboxing video.

use std::path::{Path, PathBuf};

use codec::{Decode, Encode};
use evidence_primitives::{
	api::InclusionVerdict, merkle::InclusionProof, ContentDigest, HashAlgorithm,
};
use evidence_runtime::AccountId;
use jsonrpsee::{
	core::{client::ClientT, params::ArrayParams},
	http_client::{HttpClient, HttpClientBuilder},
};
use serde_json::{json, Value};
use sp_core::{bytes::to_hex, H256};

use crate::hash::hash_file;

/// Verify evidence files against the chain: notarized by whom and when, cited by what, and
/// (with a batch) included in an anchored batch.
#[derive(Debug, clap::Parser)]
pub struct VerifyCmd {
	/// Files to verify.
	#[arg(value_name = "FILE", required = true)]
	pub files: Vec<PathBuf>,

	/// The node to ask (JSON-RPC over HTTP).
	#[arg(long, value_name = "URL", default_value = "http://127.0.0.1:9944")]
	pub rpc: String,

	/// The batch file `hash --batch` wrote: prove each file's leaf in the anchored batch.
	#[arg(long, value_name = "batch.json", requires = "batch_id")]
	pub batch: Option<PathBuf>,

	/// The id of the anchored batch (`Notary.BatchAnchored`'s `batch_id`).
	#[arg(long, value_name = "ID", requires = "batch")]
	pub batch_id: Option<u64>,
}

/// A leaf of a batch file with its proof.
struct Leaf {
	digest: ContentDigest,
	proof: InclusionProof,
}

fn read_batch(path: &Path) -> Result<Vec<Leaf>, String> {
	let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
	let batch: Value =
		serde_json::from_slice(&text).map_err(|e| format!("{}: {e}", path.display()))?;
	batch["leaves"]
		.as_array()
		.ok_or_else(|| format!("{}: no `leaves` (not a `hash --batch` file)", path.display()))?
		.iter()
		.map(|leaf| {
			let digest = serde_json::from_value(leaf["digest"].clone());
			let proof = serde_json::from_value(leaf["proof"].clone());
			match (digest, proof) {
				(Ok(digest), Ok(proof)) => Ok(Leaf { digest, proof }),
				_ => Err(format!("{}: a leaf without a digest and proof", path.display())),
			}
		})
		.collect()
}

/// What the chain says about one file.
struct Answer {
	json: Value,
	found: bool,
}

impl VerifyCmd {
	/// Runs the command.
	pub fn run(&self) -> sc_cli::Result<()> {
		let leaves = self.batch.as_deref().map(read_batch).transpose()?;
		let runtime = tokio::runtime::Builder::new_current_thread()
			.enable_all()
			.build()
			.map_err(|e| format!("verify: {e}"))?;
		let client = HttpClientBuilder::default()
			.build(&self.rpc)
			.map_err(|e| format!("verify: {}: {e}", self.rpc))?;
		let at: H256 = runtime
			.block_on(client.request("chain_getFinalizedHead", ArrayParams::new()))
			.map_err(|e| format!("verify: {}: chain_getFinalizedHead: {e}", self.rpc))?;
		let mut missing = 0;
		for path in &self.files {
			let answer = runtime.block_on(self.verify(&client, at, path, leaves.as_deref()))?;
			missing += usize::from(!answer.found);
			println!("{}", serde_json::to_string_pretty(&answer.json).unwrap_or_default());
		}
		match missing {
			0 => Ok(()),
			n => Err(format!("{n} of {} files not found on the chain", self.files.len()).into()),
		}
	}

	async fn verify(
		&self,
		client: &HttpClient,
		at: H256,
		path: &Path,
		leaves: Option<&[Leaf]>,
	) -> Result<Answer, String> {
		let file = hash_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
		let digests = [
			ContentDigest { algorithm: HashAlgorithm::Blake2_256, hash: H256(file.blake2_256) },
			ContentDigest { algorithm: HashAlgorithm::Sha2_256, hash: H256(file.sha2_256) },
		];
		let mut json = json!({
			"file": path.display().to_string(),
			"size": file.size,
			"blake2_256": to_hex(&file.blake2_256, false),
			"sha2_256": to_hex(&file.sha2_256, false),
		});
		let mut found = false;
		let mut records = Vec::new();
		for digest in digests {
			let mut params = ArrayParams::new();
			params.insert(digest).map_err(|e| e.to_string())?;
			params.insert(at).map_err(|e| e.to_string())?;
			let answer: Value = client
				.request("evidence_digest", params)
				.await
				.map_err(|e| format!("{}: evidence_digest: {e}", self.rpc))?;
			json["at"] = answer["at"].clone();
			if answer["found"] == true {
				found = true;
				records.push(json!({ "digest": digest, "record": answer["record"] }));
			}
		}
		json["notarized"] = Value::Bool(!records.is_empty());
		json["records"] = Value::Array(records);
		if let (Some(leaves), Some(batch_id)) = (leaves, self.batch_id) {
			let leaf = leaves.iter().find(|leaf| digests.contains(&leaf.digest));
			let proven = match leaf {
				Some(leaf) => {
					let verdict = self.prove(client, at, batch_id, leaf).await?;
					json["batch"] = json!({
						"id": batch_id,
						"leaf": leaf.digest,
						"included": verdict.included,
						"record": verdict.batch.map(|b| json!({
							"root": b.root,
							"leaf_count": b.leaf_count,
							"org": b.org,
							"anchored_by": b.anchored_by.to_string(),
							"block": b.block,
							"time": b.time,
							"time_utc": evidence_rpc::readable::utc(b.time),
						})),
					});
					verdict.included
				},
				None => {
					json["batch"] = json!({ "id": batch_id, "included": false,
						"why": "the file is not a leaf of the batch file" });
					false
				},
			};
			found |= proven;
		}
		json["found"] = Value::Bool(found);
		Ok(Answer { json, found })
	}

	/// `NotaryApi.verify_inclusion(batch_id, leaf, proof)` at block `at`.
	async fn prove(
		&self,
		client: &HttpClient,
		at: H256,
		batch_id: u64,
		leaf: &Leaf,
	) -> Result<InclusionVerdict<AccountId>, String> {
		let mut params = ArrayParams::new();
		let args = (batch_id, leaf.digest, leaf.proof.clone()).encode();
		params.insert("NotaryApi_verify_inclusion").map_err(|e| e.to_string())?;
		params.insert(to_hex(&args, false)).map_err(|e| e.to_string())?;
		params.insert(at).map_err(|e| e.to_string())?;
		let result: String = client
			.request("state_call", params)
			.await
			.map_err(|e| format!("{}: state_call: {e}", self.rpc))?;
		let bytes = sp_core::bytes::from_hex(&result).map_err(|e| format!("state_call: {e}"))?;
		InclusionVerdict::decode(&mut &bytes[..]).map_err(|e| format!("state_call: {e}"))
	}
}

//! Rehearses this tree's runtime upgrade on the state of a live chain, as `try-runtime
//! on-runtime-upgrade` does, with crates of the runtime's own SDK release: the storage of a
//! node's finalized head (or of `--at`) is downloaded over its RPC, and in it the runtime's
//! `Executive::try_runtime_upgrade` runs natively — every migration of `Migrations` with its
//! `pre_upgrade` and `post_upgrade` checks, the pallets' own storage-version checks, a decode of
//! the entire state, and every pallet's `try_state`. Exit status 0 only if all of them pass.
//!
//! ```text
//! evidence-try-upgrade --uri ws://127.0.0.1:9944
//! ```
use clap::Parser;
use evidence_runtime::{Block, Executive};
use frame_remote_externalities::{Builder, Mode, OnlineConfig};
use frame_try_runtime::UpgradeCheckSelect;

#[derive(Parser)]
#[command(about = "Runs this runtime's upgrade checks on a live chain's state")]
struct Cli {
	/// The node's WebSocket RPC endpoint.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	uri: String,
	/// The block whose state to use (hex hash); the node's finalized head by default.
	#[arg(long)]
	at: Option<String>,
}

#[tokio::main]
async fn main() -> Result<(), String> {
	sp_tracing::try_init_simple();
	let cli = Cli::parse();
	let at = match cli.at {
		Some(hash) => {
			Some(hash.trim_start_matches("0x").parse().map_err(|e| format!("--at {hash}: {e:?}"))?)
		},
		None => None,
	};
	let mut ext = Builder::<Block>::new()
		.mode(Mode::Online(OnlineConfig {
			transport_uris: vec![cli.uri.clone()],
			at,
			..Default::default()
		}))
		.build()
		.await
		.map_err(|e| format!("snapshot of {}: {e}", cli.uri))?;
	let weight = ext
		.execute_with(|| Executive::try_runtime_upgrade(UpgradeCheckSelect::All))
		.map_err(|e| format!("the upgrade checks failed: {e:?}"))?;
	println!(
		"try-upgrade: spec_version {} on the state of {}: migrations, pre/post-upgrade checks, \
		 state decode and try_state passed; migrations weigh {} ps, {} bytes of proof",
		evidence_runtime::VERSION.spec_version,
		cli.uri,
		weight.ref_time(),
		weight.proof_size()
	);
	Ok(())
}

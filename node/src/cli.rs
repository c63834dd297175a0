//! Command-line interface: the standard Substrate node flags plus the subcommands an operator
//! of a consortium node needs.

/// Subcommands of `evidence-node`. Without a subcommand the node runs.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys, generate node keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated upstream; prefer `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification (`--chain dev|local|<file>`), optionally in raw form.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Hash evidence files (BLAKE2b-256 and SHA-256, streamed) and optionally build a Merkle
	/// batch with one inclusion proof per leaf.
	Hash(crate::hash::HashCmd),

	/// Verify evidence files against a running node: notarized by whom and when, cited by
	/// which facts and disputes, and (with `--batch`) included in an anchored batch. Exits
	/// non-zero when any file is not found.
	Verify(crate::verify::VerifyCmd),

	/// Print a unit's key on the chain from its GS1 Digital Link (BLAKE2b-256 of the canonical
	/// `https://id.gs1.org/01/<gtin14>/21/<serial>`).
	UnitKey(crate::passport::UnitKeyCmd),

	/// Write the QR code (SVG or PNG) of a unit's GS1 Digital Link, and print its key.
	PassportQr(crate::passport::PassportQrCmd),

	/// Benchmarks of this machine (built with `--features storage-benchmark` only).
	#[cfg(feature = "storage-benchmark")]
	#[command(subcommand)]
	Benchmark(BenchmarkCmd),
}

/// What `evidence-node benchmark` measures.
#[cfg(feature = "storage-benchmark")]
#[derive(Debug, clap::Subcommand)]
pub enum BenchmarkCmd {
	/// The database's read and write cost on this machine, from a node's own database; writes
	/// the `RuntimeDbWeight` the runtime charges (`--weight-path`).
	Storage(frame_benchmarking_cli::StorageCmd),
}

/// `evidence-node` command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// Subcommand to run; the node itself when absent.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Flags of the running node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

//! Dispatch of the command line to the node service and the subcommands.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use evidence_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;
use sp_core::Get;

/// Transactions the pool must hold so that it never drops an accepted one: every
/// organisation's pool share (the runtime's gate refuses a member's transaction beyond
/// `MaxPendingPerOrganisation` waiting, `InvalidTransaction::Custom(4)`), for as many
/// organisations as the consortium may have, and one key-management transaction per validator.
/// A full pool evicts its lowest-priority transactions without telling their senders; a pool
/// this large is never full of members' transactions, so every transaction is either refused
/// at submission or stays until it is in a block.
fn pool_room() -> usize {
	type Consortium = <evidence_runtime::Runtime as pallet_consortium::Config>::MaxOrganisations;
	type Validators = <evidence_runtime::Runtime as pallet_consortium::Config>::MaxValidators;
	let shares: u32 = <Consortium as Get<u32>>::get()
		* <evidence_runtime::configs::MaxPendingPerOrganisation as Get<u32>>::get();
	(shares + <Validators as Get<u32>>::get()) as usize
}

/// Kibibytes per transaction the pool's byte limit allows for (an attestation with its raw
/// results and media digests is under 2 KiB).
const POOL_KIB_PER_TRANSACTION: usize = 4;

/// Raises `--pool-limit` and `--pool-kbytes` to [`pool_room`] when set lower; says what it
/// raised.
fn raise_pool_limits(params: &mut sc_cli::TransactionPoolParams) -> Option<String> {
	let (count, kbytes) = (pool_room(), pool_room() * POOL_KIB_PER_TRANSACTION);
	if params.pool_limit >= count && params.pool_kbytes >= kbytes {
		return None;
	}
	let raised = format!(
		"transaction pool raised from {} transactions / {} KiB to {} / {} KiB: room for every \
		 organisation's pool share, so no accepted transaction is ever dropped for space",
		params.pool_limit,
		params.pool_kbytes,
		params.pool_limit.max(count),
		params.pool_kbytes.max(kbytes),
	);
	params.pool_limit = params.pool_limit.max(count);
	params.pool_kbytes = params.pool_kbytes.max(kbytes);
	Some(raised)
}

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Evidence Chain Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/evidence-chain/evidence-chain/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load(id)
	}
}

/// Parses the command line and runs the node or the chosen subcommand.
pub fn run() -> sc_cli::Result<()> {
	let mut cli = Cli::from_args();
	let pool_raised = raise_pool_limits(&mut cli.run.pool_config);

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::Hash(cmd)) => cmd.run(),
		Some(Subcommand::Verify(cmd)) => cmd.run(),
		Some(Subcommand::UnitKey(cmd)) => cmd.run(),
		Some(Subcommand::PassportQr(cmd)) => cmd.run(),
		#[allow(deprecated)]
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let spec = cli.load_spec(&cmd.chain)?;
			cmd.run(spec)
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		#[cfg(feature = "storage-benchmark")]
		Some(Subcommand::Benchmark(crate::cli::BenchmarkCmd::Storage(cmd))) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| {
				let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
				let db = backend.expose_db();
				let storage = backend.expose_storage();
				let shared_trie_cache = backend.expose_shared_trie_cache();
				cmd.run(config, client, db, storage, shared_trie_cache)
			})
		},
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		},
		None => {
			let runner = cli.create_runner(&cli.run)?;
			if let Some(raised) = pool_raised {
				log::info!("{raised}");
			}
			runner.run_node_until_exit(|config| async move {
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							Block,
							<Block as sp_runtime::traits::Block>::Hash,
						>,
					>(config)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config)
							.map_err(sc_cli::Error::Service)
					},
				}
			})
		},
	}
}

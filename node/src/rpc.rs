//! JSON-RPC extensions registered beside the standard Substrate methods (`chain_*`,
//! `state_*`, `author_*`, `system_*`, …).

use std::sync::Arc;

use evidence_runtime::{opaque::Block, AccountId, Nonce};
use jsonrpsee::RpcModule;
use sc_client_api::{Backend, StorageProvider};
use sc_transaction_pool_api::TransactionPool;
use sp_api::{CallApiAt, ProvideRuntimeApi};
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC extensions need from the node.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
}

/// Builds the RPC module with every extension of this node.
pub fn create_full<C, P, BE>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ CallApiAt<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ StorageProvider<Block, BE>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: BlockBuilder<Block>,
	C::Api: evidence_rpc::EvidenceRuntimeApi,
	P: TransactionPool + 'static,
	BE: Backend<Block> + 'static,
{
	use evidence_rpc::Evidence;
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;

	// `system_accountNextIndex` and `system_dryRun`: integrators need the next nonce that
	// accounts for transactions still in the pool.
	module.merge(System::new(client.clone(), pool).into_rpc())?;

	// `evidence_*`: the whole story of an order, a unit or a dispute as readable JSON; a
	// parameter a method does not have is refused, not ignored.
	module.merge(Evidence::new(client).into_strict_rpc())?;

	Ok(module)
}

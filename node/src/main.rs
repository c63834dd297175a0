//! `evidence-node`: the Evidence Chain node binary.

#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod hash;
mod passport;
mod rpc;
mod service;
mod verify;

/// jemalloc, as Polkadot's node uses: many threads allocating and freeing (RPC answers, the
/// trie cache, block production) cost far less than with the system allocator.
#[cfg(any(target_os = "linux", target_os = "macos"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> sc_cli::Result<()> {
	command::run()
}

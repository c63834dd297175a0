//! `evidence-node`: the Evidence Chain node binary.

#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod evidence_rpc;
mod export;
mod hash;
mod readable;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}

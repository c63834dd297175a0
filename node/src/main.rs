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

fn main() -> sc_cli::Result<()> {
	command::run()
}

//! Named genesis presets, served by the `GenesisBuilder` runtime API.
//!
//! - [`DEV`]: Alice alone validates and holds the sudo key — one node runs the whole flow.
//! - [`LOCAL`]: the four-organisation consortium, each running one validator (Alice, Bob,
//!   Charlie, Dave); the council is their four accounts; no sudo key.

use crate::{
	AccountId, CouncilConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig,
};
use alloc::{vec, vec::Vec};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Id of the single-node development preset.
pub const DEV: &str = "dev";
/// Id of the four-validator local consortium preset.
pub const LOCAL: &str = "local";

/// A validator at genesis: its account and its session keys.
pub struct GenesisValidator {
	/// Account that owns the validator and registers its keys.
	pub account: AccountId,
	/// Aura key (block production).
	pub aura: AuraId,
	/// GRANDPA key (finality votes).
	pub grandpa: GrandpaId,
}

impl GenesisValidator {
	/// The well-known development validator derived from `//<Name>` seeds.
	fn development(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Self {
		Self { account: sr.to_account_id(), aura: sr.public().into(), grandpa: ed.public().into() }
	}
}

/// The genesis state common to every network: validators with their session keys, the council
/// and an optional sudo key.
pub fn consortium_genesis(
	validators: Vec<GenesisValidator>,
	council: Vec<AccountId>,
	sudo: Option<AccountId>,
) -> serde_json::Value {
	let config = RuntimeGenesisConfig {
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|v| {
					(v.account.clone(), v.account, SessionKeys { aura: v.aura, grandpa: v.grandpa })
				})
				.collect(),
			non_authority_keys: vec![],
		},
		council: CouncilConfig { members: council, ..Default::default() },
		sudo: SudoConfig { key: sudo },
		..Default::default()
	};
	serde_json::to_value(config).expect("the genesis config always serializes; qed")
}

/// Alice alone validates, is the council and holds the sudo key.
fn dev_genesis() -> serde_json::Value {
	let alice = GenesisValidator::development(Sr25519Keyring::Alice, Ed25519Keyring::Alice);
	let account = alice.account.clone();
	consortium_genesis(vec![alice], vec![account.clone()], Some(account))
}

/// Four organisations, one validator each; no sudo key.
fn local_genesis() -> serde_json::Value {
	let validators: Vec<GenesisValidator> = [
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	]
	.into_iter()
	.map(|(sr, ed)| GenesisValidator::development(sr, ed))
	.collect();
	let council = validators.iter().map(|v| v.account.clone()).collect();
	consortium_genesis(validators, council, None)
}

/// The JSON of a named preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV => dev_genesis(),
		LOCAL => local_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work; qed")
			.into_bytes(),
	)
}

/// Names of every preset this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV), PresetId::from(LOCAL)]
}

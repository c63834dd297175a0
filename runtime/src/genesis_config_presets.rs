//! Named genesis presets, served by the `GenesisBuilder` runtime API.
//!
//! Both presets hold the same four demo organisations, using the well-known development keys:
//!
//! | organisation | roles | admin | operator |
//! |---|---|---|---|
//! | Demo Platform | Platform, Merchant | Alice | Alice//stash |
//! | Demo Inspection Agency | InspectionAgency | Bob | Bob//stash |
//! | Demo Carrier | Carrier | Charlie | Charlie//stash |
//! | Demo Arbitration | Arbitrator | Dave | Dave//stash |
//!
//! - [`DEV`]: Alice (for Demo Platform) is the only validator and holds the sudo key; minimum
//!   validator set size 1. One node runs the whole flow.
//! - [`LOCAL`]: each organisation runs one validator — Alice, Bob, Charlie, Dave; minimum
//!   three; no sudo key.
//!
//! Both start with liability rule set version 1 ([`demo_liability`]): windows of minutes.
//!
//! In both, the council is the four admins (the consortium pallet seats them). Eve and
//! Ferdie belong to no organisation: the membership gate refuses their transactions.

pub mod demo_inspection;
pub mod demo_liability;
pub mod demo_logistics;

use crate::{
	AccountId, ConsortiumConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig,
};
use alloc::{string::String, vec, vec::Vec};
use evidence_primitives::Role;
use pallet_consortium::GenesisOrganisation;
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

/// A demo organisation: name, roles, admin keyring, operator keyring, validator keys.
struct DemoOrganisation {
	name: &'static str,
	roles: Vec<Role>,
	admin: Sr25519Keyring,
	operator: Sr25519Keyring,
	validator: (Sr25519Keyring, Ed25519Keyring),
}

fn demo_organisations() -> Vec<DemoOrganisation> {
	use Ed25519Keyring as Ed;
	use Sr25519Keyring as Sr;
	vec![
		DemoOrganisation {
			name: "Demo Platform",
			roles: vec![Role::Platform, Role::Merchant],
			admin: Sr::Alice,
			operator: Sr::AliceStash,
			validator: (Sr::Alice, Ed::Alice),
		},
		DemoOrganisation {
			name: "Demo Inspection Agency",
			roles: vec![Role::InspectionAgency],
			admin: Sr::Bob,
			operator: Sr::BobStash,
			validator: (Sr::Bob, Ed::Bob),
		},
		DemoOrganisation {
			name: "Demo Carrier",
			roles: vec![Role::Carrier],
			admin: Sr::Charlie,
			operator: Sr::CharlieStash,
			validator: (Sr::Charlie, Ed::Charlie),
		},
		DemoOrganisation {
			name: "Demo Arbitration",
			roles: vec![Role::Arbitrator],
			admin: Sr::Dave,
			operator: Sr::DaveStash,
			validator: (Sr::Dave, Ed::Dave),
		},
	]
}

/// The genesis state of a consortium network: organisations with their validators (whose
/// session keys are registered at genesis), the minimum validator-set size, and an optional
/// sudo key. The council is seated by the consortium pallet from the organisations' admins.
pub fn consortium_genesis(
	organisations: Vec<(GenesisOrganisation<AccountId>, Vec<GenesisValidator>)>,
	min_validators: u32,
	sudo: Option<AccountId>,
) -> serde_json::Value {
	let mut keys = Vec::new();
	let mut orgs = Vec::new();
	for (mut org, validators) in organisations {
		for v in validators {
			org.validators.push(v.account.clone());
			keys.push((
				v.account.clone(),
				v.account,
				SessionKeys { aura: v.aura, grandpa: v.grandpa },
			));
		}
		orgs.push(org);
	}
	let config = RuntimeGenesisConfig {
		consortium: ConsortiumConfig { organisations: orgs, min_validators },
		inspection: demo_inspection::registries(),
		logistics: demo_logistics::registries(),
		liability: pallet_liability::GenesisConfig { rule_set: Some(demo_liability::rule_set()) },
		session: SessionConfig { keys, non_authority_keys: vec![] },
		sudo: SudoConfig { key: sudo },
		..Default::default()
	};
	serde_json::to_value(config).expect("the genesis config always serializes; qed")
}

/// The demo organisations; only those in `validating` run a validator.
fn demo_genesis(
	validating: usize,
	min_validators: u32,
	sudo: Option<AccountId>,
) -> serde_json::Value {
	let organisations = demo_organisations()
		.into_iter()
		.enumerate()
		.map(|(index, demo)| {
			let org = GenesisOrganisation {
				name: String::from(demo.name),
				roles: demo.roles,
				admin: demo.admin.to_account_id(),
				operators: vec![demo.operator.to_account_id()],
				validators: vec![],
			};
			let validators = if index < validating {
				vec![GenesisValidator::development(demo.validator.0, demo.validator.1)]
			} else {
				vec![]
			};
			(org, validators)
		})
		.collect();
	consortium_genesis(organisations, min_validators, sudo)
}

/// Alice alone validates and holds the sudo key.
fn dev_genesis() -> serde_json::Value {
	demo_genesis(1, 1, Some(Sr25519Keyring::Alice.to_account_id()))
}

/// Four organisations, one validator each, at least three validators; no sudo key.
fn local_genesis() -> serde_json::Value {
	demo_genesis(4, 3, None)
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

//! The named genesis presets build a working genesis with the validators, council and sudo
//! key the design describes.

mod common;

use common::genesis_of;
use evidence_primitives::{MembershipCheck, Role};
use evidence_runtime::{
	genesis_config_presets::{get_preset, preset_names, DEV, LOCAL},
	AccountId, Consortium, CouncilInstance, Grandpa, Runtime, Session,
};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

/// Builds the genesis storage of a preset the way a node does, and returns its externalities.

fn accounts(keys: &[Sr25519Keyring]) -> Vec<AccountId> {
	keys.iter().map(|k| k.to_account_id()).collect()
}

#[test]
fn presets_are_dev_and_local_only() {
	let names: Vec<String> = preset_names().into_iter().map(|id| id.to_string()).collect();
	assert_eq!(names, vec![DEV.to_string(), LOCAL.to_string()]);
	assert!(get_preset(&PresetId::from("nonexistent")).is_none());
}

fn admins() -> Vec<AccountId> {
	let mut admins = accounts(&[
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
	]);
	admins.sort();
	admins
}

#[test]
fn dev_preset_has_alice_as_sole_validator_and_sudo_and_four_organisations() {
	genesis_of(DEV).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(Session::validators(), vec![alice.clone()]);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(
			pallet_aura::Authorities::<Runtime>::get()[0],
			AuraId::from(Sr25519Keyring::Alice.public()),
			"the Aura authority is Alice's sr25519 key"
		);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice.clone()));
		assert_eq!(pallet_consortium::OrganisationCount::<Runtime>::get(), 4);
		assert_eq!(pallet_consortium::MinValidators::<Runtime>::get(), 1);
		// The council is seated from the organisations' admins.
		assert_eq!(pallet_collective::Members::<Runtime, CouncilInstance>::get(), admins());
		// Operators exist on chain without any balance, so they can sign.
		let operator = Sr25519Keyring::AliceStash.to_account_id();
		assert!(frame_system::Pallet::<Runtime>::account_exists(&operator));
		assert_eq!(
			<Consortium as MembershipCheck<AccountId>>::ensure_role(&operator, Role::Merchant),
			Ok(0)
		);
		Consortium::do_try_state().unwrap();
	});
}

#[test]
fn local_preset_has_four_validators_four_council_members_and_no_sudo() {
	genesis_of(LOCAL).execute_with(|| {
		let four = accounts(&[
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		]);
		assert_eq!(Session::validators(), four);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
		for (validator, keyring) in four.iter().zip([
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		]) {
			let keys = pallet_session::NextKeys::<Runtime>::get(validator)
				.expect("every validator registered its session keys at genesis");
			assert_eq!(keys.aura, AuraId::from(keyring.public()));
		}
		let mut council = pallet_collective::Members::<Runtime, _>::get();
		council.sort();
		let mut expected = four.clone();
		expected.sort();
		assert_eq!(council, expected);
		assert_eq!(
			pallet_sudo::Key::<Runtime>::get(),
			None,
			"the local consortium has no sudo key"
		);
	});
}

#[test]
fn grandpa_keys_are_ed25519_of_the_same_validators() {
	genesis_of(LOCAL).execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let keys = pallet_session::NextKeys::<Runtime>::get(&bob).unwrap();
		assert_eq!(keys.grandpa, GrandpaId::from(sp_keyring::Ed25519Keyring::Bob.public()));
	});
}

//! The council governs the consortium: a motion passed by two thirds of its members admits an
//! organisation, whose admin then sits on the council.

use codec::Encode;
use evidence_primitives::Role;
use evidence_runtime::{
	genesis_config_presets::{get_preset, LOCAL},
	AccountId, Consortium, Council, CouncilInstance, Runtime, RuntimeCall, RuntimeGenesisConfig,
	RuntimeOrigin, System,
};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	BuildStorage,
};

fn local_consortium() -> sp_io::TestExternalities {
	let json = get_preset(&PresetId::from(LOCAL)).unwrap();
	let config: RuntimeGenesisConfig = serde_json::from_slice(&json).unwrap();
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn signed(keyring: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(keyring.to_account_id())
}

fn council() -> Vec<AccountId> {
	pallet_collective::Members::<Runtime, CouncilInstance>::get()
}

#[test]
fn a_council_motion_admits_an_organisation_and_seats_its_admin() {
	local_consortium().execute_with(|| {
		let eve = Sr25519Keyring::Eve.to_account_id();
		let admit = RuntimeCall::Consortium(pallet_consortium::Call::admit_org {
			name: b"Fifth Merchant".to_vec(),
			roles: vec![Role::Merchant],
			admin: eve.clone(),
		});
		let length = admit.encoded_size() as u32;
		let weight = admit.get_dispatch_info().call_weight;
		let hash = BlakeTwo256::hash_of(&admit);

		// Alice proposes with a threshold of three; she, Bob and Charlie vote aye.
		assert_ok!(Council::propose(signed(Sr25519Keyring::Alice), 3, Box::new(admit), length));
		assert_ok!(Council::vote(signed(Sr25519Keyring::Alice), hash, 0, true));
		assert_ok!(Council::vote(signed(Sr25519Keyring::Bob), hash, 0, true));
		// Two of four are not enough to close early.
		assert_noop!(
			Council::close(signed(Sr25519Keyring::Dave), hash, 0, weight, length),
			pallet_collective::Error::<Runtime, CouncilInstance>::TooEarly
		);
		assert_ok!(Council::vote(signed(Sr25519Keyring::Charlie), hash, 0, true));
		assert_ok!(Council::close(signed(Sr25519Keyring::Dave), hash, 0, weight, length));

		let org = pallet_consortium::OrganisationByName::<Runtime>::get(
			sp_runtime::BoundedVec::truncate_from(b"Fifth Merchant".to_vec()),
		)
		.expect("the motion admitted the organisation");
		assert_eq!(pallet_consortium::Organisations::<Runtime>::get(org).unwrap().admin, eve);
		assert!(council().contains(&eve), "the new admin sits on the council");
		assert_eq!(council().len(), 5);
		Consortium::do_try_state().unwrap();
	});
}

#[test]
fn a_single_council_member_cannot_govern_alone() {
	local_consortium().execute_with(|| {
		let eve = Sr25519Keyring::Eve.to_account_id();
		assert_noop!(
			Consortium::admit_org(
				signed(Sr25519Keyring::Alice),
				b"Self-admitted".to_vec(),
				vec![Role::Merchant],
				eve
			),
			sp_runtime::DispatchError::BadOrigin
		);
		// A motion with a threshold below two thirds does not satisfy the governance origin.
		let admit = RuntimeCall::Consortium(pallet_consortium::Call::admit_org {
			name: b"Low threshold".to_vec(),
			roles: vec![Role::Merchant],
			admin: Sr25519Keyring::Ferdie.to_account_id(),
		});
		let length = admit.encoded_size() as u32;
		// Threshold 1 executes at once, with a 1-of-4 origin: refused by the consortium.
		assert_ok!(Council::propose(signed(Sr25519Keyring::Alice), 1, Box::new(admit), length));
		assert_eq!(pallet_consortium::OrganisationCount::<Runtime>::get(), 4);
	});
}

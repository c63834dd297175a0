//! The council governs the consortium: a motion passed by two thirds of its members admits an
//! organisation, whose admin then sits on the council.

use codec::Encode;
use evidence_primitives::Role;
use evidence_runtime::{
	genesis_config_presets::{get_preset, LOCAL},
	AccountId, Consortium, Council, CouncilInstance, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, RuntimeOrigin, System,
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

// ---------------------------------------------------------------- upgrades and root calls

/// Six organisations: two thirds is four seats, three quarters is five, so the two
/// thresholds part.
fn six_member_consortium() -> sp_io::TestExternalities {
	let mut ext = local_consortium();
	ext.execute_with(|| {
		for (name, admin) in
			[(b"Fifth".to_vec(), Sr25519Keyring::Eve), (b"Sixth".to_vec(), Sr25519Keyring::Ferdie)]
		{
			assert_ok!(Consortium::admit_org(
				RuntimeOrigin::root(),
				name,
				vec![Role::Merchant],
				admin.to_account_id()
			));
		}
		assert_eq!(council().len(), 6);
	});
	ext
}

const SEATS: [Sr25519Keyring; 6] = [
	Sr25519Keyring::Alice,
	Sr25519Keyring::Bob,
	Sr25519Keyring::Charlie,
	Sr25519Keyring::Dave,
	Sr25519Keyring::Eve,
	Sr25519Keyring::Ferdie,
];

/// A motion for `call` with `ayes` of the seated members voting for it: proposed with that
/// threshold, voted, closed; returns the outcome of the executed call.
fn motion(call: RuntimeCall, ayes: usize) -> sp_runtime::DispatchResult {
	let length = call.encoded_size() as u32;
	let weight = call.get_dispatch_info().call_weight;
	let hash = BlakeTwo256::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, CouncilInstance>::get();
	let seated: Vec<Sr25519Keyring> =
		SEATS.into_iter().filter(|seat| council().contains(&seat.to_account_id())).collect();
	assert_ok!(Council::propose(signed(seated[0]), ayes as u32, Box::new(call), length));
	for seat in &seated[..ayes] {
		assert_ok!(Council::vote(signed(*seat), hash, index, true));
	}
	assert_ok!(Council::close(signed(seated[0]), hash, index, weight, length));
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Council(pallet_collective::Event::Executed { proposal_hash, result })
				if proposal_hash == hash =>
			{
				Some(result)
			},
			_ => None,
		})
		.expect("the motion was executed")
}

/// `Consortium.dispatch_as_root(call)`.
fn as_root(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Consortium(pallet_consortium::Call::dispatch_as_root { call: Box::new(call) })
}

fn authorise(code_hash: sp_core::H256) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash })
}

fn root_call_result() -> Option<sp_runtime::DispatchResult> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Consortium(pallet_consortium::Event::RootCallDispatched {
			result, ..
		}) => Some(result),
		_ => None,
	})
}

/// Stands in for the executor reading a runtime's version from its code: each known code
/// blob reports the version given here, anything else is not a runtime.
struct Versions(Vec<(Vec<u8>, sp_version::RuntimeVersion)>);
impl sp_core::traits::ReadRuntimeVersion for Versions {
	fn read_runtime_version(
		&self,
		code: &[u8],
		_: &mut dyn sp_externalities::Externalities,
	) -> Result<Vec<u8>, String> {
		self.0
			.iter()
			.find(|(known, _)| known == code)
			.map(|(_, version)| version.encode())
			.ok_or_else(|| "not a runtime".into())
	}
}

/// This runtime's version with another `spec_version`.
fn version(spec_version: u32) -> sp_version::RuntimeVersion {
	sp_version::RuntimeVersion { spec_version, ..evidence_runtime::VERSION }
}

#[test]
fn three_quarters_of_the_council_authorise_a_runtime_upgrade_that_anyone_then_applies() {
	let (next, stale) = (b"the next runtime".to_vec(), b"a stale runtime".to_vec());
	let mut ext = six_member_consortium();
	ext.register_extension(sp_core::traits::ReadRuntimeVersionExt::new(Versions(vec![
		(next.clone(), version(evidence_runtime::VERSION.spec_version + 1)),
		(stale.clone(), version(evidence_runtime::VERSION.spec_version)),
	])));
	ext.execute_with(|| {
		// A motion for a runtime that does not raise `spec_version` passes, but the version
		// check refuses it when applied: no one can downgrade or replay an old runtime.
		let running = sp_io::storage::get(sp_core::storage::well_known_keys::CODE);
		assert_eq!(motion(as_root(authorise(BlakeTwo256::hash(&stale))), 5), Ok(()));
		assert_ok!(System::apply_authorized_upgrade(signed(Sr25519Keyring::Eve), stale));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::System(frame_system::Event::RejectedInvalidAuthorizedUpgrade {
				error,
				..
			}) if error == frame_system::Error::<Runtime>::SpecVersionNeedsToIncrease.into()
		)));
		assert_eq!(sp_io::storage::get(sp_core::storage::well_known_keys::CODE), running);
		let code = next;
		let code_hash = BlakeTwo256::hash(&code);
		assert_eq!(motion(as_root(authorise(code_hash)), 5), Ok(()));
		assert_eq!(root_call_result(), Some(Ok(())));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::System(frame_system::Event::UpgradeAuthorized {
				code_hash,
				check_version: true
			})));
		// Any member submits the code; other code than the authorised one is refused.
		assert_noop!(
			System::apply_authorized_upgrade(signed(Sr25519Keyring::Eve), b"other".to_vec()),
			frame_system::Error::<Runtime>::Unauthorized
		);
		assert_ok!(System::apply_authorized_upgrade(signed(Sr25519Keyring::Eve), code.clone()));
		assert_eq!(
			sp_io::storage::get(sp_core::storage::well_known_keys::CODE).as_deref(),
			Some(&code[..])
		);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::System(frame_system::Event::CodeUpdated { .. })
		)));
		// The authorisation is spent: the same code cannot be applied twice.
		assert_noop!(
			System::apply_authorized_upgrade(signed(Sr25519Keyring::Eve), code),
			frame_system::Error::<Runtime>::NothingAuthorized
		);
	});
}

#[test]
fn two_thirds_of_the_council_admit_an_organisation_but_cannot_upgrade_the_runtime() {
	six_member_consortium().execute_with(|| {
		// Four of six pass ordinary governance...
		let admit = RuntimeCall::Consortium(pallet_consortium::Call::admit_org {
			name: b"Seventh".to_vec(),
			roles: vec![Role::Carrier],
			admin: Sr25519Keyring::One.to_account_id(),
		});
		assert_eq!(motion(admit, 4), Ok(()));
		assert_eq!(council().len(), 7);
	});
	six_member_consortium().execute_with(|| {
		// ...but not an upgrade: the motion executes with a 4-of-6 origin, refused.
		let code_hash = BlakeTwo256::hash(b"a rival's runtime");
		assert_eq!(
			motion(as_root(authorise(code_hash)), 4),
			Err(sp_runtime::DispatchError::BadOrigin)
		);
		assert_eq!(root_call_result(), None);
		// No member alone, and no member calling the root call directly.
		assert_noop!(
			Consortium::dispatch_as_root(
				signed(Sr25519Keyring::Alice),
				Box::new(authorise(code_hash))
			),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			System::authorize_upgrade(signed(Sr25519Keyring::Alice), code_hash),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			System::apply_authorized_upgrade(signed(Sr25519Keyring::Alice), b"code".to_vec()),
			frame_system::Error::<Runtime>::NothingAuthorized
		);
	});
}

#[test]
fn the_council_recovers_a_stalled_finality_through_the_same_path() {
	six_member_consortium().execute_with(|| {
		let stalled = RuntimeCall::Grandpa(pallet_grandpa::Call::note_stalled {
			delay: 1000,
			best_finalized_block_number: 0,
		});
		assert_eq!(motion(as_root(stalled.clone()), 4), Err(sp_runtime::DispatchError::BadOrigin));
		assert_eq!(pallet_grandpa::Stalled::<Runtime>::get(), None);
		assert_eq!(motion(as_root(stalled), 5), Ok(()));
		assert_eq!(root_call_result(), Some(Ok(())));
		assert_eq!(pallet_grandpa::Stalled::<Runtime>::get(), Some((1000, 0)));
	});
}

#[test]
fn the_upgrade_path_dispatches_nothing_broader_than_upgrades_and_finality_recovery() {
	six_member_consortium().execute_with(|| {
		let broader = [
			RuntimeCall::System(frame_system::Call::set_code { code: b"code".to_vec() }),
			RuntimeCall::System(frame_system::Call::set_code_without_checks {
				code: b"code".to_vec(),
			}),
			RuntimeCall::System(frame_system::Call::authorize_upgrade_without_checks {
				code_hash: BlakeTwo256::hash(b"code"),
			}),
			RuntimeCall::System(frame_system::Call::set_storage {
				items: vec![(b":code".to_vec(), b"code".to_vec())],
			}),
			RuntimeCall::System(frame_system::Call::kill_prefix { prefix: vec![], subkeys: 1 }),
		];
		for call in broader {
			assert_noop!(
				Consortium::dispatch_as_root(RuntimeOrigin::root(), Box::new(call.clone())),
				pallet_consortium::Error::<Runtime>::NotARootCall
			);
			// Through the council it fails the same way, and nothing ran.
			assert_eq!(
				motion(as_root(call), 6),
				Err(pallet_consortium::Error::<Runtime>::NotARootCall.into())
			);
			assert_eq!(root_call_result(), None);
		}
	});
}

#[test]
fn council_seats_change_only_with_the_organisations() {
	six_member_consortium().execute_with(|| {
		// Even a unanimous council cannot seat an outsider, unseat a member or set a prime.
		let outsider = Sr25519Keyring::One.to_account_id();
		let set_members = RuntimeCall::Council(pallet_collective::Call::set_members {
			new_members: vec![outsider.clone()],
			prime: Some(outsider.clone()),
			old_count: 6,
		});
		assert_eq!(motion(set_members.clone(), 6), Err(sp_runtime::DispatchError::BadOrigin));
		assert_eq!(council().len(), 6);
		assert!(!council().contains(&outsider));
		assert_eq!(pallet_collective::Prime::<Runtime, CouncilInstance>::get(), None);
		Consortium::do_try_state().unwrap();
	});
}

#[test]
fn the_council_lowers_the_validator_floor_so_an_organisation_can_leave() {
	six_member_consortium().execute_with(|| {
		// The local consortium runs four validators at a floor of three: one may leave...
		let floor = pallet_consortium::MinValidators::<Runtime>::get();
		assert_eq!(floor, 3);
		let validators = pallet_consortium::Validators::<Runtime>::get();
		let remove = |k: usize| {
			RuntimeCall::Consortium(pallet_consortium::Call::remove_org { org: validators[k].org })
		};
		assert_eq!(motion(remove(3), 4), Ok(()));
		// ...then the next organisation running a validator is held at the floor...
		assert_eq!(
			motion(remove(2), 4),
			Err(pallet_consortium::Error::<Runtime>::TooFewValidators.into())
		);
		// ...until two thirds of the council lower it.
		let lower =
			RuntimeCall::Consortium(pallet_consortium::Call::set_min_validators { min: floor - 1 });
		assert_eq!(motion(lower, 4), Ok(()));
		assert_eq!(pallet_consortium::MinValidators::<Runtime>::get(), 2);
		assert_eq!(motion(remove(2), 4), Ok(()));
		assert_eq!(pallet_consortium::Validators::<Runtime>::get().len(), 2);
		Consortium::do_try_state().unwrap();
	});
}

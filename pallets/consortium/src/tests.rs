//! One test per behaviour and per error of the consortium pallet.

use crate::{mock::*, *};
use codec::Encode;
use evidence_primitives::{MembershipCheck, MembershipError, OrgId, Role};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	pallet_prelude::{TransactionSource, Weight},
	traits::Get,
};
use pallet_session::SessionManager;
use sp_runtime::{
	traits::{DispatchTransaction, Hash, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchError,
};

type Pallet = crate::Pallet<Test>;
type Error = crate::Error<Test>;

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was emitted").event
}

fn council() -> Vec<AccountId> {
	CouncilMembers::get()
}

fn admit(name: &str, admin: AccountId) -> OrgId {
	let id = NextOrgId::<Test>::get();
	assert_ok!(Consortium::admit_org(root(), name.into(), vec![Role::Merchant], admin));
	id
}

// ---------------------------------------------------------------- genesis

#[test]
fn genesis_builds_organisations_council_and_validators() {
	test(|| {
		assert_eq!(OrganisationCount::<Test>::get(), 4);
		assert_eq!(council(), vec![PLATFORM_ADMIN, AGENCY_ADMIN, CARRIER_ADMIN, ARBITRATOR_ADMIN]);
		assert_eq!(Pallet::active_validators(), vec![100, 200, 300, 400]);
		assert_eq!(MinValidators::<Test>::get(), 3);
		let platform = Organisations::<Test>::get(PLATFORM).unwrap();
		assert_eq!(platform.roles.to_vec(), vec![Role::Platform]);
		assert_eq!(platform.operators.to_vec(), vec![PLATFORM_OPERATOR]);
		// Member accounts exist (a provider each), so they can sign without a balance.
		assert!(System::account_exists(&PLATFORM_OPERATOR));
		assert!(!System::account_exists(&OUTSIDER));
	});
}

// ---------------------------------------------------------------- admit_org

#[test]
fn admit_org_records_the_organisation_and_seats_its_admin() {
	test(|| {
		System::set_block_number(7);
		let id = admit("Merchant Co", 50);
		assert_eq!(id, 4);
		let org = Organisations::<Test>::get(id).unwrap();
		assert_eq!(org.name.to_vec(), b"Merchant Co".to_vec());
		assert_eq!(org.status, OrgStatus::Active);
		assert_eq!(org.admin, 50);
		assert_eq!(org.joined_at, 7);
		assert_eq!(Members::<Test>::get(50), Some(Membership { org: id, kind: MemberKind::Admin }));
		assert!(council().contains(&50));
		assert!(System::account_exists(&50));
		assert_eq!(
			last_event(),
			Event::OrganisationAdmitted {
				org: id,
				name: b"Merchant Co".to_vec().try_into().unwrap(),
				admin: 50
			}
			.into()
		);
	});
}

#[test]
fn admit_org_sorts_and_deduplicates_roles() {
	test(|| {
		assert_ok!(Consortium::admit_org(
			root(),
			b"Multi".to_vec(),
			vec![Role::Carrier, Role::Platform, Role::Carrier],
			50
		));
		assert_eq!(
			Organisations::<Test>::get(4).unwrap().roles.to_vec(),
			vec![Role::Platform, Role::Carrier]
		);
	});
}

#[test]
fn admit_org_requires_governance() {
	test(|| {
		assert_noop!(
			Consortium::admit_org(signed(PLATFORM_ADMIN), b"X".to_vec(), vec![Role::Merchant], 50),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn admit_org_rejects_a_duplicate_name() {
	test(|| {
		assert_noop!(
			Consortium::admit_org(root(), b"Carrier Co".to_vec(), vec![Role::Carrier], 50),
			Error::DuplicateOrganisationName
		);
	});
}

#[test]
fn admit_org_rejects_bad_names_and_empty_roles() {
	test(|| {
		assert_noop!(
			Consortium::admit_org(root(), vec![], vec![Role::Merchant], 50),
			Error::EmptyName
		);
		assert_noop!(
			Consortium::admit_org(root(), vec![b'x'; 33], vec![Role::Merchant], 50),
			Error::NameTooLong
		);
		assert_noop!(Consortium::admit_org(root(), b"X".to_vec(), vec![], 50), Error::NoRoles);
	});
}

#[test]
fn admit_org_rejects_an_admin_of_another_organisation() {
	test(|| {
		assert_noop!(
			Consortium::admit_org(root(), b"X".to_vec(), vec![Role::Merchant], CARRIER_OPERATOR),
			Error::AccountAlreadyMember
		);
	});
}

#[test]
fn admit_org_stops_at_the_organisation_limit() {
	test(|| {
		admit("Fifth", 50);
		admit("Sixth", 60);
		assert_noop!(
			Consortium::admit_org(root(), b"Seventh".to_vec(), vec![Role::Merchant], 70),
			Error::TooManyOrganisations
		);
	});
}

// ---------------------------------------------------------------- set_roles

#[test]
fn set_roles_replaces_roles() {
	test(|| {
		assert_ok!(Consortium::set_roles(root(), CARRIER, vec![Role::Carrier, Role::Merchant]));
		assert!(Pallet::has_role(CARRIER, Role::Merchant));
		assert_eq!(
			last_event(),
			Event::RolesSet {
				org: CARRIER,
				roles: vec![Role::Merchant, Role::Carrier].try_into().unwrap()
			}
			.into()
		);
	});
}

#[test]
fn set_roles_rejects_unknown_org_empty_roles_and_non_governance() {
	test(|| {
		assert_noop!(
			Consortium::set_roles(root(), 42, vec![Role::Carrier]),
			Error::UnknownOrganisation
		);
		assert_noop!(Consortium::set_roles(root(), CARRIER, vec![]), Error::NoRoles);
		assert_noop!(
			Consortium::set_roles(signed(CARRIER_ADMIN), CARRIER, vec![Role::Platform]),
			DispatchError::BadOrigin
		);
	});
}

// ---------------------------------------------------------------- suspend / reinstate

#[test]
fn suspend_org_removes_its_council_seat_and_next_session_validators() {
	test(|| {
		assert_ok!(Consortium::suspend_org(root(), CARRIER));
		assert_eq!(Organisations::<Test>::get(CARRIER).unwrap().status, OrgStatus::Suspended);
		assert!(!council().contains(&CARRIER_ADMIN));
		assert_eq!(Pallet::planned_validators(), Some(vec![100, 200, 400]));
		assert_eq!(last_event(), Event::OrganisationSuspended { org: CARRIER }.into());
	});
}

#[test]
fn suspend_org_rejects_unknown_already_suspended_and_below_minimum() {
	test(|| {
		assert_noop!(Consortium::suspend_org(root(), 42), Error::UnknownOrganisation);
		assert_ok!(Consortium::suspend_org(root(), CARRIER));
		assert_noop!(Consortium::suspend_org(root(), CARRIER), Error::OrganisationSuspended);
		// Three active validators left, minimum three.
		assert_noop!(Consortium::suspend_org(root(), AGENCY), Error::TooFewValidators);
	});
}

#[test]
fn reinstate_org_restores_the_seat_and_validators() {
	test(|| {
		assert_ok!(Consortium::suspend_org(root(), CARRIER));
		assert_ok!(Consortium::reinstate_org(root(), CARRIER));
		assert!(council().contains(&CARRIER_ADMIN));
		assert_eq!(Pallet::planned_validators(), Some(vec![100, 200, 300, 400]));
		assert_eq!(last_event(), Event::OrganisationReinstated { org: CARRIER }.into());
	});
}

#[test]
fn reinstate_org_rejects_unknown_and_active_organisations() {
	test(|| {
		assert_noop!(Consortium::reinstate_org(root(), 42), Error::UnknownOrganisation);
		assert_noop!(Consortium::reinstate_org(root(), CARRIER), Error::OrganisationNotSuspended);
	});
}

// ---------------------------------------------------------------- remove_org

#[test]
fn remove_org_removes_accounts_validators_and_seat() {
	test(|| {
		assert_ok!(Consortium::remove_org(root(), ARBITRATOR));
		assert!(Organisations::<Test>::get(ARBITRATOR).is_none());
		assert!(Members::<Test>::get(ARBITRATOR_ADMIN).is_none());
		assert!(Members::<Test>::get(ARBITRATOR_ADMIN + 1).is_none());
		assert!(!council().contains(&ARBITRATOR_ADMIN));
		assert_eq!(Pallet::active_validators(), vec![100, 200, 300]);
		assert_eq!(OrganisationCount::<Test>::get(), 3);
		assert!(!System::account_exists(&(ARBITRATOR_ADMIN + 1)));
		assert_eq!(last_event(), Event::OrganisationRemoved { org: ARBITRATOR }.into());
		// The name is free again.
		admit("Arbitration Co", 50);
	});
}

#[test]
fn remove_org_rejects_unknown_and_below_minimum() {
	test(|| {
		assert_noop!(Consortium::remove_org(root(), 42), Error::UnknownOrganisation);
		assert_ok!(Consortium::remove_org(root(), ARBITRATOR));
		assert_noop!(Consortium::remove_org(root(), CARRIER), Error::TooFewValidators);
	});
}

// ---------------------------------------------------------------- validators

#[test]
fn add_validator_joins_the_set_once_keys_are_registered() {
	test(|| {
		assert_ok!(Consortium::add_validator(root(), CARRIER, 301));
		assert_eq!(last_event(), Event::ValidatorAdded { org: CARRIER, validator: 301 }.into());
		// No keys yet: not in the next set.
		assert_eq!(Pallet::planned_validators(), Some(vec![100, 200, 300, 400]));
		RegisteredKeys::insert(301, ());
		assert_eq!(Pallet::new_session(5), Some(vec![100, 200, 300, 400, 301]));
		assert_eq!(
			last_event(),
			Event::ValidatorSetPlanned { session: 5, validators: vec![100, 200, 300, 400, 301] }
				.into()
		);
		// It can now transact with its own session keys.
		assert!(System::account_exists(&301));
	});
}

#[test]
fn add_validator_rejects_bad_input() {
	test(|| {
		assert_noop!(Consortium::add_validator(root(), 42, 500), Error::UnknownOrganisation);
		assert_noop!(Consortium::add_validator(root(), CARRIER, 100), Error::AlreadyValidator);
		assert_ok!(Consortium::suspend_org(root(), CARRIER));
		assert_noop!(Consortium::add_validator(root(), CARRIER, 500), Error::OrganisationSuspended);
		assert_ok!(Consortium::add_validator(root(), AGENCY, 201));
		assert_ok!(Consortium::add_validator(root(), AGENCY, 202));
		assert_noop!(Consortium::add_validator(root(), AGENCY, 203), Error::TooManyValidators);
		assert_noop!(
			Consortium::add_validator(signed(AGENCY_ADMIN), AGENCY, 204),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn remove_validator_leaves_at_the_next_session_but_never_below_the_minimum() {
	test(|| {
		assert_ok!(Consortium::remove_validator(root(), 400));
		assert_eq!(
			last_event(),
			Event::ValidatorRemoved { org: ARBITRATOR, validator: 400 }.into()
		);
		assert_eq!(Pallet::new_session(2), Some(vec![100, 200, 300]));
		assert_noop!(Consortium::remove_validator(root(), 300), Error::TooFewValidators);
		assert_noop!(Consortium::remove_validator(root(), 999), Error::NotAValidator);
	});
}

#[test]
fn governance_lowers_the_floor_so_the_last_validator_of_an_organisation_can_leave() {
	test(|| {
		assert_ok!(Consortium::remove_validator(root(), 400));
		// At the floor of three, the carrier's validator cannot go...
		assert_noop!(Consortium::remove_validator(root(), 300), Error::TooFewValidators);
		// ...until governance lowers the floor.
		assert_ok!(Consortium::set_min_validators(root(), 2));
		assert_eq!(last_event(), Event::MinValidatorsSet { min: 2 }.into());
		assert_eq!(MinValidators::<Test>::get(), 2);
		assert_ok!(Consortium::remove_validator(root(), 300));
		assert_noop!(Consortium::remove_validator(root(), 200), Error::TooFewValidators);
	});
}

#[test]
fn set_min_validators_refuses_zero_more_than_are_active_and_non_governance() {
	test(|| {
		assert_noop!(Consortium::set_min_validators(root(), 0), Error::MinValidatorsZero);
		// Four are active: a floor of five would hold a set that does not exist.
		assert_noop!(Consortium::set_min_validators(root(), 5), Error::TooFewValidators);
		assert_ok!(Consortium::suspend_org(root(), ARBITRATOR));
		assert_noop!(Consortium::set_min_validators(root(), 4), Error::TooFewValidators);
		assert_noop!(
			Consortium::set_min_validators(signed(PLATFORM_ADMIN), 1),
			DispatchError::BadOrigin
		);
		assert_eq!(MinValidators::<Test>::get(), 3);
	});
}

// ---------------------------------------------------------------- dispatch_as_root

#[test]
fn dispatch_as_root_authorises_an_upgrade_and_nothing_else() {
	test(|| {
		let code_hash = sp_core::H256::repeat_byte(7);
		let authorise = RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash });
		assert_ok!(Consortium::dispatch_as_root(root(), Box::new(authorise.clone())));
		assert!(System::events().iter().any(|record| record.event
			== frame_system::Event::UpgradeAuthorized { code_hash, check_version: true }.into()));
		assert_eq!(
			last_event(),
			Event::RootCallDispatched {
				call_hash: <Test as frame_system::Config>::Hashing::hash_of(&authorise),
				result: Ok(())
			}
			.into()
		);
		// A root call outside the list is refused before it runs: no code is set, no
		// storage is written.
		let set_storage = RuntimeCall::System(frame_system::Call::set_storage {
			items: vec![(b"key".to_vec(), b"value".to_vec())],
		});
		assert_noop!(
			Consortium::dispatch_as_root(root(), Box::new(set_storage)),
			Error::NotARootCall
		);
		// Only the upgrade origin may use it.
		assert_noop!(
			Consortium::dispatch_as_root(signed(PLATFORM_ADMIN), Box::new(authorise.clone())),
			DispatchError::BadOrigin
		);
		// The wrapper charges the dispatched call's weight on top of its own.
		let inner = authorise.get_dispatch_info().call_weight;
		let outer =
			RuntimeCall::Consortium(crate::Call::dispatch_as_root { call: Box::new(authorise) })
				.get_dispatch_info()
				.call_weight;
		assert_eq!(outer, inner + <() as crate::WeightInfo>::dispatch_as_root());
	});
}

#[test]
fn session_keeps_the_current_set_when_too_few_validators_are_ready() {
	test(|| {
		RegisteredKeys::remove(300);
		RegisteredKeys::remove(400);
		assert_eq!(Pallet::new_session(3), None);
		assert_eq!(Pallet::new_session_genesis(0), Some(vec![100, 200, 300, 400]));
	});
}

// ---------------------------------------------------------------- operators

#[test]
fn admin_adds_and_removes_operators() {
	test(|| {
		assert_ok!(Consortium::add_operator(signed(CARRIER_ADMIN), 32));
		assert_eq!(
			Members::<Test>::get(32),
			Some(Membership { org: CARRIER, kind: MemberKind::Operator })
		);
		assert_eq!(last_event(), Event::OperatorAdded { org: CARRIER, operator: 32 }.into());
		assert_ok!(Consortium::remove_operator(signed(CARRIER_ADMIN), 32));
		assert!(Members::<Test>::get(32).is_none());
		assert!(!System::account_exists(&32));
		assert_eq!(last_event(), Event::OperatorRemoved { org: CARRIER, operator: 32 }.into());
	});
}

#[test]
fn only_an_active_admin_manages_operators() {
	test(|| {
		assert_noop!(Consortium::add_operator(signed(CARRIER_OPERATOR), 32), Error::NotAnAdmin);
		assert_noop!(Consortium::add_operator(signed(OUTSIDER), 32), Error::NotAnAdmin);
		assert_ok!(Consortium::suspend_org(root(), CARRIER));
		assert_noop!(
			Consortium::add_operator(signed(CARRIER_ADMIN), 32),
			Error::OrganisationSuspended
		);
	});
}

#[test]
fn add_operator_rejects_members_of_other_organisations_and_full_lists() {
	test(|| {
		assert_noop!(
			Consortium::add_operator(signed(CARRIER_ADMIN), AGENCY_OPERATOR),
			Error::AccountAlreadyMember
		);
		assert_ok!(Consortium::add_operator(signed(CARRIER_ADMIN), 32));
		assert_ok!(Consortium::add_operator(signed(CARRIER_ADMIN), 33));
		assert_noop!(Consortium::add_operator(signed(CARRIER_ADMIN), 34), Error::TooManyOperators);
	});
}

#[test]
fn remove_operator_rejects_accounts_outside_the_organisation() {
	test(|| {
		assert_noop!(
			Consortium::remove_operator(signed(CARRIER_ADMIN), AGENCY_OPERATOR),
			Error::NotAnOperatorOfThisOrganisation
		);
		assert_noop!(
			Consortium::remove_operator(signed(CARRIER_ADMIN), CARRIER_ADMIN),
			Error::NotAnOperatorOfThisOrganisation
		);
		assert_noop!(
			Consortium::remove_operator(signed(CARRIER_ADMIN), OUTSIDER),
			Error::NotAnOperatorOfThisOrganisation
		);
	});
}

// ---------------------------------------------------------------- set_admin

#[test]
fn set_admin_moves_the_council_seat() {
	test(|| {
		assert_ok!(Consortium::set_admin(signed(CARRIER_ADMIN), 35));
		assert_eq!(Organisations::<Test>::get(CARRIER).unwrap().admin, 35);
		assert!(council().contains(&35));
		assert!(!council().contains(&CARRIER_ADMIN));
		assert!(Members::<Test>::get(CARRIER_ADMIN).is_none());
		assert_eq!(
			last_event(),
			Event::AdminChanged { org: CARRIER, old_admin: CARRIER_ADMIN, new_admin: 35 }.into()
		);
	});
}

#[test]
fn set_admin_can_promote_an_operator() {
	test(|| {
		assert_ok!(Consortium::set_admin(signed(CARRIER_ADMIN), CARRIER_OPERATOR));
		let org = Organisations::<Test>::get(CARRIER).unwrap();
		assert_eq!(org.admin, CARRIER_OPERATOR);
		assert!(org.operators.is_empty());
		assert!(System::account_exists(&CARRIER_OPERATOR));
	});
}

#[test]
fn set_admin_rejects_non_admins_and_members_elsewhere() {
	test(|| {
		assert_noop!(Consortium::set_admin(signed(CARRIER_OPERATOR), 35), Error::NotAnAdmin);
		assert_noop!(
			Consortium::set_admin(signed(CARRIER_ADMIN), AGENCY_ADMIN),
			Error::AccountAlreadyMember
		);
	});
}

// ---------------------------------------------------------------- MembershipCheck

#[test]
fn membership_check_answers_for_admins_and_operators() {
	test(|| {
		assert_eq!(Pallet::ensure_role(&AGENCY_OPERATOR, Role::InspectionAgency), Ok(AGENCY));
		assert_eq!(Pallet::ensure_role(&AGENCY_ADMIN, Role::InspectionAgency), Ok(AGENCY));
		assert_eq!(
			Pallet::ensure_role(&AGENCY_OPERATOR, Role::Carrier),
			Err(MembershipError::MissingRole)
		);
		assert_eq!(Pallet::organisation_of(&OUTSIDER), Err(MembershipError::NotAMember));
		assert_ok!(Consortium::suspend_org(root(), CARRIER));
		assert_eq!(
			Pallet::ensure_role(&CARRIER_OPERATOR, Role::Carrier),
			Err(MembershipError::OrganisationSuspended)
		);
		assert!(!Pallet::has_role(CARRIER, Role::Carrier));
	});
}

// ---------------------------------------------------------------- the membership gate

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] })
}

fn key_call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![] })
}

fn gate_validate(who: AccountId, call: &RuntimeCall) -> Result<(), TransactionValidityError> {
	let info = call.get_dispatch_info();
	CheckMembership::<Test>::new()
		.validate_only(signed(who), call, &info, 0, TransactionSource::External, 0)
		.map(|_| ())
}

fn gate_apply(who: AccountId, call: RuntimeCall) -> Result<(), TransactionValidityError> {
	let info = call.get_dispatch_info();
	CheckMembership::<Test>::new()
		.dispatch_transaction(signed(who), call, &info, 0, 0)
		.map(|result| assert!(result.is_ok(), "the call itself succeeds"))
}

#[test]
fn gate_admits_admins_and_operators_of_active_organisations() {
	test(|| {
		assert_ok!(gate_validate(PLATFORM_OPERATOR, &remark()));
		assert_ok!(gate_validate(PLATFORM_ADMIN, &remark()));
	});
}

#[test]
fn gate_rejects_non_members_with_custom_code_1() {
	test(|| {
		assert_eq!(gate_validate(OUTSIDER, &remark()), Err(InvalidTransaction::Custom(1).into()));
		assert_eq!(GateError::NotAMember as u8, 1);
	});
}

#[test]
fn gate_rejects_accounts_of_suspended_organisations_with_custom_code_2() {
	test(|| {
		assert_ok!(Consortium::suspend_org(root(), CARRIER));
		assert_eq!(
			gate_validate(CARRIER_OPERATOR, &remark()),
			Err(InvalidTransaction::Custom(2).into())
		);
		assert_eq!(
			gate_validate(CARRIER_ADMIN, &remark()),
			Err(InvalidTransaction::Custom(2).into())
		);
	});
}

#[test]
fn gate_lets_a_validator_manage_only_its_session_keys() {
	test(|| {
		assert_ok!(gate_validate(300, &key_call()));
		assert_eq!(gate_validate(300, &remark()), Err(InvalidTransaction::Custom(1).into()));
		assert_eq!(gate_validate(OUTSIDER, &key_call()), Err(InvalidTransaction::Custom(1).into()));
	});
}

fn upgrade_call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::apply_authorized_upgrade { code: vec![0] })
}

#[test]
fn gate_admits_only_allow_listed_unsigned_calls_with_custom_code_3() {
	test(|| {
		let refused = Err(TransactionValidityError::from(InvalidTransaction::Custom(3)));
		assert_eq!(GateError::UnsignedCallNotAllowed as u8, 3);
		for (call, allowed) in [(upgrade_call(), true), (remark(), false), (key_call(), false)] {
			let info = call.get_dispatch_info();
			// A general transaction with no signer (origin `None`).
			let general = CheckMembership::<Test>::new()
				.validate(
					RuntimeOrigin::none(),
					&call,
					&info,
					0,
					(),
					&sp_runtime::traits::TxBaseImplication(&call),
					TransactionSource::External,
				)
				.map(|(_, val, _)| assert_eq!(val, None, "no organisation is charged"));
			// A bare (unsigned) extrinsic, at the pool and in a block.
			let bare = <CheckMembership<Test> as TransactionExtension<RuntimeCall>>::bare_validate(
				&call, &info, 0,
			)
			.map(|_| ());
			let in_block = <CheckMembership<Test> as TransactionExtension<RuntimeCall>>::bare_validate_and_prepare(
				&call, &info, 0,
			);
			if allowed {
				assert_ok!(general);
				assert_ok!(bare);
				assert_ok!(in_block);
			} else {
				assert_eq!(general, refused);
				assert_eq!(bare, refused);
				assert_eq!(in_block, refused);
			}
		}
	});
}

#[test]
fn an_organisation_uses_at_most_its_share_of_a_block() {
	test(|| {
		let limit = CheckMembership::<Test>::share_limit();
		let half = Weight::from_parts(limit.ref_time() / 2, limit.proof_size() / 2);
		assert_ok!(CheckMembership::<Test>::charge(PLATFORM, half, 0));
		assert_ok!(CheckMembership::<Test>::charge(PLATFORM, half, 0));
		// Admin and operators share their organisation's share: the next one waits.
		assert_eq!(
			CheckMembership::<Test>::charge(PLATFORM, Weight::from_parts(1, 0), 0),
			Err(InvalidTransaction::ExhaustsResources.into())
		);
		assert_eq!(
			gate_apply(PLATFORM_ADMIN, remark()),
			Err(InvalidTransaction::ExhaustsResources.into())
		);
		// Another organisation is unaffected, and the pool still admits the platform's
		// transaction: it waits for the next block.
		assert_ok!(gate_apply(AGENCY_OPERATOR, remark()));
		assert_ok!(gate_validate(PLATFORM_OPERATOR, &remark()));
		System::set_block_number(2);
		assert_ok!(gate_apply(PLATFORM_OPERATOR, remark()));
		let charged = remark().get_dispatch_info().total_weight();
		let usage = BlockUsageOf::<Test>::get(PLATFORM);
		assert_eq!((usage.block, usage.used), (2, charged));
	});
}

#[test]
fn the_first_transaction_of_an_organisation_in_a_block_fits_however_heavy() {
	test(|| {
		let limit = CheckMembership::<Test>::share_limit();
		let heavy = limit.saturating_mul(2);
		assert_ok!(CheckMembership::<Test>::charge(CARRIER, heavy, 0));
		assert_eq!(
			CheckMembership::<Test>::charge(CARRIER, Weight::from_parts(1, 0), 0),
			Err(InvalidTransaction::ExhaustsResources.into())
		);
	});
}

#[test]
fn only_an_organisations_first_transaction_in_a_block_writes_its_usage() {
	test(|| {
		let one = Weight::from_parts(1, 0);
		let first = CheckMembership::<Test>::charge(PLATFORM, one, 0).expect("fits");
		let second = CheckMembership::<Test>::charge(PLATFORM, one, 0).expect("fits");
		let other = CheckMembership::<Test>::charge(AGENCY, one, 0).expect("fits");
		assert_eq!((first.org, first.usage_written), (PLATFORM, false));
		assert_eq!((second.org, second.usage_written), (PLATFORM, true));
		assert_eq!((other.org, other.usage_written), (AGENCY, false));
		// The next block starts over.
		System::set_block_number(2);
		let next = CheckMembership::<Test>::charge(PLATFORM, one, 0).expect("fits");
		assert!(!next.usage_written);
	});
}

#[test]
fn what_a_call_does_not_use_goes_back_to_the_share() {
	use frame_support::dispatch::PostDispatchInfo;
	test(|| {
		let call = remark();
		let info = call.get_dispatch_info();
		let charged = info.total_weight();
		let charge = CheckMembership::<Test>::charge(PLATFORM, charged, 0).expect("fits");
		let post = PostDispatchInfo {
			actual_weight: Some(info.call_weight / 4),
			pays_fee: frame_support::dispatch::Pays::No,
		};
		assert_ok!(
			<CheckMembership<Test> as TransactionExtension<RuntimeCall>>::post_dispatch_details(
				Some(charge),
				&info,
				&post,
				0,
				&Ok(()),
			)
		);
		let expected = charged.saturating_sub(post.calc_unspent(&info));
		assert_eq!(BlockUsageOf::<Test>::get(PLATFORM).used, expected);
		assert!(expected.ref_time() < charged.ref_time());
	});
}

#[test]
fn an_organisation_that_filled_its_share_goes_after_one_that_did_not() {
	test(|| {
		let limit = CheckMembership::<Test>::share_limit();
		assert_ok!(CheckMembership::<Test>::charge(PLATFORM, limit, 0));
		// The pool validates against the next block.
		System::set_block_number(2);
		let priority = |who| {
			let call = remark();
			let info = call.get_dispatch_info();
			CheckMembership::<Test>::new()
				.validate_only(signed(who), &call, &info, 0, TransactionSource::External, 0)
				.map(|(valid, _, _)| valid.priority)
				.unwrap()
		};
		assert_eq!(priority(PLATFORM_OPERATOR), 0);
		assert_eq!(priority(AGENCY_OPERATOR), 1_000_000);
		// A block later the platform's full share is no longer the latest usage.
		System::set_block_number(3);
		assert_eq!(priority(PLATFORM_OPERATOR), 1_000_000);
	});
}

#[test]
fn an_organisation_grows_the_state_by_at_most_its_storage_budget_a_period() {
	test(|| {
		// Far below what governance may set, to count in bytes.
		StorageBudget::<Test>::put(100);
		let one = Weight::from_parts(1, 0);
		assert_ok!(CheckMembership::<Test>::charge(PLATFORM, one, 60));
		// 60 + 50 > 100: refused for good in this period, at the pool and in a block.
		assert_eq!(
			CheckMembership::<Test>::charge(PLATFORM, one, 50),
			Err(InvalidTransaction::Custom(5).into())
		);
		let call = remark();
		let info = call.get_dispatch_info();
		let at_pool = CheckMembership::<Test>::new()
			.validate_only(
				signed(PLATFORM_OPERATOR),
				&call,
				&info,
				50,
				TransactionSource::External,
				0,
			)
			.map(|_| ());
		assert_eq!(at_pool, Err(InvalidTransaction::Custom(5).into()));
		assert_eq!(GateError::StorageBudgetExhausted as u8, 5);
		// What still fits goes in; another organisation has its own budget.
		assert_ok!(CheckMembership::<Test>::charge(PLATFORM, one, 40));
		assert_ok!(CheckMembership::<Test>::charge(AGENCY, one, 100));
		// The next period (ten blocks in the mock) starts from nothing.
		System::set_block_number(10);
		assert_ok!(CheckMembership::<Test>::charge(PLATFORM, one, 100));
		assert_eq!(BlockUsageOf::<Test>::get(PLATFORM).bytes, 100);
		assert_eq!(BlockUsageOf::<Test>::get(PLATFORM).period, 10);
	});
}

#[test]
fn a_spent_storage_budget_never_blocks_governance() {
	test(|| {
		StorageBudget::<Test>::put(100);
		let one = Weight::from_parts(1, 0);
		assert_ok!(CheckMembership::<Test>::charge(PLATFORM, one, 100));
		let validate = |call: &RuntimeCall| {
			CheckMembership::<Test>::new()
				.validate_only(
					signed(PLATFORM_ADMIN),
					call,
					&call.get_dispatch_info(),
					50,
					TransactionSource::External,
					0,
				)
				.map(|_| ())
		};
		assert_eq!(validate(&remark()), Err(InvalidTransaction::Custom(5).into()));
		// The mock's stand-in for a council motion goes through, its bytes not counted.
		let vote = RuntimeCall::Consortium(crate::Call::set_storage_budget { bytes: 1 << 30 });
		assert_ok!(validate(&vote));
		// In a block, too: charged to the block share, not to the budget.
		let info = vote.get_dispatch_info();
		assert_ok!(CheckMembership::<Test>::new().validate_and_prepare(
			signed(PLATFORM_ADMIN),
			&vote,
			&info,
			50,
			0
		));
		assert_eq!(BlockUsageOf::<Test>::get(PLATFORM).bytes, 100);
	});
}

#[test]
fn governance_sets_the_storage_budget_and_never_below_its_minimum() {
	test(|| {
		assert_eq!(StorageBudget::<Test>::get(), 256 << 20);
		assert_noop!(
			Consortium::set_storage_budget(signed(PLATFORM_ADMIN), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Consortium::set_storage_budget(root(), MIN_STORAGE_BUDGET - 1),
			Error::StorageBudgetBelowMinimum
		);
		assert_ok!(Consortium::set_storage_budget(root(), MIN_STORAGE_BUDGET));
		assert_ok!(Consortium::set_storage_budget(root(), 1 << 30));
		assert_eq!(StorageBudget::<Test>::get(), 1 << 30);
		assert_eq!(
			last_event(),
			RuntimeEvent::Consortium(Event::StorageBudgetSet { bytes: 1 << 30 })
		);
	});
}

#[test]
fn governance_sets_the_block_share_and_a_zero_share_is_refused() {
	use sp_runtime::Perbill;
	test(|| {
		assert_eq!(BlockShare::<Test>::get(), Perbill::from_rational(1u32, 3u32));
		assert_noop!(
			Consortium::set_block_share(signed(PLATFORM_ADMIN), Perbill::from_percent(50)),
			DispatchError::BadOrigin
		);
		assert_noop!(Consortium::set_block_share(root(), Perbill::zero()), Error::BlockShareZero);
		assert_ok!(Consortium::set_block_share(root(), Perbill::from_percent(50)));
		assert_eq!(BlockShare::<Test>::get(), Perbill::from_percent(50));
		assert_eq!(
			last_event(),
			RuntimeEvent::Consortium(Event::BlockShareSet { share: Perbill::from_percent(50) })
		);
	});
}

fn nonce_validate(who: AccountId, nonce: u32) -> Result<(), TransactionValidityError> {
	let call = remark();
	let info = call.get_dispatch_info();
	CheckNonceWindow::<Test>::from(nonce)
		.validate_only(signed(who), &call, &info, 0, TransactionSource::External, 0)
		.map(|_| ())
}

#[test]
fn an_organisation_holds_at_most_its_share_of_the_pool_with_custom_code_4() {
	test(|| {
		// An admin and one operator share eight places: four each.
		assert_eq!(CheckNonceWindow::<Test>::window(&PLATFORM_OPERATOR), 4);
		for nonce in 0..4 {
			assert_ok!(nonce_validate(PLATFORM_OPERATOR, nonce));
		}
		assert_eq!(nonce_validate(PLATFORM_OPERATOR, 4), Err(InvalidTransaction::Custom(4).into()));
		assert_eq!(GateError::PoolShareExhausted as u8, 4);
		// The window moves with the chain's nonce.
		frame_system::Pallet::<Test>::inc_account_nonce(PLATFORM_OPERATOR);
		assert_ok!(nonce_validate(PLATFORM_OPERATOR, 4));
		// Stale nonces are still the nonce check's: refused as stale.
		assert_eq!(nonce_validate(PLATFORM_OPERATOR, 0), Err(InvalidTransaction::Stale.into()));
		// More operators, smaller parts: the organisation's total stays the same.
		assert_ok!(Consortium::add_operator(signed(PLATFORM_ADMIN), 12));
		assert_eq!(CheckNonceWindow::<Test>::window(&PLATFORM_OPERATOR), 8 / 3);
		// A validator outside every organisation: one waiting transaction.
		assert_eq!(CheckNonceWindow::<Test>::window(&300), 1);
	});
}

#[test]
fn the_nonce_window_signs_and_encodes_as_the_nonce_check() {
	let window = CheckNonceWindow::<Test>::from(7);
	assert_eq!(window.encode(), frame_system::CheckNonce::<Test>::from(7).encode());
	assert_eq!(
		<CheckNonceWindow<Test> as TransactionExtension<RuntimeCall>>::IDENTIFIER,
		"CheckNonce"
	);
}

#[test]
fn a_member_has_at_most_its_share_of_open_council_motions() {
	use frame_support::traits::Consideration;
	test(|| {
		let first = ProposalSlot::<Test>::new(&PLATFORM_ADMIN, 0).unwrap();
		let second = ProposalSlot::<Test>::new(&PLATFORM_ADMIN, 1).unwrap();
		assert_eq!(
			ProposalSlot::<Test>::new(&PLATFORM_ADMIN, 2),
			Err(Error::TooManyOpenProposals.into())
		);
		// Another member's slots are its own.
		assert_ok!(ProposalSlot::<Test>::new(&AGENCY_ADMIN, 2));
		// Releasing a closed motion's slot, or killing the motion, frees one.
		assert_ok!(first.drop(&PLATFORM_ADMIN));
		assert_eq!(OpenProposals::<Test>::get(PLATFORM_ADMIN), 1);
		let third = ProposalSlot::<Test>::new(&PLATFORM_ADMIN, 2).unwrap();
		second.burn(&PLATFORM_ADMIN);
		third.burn(&PLATFORM_ADMIN);
		assert!(!OpenProposals::<Test>::contains_key(PLATFORM_ADMIN), "nothing left stored");
	});
}

#[test]
fn migration_v2_removes_the_per_block_transaction_counts() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	test(|| {
		let prefix = frame_support::storage::storage_prefix(b"Consortium", b"TransactionQuota");
		for org in 0u32..3 {
			let mut key = prefix.to_vec();
			key.extend(sp_io::hashing::twox_64(&org.encode()));
			key.extend(org.encode());
			frame_support::storage::unhashed::put_raw(&key, &(7u64, 3u32).encode());
		}
		StorageVersion::new(1).put::<Pallet>();
		crate::migrations::v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert!(!frame_support::storage::unhashed::contains_prefixed_key(&prefix));
		assert_eq!(Pallet::on_chain_storage_version(), StorageVersion::new(2));
		// Run again on the migrated chain, it does nothing.
		let weight = crate::migrations::v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		let db: frame_support::weights::RuntimeDbWeight =
			<<Test as frame_system::Config>::DbWeight as Get<_>>::get();
		assert_eq!(weight, db.reads(1));
	});
}

#[test]
fn migration_v3_removes_the_usage_entries_of_the_old_layout() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	test(|| {
		// Version 2 kept { block, used } per organisation; version 3 adds { period, bytes }.
		for org in 0u32..3 {
			let key = BlockUsageOf::<Test>::hashed_key_for(org);
			frame_support::storage::unhashed::put_raw(
				&key,
				&(5u32, Weight::from_parts(9, 1)).encode(),
			);
			assert!(BlockUsageOf::<Test>::try_get(org).is_err(), "the old layout does not decode");
		}
		StorageVersion::new(2).put::<Pallet>();
		crate::migrations::v3::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(BlockUsageOf::<Test>::iter_keys().count(), 0);
		assert_eq!(Pallet::on_chain_storage_version(), StorageVersion::new(3));
		// Run again on the migrated chain, it does nothing.
		let weight = crate::migrations::v3::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		let db: frame_support::weights::RuntimeDbWeight =
			<<Test as frame_system::Config>::DbWeight as Get<_>>::get();
		assert_eq!(weight, db.reads(1));
	});
}

// ---------------------------------------------------------------- directory

#[test]
fn the_directory_lists_active_organisations_holding_a_role() {
	use evidence_primitives::OrganisationDirectory;
	test(|| {
		assert_eq!(Consortium::organisations_with(Role::Arbitrator), vec![ARBITRATOR]);
		let second = NextOrgId::<Test>::get();
		assert_ok!(Consortium::admit_org(
			root(),
			"Second Arbitration".into(),
			vec![Role::Arbitrator],
			777
		));
		assert_eq!(Consortium::organisations_with(Role::Arbitrator), vec![ARBITRATOR, second]);
		assert_ok!(Consortium::suspend_org(root(), ARBITRATOR));
		assert_eq!(Consortium::organisations_with(Role::Arbitrator), vec![second]);
		assert!(Consortium::organisations_with(Role::Merchant).is_empty());
	});
}

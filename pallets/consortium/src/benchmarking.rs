//! Benchmarks of every call at its worst case.

use super::*;
use crate::Pallet as Consortium;
use alloc::{vec, vec::Vec};
use evidence_primitives::{OrgId, Role};
use frame_benchmarking::v2::*;
use frame_support::traits::{Contains, EnsureOrigin, Get};
use frame_system::RawOrigin;

const SEED: u32 = 0;

fn all_roles() -> Vec<Role> {
	vec![Role::Platform, Role::Merchant, Role::InspectionAgency, Role::Carrier, Role::Arbitrator]
}

/// A name of the maximum length, distinct per `index`.
fn long_name<T: Config>(index: u32) -> Vec<u8> {
	let mut name = vec![b'o'; T::MaxNameLen::get() as usize];
	let digits = index.to_le_bytes();
	let len = name.len();
	name[len.saturating_sub(4)..].copy_from_slice(&digits[..len.min(4)]);
	name
}

/// Admits organisations until `count` exist; returns the id of the last one admitted.
fn fill_organisations<T: Config>(count: u32) -> Option<OrgId> {
	let mut last = None;
	let mut index = 1000;
	while OrganisationCount::<T>::get() < count {
		let admin: T::AccountId = account("admin", index, SEED);
		last =
			Some(Consortium::<T>::do_admit_org(long_name::<T>(index), all_roles(), admin).unwrap());
		index += 1;
	}
	last
}

/// An organisation with `operators` operators and one validator, plus enough other
/// validators that removing this organisation keeps the minimum.
fn busy_organisation<T: Config>(operators: u32) -> (OrgId, T::AccountId) {
	fill_organisations::<T>(T::MaxOrganisations::get() - 1);
	let admin: T::AccountId = account("busy-admin", 0, SEED);
	let org = Consortium::<T>::do_admit_org(long_name::<T>(1), all_roles(), admin.clone()).unwrap();
	for i in 0..operators {
		Consortium::<T>::do_add_operator(org, account("operator", i, SEED)).unwrap();
	}
	ensure_spare_validators::<T>(org);
	Consortium::<T>::do_add_validator(org, account("busy-validator", 0, SEED)).unwrap();
	(org, admin)
}

/// Adds validators of some other active organisation until the minimum holds without `org`.
fn ensure_spare_validators<T: Config>(org: OrgId) {
	let other = Organisations::<T>::iter_keys().find(|id| *id != org).unwrap();
	let mut i = 0;
	while Validators::<T>::get().iter().filter(|v| v.org != org).count() as u32
		<= Consortium::<T>::validator_floor()
	{
		Consortium::<T>::do_add_validator(other, account("spare", i, SEED)).unwrap();
		i += 1;
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn admit_org() {
		fill_organisations::<T>(T::MaxOrganisations::get() - 1);
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();
		let admin: T::AccountId = account("new-admin", 0, SEED);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, long_name::<T>(1), all_roles(), admin.clone());

		assert!(Members::<T>::contains_key(&admin));
	}

	#[benchmark]
	fn set_roles() {
		let (org, _) = busy_organisation::<T>(0);
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org, vec![Role::Carrier]);

		assert_eq!(Organisations::<T>::get(org).unwrap().roles.to_vec(), vec![Role::Carrier]);
	}

	#[benchmark]
	fn suspend_org() {
		let (org, _) = busy_organisation::<T>(0);
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org);

		assert_eq!(Organisations::<T>::get(org).unwrap().status, OrgStatus::Suspended);
	}

	#[benchmark]
	fn reinstate_org() {
		let (org, _) = busy_organisation::<T>(0);
		Consortium::<T>::do_suspend_org(org).unwrap();
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org);

		assert_eq!(Organisations::<T>::get(org).unwrap().status, OrgStatus::Active);
	}

	#[benchmark]
	fn remove_org(o: Linear<0, { T::MaxOperators::get() }>) {
		let (org, _) = busy_organisation::<T>(o);
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org);

		assert!(!Organisations::<T>::contains_key(org));
	}

	#[benchmark]
	fn add_validator() {
		let (org, _) = busy_organisation::<T>(0);
		while (Validators::<T>::get().len() as u32) < T::MaxValidators::get() - 1 {
			let i = Validators::<T>::get().len() as u32;
			Consortium::<T>::do_add_validator(org, account("filler", i, SEED)).unwrap();
		}
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();
		let validator: T::AccountId = account("new-validator", 0, SEED);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org, validator.clone());

		assert!(Validators::<T>::get().iter().any(|v| v.account == validator));
	}

	#[benchmark]
	fn remove_validator() {
		let (_, _) = busy_organisation::<T>(0);
		let validator: T::AccountId = account("busy-validator", 0, SEED);
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, validator.clone());

		assert!(!Validators::<T>::get().iter().any(|v| v.account == validator));
	}

	#[benchmark]
	fn add_operator() {
		let (org, admin) = busy_organisation::<T>(T::MaxOperators::get() - 1);
		let operator: T::AccountId = account("new-operator", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), operator.clone());

		assert_eq!(Members::<T>::get(&operator).map(|m| m.org), Some(org));
	}

	#[benchmark]
	fn remove_operator() {
		let (_, admin) = busy_organisation::<T>(T::MaxOperators::get());
		let operator: T::AccountId = account("operator", T::MaxOperators::get() - 1, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), operator.clone());

		assert!(!Members::<T>::contains_key(&operator));
	}

	#[benchmark]
	fn set_admin() {
		let (org, admin) = busy_organisation::<T>(T::MaxOperators::get());
		let new_admin: T::AccountId = account("operator", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), new_admin.clone());

		assert_eq!(Organisations::<T>::get(org).unwrap().admin, new_admin);
	}

	#[benchmark]
	fn set_min_validators() {
		// The most validators, each of an active organisation: every one is counted.
		let (org, _) = busy_organisation::<T>(0);
		let mut index = 0;
		while (Validators::<T>::get().len() as u32) < T::MaxValidators::get() {
			Consortium::<T>::do_add_validator(org, account("floor-validator", index, SEED))
				.unwrap();
			index += 1;
		}
		let min = T::MaxValidators::get();
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, min);

		assert_eq!(MinValidators::<T>::get(), min);
	}

	#[benchmark]
	fn set_block_share() {
		let share = sp_runtime::Perbill::from_percent(50);
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, share);

		assert_eq!(crate::BlockShare::<T>::get(), share);
	}

	#[benchmark]
	fn set_storage_budget() {
		let origin = T::GovernanceOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 1u64 << 30);

		assert_eq!(crate::StorageBudget::<T>::get(), 1 << 30);
	}

	/// The wrapper with the cheapest permitted call (`System::authorize_upgrade`, one write),
	/// which the measured figure includes: the dispatched call's weight is charged again on
	/// top, so the wrapper is over-charged by that one write, never under-charged.
	#[benchmark]
	fn dispatch_as_root() {
		let code_hash = T::Hash::default();
		let call: <T as frame_system::Config>::RuntimeCall =
			frame_system::Call::<T>::authorize_upgrade { code_hash }.into();
		assert!(T::RootCalls::contains(&call), "the runtime lists authorize_upgrade");
		let origin = T::UpgradeOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, alloc::boxed::Box::new(call));
	}

	impl_benchmark_test_suite!(Consortium, crate::mock::new_test_ext(), crate::mock::Test);
}

//! # Consortium pallet
//!
//! Who is in the Evidence Chain consortium and what each member may do:
//!
//! - **Organisations** with roles (platform, merchant, inspection agency, carrier,
//!   arbitrator), an admin account and operator accounts. Governance (two thirds of the
//!   council, or root) admits, re-roles, suspends, reinstates and removes them.
//! - **The council follows the organisations**: the admins of active organisations are the
//!   council members, updated in the same call that changes an organisation.
//! - **The validator set**: this pallet is `pallet-session`'s `SessionManager`. Each validator
//!   belongs to an active organisation and joins the set at a session boundary once its
//!   session keys are registered; the set never drops below the configured minimum.
//! - **The membership gate** ([`CheckMembership`]): a transaction extension that admits a
//!   signed transaction to the pool only from an admin or operator of an active organisation
//!   (or a validator managing its own session keys), and unsigned calls only from
//!   [`Config::UnsignedCalls`]. Each organisation gets a governed share of every block's
//!   weight ([`BlockShare`]) and at most [`Config::MaxPendingPerOrganisation`] places in any
//!   node's pool ([`CheckNonceWindow`]), so no member can crowd the others out.
//! - **Bounded council business**: a member has at most [`Config::MaxOpenProposalsPerMember`]
//!   motions open ([`ProposalSlot`], the council's proposal consideration).
//! - **Root for the few things that need it**: a higher threshold of the council (or root)
//!   may dispatch, as root, exactly the calls listed in [`Config::RootCalls`] — on the
//!   consortium runtime, authorising a runtime upgrade and recovering a stalled finality
//!   ([`Pallet::dispatch_as_root`]); nothing broader.
//! - [`evidence_primitives::MembershipCheck`], implemented here, is how every other pallet
//!   checks that a signer acts for an organisation holding a role.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::consortium";

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod extension;
mod features;
mod impl_membership;
pub mod migrations;
mod session_manager;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod try_state;
pub mod types;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use extension::{CheckMembership, CheckNonceWindow, GateError};
pub use features::council::ProposalSlot;
pub use session_manager::RotateSessions;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use alloc::vec::Vec;
	use evidence_primitives::{OrgId, Role};
	use frame_support::{
		pallet_prelude::*,
		traits::{ChangeMembers, Contains},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// An organisation as stored.
	pub type OrganisationOf<T> = Organisation<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxNameLen,
		<T as Config>::MaxOperators,
	>;

	/// Configuration of the consortium pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who governs the consortium: two thirds of the council, or root.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who may dispatch one of [`Config::RootCalls`] as root: a higher threshold of the
		/// council than [`Config::GovernanceOrigin`], or root.
		type UpgradeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The only calls [`Pallet::dispatch_as_root`] dispatches: those a consortium cannot do
		/// without root (authorising a runtime upgrade, recovering finality).
		type RootCalls: Contains<<Self as frame_system::Config>::RuntimeCall>;

		/// The council whose members are kept equal to the admins of active organisations.
		type Council: ChangeMembers<Self::AccountId>;

		/// The council's current members, sorted (for the `try_state` invariant).
		type CurrentCouncil: Get<Vec<Self::AccountId>>;

		/// Accounts whose session keys are registered (the session pallet's `NextKeys`).
		type SessionKeysRegistered: Contains<Self::AccountId>;

		/// Calls a validator may submit without being a member account: managing its own
		/// session keys.
		type ValidatorKeyCalls: Contains<<Self as frame_system::Config>::RuntimeCall>;

		/// Longest organisation name in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Most operator accounts per organisation.
		#[pallet::constant]
		type MaxOperators: Get<u32>;

		/// Most organisations in the consortium.
		#[pallet::constant]
		type MaxOrganisations: Get<u32>;

		/// Most validators.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Calls admitted without a signer: the inherents and the unsigned calls their own
		/// pallets validate (a runtime upgrade authorised by governance, an equivocation
		/// report). Anything else unsigned is refused by the gate.
		type UnsignedCalls: Contains<<Self as frame_system::Config>::RuntimeCall>;

		/// The members' governance calls (the council's motions, votes and closes): they
		/// count against their organisation's block share but never against its
		/// [`StorageBudget`], so a spent budget cannot keep the council from raising it.
		type GovernanceCalls: Contains<<Self as frame_system::Config>::RuntimeCall>;

		/// Transactions one organisation (its admin and operators together) may have waiting
		/// in a node's pool; each account gets an equal part of it ([`CheckNonceWindow`]).
		#[pallet::constant]
		type MaxPendingPerOrganisation: Get<u32>;

		/// The length of a storage period: an organisation's [`StorageBudget`] is for this
		/// many blocks.
		#[pallet::constant]
		type StoragePeriod: Get<BlockNumberFor<Self>>;

		/// Council motions one member may have open at once ([`ProposalSlot`]).
		#[pallet::constant]
		type MaxOpenProposalsPerMember: Get<u32>;

		/// Ends the session when a block is due to and says what that weighed: the runtime's
		/// session rotation, run from this pallet's `on_initialize` (`()`: none).
		type SessionRotation: RotateSessions<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The next organisation id to assign.
	#[pallet::storage]
	pub type NextOrgId<T> = StorageValue<_, OrgId, ValueQuery>;

	/// How many organisations exist (bounded by `MaxOrganisations`).
	#[pallet::storage]
	pub type OrganisationCount<T> = StorageValue<_, u32, ValueQuery>;

	/// Organisations by id.
	#[pallet::storage]
	pub type Organisations<T: Config> = StorageMap<_, Blake2_128Concat, OrgId, OrganisationOf<T>>;

	/// Organisation ids by name, so names stay unique.
	#[pallet::storage]
	pub type OrganisationByName<T: Config> =
		StorageMap<_, Blake2_128Concat, BoundedVec<u8, T::MaxNameLen>, OrgId>;

	/// The organisation each admin or operator account acts for.
	#[pallet::storage]
	pub type Members<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Membership>;

	/// Validators and the organisations running them. Those whose organisation is active and
	/// whose session keys are registered form the next session's set.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<ValidatorRecord<T::AccountId>, T::MaxValidators>, ValueQuery>;

	/// The validator set never gets smaller than this (set at genesis, changed by
	/// governance with `set_min_validators`).
	#[pallet::storage]
	pub type MinValidators<T> = StorageValue<_, u32, ValueQuery>;

	/// The default [`BlockShare`]: one third of a block.
	#[pallet::type_value]
	pub fn DefaultBlockShare() -> Perbill {
		Perbill::from_rational(1u32, 3u32)
	}

	/// The part of each block's weight for normal transactions that one organisation may use
	/// (governed, [`Pallet::set_block_share`]). Beyond it, its transactions wait in the pool
	/// for a later block.
	#[pallet::storage]
	pub type BlockShare<T> = StorageValue<_, Perbill, ValueQuery, DefaultBlockShare>;

	/// The smallest [`StorageBudget`] governance may set: 1 MiB a period.
	pub const MIN_STORAGE_BUDGET: u64 = 1 << 20;

	/// The default [`StorageBudget`]: 256 MiB a period.
	#[pallet::type_value]
	pub fn DefaultStorageBudget() -> u64 {
		256 << 20
	}

	/// The bytes of transactions one organisation may have included per storage period
	/// ([`Config::StoragePeriod`]; governed, [`Pallet::set_storage_budget`]). Chain state grows
	/// only through transactions, and no call stores more than a bounded multiple of its own
	/// size, so this bounds how fast one member can grow the state every node keeps, with no
	/// fees or deposits. Beyond it, the organisation's transactions are refused
	/// (`InvalidTransaction::Custom(5)`) until the next period.
	#[pallet::storage]
	pub type StorageBudget<T> = StorageValue<_, u64, ValueQuery, DefaultStorageBudget>;

	/// What each organisation's transactions used: weight in the latest block it transacted
	/// in, bytes in the current storage period.
	#[pallet::storage]
	pub type BlockUsageOf<T: Config> =
		StorageMap<_, Twox64Concat, OrgId, BlockUsage<BlockNumberFor<T>>, ValueQuery>;

	/// Council motions each member has open (see [`ProposalSlot`]).
	#[pallet::storage]
	pub type OpenProposals<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Organisations at genesis, in id order (the first gets id 0).
		pub organisations: Vec<GenesisOrganisation<T::AccountId>>,
		/// Minimum size of the validator set.
		pub min_validators: u32,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for org in &self.organisations {
				let roles: Vec<Role> = org.roles.clone();
				let id = Pallet::<T>::do_admit_org(
					org.name.as_bytes().to_vec(),
					roles,
					org.admin.clone(),
				)
				.expect("genesis organisations are valid; qed");
				for operator in &org.operators {
					Pallet::<T>::do_add_operator(id, operator.clone())
						.expect("genesis operators are valid; qed");
				}
				for validator in &org.validators {
					Pallet::<T>::do_add_validator(id, validator.clone())
						.expect("genesis validators are valid; qed");
				}
			}
			MinValidators::<T>::put(self.min_validators);
			assert!(
				Validators::<T>::get().len() as u32 >= self.min_validators,
				"genesis has fewer validators than the minimum"
			);
		}
	}

	/// Events of the consortium pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An organisation was admitted; its admin joined the council.
		OrganisationAdmitted {
			org: OrgId,
			name: BoundedVec<u8, T::MaxNameLen>,
			admin: T::AccountId,
		},
		/// An organisation's roles were replaced.
		RolesSet { org: OrgId, roles: Roles },
		/// An organisation was suspended; its admin left the council.
		OrganisationSuspended { org: OrgId },
		/// A suspended organisation was reinstated; its admin rejoined the council.
		OrganisationReinstated { org: OrgId },
		/// An organisation, its accounts and its validators were removed.
		OrganisationRemoved { org: OrgId },
		/// An operator account was added to an organisation.
		OperatorAdded { org: OrgId, operator: T::AccountId },
		/// An operator account was removed from an organisation.
		OperatorRemoved { org: OrgId, operator: T::AccountId },
		/// An organisation's admin changed, and its council seat with it.
		AdminChanged { org: OrgId, old_admin: T::AccountId, new_admin: T::AccountId },
		/// A validator was registered for an organisation; it joins the set at a session
		/// boundary once its session keys are registered.
		ValidatorAdded { org: OrgId, validator: T::AccountId },
		/// A validator was removed; it leaves the set at the next session boundary.
		ValidatorRemoved { org: OrgId, validator: T::AccountId },
		/// The validator set for an upcoming session was chosen.
		ValidatorSetPlanned { session: u32, validators: Vec<T::AccountId> },
		/// Governance set the minimum size of the validator set.
		MinValidatorsSet { min: u32 },
		/// Governance set the share of a block one organisation may use.
		BlockShareSet { share: Perbill },
		/// Governance set the bytes of transactions one organisation may have included per
		/// storage period.
		StorageBudgetSet { bytes: u64 },
		/// Governance dispatched one of the permitted root calls (`call_hash` is the system hash
		/// of its encoding); `result` is the call's own outcome.
		RootCallDispatched { call_hash: T::Hash, result: DispatchResult },
	}

	/// Errors of the consortium pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// Another organisation already has this name.
		DuplicateOrganisationName,
		/// The name is empty.
		EmptyName,
		/// The name is longer than `MaxNameLen` bytes.
		NameTooLong,
		/// An organisation needs at least one role.
		NoRoles,
		/// No organisation has this id.
		UnknownOrganisation,
		/// The consortium already has `MaxOrganisations` organisations.
		TooManyOrganisations,
		/// The account already acts for an organisation (as admin or operator).
		AccountAlreadyMember,
		/// The organisation already has `MaxOperators` operators.
		TooManyOperators,
		/// The account is not an operator of the caller's organisation.
		NotAnOperatorOfThisOrganisation,
		/// Only an organisation's admin may manage its operators and its admin.
		NotAnAdmin,
		/// The organisation is suspended.
		OrganisationSuspended,
		/// The organisation is already active.
		OrganisationNotSuspended,
		/// The account is already a validator.
		AlreadyValidator,
		/// The account is not a validator.
		NotAValidator,
		/// The consortium already has `MaxValidators` validators.
		TooManyValidators,
		/// The change would leave fewer active validators than the minimum.
		TooFewValidators,
		/// The council would exceed its member limit.
		TooManyCouncilMembers,
		/// The validator set's minimum must be at least one.
		MinValidatorsZero,
		/// The call is not one governance may dispatch as root (`RootCalls`).
		NotARootCall,
		/// An organisation's block share must be more than zero.
		BlockShareZero,
		/// An organisation's storage budget must be at least [`MIN_STORAGE_BUDGET`] (1 MiB a
		/// period): below that its members could not even send governance's own calls.
		StorageBudgetBelowMinimum,
		/// The member already has `MaxOpenProposalsPerMember` council motions open; once one
		/// is closed, `Council.release_proposal_cost` frees its slot.
		TooManyOpenProposals,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Rotates the session when due ([`Config::SessionRotation`]), charging what the
		/// rotation does rather than a whole block.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			T::SessionRotation::rotate_if_due(now)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admit an organisation with `roles` and its `admin` account. The admin joins the
		/// council in the same call. Origin: two thirds of the council, or root.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::admit_org())]
		pub fn admit_org(
			origin: OriginFor<T>,
			name: Vec<u8>,
			roles: Vec<Role>,
			admin: T::AccountId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_admit_org(name, roles, admin).map(|_| ())
		}

		/// Replace the roles of organisation `org`. Origin: governance.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_roles())]
		pub fn set_roles(origin: OriginFor<T>, org: OrgId, roles: Vec<Role>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_roles(org, roles)
		}

		/// Suspend organisation `org`: its accounts can no longer transact, its admin leaves
		/// the council and its validators leave the set at the next session. Refused if that
		/// would leave fewer validators than the minimum. Origin: governance.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend_org())]
		pub fn suspend_org(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_suspend_org(org)
		}

		/// Reinstate suspended organisation `org`. Origin: governance.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reinstate_org())]
		pub fn reinstate_org(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_reinstate_org(org)
		}

		/// Remove organisation `org` with its admin, operators and validators; its admin
		/// leaves the council. Facts it notarized stay on chain. Origin: governance.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_org(T::MaxOperators::get()))]
		pub fn remove_org(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_org(org)
		}

		/// Register `validator` as a validator run by organisation `org`. It joins the set at
		/// a session boundary once it has registered its session keys (`Session::set_keys`).
		/// Origin: governance.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::add_validator())]
		pub fn add_validator(
			origin: OriginFor<T>,
			org: OrgId,
			validator: T::AccountId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_validator(org, validator)
		}

		/// Remove `validator`; it leaves the set at the next session boundary. Refused if
		/// that would leave fewer validators than the minimum. Origin: governance.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(validator)
		}

		/// Add `operator` to the caller's organisation. Origin: the organisation's admin.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::add_operator())]
		pub fn add_operator(origin: OriginFor<T>, operator: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let org = Self::ensure_active_admin(&who)?;
			Self::do_add_operator(org, operator)
		}

		/// Remove `operator` from the caller's organisation. Origin: the organisation's admin.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::remove_operator())]
		pub fn remove_operator(origin: OriginFor<T>, operator: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let org = Self::ensure_active_admin(&who)?;
			Self::do_remove_operator(org, operator)
		}

		/// Hand the caller's organisation, and its council seat, to `new_admin`. The new
		/// admin may be one of the organisation's operators (it stops being an operator) or an
		/// account of no organisation. Origin: the current admin.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_admin())]
		pub fn set_admin(origin: OriginFor<T>, new_admin: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let org = Self::ensure_active_admin(&who)?;
			Self::do_set_admin(org, who, new_admin)
		}

		/// Set the minimum size of the validator set to `min`: no suspension or removal may
		/// leave fewer active validators. Refused when fewer are active now. Origin:
		/// governance.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_min_validators())]
		pub fn set_min_validators(origin: OriginFor<T>, min: u32) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_min_validators(min)
		}

		/// Set the share of each block's weight (for normal transactions) that one
		/// organisation may use; its transactions beyond it wait for a later block. Origin:
		/// governance.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_block_share())]
		pub fn set_block_share(origin: OriginFor<T>, share: Perbill) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!share.is_zero(), Error::<T>::BlockShareZero);
			BlockShare::<T>::put(share);
			Self::deposit_event(Event::BlockShareSet { share });
			Ok(())
		}

		/// Set the bytes of transactions one organisation may have included per storage
		/// period; beyond them its transactions are refused until the next period. Origin:
		/// governance.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_storage_budget())]
		pub fn set_storage_budget(origin: OriginFor<T>, bytes: u64) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(bytes >= MIN_STORAGE_BUDGET, Error::<T>::StorageBudgetBelowMinimum);
			StorageBudget::<T>::put(bytes);
			Self::deposit_event(Event::StorageBudgetSet { bytes });
			Ok(())
		}

		/// Dispatch `call` as root. Only the calls in `RootCalls` are accepted — on the
		/// consortium runtime `System.authorize_upgrade` (after which anyone submits
		/// `System.apply_authorized_upgrade` with the code) and `Grandpa.note_stalled`. The
		/// call's own failure is reported in `RootCallDispatched`. Origin: the upgrade
		/// threshold of the council (three quarters on the consortium runtime), or root.
		#[pallet::call_index(11)]
		#[pallet::weight({
			let inner = call.get_dispatch_info();
			(T::WeightInfo::dispatch_as_root().saturating_add(inner.call_weight), inner.class)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as frame_system::Config>::RuntimeCall>,
		) -> DispatchResult {
			T::UpgradeOrigin::ensure_origin(origin)?;
			Self::do_dispatch_as_root(*call)
		}
	}
}

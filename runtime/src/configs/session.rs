//! `pallet_session`: the validator set, rotated every [`SESSION_PERIOD`] blocks.
//!
//! The consortium pallet is the session manager: it picks the validators of active
//! organisations that registered their keys. Registering session keys costs no deposit: the chain has no token, so the
//! session pallet's currency is [`NoKeyDeposit`], which holds nothing.

use crate::SESSION_PERIOD;
use crate::{AccountId, Balance, Runtime, RuntimeEvent, RuntimeHoldReason, SessionKeys};
use frame_support::{
	parameter_types,
	traits::tokens::{
		fungible, DepositConsequence, Fortitude, Preservation, Provenance, WithdrawConsequence,
	},
	traits::Get,
	weights::{constants::WEIGHT_REF_TIME_PER_MILLIS, Weight},
};
use sp_runtime::{traits::ConvertInto, DispatchError};

parameter_types! {
	/// Blocks per session.
	pub const SessionPeriod: crate::BlockNumber = SESSION_PERIOD;
	/// First session starts at block 0.
	pub const SessionOffset: crate::BlockNumber = 0;
}

/// Sessions as the chain keeps them: one every [`SESSION_PERIOD`] blocks from block 0.
type Periodic = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;

/// Never ends a session from the session pallet's own hook: that hook charges a whole block for
/// a rotation, so every session's last block carried no transactions. The consortium pallet
/// rotates instead ([`SessionRotation`]), at the same blocks.
pub struct EndedByConsortium;
impl pallet_session::ShouldEndSession<crate::BlockNumber> for EndedByConsortium {
	fn should_end_session(_: crate::BlockNumber) -> bool {
		false
	}
}

/// Rotates the session every [`SESSION_PERIOD`] blocks (`pallet_session::rotate_session`:
/// the consortium's next validators, their queued keys, Aura's and GRANDPA's new authorities)
/// and charges [`rotation_weight`].
pub struct SessionRotation;
impl pallet_consortium::RotateSessions<crate::BlockNumber> for SessionRotation {
	fn rotate_if_due(now: crate::BlockNumber) -> Weight {
		use pallet_session::ShouldEndSession;
		if !Periodic::should_end_session(now) {
			return Weight::zero();
		}
		pallet_session::Pallet::<Runtime>::rotate_session();
		rotation_weight()
	}
}

/// What a rotation costs at its largest, counted from what it touches with
/// [`MaxValidators`](pallet_consortium::Config::MaxValidators) validators: the session's index,
/// queued keys, validators and flags (read and written), the consortium's validator list, floor
/// and each validator's organisation, each validator's registered keys twice (the consortium's
/// filter, the session's key load), Aura's authorities and GRANDPA's set id, pending change,
/// stall flag and set-id sessions, the events and the digest; plus an allowance of one millisecond for the computation (decoding and encoding
/// at most 32 validators' keys, the events): counted, not benchmarked, since the rotation is
/// no call. It replaces the session pallet's charge of a whole block (2.25 s of the normal
/// class's budget against a few milliseconds).
pub fn rotation_weight() -> Weight {
	type Validators = <Runtime as pallet_consortium::Config>::MaxValidators;
	let validators = u64::from(<Validators as Get<u32>>::get());
	<Runtime as frame_system::Config>::DbWeight::get()
		.reads_writes(12 + 3 * validators, 16)
		.saturating_add(Weight::from_parts(WEIGHT_REF_TIME_PER_MILLIS, 0))
}

/// A currency with no balances: every amount is zero, and a zero hold always succeeds.
/// With `KeyDeposit = 0` the session pallet never asks it to hold anything.
pub struct NoKeyDeposit;

impl fungible::Inspect<AccountId> for NoKeyDeposit {
	type Balance = Balance;
	fn total_issuance() -> Balance {
		0
	}
	fn minimum_balance() -> Balance {
		0
	}
	fn total_balance(_: &AccountId) -> Balance {
		0
	}
	fn balance(_: &AccountId) -> Balance {
		0
	}
	fn reducible_balance(_: &AccountId, _: Preservation, _: Fortitude) -> Balance {
		0
	}
	fn can_deposit(_: &AccountId, _: Balance, _: Provenance) -> DepositConsequence {
		DepositConsequence::UnknownAsset
	}
	fn can_withdraw(_: &AccountId, amount: Balance) -> WithdrawConsequence<Balance> {
		if amount == 0 {
			WithdrawConsequence::Success
		} else {
			WithdrawConsequence::BalanceLow
		}
	}
}

impl fungible::Unbalanced<AccountId> for NoKeyDeposit {
	fn handle_dust(_: fungible::Dust<AccountId, Self>) {}
	fn write_balance(_: &AccountId, amount: Balance) -> Result<Option<Balance>, DispatchError> {
		if amount == 0 {
			Ok(None)
		} else {
			Err(DispatchError::Token(sp_runtime::TokenError::Unsupported))
		}
	}
	fn set_total_issuance(_: Balance) {}
}

impl fungible::Mutate<AccountId> for NoKeyDeposit {}

impl fungible::hold::Inspect<AccountId> for NoKeyDeposit {
	type Reason = RuntimeHoldReason;
	fn total_balance_on_hold(_: &AccountId) -> Balance {
		0
	}
	fn balance_on_hold(_: &Self::Reason, _: &AccountId) -> Balance {
		0
	}
}

impl fungible::hold::Unbalanced<AccountId> for NoKeyDeposit {
	fn set_balance_on_hold(
		_: &Self::Reason,
		_: &AccountId,
		amount: Balance,
	) -> Result<(), DispatchError> {
		if amount == 0 {
			Ok(())
		} else {
			Err(DispatchError::Token(sp_runtime::TokenError::Unsupported))
		}
	}
}

impl fungible::hold::Mutate<AccountId> for NoKeyDeposit {}

parameter_types! {
	/// No deposit for registering session keys.
	pub const KeyDeposit: Balance = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	/// The consortium pallet ends sessions ([`SessionRotation`]), charging what a rotation
	/// does instead of the session pallet's whole block.
	type ShouldEndSession = EndedByConsortium;
	type NextSessionRotation = Periodic;
	/// The consortium chooses each session's validators.
	type SessionManager = crate::Consortium;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = NoKeyDeposit;
	type KeyDeposit = KeyDeposit;
}

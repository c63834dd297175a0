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
};
use sp_runtime::{traits::ConvertInto, DispatchError};

parameter_types! {
	/// Blocks per session.
	pub const SessionPeriod: crate::BlockNumber = SESSION_PERIOD;
	/// First session starts at block 0.
	pub const SessionOffset: crate::BlockNumber = 0;
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
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	/// The consortium chooses each session's validators.
	type SessionManager = crate::Consortium;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = NoKeyDeposit;
	type KeyDeposit = KeyDeposit;
}

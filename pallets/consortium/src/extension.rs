//! The membership gate: a transaction extension that keeps every signed transaction of a
//! non-member out of the pool, and bounds how many transactions one organisation gets into a
//! block.
//!
//! | rejection | when |
//! |---|---|
//! | `InvalidTransaction::Custom(1)` ([`GateError::NotAMember`]) | the signer is neither the admin nor an operator of an organisation, nor a validator managing its own session keys |
//! | `InvalidTransaction::Custom(2)` ([`GateError::OrganisationSuspended`]) | the signer's organisation is suspended |
//! | `InvalidTransaction::ExhaustsResources` | the organisation already has `MaxTransactionsPerOrgPerBlock` transactions in this block; the transaction stays in the pool for a later block |

use crate::{Config, Members, OrgStatus, Organisations, TransactionQuota, Validators};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::{fmt, marker::PhantomData};
use evidence_primitives::OrgId;
use frame_support::{
	dispatch::DispatchInfo,
	pallet_prelude::{TransactionSource, Weight},
	traits::{Contains, Get},
};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, PostDispatchInfoOf,
		TransactionExtension, ValidateResult,
	},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
	DispatchResult,
};

/// Why the gate refused a transaction; the value is the `InvalidTransaction::Custom` code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum GateError {
	/// The signer acts for no organisation (code 1).
	NotAMember = 1,
	/// The signer's organisation is suspended (code 2).
	OrganisationSuspended = 2,
}

impl From<GateError> for TransactionValidityError {
	fn from(error: GateError) -> Self {
		InvalidTransaction::Custom(error as u8).into()
	}
}

/// The membership gate. Put it in the runtime's transaction extension tuple.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckMembership<T>(PhantomData<T>);

impl<T> CheckMembership<T> {
	/// The gate (it carries no data).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> Default for CheckMembership<T> {
	fn default() -> Self {
		Self::new()
	}
}

impl<T> fmt::Debug for CheckMembership<T> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write!(f, "CheckMembership")
	}
}

impl<T: Config> CheckMembership<T> {
	/// The organisation whose quota a transaction of `who` counts against, `None` for a
	/// validator managing its keys, or the gate's rejection.
	fn admit(
		who: &T::AccountId,
		call: &<T as frame_system::Config>::RuntimeCall,
	) -> Result<Option<OrgId>, TransactionValidityError> {
		if let Some(membership) = Members::<T>::get(who) {
			let org = Organisations::<T>::get(membership.org).ok_or(GateError::NotAMember)?;
			return match org.status {
				OrgStatus::Active => Ok(Some(membership.org)),
				OrgStatus::Suspended => Err(GateError::OrganisationSuspended.into()),
			};
		}
		let is_validator = Validators::<T>::get().iter().any(|v| &v.account == who);
		if is_validator && T::ValidatorKeyCalls::contains(call) {
			return Ok(None);
		}
		Err(GateError::NotAMember.into())
	}
}

impl<T: Config + Send + Sync> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
	for CheckMembership<T>
where
	<T as frame_system::Config>::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>: AsSystemOriginSigner<T::AccountId>,
{
	const IDENTIFIER: &'static str = "CheckMembership";
	type Implicit = ();
	/// The organisation to charge the quota to.
	type Val = Option<OrgId>;
	type Pre = ();

	fn weight(&self, _call: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		// A member: its membership and organisation, the quota read and written. A validator
		// managing its keys: its (missing) membership and the validator list, no quota.
		T::DbWeight::get().reads_writes(3, 1)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		// Unsigned and root origins are not this gate's business.
		let Some(who) = origin.as_system_origin_signer() else {
			return Ok((ValidTransaction::default(), None, origin));
		};
		let org = Self::admit(who, call)?;
		Ok((ValidTransaction::default(), org, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		_call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		let Some(org) = val else { return Ok(()) };
		let now = frame_system::Pallet::<T>::block_number();
		TransactionQuota::<T>::try_mutate(org, |quota| {
			if quota.block != now {
				quota.block = now;
				quota.used = 0;
			}
			if quota.used >= T::MaxTransactionsPerOrgPerBlock::get() {
				return Err(InvalidTransaction::ExhaustsResources.into());
			}
			quota.used += 1;
			Ok(())
		})
	}

	fn post_dispatch_details(
		_pre: Self::Pre,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_post_info: &PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
		_result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		Ok(Weight::zero())
	}
}

//! The membership gate: transaction extensions that keep every transaction of a non-member
//! out of the pool, give each organisation a bounded share of every block and of every
//! node's pool, and admit unsigned calls only from an allow-list.
//!
//! | rejection | when | where |
//! |---|---|---|
//! | `InvalidTransaction::Custom(1)` ([`GateError::NotAMember`]) | the signer is neither the admin nor an operator of an organisation, nor a validator managing its own session keys | pool |
//! | `InvalidTransaction::Custom(2)` ([`GateError::OrganisationSuspended`]) | the signer's organisation is suspended | pool |
//! | `InvalidTransaction::Custom(3)` ([`GateError::UnsignedCallNotAllowed`]) | an unsigned call outside `Config::UnsignedCalls` | pool and block |
//! | `InvalidTransaction::Custom(4)` ([`GateError::PoolShareExhausted`]) | the signer already has its part of the organisation's pool share waiting (its nonce is too far ahead of the chain's) | pool |
//! | `InvalidTransaction::Custom(5)` ([`GateError::StorageBudgetExhausted`]) | the organisation's transactions in this storage period already fill its [`crate::StorageBudget`] | pool and block |
//! | `InvalidTransaction::ExhaustsResources` | the organisation has used its share of this block's weight ([`crate::BlockShare`]); the transaction stays in the pool for a later block | block |

use crate::{
	BlockShare, BlockUsage, Config, Members, OrgStatus, Organisations, StorageBudget, Validators,
};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::{fmt, marker::PhantomData};
use evidence_primitives::OrgId;
use frame_support::{
	dispatch::{DispatchClass, DispatchInfo, PostDispatchInfo},
	pallet_prelude::{TransactionSource, Weight},
	traits::{Contains, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, One,
		PostDispatchInfoOf, Saturating, TransactionExtension, ValidateResult, Zero,
	},
	transaction_validity::{
		InvalidTransaction, TransactionPriority, TransactionValidity, TransactionValidityError,
		ValidTransaction,
	},
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
	/// An unsigned call that is not on the runtime's allow-list (code 3).
	UnsignedCallNotAllowed = 3,
	/// The signer's part of its organisation's pool share is taken: it has as many
	/// transactions waiting as it may (code 4). Resubmit once some are in blocks.
	PoolShareExhausted = 4,
	/// The organisation's transactions of this storage period fill its storage budget
	/// (code 5). Refused until the next period, or until governance raises the budget.
	StorageBudgetExhausted = 5,
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

/// What the gate charged a transaction to: its organisation's block share (refunded in part
/// when the call used less).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Charge {
	/// The organisation whose share of the block was charged.
	pub org: OrgId,
	/// Whether an earlier transaction of the organisation in this block had already written
	/// its usage: the database then writes the key once for the block, so this transaction's
	/// writes of it cost nothing more.
	pub usage_written: bool,
}

impl<T: Config> CheckMembership<T> {
	/// The organisation `who` transacts for, `None` for a validator managing its keys, or the
	/// gate's rejection.
	pub(crate) fn admit(
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

	/// The weight one organisation may use in one block: its governed share of what the
	/// block holds for normal transactions.
	pub fn share_limit() -> Weight {
		let limits = T::BlockWeights::get();
		let normal = limits.get(DispatchClass::Normal);
		let room = normal.max_total.unwrap_or(limits.max_block);
		let share = BlockShare::<T>::get();
		Weight::from_parts(share * room.ref_time(), share * room.proof_size())
	}

	/// How much of its block share `org` left unused in the block before the one being
	/// built, in millionths: a transaction of an organisation that did not fill its share
	/// goes before one of an organisation that did.
	fn priority(org: OrgId) -> TransactionPriority {
		let now = frame_system::Pallet::<T>::block_number();
		let usage = crate::BlockUsageOf::<T>::get(org);
		let used =
			if usage.block.saturating_add(One::one()) == now { usage.used } else { Weight::zero() };
		let limit = Self::share_limit();
		let fraction = |used: u64, limit: u64| {
			if limit == 0 {
				0
			} else {
				(limit.saturating_sub(used) as u128 * 1_000_000 / limit as u128) as u64
			}
		};
		fraction(used.ref_time(), limit.ref_time())
			.min(fraction(used.proof_size(), limit.proof_size()))
	}

	/// The first block of the storage period `now` is in.
	fn period_of(now: BlockNumberFor<T>) -> BlockNumberFor<T> {
		let length = T::StoragePeriod::get().max(One::one());
		now - now % length
	}

	/// `org`'s usage as of block `now`: the block's weight and the period's bytes so far.
	fn usage_at(org: OrgId, now: BlockNumberFor<T>) -> BlockUsage<BlockNumberFor<T>> {
		let mut usage = crate::BlockUsageOf::<T>::get(org);
		let period = Self::period_of(now);
		if usage.period != period {
			usage.period = period;
			usage.bytes = 0;
		}
		usage
	}

	/// Whether `len` more bytes of `org`'s transactions fit its storage budget this period.
	fn within_budget(
		usage: &BlockUsage<BlockNumberFor<T>>,
		len: u64,
	) -> Result<(), TransactionValidityError> {
		if usage.bytes.saturating_add(len) > StorageBudget::<T>::get() {
			return Err(GateError::StorageBudgetExhausted.into());
		}
		Ok(())
	}

	/// Charges `weight` to `org`'s share of the current block and `len` bytes to its storage
	/// budget, or refuses it. The first transaction of an organisation in a block always fits
	/// its share, however heavy (a council motion may need more than one share). The share
	/// must hold all of `weight`, but keeps only what the transaction costs the block: `weight`
	/// less the gate's writes the block makes anyway ([`Self::unspent_writes`]).
	pub(crate) fn charge(
		org: OrgId,
		weight: Weight,
		len: u64,
	) -> Result<Charge, TransactionValidityError> {
		let now = frame_system::Pallet::<T>::block_number();
		let limit = Self::share_limit();
		let mut usage = Self::usage_at(org, now);
		Self::within_budget(&usage, len)?;
		let usage_written = usage.block == now;
		if !usage_written {
			usage.block = now;
			usage.used = Weight::zero();
		}
		if !usage.used.is_zero() && usage.used.saturating_add(weight).any_gt(limit) {
			return Err(InvalidTransaction::ExhaustsResources.into());
		}
		let charge = Charge { org, usage_written };
		let kept = weight.saturating_sub(Self::unspent_writes(&charge));
		usage.used = usage.used.saturating_add(kept);
		usage.bytes = usage.bytes.saturating_add(len);
		crate::BlockUsageOf::<T>::insert(org, usage);
		Ok(charge)
	}

	/// The part of the gate's declared weight ([`TransactionExtension::weight`]) a charged
	/// transaction does not cost: its two writes of the organisation's usage are one key,
	/// which the database writes once per block, so the organisation's first transaction in
	/// a block pays one write and every later one pays none. Given back to the block after
	/// dispatch, and never counted against the organisation's share.
	pub fn unspent_writes(charge: &Charge) -> Weight {
		let free = if charge.usage_written { 2 } else { 1 };
		T::DbWeight::get().writes(free)
	}

	/// The bytes a transaction of length `len` counts against its organisation's storage
	/// budget: none for governance's calls ([`Config::GovernanceCalls`]).
	fn stored_len(call: &<T as frame_system::Config>::RuntimeCall, len: usize) -> u64 {
		if T::GovernanceCalls::contains(call) {
			0
		} else {
			len as u64
		}
	}

	/// Gives back to `org`'s share of the current block what a call did not use.
	fn refund(org: OrgId, unspent: Weight) {
		if unspent.is_zero() {
			return;
		}
		let now = frame_system::Pallet::<T>::block_number();
		crate::BlockUsageOf::<T>::mutate(org, |usage| {
			if usage.block == now {
				usage.used = usage.used.saturating_sub(unspent);
			}
		});
	}

	/// The unsigned calls the runtime allows, whatever validates them further (the inherents
	/// and the calls their pallets validate unsigned).
	fn allow_unsigned(
		call: &<T as frame_system::Config>::RuntimeCall,
	) -> Result<(), TransactionValidityError> {
		if T::UnsignedCalls::contains(call) {
			Ok(())
		} else {
			Err(GateError::UnsignedCallNotAllowed.into())
		}
	}
}

impl<T: Config + Send + Sync> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
	for CheckMembership<T>
where
	<T as frame_system::Config>::RuntimeCall:
		Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>: AsSystemOriginSigner<T::AccountId>,
{
	const IDENTIFIER: &'static str = "CheckMembership";
	type Implicit = ();
	/// The organisation to charge the block share to.
	type Val = Option<OrgId>;
	type Pre = Option<Charge>;

	fn weight(&self, _call: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		// A member: its membership, its organisation, the block share (and storage budget,
		// the same kind of value) and its usage read;
		// the usage written when charged and again when refunded (for a member, what the
		// block writes anyway is given back after dispatch: `unspent_writes`). A validator
		// managing its keys: its (missing) membership and the validator list.
		T::DbWeight::get().reads_writes(5, 2)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		let Some(who) = origin.as_system_origin_signer() else {
			// A transaction without a signer (a general transaction authorised by no
			// extension): only the allow-listed calls.
			Self::allow_unsigned(call)?;
			return Ok((ValidTransaction::default(), None, origin));
		};
		let org = Self::admit(who, call)?;
		if let Some(org) = org {
			let now = frame_system::Pallet::<T>::block_number();
			Self::within_budget(&Self::usage_at(org, now), Self::stored_len(call, len))?;
		}
		let priority = org.map(Self::priority).unwrap_or_default();
		Ok((ValidTransaction { priority, ..Default::default() }, org, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		let Some(org) = val else { return Ok(None) };
		Self::charge(org, info.total_weight(), Self::stored_len(call, len)).map(Some)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		post_info: &PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
		_result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		let Some(charge) = pre else { return Ok(Weight::zero()) };
		// The share already left out the free writes (`charge`); the block gets them back
		// once this returns.
		Self::refund(charge.org, post_info.calc_unspent(info));
		Ok(Self::unspent_writes(&charge))
	}

	fn bare_validate(
		call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
	) -> TransactionValidity {
		Self::allow_unsigned(call)?;
		Ok(ValidTransaction::default())
	}

	fn bare_validate_and_prepare(
		call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
	) -> Result<(), TransactionValidityError> {
		Self::allow_unsigned(call)
	}
}

/// The nonce check with the pool share: `frame_system`'s nonce check (same encoding, same
/// identifier, so wallets sign exactly as before), which also refuses at the pool a
/// transaction whose nonce is too far ahead of its signer's. An organisation shares
/// [`Config::MaxPendingPerOrganisation`] waiting transactions among its admin and operators,
/// so however fast it submits, it holds at most that many places in any node's pool.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckNonceWindow<T: Config>(pub frame_system::CheckNonce<T>);

impl<T: Config> CheckNonceWindow<T> {
	/// The check for a transaction with `nonce`.
	pub fn from(nonce: T::Nonce) -> Self {
		Self(frame_system::CheckNonce::from(nonce))
	}

	/// How many transactions `who` may have waiting: its organisation's pool share divided
	/// among the organisation's accounts (at least one); a validator managing its keys: one.
	pub fn window(who: &T::AccountId) -> u32 {
		let accounts = Members::<T>::get(who)
			.and_then(|membership| Organisations::<T>::get(membership.org))
			.map(|org| org.operators.len() as u32 + 1);
		match accounts {
			Some(accounts) => (T::MaxPendingPerOrganisation::get() / accounts).max(1),
			None => 1,
		}
	}
}

impl<T: Config> fmt::Debug for CheckNonceWindow<T> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		self.0.fmt(f)
	}
}

type NonceCheck<T> = frame_system::CheckNonce<T>;
type NonceVal<T> =
	<NonceCheck<T> as TransactionExtension<<T as frame_system::Config>::RuntimeCall>>::Val;
type NoncePre<T> =
	<NonceCheck<T> as TransactionExtension<<T as frame_system::Config>::RuntimeCall>>::Pre;

impl<T: Config + Send + Sync> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
	for CheckNonceWindow<T>
where
	<T as frame_system::Config>::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>: AsSystemOriginSigner<T::AccountId>,
{
	const IDENTIFIER: &'static str = "CheckNonce";
	type Implicit = ();
	type Val = NonceVal<T>;
	type Pre = NoncePre<T>;

	fn weight(&self, call: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		// The membership and organisation reads are the gate's, already in the cache.
		self.0.weight(call).saturating_add(T::DbWeight::get().reads(2))
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl sp_runtime::traits::Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		if let Some(who) = origin.as_system_origin_signer() {
			let current = frame_system::Account::<T>::get(who).nonce;
			let ahead = self.0 .0.saturating_sub(current);
			if ahead >= T::Nonce::from(Self::window(who)) {
				return Err(GateError::PoolShareExhausted.into());
			}
		}
		self.0.validate(origin, call, info, len, self_implicit, inherited_implication, source)
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		self.0.prepare(val, origin, call, info, len)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		post_info: &PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		NonceCheck::<T>::post_dispatch_details(pre, info, post_info, len, result)
	}
}

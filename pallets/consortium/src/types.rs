//! Records the consortium pallet stores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use evidence_primitives::{OrgId, Role};
use frame_support::{pallet_prelude::ConstU32, BoundedVec};
use scale_info::TypeInfo;

/// The roles an organisation holds: sorted, without duplicates, at least one.
pub type Roles = BoundedVec<Role, ConstU32<5>>;

/// Whether an organisation may act.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum OrgStatus {
	/// Its admin sits on the council, its accounts transact, its validators validate.
	#[codec(index = 0)]
	Active,
	/// Nothing of it acts: no transactions, no council seat, its validators leave the set at
	/// the next session. Reversible with `reinstate_org`.
	#[codec(index = 1)]
	Suspended,
}

/// A member organisation.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxName, MaxOperators))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Organisation<AccountId, BlockNumber, MaxName, MaxOperators>
where
	MaxName: frame_support::traits::Get<u32>,
	MaxOperators: frame_support::traits::Get<u32>,
{
	/// Display name, unique in the consortium (UTF-8).
	pub name: BoundedVec<u8, MaxName>,
	/// What the organisation may do.
	pub roles: Roles,
	/// Active or suspended.
	pub status: OrgStatus,
	/// The account that manages operators and holds the organisation's council seat.
	pub admin: AccountId,
	/// Accounts that submit facts on the organisation's behalf.
	pub operators: BoundedVec<AccountId, MaxOperators>,
	/// Block in which the organisation was admitted.
	pub joined_at: BlockNumber,
}

/// In which capacity an account acts for its organisation.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum MemberKind {
	/// The organisation's admin.
	#[codec(index = 0)]
	Admin,
	/// One of its operators.
	#[codec(index = 1)]
	Operator,
}

/// The organisation an account belongs to. An account belongs to at most one organisation.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Membership {
	/// The organisation.
	pub org: OrgId,
	/// Admin or operator.
	pub kind: MemberKind,
}

/// A validator of the consortium and the organisation that runs it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ValidatorRecord<AccountId> {
	/// The validator's account (its session keys are registered under it).
	pub account: AccountId,
	/// The organisation running it.
	pub org: OrgId,
}

/// What an organisation's transactions used: weight in its latest block, counted against its
/// [`crate::BlockShare`], and bytes in the current storage period, counted against its
/// [`crate::StorageBudget`].
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct BlockUsage<BlockNumber> {
	/// The block `used` is for.
	pub block: BlockNumber,
	/// The weight used in that block (what calls did not use is given back after dispatch).
	pub used: frame_support::weights::Weight,
	/// The first block of the storage period `bytes` is for.
	pub period: BlockNumber,
	/// The bytes of the organisation's transactions included in that period.
	pub bytes: u64,
}

/// An organisation as written in the genesis configuration.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[serde(bound(
	serialize = "AccountId: serde::Serialize",
	deserialize = "AccountId: serde::Deserialize<'de>"
))]
pub struct GenesisOrganisation<AccountId> {
	/// Display name.
	pub name: alloc::string::String,
	/// Roles held.
	pub roles: alloc::vec::Vec<Role>,
	/// Admin account (also its council seat).
	pub admin: AccountId,
	/// Operator accounts.
	#[serde(default)]
	pub operators: alloc::vec::Vec<AccountId>,
	/// Validator accounts run by this organisation.
	#[serde(default)]
	pub validators: alloc::vec::Vec<AccountId>,
}

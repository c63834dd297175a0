//! # Notary pallet
//!
//! Proves that a photo, video, report or sensor log existed, unchanged, at a given time, and
//! which member organisation notarized it:
//!
//! - [`Pallet::notarize`] records one typed content digest with its kind, size, capture time
//!   and optional C2PA claim hash, the notarizing organisation, the block and the chain time.
//!   Every organisation keeps its own notarization of a digest: the first one is in
//!   [`Digests`], another organisation's notarization of the same content in
//!   [`Notarizations`], so a rival who sees a pending notarization and notarizes the same
//!   digest first takes nothing from its owner. One organisation notarizes a digest once.
//! - [`Pallet::anchor_batch`] records the Merkle root of up to 2^20 digests in one
//!   transaction (leaf format in [`evidence_primitives::merkle`]); each batch gets an id.
//! - Every fact of the other pallets that carries a media digest registers it here through
//!   [`evidence_primitives::EvidenceRegistry`], so one record answers "who notarized this
//!   digest, and which facts cite it".

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::notary";

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impl_registry;
mod reads;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod try_state;
pub mod types;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An admin or operator of an active organisation.
	fn member() -> AccountId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use evidence_primitives::{
		merkle::MerkleScheme, ContentDigest, EvidenceKind, FactRef, MembershipCheck, OrgId,
	};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_core::H256;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// A digest record as stored.
	pub type DigestRecordOf<T> = DigestRecord<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as pallet_timestamp::Config>::Moment,
	>;

	/// A batch record as stored.
	pub type BatchRecordOf<T> = BatchRecord<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as pallet_timestamp::Config>::Moment,
	>;

	/// Configuration of the notary pallet.
	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>> + pallet_timestamp::Config
	{
		/// Who acts for which organisation (the consortium pallet).
		type Membership: MembershipCheck<Self::AccountId>;

		/// Most facts one digest records as citing it.
		#[pallet::constant]
		type MaxCitations: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Provides a member account to benchmark with.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Every notarized digest: who, when, what.
	#[pallet::storage]
	pub type Digests<T: Config> = StorageMap<_, Blake2_128Concat, ContentDigest, DigestRecordOf<T>>;

	/// Notarizations of a digest by organisations other than its first notarizer (the one in
	/// [`Digests`]): each organisation that puts a digest on chain, by notarizing it or by
	/// citing it in a fact, keeps a record of its own.
	#[pallet::storage]
	pub type Notarizations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ContentDigest,
		Twox64Concat,
		OrgId,
		DigestRecordOf<T>,
	>;

	/// The facts citing each digest, oldest first.
	#[pallet::storage]
	pub type Citations<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		ContentDigest,
		BoundedVec<FactRef, T::MaxCitations>,
		ValueQuery,
	>;

	/// Citations each organisation holds per digest: none holds more than its share of a
	/// digest's `MaxCitations` ([`evidence_primitives::index_share`]), so no member can fill a
	/// digest's citations and keep the others from citing it.
	#[pallet::storage]
	pub type CitationPlaces<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, ContentDigest, Twox64Concat, OrgId, u32, ValueQuery>;

	/// Anchored Merkle batches by id.
	#[pallet::storage]
	pub type Batches<T: Config> = StorageMap<_, Twox64Concat, BatchId, BatchRecordOf<T>>;

	/// The id the next batch gets.
	#[pallet::storage]
	pub type NextBatchId<T> = StorageValue<_, BatchId, ValueQuery>;

	/// Events of the notary pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A digest was notarized by an organisation.
		Notarized { digest: ContentDigest, org: OrgId, kind: EvidenceKind, by: T::AccountId },
		/// A fact registered a digest it carries.
		Cited { digest: ContentDigest, fact: FactRef, org: OrgId },
		/// A Merkle root of `leaf_count` digests was anchored as batch `batch_id`.
		BatchAnchored {
			batch_id: BatchId,
			root: H256,
			leaf_count: u32,
			scheme: MerkleScheme,
			org: OrgId,
		},
	}

	/// Errors of the notary pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The signer's organisation already notarized this digest (or cited it in a fact).
		AlreadyNotarized,
		/// Evidence of zero bytes cannot be notarized.
		EmptyEvidence,
		/// A batch needs at least one leaf.
		EmptyBatch,
		/// A batch holds at most 2^20 leaves.
		BatchTooLarge,
		/// The signer acts for no organisation.
		NotAMember,
		/// The signer's organisation is suspended.
		OrganisationSuspended,
		/// The digest is cited by `MaxCitations` facts already.
		TooManyCitations,
		/// The organisation already holds its share of the digest's citations.
		CitationShareUsed,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Notarize one piece of evidence by its content digest: its `kind`, size in bytes,
		/// capture time (unix milliseconds, as claimed by the submitter) and, for media with
		/// C2PA provenance, the hash of the C2PA claim. Another organisation's earlier
		/// notarization of the same digest does not refuse it: each organisation keeps its
		/// own record. Origin: an admin or operator of an active organisation.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::notarize())]
		pub fn notarize(
			origin: OriginFor<T>,
			digest: ContentDigest,
			kind: EvidenceKind,
			byte_size: u64,
			captured_at: u64,
			c2pa_claim: Option<H256>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let org = Self::ensure_member(&who)?;
			Self::do_notarize(who, org, digest, kind, byte_size, captured_at, c2pa_claim)
		}

		/// Anchor the Merkle `root` of a batch of `leaf_count` digests (1 to 2^20) built with
		/// `scheme`. Origin: an admin or operator of an active organisation.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::anchor_batch())]
		pub fn anchor_batch(
			origin: OriginFor<T>,
			root: H256,
			leaf_count: u32,
			scheme: MerkleScheme,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let org = Self::ensure_member(&who)?;
			Self::do_anchor_batch(who, org, root, leaf_count, scheme).map(|_| ())
		}
	}
}

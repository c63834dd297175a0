//! # Liability
//!
//! Disputes about damaged, defective, counterfeit or missing goods, settled from the facts the
//! inspection and logistics pallets hold. The rule engine ([`rules`]) is a pure function from
//! the frozen rule-set parameters and the facts of a dispute to a verdict; this pallet runs
//! the lifecycle around it: opening with standing checks and frozen parameters, responses,
//! evidence, automatic evaluation, challenge and finality, all driven by an `on_initialize`
//! agenda with bounded work per block.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::liability";

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
pub mod migrations;
pub mod rules;
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

/// The facts the benchmarks dispute, as the runtime stored them.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkFacts<AccountId> {
	/// An operator of an organisation with standing to open the dispute.
	pub claimant: AccountId,
	/// The order line.
	pub order: evidence_primitives::OrderRef,
	/// The shipment that carried the unit.
	pub shipment: sp_core::H256,
	/// The unit.
	pub unit: evidence_primitives::ObjectKey,
	/// The unit's lot, when its attestations are by lot too.
	pub lot: Option<evidence_primitives::ObjectKey>,
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Stores the costliest facts the runtime allows for one unit — a delivered shipment
	/// with the most custody legs, each with the most sensor digests, carried by as many
	/// organisations as a dispute has respondents; the most attestations on the unit — and
	/// says how a claim names them.
	fn worst_case_facts() -> BenchmarkFacts<AccountId>;
	/// An operator of organisation `org`.
	fn operator_of(org: evidence_primitives::OrgId) -> AccountId;
	/// Makes sure at least `n` arbitrator organisations that are party to nothing exist;
	/// returns them.
	fn arbitrators(n: u32) -> alloc::vec::Vec<evidence_primitives::OrgId>;
	/// An inspection agency that is party to no dispute.
	fn outside_agency() -> evidence_primitives::OrgId;
	/// `n` more shipments delivered like `shipment` (same legs, as many units), each with
	/// units of its own: what a block's confirmations read when every delivery due in it is a
	/// different shipment.
	fn delivered_like(shipment: sp_core::H256, n: u32) -> alloc::vec::Vec<sp_core::H256>;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use evidence_primitives::{
		facts::{InspectionFacts, LogisticsFacts},
		ContentDigest, MembershipCheck, OrgId, OrganisationDirectory,
	};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version (2: disputes carry their engine version; see
	/// [`crate::migrations::v2`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the liability pallet.
	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ pallet_timestamp::Config<Moment = u64>
	{
		/// Who acts for which organisation, in which role (the consortium pallet).
		type Membership: MembershipCheck<Self::AccountId>;

		/// The attestations of a unit (the inspection pallet).
		type Inspection: InspectionFacts;

		/// The shipment's parties, legs and delivery (the logistics pallet).
		type Logistics: LogisticsFacts;

		/// The arbitrator organisations (the consortium pallet).
		type Directory: OrganisationDirectory;

		/// Publishes rule-set versions (2/3 of the council, or root).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most test items a claim alleges failing.
		#[pallet::constant]
		type MaxAllegedItems: Get<u32>;

		/// Most evidence digests per dispute.
		#[pallet::constant]
		type MaxEvidence: Get<u32>;

		/// Most respondents per dispute.
		#[pallet::constant]
		type MaxRespondents: Get<u32>;

		/// Most liable organisations in a verdict.
		#[pallet::constant]
		type MaxShares: Get<u32>;

		/// Most facts a verdict cites.
		#[pallet::constant]
		type MaxFactsUsed: Get<u32>;

		/// Most disputes about one order line, and about one unit.
		#[pallet::constant]
		type MaxDisputesPerOrder: Get<u32>;

		/// Most due agenda steps taken in one block; the rest wait for the next blocks (their
		/// deadlines, which every call checks, do not move).
		#[pallet::constant]
		type MaxAgendaPerBlock: Get<u32>;

		/// Most disputes one organisation opens in a block: its fair share of the agenda, so
		/// one organisation's flood never delays another's deadlines.
		#[pallet::constant]
		type MaxOpensPerBlock: Get<u32>;

		/// Weights of the calls and of the block agenda.
		type WeightInfo: WeightInfo;

		/// Creates the worst-case facts for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Rule-set versions.
	#[pallet::storage]
	pub type RuleSets<T: Config> =
		StorageMap<_, Twox64Concat, RuleSetVersion, RuleSetParams<BlockNumberFor<T>>>;

	/// The version new disputes freeze.
	#[pallet::storage]
	pub type CurrentRuleSet<T> = StorageValue<_, RuleSetVersion, ValueQuery>;

	/// The engine version each rule set binds: the one current when it was published.
	#[pallet::storage]
	pub type RuleSetEngines<T> =
		StorageMap<_, Twox64Concat, RuleSetVersion, crate::rules::EngineVersion>;

	/// Disputes in flight per engine version: an engine version may leave the runtime only
	/// once its count is zero.
	#[pallet::storage]
	pub type OpenDisputesByEngine<T> =
		StorageMap<_, Twox64Concat, crate::rules::EngineVersion, u32, ValueQuery>;

	/// Disputes by id.
	#[pallet::storage]
	pub type Disputes<T: Config> = StorageMap<_, Twox64Concat, DisputeId, Dispute<T>>;

	/// The block each dispute ended in (whatever it ended in: final, settled, withdrawn,
	/// default judgment, expired or unresolved): how long disputes take, for the track
	/// records.
	#[pallet::storage]
	pub type EndedIn<T: Config> = StorageMap<_, Twox64Concat, DisputeId, BlockNumberFor<T>>;

	/// The id the next dispute gets.
	#[pallet::storage]
	pub type NextDisputeId<T> = StorageValue<_, DisputeId, ValueQuery>;

	/// The dispute in flight about a unit: one at a time, whatever its kind.
	#[pallet::storage]
	pub type OpenClaims<T: Config> =
		StorageMap<_, Blake2_128Concat, evidence_primitives::ObjectKey, DisputeId>;

	/// The dispute that ended each claim family about a unit: none of that family can be
	/// opened again (a dispute that ended unresolved leaves none).
	#[pallet::storage]
	pub type DecidedClaims<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		evidence_primitives::ObjectKey,
		Twox64Concat,
		ClaimFamily,
		DisputeId,
	>;

	/// Disputes about each order line, oldest first.
	#[pallet::storage]
	pub type DisputesByOrder<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		evidence_primitives::OrderRef,
		BoundedVec<DisputeId, T::MaxDisputesPerOrder>,
		ValueQuery,
	>;

	/// Disputes about each unit, oldest first.
	#[pallet::storage]
	pub type DisputesByUnit<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		evidence_primitives::ObjectKey,
		BoundedVec<DisputeId, T::MaxDisputesPerOrder>,
		ValueQuery,
	>;

	/// The step each dispute in flight takes if nobody acts first, by the block it is due in:
	/// exactly one per dispute in flight, so a block holds as many as are due then and no user
	/// call ever waits for room. Due steps are taken oldest block first, at most
	/// `MaxAgendaPerBlock` per block; within a block, in the order of their hashed dispute ids.
	#[pallet::storage]
	pub type Agenda<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Twox64Concat, DisputeId, AgendaAction>;

	/// The oldest block whose agenda may still hold due steps.
	#[pallet::storage]
	pub type AgendaFrom<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// How many disputes each organisation opened in the block it last opened one in.
	#[pallet::storage]
	pub type OpenedInBlock<T: Config> =
		StorageMap<_, Twox64Concat, OrgId, (BlockNumberFor<T>, u32), OptionQuery>;

	/// Rotation position for assigning arbitrators.
	#[pallet::storage]
	pub type ArbitratorCursor<T> = StorageValue<_, u32, ValueQuery>;

	/// Rotation position for assigning re-inspecting agencies.
	#[pallet::storage]
	pub type AgencyCursor<T> = StorageValue<_, u32, ValueQuery>;

	/// Clean signed deliveries awaiting confirmation, by the block their objection window
	/// ends.
	#[pallet::storage]
	pub type PendingConfirmations<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<(sp_core::H256, evidence_primitives::OrderRef), T::MaxAgendaPerBlock>,
		ValueQuery,
	>;

	/// Shipments whose delivery confirmed itself (D1), with the block.
	#[pallet::storage]
	pub type ConfirmedDeliveries<T: Config> =
		StorageMap<_, Blake2_128Concat, sp_core::H256, BlockNumberFor<T>>;

	/// Each organisation's record across disputes.
	#[pallet::storage]
	pub type Reputations<T: Config> = StorageMap<_, Twox64Concat, OrgId, Reputation, ValueQuery>;

	/// Places each organisation holds in the dispute lists of units and orders: none holds
	/// more than its share of a list ([`evidence_primitives::index_share`]), so no member can
	/// fill a unit's or order's dispute list and lock the others out of it.
	#[pallet::storage]
	pub type IndexPlaces<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		evidence_primitives::IndexKey,
		Twox64Concat,
		OrgId,
		u32,
		ValueQuery,
	>;

	/// Events of the liability pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance published a rule-set version; it binds engine version `engine`.
		RuleSetPublished { version: RuleSetVersion, engine: crate::rules::EngineVersion },
		/// A dispute was opened against `respondents`.
		DisputeOpened {
			dispute: DisputeId,
			claimant: OrgId,
			respondents: BoundedVec<OrgId, T::MaxRespondents>,
			rule_set: RuleSetVersion,
		},
		/// A respondent accepted liability: the dispute is settled.
		LiabilityAccepted { dispute: DisputeId, by: OrgId },
		/// A respondent contested.
		Contested { dispute: DisputeId, by: OrgId },
		/// Every respondent responded: the evidence window is open.
		EvidenceWindowOpened { dispute: DisputeId, until: BlockNumberFor<T> },
		/// A party submitted evidence.
		EvidenceSubmitted { dispute: DisputeId, by: OrgId, digest: ContentDigest },
		/// A respondent has nothing to add.
		EvidenceClosed { dispute: DisputeId, by: OrgId },
		/// The rules proposed a verdict.
		VerdictProposed { dispute: DisputeId, verdict: StoredVerdict<T> },
		/// The rules could not decide, or a party challenged: `arbitrator` decides by
		/// `rule_by`.
		Escalated {
			dispute: DisputeId,
			reason: Option<rules::EscalationReason>,
			arbitrator: OrgId,
			rule_by: BlockNumberFor<T>,
		},
		/// The assigned arbitrator let its deadline pass: `arbitrator` decides by `rule_by`.
		ArbitratorReplaced {
			dispute: DisputeId,
			passed_over: OrgId,
			arbitrator: OrgId,
			rule_by: BlockNumberFor<T>,
		},
		/// Appeal panel members let their deadline pass: the panel is now `panel`, voting by
		/// `vote_by`.
		PanelReplaced {
			dispute: DisputeId,
			passed_over: BoundedVec<OrgId, frame_support::traits::ConstU32<3>>,
			panel: BoundedVec<OrgId, frame_support::traits::ConstU32<3>>,
			vote_by: BlockNumberFor<T>,
		},
		/// The rules need a re-inspection by an agency that is no party: a party names one by
		/// `until`.
		ReinspectionAwaited {
			dispute: DisputeId,
			reason: rules::EscalationReason,
			until: BlockNumberFor<T>,
		},
		/// A party named `agency` to re-inspect; it attests by `until`.
		ReinspectionRequested {
			dispute: DisputeId,
			by: OrgId,
			agency: OrgId,
			until: BlockNumberFor<T>,
		},
		/// The named agency attested its re-inspection: the rules decide again next block.
		Reinspected { dispute: DisputeId, agency: OrgId },
		/// No arbitrator was left to decide: the dispute ended unresolved.
		Unresolved { dispute: DisputeId, reason: UnresolvedReason },
		/// The consumer's outcome was decided: a refund due from `payer`, or none.
		ConsumerOutcomeDecided {
			dispute: DisputeId,
			refund: bool,
			payer: OrgId,
			amount: evidence_primitives::Money,
		},
		/// The arbitrator ruled; the ruling is final after `appeal_until` unless appealed.
		Ruled { dispute: DisputeId, by: OrgId, appeal_until: BlockNumberFor<T> },
		/// A party appealed: `panel` decides by majority, voting by `vote_by`.
		Appealed {
			dispute: DisputeId,
			by: OrgId,
			panel: BoundedVec<OrgId, frame_support::traits::ConstU32<3>>,
			vote_by: BlockNumberFor<T>,
		},
		/// A panel member voted.
		AppealVote { dispute: DisputeId, by: OrgId },
		/// The verdict is final.
		VerdictFinal { dispute: DisputeId, verdict: StoredVerdict<T> },
		/// A respondent stayed silent: default judgment for the claimant (P5).
		DefaultJudgment { dispute: DisputeId, liable: BoundedVec<OrgId, T::MaxRespondents> },
		/// The claimant withdrew before a verdict was proposed.
		Withdrawn { dispute: DisputeId },
		/// The evidence window closed with no evidence from the claimant: the claim lapsed and
		/// nobody is liable.
		Expired { dispute: DisputeId },
		/// A clean signed delivery passed its objection window with no dispute: delivery is
		/// confirmed (rule D1).
		DeliveryConfirmed {
			shipment: sp_core::H256,
			order: evidence_primitives::OrderRef,
			rule: rules::RuleId,
		},
	}

	/// Errors of the liability pallet. Each names the step that refused.
	#[pallet::error]
	pub enum Error<T> {
		/// The signer acts for no organisation.
		NotAMember,
		/// The signer's organisation is suspended.
		OrganisationSuspended,
		/// No rule set is published yet.
		NoRuleSet,
		/// A rule set's windows must each be between one block and `MAX_WINDOW_BLOCKS`.
		InvalidRuleSet,
		/// No shipment with this id.
		UnknownShipment,
		/// The shipment carries another order.
		OrderMismatch,
		/// The shipment does not carry this unit.
		UnitNotInShipment,
		/// Only the platform the order line was placed on (named in its shipment) or the
		/// merchant that shipped it may open a dispute about it.
		NoStanding,
		/// A dispute about this unit is in flight: one at a time.
		UnitUnderDispute,
		/// A claim of this family about this unit has ended already: it is not opened again.
		ClaimAlreadyDecided,
		/// No one to open the dispute against.
		NoRespondents,
		/// The organisation opened `MaxOpensPerBlock` disputes in this block already: the next
		/// block takes more.
		OpeningQuotaReached,
		/// No dispute with this id.
		UnknownDispute,
		/// The signer's organisation is not a respondent.
		NotARespondent,
		/// The signer's organisation is not a party.
		NotAParty,
		/// The dispute has ended: nothing changes it any more.
		AlreadyDecided,
		/// The respondent contested already.
		AlreadyContested,
		/// The response window has closed (or every respondent has responded).
		ResponseWindowClosed,
		/// The evidence window has not opened yet: not every respondent has responded.
		EvidenceWindowNotOpen,
		/// The evidence window has closed.
		EvidenceWindowClosed,
		/// The respondent declared already that it has nothing to add.
		EvidenceAlreadyClosed,
		/// The dispute holds `MaxEvidence` digests already.
		TooMuchEvidence,
		/// The rules have not proposed a verdict to challenge.
		NoVerdictToChallenge,
		/// The challenge window of the proposed verdict has closed.
		ChallengeWindowClosed,
		/// Only the claimant withdraws.
		NotClaimant,
		/// The rules proposed a verdict already: the claimant challenges or lets it stand.
		VerdictAlreadyProposed,
		/// The dispute is not before an arbitrator or an appeal panel.
		NotInArbitration,
		/// The signer's organisation is not the assigned arbitrator or a panel member.
		NotAssignedArbitrator,
		/// The deadline to rule or vote has passed: another arbitrator takes over.
		RulingDeadlinePassed,
		/// The panel member voted already.
		AlreadyVoted,
		/// Liable shares must sum to 100 % (or be empty to reject the claim).
		SharesNotWhole,
		/// A ruling names an organisation twice.
		DuplicateLiable,
		/// A ruling gives an organisation a share of zero.
		ZeroShare,
		/// Only a party can be found liable.
		LiableNotAParty,
		/// No arbitrator ruling to appeal.
		NoRulingToAppeal,
		/// The appeal window of the ruling has closed.
		AppealWindowClosed,
		/// An appeal needs three arbitrator organisations that are no party and did not rule.
		NotEnoughArbitrators,
		/// The dispute awaits no re-inspection.
		NoReinspectionAwaited,
		/// An agency was named for the re-inspection already.
		ReinspectionAlreadyRequested,
		/// The time to name an agency has passed.
		ReinspectionWindowClosed,
		/// No inspection agency is a stranger to the dispute: an arbitrator decides at the
		/// deadline.
		NoEligibleAgency,
		/// A deadline would lie beyond the last block number.
		DeadlineOverflow,
		/// The order line or the unit has `MaxDisputesPerOrder` disputes already.
		TooManyDisputes,
		/// The claimant already holds its share of the order's dispute list (a quarter of
		/// `MaxDisputesPerOrder`).
		DisputeShareOfOrderUsed,
		/// The claimant already holds its share of the unit's dispute list (a quarter of
		/// `MaxDisputesPerOrder`).
		DisputeShareOfUnitUsed,
		/// The claim names a lot that no attestation of that lot links to the order line.
		LotNotLinked,
		/// More organisations answer for this claim than a dispute holds (`MaxRespondents`).
		TooManyRespondents,
		/// The claim says the problem was discovered after the dispute was opened.
		DiscoveredAfterOpening,
		/// The claim says the problem was discovered before the shipment was delivered.
		DiscoveredBeforeDelivery,
		/// A re-inspection is pending: the dispute is re-evaluated when its attestation
		/// arrives, or goes to an arbitrator at its deadline.
		AwaitingReinspection,
		/// The dispute is before an arbitrator or an appeal panel already: a ruling is
		/// appealed (`appeal`), not challenged.
		AlreadyBeforeArbitrator,
	}

	/// The rule set in force from genesis (version 1), if any.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Published as version 1 when present.
		pub rule_set: Option<RuleSetParams<BlockNumberFor<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(params) = self.rule_set {
				assert!(params.is_valid(), "the genesis rule set has a window out of bounds");
				RuleSets::<T>::insert(1, params);
				RuleSetEngines::<T>::insert(1, crate::rules::CURRENT_ENGINE);
				CurrentRuleSet::<T>::put(1);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::run_agenda(now).saturating_add(Self::confirm_deliveries(now))
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Publish the next rule-set version; new disputes freeze it, disputes in flight keep
		/// theirs. Origin: governance.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::publish_rule_set())]
		pub fn publish_rule_set(
			origin: OriginFor<T>,
			params: RuleSetParams<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_publish_rule_set(params).map(|_| ())
		}

		/// Open a dispute about a unit of an order carried by a shipment. Origin: an operator
		/// of the platform the order was placed on (for its consumer) or of the merchant that
		/// shipped it. The respondents are the organisations a rule of the claim's family can
		/// make liable.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::open_dispute())]
		pub fn open_dispute(origin: OriginFor<T>, claim: Claim<T>) -> DispatchResult {
			let (who, org) = Self::ensure_member(origin)?;
			Self::do_open_dispute(who, org, claim).map(|_| ())
		}

		/// Respond as a respondent: accept liability (the dispute settles with the signer's
		/// organisation liable in full) or contest it.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::respond_accept()
			.max(<T as Config>::WeightInfo::respond_contest()))]
		pub fn respond(origin: OriginFor<T>, dispute: DisputeId, accept: bool) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_respond(org, dispute, accept)
		}

		/// Add an evidence digest while the evidence window is open. Origin: a party.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::submit_evidence())]
		pub fn submit_evidence(
			origin: OriginFor<T>,
			dispute: DisputeId,
			digest: ContentDigest,
		) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_submit_evidence(org, dispute, digest)
		}

		/// Declare, as a respondent, that there is nothing to add; when every respondent has,
		/// the dispute is evaluated at once.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::close_evidence())]
		pub fn close_evidence(origin: OriginFor<T>, dispute: DisputeId) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_close_evidence(org, dispute)
		}

		/// Reject a proposed verdict within the challenge window: an arbitrator decides.
		/// Origin: a party.
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::challenge())]
		pub fn challenge(origin: OriginFor<T>, dispute: DisputeId) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_challenge(org, dispute)
		}

		/// Rule as the assigned arbitrator (or vote as an appeal panel member): the liable
		/// parties with shares summing to 100 % (none rejects the claim) and the digest of the
		/// written rationale.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::rule())]
		pub fn rule(
			origin: OriginFor<T>,
			dispute: DisputeId,
			liable: BoundedVec<rules::Share, T::MaxShares>,
			rationale: sp_core::H256,
		) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_rule(org, dispute, liable, rationale)
		}

		/// Appeal an arbitrator's ruling within the appeal window: a panel of three other
		/// arbitrators decides by majority. Origin: a party.
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::appeal())]
		pub fn appeal(origin: OriginFor<T>, dispute: DisputeId) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_appeal(org, dispute)
		}

		/// Ask for the re-inspection (or re-authentication) of the unit the rules need. The
		/// chain assigns the next inspection agency in rotation that is no party: no party
		/// chooses it, so none can get in first with a friendly agency. Its attestation of
		/// purpose `DisputeReinspection` re-evaluates the dispute in the next block; without one
		/// by the deadline an arbitrator decides. Origin: a party.
		#[pallet::call_index(9)]
		#[pallet::weight(<T as Config>::WeightInfo::request_reinspection())]
		pub fn request_reinspection(origin: OriginFor<T>, dispute: DisputeId) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_request_reinspection(org, dispute)
		}

		/// Withdraw a dispute before the rules proposed a verdict (afterwards the claimant
		/// challenges it or lets it stand). A withdrawn claim is not opened again. Origin: the
		/// claimant.
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, dispute: DisputeId) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_withdraw(org, dispute)
		}
	}
}

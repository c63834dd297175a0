//! Records the liability pallet stores.

use crate::{
	rules::{Decision, EscalationReason, RuleId, RuleSet, Share, Verdict},
	Config,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use evidence_primitives::{
	facts::{ClaimKind, DamageMode},
	ContentDigest, FactRef, Money, ObjectKey, OrderRef, OrgId,
};
use frame_support::{
	traits::ConstU32, BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

/// A dispute, numbered from 0 in opening order.
pub type DisputeId = u64;
/// A version of the rule set, from 1.
pub type RuleSetVersion = u32;

/// The governed parameters of a rule-set version: the engine's and the lifecycle's deadlines
/// (in blocks). Frozen into each dispute when it opens.
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct RuleSetParams<BlockNumber> {
	/// The engine's windows and split formula.
	pub engine: RuleSet,
	/// Blocks a respondent has to respond before default judgment (P5).
	pub response_blocks: BlockNumber,
	/// Blocks the evidence window stays open.
	pub evidence_blocks: BlockNumber,
	/// Blocks a proposed verdict can be challenged.
	pub challenge_blocks: BlockNumber,
	/// Blocks an arbitrator's ruling can be appealed.
	pub appeal_blocks: BlockNumber,
	/// Blocks after a clean signed delivery before it confirms itself (D1); the block-count
	/// counterpart of the engine's objection window.
	pub objection_blocks: BlockNumber,
	/// Blocks an assigned arbitrator has to rule before the next eligible one takes over.
	pub ruling_blocks: BlockNumber,
	/// Blocks an appeal panel has to vote before its silent members are replaced.
	pub vote_blocks: BlockNumber,
	/// Blocks a party has to request a re-inspection the rules need, and then the agency it
	/// named has to attest it, before the dispute goes to an arbitrator.
	pub reinspection_blocks: BlockNumber,
}

/// The longest window a rule set may give any step: 30 days of six-second blocks. It keeps
/// every deadline a dispute computes far from wrapping and every dispute's end in sight.
pub const MAX_WINDOW_BLOCKS: u32 = 30 * 24 * 600;

impl<BlockNumber: Copy + PartialOrd + From<u32>> RuleSetParams<BlockNumber> {
	/// Whether every window is between one block and [`MAX_WINDOW_BLOCKS`].
	pub fn is_valid(&self) -> bool {
		[
			self.response_blocks,
			self.evidence_blocks,
			self.challenge_blocks,
			self.appeal_blocks,
			self.objection_blocks,
			self.ruling_blocks,
			self.vote_blocks,
			self.reinspection_blocks,
		]
		.iter()
		.all(|window| *window >= 1u32.into() && *window <= MAX_WINDOW_BLOCKS.into())
	}
}

/// What the claimant says went wrong, about which unit of which order and shipment.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(encode_bound())]
#[codec(decode_bound())]
#[codec(decode_with_mem_tracking_bound())]
#[codec(mel_bound())]
pub struct Claim<T: Config> {
	/// The kind of claim.
	pub kind: ClaimKind,
	/// The order line.
	pub order: OrderRef,
	/// The shipment that carried the unit.
	pub shipment: H256,
	/// The unit.
	pub unit: ObjectKey,
	/// The unit's lot, if it was inspected by lot: accepted only when an attestation of the
	/// lot names the claim's order line.
	pub lot: Option<ObjectKey>,
	/// Test item codes alleged failing.
	pub alleged_items: BoundedVec<evidence_primitives::Code, T::MaxAllegedItems>,
	/// The damage alleged.
	pub damage_mode: DamageMode,
	/// When the problem was discovered (unix ms): not before the delivery, not after the
	/// opening.
	pub discovered_at: u64,
	/// The amount claimed.
	pub amount: Money,
	/// Digests of the claimant's evidence at opening (photos, video, the consumer's report).
	/// Every claim but "not received" needs at least one by the end of the evidence window.
	pub evidence: BoundedVec<ContentDigest, T::MaxEvidence>,
}

/// Where a dispute stands. Every window is inclusive: a call is accepted up to and including
/// its deadline block, and the agenda acts from the block after it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum DisputeStatus<BlockNumber> {
	/// Waiting for the respondents to respond, until `respond_by`.
	#[codec(index = 0)]
	AwaitingResponse {
		/// The last block a respondent can respond in; default judgment after it (P5).
		respond_by: BlockNumber,
	},
	/// Evidence is being gathered until `evidence_until`.
	#[codec(index = 1)]
	Evidence {
		/// The last block evidence is accepted in; the rules decide after it at the latest.
		evidence_until: BlockNumber,
	},
	/// The rules proposed a verdict; it becomes final after `challenge_until`.
	#[codec(index = 2)]
	Proposed {
		/// The last block a party can challenge in.
		challenge_until: BlockNumber,
	},
	/// A human arbitrator decides: `arbitrator`, until `rule_by`; after it the next eligible
	/// arbitrator takes over.
	#[codec(index = 3)]
	Arbitration {
		/// The arbitrator organisation assigned.
		arbitrator: OrgId,
		/// The last block it can rule in.
		rule_by: BlockNumber,
	},
	/// An arbitrator ruled; final after `appeal_until` unless a party appeals.
	#[codec(index = 4)]
	Ruled {
		/// The last block a party can appeal in.
		appeal_until: BlockNumber,
	},
	/// A panel of three arbitrators decides by majority, voting until `vote_by`; members still
	/// silent after it are replaced.
	#[codec(index = 5)]
	Appeal {
		/// The panel.
		panel: BoundedVec<OrgId, ConstU32<3>>,
		/// The last block a member can vote in.
		vote_by: BlockNumber,
	},
	/// Decided for good.
	#[codec(index = 6)]
	Final,
	/// A respondent accepted liability.
	#[codec(index = 7)]
	Settled,
	/// Withdrawn by the claimant before a verdict was proposed.
	#[codec(index = 8)]
	Withdrawn,
	/// A respondent stayed silent past its deadline: judgment for the claimant (P5).
	#[codec(index = 9)]
	DefaultJudgment,
	/// The claimant filed no evidence by the end of the evidence window: nobody is liable.
	#[codec(index = 10)]
	Expired,
	/// No human could decide: the dispute ended without a business-to-business verdict, the
	/// claim lock released (the consumer's refund is decided all the same).
	#[codec(index = 11)]
	Unresolved {
		/// Why.
		reason: UnresolvedReason,
	},
	/// The rules need a re-inspection (or re-authentication) by an agency that is no party:
	/// a party names one with `request_reinspection` by `until`, then that agency attests by
	/// the new `until`; its attestation re-evaluates the dispute at once. Past `until`, an
	/// arbitrator decides.
	#[codec(index = 12)]
	Reinspection {
		/// What the rules need (`ReinspectionNeeded` or `ReAuthenticationNeeded`).
		reason: EscalationReason,
		/// The agency a party named, once named.
		agency: Option<OrgId>,
		/// The last block to name an agency, or for the named agency to attest.
		until: BlockNumber,
	},
}

/// Why a dispute ended unresolved.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum UnresolvedReason {
	/// No arbitrator organisation that is no party, active and not passed over already was
	/// left to decide.
	#[codec(index = 0)]
	NoArbitrator,
}

impl<BlockNumber: Copy + sp_runtime::traits::Saturating + sp_runtime::traits::One>
	DisputeStatus<BlockNumber>
{
	/// Whether the dispute is over: nothing can change it any more.
	pub fn is_closed(&self) -> bool {
		matches!(
			self,
			Self::Final
				| Self::Settled
				| Self::Withdrawn
				| Self::DefaultJudgment
				| Self::Expired
				| Self::Unresolved { .. }
		)
	}

	/// The step the agenda takes if nobody acts first, and the block it is due in (the block
	/// after the deadline); none once the dispute is over.
	pub fn next_step(&self) -> Option<(BlockNumber, AgendaAction)> {
		let after = |deadline: &BlockNumber| deadline.saturating_add(BlockNumber::one());
		match self {
			Self::AwaitingResponse { respond_by } => {
				Some((after(respond_by), AgendaAction::ResponseDeadline))
			},
			Self::Evidence { evidence_until } => {
				Some((after(evidence_until), AgendaAction::Evaluate))
			},
			Self::Proposed { challenge_until } => {
				Some((after(challenge_until), AgendaAction::Finalize))
			},
			Self::Arbitration { rule_by, .. } => {
				Some((after(rule_by), AgendaAction::RulingDeadline))
			},
			Self::Ruled { appeal_until } => Some((after(appeal_until), AgendaAction::Finalize)),
			Self::Appeal { vote_by, .. } => Some((after(vote_by), AgendaAction::VoteDeadline)),
			Self::Reinspection { until, .. } => {
				Some((after(until), AgendaAction::ReinspectionDeadline))
			},
			_ => None,
		}
	}
}

/// What the consumer gets, decided before (and apart from) who among the businesses bears it:
/// the merchant refunds its consumer for goods that did not arrive sound (PRC E-Commerce Law
/// art. 20), whoever it recovers from afterwards.
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct ConsumerOutcome<BlockNumber> {
	/// Whether a refund is due.
	pub refund: bool,
	/// Who refunds: the merchant that sold the unit.
	pub payer: OrgId,
	/// The amount claimed.
	pub amount: Money,
	/// The block it was decided in.
	pub decided_in: BlockNumber,
}

/// Claims about the same thing: once one claim of a family about a unit has ended, no other
/// claim of that family about the unit can be opened.
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
pub enum ClaimFamily {
	/// The parcel never arrived.
	#[codec(index = 0)]
	Delivery,
	/// The unit arrived damaged, defective, incomplete or not as described: one arrival, one
	/// claim about its condition.
	#[codec(index = 1)]
	Arrival,
	/// The unit is not genuine.
	#[codec(index = 2)]
	Authenticity,
	/// A return without a reason.
	#[codec(index = 3)]
	Return,
	/// A defect that appeared in use, within the warranty.
	#[codec(index = 4)]
	Warranty,
}

impl ClaimFamily {
	/// The family of a claim kind.
	pub fn of(kind: ClaimKind) -> Self {
		match kind {
			ClaimKind::NotReceived => Self::Delivery,
			ClaimKind::TransitDamage
			| ClaimKind::TemperatureAbuse
			| ClaimKind::MissingParts
			| ClaimKind::DefectOnArrival
			| ClaimKind::NotAsDescribed => Self::Arrival,
			ClaimKind::Counterfeit => Self::Authenticity,
			ClaimKind::NoReasonReturn => Self::Return,
			ClaimKind::WarrantyDefect => Self::Warranty,
		}
	}
}

/// A verdict as stored: bounded lists.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(encode_bound())]
#[codec(decode_bound())]
#[codec(decode_with_mem_tracking_bound())]
#[codec(mel_bound())]
pub struct StoredVerdict<T: Config> {
	/// Liable organisations with their shares; empty when rejected or escalated.
	pub liable: BoundedVec<Share, T::MaxShares>,
	/// Whether the claim was rejected.
	pub rejected: bool,
	/// Why it was escalated, if it was.
	pub escalation: Option<EscalationReason>,
	/// Every rule that fired.
	pub rules: BoundedVec<RuleId, ConstU32<32>>,
	/// The facts used.
	pub facts: BoundedVec<FactRef, T::MaxFactsUsed>,
}

impl<T: Config> StoredVerdict<T> {
	/// A decision taken outside the engine (acceptance, default judgment, a ruling): these
	/// organisations liable in these shares, or a rejection when there are none, and the
	/// rules that fired.
	pub fn decided(liable: alloc::vec::Vec<Share>, rules: alloc::vec::Vec<RuleId>) -> Self {
		let decision =
			if liable.is_empty() { Decision::Rejected } else { Decision::Liable(liable) };
		Self::from_verdict(Verdict { decision, rules, facts: alloc::vec::Vec::new() })
	}

	/// Bounds an engine verdict (the engine's lists are bounded by the facts it was given).
	pub fn from_verdict(verdict: Verdict) -> Self {
		let (liable, rejected, escalation) = match verdict.decision {
			Decision::Liable(shares) => (shares, false, None),
			Decision::Rejected => (alloc::vec::Vec::new(), true, None),
			Decision::Escalate(reason) => (alloc::vec::Vec::new(), false, Some(reason)),
		};
		Self {
			liable: BoundedVec::truncate_from(liable),
			rejected,
			escalation,
			rules: BoundedVec::truncate_from(verdict.rules),
			facts: BoundedVec::truncate_from(verdict.facts),
		}
	}
}

/// A dispute.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Dispute<T: Config> {
	/// The claimant: the platform (for its consumer) or the merchant.
	pub claimant: OrgId,
	/// The merchant that shipped the unit.
	pub merchant: OrgId,
	/// Whether the claim is the consumer's, brought by the platform the order was placed on
	/// (a merchant's own claim has no consumer outcome).
	pub for_consumer: bool,
	/// The account that opened it.
	pub opened_by: T::AccountId,
	/// The claim.
	pub claim: Claim<T>,
	/// The organisations the claim is against: the merchant, the custodians, the agencies.
	pub respondents: BoundedVec<OrgId, T::MaxRespondents>,
	/// Respondents that contested (and so responded).
	pub contested: BoundedVec<OrgId, T::MaxRespondents>,
	/// Respondents that declared they have nothing to add.
	pub closed_evidence: BoundedVec<OrgId, T::MaxRespondents>,
	/// Evidence digests submitted by the parties.
	pub evidence: BoundedVec<(OrgId, ContentDigest), T::MaxEvidence>,
	/// The rule-set version frozen at opening, and its parameters.
	pub rule_set: RuleSetVersion,
	/// The frozen parameters.
	pub params: RuleSetParams<BlockNumberFor<T>>,
	/// Chain time at opening (unix ms).
	pub opened_at: u64,
	/// Block at opening.
	pub opened_block: BlockNumberFor<T>,
	/// Where it stands.
	pub status: DisputeStatus<BlockNumberFor<T>>,
	/// The verdict, once evaluated (or ruled).
	pub verdict: Option<StoredVerdict<T>>,
	/// The arbitrator's ruling and the appeal panel's votes, if it went to arbitration.
	pub arbitration: Option<ArbitrationRecord<T>>,
	/// What the consumer gets, once decided; none for a merchant's own claim.
	pub consumer: Option<ConsumerOutcome<BlockNumberFor<T>>>,
	/// The agency a party asked to re-inspect the unit, if any (once per dispute).
	pub reinspected_by: Option<OrgId>,
	/// The engine version that evaluates this dispute: the one its rule set binds.
	pub engine: crate::rules::EngineVersion,
}

/// A ruling by an arbitrator organisation: the liable organisations and the rationale.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(encode_bound())]
#[codec(decode_bound())]
#[codec(decode_with_mem_tracking_bound())]
#[codec(mel_bound())]
pub struct Ruling<T: Config> {
	/// The arbitrator organisation.
	pub by: OrgId,
	/// Liable organisations with shares summing to 100 %; empty rejects the claim.
	pub liable: BoundedVec<Share, T::MaxShares>,
	/// Digest of the written rationale.
	pub rationale: H256,
}

/// The arbitration of a dispute.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ArbitrationRecord<T: Config> {
	/// The first ruling.
	pub ruling: Option<Ruling<T>>,
	/// The appeal panel's rulings, in the order they came.
	pub appeal_votes: BoundedVec<Ruling<T>, ConstU32<3>>,
	/// Arbitrators and panel members that let their deadline pass: never assigned to this
	/// dispute again.
	pub passed_over: BoundedVec<OrgId, ConstU32<MAX_PASSED_OVER>>,
}

/// Most arbitrators and panel members a dispute passes over before it ends unresolved.
pub const MAX_PASSED_OVER: u32 = 16;

impl<T: Config> Dispute<T> {
	/// Whether `org` is the claimant or a respondent.
	pub fn is_party(&self, org: OrgId) -> bool {
		org == self.claimant || self.respondents.contains(&org)
	}

	/// Whether the claimant has filed evidence, at opening or since.
	pub fn claimant_filed_evidence(&self) -> bool {
		!self.claim.evidence.is_empty()
			|| self.evidence.iter().any(|(org, _)| *org == self.claimant)
	}
}

impl<T: Config> Claim<T> {
	/// Whether the claimant must back this claim with evidence: every kind but "not
	/// received", where the absence of the parcel is the claim.
	pub fn needs_evidence(&self) -> bool {
		self.kind != ClaimKind::NotReceived
	}

	/// The keys the unit's attestations are indexed under: the unit, and its lot if any.
	pub fn inspected_keys(&self) -> impl Iterator<Item = ObjectKey> {
		core::iter::once(self.unit).chain(self.lot)
	}
}

/// An organisation's record across disputes.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Reputation {
	/// Disputes opened against it.
	pub disputes_against: u32,
	/// Disputes where it was found liable.
	pub found_liable: u32,
	/// Disputes where it was cleared.
	pub cleared: u32,
	/// Disputes that went to an arbitrator.
	pub escalated: u32,
}

/// What the agenda does for a dispute at a block.
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
pub enum AgendaAction {
	/// Default judgment if a respondent has not responded.
	#[codec(index = 0)]
	ResponseDeadline,
	/// Close the evidence window and evaluate.
	#[codec(index = 1)]
	Evaluate,
	/// Make a proposed verdict or an unappealed ruling final.
	#[codec(index = 2)]
	Finalize,
	/// The assigned arbitrator did not rule: the next eligible one takes over.
	#[codec(index = 3)]
	RulingDeadline,
	/// Appeal panel members did not vote: they are replaced.
	#[codec(index = 4)]
	VoteDeadline,
	/// No re-inspection arrived in time: an arbitrator decides.
	#[codec(index = 5)]
	ReinspectionDeadline,
}

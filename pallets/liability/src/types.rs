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
	traits::ConstU32, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
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
}

impl<BlockNumber: sp_runtime::traits::Zero> RuleSetParams<BlockNumber> {
	/// Whether every window is at least one block.
	pub fn is_valid(&self) -> bool {
		!self.response_blocks.is_zero()
			&& !self.evidence_blocks.is_zero()
			&& !self.challenge_blocks.is_zero()
			&& !self.appeal_blocks.is_zero()
			&& !self.objection_blocks.is_zero()
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

/// Where a dispute stands.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum DisputeStatus<BlockNumber> {
	/// Waiting for the respondents to respond, until `respond_by`.
	AwaitingResponse {
		/// Default judgment after this block (P5).
		respond_by: BlockNumber,
	},
	/// Evidence is being gathered until `evidence_until`.
	Evidence {
		/// Evaluation at this block at the latest.
		evidence_until: BlockNumber,
	},
	/// The rules proposed a verdict; it becomes final after `challenge_until`.
	Proposed {
		/// Final after this block unless challenged.
		challenge_until: BlockNumber,
	},
	/// A human arbitrator decides: the assigned one, or none yet when every arbitrator
	/// organisation is a party.
	Arbitration {
		/// The arbitrator organisation assigned.
		arbitrator: Option<OrgId>,
	},
	/// An arbitrator ruled; final after `appeal_until` unless a party appeals.
	Ruled {
		/// Final after this block unless appealed.
		appeal_until: BlockNumber,
	},
	/// A panel of three arbitrators decides by majority.
	Appeal {
		/// The panel.
		panel: BoundedVec<OrgId, ConstU32<3>>,
	},
	/// Decided for good.
	Final,
	/// A respondent accepted liability.
	Settled,
	/// Withdrawn by the claimant.
	Withdrawn,
	/// A respondent stayed silent past its deadline: judgment for the claimant (P5).
	DefaultJudgment,
	/// The claimant filed no evidence by the end of the evidence window: nobody is liable.
	Expired,
}

impl<BlockNumber> DisputeStatus<BlockNumber> {
	/// Whether the dispute is over: nothing can change it any more.
	pub fn is_closed(&self) -> bool {
		matches!(
			self,
			Self::Final | Self::Settled | Self::Withdrawn | Self::DefaultJudgment | Self::Expired
		)
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
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ArbitrationRecord<T: Config> {
	/// The first ruling.
	pub ruling: Option<Ruling<T>>,
	/// The appeal panel's rulings, in the order they came.
	pub appeal_votes: BoundedVec<Ruling<T>, ConstU32<3>>,
}

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
	ResponseDeadline,
	/// Close the evidence window and evaluate.
	Evaluate,
	/// Make a proposed verdict final.
	Finalize,
}

//! The liability rule engine: a pure, total, deterministic function from the frozen rule-set
//! parameters and the facts of a dispute to a verdict — liable organisations with shares
//! summing to 100 %, a rejection, or an escalation with its reason — plus every rule id that
//! fired and the facts it used. No storage access: the pallet gathers the facts, this module
//! decides. Rule ids and texts: `liability-rules.md` in the design, summarised in the pallet
//! README.
//!
//! Order of evaluation:
//! 1. always escalate: fraud signals, force majeure, two devices disagreeing on a leg, a claim
//!    above the declared value;
//! 2. admissibility: inadmissible facts (P1) and revoked or superseded attestations (P2) are
//!    set aside, and the rule that fired is recorded;
//! 3. the claim's family: no-reason return (P3, I10, I11), not received (D5, D4),
//!    counterfeit (A1, A2), transit damage and temperature abuse (receipt rules D1–D4 then
//!    transit rules T1–T10), product defects (I1–I8, with the transit rules winning on a
//!    matching envelope breach, I5).

use alloc::{vec, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use evidence_primitives::{
	facts::{
		AttestationFact, ClaimKind, DamageMode, DeliveryFact, DisputeFacts, Excursion,
		InspectionPurpose, ItemFact, ItemOutcome, LegFact, LegState, Receipt, ShipmentFact,
	},
	FactRef, OrgId,
};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_runtime::Permill;

/// How several custodians with an excursion share liability (rule T2).
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
	Serialize,
	Deserialize,
)]
pub enum SplitFormula {
	/// Equal shares; the rounding remainder goes to the custodian of the earliest excursion.
	#[codec(index = 0)]
	Equal,
	/// A human decides.
	#[codec(index = 1)]
	Escalate,
}

/// The governed, versioned parameters of the rules. Frozen into a dispute when it opens.
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
	Serialize,
	Deserialize,
)]
pub struct RuleSet {
	/// How long after delivery apparent damage may still be reported (ms); also the objection
	/// window after which a clean signed delivery is confirmed (D1, P3, D4).
	pub objection_window_ms: u64,
	/// How long after delivery a no-reason return may be claimed (ms; 7 days in PRC law).
	pub no_reason_return_window_ms: u64,
	/// How long after delivery a durable good's defect is presumed the seller's (ms; 6 months).
	pub durable_defect_window_ms: u64,
	/// How several custodians with an excursion share liability.
	pub split: SplitFormula,
}

/// The stable id of a rule.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[allow(missing_docs)]
pub enum RuleId {
	#[codec(index = 0)]
	P1,
	#[codec(index = 1)]
	P2,
	#[codec(index = 2)]
	P3,
	#[codec(index = 3)]
	P5,
	#[codec(index = 4)]
	D1,
	#[codec(index = 5)]
	D2,
	#[codec(index = 6)]
	D3,
	#[codec(index = 7)]
	D4,
	#[codec(index = 8)]
	D5,
	#[codec(index = 9)]
	T1,
	#[codec(index = 10)]
	T2,
	#[codec(index = 11)]
	T3,
	#[codec(index = 12)]
	T4,
	#[codec(index = 13)]
	T5,
	#[codec(index = 14)]
	T6,
	#[codec(index = 15)]
	T7,
	#[codec(index = 16)]
	T9,
	#[codec(index = 17)]
	T10,
	#[codec(index = 18)]
	I1,
	#[codec(index = 19)]
	I2,
	#[codec(index = 20)]
	I4,
	#[codec(index = 21)]
	I5,
	#[codec(index = 22)]
	I6,
	#[codec(index = 23)]
	I7,
	#[codec(index = 24)]
	I8,
	#[codec(index = 25)]
	I10,
	#[codec(index = 26)]
	I11,
	#[codec(index = 27)]
	A1,
	#[codec(index = 28)]
	A2,
}

/// Why a dispute goes to a human arbitrator. Never a bare "unknown".
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
	Serialize,
	Deserialize,
)]
pub enum EscalationReason {
	/// Serial mismatch, weight change between pickup and delivery, or unit not in the parcel.
	#[codec(index = 0)]
	FraudSignal,
	/// Force majeure or customs opened the parcel.
	#[codec(index = 1)]
	ForceMajeure,
	/// Two devices on one leg disagree.
	#[codec(index = 2)]
	ConflictingDevices,
	/// The claim exceeds the carriers' declared-value cap.
	#[codec(index = 3)]
	AboveDeclaredValue,
	/// A fact a rule needs was excluded as inadmissible (P1/P2).
	#[codec(index = 4)]
	NeededFactExcluded,
	/// Media captured at delivery rebut a clean signed receipt (D2).
	#[codec(index = 5)]
	DeliveryReceiptRebutted,
	/// The consumer says not received against a binding receipt.
	#[codec(index = 6)]
	ReceiptContradictsClaim,
	/// Excursions on several legs and the rule set does not split (T2).
	#[codec(index = 7)]
	SeveralExcursions,
	/// The excursion falls inside the handover tolerance between two legs (T10).
	#[codec(index = 8)]
	ExcursionAtHandover,
	/// Mechanical damage with clean legs and certified packaging (T6).
	#[codec(index = 9)]
	CertifiedPackagingDamaged,
	/// Sensor data is missing on some legs and present on others, no rule decides.
	#[codec(index = 10)]
	IncompleteSensorData,
	/// A leg broke the envelope in a way that cannot cause the claimed damage.
	#[codec(index = 11)]
	UnrelatedExcursion,
	/// No attestation shows the unit was sound before transit.
	#[codec(index = 12)]
	NoEvidenceOfSoundness,
	/// Two accredited attestations contradict each other on the same item (I7).
	#[codec(index = 13)]
	ContradictingAttestations,
	/// The agency contests a finding against it (I4, A1).
	#[codec(index = 14)]
	AgencyContests,
	/// The authentication must be repeated by a different agency (A1).
	#[codec(index = 15)]
	ReAuthenticationNeeded,
	/// A re-inspection by a different agency is needed to decide.
	#[codec(index = 16)]
	ReinspectionNeeded,
	/// The merchant cited evidence of misuse (I8).
	#[codec(index = 17)]
	MisuseAlleged,
	/// A refused return is contested with media (I11).
	#[codec(index = 18)]
	ReturnContested,
	/// The return has not been inspected at intake yet.
	#[codec(index = 19)]
	AwaitingReturnIntake,
	/// The unit travelled in no recorded shipment, or was not delivered, where a rule needs it.
	#[codec(index = 20)]
	NoShipmentRecord,
	/// None of the rules decides these facts.
	#[codec(index = 21)]
	NoRuleDecides,
	/// The claim is in another currency than the declared value it is capped by.
	#[codec(index = 22)]
	CurrencyMismatch,
	/// The dispute's engine version is no longer in this runtime (retired): an arbitrator
	/// decides.
	#[codec(index = 23)]
	EngineRetired,
}

/// One liable organisation and its share.
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
	Serialize,
	Deserialize,
)]
pub struct Share {
	/// The organisation.
	pub org: OrgId,
	/// Its share of the liability.
	pub share: Permill,
}

/// What the rules decide.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub enum Decision {
	/// These organisations are liable, shares summing to 100 %.
	#[codec(index = 0)]
	Liable(Vec<Share>),
	/// The claim is rejected: no one is liable.
	#[codec(index = 1)]
	Rejected,
	/// A human arbitrator decides.
	#[codec(index = 2)]
	Escalate(EscalationReason),
}

/// The engine's answer: the decision, the rules that fired (in order) and the facts used.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct Verdict {
	/// The decision.
	pub decision: Decision,
	/// Every rule that fired, in the order it fired.
	pub rules: Vec<RuleId>,
	/// The facts the rules read, without repeats.
	pub facts: Vec<FactRef>,
}

/// Whether a delivery confirms itself with no dispute (rule D1): the consignee signed, no
/// reservation, and the objection window has passed at `now` (unix ms).
pub fn confirms_delivery(rules: &RuleSet, delivery: &DeliveryFact, now: u64) -> bool {
	delivery.receipt == Receipt::ConsigneeSigned
		&& !delivery.reservation
		&& !delivery.by_shipper
		&& now > delivery.at.saturating_add(rules.objection_window_ms)
}

/// The version of the engine's code. A rule set binds the engine version that was current
/// when it was published, and a dispute is evaluated by the engine of the rule set it opened
/// under — across runtime upgrades, so an upgrade never changes the verdict of a dispute in
/// flight. A changed rule goes into a new version: the rules it changes ask
/// [`Engine::since`] which behaviour to apply, so every version's code stays in this module,
/// each difference named where it is decided and listed here. An old version is removed (its
/// branches deleted, its number taken out of [`ENGINE_VERSIONS`]) only once no open dispute
/// uses it (`OpenDisputesByEngine`).
///
/// | version | since spec | what changed |
/// |---|---|---|
/// | 1 | 101 | the rule table of `liability-rules.md` |
/// | 2 | 102 | T2's equal split counts breached legs, not custodians: a custodian whose custody broke the envelope on two legs bears two shares |
pub type EngineVersion = u16;

/// The engine version rule sets published from now on bind.
pub const CURRENT_ENGINE: EngineVersion = 2;

/// The engine versions this runtime carries.
pub const ENGINE_VERSIONS: [EngineVersion; 2] = [1, 2];

/// Decides a dispute with the code of engine `version`; a version this runtime no longer
/// carries escalates (`EngineRetired`). Total: every input gives a decision; the order of the
/// input lists (alleged items, attestations, legs) never changes it.
pub fn evaluate_with(version: EngineVersion, rules: &RuleSet, facts: &DisputeFacts) -> Verdict {
	if !ENGINE_VERSIONS.contains(&version) {
		return Verdict {
			decision: Decision::Escalate(EscalationReason::EngineRetired),
			rules: Vec::new(),
			facts: Vec::new(),
		};
	}
	let facts = canonical(facts);
	let mut engine = Engine { version, rules, facts: &facts, fired: Vec::new(), used: Vec::new() };
	let decision = engine.decide();
	Verdict { decision, rules: engine.fired, facts: engine.used }
}

/// Decides a dispute with the current engine ([`CURRENT_ENGINE`]).
pub fn evaluate(rules: &RuleSet, facts: &DisputeFacts) -> Verdict {
	evaluate_with(CURRENT_ENGINE, rules, facts)
}

/// `facts` in one order whatever order they came in: alleged items as a sorted set,
/// attestations by inspection time, legs by the time custody began (ties by fact id).
fn canonical(facts: &DisputeFacts) -> DisputeFacts {
	let mut facts = facts.clone();
	facts.alleged_items.sort();
	facts.alleged_items.dedup();
	// Ties (never between two real facts, whose ids differ) fall back to the encoding.
	facts.attestations.sort_by(|a, b| {
		(a.inspected_at, a.fact.id)
			.cmp(&(b.inspected_at, b.fact.id))
			.then_with(|| a.encode().cmp(&b.encode()))
	});
	if let Some(shipment) = facts.shipment.as_mut() {
		shipment.legs.sort_by(|a, b| {
			(a.opened_at, a.fact.id)
				.cmp(&(b.opened_at, b.fact.id))
				.then_with(|| a.encode().cmp(&b.encode()))
		});
	}
	facts
}

/// The organisations a rule of `claim`'s family can make liable: the merchant (every family
/// but "not received", where it answers only when no carrier ever took the parcel); the
/// `carriers` that took custody (receipt and transit rules, and through I5 the product
/// families); and the agencies whose own unit-level inspection a product (I4) or
/// authenticity (A1) claim calls into question. In first-seen order, without repeats.
pub fn answerable(
	claim: ClaimKind,
	merchant: OrgId,
	carriers: &[OrgId],
	attestations: &[AttestationFact],
) -> Vec<OrgId> {
	let original =
		|a: &&AttestationFact| a.unit_level && a.purpose != InspectionPurpose::DisputeReinspection;
	let authenticates =
		|a: &&AttestationFact| a.items.iter().any(|i| i.damage_mode == DamageMode::Authenticity);
	let (merchant_answers, carriers_answer, agencies): (bool, bool, Vec<OrgId>) = match claim {
		ClaimKind::NoReasonReturn => (true, false, Vec::new()),
		ClaimKind::NotReceived => (carriers.is_empty(), true, Vec::new()),
		ClaimKind::TransitDamage | ClaimKind::TemperatureAbuse => (true, true, Vec::new()),
		ClaimKind::Counterfeit => (
			true,
			false,
			attestations.iter().filter(original).filter(authenticates).map(|a| a.agency).collect(),
		),
		ClaimKind::MissingParts
		| ClaimKind::DefectOnArrival
		| ClaimKind::NotAsDescribed
		| ClaimKind::WarrantyDefect => {
			(true, true, attestations.iter().filter(original).map(|a| a.agency).collect())
		},
	};
	let carriers = if carriers_answer { carriers } else { &[] };
	let mut orgs: Vec<OrgId> = Vec::new();
	let candidates = merchant_answers
		.then_some(merchant)
		.into_iter()
		.chain(carriers.iter().copied())
		.chain(agencies);
	for org in candidates {
		if !orgs.contains(&org) {
			orgs.push(org);
		}
	}
	orgs
}

/// Why a challenge by `challenger` of a verdict that fired `rules` and found `liable` goes to
/// an arbitrator, where a rule names the contest: the agency held liable by I4 contests the
/// re-inspection (`AgencyContests`); the merchant held liable by I8 cites misuse
/// (`MisuseAlleged`); the claimant whose return was refused by I11 contests it with its media
/// (`ReturnContested`). None for any other challenge.
pub fn challenge_reason(
	rules: &[RuleId],
	liable: &[Share],
	claimant: OrgId,
	merchant: OrgId,
	challenger: OrgId,
) -> Option<EscalationReason> {
	let held_liable = liable.iter().any(|s| s.org == challenger);
	if rules.contains(&RuleId::I4) && held_liable && challenger != merchant {
		Some(EscalationReason::AgencyContests)
	} else if rules.contains(&RuleId::I8) && held_liable && challenger == merchant {
		Some(EscalationReason::MisuseAlleged)
	} else if rules.contains(&RuleId::I11) && challenger == claimant {
		Some(EscalationReason::ReturnContested)
	} else {
		None
	}
}

/// Equal shares among `orgs` (duplicates merged, first-seen order), the rounding remainder to
/// the first; empty for no organisation.
pub fn equal_split(orgs: &[OrgId]) -> Vec<Share> {
	let mut distinct: Vec<OrgId> = Vec::new();
	for org in orgs {
		if !distinct.contains(org) {
			distinct.push(*org);
		}
	}
	let count = distinct.len() as u32;
	let each = 1_000_000 / count.max(1);
	let remainder = 1_000_000 - each * count;
	distinct
		.iter()
		.enumerate()
		.map(|(i, org)| Share {
			org: *org,
			share: Permill::from_parts(each + if i == 0 { remainder } else { 0 }),
		})
		.collect()
}

/// One equal share per entry of `custodians` (the custodian of each breached leg, earliest
/// excursion first), summed per organisation in first-seen order; the rounding remainder goes
/// to the first; none (impossible where T2 fires: two legs at least) escalates.
fn per_leg_shares(custodians: &[OrgId]) -> Decision {
	if custodians.is_empty() {
		return Decision::Escalate(EscalationReason::NoRuleDecides);
	}
	let legs = custodians.len() as u32;
	let each = 1_000_000 / legs;
	let mut parts: Vec<(OrgId, u32)> = Vec::new();
	for org in custodians {
		match parts.iter_mut().find(|(o, _)| o == org) {
			Some((_, part)) => *part += each,
			None => parts.push((*org, each)),
		}
	}
	if let Some((_, first)) = parts.first_mut() {
		*first += 1_000_000 - each * legs;
	}
	Decision::Liable(
		parts
			.into_iter()
			.map(|(org, part)| Share { org, share: Permill::from_parts(part) })
			.collect(),
	)
}

/// Equal shares among `orgs`; no organisation is impossible by construction and escalates.
fn equal_shares(orgs: &[OrgId]) -> Decision {
	let shares = equal_split(orgs);
	if shares.is_empty() {
		return Decision::Escalate(EscalationReason::NoRuleDecides);
	}
	Decision::Liable(shares)
}

fn whole(org: OrgId) -> Decision {
	Decision::Liable(vec![Share { org, share: Permill::one() }])
}

/// When `leg` first saw an excursion of a kind `wanted` accepts, if it did: any kind its data
/// showed, not only the first (a harmless excursion never hides a later shock).
fn first_seen(leg: &LegFact, wanted: impl Fn(Excursion) -> bool) -> Option<u64> {
	let first = match leg.state {
		LegState::Excursion { kind, at } if wanted(kind) => Some(at),
		_ => None,
	};
	leg.excursions.iter().filter(|(kind, _)| wanted(*kind)).map(|(_, at)| *at).chain(first).min()
}

/// Whether an excursion of `kind` can cause damage of `mode`.
fn matches_mode(kind: Excursion, mode: DamageMode) -> bool {
	matches!(
		(kind, mode),
		(Excursion::Shock, DamageMode::Mechanical)
			| (Excursion::Temperature | Excursion::Freeze, DamageMode::Thermal)
			| (Excursion::Humidity, DamageMode::Cosmetic | DamageMode::Electrical)
	)
}

struct Engine<'a> {
	version: EngineVersion,
	rules: &'a RuleSet,
	facts: &'a DisputeFacts,
	fired: Vec<RuleId>,
	used: Vec<FactRef>,
}

impl<'a> Engine<'a> {
	/// Whether this engine has the behaviour engine `version` introduced.
	fn since(&self, version: EngineVersion) -> bool {
		self.version >= version
	}

	fn fire(&mut self, rule: RuleId) {
		if !self.fired.contains(&rule) {
			self.fired.push(rule);
		}
	}

	fn use_fact(&mut self, fact: FactRef) {
		if !self.used.contains(&fact) {
			self.used.push(fact);
		}
	}

	fn decide(&mut self) -> Decision {
		if let Some(reason) = self.always_escalate() {
			return Decision::Escalate(reason);
		}
		let attestations = self.admissible_attestations();
		match self.facts.claim {
			ClaimKind::NoReasonReturn => self.no_reason_return(&attestations),
			ClaimKind::NotReceived => self.not_received(),
			ClaimKind::Counterfeit => self.authenticity(&attestations),
			ClaimKind::TransitDamage => self.receipt_then_transit(&attestations),
			ClaimKind::TemperatureAbuse => self.concealed_transit(&attestations),
			ClaimKind::MissingParts => match self.receipt_rules() {
				Some(decision) => decision,
				None => self.product(&attestations),
			},
			ClaimKind::DefectOnArrival | ClaimKind::NotAsDescribed | ClaimKind::WarrantyDefect => {
				self.product(&attestations)
			},
		}
	}

	fn always_escalate(&mut self) -> Option<EscalationReason> {
		let shipment = self.facts.shipment.as_ref()?;
		if shipment.fraud_signal {
			self.use_fact(shipment.fact);
			return Some(EscalationReason::FraudSignal);
		}
		if shipment.force_majeure {
			self.use_fact(shipment.fact);
			return Some(EscalationReason::ForceMajeure);
		}
		if let Some(leg) = shipment.legs.iter().find(|leg| leg.conflicting_devices) {
			self.use_fact(leg.fact);
			return Some(EscalationReason::ConflictingDevices);
		}
		if !matches!(self.facts.claim, ClaimKind::NoReasonReturn) {
			// The cap compares like with like: a claim in another currency is for a human.
			if self.facts.amount.currency != shipment.declared_value.currency {
				self.use_fact(shipment.fact);
				return Some(EscalationReason::CurrencyMismatch);
			}
			if self.facts.amount.minor_units > shipment.declared_value.minor_units {
				self.use_fact(shipment.fact);
				return Some(EscalationReason::AboveDeclaredValue);
			}
		}
		None
	}

	/// P1 and P2: the attestations a rule may read.
	fn admissible_attestations(&mut self) -> Vec<&'a AttestationFact> {
		let mut kept = Vec::new();
		for attestation in &self.facts.attestations {
			if !attestation.admissible {
				self.fire(RuleId::P1);
			} else if !attestation.in_force {
				self.fire(RuleId::P2);
			} else {
				kept.push(attestation);
			}
		}
		if let Some(shipment) = &self.facts.shipment {
			if shipment.legs.iter().any(|leg| leg.data_excluded) {
				self.fire(RuleId::P1);
			}
		}
		kept
	}

	fn excluded_something(&self) -> bool {
		self.fired.contains(&RuleId::P1) || self.fired.contains(&RuleId::P2)
	}

	fn delivery(&self) -> Option<&'a DeliveryFact> {
		self.facts.shipment.as_ref().and_then(|s| s.delivery.as_ref())
	}

	// ---- no-reason return, not received, authenticity --------------------------------------

	fn no_reason_return(&mut self, attestations: &[&'a AttestationFact]) -> Decision {
		let Some(delivery) = self.delivery() else {
			return Decision::Escalate(EscalationReason::NoShipmentRecord);
		};
		self.use_fact(delivery.fact);
		if self.facts.reported_at
			> delivery.at.saturating_add(self.rules.no_reason_return_window_ms)
		{
			self.fire(RuleId::P3);
			return Decision::Rejected;
		}
		let Some(intake) = attestations
			.iter()
			.rev()
			.find(|a| a.unit_level && a.purpose == InspectionPurpose::ReturnIntake)
		else {
			return Decision::Escalate(if self.excluded_something() {
				EscalationReason::NeededFactExcluded
			} else {
				EscalationReason::AwaitingReturnIntake
			});
		};
		self.use_fact(intake.fact);
		if intake.conformant {
			self.fire(RuleId::I10);
			whole(self.facts.merchant)
		} else {
			// The consumer contests the refusal by challenging it with its media.
			self.fire(RuleId::I11);
			Decision::Rejected
		}
	}

	fn not_received(&mut self) -> Decision {
		let Some(shipment) = self.facts.shipment.as_ref() else {
			return Decision::Escalate(EscalationReason::NoShipmentRecord);
		};
		self.use_fact(shipment.fact);
		match &shipment.delivery {
			// D5 holds the last carrier that took custody; nobody took it: nobody's custody.
			None => match shipment.legs.last() {
				Some(leg) => {
					self.fire(RuleId::D5);
					self.use_fact(leg.fact);
					whole(leg.custodian)
				},
				None => Decision::Escalate(EscalationReason::NoShipmentRecord),
			},
			Some(delivery) => {
				self.use_fact(delivery.fact);
				match delivery.receipt {
					Receipt::LockerWithoutConsent | Receipt::Unsigned => {
						self.fire(RuleId::D4);
						whole(delivery.carrier)
					},
					_ => Decision::Escalate(EscalationReason::ReceiptContradictsClaim),
				}
			},
		}
	}

	fn authenticity(&mut self, attestations: &[&'a AttestationFact]) -> Decision {
		let passes_authenticity = |a: &&AttestationFact| {
			a.items.iter().any(|i| {
				i.damage_mode == DamageMode::Authenticity && i.outcome == ItemOutcome::Pass
			})
		};
		let original = attestations.iter().find(|a| {
			a.unit_level
				&& a.purpose != InspectionPurpose::DisputeReinspection
				&& passes_authenticity(a)
		});
		let Some(original) = original else {
			self.fire(RuleId::A2);
			return if self.excluded_something() {
				Decision::Escalate(EscalationReason::NeededFactExcluded)
			} else {
				whole(self.facts.merchant)
			};
		};
		self.use_fact(original.fact);
		self.fire(RuleId::A1);
		let Some(delivery) = self.delivery() else {
			return Decision::Escalate(EscalationReason::NoShipmentRecord);
		};
		self.use_fact(delivery.fact);
		let reauthentication = attestations.iter().rev().find(|a| {
			a.purpose == InspectionPurpose::DisputeReinspection
				&& a.agency != original.agency
				&& a.items.iter().any(|i| {
					i.damage_mode == DamageMode::Authenticity
						&& matches!(i.outcome, ItemOutcome::Pass | ItemOutcome::Fail)
				})
		});
		match reauthentication {
			None => Decision::Escalate(EscalationReason::ReAuthenticationNeeded),
			Some(second) => {
				self.use_fact(second.fact);
				if passes_authenticity(second) {
					Decision::Rejected
				} else {
					// The agency contests by challenging the proposed verdict.
					self.fire(RuleId::I4);
					whole(original.agency)
				}
			},
		}
	}

	// ---- receipt and transit ----------------------------------------------------------------

	fn receipt_then_transit(&mut self, attestations: &[&'a AttestationFact]) -> Decision {
		if let Some(decision) = self.receipt_rules() {
			return decision;
		}
		match self.facts.shipment.as_ref() {
			Some(shipment) => self.transit(shipment, self.claimed_mode(), attestations),
			None => Decision::Escalate(EscalationReason::NoShipmentRecord),
		}
	}

	/// Thermal abuse is not apparent at delivery: a signed receipt does not presume the goods
	/// sound (D1, D2 and P3 are about apparent damage); a reservation is noted (D3) and the
	/// transit rules decide.
	fn concealed_transit(&mut self, attestations: &[&'a AttestationFact]) -> Decision {
		if let Some(delivery) = self.delivery().filter(|d| d.reservation && !d.by_shipper) {
			self.use_fact(delivery.fact);
			self.fire(RuleId::D3);
		}
		match self.facts.shipment.as_ref() {
			Some(shipment) => self.transit(shipment, self.claimed_mode(), attestations),
			None => Decision::Escalate(EscalationReason::NoShipmentRecord),
		}
	}

	/// D1–D4 for apparent damage: a decision, or `None` to go on with the transit rules.
	fn receipt_rules(&mut self) -> Option<Decision> {
		let delivery = self.delivery()?;
		self.use_fact(delivery.fact);
		if delivery.by_shipper {
			// The shipper's own record binds neither its consumer (no D1, D2) nor the carriers
			// (no D3, which needs the courier's co-signature): the transit rules decide.
			return None;
		}
		if delivery.reservation {
			// Damage noted before the courier left: the merchant refunds the consumer and
			// recovers from the carriers by the transit rules.
			self.fire(RuleId::D3);
			return None;
		}
		let prompt =
			self.facts.reported_at <= delivery.at.saturating_add(self.rules.objection_window_ms);
		match delivery.receipt {
			Receipt::ConsigneeSigned | Receipt::ConsentedProxy | Receipt::LockerWithConsent => {
				if !prompt {
					self.fire(RuleId::D1);
					self.fire(RuleId::P3);
					Some(Decision::Rejected)
				} else {
					self.fire(RuleId::D2);
					Some(if delivery.media {
						Decision::Escalate(EscalationReason::DeliveryReceiptRebutted)
					} else {
						Decision::Rejected
					})
				}
			},
			Receipt::LockerWithoutConsent | Receipt::Unsigned => {
				self.fire(RuleId::D4);
				if prompt {
					Some(whole(delivery.carrier))
				} else {
					None
				}
			},
		}
	}

	/// T1–T10 on the legs of `shipment`, for damage of `mode`.
	fn transit(
		&mut self,
		shipment: &'a ShipmentFact,
		mode: DamageMode,
		attestations: &[&'a AttestationFact],
	) -> Decision {
		self.use_fact(shipment.fact);
		if shipment.pickup_reservation {
			self.fire(RuleId::T4);
			return whole(self.facts.merchant);
		}
		// Damage a carrier noted when it took the parcel over (acknowledged by the carrier
		// handing over) happened by then: the legs after that handover are out of it.
		let legs: &'a [LegFact] = match shipment.legs.iter().position(|l| l.damage_noted_at_close) {
			Some(noted) => {
				self.use_fact(shipment.legs[noted].fact);
				&shipment.legs[..=noted]
			},
			None => &shipment.legs,
		};
		if legs.is_empty() {
			return Decision::Escalate(EscalationReason::NoShipmentRecord);
		}
		// Every transit rule reads every leg in scope: with some of a leg's data excluded
		// (P1), none can decide.
		if let Some(leg) = legs.iter().find(|l| l.data_excluded) {
			self.use_fact(leg.fact);
			return Decision::Escalate(EscalationReason::NeededFactExcluded);
		}
		if shipment.temperature_sensitive {
			let frozen: Vec<&LegFact> = legs
				.iter()
				.filter(|l| first_seen(l, |kind| kind == Excursion::Freeze).is_some())
				.collect();
			if !frozen.is_empty() {
				self.fire(RuleId::T7);
				let custodians: Vec<OrgId> = frozen.iter().map(|l| l.custodian).collect();
				frozen.iter().for_each(|l| self.use_fact(l.fact));
				return equal_shares(&custodians);
			}
		}
		let breached: Vec<&LegFact> = legs
			.iter()
			.filter(|l| first_seen(l, |kind| matches_mode(kind, mode)).is_some())
			.collect();
		for leg in &breached {
			self.use_fact(leg.fact);
			if let Some(at) = first_seen(leg, |kind| matches_mode(kind, mode)) {
				if Self::near_handover(shipment, leg, at) {
					self.fire(RuleId::T10);
					return Decision::Escalate(EscalationReason::ExcursionAtHandover);
				}
			}
		}
		let others_clean = |except: &[&LegFact]| {
			legs.iter()
				.filter(|l| !except.iter().any(|e| e.fact == l.fact))
				.all(|l| l.state == LegState::Clean)
		};
		match breached.len() {
			0 => {},
			1 => {
				let leg = breached[0];
				// Sound before transit: a conformant unit-level attestation made by the first
				// pickup ("pre-shipment" after the pickup is not pre-shipment), in the time it
				// states and in the block that notarized it.
				let picked_up_at = legs[0].opened_at;
				let pickup_block = legs[0].opened_in_block;
				let sound = attestations.iter().find(|a| {
					a.unit_level
						&& a.conformant && a.inspected_at <= picked_up_at
						&& a.recorded_block <= pickup_block
						&& matches!(
							a.purpose,
							InspectionPurpose::PreShipment | InspectionPurpose::AtPickup
						)
				});
				if let (Some(sound), true) = (sound, others_clean(&breached)) {
					// A later failing inspection of the unit before delivery contradicts it.
					let delivered_at = shipment.delivery.as_ref().map_or(u64::MAX, |d| d.at);
					let failed_later = attestations.iter().find(|a| {
						a.unit_level
							&& !a.conformant && a.inspected_at > sound.inspected_at
							&& a.inspected_at <= delivered_at
					});
					self.use_fact(sound.fact);
					if let Some(failed) = failed_later {
						self.use_fact(failed.fact);
						return Decision::Escalate(EscalationReason::ContradictingAttestations);
					}
					self.fire(RuleId::T1);
					return whole(leg.custodian);
				}
				if sound.is_none() {
					return self.without_unit_attestation(attestations);
				}
				return Decision::Escalate(EscalationReason::IncompleteSensorData);
			},
			_ => {
				self.fire(RuleId::T2);
				return match self.rules.split {
					SplitFormula::Equal => {
						let mut ordered = breached.clone();
						ordered.sort_by_key(|l| {
							first_seen(l, |kind| matches_mode(kind, mode)).unwrap_or(u64::MAX)
						});
						let custodians: Vec<OrgId> = ordered.iter().map(|l| l.custodian).collect();
						if self.since(2) {
							// Engine 2: one share per breached leg.
							per_leg_shares(&custodians)
						} else {
							equal_shares(&custodians)
						}
					},
					SplitFormula::Escalate => {
						Decision::Escalate(EscalationReason::SeveralExcursions)
					},
				};
			},
		}
		// Withheld data counts against the custodian: a gap, or no data at all where the
		// profile requires a logger.
		let gaps: Vec<&LegFact> = legs
			.iter()
			.filter(|l| {
				l.state == LegState::Gap
					|| (l.state == LegState::NoData && shipment.logger_required)
			})
			.collect();
		if gaps.len() == 1 && others_clean(&gaps) {
			self.use_fact(gaps[0].fact);
			self.fire(RuleId::T9);
			return whole(gaps[0].custodian);
		}
		legs.iter().for_each(|l| self.use_fact(l.fact));
		let first = legs[0].custodian;
		if legs.iter().all(|l| l.state == LegState::NoData) {
			if legs.iter().all(|l| l.custodian == first) {
				self.fire(RuleId::T3);
				return whole(first);
			}
			return Decision::Escalate(EscalationReason::IncompleteSensorData);
		}
		if legs.iter().all(|l| l.state == LegState::Clean) {
			if mode == DamageMode::Mechanical {
				// The packaging as an agency found it before the first pickup.
				let picked_up_at = legs[0].opened_at;
				let pickup_block = legs[0].opened_in_block;
				let certified = attestations.iter().find(|a| {
					a.packaging_certified
						&& a.inspected_at <= picked_up_at
						&& a.recorded_block <= pickup_block
						&& matches!(
							a.purpose,
							InspectionPurpose::PreShipment | InspectionPurpose::AtPickup
						)
				});
				if let Some(certified) = certified {
					self.use_fact(certified.fact);
					self.fire(RuleId::T6);
					return Decision::Escalate(EscalationReason::CertifiedPackagingDamaged);
				}
				self.fire(RuleId::T5);
				return whole(self.facts.merchant);
			}
			return Decision::Escalate(EscalationReason::NoRuleDecides);
		}
		if legs.iter().any(|l| matches!(l.state, LegState::Excursion { .. })) {
			return Decision::Escalate(EscalationReason::UnrelatedExcursion);
		}
		Decision::Escalate(EscalationReason::IncompleteSensorData)
	}

	/// The damage mode the claim is about.
	fn claimed_mode(&self) -> DamageMode {
		match self.facts.claim {
			ClaimKind::TemperatureAbuse => DamageMode::Thermal,
			_ => self.facts.damage_mode,
		}
	}

	/// Whether `at` lies within the handover tolerance of a custody change on `leg`.
	fn near_handover(shipment: &ShipmentFact, leg: &LegFact, at: u64) -> bool {
		let tolerance = shipment.handover_tolerance_ms;
		let first = shipment.legs.first().is_some_and(|l| l.fact == leg.fact);
		let last = shipment.legs.last().is_some_and(|l| l.fact == leg.fact);
		(!first && at.abs_diff(leg.opened_at) <= tolerance)
			|| (!last && leg.closed_at.is_some_and(|closed| at.abs_diff(closed) <= tolerance))
	}

	/// I6 when only a lot-level attestation exists, else no evidence of soundness.
	fn without_unit_attestation(&mut self, attestations: &[&'a AttestationFact]) -> Decision {
		if let Some(lot) = attestations.iter().find(|a| !a.unit_level && a.conformant) {
			self.use_fact(lot.fact);
			self.fire(RuleId::I6);
			return whole(self.facts.merchant);
		}
		Decision::Escalate(if self.excluded_something() {
			EscalationReason::NeededFactExcluded
		} else {
			EscalationReason::NoEvidenceOfSoundness
		})
	}

	// ---- product defects --------------------------------------------------------------------

	fn product(&mut self, attestations: &[&'a AttestationFact]) -> Decision {
		let originals: Vec<&'a AttestationFact> = attestations
			.iter()
			.copied()
			.filter(|a| a.unit_level && a.purpose != InspectionPurpose::DisputeReinspection)
			.collect();
		// I7: two accredited attestations disagree on one item of this unit.
		for (i, first) in originals.iter().enumerate() {
			for second in &originals[i + 1..] {
				let contradict = first.items.iter().any(|a| {
					second.items.iter().any(|b| {
						a.code == b.code
							&& matches!(
								(a.outcome, b.outcome),
								(ItemOutcome::Pass, ItemOutcome::Fail)
									| (ItemOutcome::Fail, ItemOutcome::Pass)
							)
					})
				});
				if contradict {
					self.use_fact(first.fact);
					self.use_fact(second.fact);
					self.fire(RuleId::I7);
					return Decision::Escalate(EscalationReason::ContradictingAttestations);
				}
			}
		}
		let Some(original) = originals.last().copied() else {
			if let Some(lot) = attestations.iter().find(|a| !a.unit_level && a.conformant) {
				// I6: a lot pass says nothing about this unit, unless transit explains it.
				let claimed = [self.claimed_mode()];
				if let Some(decision) = self.transit_breach_wins(&claimed, attestations) {
					return decision;
				}
				self.use_fact(lot.fact);
				self.fire(RuleId::I6);
				return whole(self.facts.merchant);
			}
			return self.warranty_presumption();
		};
		self.use_fact(original.fact);
		// The alleged items as a set: their order in the claim never changes the verdict.
		let mut alleged: Vec<&Vec<u8>> = self.facts.alleged_items.iter().collect();
		alleged.sort();
		alleged.dedup();
		if alleged.is_empty() {
			return self.warranty_presumption();
		}
		let found: Vec<Option<&'a ItemFact>> =
			alleged.iter().map(|code| original.items.iter().find(|i| &i.code == *code)).collect();
		if found.iter().any(Option::is_none) {
			// I1: the protocol never covered a failing item.
			self.fire(RuleId::I1);
			return whole(self.facts.merchant);
		}
		let items: Vec<&'a ItemFact> = found.into_iter().flatten().collect();
		if items
			.iter()
			.any(|i| matches!(i.outcome, ItemOutcome::NotTested | ItemOutcome::NotApplicable))
		{
			// A required item is never untested in a conformant attestation: the inspection
			// pallet refuses it. An optional one left the fault uncovered (I2).
			self.fire(RuleId::I2);
			return whole(self.facts.merchant);
		}
		if items.iter().any(|i| i.outcome == ItemOutcome::Fail) {
			return Decision::Escalate(EscalationReason::NoRuleDecides);
		}
		// Every alleged item passed: each needs a re-inspection by another agency failing it.
		let mut reinspections = Vec::new();
		for item in &items {
			let reinspection = attestations.iter().rev().find(|a| {
				a.purpose == InspectionPurpose::DisputeReinspection
					&& a.agency != original.agency
					&& a.items.iter().any(|i| i.code == item.code && i.outcome == ItemOutcome::Fail)
			});
			match reinspection {
				Some(found) => reinspections.push(found.fact),
				None => return self.warranty_or(EscalationReason::ReinspectionNeeded),
			}
		}
		reinspections.into_iter().for_each(|fact| self.use_fact(fact));
		// I5 reads the damage the failing items reveal, not what the claim says.
		let modes: Vec<DamageMode> = items.iter().map(|i| i.damage_mode).collect();
		if let Some(decision) = self.transit_breach_wins(&modes, attestations) {
			return decision;
		}
		if modes.iter().any(|m| matches!(m, DamageMode::Mechanical | DamageMode::Thermal)) {
			return Decision::Escalate(EscalationReason::NoRuleDecides);
		}
		if !self.transit_clean() {
			return Decision::Escalate(EscalationReason::IncompleteSensorData);
		}
		// The agency contests by challenging the proposed verdict.
		self.fire(RuleId::I4);
		whole(original.agency)
	}

	/// I5: a transit envelope breach that can cause damage of one of `modes` sends the case to
	/// the transit rules, for that damage.
	fn transit_breach_wins(
		&mut self,
		modes: &[DamageMode],
		attestations: &[&'a AttestationFact],
	) -> Option<Decision> {
		let shipment = self.facts.shipment.as_ref()?;
		let mode = modes.iter().copied().find(|mode| {
			shipment.legs.iter().any(|l| first_seen(l, |kind| matches_mode(kind, *mode)).is_some())
		})?;
		self.fire(RuleId::I5);
		Some(self.transit(shipment, mode, attestations))
	}

	/// Every leg clean (or no shipment at all: nothing happened in transit on record).
	fn transit_clean(&mut self) -> bool {
		match self.facts.shipment.as_ref() {
			None => true,
			Some(shipment) => {
				shipment.legs.iter().for_each(|l| self.use_fact(l.fact));
				shipment.legs.iter().all(|l| l.state == LegState::Clean)
			},
		}
	}

	/// I8, or escalation with `otherwise`.
	fn warranty_or(&mut self, otherwise: EscalationReason) -> Decision {
		match self.warranty_presumption() {
			Decision::Escalate(EscalationReason::NoRuleDecides) => Decision::Escalate(otherwise),
			decision => decision,
		}
	}

	/// I8: a durable good's defect reported within the window after delivery is the merchant's;
	/// the merchant cites evidence of misuse by challenging the proposed verdict.
	fn warranty_presumption(&mut self) -> Decision {
		let within = self.delivery().is_some_and(|d| {
			self.facts.discovered_at <= d.at.saturating_add(self.rules.durable_defect_window_ms)
		});
		// A durable good by the category of an inspection protocol the unit was tested on.
		let durable =
			self.facts.attestations.iter().find(|a| a.durable_good && a.admissible && a.in_force);
		if let (Some(durable), true) = (durable, within) {
			self.use_fact(durable.fact);
			if let Some(delivery) = self.delivery() {
				self.use_fact(delivery.fact);
			}
			self.fire(RuleId::I8);
			return whole(self.facts.merchant);
		}
		Decision::Escalate(if self.excluded_something() {
			EscalationReason::NeededFactExcluded
		} else {
			EscalationReason::NoRuleDecides
		})
	}
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;

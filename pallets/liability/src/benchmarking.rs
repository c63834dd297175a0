//! Benchmarks of every call and of the block agenda, each at its worst case: the costliest
//! facts the runtime allows (most custody legs and sensor digests, most attestations), the
//! most respondents, full evidence lists.

use super::*;
use crate::rules::{RuleSet, Share, SplitFormula};
use alloc::{vec, vec::Vec};
use evidence_primitives::{
	facts::{ClaimKind, DamageMode, DeliveryFact, DeliveryObserver, Receipt},
	ContentDigest, FactKind, FactRef, MembershipCheck, OrgId,
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::{
	traits::{One, Saturating},
	Permill,
};

const HOUR: u64 = 3_600_000;

fn params<T: Config>() -> RuleSetParams<BlockNumberFor<T>> {
	RuleSetParams {
		engine: RuleSet {
			objection_window_ms: 48 * HOUR,
			no_reason_return_window_ms: 7 * 24 * HOUR,
			durable_defect_window_ms: 180 * 24 * HOUR,
			split: SplitFormula::Equal,
		},
		response_blocks: 10u32.into(),
		evidence_blocks: 20u32.into(),
		challenge_blocks: 5u32.into(),
		appeal_blocks: 5u32.into(),
		objection_blocks: 8u32.into(),
		ruling_blocks: 8u32.into(),
		vote_blocks: 8u32.into(),
		reinspection_blocks: 8u32.into(),
	}
}

fn digest(n: u32) -> ContentDigest {
	ContentDigest::blake2_256_of(&n.to_be_bytes())
}

/// A transit-damage claim on the worst-case facts, with the most alleged items and evidence.
fn claim<T: Config>(facts: &BenchmarkFacts<T::AccountId>) -> Claim<T> {
	let items: Vec<evidence_primitives::Code> = (0..T::MaxAllegedItems::get())
		.map(|n| {
			let mut code = vec![b'I'; evidence_primitives::MAX_CODE_LEN as usize];
			code[..4].copy_from_slice(&n.to_be_bytes());
			BoundedVec::truncate_from(code)
		})
		.collect();
	// Discovered now, and never before the delivery (the chain refuses that).
	let delivered =
		<T::Logistics as evidence_primitives::facts::LogisticsFacts>::parties_of(&facts.shipment)
			.and_then(|parties| parties.delivered_at)
			.unwrap_or_default();
	let now = pallet_timestamp::Pallet::<T>::get().max(delivered);
	pallet_timestamp::Now::<T>::put(now);
	Claim {
		kind: ClaimKind::TransitDamage,
		order: facts.order,
		shipment: facts.shipment,
		unit: facts.unit,
		lot: facts.lot,
		alleged_items: BoundedVec::truncate_from(items),
		damage_mode: DamageMode::Mechanical,
		discovered_at: now,
		amount: evidence_primitives::Money { currency: *b"EUR", minor_units: u128::MAX },
		evidence: BoundedVec::truncate_from((0..T::MaxEvidence::get()).map(digest).collect()),
	}
}

/// A published rule set, the worst-case facts, and a dispute about them.
fn opened<T: Config>() -> (DisputeId, BenchmarkFacts<T::AccountId>) {
	Pallet::<T>::do_publish_rule_set(params::<T>()).expect("valid parameters");
	let facts = T::BenchmarkHelper::worst_case_facts();
	let org = T::Membership::organisation_of(&facts.claimant).expect("the claimant is a member");
	let id = Pallet::<T>::do_open_dispute(facts.claimant.clone(), org, claim::<T>(&facts))
		.expect("the claimant has standing");
	(id, facts)
}

fn respondents<T: Config>(id: DisputeId) -> Vec<OrgId> {
	Disputes::<T>::get(id).expect("opened").respondents.to_vec()
}

/// Every respondent contests: the evidence window is open.
fn in_evidence<T: Config>() -> (DisputeId, Vec<OrgId>) {
	let (id, _) = opened::<T>();
	let respondents = respondents::<T>(id);
	for org in &respondents {
		Pallet::<T>::do_respond(*org, id, false).expect("a respondent contests");
	}
	(id, respondents)
}

/// The rules proposed a verdict (or escalated; the benchmarks then force a proposal).
fn proposed<T: Config>() -> (DisputeId, Vec<OrgId>) {
	let (id, respondents) = in_evidence::<T>();
	Pallet::<T>::evaluate_dispute(id);
	let mut dispute = Disputes::<T>::get(id).expect("opened");
	if !matches!(dispute.status, DisputeStatus::Proposed { .. }) {
		let until = frame_system::Pallet::<T>::block_number() + One::one();
		Pallet::<T>::set_status(
			id,
			&mut dispute,
			DisputeStatus::Proposed { challenge_until: until },
		);
		Disputes::<T>::insert(id, dispute);
	}
	(id, respondents)
}

/// Escalated to an arbitrator that ruled against every respondent in equal shares.
fn ruled<T: Config>() -> (DisputeId, Vec<OrgId>, Vec<OrgId>) {
	let arbitrators = T::BenchmarkHelper::arbitrators(4);
	let (id, respondents) = proposed::<T>();
	let claimant = Disputes::<T>::get(id).expect("opened").claimant;
	Pallet::<T>::do_challenge(claimant, id).expect("within the window");
	let DisputeStatus::Arbitration { arbitrator, .. } =
		Disputes::<T>::get(id).expect("opened").status
	else {
		panic!("an arbitrator is assigned");
	};
	Pallet::<T>::do_rule(arbitrator, id, most_shares::<T>(&respondents), H256::zero())
		.expect("the assigned arbitrator rules");
	(id, respondents, arbitrators)
}

/// Shares over as many respondents as a ruling holds.
fn most_shares<T: Config>(respondents: &[OrgId]) -> BoundedVec<Share, T::MaxShares> {
	let orgs: Vec<OrgId> = respondents.iter().copied().take(T::MaxShares::get() as usize).collect();
	BoundedVec::truncate_from(rules::equal_split(&orgs))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn publish_rule_set() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		Pallet::<T>::do_publish_rule_set(params::<T>()).expect("valid parameters");
		let before = CurrentRuleSet::<T>::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params::<T>());

		assert_eq!(CurrentRuleSet::<T>::get(), before + 1);
		Ok(())
	}

	/// Reads the shipment and every attestation of the unit and its lot to name respondents.
	#[benchmark]
	fn open_dispute() {
		Pallet::<T>::do_publish_rule_set(params::<T>()).expect("valid parameters");
		let facts = T::BenchmarkHelper::worst_case_facts();
		let claim = claim::<T>(&facts);
		// The order's and the unit's indexes one short of full.
		let earlier: Vec<DisputeId> = (1..T::MaxDisputesPerOrder::get()).map(u64::from).collect();
		DisputesByOrder::<T>::insert(facts.order, BoundedVec::truncate_from(earlier.clone()));
		DisputesByUnit::<T>::insert(facts.unit, BoundedVec::truncate_from(earlier));

		#[extrinsic_call]
		_(RawOrigin::Signed(facts.claimant), claim);

		assert!(Disputes::<T>::contains_key(0));
	}

	/// The last respondent contests: the evidence window opens and goes on the agenda.
	#[benchmark]
	fn respond_contest() {
		let (id, _) = opened::<T>();
		let respondents = respondents::<T>(id);
		let (last, others) = respondents.split_last().expect("respondents");
		for org in others {
			Pallet::<T>::do_respond(*org, id, false).expect("a respondent contests");
		}
		let caller = T::BenchmarkHelper::operator_of(*last);

		#[extrinsic_call]
		respond(RawOrigin::Signed(caller), id, false);

		assert!(matches!(
			Disputes::<T>::get(id).expect("opened").status,
			DisputeStatus::Evidence { .. }
		));
	}

	/// A respondent accepts: settled, and every respondent's record updated.
	#[benchmark]
	fn respond_accept() {
		let (id, _) = opened::<T>();
		let respondents = respondents::<T>(id);
		let caller = T::BenchmarkHelper::operator_of(respondents[0]);

		#[extrinsic_call]
		respond(RawOrigin::Signed(caller), id, true);

		assert_eq!(Disputes::<T>::get(id).expect("opened").status, DisputeStatus::Settled);
	}

	#[benchmark]
	fn submit_evidence() {
		let (id, respondents) = in_evidence::<T>();
		for n in 1..T::MaxEvidence::get() {
			Pallet::<T>::do_submit_evidence(respondents[0], id, digest(n)).expect("room");
		}
		let caller = T::BenchmarkHelper::operator_of(respondents[0]);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, digest(0));

		assert_eq!(
			Disputes::<T>::get(id).expect("opened").evidence.len() as u32,
			T::MaxEvidence::get()
		);
	}

	/// The last respondent closes the evidence: the worst-case evaluation runs in the call.
	#[benchmark]
	fn close_evidence() {
		let (id, respondents) = in_evidence::<T>();
		let (last, others) = respondents.split_last().expect("respondents");
		for org in others {
			Pallet::<T>::do_close_evidence(*org, id).expect("a respondent closes");
		}
		let caller = T::BenchmarkHelper::operator_of(*last);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(Disputes::<T>::get(id).expect("opened").verdict.is_some());
	}

	/// A party challenges: an arbitrator is picked in rotation among every arbitrator
	/// organisation.
	#[benchmark]
	fn challenge() {
		T::BenchmarkHelper::arbitrators(4);
		let (id, respondents) = proposed::<T>();
		let caller = T::BenchmarkHelper::operator_of(respondents[0]);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(matches!(
			Disputes::<T>::get(id).expect("opened").status,
			DisputeStatus::Arbitration { .. }
		));
	}

	/// The third panel vote, agreeing with none of the two before: the dispute becomes
	/// final with the first ruling and every record is updated.
	#[benchmark]
	fn rule() {
		let (id, respondents, _) = ruled::<T>();
		Pallet::<T>::do_appeal(respondents[0], id).expect("within the window");
		let DisputeStatus::Appeal { panel, .. } = Disputes::<T>::get(id).expect("opened").status
		else {
			panic!("appealed");
		};
		let one =
			|org: OrgId| BoundedVec::truncate_from(vec![Share { org, share: Permill::one() }]);
		Pallet::<T>::do_rule(panel[0], id, one(respondents[0]), H256::zero()).expect("votes");
		Pallet::<T>::do_rule(panel[1], id, BoundedVec::new(), H256::zero()).expect("votes");
		let liable = most_shares::<T>(&respondents);
		let caller = T::BenchmarkHelper::operator_of(panel[2]);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, liable, H256::repeat_byte(1));

		assert_eq!(Disputes::<T>::get(id).expect("opened").status, DisputeStatus::Final);
	}

	#[benchmark]
	fn appeal() {
		let (id, respondents, _) = ruled::<T>();
		let caller = T::BenchmarkHelper::operator_of(respondents[0]);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(matches!(
			Disputes::<T>::get(id).expect("opened").status,
			DisputeStatus::Appeal { .. }
		));
	}

	/// The claimant names an agency for the re-inspection the rules need.
	#[benchmark]
	fn request_reinspection() {
		// At least one agency the rotation may assign.
		let _ = T::BenchmarkHelper::outside_agency();
		let (id, _) = in_evidence::<T>();
		let mut dispute = Disputes::<T>::get(id).expect("opened");
		let until = frame_system::Pallet::<T>::block_number() + One::one();
		let reason = rules::EscalationReason::ReinspectionNeeded;
		Pallet::<T>::set_status(
			id,
			&mut dispute,
			DisputeStatus::Reinspection { reason, agency: None, until },
		);
		let claimant = T::BenchmarkHelper::operator_of(dispute.claimant);
		Disputes::<T>::insert(id, dispute);

		#[extrinsic_call]
		_(RawOrigin::Signed(claimant), id);

		assert!(Disputes::<T>::get(id).expect("opened").reinspected_by.is_some());
	}

	#[benchmark]
	fn withdraw() {
		let (id, facts) = opened::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(facts.claimant), id);

		assert_eq!(Disputes::<T>::get(id).expect("opened").status, DisputeStatus::Withdrawn);
	}

	/// `n` disputes evaluated by the agenda of one block, each on the worst-case facts.
	#[benchmark]
	fn on_initialize_agenda(n: Linear<0, { T::MaxAgendaPerBlock::get() }>) {
		let (first, _) = in_evidence::<T>();
		let mut dispute = Disputes::<T>::get(first).expect("opened");
		let at = frame_system::Pallet::<T>::block_number() + One::one();
		let evidence_until = frame_system::Pallet::<T>::block_number();
		for id in 0..u64::from(n) {
			let id = first + 1 + id;
			Pallet::<T>::set_status(id, &mut dispute, DisputeStatus::Evidence { evidence_until });
			Disputes::<T>::insert(id, dispute.clone());
		}
		NextDisputeId::<T>::put(first + 1 + u64::from(n));
		AgendaFrom::<T>::put(at);
		frame_system::Pallet::<T>::set_block_number(at);

		#[block]
		{
			Pallet::<T>::run_agenda(at);
		}

		for id in 0..u64::from(n) {
			let status = Disputes::<T>::get(first + 1 + id).expect("copied").status;
			assert!(!matches!(status, DisputeStatus::Evidence { .. }));
		}
	}

	/// `n` clean signed deliveries confirmed in one block, each checking every unit of its
	/// shipment for a dispute.
	#[benchmark]
	fn on_initialize_confirmations(n: Linear<0, { T::MaxAgendaPerBlock::get() }>) {
		let facts = T::BenchmarkHelper::worst_case_facts();
		let at = frame_system::Pallet::<T>::block_number() + One::one();
		// Every delivery due is a different shipment with units of its own: nothing is read
		// from the cache of an earlier one.
		let shipments = T::BenchmarkHelper::delivered_like(facts.shipment, n);
		let due: Vec<_> = shipments.iter().map(|shipment| (*shipment, facts.order)).collect();
		PendingConfirmations::<T>::insert(at, BoundedVec::truncate_from(due));

		#[block]
		{
			Pallet::<T>::confirm_deliveries(at);
		}

		assert!(shipments.iter().all(ConfirmedDeliveries::<T>::contains_key));
		assert_eq!(PendingConfirmations::<T>::get(at).len(), 0);
	}

	/// A clean signed delivery scheduled for confirmation when every block its objection window
	/// can end in is full but the last (the longest search of `place_from`).
	#[benchmark]
	fn on_delivered() {
		let facts = T::BenchmarkHelper::worst_case_facts();
		let params = params::<T>();
		Pallet::<T>::do_publish_rule_set(params).expect("valid parameters");
		// The block the delivery is recorded in (the harness runs the call in block 1).
		let now: BlockNumberFor<T> = One::one();
		frame_system::Pallet::<T>::set_block_number(now);
		let mut block = now.saturating_add(params.objection_blocks);
		let full: Vec<_> =
			(0..T::MaxAgendaPerBlock::get()).map(|_| (facts.shipment, facts.order)).collect();
		for _ in 1..crate::features::MAX_AGENDA_SLIP {
			PendingConfirmations::<T>::insert(block, BoundedVec::truncate_from(full.clone()));
			block += One::one();
		}
		PendingConfirmations::<T>::insert(block, BoundedVec::truncate_from(full[1..].to_vec()));
		let delivery = DeliveryFact {
			fact: FactRef { kind: FactKind::Checkpoint, id: H256::zero() },
			at: 0,
			receipt: Receipt::ConsigneeSigned,
			reservation: false,
			carrier: 0,
			media: false,
			by_shipper: false,
		};

		#[block]
		{
			<Pallet<T> as DeliveryObserver>::on_delivered(facts.shipment, facts.order, &delivery);
		}

		// Placed on the last try: the 16th block of the search.
		assert_eq!(frame_system::Pallet::<T>::block_number(), now);
		assert_eq!(PendingConfirmations::<T>::get(block).len() as u32, T::MaxAgendaPerBlock::get());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

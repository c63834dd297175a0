//! Invariants of the liability pallet.

use crate::{
	Agenda, AgendaFrom, ClaimFamily, Config, CurrentRuleSet, DecidedClaims, DisputeStatus,
	Disputes, DisputesByOrder, DisputesByUnit, NextDisputeId, OpenClaims, Pallet, RuleSets,
};
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first one broken is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let current = CurrentRuleSet::<T>::get();
		for version in 1..=current {
			ensure!(RuleSets::<T>::contains_key(version), "a rule-set version is missing");
			ensure!(
				crate::RuleSetEngines::<T>::get(version)
					.is_some_and(|engine| crate::rules::ENGINE_VERSIONS.contains(&engine)),
				"a rule set binds no engine this runtime carries"
			);
		}
		let mut open_by_engine =
			alloc::collections::BTreeMap::<crate::rules::EngineVersion, u32>::new();
		let next = NextDisputeId::<T>::get();
		let mut in_flight = 0usize;
		for (id, dispute) in Disputes::<T>::iter() {
			ensure!(id < next, "a dispute id at or above the next id");
			ensure!(dispute.rule_set <= current, "a dispute froze an unpublished rule set");
			ensure!(
				DisputesByOrder::<T>::get(dispute.claim.order).contains(&id)
					&& DisputesByUnit::<T>::get(dispute.claim.unit).contains(&id),
				"a dispute missing from its order or unit index"
			);
			let decided = dispute.status.is_closed();
			if !decided {
				*open_by_engine.entry(dispute.engine).or_default() += 1;
			}
			let open = OpenClaims::<T>::get(dispute.claim.unit) == Some(id);
			ensure!(decided != open, "a dispute in flight must hold its unit, a decided one not");
			// No dispute in flight without its one next step, due no earlier than the agenda
			// has reached; none for a dispute that ended.
			match dispute.status.next_step() {
				Some((at, action)) => {
					ensure!(Agenda::<T>::get(at, id) == Some(action), "a dispute without its step");
					ensure!(at >= AgendaFrom::<T>::get(), "a step the agenda has passed by");
					in_flight += 1;
				},
				None => ensure!(decided, "a dispute in flight with no step pending"),
			}
			let family =
				DecidedClaims::<T>::get(dispute.claim.unit, ClaimFamily::of(dispute.claim.kind));
			ensure!(
				!decided
					|| matches!(dispute.status, DisputeStatus::Unresolved { .. })
					|| family.is_some(),
				"an ended claim that could be opened again"
			);
			ensure!(
				!(decided && dispute.for_consumer) || dispute.consumer.is_some(),
				"a consumer's claim ended without the consumer's outcome"
			);
			if let Some(verdict) = &dispute.verdict {
				let total: u64 =
					verdict.liable.iter().map(|s| u64::from(s.share.deconstruct())).sum();
				ensure!(
					verdict.liable.is_empty() || total == 1_000_000,
					"liable shares do not sum to 100 %"
				);
			}
			ensure!(
				!decided
					|| dispute.verdict.is_some()
					|| matches!(
						dispute.status,
						DisputeStatus::Withdrawn
							| DisputeStatus::Expired
							| DisputeStatus::Unresolved { .. }
					),
				"a decided dispute without a verdict"
			);
		}
		ensure!(
			Agenda::<T>::iter().count() == in_flight,
			"an agenda step that belongs to no dispute in flight"
		);
		let counted: alloc::collections::BTreeMap<crate::rules::EngineVersion, u32> =
			crate::OpenDisputesByEngine::<T>::iter().filter(|(_, open)| *open > 0).collect();
		ensure!(counted == open_by_engine, "disputes in flight miscounted per engine version");
		Ok(())
	}
}

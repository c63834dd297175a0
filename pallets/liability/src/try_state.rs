//! Invariants of the liability pallet.

use crate::{
	Agenda, Config, CurrentRuleSet, DisputeStatus, Disputes, DisputesByOrder, DisputesByUnit,
	NextDisputeId, OpenClaims, Pallet, RuleSets,
};
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the first one broken is the error.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let current = CurrentRuleSet::<T>::get();
		for version in 1..=current {
			ensure!(RuleSets::<T>::contains_key(version), "a rule-set version is missing");
		}
		let next = NextDisputeId::<T>::get();
		for (id, dispute) in Disputes::<T>::iter() {
			ensure!(id < next, "a dispute id at or above the next id");
			ensure!(dispute.rule_set <= current, "a dispute froze an unpublished rule set");
			ensure!(
				DisputesByOrder::<T>::get(dispute.claim.order).contains(&id)
					&& DisputesByUnit::<T>::get(dispute.claim.unit).contains(&id),
				"a dispute missing from its order or unit index"
			);
			let decided = dispute.status.is_closed();
			let open = OpenClaims::<T>::get(dispute.claim.unit, dispute.claim.kind) == Some(id);
			ensure!(decided != open, "a dispute in flight must hold its claim, a decided one not");
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
					|| matches!(dispute.status, DisputeStatus::Withdrawn | DisputeStatus::Expired),
				"a decided dispute without a verdict"
			);
		}
		for (_, entries) in Agenda::<T>::iter() {
			for (id, _) in entries {
				ensure!(Disputes::<T>::contains_key(id), "the agenda names a missing dispute");
			}
		}
		Ok(())
	}
}

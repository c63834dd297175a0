//! Governed, versioned rule sets.

use crate::{
	Config, CurrentRuleSet, Error, Event, Pallet, RuleSetParams, RuleSetVersion, RuleSets,
};
use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, DispatchError};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_publish_rule_set(
		params: RuleSetParams<BlockNumberFor<T>>,
	) -> Result<RuleSetVersion, DispatchError> {
		ensure!(
			!params.response_blocks.is_zero()
				&& !params.evidence_blocks.is_zero()
				&& !params.challenge_blocks.is_zero()
				&& !params.appeal_blocks.is_zero()
				&& !params.objection_blocks.is_zero(),
			Error::<T>::InvalidRuleSet
		);
		let version = CurrentRuleSet::<T>::get() + 1;
		RuleSets::<T>::insert(version, params);
		CurrentRuleSet::<T>::put(version);
		Self::deposit_event(Event::RuleSetPublished { version });
		Ok(version)
	}
}

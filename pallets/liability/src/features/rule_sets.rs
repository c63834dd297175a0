//! Governed, versioned rule sets.

use crate::{
	Config, CurrentRuleSet, Error, Event, Pallet, RuleSetEngines, RuleSetParams, RuleSetVersion,
	RuleSets,
};
use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_publish_rule_set(
		params: RuleSetParams<BlockNumberFor<T>>,
	) -> Result<RuleSetVersion, DispatchError> {
		ensure!(params.is_valid(), Error::<T>::InvalidRuleSet);
		let version = CurrentRuleSet::<T>::get() + 1;
		RuleSets::<T>::insert(version, params);
		let engine = crate::rules::CURRENT_ENGINE;
		RuleSetEngines::<T>::insert(version, engine);
		CurrentRuleSet::<T>::put(version);
		Self::deposit_event(Event::RuleSetPublished { version, engine });
		Ok(version)
	}
}

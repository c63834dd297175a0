//! The rule set the `dev` and `local` networks start with (version 1): the legal windows of
//! the engine as the design states them, and lifecycle windows of minutes, so a dispute runs
//! from opening to a final verdict while one watches. A production consortium publishes its
//! own windows through governance (`Liability::publish_rule_set`).

use crate::{BlockNumber, MINUTES};
use pallet_liability::{
	rules::{RuleSet, SplitFormula},
	RuleSetParams,
};

const HOUR_MS: u64 = 3_600_000;

/// Rule set version 1 of the demo networks.
pub fn rule_set() -> RuleSetParams<BlockNumber> {
	RuleSetParams {
		engine: RuleSet {
			// Apparent damage must be reserved at delivery or reported within 48 hours.
			objection_window_ms: 48 * HOUR_MS,
			// Seven-day no-reason return.
			no_reason_return_window_ms: 7 * 24 * HOUR_MS,
			// Six months of presumed seller liability for a durable good's defect.
			durable_defect_window_ms: 180 * 24 * HOUR_MS,
			split: SplitFormula::Equal,
		},
		response_blocks: 10 * MINUTES,
		evidence_blocks: 10 * MINUTES,
		challenge_blocks: 5 * MINUTES,
		appeal_blocks: 5 * MINUTES,
		objection_blocks: 10 * MINUTES,
		ruling_blocks: 30 * MINUTES,
		vote_blocks: 30 * MINUTES,
		reinspection_blocks: 60 * MINUTES,
	}
}

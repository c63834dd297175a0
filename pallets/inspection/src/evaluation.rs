//! The consistency rules of an attestation's results, as pure functions over the protocol and
//! the submitted results: no storage, so they are tested on their own.
//!
//! 1. Every result names a test item of the protocol, once, in the item's unit.
//! 2. Pass and Fail carry a raw value and agree with the item's limits; NotTested and
//!    NotApplicable carry none; a required item is never NotApplicable.
//! 3. Every required item has a result.
//! 4. The verdict follows: at unit level, a failed required item makes it NonConformant, else
//!    an untested required item makes it Inconclusive, else Conformant. For an AQL lot the
//!    stated accept/reject must agree with the protocol's Ac/Re and the defects found, and
//!    decides the verdict (Inconclusive when accepted with a required item untested).

use crate::types::{AqlResult, Outcome, Sampling, TestItem, TestResult, Verdict};

/// Why a set of results is inconsistent. Each maps to a pallet error of the same name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ResultError {
	/// A result names an item the protocol does not have.
	UnknownTestItem,
	/// Two results name the same item.
	DuplicateResult,
	/// A result's unit is not the item's unit.
	UnitMismatch,
	/// Pass or Fail without a raw value.
	MissingValue,
	/// NotTested or NotApplicable with a value.
	UnexpectedValue,
	/// The stated Pass/Fail contradicts the raw value and the item's limits.
	VerdictContradictsValue,
	/// A required item is marked NotApplicable.
	RequiredItemNotApplicable,
	/// A required item has no result.
	RequiredItemMissing,
	/// A lot attestation without an AQL result, or a unit-level one with one.
	AqlResultMismatch,
	/// The AQL result's sample size is not the protocol's.
	AqlSampleSizeMismatch,
	/// More defects than sampled units.
	InvalidAqlResult,
	/// The stated accept/reject contradicts Ac/Re and the defects found.
	AqlDecisionContradictsCounts,
	/// The overall verdict contradicts the results.
	OverallVerdictContradictsResults,
}

/// Checks `results` (and `aql`) against the protocol's `items` and `sampling` and returns the
/// verdict they imply, or the first inconsistency.
pub fn derive_verdict(
	items: &[TestItem],
	sampling: &Sampling,
	results: &[TestResult],
	aql: Option<&AqlResult>,
) -> Result<Verdict, ResultError> {
	let mut seen = alloc::vec![false; items.len()];
	let mut required_failed = false;
	let mut required_untested = false;
	for result in results {
		let index = items
			.iter()
			.position(|item| item.code == result.item)
			.ok_or(ResultError::UnknownTestItem)?;
		if core::mem::replace(&mut seen[index], true) {
			return Err(ResultError::DuplicateResult);
		}
		let item = &items[index];
		if result.unit != item.unit {
			return Err(ResultError::UnitMismatch);
		}
		match (result.outcome, result.value) {
			(Outcome::Pass | Outcome::Fail, None) => return Err(ResultError::MissingValue),
			(Outcome::NotTested | Outcome::NotApplicable, Some(_)) => {
				return Err(ResultError::UnexpectedValue)
			},
			(Outcome::Pass, Some(value)) if !item.passes(value) => {
				return Err(ResultError::VerdictContradictsValue)
			},
			(Outcome::Fail, Some(value)) if item.passes(value) => {
				return Err(ResultError::VerdictContradictsValue)
			},
			(Outcome::NotApplicable, None) if item.required => {
				return Err(ResultError::RequiredItemNotApplicable)
			},
			(Outcome::Fail, _) if item.required => required_failed = true,
			(Outcome::NotTested, _) if item.required => required_untested = true,
			_ => {},
		}
	}
	if items.iter().zip(&seen).any(|(item, seen)| item.required && !seen) {
		return Err(ResultError::RequiredItemMissing);
	}
	let by_results = if required_failed {
		Verdict::NonConformant
	} else if required_untested {
		Verdict::Inconclusive
	} else {
		Verdict::Conformant
	};
	match (sampling, aql) {
		(Sampling::UnitLevel, None) => Ok(by_results),
		(Sampling::Aql { sample_size, accept, reject, .. }, Some(aql)) => {
			if aql.sample_size != *sample_size {
				return Err(ResultError::AqlSampleSizeMismatch);
			}
			if aql.defects_found > aql.sample_size {
				return Err(ResultError::InvalidAqlResult);
			}
			let accepted = aql.defects_found <= *accept;
			debug_assert!(accepted || aql.defects_found >= *reject, "Re = Ac + 1 is enforced");
			if aql.accepted != accepted {
				return Err(ResultError::AqlDecisionContradictsCounts);
			}
			Ok(match (accepted, required_untested) {
				(false, _) => Verdict::NonConformant,
				(true, true) => Verdict::Inconclusive,
				(true, false) => Verdict::Conformant,
			})
		},
		_ => Err(ResultError::AqlResultMismatch),
	}
}

/// Checks the stated verdict against the one the results imply.
pub fn check_verdict(
	items: &[TestItem],
	sampling: &Sampling,
	results: &[TestResult],
	aql: Option<&AqlResult>,
	stated: Verdict,
) -> Result<Verdict, ResultError> {
	let derived = derive_verdict(items, sampling, results, aql)?;
	if derived == stated {
		Ok(derived)
	} else {
		Err(ResultError::OverallVerdictContradictsResults)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::types::{Code, Criticality, DamageMode, InspectionLevel, MeasurementUnit};
	use sp_core::H256;

	fn code(s: &str) -> Code {
		s.as_bytes().to_vec().try_into().unwrap()
	}

	fn item(c: &str, lower: Option<i64>, upper: Option<i64>, required: bool) -> TestItem {
		TestItem {
			code: code(c),
			method: H256::zero(),
			unit: MeasurementUnit::Millivolt,
			lower,
			upper,
			required,
			criticality: Criticality::Major,
			damage_mode: DamageMode::Electrical,
		}
	}

	fn result(c: &str, value: Option<i64>, outcome: Outcome) -> TestResult {
		TestResult {
			item: code(c),
			value,
			unit: MeasurementUnit::Millivolt,
			uncertainty: None,
			outcome,
		}
	}

	fn items() -> Vec<TestItem> {
		vec![item("V", Some(100), Some(200), true), item("OPT", None, Some(10), false)]
	}

	fn unit_level(results: &[TestResult]) -> Result<Verdict, ResultError> {
		derive_verdict(&items(), &Sampling::UnitLevel, results, None)
	}

	const AQL: Sampling = Sampling::Aql {
		level: InspectionLevel::GeneralII,
		aql_milli_percent: 2_500,
		sample_size: 32,
		accept: 2,
		reject: 3,
	};

	#[test]
	fn limits_are_inclusive_and_open_ended_when_absent() {
		let bounded = item("V", Some(100), Some(200), true);
		assert!(bounded.passes(100) && bounded.passes(200));
		assert!(!bounded.passes(99) && !bounded.passes(201));
		let upper_only = item("OPT", None, Some(10), false);
		assert!(upper_only.passes(i64::MIN) && !upper_only.passes(11));
	}

	#[test]
	fn unit_level_verdicts_follow_required_items() {
		use Outcome::*;
		assert_eq!(unit_level(&[result("V", Some(150), Pass)]), Ok(Verdict::Conformant));
		// An optional failure does not make the unit non-conformant.
		assert_eq!(
			unit_level(&[result("V", Some(150), Pass), result("OPT", Some(11), Fail)]),
			Ok(Verdict::Conformant)
		);
		assert_eq!(unit_level(&[result("V", Some(250), Fail)]), Ok(Verdict::NonConformant));
		assert_eq!(unit_level(&[result("V", None, NotTested)]), Ok(Verdict::Inconclusive));
		assert_eq!(
			unit_level(&[result("V", Some(150), Pass), result("OPT", None, NotApplicable)]),
			Ok(Verdict::Conformant)
		);
	}

	#[test]
	fn stated_outcomes_must_agree_with_raw_values() {
		use Outcome::*;
		for (value, outcome) in [(99, Pass), (201, Pass), (100, Fail), (200, Fail)] {
			assert_eq!(
				unit_level(&[result("V", Some(value), outcome)]),
				Err(ResultError::VerdictContradictsValue),
				"{value} stated {outcome:?}"
			);
		}
		assert_eq!(unit_level(&[result("V", None, Pass)]), Err(ResultError::MissingValue));
		assert_eq!(
			unit_level(&[result("V", Some(1), NotTested)]),
			Err(ResultError::UnexpectedValue)
		);
	}

	#[test]
	fn malformed_results_are_named() {
		use Outcome::*;
		assert_eq!(unit_level(&[]), Err(ResultError::RequiredItemMissing));
		assert_eq!(
			unit_level(&[result("OPT", Some(1), Pass)]),
			Err(ResultError::RequiredItemMissing)
		);
		assert_eq!(unit_level(&[result("X", Some(1), Pass)]), Err(ResultError::UnknownTestItem));
		assert_eq!(
			unit_level(&[result("V", Some(150), Pass), result("V", Some(150), Pass)]),
			Err(ResultError::DuplicateResult)
		);
		assert_eq!(
			unit_level(&[result("V", None, NotApplicable)]),
			Err(ResultError::RequiredItemNotApplicable)
		);
		let mut wrong_unit = result("V", Some(150), Pass);
		wrong_unit.unit = MeasurementUnit::Milliampere;
		assert_eq!(unit_level(&[wrong_unit]), Err(ResultError::UnitMismatch));
	}

	#[test]
	fn aql_decision_follows_accept_and_reject_numbers() {
		use Outcome::*;
		let results = [result("V", Some(150), Pass)];
		let aql = |defects_found, accepted| AqlResult { sample_size: 32, defects_found, accepted };
		let lot = |aql: AqlResult| derive_verdict(&items(), &AQL, &results, Some(&aql));
		assert_eq!(lot(aql(0, true)), Ok(Verdict::Conformant));
		assert_eq!(lot(aql(2, true)), Ok(Verdict::Conformant));
		assert_eq!(lot(aql(3, false)), Ok(Verdict::NonConformant));
		assert_eq!(lot(aql(32, false)), Ok(Verdict::NonConformant));
		assert_eq!(lot(aql(3, true)), Err(ResultError::AqlDecisionContradictsCounts));
		assert_eq!(lot(aql(2, false)), Err(ResultError::AqlDecisionContradictsCounts));
		assert_eq!(lot(aql(33, false)), Err(ResultError::InvalidAqlResult));
		assert_eq!(
			lot(AqlResult { sample_size: 50, defects_found: 0, accepted: true }),
			Err(ResultError::AqlSampleSizeMismatch)
		);
		assert_eq!(
			derive_verdict(&items(), &AQL, &results, None),
			Err(ResultError::AqlResultMismatch)
		);
		assert_eq!(
			derive_verdict(&items(), &Sampling::UnitLevel, &results, Some(&aql(0, true))),
			Err(ResultError::AqlResultMismatch)
		);
		let untested = [result("V", None, NotTested)];
		assert_eq!(
			derive_verdict(&items(), &AQL, &untested, Some(&aql(0, true))),
			Ok(Verdict::Inconclusive)
		);
	}

	#[test]
	fn a_stated_verdict_must_match_the_derived_one() {
		use Outcome::*;
		let failed = [result("V", Some(250), Fail)];
		assert_eq!(
			check_verdict(&items(), &Sampling::UnitLevel, &failed, None, Verdict::Conformant),
			Err(ResultError::OverallVerdictContradictsResults)
		);
		let untested = [result("V", None, NotTested)];
		assert_eq!(
			check_verdict(&items(), &Sampling::UnitLevel, &untested, None, Verdict::Conformant),
			Err(ResultError::OverallVerdictContradictsResults)
		);
		assert_eq!(
			check_verdict(&items(), &Sampling::UnitLevel, &failed, None, Verdict::NonConformant),
			Ok(Verdict::NonConformant)
		);
	}
}

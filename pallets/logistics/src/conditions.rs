//! Evaluates a sensor summary against a condition profile: a pure function, tested on its own.
//!
//! In order:
//! 1. No samples → `NoData`; a dimension the profile watches but the summary lacks → `NoData`.
//! 2. Excursions, the earliest of:
//!    - `Freeze`: any time below the freeze limit;
//!    - `Temperature`: total time outside the range above `max_time_outside_ms`, or one
//!      excursion longer than `max_single_excursion_ms` (inclusive limits: exactly the allowance
//!      is still clean);
//!    - `Humidity`: a reading outside the range;
//!    - `Shock`: a peak at or above the damaging peak with a pulse at least the minimum.
//! 3. A gap (longest gap or power-off time) above `max_data_gap_ms` → `Gap`.
//! 4. Otherwise `Clean`.
//!
//! A leg's condition combines its digests: an excursion outranks a gap, which outranks clean
//! data, which outranks no data; of two excursions the earlier stands.

use crate::types::{ConditionProfile, Excursion, LegState, SensorSummary};
use alloc::vec::Vec;

/// The condition one summary shows under `profile`.
pub fn evaluate(profile: &ConditionProfile, summary: &SensorSummary) -> LegState {
	if summary.sample_count == 0 {
		return LegState::NoData;
	}
	let watches_temperature =
		profile.temperature.is_some() || profile.freeze_limit_centi_celsius.is_some();
	if (watches_temperature && summary.temperature.is_none())
		|| (profile.humidity.is_some() && summary.humidity.is_none())
		|| (profile.shock.is_some() && summary.shock.is_none())
	{
		return LegState::NoData;
	}
	if let Some((kind, first_at)) =
		excursions(profile, summary).into_iter().min_by_key(|(_, at)| *at)
	{
		return LegState::Excursion { kind, at: first_at };
	}
	if summary.gap_longest_ms > profile.max_data_gap_ms
		|| summary.power_off_ms > profile.max_data_gap_ms
	{
		return LegState::Gap;
	}
	LegState::Clean
}

/// Every excursion `summary` shows under `profile`, one per kind with the time it began (for
/// a summary with data; `evaluate` says whether it has any).
pub fn excursions(profile: &ConditionProfile, summary: &SensorSummary) -> Vec<(Excursion, u64)> {
	let start = summary.window_start;
	let mut excursions: [Option<(Excursion, u64)>; 4] = [None; 4];
	if let Some(t) = summary.temperature {
		if profile.freeze_limit_centi_celsius.is_some() && t.time_below_freeze_ms > 0 {
			excursions[0] = Some((Excursion::Freeze, t.first_freeze_at.unwrap_or(start)));
		}
		if profile.temperature.is_some()
			&& (t.time_above_ms.saturating_add(t.time_below_ms) > profile.max_time_outside_ms
				|| t.longest_excursion_ms > profile.max_single_excursion_ms)
		{
			excursions[1] = Some((Excursion::Temperature, t.first_excursion_at.unwrap_or(start)));
		}
	}
	if let (Some(range), Some(h)) = (profile.humidity, summary.humidity) {
		if h.min_per_mille < range.min_per_mille || h.max_per_mille > range.max_per_mille {
			excursions[2] = Some((Excursion::Humidity, h.first_out_of_range_at.unwrap_or(start)));
		}
	}
	if let (Some(limit), Some(s)) = (profile.shock, summary.shock) {
		if s.peak_milli_g >= limit.peak_milli_g && s.peak_pulse_ms >= limit.min_pulse_ms {
			excursions[3] = Some((Excursion::Shock, s.peak_at));
		}
	}
	excursions.into_iter().flatten().collect()
}

/// `seen` merged with `more`: each kind once, at the earliest time either saw it.
pub fn merge_excursions(seen: &mut Vec<(Excursion, u64)>, more: &[(Excursion, u64)]) {
	for (kind, at) in more {
		match seen.iter_mut().find(|(k, _)| k == kind) {
			Some(entry) => entry.1 = entry.1.min(*at),
			None => seen.push((*kind, *at)),
		}
	}
}

/// Whether every time the summary states (first freeze, first temperature excursion, first
/// humidity reading out of range, the peak of a shock over the threshold) lies within its
/// window: a device cannot place an excursion outside the time it reports on.
pub fn times_within_window(summary: &SensorSummary) -> bool {
	let within = |at: u64| summary.window_start <= at && at <= summary.window_end;
	let temperature = summary.temperature.map_or(true, |t| {
		t.first_freeze_at.is_none_or(within) && t.first_excursion_at.is_none_or(within)
	});
	let humidity = summary.humidity.map_or(true, |h| h.first_out_of_range_at.is_none_or(within));
	let shock = summary.shock.map_or(true, |s| s.events_over_threshold == 0 || within(s.peak_at));
	temperature && humidity && shock
}

/// The condition of a leg that showed `current` so far and now `next`.
pub fn combine(current: LegState, next: LegState) -> LegState {
	fn rank(c: &LegState) -> u8 {
		match c {
			LegState::NoData => 0,
			LegState::Clean => 1,
			LegState::Gap => 2,
			LegState::Excursion { .. } => 3,
		}
	}
	match (current, next) {
		(LegState::Excursion { at: a, .. }, LegState::Excursion { at: b, .. }) => {
			if b < a {
				next
			} else {
				current
			}
		},
		_ => {
			if rank(&next) > rank(&current) {
				next
			} else {
				current
			}
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{presets::preset_profiles, HumiditySummary, ShockSummary, TemperatureSummary};
	use sp_core::H256;

	const START: u64 = 1_767_225_600_000;
	const MINUTE: u64 = 60_000;

	fn profile(index: usize) -> ConditionProfile {
		preset_profiles()[index].to_profile()
	}

	/// Two hours of clean data: 5 °C, 500 ‰, 2 g peaks.
	fn clean() -> SensorSummary {
		SensorSummary {
			window_start: START,
			window_end: START + 120 * MINUTE,
			sample_interval_ms: 60_000,
			sample_count: 120,
			gap_total_ms: 0,
			gap_longest_ms: 0,
			power_off_ms: 0,
			temperature: Some(TemperatureSummary {
				min_centi_celsius: 450,
				max_centi_celsius: 550,
				mean_centi_celsius: 500,
				time_above_ms: 0,
				time_below_ms: 0,
				excursions: 0,
				longest_excursion_ms: 0,
				first_excursion_at: None,
				time_below_freeze_ms: 0,
				first_freeze_at: None,
			}),
			humidity: Some(HumiditySummary {
				min_per_mille: 400,
				max_per_mille: 600,
				first_out_of_range_at: None,
			}),
			shock: Some(ShockSummary {
				events_over_threshold: 0,
				peak_milli_g: 2_000,
				peak_pulse_ms: 5,
				peak_at: START + MINUTE,
			}),
			tilt_events: 0,
			alarm_flags: 0,
			error_flags: 0,
			readings_root: H256::zero(),
		}
	}

	fn frozen_clean() -> SensorSummary {
		let mut s = clean();
		let t = s.temperature.as_mut().unwrap();
		(t.min_centi_celsius, t.max_centi_celsius, t.mean_centi_celsius) = (-2_200, -1_900, -2_000);
		s
	}

	fn with_shock(mut s: SensorSummary, milli_g: u32, pulse: u32) -> SensorSummary {
		let shock = s.shock.as_mut().unwrap();
		(shock.peak_milli_g, shock.peak_pulse_ms, shock.peak_at) =
			(milli_g, pulse, START + 7 * MINUTE);
		s
	}

	fn with_outside(mut s: SensorSummary, total: u64, longest: u64) -> SensorSummary {
		let t = s.temperature.as_mut().unwrap();
		(t.time_above_ms, t.longest_excursion_ms, t.excursions) = (total, longest, 1);
		t.first_excursion_at = Some(START + 30 * MINUTE);
		s
	}

	fn excursion(kind: Excursion, minutes: u64) -> LegState {
		LegState::Excursion { kind, at: START + minutes * MINUTE }
	}

	#[test]
	fn every_preset_accepts_clean_data() {
		for (index, summary) in [(0, clean()), (1, clean()), (2, clean()), (3, frozen_clean())] {
			assert_eq!(evaluate(&profile(index), &summary), LegState::Clean, "preset {index}");
		}
	}

	#[test]
	fn shock_thresholds_of_each_preset_are_inclusive() {
		// general-parcel 15 g / 3 ms, fragile 5 g / 2 ms, chilled and frozen 15 g / 3 ms.
		for (index, base, g, pulse) in [
			(0, clean(), 15_000, 3),
			(1, clean(), 5_000, 2),
			(2, clean(), 15_000, 3),
			(3, frozen_clean(), 15_000, 3),
		] {
			let p = profile(index);
			assert_eq!(
				evaluate(&p, &with_shock(base, g, pulse)),
				excursion(Excursion::Shock, 7),
				"preset {index} at the limit"
			);
			assert_eq!(evaluate(&p, &with_shock(base, g - 1, pulse)), LegState::Clean);
			assert_eq!(evaluate(&p, &with_shock(base, g, pulse - 1)), LegState::Clean);
		}
	}

	#[test]
	fn chilled_allows_thirty_minutes_outside_and_fifteen_at_once() {
		let chilled = profile(2);
		assert_eq!(
			evaluate(&chilled, &with_outside(clean(), 30 * MINUTE, 15 * MINUTE)),
			LegState::Clean
		);
		assert_eq!(
			evaluate(&chilled, &with_outside(clean(), 30 * MINUTE + 1, 10 * MINUTE)),
			excursion(Excursion::Temperature, 30)
		);
		assert_eq!(
			evaluate(&chilled, &with_outside(clean(), 15 * MINUTE + 1, 15 * MINUTE + 1)),
			excursion(Excursion::Temperature, 30)
		);
	}

	#[test]
	fn chilled_goods_freeze_at_any_time_below_the_limit() {
		let mut frozen = clean();
		let t = frozen.temperature.as_mut().unwrap();
		(t.time_below_freeze_ms, t.first_freeze_at) = (1, Some(START + 3 * MINUTE));
		assert_eq!(evaluate(&profile(2), &frozen), excursion(Excursion::Freeze, 3));
		// Frozen goods have no freeze limit: the same data is clean there (range permitting).
		let mut deep = frozen_clean();
		deep.temperature.as_mut().unwrap().time_below_freeze_ms = 60 * MINUTE;
		assert_eq!(evaluate(&profile(3), &deep), LegState::Clean);
	}

	#[test]
	fn frozen_allows_fifteen_minutes_outside_and_ten_at_once() {
		let frozen = profile(3);
		assert_eq!(
			evaluate(&frozen, &with_outside(frozen_clean(), 15 * MINUTE, 10 * MINUTE)),
			LegState::Clean
		);
		assert_eq!(
			evaluate(&frozen, &with_outside(frozen_clean(), 15 * MINUTE + 1, 5 * MINUTE)),
			excursion(Excursion::Temperature, 30)
		);
		assert_eq!(
			evaluate(&frozen, &with_outside(frozen_clean(), 10 * MINUTE + 1, 10 * MINUTE + 1)),
			excursion(Excursion::Temperature, 30)
		);
	}

	#[test]
	fn general_parcels_ignore_temperature_and_humidity() {
		let hot = with_outside(clean(), 600 * MINUTE, 600 * MINUTE);
		assert_eq!(evaluate(&profile(0), &hot), LegState::Clean);
		let mut no_temperature = clean();
		no_temperature.temperature = None;
		assert_eq!(evaluate(&profile(0), &no_temperature), LegState::Clean);
		// ...but chilled goods without temperature data have no data.
		assert_eq!(evaluate(&profile(2), &no_temperature), LegState::NoData);
	}

	#[test]
	fn fragile_humidity_limit_is_inclusive() {
		let mut damp = clean();
		damp.humidity = Some(HumiditySummary {
			min_per_mille: 400,
			max_per_mille: 850,
			first_out_of_range_at: None,
		});
		assert_eq!(evaluate(&profile(1), &damp), LegState::Clean);
		damp.humidity = Some(HumiditySummary {
			min_per_mille: 400,
			max_per_mille: 851,
			first_out_of_range_at: Some(START + 11 * MINUTE),
		});
		assert_eq!(evaluate(&profile(1), &damp), excursion(Excursion::Humidity, 11));
	}

	#[test]
	fn gaps_beyond_the_preset_limit_are_gaps() {
		for (index, base, limit) in [
			(0, clean(), 60 * MINUTE),
			(1, clean(), 30 * MINUTE),
			(2, clean(), 15 * MINUTE),
			(3, frozen_clean(), 15 * MINUTE),
		] {
			let mut gap = base;
			gap.gap_longest_ms = limit;
			assert_eq!(evaluate(&profile(index), &gap), LegState::Clean, "preset {index}");
			gap.gap_longest_ms = limit + 1;
			assert_eq!(evaluate(&profile(index), &gap), LegState::Gap, "preset {index}");
			gap.gap_longest_ms = 0;
			gap.power_off_ms = limit + 1;
			assert_eq!(evaluate(&profile(index), &gap), LegState::Gap, "preset {index}");
		}
	}

	#[test]
	fn no_samples_is_no_data_and_the_earliest_excursion_wins() {
		let mut empty = clean();
		empty.sample_count = 0;
		assert_eq!(evaluate(&profile(2), &empty), LegState::NoData);
		// A shock at minute 7 and a temperature excursion from minute 30: the shock is first.
		let both = with_shock(with_outside(clean(), 60 * MINUTE, 60 * MINUTE), 20_000, 5);
		assert_eq!(evaluate(&profile(2), &both), excursion(Excursion::Shock, 7));
		// An excursion outranks a gap.
		let mut gap_and_shock = with_shock(clean(), 20_000, 5);
		gap_and_shock.gap_longest_ms = 600 * MINUTE;
		assert_eq!(evaluate(&profile(2), &gap_and_shock), excursion(Excursion::Shock, 7));
	}

	#[test]
	fn leg_conditions_combine_to_the_worst_and_earliest() {
		let early = excursion(Excursion::Shock, 1);
		let late = excursion(Excursion::Temperature, 9);
		use LegState::{Clean, Gap, NoData};
		assert_eq!(combine(NoData, Clean), Clean);
		assert_eq!(combine(Clean, NoData), Clean);
		assert_eq!(combine(Clean, Gap), Gap);
		assert_eq!(combine(Gap, Clean), Gap);
		assert_eq!(combine(Gap, late), late);
		assert_eq!(combine(late, Gap), late);
		assert_eq!(combine(late, early), early);
		assert_eq!(combine(early, late), early);
	}
}

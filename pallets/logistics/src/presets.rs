//! The consortium's preset condition profiles, published at genesis as profiles 0–3.

use crate::{GenesisProfile, HumidityRange, ShockLimit, TemperatureRange};
use alloc::{string::String, vec, vec::Vec};

const MINUTE: u64 = 60_000;

/// `general-parcel` (0), `fragile` (1), `chilled-2-8` (2), `frozen-18` (3).
pub fn preset_profiles() -> Vec<GenesisProfile> {
	let shock = |g: u32, pulse| Some(ShockLimit { peak_milli_g: g * 1_000, min_pulse_ms: pulse });
	vec![
		GenesisProfile {
			name: String::from("general-parcel"),
			temperature: None,
			freeze_limit_centi_celsius: None,
			max_time_outside_ms: 0,
			max_single_excursion_ms: 0,
			shock: shock(15, 3),
			humidity: None,
			max_data_gap_ms: 60 * MINUTE,
			handover_tolerance_ms: 15 * MINUTE,
		},
		GenesisProfile {
			name: String::from("fragile"),
			temperature: None,
			freeze_limit_centi_celsius: None,
			max_time_outside_ms: 0,
			max_single_excursion_ms: 0,
			shock: shock(5, 2),
			humidity: Some(HumidityRange { min_per_mille: 0, max_per_mille: 850 }),
			max_data_gap_ms: 30 * MINUTE,
			handover_tolerance_ms: 15 * MINUTE,
		},
		GenesisProfile {
			name: String::from("chilled-2-8"),
			temperature: Some(TemperatureRange { min_centi_celsius: 200, max_centi_celsius: 800 }),
			freeze_limit_centi_celsius: Some(-50),
			max_time_outside_ms: 30 * MINUTE,
			max_single_excursion_ms: 15 * MINUTE,
			shock: shock(15, 3),
			humidity: None,
			max_data_gap_ms: 15 * MINUTE,
			handover_tolerance_ms: 10 * MINUTE,
		},
		GenesisProfile {
			name: String::from("frozen-18"),
			temperature: Some(TemperatureRange {
				min_centi_celsius: -4_000,
				max_centi_celsius: -1_800,
			}),
			freeze_limit_centi_celsius: None,
			max_time_outside_ms: 15 * MINUTE,
			max_single_excursion_ms: 10 * MINUTE,
			shock: shock(15, 3),
			humidity: None,
			max_data_gap_ms: 15 * MINUTE,
			handover_tolerance_ms: 10 * MINUTE,
		},
	]
}

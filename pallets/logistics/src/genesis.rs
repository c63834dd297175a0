//! Genesis condition profiles and devices, written as JSON in chain specs with names as plain
//! strings.

use crate::{
	Code, ConditionProfile, Config, Device, DeviceKind, GenesisConfig, HumidityRange, Pallet,
	ProfileOwner, ShockLimit, TemperatureRange,
};
use alloc::string::String;
use evidence_primitives::{record_id, OrgId, RecordKind};
use serde::{Deserialize, Serialize};
use sp_core::{ed25519, H256};

/// A consortium condition profile at genesis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisProfile {
	/// Name.
	pub name: String,
	/// Allowed temperature range.
	pub temperature: Option<TemperatureRange>,
	/// Freeze limit, centi-°C.
	pub freeze_limit_centi_celsius: Option<i32>,
	/// Total time allowed outside the range, ms.
	pub max_time_outside_ms: u64,
	/// Longest single excursion allowed, ms.
	pub max_single_excursion_ms: u64,
	/// Damaging shock.
	pub shock: Option<ShockLimit>,
	/// Allowed humidity range.
	pub humidity: Option<HumidityRange>,
	/// Longest allowed data gap, ms.
	pub max_data_gap_ms: u64,
	/// Handover tolerance, ms.
	pub handover_tolerance_ms: u64,
}

/// A carrier's sensor device at genesis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisDevice {
	/// Hash of the serial; the device's id is `record_id(Device, owner, reference)`.
	pub reference: H256,
	/// The owning carrier.
	pub owner: OrgId,
	/// What it measures.
	pub kind: DeviceKind,
	/// Model.
	pub model: String,
	/// Serial.
	pub serial: String,
	/// Its ed25519 public key.
	pub key: H256,
	/// Hash of the calibration certificate.
	pub calibration_certificate: H256,
	/// Calibrated on (unix ms).
	pub calibrated_on: u64,
	/// Calibration due (unix ms).
	pub calibration_due: u64,
}

fn code(text: &str) -> Code {
	text.as_bytes().to_vec().try_into().expect("genesis names fit MAX_CODE_LEN; qed")
}

impl GenesisProfile {
	/// The profile this genesis entry publishes.
	pub fn to_profile(&self) -> ConditionProfile {
		ConditionProfile {
			name: code(&self.name),
			temperature: self.temperature,
			freeze_limit_centi_celsius: self.freeze_limit_centi_celsius,
			max_time_outside_ms: self.max_time_outside_ms,
			max_single_excursion_ms: self.max_single_excursion_ms,
			shock: self.shock,
			humidity: self.humidity,
			max_data_gap_ms: self.max_data_gap_ms,
			handover_tolerance_ms: self.handover_tolerance_ms,
		}
	}
}

impl<T: Config> GenesisConfig<T> {
	pub(crate) fn build_registries(&self) {
		for p in &self.profiles {
			Pallet::<T>::do_publish_profile(ProfileOwner::Consortium, None, p.to_profile())
				.expect("genesis profiles are valid; qed");
		}
		for d in &self.devices {
			Pallet::<T>::do_register_device(
				record_id(RecordKind::Device, d.owner, d.reference),
				Device {
					owner: d.owner,
					kind: d.kind,
					model: code(&d.model),
					serial: code(&d.serial),
					key: ed25519::Public::from_raw(d.key.0),
					calibration_certificate: d.calibration_certificate,
					calibrated_on: d.calibrated_on,
					calibration_due: d.calibration_due,
					withdrawn: None,
				},
			)
			.expect("genesis devices are valid; qed");
		}
	}
}

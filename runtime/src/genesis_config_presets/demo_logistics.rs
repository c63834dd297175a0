//! The consortium's condition profiles and the demo carrier's sensor logger.
//!
//! - Profiles 0–3: `general-parcel`, `fragile`, `chilled-2-8`, `frozen-18`
//!   ([`pallet_logistics::presets`]), owned by the consortium.
//! - Organisation 2 (Demo Carrier, operator `//Charlie//stash`) owns the logger registered
//!   under the reference `blake2_256("DEMO-LOGGER-001")` (id: [`demo_logger`]), a multi-sensor
//!   logger whose digests are signed with the
//!   ed25519 key of the development seed `//DemoCarrierLogger` (public key
//!   `0xa1fd88f7a4c6c29ad4edd65520044f7e4850fd36d564a2369a97a55027079859`). **Development
//!   only**: the seed is public. Calibrated 2025-01-01, due 2030-01-01.

use super::demo_inspection::id;
use alloc::{string::String, vec};
use pallet_logistics::{presets::preset_profiles, DeviceKind, GenesisDevice};
use sp_core::H256;

/// The demo carrier's organisation id (third organisation admitted at genesis).
pub const DEMO_CARRIER: evidence_primitives::OrgId = 2;
/// ed25519 public key of `//DemoCarrierLogger`.
pub const DEMO_LOGGER_KEY: [u8; 32] = [
	0xa1, 0xfd, 0x88, 0xf7, 0xa4, 0xc6, 0xc2, 0x9a, 0xd4, 0xed, 0xd6, 0x55, 0x20, 0x04, 0x4f, 0x7e,
	0x48, 0x50, 0xfd, 0x36, 0xd5, 0x64, 0xa2, 0x36, 0x9a, 0x97, 0xa5, 0x50, 0x27, 0x07, 0x98, 0x59,
];

/// The id of the demo carrier's logger `DEMO-LOGGER-001`.
pub fn demo_logger() -> H256 {
	evidence_primitives::record_id(
		evidence_primitives::RecordKind::Device,
		DEMO_CARRIER,
		id("DEMO-LOGGER-001"),
	)
}

/// The preset profiles and the demo logger.
pub fn registries() -> pallet_logistics::GenesisConfig<crate::Runtime> {
	pallet_logistics::GenesisConfig {
		profiles: preset_profiles(),
		devices: vec![GenesisDevice {
			reference: id("DEMO-LOGGER-001"),
			owner: DEMO_CARRIER,
			kind: DeviceKind::MultiSensor,
			model: String::from("EVIDENCE-LOGGER 3"),
			serial: String::from("EL3-000777"),
			key: H256(DEMO_LOGGER_KEY),
			calibration_certificate: id("DEMO-CAL-CERT-003"),
			calibrated_on: 1_735_689_600_000,
			calibration_due: 1_893_456_000_000,
		}],
		_config: Default::default(),
	}
}

//! The demo inspection agency's registries, so a newcomer can attest right away.
//!
//! Organisation 1 (Demo Inspection Agency, operator `Bob//stash`) holds:
//! - an ISO/IEC 17020 type A accreditation, valid 2025-01-01 to 2030-12-31;
//! - an inspector registered under the reference `blake2_256("DEMO-INSPECTOR-001")`, qualified
//!   for `small-appliance`, `glassware` and `luxury-handbag` over the same period;
//! - a calibrated insulation tester and a camera registered under the references
//!   `blake2_256("DEMO-EQUIPMENT-001")` and `blake2_256("DEMO-EQUIPMENT-002")`, calibrated
//!   2025-01-01, due 2030-01-01 (demo only: real calibrations last about a year);
//! - protocols 0 (small appliance with a power-on test), 1 (glassware, AQL 2.5 general level
//!   II, n = 32, Ac 2, Re 3) and 2 (luxury handbag with an authenticity check), version 1 each.
//!
//! The inspector's and equipment's ids are derived from the agency and the reference
//! (`evidence_primitives::record_id`): [`demo_inspector`], [`demo_equipment`].

use alloc::{string::String, vec, vec::Vec};
use evidence_primitives::{record_id, OrgId, RecordKind};
use pallet_inspection::{
	AccreditationScheme, Criticality, DamageMode, EquipmentKind, GenesisAccreditation,
	GenesisEquipment, GenesisInspector, GenesisProtocol, GenesisTestItem, InspectionLevel,
	MeasurementUnit, Sampling,
};
use sp_core::H256;

/// The demo agency's organisation id (second organisation admitted at genesis).
pub const DEMO_AGENCY: OrgId = 1;
/// 2025-01-01T00:00:00Z in unix ms.
const FROM: u64 = 1_735_689_600_000;
/// 2030-01-01T00:00:00Z in unix ms.
const CALIBRATION_DUE: u64 = 1_893_456_000_000;
/// 2030-12-31T23:59:59.999Z in unix ms.
const UNTIL: u64 = 1_924_991_999_999;

/// BLAKE2b-256 of a text id: the references of the demo records, method references.
pub fn id(text: &str) -> H256 {
	H256(sp_crypto_hashing::blake2_256(text.as_bytes()))
}

/// The id of the demo agency's inspector `DEMO-INSPECTOR-001`.
pub fn demo_inspector() -> H256 {
	record_id(RecordKind::Inspector, DEMO_AGENCY, id("DEMO-INSPECTOR-001"))
}

/// The id of the demo agency's equipment `asset_tag` (`DEMO-EQUIPMENT-001` or `-002`).
pub fn demo_equipment(asset_tag: &str) -> H256 {
	record_id(RecordKind::Equipment, DEMO_AGENCY, id(asset_tag))
}

#[allow(clippy::too_many_arguments)]
fn item(
	code: &str,
	method: &str,
	unit: MeasurementUnit,
	lower: Option<i64>,
	upper: Option<i64>,
	required: bool,
	criticality: Criticality,
	damage_mode: DamageMode,
) -> GenesisTestItem {
	GenesisTestItem {
		code: String::from(code),
		method: id(method),
		unit,
		lower,
		upper,
		required,
		criticality,
		damage_mode,
	}
}

/// The demo agency's accreditation, inspector, equipment and three protocols.
pub fn registries() -> pallet_inspection::GenesisConfig<crate::Runtime> {
	use Criticality::*;
	use DamageMode::*;
	use MeasurementUnit::*;
	let appliance = vec![
		item(
			"POWER-ON",
			"IEC 60335-1 cl.11 power-on",
			Boolean,
			Some(1),
			Some(1),
			true,
			Critical,
			Functional,
		),
		item(
			"INSULATION-RESISTANCE",
			"IEC 60335-1 cl.16.3",
			Milliohm,
			Some(2_000_000_000),
			None,
			true,
			Critical,
			Electrical,
		),
		item(
			"HOUSING-CRACKS",
			"visual, 40 cm, D65 light",
			Count,
			None,
			Some(0),
			true,
			Major,
			Mechanical,
		),
		item(
			"SURFACE-SCRATCHES",
			"visual, 40 cm, D65 light",
			Count,
			None,
			Some(2),
			false,
			Minor,
			Cosmetic,
		),
	];
	let glassware = vec![
		item(
			"CHIPS-CRACKS",
			"visual, 30 cm, backlit",
			Count,
			None,
			Some(0),
			true,
			Major,
			Mechanical,
		),
		item("THERMAL-SHOCK", "ISO 7459 42 K", Boolean, Some(1), Some(1), true, Critical, Thermal),
		item(
			"WALL-THICKNESS",
			"caliper, 3 points",
			Micrometre,
			Some(2_000),
			Some(3_500),
			false,
			Minor,
			Mechanical,
		),
	];
	let handbag = vec![
		item(
			"AUTHENTICITY",
			"brand authentication guide v4",
			Boolean,
			Some(1),
			Some(1),
			true,
			Critical,
			Authenticity,
		),
		item(
			"STITCHES-PER-INCH",
			"loupe count, 3 seams",
			Count,
			Some(8),
			Some(12),
			true,
			Major,
			Cosmetic,
		),
		item(
			"HARDWARE-FINISH",
			"visual grade 0-100",
			Score,
			Some(90),
			None,
			false,
			Minor,
			Cosmetic,
		),
		item(
			"DUST-BAG-AND-CARD",
			"contents check",
			Boolean,
			Some(1),
			Some(1),
			false,
			Minor,
			Documentary,
		),
	];
	// Small appliances are durable goods (rule I8); glassware and handbags are not.
	let protocol = |category: &str, sampling, items: Vec<GenesisTestItem>| GenesisProtocol {
		owner: DEMO_AGENCY,
		category: String::from(category),
		durable_good: category == "small-appliance",
		sampling,
		items,
	};
	pallet_inspection::GenesisConfig {
		accreditations: vec![GenesisAccreditation {
			agency: DEMO_AGENCY,
			scheme: AccreditationScheme::Iso17020TypeA,
			certificate: String::from("DEMO-ISO17020-A-0001"),
			scope: id("demo accreditation scope: consumer goods inspection"),
			valid_from: FROM,
			valid_until: UNTIL,
		}],
		inspectors: vec![GenesisInspector {
			reference: id("DEMO-INSPECTOR-001"),
			agency: DEMO_AGENCY,
			qualification: String::from("DEMO-QUAL-001"),
			categories: vec![
				String::from("small-appliance"),
				String::from("glassware"),
				String::from("luxury-handbag"),
			],
			valid_from: FROM,
			valid_until: UNTIL,
		}],
		equipment: vec![
			GenesisEquipment {
				reference: id("DEMO-EQUIPMENT-001"),
				owner: DEMO_AGENCY,
				kind: EquipmentKind::Instrument,
				model: String::from("IR-5000 insulation tester"),
				serial: String::from("IR5-000123"),
				calibration_certificate: id("DEMO-CAL-CERT-001"),
				calibrated_on: FROM,
				calibration_due: CALIBRATION_DUE,
			},
			GenesisEquipment {
				reference: id("DEMO-EQUIPMENT-002"),
				owner: DEMO_AGENCY,
				kind: EquipmentKind::Camera,
				model: String::from("EVIDENCE-CAM 2"),
				serial: String::from("EC2-004567"),
				calibration_certificate: id("DEMO-CAL-CERT-002"),
				calibrated_on: FROM,
				calibration_due: CALIBRATION_DUE,
			},
		],
		protocols: vec![
			protocol("small-appliance", Sampling::UnitLevel, appliance),
			protocol(
				"glassware",
				Sampling::Aql {
					level: InspectionLevel::GeneralII,
					aql_milli_percent: 2_500,
					sample_size: 32,
					accept: 2,
					reject: 3,
				},
				glassware,
			),
			protocol("luxury-handbag", Sampling::UnitLevel, handbag),
		],
		_config: Default::default(),
	}
}

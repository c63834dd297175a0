//! Genesis registries, written as JSON in chain specs with codes and certificate numbers as
//! plain strings.

use crate::{
	Accreditation, AccreditationScheme, Code, Config, Criticality, DamageMode, Equipment,
	EquipmentKind, GenesisConfig, Inspector, MeasurementUnit, Pallet, Sampling, TestItem,
	TestProtocol,
};
use alloc::{string::String, vec::Vec};
use evidence_primitives::{record_id, OrgId, RecordKind};
use serde::{Deserialize, Serialize};
use sp_core::H256;

/// An accreditation at genesis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisAccreditation {
	/// The agency.
	pub agency: OrgId,
	/// The scheme.
	pub scheme: AccreditationScheme,
	/// Certificate number.
	pub certificate: String,
	/// Hash of the scope document.
	pub scope: H256,
	/// Valid from (unix ms).
	pub valid_from: u64,
	/// Valid until (unix ms).
	pub valid_until: u64,
}

/// An inspector at genesis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisInspector {
	/// Hash of the staff id; the inspector's id is `record_id(Inspector, agency, reference)`.
	pub reference: H256,
	/// The agency.
	pub agency: OrgId,
	/// Qualification certificate number.
	pub qualification: String,
	/// Product categories covered.
	pub categories: Vec<String>,
	/// Qualified from (unix ms).
	pub valid_from: u64,
	/// Qualified until (unix ms).
	pub valid_until: u64,
}

/// A piece of equipment at genesis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisEquipment {
	/// Hash of the asset tag; the equipment's id is `record_id(Equipment, owner, reference)`.
	pub reference: H256,
	/// The owning agency.
	pub owner: OrgId,
	/// What it is.
	pub kind: EquipmentKind,
	/// Model.
	pub model: String,
	/// Serial number.
	pub serial: String,
	/// Hash of the calibration certificate.
	pub calibration_certificate: H256,
	/// Calibrated on (unix ms).
	pub calibrated_on: u64,
	/// Calibration due (unix ms).
	pub calibration_due: u64,
}

/// A test item at genesis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisTestItem {
	/// Code.
	pub code: String,
	/// Hash of the method description.
	pub method: H256,
	/// Unit.
	pub unit: MeasurementUnit,
	/// Lowest passing value.
	pub lower: Option<i64>,
	/// Highest passing value.
	pub upper: Option<i64>,
	/// Whether required.
	pub required: bool,
	/// Criticality.
	pub criticality: Criticality,
	/// Damage mode.
	pub damage_mode: DamageMode,
}

/// A protocol at genesis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisProtocol {
	/// The publishing agency.
	pub owner: OrgId,
	/// Product category.
	pub category: String,
	/// Whether the category is a durable good (rule I8).
	#[serde(default)]
	pub durable_good: bool,
	/// Sampling plan.
	pub sampling: Sampling,
	/// Test items.
	pub items: Vec<GenesisTestItem>,
}

fn code(text: &str) -> Code {
	text.as_bytes().to_vec().try_into().expect("genesis codes fit MAX_CODE_LEN; qed")
}

impl<T: Config> GenesisConfig<T> {
	pub(crate) fn build_registries(&self) {
		for a in &self.accreditations {
			Pallet::<T>::do_register_accreditation(
				a.agency,
				Accreditation {
					scheme: a.scheme,
					certificate: a
						.certificate
						.as_bytes()
						.to_vec()
						.try_into()
						.expect("genesis certificate numbers fit MAX_CERTIFICATE_LEN; qed"),
					scope: a.scope,
					valid_from: a.valid_from,
					valid_until: a.valid_until,
					withdrawn: None,
				},
			)
			.expect("genesis accreditations are valid; qed");
		}
		for i in &self.inspectors {
			let categories: Vec<Code> = i.categories.iter().map(|c| code(c)).collect();
			Pallet::<T>::do_register_inspector(
				i.agency,
				record_id(RecordKind::Inspector, i.agency, i.reference),
				Inspector {
					agency: i.agency,
					qualification: i
						.qualification
						.as_bytes()
						.to_vec()
						.try_into()
						.expect("genesis certificate numbers fit MAX_CERTIFICATE_LEN; qed"),
					categories: categories
						.try_into()
						.expect("genesis inspectors fit MaxCategoriesPerInspector; qed"),
					valid_from: i.valid_from,
					valid_until: i.valid_until,
					revoked_at: None,
					withdrawn: None,
				},
			)
			.expect("genesis inspectors are valid; qed");
		}
		for e in &self.equipment {
			Pallet::<T>::do_register_equipment(
				record_id(RecordKind::Equipment, e.owner, e.reference),
				Equipment {
					owner: e.owner,
					kind: e.kind,
					model: code(&e.model),
					serial: code(&e.serial),
					calibration_certificate: e.calibration_certificate,
					calibrated_on: e.calibrated_on,
					calibration_due: e.calibration_due,
				},
			)
			.expect("genesis equipment is valid; qed");
		}
		for p in &self.protocols {
			let items: Vec<TestItem> = p
				.items
				.iter()
				.map(|i| TestItem {
					code: code(&i.code),
					method: i.method,
					unit: i.unit,
					lower: i.lower,
					upper: i.upper,
					required: i.required,
					criticality: i.criticality,
					damage_mode: i.damage_mode,
				})
				.collect();
			Pallet::<T>::do_publish_protocol(
				p.owner,
				None,
				TestProtocol {
					owner: p.owner,
					category: code(&p.category),
					durable_good: p.durable_good,
					sampling: p.sampling,
					items: items.try_into().expect("genesis protocols fit MaxTestItems; qed"),
				},
			)
			.expect("genesis protocols are valid; qed");
		}
	}
}

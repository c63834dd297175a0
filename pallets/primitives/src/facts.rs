//! The facts a dispute is decided on, as the liability rule engine reads them.
//!
//! The inspection and logistics pallets describe what they stored in these terms (through the
//! fact-reading traits the runtime wires), so the engine never touches their storage and the
//! pallets never depend on each other. Admissibility (`admissible`, `in_force`) is decided by
//! the pallet that holds the fact, at the time the fact was made; the engine applies rules
//! P1/P2 to it.

use crate::{FactRef, ObjectKey, OrderRef, OrgId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::H256;

macro_rules! fact_enum {
	($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
		$(#[$meta])*
		#[derive(
			Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Encode, Decode,
			DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Serialize, Deserialize,
		)]
		pub enum $name { $($(#[$vmeta])* $variant),* }
	};
}

fact_enum! {
	/// What the claimant says went wrong.
	pub enum ClaimKind {
		/// Damaged in transit.
		TransitDamage,
		/// Defective on arrival.
		DefectOnArrival,
		/// Not as described.
		NotAsDescribed,
		/// Not genuine.
		Counterfeit,
		/// Parts missing.
		MissingParts,
		/// Never received.
		NotReceived,
		/// Temperature abuse of a temperature-sensitive item.
		TemperatureAbuse,
		/// Returned without a reason, within the statutory window.
		NoReasonReturn,
		/// A defect within the warranty period.
		WarrantyDefect,
	}
}

fact_enum! {
	/// The kind of damage a test item can reveal or a claim alleges.
	pub enum DamageMode {
		/// Broken, cracked, dented, crushed.
		Mechanical,
		/// Heat, cold or freezing damage.
		Thermal,
		/// Electrical fault or safety.
		Electrical,
		/// Does not work as intended.
		Functional,
		/// Appearance: scratches, stains, colour.
		Cosmetic,
		/// Missing or wrong documents, labels, accessories.
		Documentary,
		/// Not genuine.
		Authenticity,
	}
}

fact_enum! {
	/// The stated result of one test item.
	pub enum ItemOutcome {
		/// Passed, with a raw value.
		Pass,
		/// Failed, with a raw value.
		Fail,
		/// Not tested.
		NotTested,
		/// Not applicable.
		NotApplicable,
	}
}

fact_enum! {
	/// Why an attestation was made.
	pub enum InspectionPurpose {
		/// Before shipping.
		PreShipment,
		/// At the carrier's pickup.
		AtPickup,
		/// When a return arrived.
		ReturnIntake,
		/// Re-inspection ordered in a dispute.
		DisputeReinspection,
	}
}

fact_enum! {
	/// How a delivery was received.
	pub enum Receipt {
		/// The consignee signed.
		ConsigneeSigned,
		/// A proxy the consignee consented to signed.
		ConsentedProxy,
		/// A locker the consignee consented to.
		LockerWithConsent,
		/// A locker without consent.
		LockerWithoutConsent,
		/// No signature.
		Unsigned,
	}
}

fact_enum! {
	/// What a leg's sensor data broke.
	pub enum Excursion {
		/// Too long outside the temperature range.
		Temperature,
		/// Below the freeze limit.
		Freeze,
		/// A damaging shock.
		Shock,
		/// Outside the humidity range.
		Humidity,
	}
}

/// What a leg's sensor data shows.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum LegState {
	/// No admissible sensor data.
	NoData,
	/// Clean and within the envelope.
	Clean,
	/// A gap or power-off longer than the profile allows.
	Gap,
	/// The envelope was broken.
	Excursion {
		/// What was broken.
		kind: Excursion,
		/// When it first happened (unix ms).
		at: u64,
	},
}

/// One test item of an attestation, with the protocol's view of it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct ItemFact {
	/// The item code.
	pub code: Vec<u8>,
	/// The damage a failure reveals.
	pub damage_mode: DamageMode,
	/// Whether the protocol requires it.
	pub required: bool,
	/// The stated outcome (absent items are not listed).
	pub outcome: ItemOutcome,
}

/// An attestation about the disputed unit (or its lot).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct AttestationFact {
	/// The fact it is.
	pub fact: FactRef,
	/// The issuing agency.
	pub agency: OrgId,
	/// Why it was made.
	pub purpose: InspectionPurpose,
	/// Unit level (true) or a lot sampled by AQL (false).
	pub unit_level: bool,
	/// Whether its overall verdict is conformant (or the lot accepted).
	pub conformant: bool,
	/// Whether the agency, inspector and equipment were authorised when it was made (P1).
	pub admissible: bool,
	/// Whether it is still in force: not revoked, not superseded (P2).
	pub in_force: bool,
	/// Every item of the protocol, with its outcome; items without a result are `NotTested`.
	pub items: Vec<ItemFact>,
}

/// One custody leg of the shipment.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct LegFact {
	/// The fact it is (the checkpoint that opened it).
	pub fact: FactRef,
	/// The custodian.
	pub custodian: OrgId,
	/// When custody began and ended (unix ms).
	pub opened_at: u64,
	/// When custody ended (unix ms); none while open.
	pub closed_at: Option<u64>,
	/// What its admissible sensor data shows.
	pub state: LegState,
	/// Whether some of its sensor data was excluded (device uncalibrated, bad signature; P1).
	pub data_excluded: bool,
	/// Whether two devices on the leg disagree (one clean, one not).
	pub conflicting_devices: bool,
}

/// The delivery, when one was recorded.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct DeliveryFact {
	/// The delivery checkpoint.
	pub fact: FactRef,
	/// When (unix ms).
	pub at: u64,
	/// How it was received.
	pub receipt: Receipt,
	/// Whether a reservation was noted at delivery and co-signed by the courier.
	pub reservation: bool,
	/// The carrier that delivered.
	pub carrier: OrgId,
}

/// The shipment that carried the unit.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct ShipmentFact {
	/// The shipment's creation.
	pub fact: FactRef,
	/// Custody legs in order.
	pub legs: Vec<LegFact>,
	/// The delivery, if recorded.
	pub delivery: Option<DeliveryFact>,
	/// Whether the first carrier noted a reservation at pickup, co-signed by the shipper.
	pub pickup_reservation: bool,
	/// Whether the profile watches temperature (a temperature-sensitive item).
	pub temperature_sensitive: bool,
	/// The profile's handover tolerance (ms).
	pub handover_tolerance_ms: u64,
	/// Whether the packaging is certified for the SKU.
	pub packaging_certified: bool,
	/// Declared value in minor units (the carriers' liability cap).
	pub declared_value: u128,
	/// Fraud signals: serial mismatch, weight differs between pickup and delivery, unit not
	/// in the parcel.
	pub fraud_signal: bool,
	/// Force majeure or customs opened the parcel.
	pub force_majeure: bool,
}

/// A claim and every fact about its unit, as the engine reads them.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct DisputeFacts {
	/// The claim.
	pub claim: ClaimKind,
	/// The unit.
	pub unit: ObjectKey,
	/// The merchant that sold it.
	pub merchant: OrgId,
	/// Test item codes the claimant alleges failing.
	pub alleged_items: Vec<Vec<u8>>,
	/// The damage the claim alleges.
	pub damage_mode: DamageMode,
	/// When the claimant discovered the problem (unix ms).
	pub discovered_at: u64,
	/// When the dispute was opened (unix ms, chain time).
	pub reported_at: u64,
	/// Amount claimed, minor units.
	pub amount: u128,
	/// Whether the claimant submitted media captured at delivery.
	pub delivery_media: bool,
	/// Whether the merchant cited admissible evidence of misuse.
	pub misuse_evidence: bool,
	/// Whether the item is a durable good (warranty presumption).
	pub durable_good: bool,
	/// Whether the claimant contests a refused return with media.
	pub contested_with_media: bool,
	/// Whether an agency contests a finding against it.
	pub agency_contests: bool,
	/// The shipment, if the unit travelled in one.
	pub shipment: Option<ShipmentFact>,
	/// Attestations of the unit or its lot, oldest first.
	pub attestations: Vec<AttestationFact>,
}

/// What the inspection pallet knows about a unit or lot, for the liability pallet.
pub trait InspectionFacts {
	/// The attestations indexed under `key` (a unit or a lot), oldest first.
	fn attestations_of(key: &ObjectKey) -> Vec<AttestationFact>;
}

/// Who shipped a shipment, for which order, carrying what.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct ShipmentParties {
	/// The order line.
	pub order: OrderRef,
	/// The merchant or platform that shipped it.
	pub shipper: OrgId,
	/// The units it carries.
	pub units: Vec<ObjectKey>,
	/// Every organisation that held custody, in order.
	pub custodians: Vec<OrgId>,
}

/// What the logistics pallet knows about a shipment, for the liability pallet.
pub trait LogisticsFacts {
	/// The shipment's parties, if it exists.
	fn parties_of(shipment: &H256) -> Option<ShipmentParties>;

	/// The shipment's custody legs, delivery and profile, as the rules read them.
	fn shipment_facts(shipment: &H256) -> Option<ShipmentFact>;
}

/// Told by the logistics pallet when a delivery is recorded, so the liability pallet can
/// confirm a clean signed delivery once its objection window passes (rule D1).
pub trait DeliveryObserver {
	/// `shipment` of `order` was delivered as `delivery` describes.
	fn on_delivered(shipment: H256, order: OrderRef, delivery: &DeliveryFact);
}

impl DeliveryObserver for () {
	fn on_delivered(_: H256, _: OrderRef, _: &DeliveryFact) {}
}

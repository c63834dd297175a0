//! The facts a dispute is decided on, as the liability rule engine reads them.
//!
//! The inspection and logistics pallets describe what they stored in these terms (through the
//! fact-reading traits the runtime wires), so the engine never touches their storage and the
//! pallets never depend on each other. Admissibility (`admissible`, `in_force`) is decided by
//! the pallet that holds the fact, at the time the fact was made; the engine applies rules
//! P1/P2 to it.

use crate::{FactRef, Money, ObjectKey, OrderRef, OrgId};
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
		#[codec(index = 0)]
		TransitDamage,
		/// Defective on arrival.
		#[codec(index = 1)]
		DefectOnArrival,
		/// Not as described.
		#[codec(index = 2)]
		NotAsDescribed,
		/// Not genuine.
		#[codec(index = 3)]
		Counterfeit,
		/// Parts missing.
		#[codec(index = 4)]
		MissingParts,
		/// Never received.
		#[codec(index = 5)]
		NotReceived,
		/// Temperature abuse of a temperature-sensitive item.
		#[codec(index = 6)]
		TemperatureAbuse,
		/// Returned without a reason, within the statutory window.
		#[codec(index = 7)]
		NoReasonReturn,
		/// A defect within the warranty period.
		#[codec(index = 8)]
		WarrantyDefect,
	}
}

fact_enum! {
	/// The kind of damage a test item can reveal or a claim alleges.
	pub enum DamageMode {
		/// Broken, cracked, dented, crushed.
		#[codec(index = 0)]
		Mechanical,
		/// Heat, cold or freezing damage.
		#[codec(index = 1)]
		Thermal,
		/// Electrical fault or safety.
		#[codec(index = 2)]
		Electrical,
		/// Does not work as intended.
		#[codec(index = 3)]
		Functional,
		/// Appearance: scratches, stains, colour.
		#[codec(index = 4)]
		Cosmetic,
		/// Missing or wrong documents, labels, accessories.
		#[codec(index = 5)]
		Documentary,
		/// Not genuine.
		#[codec(index = 6)]
		Authenticity,
	}
}

fact_enum! {
	/// The stated result of one test item.
	pub enum ItemOutcome {
		/// Passed, with a raw value.
		#[codec(index = 0)]
		Pass,
		/// Failed, with a raw value.
		#[codec(index = 1)]
		Fail,
		/// Not tested.
		#[codec(index = 2)]
		NotTested,
		/// Not applicable.
		#[codec(index = 3)]
		NotApplicable,
	}
}

fact_enum! {
	/// Why an attestation was made.
	pub enum InspectionPurpose {
		/// Before shipping.
		#[codec(index = 0)]
		PreShipment,
		/// At the carrier's pickup.
		#[codec(index = 1)]
		AtPickup,
		/// When a return arrived.
		#[codec(index = 2)]
		ReturnIntake,
		/// Re-inspection ordered in a dispute.
		#[codec(index = 3)]
		DisputeReinspection,
	}
}

fact_enum! {
	/// How a delivery was received.
	pub enum Receipt {
		/// The consignee signed.
		#[codec(index = 0)]
		ConsigneeSigned,
		/// A proxy the consignee consented to signed.
		#[codec(index = 1)]
		ConsentedProxy,
		/// A locker the consignee consented to.
		#[codec(index = 2)]
		LockerWithConsent,
		/// A locker without consent.
		#[codec(index = 3)]
		LockerWithoutConsent,
		/// No signature.
		#[codec(index = 4)]
		Unsigned,
	}
}

fact_enum! {
	/// What a leg's sensor data broke.
	pub enum Excursion {
		/// Too long outside the temperature range.
		#[codec(index = 0)]
		Temperature,
		/// Below the freeze limit.
		#[codec(index = 1)]
		Freeze,
		/// A damaging shock.
		#[codec(index = 2)]
		Shock,
		/// Outside the humidity range.
		#[codec(index = 3)]
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
	#[codec(index = 0)]
	NoData,
	/// Clean and within the envelope.
	#[codec(index = 1)]
	Clean,
	/// A gap or power-off longer than the profile allows.
	#[codec(index = 2)]
	Gap,
	/// The envelope was broken.
	#[codec(index = 3)]
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
	/// The order line it names, if any (what links a lot's attestation to a claim).
	pub order: Option<OrderRef>,
	/// When the inspection ended (unix ms), as the agency attested it.
	pub inspected_at: u64,
	/// The block that notarized it: "before the first pickup" is judged on it too, as no
	/// agency can date it back.
	pub recorded_block: u64,
	/// Whether the agency found the packaging certified for the product (T5, T6).
	pub packaging_certified: bool,
	/// Whether its protocol's product category is a durable good (I8).
	pub durable_good: bool,
	/// Unit level (true) or a lot sampled by AQL (false).
	pub unit_level: bool,
	/// Whether its overall verdict is conformant (or the lot accepted).
	pub conformant: bool,
	/// Whether the agency, inspector and equipment were authorised when it was made (P1).
	pub admissible: bool,
	/// Whether it was in force when the dispute opened: not revoked, not superseded by then
	/// (P2). A withdrawal after the opening does not take it out of that dispute.
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
	/// The block of the checkpoint that opened it (the pickup or the accepted handover).
	pub opened_in_block: u64,
	/// What its admissible sensor data shows.
	pub state: LegState,
	/// Every kind of excursion its data showed, each with when it began.
	pub excursions: Vec<(Excursion, u64)>,
	/// Whether some of its sensor data was excluded: a digest of a device governance withdrew
	/// over its window before the dispute opened (P1). `state` and `excursions` then show the
	/// admissible data only.
	pub data_excluded: bool,
	/// Whether two devices on the leg disagree (one clean, one not).
	pub conflicting_devices: bool,
	/// Whether the next carrier noted damage when it took the parcel over from this leg's
	/// custodian, and that custodian acknowledged it: the damage happened by the end of this
	/// leg.
	pub damage_noted_at_close: bool,
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
	/// Whether photos or video were recorded with the delivery checkpoint: what can rebut a
	/// signed receipt (D2).
	pub media: bool,
	/// Whether the shipper recorded it itself: its own record does not bind its consumer as
	/// a carrier's receipt does (no D1, D2 or D3 on it).
	pub by_shipper: bool,
}

/// The shipment that carried the unit.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct ShipmentFact {
	/// The shipment's creation.
	pub fact: FactRef,
	/// The outbound custody legs in order, each opened by its carrier's own pickup or accepted
	/// handover; a leg nobody picked up and the return legs after delivery are not among them.
	pub legs: Vec<LegFact>,
	/// The delivery, if recorded.
	pub delivery: Option<DeliveryFact>,
	/// Whether the first carrier noted a reservation at pickup and the shipper acknowledged
	/// it (T4).
	pub pickup_reservation: bool,
	/// Whether the profile watches temperature (a temperature-sensitive item).
	pub temperature_sensitive: bool,
	/// The profile's handover tolerance (ms).
	pub handover_tolerance_ms: u64,
	/// Whether the profile watches a dimension, so the custodian must log it: a leg without
	/// data is then withheld data, held against its custodian (T9).
	pub logger_required: bool,
	/// Declared value (the carriers' liability cap).
	pub declared_value: Money,
	/// Fraud signals: serial mismatch, weight differs between pickup and delivery, unit not
	/// in the parcel.
	pub fraud_signal: bool,
	/// Force majeure or customs opened the parcel: a `ForceMajeure` or `CustomsOpened`
	/// checkpoint its custodian recorded and the shipper acknowledged (a custodian's word
	/// alone never excuses it).
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
	/// Amount claimed.
	pub amount: Money,
	/// The shipment, if the unit travelled in one.
	pub shipment: Option<ShipmentFact>,
	/// Attestations of the unit or its lot, oldest first.
	pub attestations: Vec<AttestationFact>,
}

/// What the inspection pallet knows about a unit or lot, for the liability pallet.
pub trait InspectionFacts {
	/// The attestations indexed under `key` (a unit or a lot), oldest first, as they stood for
	/// a dispute opened in block `opened_block`: one revoked or superseded after that block is
	/// still in force for it.
	fn attestations_of(key: &ObjectKey, opened_block: u64) -> Vec<AttestationFact>;

	/// Whether `agency` holds an accreditation in force now, none of it withdrawn: one the
	/// liability pallet may assign a re-inspection to.
	fn accredited_now(agency: OrgId) -> bool;
}

/// Who shipped a shipment, for which order, carrying what.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct ShipmentParties {
	/// The order line.
	pub order: OrderRef,
	/// The merchant or platform that shipped it.
	pub shipper: OrgId,
	/// The platform where the order was placed (the shipper itself when it sells its own
	/// goods).
	pub platform: OrgId,
	/// The units it carries.
	pub units: Vec<ObjectKey>,
	/// Every carrier that took custody on the outbound journey (by its own pickup or an
	/// accepted handover), in order.
	pub custodians: Vec<OrgId>,
	/// When it was delivered (unix ms), if it was.
	pub delivered_at: Option<u64>,
}

/// What the logistics pallet knows about a shipment, for the liability pallet.
pub trait LogisticsFacts {
	/// The shipment's parties, if it exists.
	fn parties_of(shipment: &H256) -> Option<ShipmentParties>;

	/// The shipment's custody legs, delivery and profile, as the rules read them for a dispute
	/// opened in block `opened_block` (withdrawals recorded later exclude nothing from it).
	fn shipment_facts(shipment: &H256, opened_block: u64) -> Option<ShipmentFact>;
}

/// Told by the logistics pallet when a delivery is recorded, so the liability pallet can
/// confirm a clean signed delivery once its objection window passes (rule D1).
pub trait DeliveryObserver {
	/// `shipment` of `order` was delivered as `delivery` describes.
	fn on_delivered(shipment: H256, order: OrderRef, delivery: &DeliveryFact);

	/// The most [`Self::on_delivered`] can cost: the logistics pallet charges it on every
	/// delivery checkpoint.
	fn on_delivered_weight() -> frame_support::weights::Weight;
}

impl DeliveryObserver for () {
	fn on_delivered(_: H256, _: OrderRef, _: &DeliveryFact) {}

	fn on_delivered_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// Told by the inspection pallet when an agency attests a dispute re-inspection of a unit, so
/// the liability pallet can re-evaluate the dispute that asked for it.
pub trait ReinspectionObserver {
	/// `agency` attested a dispute re-inspection of `unit`.
	fn on_reinspected(unit: &ObjectKey, agency: OrgId);
}

impl ReinspectionObserver for () {
	fn on_reinspected(_: &ObjectKey, _: OrgId) {}
}

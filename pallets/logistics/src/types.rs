//! Records the logistics pallet stores. Units: centi-°C, per-mille relative humidity, milli-g,
//! milliseconds, grams; times are unix milliseconds as the submitter claims them.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use evidence_primitives::{ContentDigest, EvidenceKind, ObjectKey, OrderRef, OrgId};
use frame_support::{
	traits::ConstU32, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::{ed25519, H256};

pub use evidence_primitives::{
	facts::{Excursion, LegState, Receipt},
	Code, Money, MAX_CODE_LEN,
};

/// A condition profile, numbered from 0 in publication order; versions count from 1.
pub type ProfileId = u32;
/// Version of a condition profile.
pub type ProfileVersion = u16;
/// A sensor device: `record_id(Device, carrier, reference)`, the reference being the hash of
/// its serial number (`evidence_primitives::record_id`).
pub type DeviceId = H256;
/// A shipment: `record_id(Shipment, shipper, reference)`, the reference being the hash of its
/// SSCC or waybill number.
pub type ShipmentId = H256;
/// Position of a custody leg in its shipment, from 0.
pub type LegIndex = u32;
/// Position of a checkpoint in its shipment, from 0.
pub type CheckpointIndex = u32;

/// An inclusive temperature range in centi-°C.
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
#[serde(rename_all = "camelCase")]
pub struct TemperatureRange {
	/// Lowest allowed, centi-°C.
	pub min_centi_celsius: i32,
	/// Highest allowed, centi-°C.
	pub max_centi_celsius: i32,
}

/// The shock a package must not see: a peak at or above `peak_milli_g` lasting at least
/// `min_pulse_ms`.
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
#[serde(rename_all = "camelCase")]
pub struct ShockLimit {
	/// Damaging peak acceleration, milli-g.
	pub peak_milli_g: u32,
	/// Shortest pulse that counts, ms.
	pub min_pulse_ms: u32,
}

/// An inclusive relative-humidity range in per mille.
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
#[serde(rename_all = "camelCase")]
pub struct HumidityRange {
	/// Lowest allowed, ‰ RH.
	pub min_per_mille: u16,
	/// Highest allowed, ‰ RH.
	pub max_per_mille: u16,
}

/// The handling envelope of a product class (EPCIS `bizRules`). Immutable once published.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ConditionProfile {
	/// Name (`chilled-2-8`).
	pub name: Code,
	/// Allowed temperature range, if temperature matters.
	pub temperature: Option<TemperatureRange>,
	/// Any time below this (centi-°C) is freeze damage, if freezing matters.
	pub freeze_limit_centi_celsius: Option<i32>,
	/// Total time allowed outside the temperature range, ms.
	pub max_time_outside_ms: u64,
	/// Longest single excursion allowed, ms.
	pub max_single_excursion_ms: u64,
	/// Damaging shock, if shock matters.
	pub shock: Option<ShockLimit>,
	/// Allowed humidity range, if humidity matters.
	pub humidity: Option<HumidityRange>,
	/// Longest allowed gap in the sensor data, ms.
	pub max_data_gap_ms: u64,
	/// How far the accepted time of a handover may lie from the proposed time, ms.
	pub handover_tolerance_ms: u64,
}

/// Who published a profile.
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
)]
pub enum ProfileOwner {
	/// The consortium, through governance.
	#[codec(index = 0)]
	Consortium,
	/// A platform organisation.
	#[codec(index = 1)]
	Organisation(OrgId),
}

/// A published profile version.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PublishedProfile {
	/// Who published it; only they publish its next version.
	pub owner: ProfileOwner,
	/// The envelope.
	pub profile: ConditionProfile,
}

/// What a sensor device measures.
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
pub enum DeviceKind {
	/// Temperature only.
	#[codec(index = 0)]
	TemperatureLogger,
	/// Shock only.
	#[codec(index = 1)]
	ShockLogger,
	/// Several sensors.
	#[codec(index = 2)]
	MultiSensor,
}

/// A carrier's sensor device. Its ed25519 key signs the sensor digests it produces.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Device {
	/// The carrier that owns it.
	pub owner: OrgId,
	/// What it measures.
	pub kind: DeviceKind,
	/// Model.
	pub model: Code,
	/// Serial number.
	pub serial: Code,
	/// The key its digests are signed with.
	pub key: ed25519::Public,
	/// Hash of the current calibration certificate.
	pub calibration_certificate: H256,
	/// Calibrated on (unix ms).
	pub calibrated_on: u64,
	/// Calibration due (unix ms): no digest window may end after it.
	pub calibration_due: u64,
	/// Set when governance found its readings void from a time on (a recalled calibration, a
	/// tampered logger): it signs no more digests, and its digests whose window ends from then
	/// on are inadmissible (rule P1).
	pub withdrawn: Option<evidence_primitives::Withdrawal>,
}

impl Device {
	/// Its current calibration.
	pub fn calibration(&self) -> evidence_primitives::Calibration {
		evidence_primitives::Calibration {
			certificate: self.calibration_certificate,
			calibrated_on: self.calibrated_on,
			due: self.calibration_due,
		}
	}
}

/// Where a shipment is in its journey.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum ShipmentPhase {
	/// Created; the first carrier has not picked it up.
	#[codec(index = 0)]
	AwaitingPickup,
	/// Picked up, moving between hubs.
	#[codec(index = 1)]
	InTransit,
	/// Out for delivery.
	#[codec(index = 2)]
	OutForDelivery,
	/// A delivery attempt failed; the custodian still holds it.
	#[codec(index = 3)]
	DeliveryFailed,
	/// Delivered to the consignee: no carrier holds it.
	#[codec(index = 4)]
	Delivered,
	/// Coming back to the shipper.
	#[codec(index = 5)]
	Returning,
	/// Back with the shipper.
	#[codec(index = 6)]
	Returned,
}

/// A custody handover the current custodian proposed and the receiver has not yet accepted.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PendingHandover {
	/// The receiving carrier.
	pub to: OrgId,
	/// Proposed handover time (unix ms).
	pub event_time: u64,
	/// Where (hash of the GLN or UN/LOCODE).
	pub location: H256,
}

/// A shipment.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Shipment<T: Config> {
	/// The order line.
	pub order: OrderRef,
	/// Units carried.
	pub units: BoundedVec<ObjectKey, T::MaxUnitsPerShipment>,
	/// The merchant or platform organisation that shipped it.
	pub shipper: OrgId,
	/// The platform where the order was placed: it registered the order line with the
	/// shipper before the shipment was created (or it is the shipper, selling its own goods).
	pub platform: OrgId,
	/// The condition profile, frozen at creation (versions never change).
	pub profile: ProfileId,
	/// Its version.
	pub profile_version: ProfileVersion,
	/// Declared value.
	pub declared_value: Money,
	/// Where it is.
	pub phase: ShipmentPhase,
	/// The current (or last) custody leg.
	pub current_leg: LegIndex,
	/// The leg the delivery closed, once delivered: legs after it carry a return.
	pub delivered_leg: Option<LegIndex>,
	/// Checkpoints recorded so far.
	pub checkpoint_count: CheckpointIndex,
	/// Event time of the last checkpoint (unix ms).
	pub last_event_time: u64,
	/// Whether the last hub scan was an inbound one.
	pub at_hub: bool,
	/// A proposed handover awaiting acceptance.
	pub pending_handover: Option<PendingHandover>,
}

/// A custody leg: the interval one organisation is liable for.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Leg {
	/// The custodian.
	pub custodian: OrgId,
	/// When custody began (unix ms); none until the first carrier picks the shipment up.
	pub opened_at: Option<u64>,
	/// When custody ended (unix ms); none while the leg is open.
	pub closed_at: Option<u64>,
	/// The condition its sensor digests show.
	pub condition: LegState,
	/// Every kind of excursion its digests showed, each with the earliest time seen: a later
	/// shock is kept even when a harmless excursion came first.
	pub excursions: BoundedVec<(Excursion, u64), ConstU32<4>>,
	/// Sensor digests submitted for it.
	pub digest_count: u32,
}

/// The kind of a checkpoint (EPCIS ObjectEvent with a CBV bizStep).
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
)]
pub enum CheckpointKind {
	/// The first carrier takes the shipment from the shipper (`picking`/`departing`).
	#[codec(index = 0)]
	Pickup,
	/// Arrival at a hub (`arriving`).
	#[codec(index = 1)]
	HubIn,
	/// Departure from a hub (`departing`).
	#[codec(index = 2)]
	HubOut,
	/// Custody passes between carriers (recorded by `accept_handover`, `receiving`).
	#[codec(index = 3)]
	Handover,
	/// Out for delivery (`departing` to the consignee).
	#[codec(index = 4)]
	OutForDelivery,
	/// Delivered (`accepting` by the consignee).
	#[codec(index = 5)]
	Delivered,
	/// A delivery attempt failed.
	#[codec(index = 6)]
	DeliveryFailed,
	/// A return is picked up.
	#[codec(index = 7)]
	ReturnPickup,
	/// The return arrives back with the shipper (`receiving`).
	#[codec(index = 8)]
	ReturnIntake,
	/// Customs opened the parcel for inspection (`inspecting`), as its custodian records it;
	/// it counts for the rules once the shipper acknowledges it.
	#[codec(index = 9)]
	CustomsOpened,
	/// Force majeure hit the parcel (fire, flood, accident of a third party), as its custodian
	/// records it; it counts for the rules once the shipper acknowledges it.
	#[codec(index = 10)]
	ForceMajeure,
}

/// The package as found.
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
)]
pub struct PackageState {
	/// Whether every seal was intact.
	pub seal_intact: bool,
	/// Gross weight, grams.
	pub gross_weight_grams: u32,
}

/// A reservation the receiving side notes.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Reservation {
	/// Visible damage.
	#[codec(index = 0)]
	ApparentDamage,
	/// A seal is broken.
	#[codec(index = 1)]
	SealBroken,
	/// Wet.
	#[codec(index = 2)]
	Wet,
	/// Crushed.
	#[codec(index = 3)]
	Crushed,
	/// The weight differs from the declared one.
	#[codec(index = 4)]
	WeightMismatch,
	/// Missing (parcel or content).
	#[codec(index = 5)]
	Missing,
}

/// A media digest carried by a checkpoint, registered with the notary.
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
)]
pub struct CheckpointMedia {
	/// Content digest.
	pub digest: ContentDigest,
	/// What it is.
	pub kind: EvidenceKind,
	/// Capture time (unix ms).
	pub captured_at: u64,
}

/// What the recording party observed at a checkpoint.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(encode_bound())]
#[codec(decode_bound())]
#[codec(decode_with_mem_tracking_bound())]
#[codec(mel_bound())]
pub struct Observation<T: Config> {
	/// Event time (unix ms).
	pub event_time: u64,
	/// Where (hash of the GLN or UN/LOCODE).
	pub location: H256,
	/// The package as found, if checked.
	pub package: Option<PackageState>,
	/// Reservations noted.
	pub reservations: BoundedVec<Reservation, ConstU32<6>>,
	/// Digest of the written note on the reservations, if any.
	pub note: Option<ContentDigest>,
	/// Photos and videos.
	pub media: BoundedVec<CheckpointMedia, T::MaxMediaPerCheckpoint>,
}

/// A recorded checkpoint.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Checkpoint<T: Config> {
	/// What happened.
	pub kind: CheckpointKind,
	/// The leg it belongs to (for a handover: the leg it opens).
	pub leg: LegIndex,
	/// Custody before (the custodian recording it, or the giver of a handover).
	pub from: Option<OrgId>,
	/// Custody after (none once delivered to the consignee).
	pub to: Option<OrgId>,
	/// What was observed.
	pub observation: Observation<T>,
	/// At delivery: how it was received.
	pub receipt: Option<Receipt>,
	/// The organisation that recorded it.
	pub recorded_by_org: OrgId,
	/// The account that signed it.
	pub recorded_by: T::AccountId,
	/// Block that notarized it.
	pub block: frame_system::pallet_prelude::BlockNumberFor<T>,
	/// Whether the side its reservations hold against acknowledged them
	/// (`acknowledge_checkpoint`): the shipper for a pickup, the carrier handing over for a
	/// handover. Only an acknowledged reservation shifts liability to that side.
	pub acknowledged: bool,
}

/// Temperature part of a sensor summary.
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
#[serde(rename_all = "camelCase")]
pub struct TemperatureSummary {
	/// Lowest reading, centi-°C.
	pub min_centi_celsius: i32,
	/// Highest reading, centi-°C.
	pub max_centi_celsius: i32,
	/// Mean, centi-°C.
	pub mean_centi_celsius: i32,
	/// Time above the profile range, ms.
	pub time_above_ms: u64,
	/// Time below the profile range, ms.
	pub time_below_ms: u64,
	/// Number of excursions out of the range.
	pub excursions: u32,
	/// Longest single excursion, ms.
	pub longest_excursion_ms: u64,
	/// Start of the first excursion (unix ms), if any.
	pub first_excursion_at: Option<u64>,
	/// Time below the profile's freeze limit, ms.
	pub time_below_freeze_ms: u64,
	/// First reading below the freeze limit (unix ms), if any.
	pub first_freeze_at: Option<u64>,
}

/// Humidity part of a sensor summary.
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
#[serde(rename_all = "camelCase")]
pub struct HumiditySummary {
	/// Lowest, ‰ RH.
	pub min_per_mille: u16,
	/// Highest, ‰ RH.
	pub max_per_mille: u16,
	/// First reading outside the profile range (unix ms), if any.
	pub first_out_of_range_at: Option<u64>,
}

/// Shock part of a sensor summary.
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
#[serde(rename_all = "camelCase")]
pub struct ShockSummary {
	/// Shock events over the profile threshold.
	pub events_over_threshold: u32,
	/// Highest peak, milli-g.
	pub peak_milli_g: u32,
	/// Pulse duration of that peak, ms.
	pub peak_pulse_ms: u32,
	/// When it happened (unix ms).
	pub peak_at: u64,
}

/// What one device recorded over one window of a leg: the summary it signs.
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
#[serde(rename_all = "camelCase")]
pub struct SensorSummary {
	/// Window start (unix ms).
	pub window_start: u64,
	/// Window end (unix ms).
	pub window_end: u64,
	/// Sampling interval, ms.
	pub sample_interval_ms: u32,
	/// Number of readings (leaves of `readings_root`).
	pub sample_count: u32,
	/// Total time without data, ms.
	pub gap_total_ms: u64,
	/// Longest time without data, ms.
	pub gap_longest_ms: u64,
	/// Time the device was off, ms.
	pub power_off_ms: u64,
	/// Temperature, if measured.
	pub temperature: Option<TemperatureSummary>,
	/// Humidity, if measured.
	pub humidity: Option<HumiditySummary>,
	/// Shock, if measured.
	pub shock: Option<ShockSummary>,
	/// Tilt events.
	pub tilt_events: u32,
	/// Device alarm flags (device-specific bits).
	pub alarm_flags: u32,
	/// Device error flags (device-specific bits).
	pub error_flags: u32,
	/// Merkle root of the raw readings (leaf format in the pallet README).
	pub readings_root: H256,
}

/// A stored sensor digest.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct SensorDigestRecord<BlockNumber> {
	/// What the device signed.
	pub summary: SensorSummary,
	/// The condition this digest alone shows.
	pub condition: LegState,
	/// Block that notarized it.
	pub block: BlockNumber,
}

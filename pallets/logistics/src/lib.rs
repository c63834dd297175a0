//! # Logistics pallet
//!
//! Answers "whose custody was the parcel in when it broke, and what did the sensors see?".
//!
//! - Condition profiles: the handling envelope of a product class, versioned and immutable.
//! - Devices: carriers' sensor loggers, with the ed25519 key that signs their digests and
//!   their calibration.
//! - Shipments with custody legs: checkpoints (GS1 EPCIS ObjectEvents) recorded by the current
//!   custodian in a valid order; custody passes only when the receiving carrier accepts a
//!   proposed handover, closing one leg and opening the next.
//! - Sensor digests: a signed summary per device and leg window, checked on chain and
//!   evaluated against the shipment's frozen profile (see [`conditions`]); the leg records
//!   `Clean`, `Excursion { kind, at }`, `Gap` or `NoData`.

#![cfg_attr(not(feature = "std"), no_std)]
// `register_device` takes a device's registration fields one by one, so Apps shows each.
#![allow(clippy::too_many_arguments)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod conditions;
mod features;
mod genesis;
mod impl_facts;
pub mod presets;
mod reads;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod try_state;
pub mod types;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use genesis::*;
pub use impl_facts::{leg_fact_id, WEIGHT_TOLERANCE_PER_MILLE};
pub use types::*;
pub use weights::WeightInfo;

/// Domain prefix of the message a device signs: `SENSOR_DIGEST_CONTEXT ++ SCALE(shipment,
/// leg, device, summary)`.
pub const SENSOR_DIGEST_CONTEXT: &[u8] = b"evidence-chain/sensor-digest/v1";

/// The bytes a device signs for a sensor digest.
pub fn sensor_digest_message(
	shipment: &ShipmentId,
	leg: LegIndex,
	device: &DeviceId,
	summary: &SensorSummary,
) -> alloc::vec::Vec<u8> {
	use codec::Encode;
	let mut message = SENSOR_DIGEST_CONTEXT.to_vec();
	(shipment, leg, device, summary).encode_to(&mut message);
	message
}

/// The id under which a checkpoint's media cite it in the notary: BLAKE2b-256 of
/// `SCALE(shipment, index)`.
pub fn checkpoint_fact_id(shipment: &ShipmentId, index: CheckpointIndex) -> sp_core::H256 {
	use codec::Encode;
	sp_core::H256(sp_io::hashing::blake2_256(&(shipment, index).encode()))
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An operator of an active carrier organisation.
	fn carrier_operator() -> AccountId;
	/// An operator of another active carrier organisation.
	fn second_carrier_operator() -> AccountId;
	/// An operator of an active platform organisation (that may ship its own goods).
	fn shipper_operator() -> AccountId;
	/// An active merchant organisation, for the platform to register order lines with.
	fn merchant() -> evidence_primitives::OrgId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use evidence_primitives::{
		record_id, EvidenceRegistry, MembershipCheck, ObjectKey, OrderRef, OrgId, RecordKind,
	};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_core::{ed25519, H256};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the logistics pallet.
	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ pallet_timestamp::Config<Moment = u64>
	{
		/// Who acts for which organisation, in which role (the consortium pallet).
		type Membership: MembershipCheck<Self::AccountId>;

		/// Where media digests are registered (the notary pallet).
		type Evidence: EvidenceRegistry<Self::AccountId>;

		/// Publishes consortium-wide condition profiles and withdraws devices (2/3 of the
		/// council, or root).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most units one shipment carries.
		#[pallet::constant]
		type MaxUnitsPerShipment: Get<u32>;

		/// Most media digests one checkpoint carries.
		#[pallet::constant]
		type MaxMediaPerCheckpoint: Get<u32>;

		/// Most checkpoints one shipment records.
		#[pallet::constant]
		type MaxCheckpointsPerShipment: Get<u32>;

		/// Most custody legs one shipment has.
		#[pallet::constant]
		type MaxLegsPerShipment: Get<u32>;

		/// Most sensor digests one leg records.
		#[pallet::constant]
		type MaxDigestsPerLeg: Get<u32>;

		/// Most shipments indexed under one order line.
		#[pallet::constant]
		type MaxShipmentsPerOrder: Get<u32>;

		/// Most shipments that carry one unit (out, back, out again).
		#[pallet::constant]
		type MaxShipmentsPerUnit: Get<u32>;

		/// How far (ms) an event time may lie ahead of the chain time, for clock drift.
		#[pallet::constant]
		type MaxClockDrift: Get<u64>;

		/// Told of every delivery (the liability pallet, which confirms clean signed
		/// deliveries by itself once their objection window passes).
		type OnDelivered: evidence_primitives::facts::DeliveryObserver;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Provides carrier and shipper accounts to benchmark with.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Published condition profile versions.
	#[pallet::storage]
	pub type Profiles<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ProfileId,
		Twox64Concat,
		ProfileVersion,
		PublishedProfile,
	>;

	/// The latest version of each profile.
	#[pallet::storage]
	pub type LatestProfileVersion<T: Config> =
		StorageMap<_, Twox64Concat, ProfileId, ProfileVersion>;

	/// The id the next new profile gets.
	#[pallet::storage]
	pub type NextProfileId<T> = StorageValue<_, ProfileId, ValueQuery>;

	/// Sensor devices by id.
	#[pallet::storage]
	pub type Devices<T: Config> = StorageMap<_, Blake2_128Concat, DeviceId, Device>;

	/// The calibrations a device's recalibrations superseded, oldest first: a digest is judged
	/// on the calibration valid over its window.
	#[pallet::storage]
	pub type PastDeviceCalibrations<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		DeviceId,
		BoundedVec<
			evidence_primitives::Calibration,
			ConstU32<{ evidence_primitives::MAX_PAST_CALIBRATIONS }>,
		>,
		ValueQuery,
	>;

	/// Shipments by id.
	#[pallet::storage]
	pub type Shipments<T: Config> = StorageMap<_, Blake2_128Concat, ShipmentId, Shipment<T>>;

	/// Custody legs of each shipment.
	#[pallet::storage]
	pub type Legs<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, ShipmentId, Twox64Concat, LegIndex, Leg>;

	/// Checkpoints of each shipment, in order.
	#[pallet::storage]
	pub type Checkpoints<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ShipmentId,
		Twox64Concat,
		CheckpointIndex,
		Checkpoint<T>,
	>;

	/// Sensor digests per (shipment, leg) and device.
	#[pallet::storage]
	pub type SensorDigests<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		(ShipmentId, LegIndex),
		Blake2_128Concat,
		DeviceId,
		SensorDigestRecord<BlockNumberFor<T>>,
	>;

	/// Order lines a platform registered, with the merchant that sells them: what gives the
	/// platform standing in disputes about the order. Keyed by platform first, so no other
	/// platform can take an order line's registration.
	#[pallet::storage]
	pub type OrderLines<T: Config> =
		StorageDoubleMap<_, Twox64Concat, OrgId, Blake2_128Concat, OrderRef, OrgId>;

	/// Shipments of each order line, oldest first.
	#[pallet::storage]
	pub type ShipmentsByOrder<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		OrderRef,
		BoundedVec<ShipmentId, T::MaxShipmentsPerOrder>,
		ValueQuery,
	>;

	/// Shipments that carried each unit, oldest first.
	#[pallet::storage]
	pub type ShipmentsByUnit<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		ObjectKey,
		BoundedVec<ShipmentId, T::MaxShipmentsPerUnit>,
		ValueQuery,
	>;

	/// Places each organisation holds in this pallet's shared shipment lists, by unit or order:
	/// none holds more than its share of a list ([`evidence_primitives::index_share`]), so
	/// no member can fill a unit's or order's list and lock the others out of it.
	#[pallet::storage]
	pub type IndexPlaces<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		evidence_primitives::IndexKey,
		Twox64Concat,
		OrgId,
		u32,
		ValueQuery,
	>;

	/// Events of the logistics pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A condition profile version was published.
		ProfilePublished { profile: ProfileId, version: ProfileVersion, owner: ProfileOwner },
		/// A carrier registered a sensor device.
		DeviceRegistered { carrier: OrgId, device: DeviceId, calibration_due: u64 },
		/// A sensor device was recalibrated.
		DeviceCalibrationUpdated { carrier: OrgId, device: DeviceId, calibration_due: u64 },
		/// Governance found a device's readings void from `from` (unix ms) on.
		DeviceWithdrawn { device: DeviceId, from: u64 },
		/// The side a checkpoint's reservations or force majeure hold against acknowledged it.
		CheckpointAcknowledged { shipment: ShipmentId, index: CheckpointIndex, by: OrgId },
		/// A platform registered an order line placed on it with the merchant that sells it.
		OrderRegistered { platform: OrgId, order: OrderRef, merchant: OrgId },
		/// A shipment was created; leg 0 is for `first_carrier` to pick up.
		ShipmentCreated {
			shipment: ShipmentId,
			order: OrderRef,
			shipper: OrgId,
			platform: OrgId,
			first_carrier: OrgId,
			profile: ProfileId,
			profile_version: ProfileVersion,
		},
		/// A checkpoint was recorded.
		CheckpointRecorded {
			shipment: ShipmentId,
			index: CheckpointIndex,
			kind: CheckpointKind,
			leg: LegIndex,
			by: OrgId,
		},
		/// The custodian proposed handing the shipment over.
		HandoverProposed { shipment: ShipmentId, leg: LegIndex, from: OrgId, to: OrgId },
		/// The receiver accepted: leg `closed` ended, leg `opened` began.
		HandoverAccepted {
			shipment: ShipmentId,
			closed: LegIndex,
			opened: LegIndex,
			from: OrgId,
			to: OrgId,
		},
		/// A sensor digest was accepted; `condition` is the leg's condition after it.
		SensorDigestSubmitted {
			shipment: ShipmentId,
			leg: LegIndex,
			device: DeviceId,
			condition: LegState,
		},
		/// A sensor digest shows an excursion on a leg.
		ExcursionDetected {
			shipment: ShipmentId,
			leg: LegIndex,
			custodian: OrgId,
			kind: Excursion,
			first_at: u64,
		},
	}

	/// Errors of the logistics pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The signer acts for no organisation.
		NotAMember,
		/// The signer's organisation is suspended.
		OrganisationSuspended,
		/// The organisation is not an active platform: profiles are published by governance or
		/// a platform, order lines are registered by the platform they were placed on.
		NotAPlatform,
		/// The merchant named for an order line is not an active merchant.
		NotAMerchant,
		/// The platform registered this order line already.
		OrderAlreadyRegistered,
		/// The named platform has not registered this order line: a platform registers it
		/// (`register_order`) before the merchant ships it.
		OrderNotRegistered,
		/// The named platform registered this order line with another merchant.
		OrderOfAnotherMerchant,
		/// Devices are registered by carriers; custody is held by carriers.
		NotACarrier,
		/// Shipments are created by merchants or platforms.
		NotAShipper,
		/// A range's lower end is above its upper end.
		InvalidRange,
		/// No profile with this id (or version).
		UnknownProfile,
		/// Only the publisher of a profile publishes its next version.
		NotProfileOwner,
		/// The profile has reached the highest version number.
		ProfileVersionOverflow,
		/// Every profile id is taken.
		TooManyProfiles,
		/// A validity period must start before it ends.
		InvalidValidityPeriod,
		/// The carrier registered a device under this reference already.
		DeviceAlreadyRegistered,
		/// No device with this id.
		UnknownDevice,
		/// The device belongs to another carrier.
		DeviceNotOfCarrier,
		/// Governance withdrew the device: it signs no more digests.
		DeviceWithdrawn,
		/// A withdrawal takes effect at a time that has passed (now at the latest).
		WithdrawalInFuture,
		/// The shipper created a shipment under this reference already.
		ShipmentIdInUse,
		/// A shipment must carry at least one unit.
		NoUnits,
		/// The first carrier (or handover receiver) is not an active carrier.
		CarrierNotActive,
		/// The order line has `MaxShipmentsPerOrder` shipments already.
		TooManyShipmentsForOrder,
		/// A unit is in `MaxShipmentsPerUnit` shipments already.
		TooManyShipmentsForUnit,
		/// No shipment with this id.
		UnknownShipment,
		/// Only the current custodian records this checkpoint.
		NotCustodian,
		/// This checkpoint does not follow from where the shipment is.
		CheckpointOutOfOrder,
		/// Handovers are recorded with `propose_handover` and `accept_handover`.
		UseHandoverCalls,
		/// An event time before the shipment's previous checkpoint.
		EventBeforePreviousCheckpoint,
		/// An event time in the future (beyond the allowed clock drift).
		EventInFuture,
		/// A delivery needs a receipt mode; other checkpoints take none.
		ReceiptModeMismatch,
		/// The shipment has `MaxCheckpointsPerShipment` checkpoints already.
		TooManyCheckpoints,
		/// The shipment has `MaxLegsPerShipment` legs already.
		TooManyLegs,
		/// A handover is already awaiting acceptance.
		HandoverPending,
		/// No handover is awaiting acceptance.
		NoPendingHandover,
		/// Only the proposed receiver accepts a handover.
		NotHandoverReceiver,
		/// A carrier cannot hand over to itself.
		HandoverToSelf,
		/// The accepted time lies outside the profile's handover tolerance.
		HandoverOutsideTolerance,
		/// A media digest is cited by the most facts one digest may record.
		TooManyCitations,
		/// The carrier already holds its share of the digest's citations.
		CitationShareUsed,
		/// The shipper already holds its share of a unit's shipment list (a quarter of
		/// `MaxShipmentsPerUnit`).
		ShipmentShareOfUnitUsed,
		/// The shipper already holds its share of the order's shipment list (a quarter of
		/// `MaxShipmentsPerOrder`).
		ShipmentShareOfOrderUsed,
		/// No such leg on this shipment.
		UnknownLeg,
		/// The leg is closed: digests are submitted while it is open.
		LegClosed,
		/// The digest window is empty or reversed.
		InvalidWindow,
		/// The digest window lies outside the leg's custody interval.
		WindowOutsideLeg,
		/// The device belongs to another organisation than the leg's custodian.
		DeviceNotOfCustodian,
		/// The device was not calibrated over the whole window.
		DeviceNotCalibrated,
		/// The signature does not verify with the device key.
		BadSignature,
		/// This device already submitted a digest for this leg.
		DigestAlreadySubmitted,
		/// The leg has `MaxDigestsPerLeg` digests already.
		TooManyDigests,
		/// An excursion time the summary states lies outside its window.
		ExcursionOutsideWindow,
		/// A recalibration must be later than the calibration it supersedes.
		CalibrationNotLater,
		/// The device keeps `MAX_PAST_CALIBRATIONS` superseded calibrations already.
		TooManyCalibrations,
		/// No checkpoint with this index on the shipment.
		UnknownCheckpoint,
		/// The checkpoint has nothing to acknowledge: no reservation, and it is no customs
		/// opening or force majeure.
		NothingToAcknowledge,
		/// The checkpoint does not hold against the signer's organisation: reservations at a
		/// pickup, customs openings and force majeure are acknowledged by the shipper, those at
		/// a handover by the carrier handing over.
		NotCheckpointCounterparty,
		/// The checkpoint was acknowledged already.
		AlreadyAcknowledged,
	}

	/// Genesis: preset condition profiles and devices.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Consortium condition profiles, in order (ids 0, 1, …).
		pub profiles: alloc::vec::Vec<GenesisProfile>,
		/// Sensor devices.
		pub devices: alloc::vec::Vec<GenesisDevice>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			self.build_registries();
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Publish a condition profile: with `previous` none a new one (version 1), else the
		/// next version of `previous`. Origin: governance (a consortium profile) or an operator
		/// of a platform organisation (its own profile). Published versions never change.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::publish_profile())]
		pub fn publish_profile(
			origin: OriginFor<T>,
			previous: Option<ProfileId>,
			profile: ConditionProfile,
		) -> DispatchResult {
			let owner = Self::ensure_profile_publisher(origin)?;
			Self::do_publish_profile(owner, previous, profile).map(|_| ())
		}

		/// Register a sensor device of the signer's carrier: `reference` is the hash of its
		/// serial, and the device's id is `record_id(Device, carrier, reference)` (see
		/// `evidence_primitives::record_id`); then kind, model, serial, the ed25519 key that
		/// signs its digests, and its calibration.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::register_device())]
		#[allow(clippy::too_many_arguments)]
		pub fn register_device(
			origin: OriginFor<T>,
			reference: H256,
			kind: DeviceKind,
			model: Code,
			serial: Code,
			key: ed25519::Public,
			calibration_certificate: H256,
			calibrated_on: u64,
			calibration_due: u64,
		) -> DispatchResult {
			let carrier = Self::ensure_carrier(origin)?;
			Self::do_register_device(
				record_id(RecordKind::Device, carrier, reference),
				Device {
					owner: carrier,
					kind,
					model,
					serial,
					key,
					calibration_certificate,
					calibrated_on,
					calibration_due,
					withdrawn: None,
				},
			)
		}

		/// Record a new calibration of one of the carrier's devices.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::update_device_calibration())]
		pub fn update_device_calibration(
			origin: OriginFor<T>,
			device: DeviceId,
			certificate: H256,
			calibrated_on: u64,
			calibration_due: u64,
		) -> DispatchResult {
			let carrier = Self::ensure_carrier(origin)?;
			Self::do_update_device_calibration(
				carrier,
				device,
				certificate,
				calibrated_on,
				calibration_due,
			)
		}

		/// Create a shipment. `reference` is the hash of its SSCC or waybill; the shipment's id
		/// is `record_id(Shipment, shipper, reference)`, so no rival can take it first. Then the
		/// order line and the `platform` it was placed on, the units carried, the condition profile
		/// version it travels under (frozen here), the declared value and the first carrier,
		/// who becomes custodian of leg 0 by recording its pickup. Origin: an operator of the
		/// merchant the platform registered the order line with (`register_order`), or of a
		/// platform shipping its own goods (`platform` is then the signer's organisation).
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::create_shipment(units.len() as u32))]
		#[allow(clippy::too_many_arguments)]
		pub fn create_shipment(
			origin: OriginFor<T>,
			reference: H256,
			order: OrderRef,
			platform: OrgId,
			units: BoundedVec<ObjectKey, T::MaxUnitsPerShipment>,
			profile: ProfileId,
			profile_version: ProfileVersion,
			declared_value: Money,
			first_carrier: OrgId,
		) -> DispatchResult {
			let shipper = Self::ensure_shipper(origin)?;
			Self::do_create_shipment(
				shipper,
				record_id(RecordKind::Shipment, shipper, reference),
				(order, platform),
				units,
				(profile, profile_version),
				declared_value,
				first_carrier,
			)
		}

		/// Record a checkpoint (Pickup, HubIn, HubOut, OutForDelivery, Delivered,
		/// DeliveryFailed, ReturnPickup, ReturnIntake) with what was observed. Origin: the
		/// current custodian; a Delivered signed by the consignee may also be recorded by the
		/// shipper platform; a ReturnPickup after delivery by the carrier taking the return;
		/// a ReturnIntake by the shipper.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::checkpoint_weight(kind, observation))]
		pub fn record_checkpoint(
			origin: OriginFor<T>,
			shipment: ShipmentId,
			kind: CheckpointKind,
			observation: Observation<T>,
			receipt: Option<Receipt>,
		) -> DispatchResult {
			let (who, org) = Self::ensure_member(origin)?;
			Self::do_record_checkpoint(who, org, shipment, kind, observation, receipt)
		}

		/// Propose handing the shipment over to carrier `to` at `event_time` and `location`.
		/// Origin: the current custodian. Custody passes only when `to` accepts.
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::propose_handover())]
		pub fn propose_handover(
			origin: OriginFor<T>,
			shipment: ShipmentId,
			to: OrgId,
			event_time: u64,
			location: H256,
		) -> DispatchResult {
			let org = Self::ensure_carrier(origin)?;
			Self::do_propose_handover(org, shipment, to, event_time, location)
		}

		/// Accept the proposed handover with the condition the receiver observed and its
		/// reservations: closes the current leg and opens the next, held by the receiver.
		/// Origin: the proposed receiving carrier.
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::accept_handover(Pallet::<T>::evidence_items(observation)))]
		pub fn accept_handover(
			origin: OriginFor<T>,
			shipment: ShipmentId,
			observation: Observation<T>,
		) -> DispatchResult {
			let (who, org) = Self::ensure_member(origin)?;
			Self::do_accept_handover(who, org, shipment, observation)
		}

		/// Submit a device's signed sensor summary for an open leg. The chain checks the device
		/// belongs to the leg's custodian and was calibrated over the window, the window lies
		/// inside the leg, and `signature` (ed25519 over `SENSOR_DIGEST_CONTEXT ++ SCALE(shipment,
		/// leg, device, summary)`) verifies; then evaluates the summary against the shipment's
		/// profile and updates the leg's condition.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::submit_sensor_digest())]
		pub fn submit_sensor_digest(
			origin: OriginFor<T>,
			shipment: ShipmentId,
			leg: LegIndex,
			device: DeviceId,
			summary: SensorSummary,
			signature: ed25519::Signature,
		) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_submit_sensor_digest(org, shipment, leg, device, summary, signature)
		}

		/// Register an order line placed on the signer's platform with the merchant that sells
		/// it, before it ships: the merchant can then ship it naming this platform, and only
		/// this platform (or the merchant) can open a dispute about it. A registration never
		/// changes. Origin: an operator of a platform organisation.
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::register_order())]
		pub fn register_order(
			origin: OriginFor<T>,
			order: OrderRef,
			merchant: OrgId,
		) -> DispatchResult {
			let platform = Self::ensure_platform(origin)?;
			Self::do_register_order(platform, order, merchant)
		}

		/// Acknowledge checkpoint `index` as the side it holds against: the reservations the first
		/// carrier noted at its pickup (as the shipper), those the receiving carrier noted at a
		/// handover (as the carrier that handed over), or a custodian's `CustomsOpened` or
		/// `ForceMajeure` record (as the shipper). Until acknowledged, such a record shifts no
		/// liability (rule T4 for a pickup; a handover reservation places the damage before it;
		/// force majeure sends a dispute to an arbitrator).
		#[pallet::call_index(9)]
		#[pallet::weight(<T as Config>::WeightInfo::acknowledge_checkpoint())]
		pub fn acknowledge_checkpoint(
			origin: OriginFor<T>,
			shipment: ShipmentId,
			index: CheckpointIndex,
		) -> DispatchResult {
			let (_, org) = Self::ensure_member(origin)?;
			Self::do_acknowledge_checkpoint(org, shipment, index)
		}

		/// Find a sensor device's readings void from `from` (unix ms, not after now) on: its
		/// calibration was recalled or the logger tampered with. It signs no more digests; its
		/// digests whose window ends from then on are inadmissible (rule P1) in every dispute
		/// opened after this call, and a dispute that needed them goes to an arbitrator.
		/// Origin: governance (the council, or root).
		#[pallet::call_index(10)]
		#[pallet::weight(<T as Config>::WeightInfo::withdraw_device())]
		pub fn withdraw_device(
			origin: OriginFor<T>,
			device: DeviceId,
			from: u64,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_withdraw_device(device, from)
		}
	}
}

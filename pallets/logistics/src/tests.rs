//! One test per behaviour and per error of the logistics pallet.

use crate::{mock::*, presets::preset_profiles, *};
use evidence_primitives::{
	merkle::{reading_proof, readings_root},
	record_id, ContentDigest, EvidenceKind, FactKind, FactRef, OrgId, RecordKind, SensorReading,
};
use frame_support::{assert_noop, assert_ok};
use sp_core::{ed25519, Pair, H256};

type Error = crate::Error<Test>;

const MINUTE: u64 = 60_000;
/// The platform's (organisation 1) reference of its shipment: the hash of a waybill.
const SHIPMENT_REF: H256 = H256::repeat_byte(0x51);
const ORDER: H256 = H256::repeat_byte(0x41);
/// The carrier's (organisation 2) reference of its logger: the hash of a serial.
const LOGGER_REF: H256 = H256::repeat_byte(0xd1);
/// Chilled 2–8 °C, preset profile 2.
const CHILLED: ProfileId = 2;

/// The id the chain derives for shipment `reference` of organisation `shipper`.
fn shipment_of(shipper: OrgId, reference: H256) -> H256 {
	record_id(RecordKind::Shipment, shipper, reference)
}

/// The id the chain derives for device `reference` (repeated byte) of carrier `org`.
fn device_of(org: OrgId, reference: u8) -> H256 {
	record_id(RecordKind::Device, org, H256::repeat_byte(reference))
}

fn shipment_id() -> H256 {
	shipment_of(1, SHIPMENT_REF)
}

fn logger_id() -> H256 {
	device_of(2, 0xd1)
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn code(text: &str) -> Code {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn logger_key() -> ed25519::Pair {
	ed25519::Pair::from_string("//EvidenceChainTestLogger", None).unwrap()
}

fn value() -> Money {
	Money { currency: *b"EUR", minor_units: 129_900 }
}

/// The four preset profiles, the carrier's logger, and a chilled shipment of two units.
fn setup() {
	for preset in preset_profiles() {
		assert_ok!(Logistics::publish_profile(RuntimeOrigin::root(), None, preset.to_profile()));
	}
	assert_ok!(Logistics::register_device(
		signed(CARRIER),
		LOGGER_REF,
		DeviceKind::MultiSensor,
		code("TL-3"),
		code("TL3-0001"),
		logger_key().public(),
		H256::repeat_byte(0xca),
		NOW - 100 * 24 * 60 * MINUTE,
		NOW + 200 * 24 * 60 * MINUTE,
	));
	assert_ok!(create(SHIPMENT_REF));
}

fn create(id: H256) -> sp_runtime::DispatchResult {
	Logistics::create_shipment(
		signed(PLATFORM),
		id,
		ORDER,
		1,
		vec![H256::repeat_byte(1), H256::repeat_byte(2)].try_into().unwrap(),
		CHILLED,
		1,
		value(),
		2,
	)
}

fn seen(minutes_ago: u64) -> Observation<Test> {
	Observation {
		event_time: NOW - minutes_ago * MINUTE,
		location: H256::repeat_byte(0x10),
		package: Some(PackageState { seal_intact: true, gross_weight_grams: 5_200 }),
		reservations: Default::default(),
		note: None,
		media: Default::default(),
	}
}

fn record(who: AccountId, kind: CheckpointKind, minutes_ago: u64) -> sp_runtime::DispatchResult {
	let receipt = (kind == CheckpointKind::Delivered).then_some(Receipt::ConsigneeSigned);
	Logistics::record_checkpoint(signed(who), shipment_id(), kind, seen(minutes_ago), receipt)
}

/// Pickup by the first carrier, handed over to the second at `minutes_ago`.
fn hand_over(minutes_ago: u64) {
	assert_ok!(record(CARRIER, CheckpointKind::Pickup, minutes_ago + 60));
	assert_ok!(Logistics::propose_handover(
		signed(CARRIER),
		shipment_id(),
		4,
		NOW - minutes_ago * MINUTE,
		H256::zero()
	));
	assert_ok!(Logistics::accept_handover(
		signed(SECOND_CARRIER),
		shipment_id(),
		seen(minutes_ago)
	));
}

// ---- profiles -----------------------------------------------------------------------------

#[test]
fn governance_and_platforms_publish_versioned_profiles() {
	test(|| {
		setup();
		assert_eq!(NextProfileId::<Test>::get(), 4);
		assert_eq!(Profiles::<Test>::get(CHILLED, 1).unwrap().owner, ProfileOwner::Consortium);
		let own = preset_profiles()[0].to_profile();
		assert_ok!(Logistics::publish_profile(signed(PLATFORM), None, own.clone()));
		assert_eq!(
			last_event(),
			Event::ProfilePublished {
				profile: 4,
				version: 1,
				owner: ProfileOwner::Organisation(1)
			}
			.into()
		);
		assert_ok!(Logistics::publish_profile(signed(PLATFORM), Some(4), own.clone()));
		assert_eq!(LatestProfileVersion::<Test>::get(4), Some(2));
		assert_ok!(Logistics::publish_profile(RuntimeOrigin::root(), Some(CHILLED), own.clone()));
		assert_eq!(
			Profiles::<Test>::get(CHILLED, 1).unwrap().profile,
			preset_profiles()[2].to_profile(),
			"version 1 never changes"
		);
	});
}

#[test]
fn profile_errors() {
	test(|| {
		setup();
		let mut profile = preset_profiles()[2].to_profile();
		assert_noop!(
			Logistics::publish_profile(signed(PLATFORM), Some(CHILLED), profile.clone()),
			Error::NotProfileOwner
		);
		assert_noop!(
			Logistics::publish_profile(RuntimeOrigin::root(), Some(9), profile.clone()),
			Error::UnknownProfile
		);
		assert_noop!(
			Logistics::publish_profile(signed(CARRIER), None, profile.clone()),
			Error::NotAPlatform
		);
		assert_noop!(
			Logistics::publish_profile(signed(OUTSIDER), None, profile.clone()),
			Error::NotAMember
		);
		profile.temperature = Some(TemperatureRange { min_centi_celsius: 9, max_centi_celsius: 8 });
		assert_noop!(
			Logistics::publish_profile(RuntimeOrigin::root(), None, profile.clone()),
			Error::InvalidRange
		);
		profile.temperature = None;
		profile.humidity = Some(HumidityRange { min_per_mille: 0, max_per_mille: 1_001 });
		assert_noop!(
			Logistics::publish_profile(RuntimeOrigin::root(), None, profile),
			Error::InvalidRange
		);
	});
}

// ---- devices ------------------------------------------------------------------------------

#[test]
fn carriers_register_and_recalibrate_devices() {
	test(|| {
		setup();
		assert_eq!(Devices::<Test>::get(logger_id()).unwrap().key, logger_key().public());
		assert_ok!(Logistics::update_device_calibration(
			signed(CARRIER),
			logger_id(),
			H256::repeat_byte(0xcb),
			NOW,
			NOW + MINUTE
		));
		assert_eq!(Devices::<Test>::get(logger_id()).unwrap().calibration_due, NOW + MINUTE);
		assert_eq!(
			last_event(),
			Event::DeviceCalibrationUpdated {
				carrier: 2,
				device: logger_id(),
				calibration_due: NOW + MINUTE
			}
			.into()
		);
	});
}

/// A rival saw the platform's shipment and the carrier's logger in the pool and sent the same
/// references first: its records land under its own ids, and the owners' calls go through.
#[test]
fn a_rival_that_sends_the_same_reference_first_takes_nothing() {
	test(|| {
		for preset in preset_profiles() {
			assert_ok!(Logistics::publish_profile(
				RuntimeOrigin::root(),
				None,
				preset.to_profile()
			));
		}
		let theirs = H256::repeat_byte(0x42);
		assert_ok!(Logistics::register_order(signed(PLATFORM), theirs, 5));
		assert_ok!(Logistics::create_shipment(
			signed(MERCHANT),
			SHIPMENT_REF,
			theirs,
			1,
			vec![H256::repeat_byte(3)].try_into().unwrap(),
			CHILLED,
			1,
			value(),
			2,
		));
		assert_ok!(Logistics::register_device(
			signed(SECOND_CARRIER),
			LOGGER_REF,
			DeviceKind::ShockLogger,
			code("SL"),
			code("SL-9"),
			ed25519::Pair::from_seed(&[9; 32]).public(),
			H256::zero(),
			NOW - MINUTE,
			NOW + MINUTE,
		));
		setup();
		assert_eq!(Shipments::<Test>::get(shipment_id()).unwrap().shipper, 1);
		assert_eq!(Shipments::<Test>::get(shipment_of(5, SHIPMENT_REF)).unwrap().shipper, 5);
		assert_eq!(Devices::<Test>::get(logger_id()).unwrap().key, logger_key().public());
		assert_eq!(Devices::<Test>::get(device_of(4, 0xd1)).unwrap().owner, 4);
		assert_eq!(ShipmentsByOrder::<Test>::get(ORDER).to_vec(), vec![shipment_id()]);
	});
}

#[test]
fn device_errors() {
	test(|| {
		setup();
		let register = |who, id, from, due| {
			Logistics::register_device(
				signed(who),
				id,
				DeviceKind::TemperatureLogger,
				code("m"),
				code("s"),
				logger_key().public(),
				H256::zero(),
				from,
				due,
			)
		};
		assert_noop!(register(CARRIER, LOGGER_REF, NOW, NOW + 1), Error::DeviceAlreadyRegistered);
		assert_noop!(register(CARRIER, H256::zero(), NOW, NOW), Error::InvalidValidityPeriod);
		assert_noop!(register(PLATFORM, H256::zero(), NOW, NOW + 1), Error::NotACarrier);
		assert_noop!(register(SUSPENDED, H256::zero(), NOW, NOW + 1), Error::OrganisationSuspended);
		let recalibrate = |who, id, due| {
			Logistics::update_device_calibration(signed(who), id, H256::zero(), NOW, due)
		};
		assert_noop!(recalibrate(CARRIER, H256::zero(), NOW + 1), Error::UnknownDevice);
		assert_noop!(recalibrate(SECOND_CARRIER, logger_id(), NOW + 1), Error::DeviceNotOfCarrier);
		assert_noop!(recalibrate(CARRIER, logger_id(), NOW), Error::InvalidValidityPeriod);
	});
}

// ---- shipments ----------------------------------------------------------------------------

#[test]
fn a_shipment_opens_leg_zero_for_its_first_carrier() {
	test(|| {
		setup();
		let shipment = Shipments::<Test>::get(shipment_id()).unwrap();
		assert_eq!((shipment.shipper, shipment.profile, shipment.profile_version), (1, CHILLED, 1));
		assert_eq!(shipment.phase, ShipmentPhase::AwaitingPickup);
		assert_eq!(shipment.declared_value, value());
		let leg = Legs::<Test>::get(shipment_id(), 0).unwrap();
		assert_eq!((leg.custodian, leg.opened_at, leg.closed_at), (2, None, None));
		assert_eq!(ShipmentsByOrder::<Test>::get(ORDER).to_vec(), vec![shipment_id()]);
		assert_eq!(
			last_event(),
			Event::ShipmentCreated {
				shipment: shipment_id(),
				order: ORDER,
				shipper: 1,
				platform: 1,
				first_carrier: 2,
				profile: CHILLED,
				profile_version: 1
			}
			.into()
		);
	});
}

#[test]
fn shipment_errors() {
	test(|| {
		setup();
		let create_with = |who, id, units: Vec<H256>, profile, version, carrier| {
			// A merchant ships the platform's order line; the platform ships its own.
			Logistics::create_shipment(
				signed(who),
				id,
				ORDER,
				1,
				units.try_into().unwrap(),
				profile,
				version,
				value(),
				carrier,
			)
		};
		let unit = vec![H256::repeat_byte(1)];
		let other = H256::repeat_byte(0x52);
		assert_noop!(create(SHIPMENT_REF), Error::ShipmentIdInUse);
		assert_noop!(create_with(PLATFORM, other, vec![], CHILLED, 1, 2), Error::NoUnits);
		assert_noop!(
			create_with(PLATFORM, other, unit.clone(), CHILLED, 2, 2),
			Error::UnknownProfile
		);
		assert_noop!(create_with(PLATFORM, other, unit.clone(), 9, 1, 2), Error::UnknownProfile);
		assert_noop!(
			create_with(PLATFORM, other, unit.clone(), CHILLED, 1, 1),
			Error::CarrierNotActive
		);
		assert_noop!(
			create_with(PLATFORM, other, unit.clone(), CHILLED, 1, 3),
			Error::CarrierNotActive
		);
		assert_noop!(create_with(CARRIER, other, unit.clone(), CHILLED, 1, 2), Error::NotAShipper);
		assert_noop!(create_with(AGENCY, other, unit.clone(), CHILLED, 1, 2), Error::NotAShipper);
		// The merchant ships only an order line the platform registered with it.
		assert_noop!(
			create_with(MERCHANT, other, unit.clone(), CHILLED, 1, 2),
			Error::OrderNotRegistered
		);
		assert_ok!(Logistics::register_order(signed(PLATFORM), ORDER, 5));
		assert_ok!(create_with(MERCHANT, other, unit.clone(), CHILLED, 1, 2));
		assert_noop!(
			create_with(PLATFORM, H256::repeat_byte(0x53), unit.clone(), CHILLED, 1, 2),
			Error::TooManyShipmentsForOrder
		);
		// Each unit knows the shipments that carried it, up to `MaxShipmentsPerUnit` (2 here).
		assert_eq!(
			ShipmentsByUnit::<Test>::get(unit[0]).to_vec(),
			vec![shipment_id(), shipment_of(5, other)]
		);
		assert_eq!(
			ShipmentsByUnit::<Test>::get(H256::repeat_byte(2)).to_vec(),
			vec![shipment_id()]
		);
		assert_noop!(
			Logistics::create_shipment(
				signed(PLATFORM),
				H256::repeat_byte(0x54),
				H256::repeat_byte(0x44),
				1,
				unit.try_into().unwrap(),
				CHILLED,
				1,
				value(),
				2,
			),
			Error::TooManyShipmentsForUnit
		);
	});
}

/// A platform naming a unit in shipment after shipment (of orders of its own) holds at most a
/// quarter of the unit's shipment list (one of the mock's two places): the merchant still
/// ships the unit.
#[test]
fn one_shipper_holds_at_most_a_quarter_of_a_unit_s_shipments() {
	test(|| {
		setup();
		let unit = H256::repeat_byte(1);
		let ship = |who, id: u8, order: u8| {
			Logistics::create_shipment(
				signed(who),
				H256::repeat_byte(id),
				H256::repeat_byte(order),
				1,
				vec![unit].try_into().unwrap(),
				CHILLED,
				1,
				value(),
				2,
			)
		};
		// `setup` shipped the unit once, as the platform.
		assert_noop!(ship(PLATFORM, 0x61, 0x71), Error::ShipmentShareOfUnitUsed);
		assert_ok!(Logistics::register_order(signed(PLATFORM), H256::repeat_byte(0x72), 5));
		assert_ok!(ship(MERCHANT, 0x62, 0x72));
		assert_eq!(ShipmentsByUnit::<Test>::get(unit).len(), 2);
		assert_eq!(IndexPlaces::<Test>::get(evidence_primitives::IndexKey::Unit(unit), 1), 1);
	});
}

// ---- checkpoints and handovers ------------------------------------------------------------

#[test]
fn a_full_journey_moves_custody_leg_by_leg() {
	test(|| {
		setup();
		let mut pickup = seen(300);
		pickup.media = vec![CheckpointMedia {
			digest: ContentDigest::blake2_256_of(b"pickup photo"),
			kind: EvidenceKind::Photo,
			captured_at: NOW - 300 * MINUTE,
		}]
		.try_into()
		.unwrap();
		assert_ok!(Logistics::record_checkpoint(
			signed(CARRIER),
			shipment_id(),
			CheckpointKind::Pickup,
			pickup,
			None
		));
		assert_eq!(
			Legs::<Test>::get(shipment_id(), 0).unwrap().opened_at,
			Some(NOW - 300 * MINUTE)
		);
		let fact =
			FactRef { kind: FactKind::Checkpoint, id: checkpoint_fact_id(&shipment_id(), 0) };
		assert_eq!(RecordingRegistry::registrations()[0].fact, fact);
		assert_ok!(record(CARRIER, CheckpointKind::HubIn, 250));
		assert_ok!(record(CARRIER, CheckpointKind::HubOut, 240));
		assert_ok!(Logistics::propose_handover(
			signed(CARRIER),
			shipment_id(),
			4,
			NOW - 200 * MINUTE,
			H256::zero()
		));
		assert_eq!(
			last_event(),
			Event::HandoverProposed { shipment: shipment_id(), leg: 0, from: 2, to: 4 }.into()
		);
		let mut accepted = seen(195);
		accepted.reservations = vec![Reservation::Crushed].try_into().unwrap();
		accepted.note = Some(ContentDigest::sha2_256_of(b"corner crushed"));
		assert_ok!(Logistics::accept_handover(
			signed(SECOND_CARRIER),
			shipment_id(),
			accepted.clone()
		));
		let (closed, opened) = (
			Legs::<Test>::get(shipment_id(), 0).unwrap(),
			Legs::<Test>::get(shipment_id(), 1).unwrap(),
		);
		assert_eq!(closed.closed_at, Some(NOW - 195 * MINUTE));
		assert_eq!((opened.custodian, opened.opened_at), (4, Some(NOW - 195 * MINUTE)));
		let handover = Checkpoints::<Test>::get(shipment_id(), 3).unwrap();
		assert_eq!(handover.kind, CheckpointKind::Handover);
		assert_eq!((handover.from, handover.to, handover.leg), (Some(2), Some(4), 1));
		assert_eq!(handover.observation, accepted);
		// The first carrier no longer holds the shipment.
		assert_noop!(record(CARRIER, CheckpointKind::HubIn, 100), Error::NotCustodian);
		assert_ok!(record(SECOND_CARRIER, CheckpointKind::HubIn, 100));
		assert_ok!(record(SECOND_CARRIER, CheckpointKind::OutForDelivery, 60));
		// The platform records the consignee's own signature.
		assert_ok!(record(PLATFORM, CheckpointKind::Delivered, 10));
		let shipment = Shipments::<Test>::get(shipment_id()).unwrap();
		assert_eq!(shipment.phase, ShipmentPhase::Delivered);
		assert_eq!(shipment.checkpoint_count, 7);
		assert_eq!(Legs::<Test>::get(shipment_id(), 1).unwrap().closed_at, Some(NOW - 10 * MINUTE));
		let delivered = Checkpoints::<Test>::get(shipment_id(), 6).unwrap();
		assert_eq!((delivered.from, delivered.to), (Some(4), None));
		assert_eq!(delivered.receipt, Some(Receipt::ConsigneeSigned));
		assert_eq!(
			last_event(),
			Event::CheckpointRecorded {
				shipment: shipment_id(),
				index: 6,
				kind: CheckpointKind::Delivered,
				leg: 1,
				by: 1
			}
			.into()
		);
		// The delivery is reported once, as the rules read it.
		let reported = RecordingObserver::deliveries();
		assert_eq!(reported.len(), 1);
		let (shipment, order, fact) = &reported[0];
		assert_eq!(
			(*shipment, *order),
			(shipment_id(), Shipments::<Test>::get(shipment_id()).unwrap().order)
		);
		assert_eq!(fact.fact.id, checkpoint_fact_id(&shipment_id(), 6));
		assert_eq!(fact.receipt, evidence_primitives::facts::Receipt::ConsigneeSigned);
		assert_eq!((fact.at, fact.reservation, fact.carrier), (NOW - 10 * MINUTE, false, 4));
		// Nothing follows a delivery but a return.
		assert_noop!(record(SECOND_CARRIER, CheckpointKind::HubIn, 5), Error::CheckpointOutOfOrder);
	});
}

#[test]
fn a_return_opens_a_new_leg_and_ends_with_the_shipper() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		assert_ok!(record(CARRIER, CheckpointKind::OutForDelivery, 200));
		assert_ok!(record(CARRIER, CheckpointKind::Delivered, 100));
		assert_noop!(record(PLATFORM, CheckpointKind::ReturnPickup, 50), Error::NotCustodian);
		assert_ok!(record(SECOND_CARRIER, CheckpointKind::ReturnPickup, 50));
		let leg = Legs::<Test>::get(shipment_id(), 1).unwrap();
		assert_eq!(
			(leg.custodian, leg.opened_at, leg.closed_at),
			(4, Some(NOW - 50 * MINUTE), None)
		);
		assert_ok!(record(PLATFORM, CheckpointKind::ReturnIntake, 5));
		assert_eq!(Shipments::<Test>::get(shipment_id()).unwrap().phase, ShipmentPhase::Returned);
		assert_eq!(Legs::<Test>::get(shipment_id(), 1).unwrap().closed_at, Some(NOW - 5 * MINUTE));
	});
}

#[test]
fn a_failed_delivery_is_retried_or_returned_by_the_custodian() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		assert_ok!(record(CARRIER, CheckpointKind::OutForDelivery, 200));
		assert_ok!(record(CARRIER, CheckpointKind::DeliveryFailed, 190));
		assert_ok!(record(CARRIER, CheckpointKind::OutForDelivery, 100));
		assert_ok!(record(CARRIER, CheckpointKind::DeliveryFailed, 90));
		assert_ok!(record(CARRIER, CheckpointKind::ReturnPickup, 80));
		assert_eq!(Shipments::<Test>::get(shipment_id()).unwrap().current_leg, 0, "same custodian");
		assert_ok!(record(CARRIER, CheckpointKind::ReturnIntake, 10));
		assert_eq!(Shipments::<Test>::get(shipment_id()).unwrap().phase, ShipmentPhase::Returned);
	});
}

#[test]
fn checkpoint_errors() {
	test(|| {
		setup();
		assert_noop!(record(SECOND_CARRIER, CheckpointKind::Pickup, 300), Error::NotCustodian);
		assert_noop!(record(CARRIER, CheckpointKind::HubIn, 300), Error::CheckpointOutOfOrder);
		assert_noop!(
			Logistics::record_checkpoint(
				signed(CARRIER),
				H256::zero(),
				CheckpointKind::Pickup,
				seen(1),
				None
			),
			Error::UnknownShipment
		);
		assert_noop!(record(CARRIER, CheckpointKind::Handover, 300), Error::UseHandoverCalls);
		assert_noop!(
			Logistics::record_checkpoint(
				signed(CARRIER),
				shipment_id(),
				CheckpointKind::Pickup,
				seen(300),
				Some(Receipt::Unsigned)
			),
			Error::ReceiptModeMismatch
		);
		let mut future = seen(0);
		future.event_time = NOW + MINUTE + 1;
		assert_noop!(
			Logistics::record_checkpoint(
				signed(CARRIER),
				shipment_id(),
				CheckpointKind::Pickup,
				future,
				None
			),
			Error::EventInFuture
		);
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		assert_noop!(record(CARRIER, CheckpointKind::HubOut, 290), Error::CheckpointOutOfOrder);
		assert_noop!(record(CARRIER, CheckpointKind::Delivered, 290), Error::CheckpointOutOfOrder);
		assert_noop!(
			record(CARRIER, CheckpointKind::HubIn, 301),
			Error::EventBeforePreviousCheckpoint
		);
		assert_ok!(record(CARRIER, CheckpointKind::OutForDelivery, 200));
		assert_noop!(
			Logistics::record_checkpoint(
				signed(CARRIER),
				shipment_id(),
				CheckpointKind::Delivered,
				seen(100),
				None
			),
			Error::ReceiptModeMismatch
		);
		// The platform may only record the consignee's own signature.
		assert_noop!(
			Logistics::record_checkpoint(
				signed(PLATFORM),
				shipment_id(),
				CheckpointKind::Delivered,
				seen(100),
				Some(Receipt::LockerWithoutConsent)
			),
			Error::NotCustodian
		);
		assert_noop!(record(OUTSIDER, CheckpointKind::DeliveryFailed, 100), Error::NotAMember);
	});
}

#[test]
fn checkpoints_and_their_media_are_bounded() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		let mut with_media = seen(290);
		with_media.media = vec![CheckpointMedia {
			digest: ContentDigest::blake2_256_of(b"x"),
			kind: EvidenceKind::Photo,
			captured_at: NOW,
		}]
		.try_into()
		.unwrap();
		RecordingRegistry::limit_citations(RecordingRegistry::registrations().len());
		assert_noop!(
			Logistics::record_checkpoint(
				signed(CARRIER),
				shipment_id(),
				CheckpointKind::HubIn,
				with_media,
				None
			),
			Error::TooManyCitations
		);
		RecordingRegistry::limit_citations(usize::MAX);
		// 1 pickup + 11 hub scans fill the 12 checkpoints.
		for n in 0..11u64 {
			let kind = if n % 2 == 0 { CheckpointKind::HubIn } else { CheckpointKind::HubOut };
			assert_ok!(record(CARRIER, kind, 280 - n));
		}
		assert_noop!(record(CARRIER, CheckpointKind::HubOut, 200), Error::TooManyCheckpoints);
	});
}

#[test]
fn handover_errors() {
	test(|| {
		setup();
		let propose = |who, to, minutes_ago| {
			Logistics::propose_handover(
				signed(who),
				shipment_id(),
				to,
				NOW - minutes_ago * MINUTE,
				H256::zero(),
			)
		};
		assert_noop!(propose(CARRIER, 4, 200), Error::CheckpointOutOfOrder);
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		assert_noop!(propose(SECOND_CARRIER, 4, 200), Error::NotCustodian);
		assert_noop!(propose(CARRIER, 2, 200), Error::HandoverToSelf);
		assert_noop!(propose(CARRIER, 1, 200), Error::CarrierNotActive);
		assert_noop!(propose(CARRIER, 4, 301), Error::EventBeforePreviousCheckpoint);
		assert_noop!(propose(PLATFORM, 4, 200), Error::NotACarrier);
		assert_noop!(
			Logistics::accept_handover(signed(SECOND_CARRIER), shipment_id(), seen(200)),
			Error::NoPendingHandover
		);
		assert_ok!(propose(CARRIER, 4, 200));
		assert_noop!(propose(CARRIER, 4, 199), Error::HandoverPending);
		assert_noop!(record(CARRIER, CheckpointKind::HubIn, 199), Error::HandoverPending);
		assert_noop!(
			Logistics::accept_handover(signed(CARRIER), shipment_id(), seen(200)),
			Error::NotHandoverReceiver
		);
		// Chilled profile: 10 minutes of tolerance either way.
		assert_noop!(
			Logistics::accept_handover(signed(SECOND_CARRIER), shipment_id(), seen(189)),
			Error::HandoverOutsideTolerance
		);
		assert_noop!(
			Logistics::accept_handover(signed(SECOND_CARRIER), shipment_id(), seen(211)),
			Error::HandoverOutsideTolerance
		);
		assert_ok!(Logistics::accept_handover(signed(SECOND_CARRIER), shipment_id(), seen(190)));
	});
}

#[test]
fn a_shipment_has_at_most_max_legs() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		let carriers = [
			(CARRIER, 4, SECOND_CARRIER),
			(SECOND_CARRIER, 2, CARRIER),
			(CARRIER, 4, SECOND_CARRIER),
		];
		for (n, (from, to, receiver)) in carriers.into_iter().enumerate() {
			let at = 290 - 10 * n as u64;
			assert_ok!(Logistics::propose_handover(
				signed(from),
				shipment_id(),
				to,
				NOW - at * MINUTE,
				H256::zero()
			));
			assert_ok!(Logistics::accept_handover(signed(receiver), shipment_id(), seen(at)));
		}
		assert_eq!(Shipments::<Test>::get(shipment_id()).unwrap().current_leg, 3);
		assert_noop!(
			Logistics::propose_handover(
				signed(SECOND_CARRIER),
				shipment_id(),
				2,
				NOW - 200 * MINUTE,
				H256::zero()
			),
			Error::TooManyLegs
		);
	});
}

// ---- sensor digests -----------------------------------------------------------------------

fn readings() -> Vec<SensorReading> {
	(0..10)
		.map(|n| SensorReading {
			at: NOW - 100 * MINUTE + n * MINUTE,
			temperature_centi_celsius: Some(500 + n as i32),
			humidity_per_mille: None,
			acceleration_milli_g: Some(1_000),
		})
		.collect()
}

fn summary(shock_milli_g: u32) -> SensorSummary {
	SensorSummary {
		window_start: NOW - 100 * MINUTE,
		window_end: NOW - 91 * MINUTE,
		sample_interval_ms: 60_000,
		sample_count: 10,
		gap_total_ms: 0,
		gap_longest_ms: 0,
		power_off_ms: 0,
		temperature: Some(TemperatureSummary {
			min_centi_celsius: 500,
			max_centi_celsius: 509,
			mean_centi_celsius: 504,
			time_above_ms: 0,
			time_below_ms: 0,
			excursions: 0,
			longest_excursion_ms: 0,
			first_excursion_at: None,
			time_below_freeze_ms: 0,
			first_freeze_at: None,
		}),
		humidity: None,
		shock: Some(ShockSummary {
			events_over_threshold: u32::from(shock_milli_g >= 15_000),
			peak_milli_g: shock_milli_g,
			peak_pulse_ms: 4,
			peak_at: NOW - 95 * MINUTE,
		}),
		tilt_events: 0,
		alarm_flags: 0,
		error_flags: 0,
		readings_root: readings_root(&readings()),
	}
}

fn submit(who: AccountId, leg: LegIndex, summary: SensorSummary) -> sp_runtime::DispatchResult {
	let signature =
		logger_key().sign(&sensor_digest_message(&shipment_id(), leg, &logger_id(), &summary));
	Logistics::submit_sensor_digest(
		signed(who),
		shipment_id(),
		leg,
		logger_id(),
		summary,
		signature,
	)
}

#[test]
fn a_signed_digest_sets_the_leg_condition() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 120));
		assert_ok!(submit(CARRIER, 0, summary(2_000)));
		assert_eq!(Legs::<Test>::get(shipment_id(), 0).unwrap().condition, LegState::Clean);
		assert_eq!(
			last_event(),
			Event::SensorDigestSubmitted {
				shipment: shipment_id(),
				leg: 0,
				device: logger_id(),
				condition: LegState::Clean
			}
			.into()
		);
		let record = SensorDigests::<Test>::get((shipment_id(), 0), logger_id()).unwrap();
		assert_eq!(record.summary, summary(2_000));
		// A raw reading proves against the signed root; a tampered one does not.
		let all = readings();
		let proof = reading_proof(&all, 3);
		assert!(Logistics::verify_reading(shipment_id(), 0, logger_id(), all[3], proof.clone()));
		let mut tampered = all[3];
		tampered.temperature_centi_celsius = Some(900);
		assert!(!Logistics::verify_reading(shipment_id(), 0, logger_id(), tampered, proof.clone()));
		assert!(!Logistics::verify_reading(shipment_id(), 1, logger_id(), all[3], proof));
	});
}

#[test]
fn an_excursion_is_reported_against_the_custodian() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 120));
		assert_ok!(submit(CARRIER, 0, summary(22_000)));
		let excursion = LegState::Excursion { kind: Excursion::Shock, at: NOW - 95 * MINUTE };
		assert_eq!(Legs::<Test>::get(shipment_id(), 0).unwrap().condition, excursion);
		assert_eq!(
			last_event(),
			Event::ExcursionDetected {
				shipment: shipment_id(),
				leg: 0,
				custodian: 2,
				kind: Excursion::Shock,
				first_at: NOW - 95 * MINUTE
			}
			.into()
		);
	});
}

#[test]
fn a_leg_keeps_every_kind_of_excursion_it_saw() {
	use evidence_primitives::facts::LogisticsFacts;
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 120));
		// Too warm from 99 minutes ago, then a 22 g drop at 95.
		let mut warm_then_dropped = summary(22_000);
		let temperature = warm_then_dropped.temperature.as_mut().unwrap();
		temperature.max_centi_celsius = 1_500;
		temperature.time_above_ms = 60 * MINUTE;
		temperature.first_excursion_at = Some(NOW - 99 * MINUTE);
		assert_ok!(submit(CARRIER, 0, warm_then_dropped));
		let leg = Legs::<Test>::get(shipment_id(), 0).unwrap();
		assert_eq!(
			leg.condition,
			LegState::Excursion { kind: Excursion::Temperature, at: NOW - 99 * MINUTE }
		);
		assert_eq!(
			leg.excursions.to_vec(),
			vec![
				(Excursion::Temperature, NOW - 99 * MINUTE),
				(Excursion::Shock, NOW - 95 * MINUTE)
			]
		);
		let facts = Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap();
		assert_eq!(facts.legs[0].excursions, leg.excursions.to_vec());
	});
}

#[test]
fn sensor_digest_errors() {
	test(|| {
		setup();
		// Leg 0 is not opened before pickup.
		assert_noop!(submit(CARRIER, 0, summary(2_000)), Error::WindowOutsideLeg);
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 98));
		assert_noop!(submit(CARRIER, 0, summary(2_000)), Error::WindowOutsideLeg);
		assert_noop!(submit(CARRIER, 1, summary(2_000)), Error::UnknownLeg);
		assert_noop!(submit(SECOND_CARRIER, 0, summary(2_000)), Error::NotCustodian);
		let mut reversed = summary(2_000);
		reversed.window_end = reversed.window_start;
		assert_noop!(submit(CARRIER, 0, reversed), Error::InvalidWindow);
		let signature = logger_key().sign(b"something else");
		assert_noop!(
			Logistics::submit_sensor_digest(
				signed(CARRIER),
				H256::zero(),
				0,
				logger_id(),
				summary(2_000),
				signature
			),
			Error::UnknownShipment
		);
		assert_noop!(
			Logistics::submit_sensor_digest(
				signed(CARRIER),
				shipment_id(),
				0,
				H256::zero(),
				summary(2_000),
				signature
			),
			Error::UnknownDevice
		);
	});
}

#[test]
fn an_excursion_outside_its_digest_window_is_refused() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 120));
		// The window runs from 100 to 91 minutes ago.
		let mut late_peak = summary(22_000);
		late_peak.shock.as_mut().unwrap().peak_at = NOW - 90 * MINUTE;
		assert_noop!(submit(CARRIER, 0, late_peak), Error::ExcursionOutsideWindow);
		let mut early_freeze = summary(2_000);
		early_freeze.temperature.as_mut().unwrap().first_freeze_at = Some(NOW - 101 * MINUTE);
		assert_noop!(submit(CARRIER, 0, early_freeze), Error::ExcursionOutsideWindow);
		// A peak below the threshold is no excursion: its time is not checked.
		let mut calm = summary(2_000);
		calm.shock.as_mut().unwrap().peak_at = 0;
		assert_ok!(submit(CARRIER, 0, calm));
	});
}

#[test]
fn customs_or_force_majeure_counts_once_the_shipper_acknowledges_the_custodians_record() {
	use evidence_primitives::facts::LogisticsFacts;
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		assert!(!Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().force_majeure);
		assert_noop!(
			record(SECOND_CARRIER, CheckpointKind::CustomsOpened, 200),
			Error::NotCustodian
		);
		assert_ok!(record(CARRIER, CheckpointKind::CustomsOpened, 200));
		assert_eq!(Shipments::<Test>::get(shipment_id()).unwrap().phase, ShipmentPhase::InTransit);
		// The custodian's word alone excuses nothing; only the shipper can acknowledge it.
		assert!(!Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().force_majeure);
		assert_noop!(
			Logistics::acknowledge_checkpoint(signed(CARRIER), shipment_id(), 1),
			Error::NotCheckpointCounterparty
		);
		assert_ok!(Logistics::acknowledge_checkpoint(signed(PLATFORM), shipment_id(), 1));
		assert!(Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().force_majeure);
		assert_ok!(record(CARRIER, CheckpointKind::OutForDelivery, 100));
		assert_ok!(record(CARRIER, CheckpointKind::ForceMajeure, 90));
		assert_ok!(record(CARRIER, CheckpointKind::Delivered, 10));
		assert_noop!(record(CARRIER, CheckpointKind::ForceMajeure, 5), Error::CheckpointOutOfOrder);
	});
}

#[test]
fn a_digest_needs_a_valid_signature_a_calibrated_device_and_an_open_leg() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 120));
		let mut late = summary(2_000);
		late.window_end = NOW + MINUTE + 1;
		assert_noop!(submit(CARRIER, 0, late), Error::EventInFuture);
		// Signed by another key, or over other content.
		let wrong_key = ed25519::Pair::from_string("//Mallory", None).unwrap();
		let message = sensor_digest_message(&shipment_id(), 0, &logger_id(), &summary(2_000));
		assert_noop!(
			Logistics::submit_sensor_digest(
				signed(CARRIER),
				shipment_id(),
				0,
				logger_id(),
				summary(2_000),
				wrong_key.sign(&message)
			),
			Error::BadSignature
		);
		assert_noop!(
			Logistics::submit_sensor_digest(
				signed(CARRIER),
				shipment_id(),
				0,
				logger_id(),
				summary(22_000),
				logger_key().sign(&message)
			),
			Error::BadSignature
		);
		// Calibration lapsed during the window (100 to 91 minutes ago): as registered, the
		// device was calibrated until 92 minutes ago.
		Devices::<Test>::mutate(logger_id(), |device| {
			let device = device.as_mut().unwrap();
			device.calibrated_on = NOW - 1_000 * MINUTE;
			device.calibration_due = NOW - 92 * MINUTE;
		});
		assert_noop!(submit(CARRIER, 0, summary(2_000)), Error::DeviceNotCalibrated);
		let recalibrate = |from: u64| {
			Logistics::update_device_calibration(
				signed(CARRIER),
				logger_id(),
				H256::zero(),
				from,
				NOW + MINUTE,
			)
		};
		// Neither the old nor the new calibration covers the whole window.
		assert_ok!(recalibrate(NOW - 99 * MINUTE));
		assert_noop!(submit(CARRIER, 0, summary(2_000)), Error::DeviceNotCalibrated);
		// A recalibration cannot be backdated over the past.
		assert_noop!(recalibrate(NOW - 1_000 * MINUTE), Error::CalibrationNotLater);
		// A window the new calibration covers is accepted.
		let mut covered = summary(2_000);
		covered.window_start = NOW - 98 * MINUTE;
		assert_ok!(submit(CARRIER, 0, covered));
		assert_noop!(submit(CARRIER, 0, covered), Error::DigestAlreadySubmitted);
	});
}

#[test]
fn a_recalibration_keeps_the_calibration_that_covered_the_past() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 120));
		// Recalibrated 50 minutes ago: the digest of 100 to 91 minutes ago is judged on the
		// calibration valid then (from 100 days ago), which the recalibration kept.
		assert_ok!(Logistics::update_device_calibration(
			signed(CARRIER),
			logger_id(),
			H256::repeat_byte(0xcc),
			NOW - 50 * MINUTE,
			NOW + 365 * 24 * 60 * MINUTE
		));
		let past = PastDeviceCalibrations::<Test>::get(logger_id());
		assert_eq!(past.len(), 1);
		assert_eq!(past[0].certificate, H256::repeat_byte(0xca));
		assert_ok!(submit(CARRIER, 0, summary(2_000)));
	});
}

#[test]
fn digests_go_to_open_legs_of_their_custodians_devices() {
	test(|| {
		setup();
		hand_over(90);
		// Leg 0 closed at the handover.
		assert_noop!(submit(CARRIER, 0, summary(2_000)), Error::LegClosed);
		// Leg 1 is the second carrier's; the logger belongs to the first.
		assert_noop!(submit(SECOND_CARRIER, 1, summary(2_000)), Error::DeviceNotOfCustodian);
	});
}

#[test]
fn a_leg_records_at_most_max_digests() {
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 120));
		assert_ok!(submit(CARRIER, 0, summary(2_000)));
		let second = device_of(2, 0xd2);
		assert_ok!(Logistics::register_device(
			signed(CARRIER),
			H256::repeat_byte(0xd2),
			DeviceKind::ShockLogger,
			code("SL"),
			code("SL-2"),
			logger_key().public(),
			H256::zero(),
			NOW - 1_000 * MINUTE,
			NOW + 1_000 * MINUTE
		));
		let sign = |device: &H256| {
			logger_key().sign(&sensor_digest_message(&shipment_id(), 0, device, &summary(2_000)))
		};
		assert_ok!(Logistics::submit_sensor_digest(
			signed(CARRIER),
			shipment_id(),
			0,
			second,
			summary(2_000),
			sign(&second)
		));
		let third = H256::repeat_byte(0xd3);
		Devices::<Test>::insert(third, Devices::<Test>::get(second).unwrap());
		assert_noop!(
			Logistics::submit_sensor_digest(
				signed(CARRIER),
				shipment_id(),
				0,
				third,
				summary(2_000),
				sign(&third)
			),
			Error::TooManyDigests
		);
	});
}

// ---- genesis ------------------------------------------------------------------------------

#[test]
fn genesis_publishes_the_presets_and_registers_devices() {
	let config = GenesisConfig::<Test> {
		profiles: preset_profiles(),
		devices: vec![GenesisDevice {
			reference: LOGGER_REF,
			owner: 2,
			kind: DeviceKind::MultiSensor,
			model: "TL-3".into(),
			serial: "TL3-0001".into(),
			key: H256(logger_key().public().0),
			calibration_certificate: H256::zero(),
			calibrated_on: 0,
			calibration_due: NOW,
		}],
		_config: Default::default(),
	};
	let json = serde_json::to_value(&config).unwrap();
	assert_eq!(json["profiles"][2]["name"], "chilled-2-8");
	let storage = frame_support::sp_runtime::BuildStorage::build_storage(&config).unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(NextProfileId::<Test>::get(), 4);
		assert_eq!(Profiles::<Test>::get(3, 1).unwrap().profile.name, code("frozen-18"));
		assert_eq!(Devices::<Test>::get(logger_id()).unwrap().key, logger_key().public());
		Logistics::do_try_state().unwrap();
	});
}

#[test]
fn profile_ids_and_versions_never_wrap() {
	test(|| {
		setup();
		let chilled = Profiles::<Test>::get(CHILLED, 1).unwrap();
		LatestProfileVersion::<Test>::insert(CHILLED, ProfileVersion::MAX);
		Profiles::<Test>::insert(CHILLED, ProfileVersion::MAX, chilled.clone());
		assert_noop!(
			Logistics::publish_profile(
				RuntimeOrigin::root(),
				Some(CHILLED),
				chilled.profile.clone()
			),
			Error::ProfileVersionOverflow
		);
		LatestProfileVersion::<Test>::insert(CHILLED, 1);
		Profiles::<Test>::remove(CHILLED, ProfileVersion::MAX);
		NextProfileId::<Test>::put(ProfileId::MAX);
		assert_noop!(
			Logistics::publish_profile(RuntimeOrigin::root(), None, chilled.profile),
			Error::TooManyProfiles
		);
	});
}

// ---- facts for the liability rules --------------------------------------------------------

#[test]
fn a_shipment_reads_as_facts_with_legs_delivery_and_signals() {
	use evidence_primitives::facts::{LegState, LogisticsFacts, Receipt};
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		assert_ok!(Logistics::propose_handover(
			signed(CARRIER),
			shipment_id(),
			4,
			NOW - 200 * MINUTE,
			H256::zero()
		));
		assert_ok!(Logistics::accept_handover(signed(SECOND_CARRIER), shipment_id(), seen(195)));
		assert_ok!(record(SECOND_CARRIER, CheckpointKind::OutForDelivery, 60));
		let mut at_door = seen(10);
		at_door.reservations = vec![Reservation::ApparentDamage].try_into().unwrap();
		assert_ok!(Logistics::record_checkpoint(
			signed(SECOND_CARRIER),
			shipment_id(),
			CheckpointKind::Delivered,
			at_door,
			Some(Receipt::LockerWithoutConsent)
		));
		let parties = Logistics::parties_of(&shipment_id()).unwrap();
		assert_eq!((parties.order, parties.shipper, parties.custodians), (ORDER, 1, vec![2, 4]));
		assert_eq!((parties.platform, parties.delivered_at), (1, Some(NOW - 10 * MINUTE)));
		let facts = Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap();
		assert_eq!(facts.legs.len(), 2);
		assert_eq!(facts.legs[0].custodian, 2);
		assert_eq!(facts.legs[0].closed_at, Some(NOW - 195 * MINUTE));
		assert_eq!(facts.legs[1].opened_at, NOW - 195 * MINUTE);
		// Both legs were opened (pickup, accepted handover) in block 1.
		assert_eq!((facts.legs[0].opened_in_block, facts.legs[1].opened_in_block), (1, 1));
		assert_eq!(facts.legs[1].state, LegState::NoData);
		assert_eq!(facts.legs[0].fact.id, leg_fact_id(&shipment_id(), 0));
		let delivery = facts.delivery.unwrap();
		assert_eq!(delivery.receipt, Receipt::LockerWithoutConsent);
		assert!(delivery.reservation);
		assert_eq!((delivery.carrier, delivery.at), (4, NOW - 10 * MINUTE));
		assert!(!delivery.by_shipper);
		assert_eq!(delivery.fact.id, checkpoint_fact_id(&shipment_id(), 3));
		assert!(facts.temperature_sensitive, "the chilled profile watches temperature");
		assert_eq!(facts.handover_tolerance_ms, 10 * MINUTE);
		assert_eq!(facts.declared_value, value());
		assert!(!facts.pickup_reservation && !facts.fraud_signal);
		assert!(Logistics::shipment_facts(&H256::zero(), u64::MAX).is_none());
	});
}

#[test]
fn platforms_register_order_lines_with_their_merchants() {
	test(|| {
		setup();
		let order = H256::repeat_byte(0x4e);
		assert_ok!(Logistics::register_order(signed(PLATFORM), order, 5));
		assert_eq!(OrderLines::<Test>::get(1, order), Some(5));
		assert_eq!(last_event(), Event::OrderRegistered { platform: 1, order, merchant: 5 }.into());
		assert_noop!(
			Logistics::register_order(signed(PLATFORM), order, 5),
			Error::OrderAlreadyRegistered
		);
		assert_noop!(
			Logistics::register_order(signed(PLATFORM), H256::zero(), 2),
			Error::NotAMerchant
		);
		assert_noop!(Logistics::register_order(signed(MERCHANT), order, 5), Error::NotAPlatform);
		assert_noop!(Logistics::register_order(signed(OUTSIDER), order, 5), Error::NotAMember);
		let ship = |who, platform| {
			Logistics::create_shipment(
				signed(who),
				H256::repeat_byte(0x5e),
				order,
				platform,
				vec![H256::repeat_byte(7)].try_into().unwrap(),
				CHILLED,
				1,
				value(),
				2,
			)
		};
		// A merchant cannot name itself as the platform, nor a platform that did not register
		// the order line with it.
		assert_noop!(ship(MERCHANT, 5), Error::NotAPlatform);
		assert_noop!(ship(MERCHANT, 6), Error::OrderNotRegistered);
		// An order line the platform registered with another merchant.
		let theirs = H256::repeat_byte(0x4f);
		OrderLines::<Test>::insert(1, theirs, 6);
		assert_noop!(
			Logistics::create_shipment(
				signed(MERCHANT),
				H256::repeat_byte(0x5f),
				theirs,
				1,
				vec![H256::repeat_byte(7)].try_into().unwrap(),
				CHILLED,
				1,
				value(),
				2,
			),
			Error::OrderOfAnotherMerchant
		);
		assert_ok!(ship(MERCHANT, 1));
		assert_eq!(
			Shipments::<Test>::get(shipment_of(5, H256::repeat_byte(0x5e))).unwrap().platform,
			1
		);
	});
}

#[test]
fn custody_is_only_what_a_carrier_took_and_a_return_is_kept_apart() {
	use evidence_primitives::facts::LogisticsFacts;
	test(|| {
		setup();
		// Named as first carrier, never picked up: nobody's custody.
		assert!(Logistics::parties_of(&shipment_id()).unwrap().custodians.is_empty());
		assert!(Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().legs.is_empty());
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		assert_eq!(Logistics::parties_of(&shipment_id()).unwrap().custodians, vec![2]);
		assert_ok!(record(CARRIER, CheckpointKind::OutForDelivery, 200));
		assert_ok!(record(CARRIER, CheckpointKind::Delivered, 100));
		assert_ok!(record(SECOND_CARRIER, CheckpointKind::ReturnPickup, 50));
		// The return carrier holds the return leg, not an outbound one.
		assert_eq!(Logistics::parties_of(&shipment_id()).unwrap().custodians, vec![2]);
		let facts = Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap();
		assert_eq!(facts.legs.len(), 1);
		assert_eq!(facts.legs[0].custodian, 2);
		assert!(!facts.delivery.unwrap().by_shipper);
	});
}

#[test]
fn reservations_shift_liability_only_once_the_side_they_hold_against_acknowledges_them() {
	use evidence_primitives::facts::LogisticsFacts;
	test(|| {
		setup();
		let mut crushed = seen(300);
		crushed.reservations = vec![Reservation::Crushed].try_into().unwrap();
		assert_ok!(Logistics::record_checkpoint(
			signed(CARRIER),
			shipment_id(),
			CheckpointKind::Pickup,
			crushed.clone(),
			None
		));
		// The carrier's own note at pickup does not yet bind the shipper.
		assert!(!Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().pickup_reservation);
		assert_noop!(
			Logistics::acknowledge_checkpoint(signed(CARRIER), shipment_id(), 0),
			Error::NotCheckpointCounterparty
		);
		assert_noop!(
			Logistics::acknowledge_checkpoint(signed(PLATFORM), shipment_id(), 9),
			Error::UnknownCheckpoint
		);
		assert_ok!(Logistics::acknowledge_checkpoint(signed(PLATFORM), shipment_id(), 0));
		assert_eq!(
			last_event(),
			Event::CheckpointAcknowledged { shipment: shipment_id(), index: 0, by: 1 }.into()
		);
		assert!(Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().pickup_reservation);
		assert_noop!(
			Logistics::acknowledge_checkpoint(signed(PLATFORM), shipment_id(), 0),
			Error::AlreadyAcknowledged
		);
		// At a handover the receiver's note holds against the carrier handing over.
		assert_ok!(Logistics::propose_handover(
			signed(CARRIER),
			shipment_id(),
			4,
			NOW - 200 * MINUTE,
			H256::zero()
		));
		let mut noted = seen(200);
		noted.reservations = vec![Reservation::ApparentDamage].try_into().unwrap();
		assert_ok!(Logistics::accept_handover(signed(SECOND_CARRIER), shipment_id(), noted));
		assert!(
			!Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().legs[0]
				.damage_noted_at_close
		);
		assert_noop!(
			Logistics::acknowledge_checkpoint(signed(PLATFORM), shipment_id(), 1),
			Error::NotCheckpointCounterparty
		);
		assert_ok!(Logistics::acknowledge_checkpoint(signed(CARRIER), shipment_id(), 1));
		let facts = Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap();
		assert!(facts.legs[0].damage_noted_at_close && !facts.legs[1].damage_noted_at_close);
		// A checkpoint without reservations has nothing to acknowledge.
		assert_ok!(record(SECOND_CARRIER, CheckpointKind::OutForDelivery, 100));
		assert_noop!(
			Logistics::acknowledge_checkpoint(signed(SECOND_CARRIER), shipment_id(), 2),
			Error::NothingToAcknowledge
		);
	});
}

#[test]
fn a_delivery_the_shipper_records_itself_is_marked_as_such() {
	use evidence_primitives::facts::LogisticsFacts;
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300));
		assert_ok!(record(CARRIER, CheckpointKind::OutForDelivery, 200));
		assert_ok!(Logistics::record_checkpoint(
			signed(PLATFORM),
			shipment_id(),
			CheckpointKind::Delivered,
			seen(100),
			Some(Receipt::ConsigneeSigned)
		));
		let delivery =
			Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().delivery.unwrap();
		assert!(delivery.by_shipper);
	});
}

#[test]
fn a_weight_change_or_a_missing_reservation_is_a_fraud_signal() {
	use evidence_primitives::facts::LogisticsFacts;
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 300)); // 5,200 g
		assert_ok!(record(CARRIER, CheckpointKind::OutForDelivery, 60));
		let mut lighter = seen(10);
		// 5 % lighter is within tolerance; anything more is not.
		lighter.package = Some(PackageState { seal_intact: true, gross_weight_grams: 4_940 });
		assert_ok!(Logistics::record_checkpoint(
			signed(CARRIER),
			shipment_id(),
			CheckpointKind::Delivered,
			lighter.clone(),
			Some(Receipt::ConsigneeSigned)
		));
		assert!(!Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().fraud_signal);
		Checkpoints::<Test>::mutate(shipment_id(), 2, |c| {
			c.as_mut().unwrap().observation.package =
				Some(PackageState { seal_intact: true, gross_weight_grams: 4_939 });
		});
		assert!(Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().fraud_signal);
		Checkpoints::<Test>::mutate(shipment_id(), 2, |c| {
			let observation = &mut c.as_mut().unwrap().observation;
			observation.package = None;
			observation.reservations = vec![Reservation::Missing].try_into().unwrap();
		});
		assert!(Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().fraud_signal);
	});
}

#[test]
fn two_devices_disagreeing_on_a_leg_are_reported() {
	use evidence_primitives::facts::LogisticsFacts;
	test(|| {
		setup();
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 120));
		assert_ok!(submit(CARRIER, 0, summary(2_000)));
		assert!(
			!Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().legs[0]
				.conflicting_devices
		);
		let second = H256::repeat_byte(0xd2);
		Devices::<Test>::insert(second, Devices::<Test>::get(logger_id()).unwrap());
		let shocked = summary(22_000);
		let signature =
			logger_key().sign(&sensor_digest_message(&shipment_id(), 0, &second, &shocked));
		assert_ok!(Logistics::submit_sensor_digest(
			signed(CARRIER),
			shipment_id(),
			0,
			second,
			shocked,
			signature
		));
		assert!(
			Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().legs[0]
				.conflicting_devices
		);
	});
}

#[test]
fn a_withdrawn_devices_digests_are_set_aside_for_disputes_opened_after() {
	use evidence_primitives::facts::LogisticsFacts;
	test(|| {
		setup();
		// A second logger on the same leg, signing with its own key.
		let spare_key = ed25519::Pair::from_seed(&[7; 32]);
		let spare = device_of(2, 0xd2);
		assert_ok!(Logistics::register_device(
			signed(CARRIER),
			H256::repeat_byte(0xd2),
			DeviceKind::MultiSensor,
			code("TL-3"),
			code("TL3-0002"),
			spare_key.public(),
			H256::repeat_byte(0xcb),
			NOW - 100 * 24 * 60 * MINUTE,
			NOW + 200 * 24 * 60 * MINUTE,
		));
		assert_ok!(record(CARRIER, CheckpointKind::Pickup, 120));
		assert_ok!(submit(CARRIER, 0, summary(22_000)));
		let calm = summary(2_000);
		let signature = spare_key.sign(&sensor_digest_message(&shipment_id(), 0, &spare, &calm));
		assert_ok!(Logistics::submit_sensor_digest(
			signed(CARRIER),
			shipment_id(),
			0,
			spare,
			calm,
			signature
		));
		let both = Logistics::shipment_facts(&shipment_id(), u64::MAX).unwrap().legs[0].clone();
		assert!(both.conflicting_devices && !both.data_excluded);
		// Only governance withdraws a device, from a time that has passed.
		assert_noop!(
			Logistics::withdraw_device(signed(CARRIER), logger_id(), NOW - 120 * MINUTE),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Logistics::withdraw_device(RuntimeOrigin::root(), logger_id(), NOW + 1),
			Error::WithdrawalInFuture
		);
		assert_noop!(
			Logistics::withdraw_device(RuntimeOrigin::root(), H256::zero(), NOW),
			Error::UnknownDevice
		);
		frame_system::Pallet::<Test>::set_block_number(5);
		assert_ok!(Logistics::withdraw_device(
			RuntimeOrigin::root(),
			logger_id(),
			NOW - 120 * MINUTE
		));
		assert_eq!(
			last_event(),
			Event::DeviceWithdrawn { device: logger_id(), from: NOW - 120 * MINUTE }.into()
		);
		assert_noop!(
			Logistics::withdraw_device(RuntimeOrigin::root(), logger_id(), NOW),
			Error::DeviceWithdrawn
		);
		// For a dispute opened from block 5 on, the leg reads as its other logger saw it.
		let leg = Logistics::shipment_facts(&shipment_id(), 5).unwrap().legs[0].clone();
		assert!(leg.data_excluded && !leg.conflicting_devices);
		assert_eq!((leg.state, leg.excursions), (LegState::Clean, vec![]));
		// A dispute opened before the withdrawal keeps both.
		assert_eq!(Logistics::shipment_facts(&shipment_id(), 4).unwrap().legs[0], both);
		// The withdrawn logger signs nothing more and is not recalibrated.
		assert_noop!(submit(CARRIER, 0, summary(2_000)), Error::DeviceWithdrawn);
		assert_noop!(
			Logistics::update_device_calibration(
				signed(CARRIER),
				logger_id(),
				H256::zero(),
				NOW,
				NOW + 1
			),
			Error::DeviceWithdrawn
		);
	});
}

#[test]
fn a_delivery_checkpoint_is_charged_what_the_delivery_observer_may_do() {
	new_test_ext().execute_with(|| {
		use frame_support::dispatch::GetDispatchInfo;
		let weight_of = |kind| {
			crate::Call::<Test>::record_checkpoint {
				shipment: shipment_id(),
				kind,
				observation: seen(1),
				receipt: Some(Receipt::ConsigneeSigned),
			}
			.get_dispatch_info()
			.call_weight
		};
		// The liability pallet may schedule a signed delivery's confirmation: a delivery pays
		// for it on top of the checkpoint, a hub scan does not.
		assert_eq!(
			weight_of(CheckpointKind::Delivered),
			weight_of(CheckpointKind::HubIn) + DELIVERY_OBSERVER_WEIGHT
		);
		assert_eq!(
			weight_of(CheckpointKind::HubIn),
			<() as crate::WeightInfo>::record_checkpoint(0)
		);
		// A note is registered with the notary as a media item is, and charged as one.
		let noted = crate::Call::<Test>::record_checkpoint {
			shipment: shipment_id(),
			kind: CheckpointKind::HubIn,
			observation: Observation { note: Some(ContentDigest::sha2_256_of(b"n")), ..seen(1) },
			receipt: None,
		};
		assert_eq!(
			noted.get_dispatch_info().call_weight,
			<() as crate::WeightInfo>::record_checkpoint(1)
		);
	});
}

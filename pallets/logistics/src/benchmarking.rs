//! Benchmarks of every call at its worst case.

use super::*;
use alloc::{vec, vec::Vec};
use evidence_primitives::{
	cite_to_one_short, record_id, ContentDigest, EvidenceKind, FactKind, MembershipCheck, OrgId,
	RecordKind,
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::{crypto::KeyTypeId, H256};

const NOW: u64 = 1_767_225_600_000;
const MINUTE: u64 = 60_000;
const KEY_TYPE: KeyTypeId = KeyTypeId(*b"evlg");

fn key(n: u32) -> H256 {
	let mut bytes = [0x33; 32];
	bytes[..4].copy_from_slice(&n.to_be_bytes());
	H256(bytes)
}

fn org_of<T: Config>(who: &T::AccountId) -> OrgId {
	T::Membership::organisation_of(who).expect("benchmark accounts are members")
}

fn code(seed: u8) -> Code {
	vec![seed; MAX_CODE_LEN as usize].try_into().expect("MAX_CODE_LEN bytes")
}

/// A profile watching every dimension, published as profile 0 version 1.
fn profile<T: Config>() -> ConditionProfile {
	let profile = ConditionProfile {
		name: code(b'p'),
		temperature: Some(TemperatureRange { min_centi_celsius: 200, max_centi_celsius: 800 }),
		freeze_limit_centi_celsius: Some(-50),
		max_time_outside_ms: 30 * MINUTE,
		max_single_excursion_ms: 15 * MINUTE,
		shock: Some(ShockLimit { peak_milli_g: 15_000, min_pulse_ms: 3 }),
		humidity: Some(HumidityRange { min_per_mille: 0, max_per_mille: 850 }),
		max_data_gap_ms: 15 * MINUTE,
		handover_tolerance_ms: 10 * MINUTE,
	};
	Profiles::<T>::insert(
		0,
		1,
		PublishedProfile { owner: ProfileOwner::Consortium, profile: profile.clone() },
	);
	LatestProfileVersion::<T>::insert(0, 1);
	NextProfileId::<T>::put(1);
	profile
}

/// A shipment of the shipper carried by the carrier, in `phase`, leg 0 opened an hour ago.
fn shipment<T: Config>(phase: ShipmentPhase) -> (ShipmentId, OrgId, OrgId) {
	pallet_timestamp::Now::<T>::put(NOW);
	profile::<T>();
	let shipper = org_of::<T>(&T::BenchmarkHelper::shipper_operator());
	let carrier = org_of::<T>(&T::BenchmarkHelper::carrier_operator());
	let id = H256::repeat_byte(0x51);
	let units: Vec<H256> = (0..T::MaxUnitsPerShipment::get()).map(|n| key(n)).collect();
	Shipments::<T>::insert(
		id,
		Shipment {
			order: H256::repeat_byte(0x41),
			units: BoundedVec::truncate_from(units),
			shipper,
			platform: shipper,
			profile: 0,
			profile_version: 1,
			declared_value: Money { currency: *b"EUR", minor_units: u128::MAX },
			phase,
			current_leg: 0,
			delivered_leg: None,
			checkpoint_count: 1,
			last_event_time: NOW - 60 * MINUTE,
			at_hub: false,
			pending_handover: None,
		},
	);
	ShipmentsByOrder::<T>::insert(H256::repeat_byte(0x41), BoundedVec::truncate_from(vec![id]));
	Legs::<T>::insert(
		id,
		0,
		Leg {
			custodian: carrier,
			opened_at: Some(NOW - 60 * MINUTE),
			closed_at: None,
			condition: LegState::Clean,
			excursions: Default::default(),
			digest_count: 0,
		},
	);
	(id, shipper, carrier)
}

/// An observation by `who` with `m` media, every digest's citations one short of full.
fn cited_observation<T: Config>(who: &T::AccountId, m: u32) -> Observation<T> {
	let observation = observation::<T>(m);
	for digest in observation.media.iter().map(|item| item.digest).chain(observation.note) {
		cite_to_one_short::<T::AccountId, T::Evidence>(
			who,
			digest,
			EvidenceKind::Photo,
			NOW - MINUTE,
			FactKind::Checkpoint,
		);
	}
	observation
}

/// An observation with `m` media and no note (a note is charged as one more media item).
fn observation<T: Config>(m: u32) -> Observation<T> {
	let media: Vec<CheckpointMedia> = (0..m)
		.map(|n| CheckpointMedia {
			digest: ContentDigest::blake2_256_of(&n.to_be_bytes()),
			kind: EvidenceKind::Photo,
			captured_at: NOW - MINUTE,
		})
		.collect();
	Observation {
		event_time: NOW - MINUTE,
		location: H256::zero(),
		package: Some(PackageState { seal_intact: false, gross_weight_grams: u32::MAX }),
		reservations: BoundedVec::truncate_from(vec![
			Reservation::ApparentDamage,
			Reservation::SealBroken,
			Reservation::Wet,
			Reservation::Crushed,
			Reservation::WeightMismatch,
			Reservation::Missing,
		]),
		note: None,
		media: BoundedVec::truncate_from(media),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Governance publishes the next version of a profile.
	#[benchmark]
	fn publish_profile() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let next = profile::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Some(0), next);

		assert_eq!(LatestProfileVersion::<T>::get(0), Some(2));
		Ok(())
	}

	#[benchmark]
	fn register_device() {
		let caller = T::BenchmarkHelper::carrier_operator();
		let carrier = org_of::<T>(&caller);
		let reference = H256::repeat_byte(0xd1);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			reference,
			DeviceKind::MultiSensor,
			code(b'm'),
			code(b's'),
			sp_core::ed25519::Public::from_raw([1; 32]),
			H256::zero(),
			NOW,
			NOW + MINUTE,
		);

		assert!(Devices::<T>::contains_key(record_id(RecordKind::Device, carrier, reference)));
	}

	#[benchmark]
	fn update_device_calibration() {
		let caller = T::BenchmarkHelper::carrier_operator();
		let device = H256::repeat_byte(0xd1);
		Devices::<T>::insert(
			device,
			Device {
				owner: org_of::<T>(&caller),
				kind: DeviceKind::MultiSensor,
				model: code(b'm'),
				serial: code(b's'),
				key: sp_core::ed25519::Public::from_raw([1; 32]),
				calibration_certificate: H256::zero(),
				calibrated_on: 0,
				calibration_due: 1,
				withdrawn: None,
			},
		);
		// Its history one short of full.
		let past = evidence_primitives::Calibration {
			certificate: H256::zero(),
			calibrated_on: 0,
			due: 1,
		};
		PastDeviceCalibrations::<T>::insert(
			device,
			BoundedVec::truncate_from(vec![
				past;
				evidence_primitives::MAX_PAST_CALIBRATIONS as usize - 1
			]),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), device, H256::repeat_byte(1), NOW, NOW + MINUTE);

		assert_eq!(Devices::<T>::get(device).map(|d| d.calibration_due), Some(NOW + MINUTE));
	}

	/// Governance withdraws a device.
	#[benchmark]
	fn withdraw_device() -> Result<(), BenchmarkError> {
		let caller = T::BenchmarkHelper::carrier_operator();
		let device = H256::repeat_byte(0xd2);
		Devices::<T>::insert(
			device,
			Device {
				owner: org_of::<T>(&caller),
				kind: DeviceKind::MultiSensor,
				model: code(b'm'),
				serial: code(b's'),
				key: sp_core::ed25519::Public::from_raw([1; 32]),
				calibration_certificate: H256::zero(),
				calibrated_on: 0,
				calibration_due: 1,
				withdrawn: None,
			},
		);
		pallet_timestamp::Now::<T>::put(NOW);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, device, NOW - MINUTE);

		assert!(Devices::<T>::get(device).is_some_and(|d| d.withdrawn.is_some()));
		Ok(())
	}

	/// A platform registers an order line with its merchant.
	#[benchmark]
	fn register_order() {
		let caller = T::BenchmarkHelper::shipper_operator();
		let platform = org_of::<T>(&caller);
		let merchant = T::BenchmarkHelper::merchant();
		let order = H256::repeat_byte(0x41);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), order, merchant);

		assert_eq!(OrderLines::<T>::get(platform, order), Some(merchant));
	}

	/// The shipper acknowledges the reservations the carrier noted at its pickup.
	#[benchmark]
	fn acknowledge_checkpoint() {
		let caller = T::BenchmarkHelper::shipper_operator();
		let (id, shipper, carrier) = shipment::<T>(ShipmentPhase::InTransit);
		Checkpoints::<T>::insert(
			id,
			0,
			Checkpoint {
				kind: CheckpointKind::Pickup,
				leg: 0,
				from: Some(shipper),
				to: Some(carrier),
				observation: Observation {
					note: Some(ContentDigest::sha2_256_of(b"note")),
					..observation::<T>(T::MaxMediaPerCheckpoint::get())
				},
				receipt: None,
				recorded_by_org: carrier,
				recorded_by: T::BenchmarkHelper::carrier_operator(),
				block: frame_system::Pallet::<T>::block_number(),
				acknowledged: false,
			},
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 0);

		assert!(Checkpoints::<T>::get(id, 0).is_some_and(|c| c.acknowledged));
	}

	/// `u` units, the order index one short of its bound; the platform ships its own goods.
	#[benchmark]
	fn create_shipment(u: Linear<1, { T::MaxUnitsPerShipment::get() }>) {
		let caller = T::BenchmarkHelper::shipper_operator();
		let platform = org_of::<T>(&caller);
		let carrier = org_of::<T>(&T::BenchmarkHelper::carrier_operator());
		profile::<T>();
		let order = H256::repeat_byte(0x41);
		let others: Vec<H256> = (1..T::MaxShipmentsPerOrder::get()).map(|n| key(n)).collect();
		ShipmentsByOrder::<T>::insert(order, BoundedVec::truncate_from(others));
		let units: Vec<H256> = (0..u).map(|n| key(n)).collect();
		// Every unit carried by as many shipments as it may be, less one.
		let earlier: Vec<H256> = (0..T::MaxShipmentsPerUnit::get() - 1)
			.map(|n| {
				let mut bytes = [0x60; 32];
				bytes[..4].copy_from_slice(&n.to_be_bytes());
				H256(bytes)
			})
			.collect();
		for unit in &units {
			ShipmentsByUnit::<T>::insert(unit, BoundedVec::truncate_from(earlier.clone()));
		}
		let reference = H256::repeat_byte(0x51);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			reference,
			order,
			platform,
			BoundedVec::truncate_from(units),
			0,
			1,
			Money { currency: *b"EUR", minor_units: u128::MAX },
			carrier,
		);

		assert!(Shipments::<T>::contains_key(record_id(RecordKind::Shipment, platform, reference)));
	}

	/// The platform records the consignee's signature (the extra role read), closing the leg,
	/// with `m` media, each digest's citations one short of full.
	#[benchmark]
	fn record_checkpoint(m: Linear<0, { T::MaxMediaPerCheckpoint::get() }>) {
		let caller = T::BenchmarkHelper::shipper_operator();
		let (id, _, _) = shipment::<T>(ShipmentPhase::OutForDelivery);
		let observation = cited_observation::<T>(&caller, m);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			id,
			CheckpointKind::Delivered,
			observation,
			Some(Receipt::ConsigneeSigned),
		);

		assert_eq!(Shipments::<T>::get(id).map(|s| s.phase), Some(ShipmentPhase::Delivered));
	}

	#[benchmark]
	fn propose_handover() {
		let caller = T::BenchmarkHelper::carrier_operator();
		let to = org_of::<T>(&T::BenchmarkHelper::second_carrier_operator());
		let (id, _, _) = shipment::<T>(ShipmentPhase::InTransit);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, to, NOW - MINUTE, H256::zero());

		assert!(Shipments::<T>::get(id).is_some_and(|s| s.pending_handover.is_some()));
	}

	/// Accepting with `m` media, each digest's citations one short of full.
	#[benchmark]
	fn accept_handover(m: Linear<0, { T::MaxMediaPerCheckpoint::get() }>) {
		let caller = T::BenchmarkHelper::second_carrier_operator();
		let to = org_of::<T>(&caller);
		let (id, _, _) = shipment::<T>(ShipmentPhase::InTransit);
		Shipments::<T>::mutate(id, |s| {
			if let Some(s) = s {
				s.pending_handover =
					Some(PendingHandover { to, event_time: NOW - MINUTE, location: H256::zero() });
			}
		});

		let observation = cited_observation::<T>(&caller, m);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, observation);

		assert_eq!(Shipments::<T>::get(id).map(|s| s.current_leg), Some(1));
	}

	/// A signed digest showing an excursion, on a leg one digest short of its bound.
	#[benchmark]
	fn submit_sensor_digest() {
		let caller = T::BenchmarkHelper::carrier_operator();
		let (id, _, carrier) = shipment::<T>(ShipmentPhase::InTransit);
		Legs::<T>::mutate(id, 0, |leg| {
			if let Some(leg) = leg {
				leg.digest_count = T::MaxDigestsPerLeg::get() - 1;
			}
		});
		let key = sp_io::crypto::ed25519_generate(KEY_TYPE, None);
		let device = H256::repeat_byte(0xd1);
		Devices::<T>::insert(
			device,
			Device {
				owner: carrier,
				kind: DeviceKind::MultiSensor,
				model: code(b'm'),
				serial: code(b's'),
				key,
				calibration_certificate: H256::zero(),
				calibrated_on: 0,
				calibration_due: u64::MAX,
				withdrawn: None,
			},
		);
		let summary = SensorSummary {
			window_start: NOW - 50 * MINUTE,
			window_end: NOW - MINUTE,
			sample_interval_ms: 1_000,
			sample_count: u32::MAX,
			gap_total_ms: 0,
			gap_longest_ms: 0,
			power_off_ms: 0,
			temperature: Some(TemperatureSummary {
				min_centi_celsius: -100,
				max_centi_celsius: 1_200,
				mean_centi_celsius: 500,
				time_above_ms: 40 * MINUTE,
				time_below_ms: 0,
				excursions: 3,
				longest_excursion_ms: 20 * MINUTE,
				first_excursion_at: Some(NOW - 40 * MINUTE),
				time_below_freeze_ms: MINUTE,
				first_freeze_at: Some(NOW - 45 * MINUTE),
			}),
			humidity: Some(HumiditySummary {
				min_per_mille: 100,
				max_per_mille: 900,
				first_out_of_range_at: Some(NOW - 30 * MINUTE),
			}),
			shock: Some(ShockSummary {
				events_over_threshold: 2,
				peak_milli_g: 30_000,
				peak_pulse_ms: 6,
				peak_at: NOW - 20 * MINUTE,
			}),
			tilt_events: 1,
			alarm_flags: u32::MAX,
			error_flags: u32::MAX,
			readings_root: H256::repeat_byte(0xee),
		};
		let message = sensor_digest_message(&id, 0, &device, &summary);
		let signature =
			sp_io::crypto::ed25519_sign(KEY_TYPE, &key, &message).expect("the key was generated");

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 0, device, summary, signature);

		assert!(SensorDigests::<T>::contains_key((id, 0), device));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

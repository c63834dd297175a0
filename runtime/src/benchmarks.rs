//! The pallets `scripts/benchmark-weights.sh` benchmarks against this runtime.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_consortium, Consortium]
	[pallet_notary, Notary]
	[pallet_inspection, Inspection]
	[pallet_logistics, Logistics]
	[pallet_liability, Liability]
);

/// The costliest facts the runtime allows for the liability benchmarks, stored through the
/// real calls of the consortium, inspection and logistics pallets on the `dev` preset: a
/// merchant's shipment of the most units, carried over the most legs by as many carriers,
/// each leg reported by the most loggers, with every checkpoint slot used; and the most
/// attestations on the disputed unit, each with the most test items.
pub struct LiabilityFacts;

mod liability_facts {
	use crate::{AccountId, Consortium, Inspection, Logistics, Runtime, RuntimeOrigin};
	use alloc::{format, vec, vec::Vec};
	use evidence_primitives::{ContentDigest, MembershipCheck, OrgId, OrganisationDirectory, Role};
	use frame_support::traits::Get;
	use pallet_inspection::{
		AttestationInput, Criticality, DamageMode, MeasurementUnit, Outcome, Purpose, Sampling,
		Subjects, TestItem, TestResult, Verdict,
	};
	use pallet_liability::BenchmarkFacts;
	use pallet_logistics::{
		sensor_digest_message, CheckpointKind, DeviceKind, Money, Observation, PackageState,
		Receipt, Reservation, SensorSummary, ShockSummary, TemperatureSummary,
	};
	use sp_core::{crypto::KeyTypeId, H256};
	use sp_keyring::Sr25519Keyring;
	use sp_runtime::app_crypto::RuntimePublic;

	/// 2026-06-01T00:00:00Z.
	const NOW: u64 = 1_780_272_000_000;
	const MINUTE: u64 = 60_000;
	const KEY_TYPE: KeyTypeId = KeyTypeId(*b"evbl");
	/// The `chilled-2-8` preset profile: temperature, freeze and shock are all evaluated.
	const CHILLED: u32 = 2;

	fn key(text: &str) -> H256 {
		H256(sp_crypto_hashing::blake2_256(text.as_bytes()))
	}

	fn code<S: Get<u32>>(text: &str) -> frame_support::BoundedVec<u8, S> {
		frame_support::BoundedVec::truncate_from(text.as_bytes().to_vec())
	}

	fn signed(who: &AccountId) -> RuntimeOrigin {
		RuntimeOrigin::signed(who.clone())
	}

	/// Admits an organisation whose admin is a fresh benchmark account; the admin and the id.
	fn admit(name: &'static str, role: Role, index: u32) -> (AccountId, OrgId) {
		let admin: AccountId = frame_benchmarking::account(name, index, 0);
		if let Ok(org) = Consortium::organisation_of(&admin) {
			return (admin, org);
		}
		Consortium::admit_org(
			RuntimeOrigin::root(),
			format!("{name} {index}").into_bytes(),
			vec![role],
			admin.clone(),
		)
		.expect("root admits an organisation");
		let org = Consortium::organisation_of(&admin).expect("just admitted");
		(admin, org)
	}

	fn observation(at: u64, reservations: Vec<Reservation>) -> Observation<Runtime> {
		Observation {
			event_time: at,
			location: key("bench location"),
			package: Some(PackageState { seal_intact: true, gross_weight_grams: 1_800 }),
			reservations: frame_support::BoundedVec::truncate_from(reservations),
			note: None,
			media: Default::default(),
		}
	}

	/// A digest over `[start, end)`: chilled and calm, or a 30 g drop.
	fn summary(start: u64, end: u64, dropped: bool) -> SensorSummary {
		SensorSummary {
			window_start: start,
			window_end: end,
			sample_interval_ms: 60_000,
			sample_count: ((end - start) / MINUTE) as u32,
			gap_total_ms: 0,
			gap_longest_ms: 0,
			power_off_ms: 0,
			temperature: Some(TemperatureSummary {
				min_centi_celsius: 400,
				max_centi_celsius: 600,
				mean_centi_celsius: 500,
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
				events_over_threshold: u32::from(dropped),
				peak_milli_g: if dropped { 30_000 } else { 1_500 },
				peak_pulse_ms: 6,
				peak_at: start + 20 * MINUTE,
			}),
			tilt_events: 0,
			alarm_flags: 0,
			error_flags: 0,
			readings_root: H256::repeat_byte(0xee),
		}
	}

	impl pallet_liability::BenchmarkHelper<AccountId> for super::LiabilityFacts {
		fn worst_case_facts() -> BenchmarkFacts<AccountId> {
			type L = <Runtime as pallet_logistics::Config>::MaxLegsPerShipment;
			type D = <Runtime as pallet_logistics::Config>::MaxDigestsPerLeg;
			type U = <Runtime as pallet_logistics::Config>::MaxUnitsPerShipment;
			type C = <Runtime as pallet_logistics::Config>::MaxCheckpointsPerShipment;
			type A = <Runtime as pallet_inspection::Config>::MaxAttestationsPerUnit;
			type I = <Runtime as pallet_inspection::Config>::MaxTestItems;
			pallet_timestamp::Now::<Runtime>::put(NOW);
			let (legs, loggers): (u32, u32) = (<L as Get<u32>>::get(), <D as Get<u32>>::get());

			// One carrier per leg, each with its loggers.
			let carriers: Vec<(AccountId, OrgId, Vec<(H256, sp_core::ed25519::Public)>)> = (0
				..legs)
				.map(|n| {
					let (admin, org) = admit("Benchmark Carrier", Role::Carrier, n);
					let devices = (0..loggers)
						.map(|d| {
							let reference = key(&format!("bench logger {n}/{d}"));
							let device = evidence_primitives::record_id(
								evidence_primitives::RecordKind::Device,
								org,
								reference,
							);
							let public = sp_runtime::app_crypto::ed25519::Public::generate_pair(
								KEY_TYPE, None,
							);
							Logistics::register_device(
								signed(&admin),
								reference,
								DeviceKind::MultiSensor,
								code("BL-1"),
								code(&format!("BL-{n}-{d}")),
								public,
								H256::zero(),
								NOW - 100 * 24 * 60 * MINUTE,
								NOW + 100 * 24 * 60 * MINUTE,
							)
							.expect("a carrier registers its logger");
							(device, public)
						})
						.collect();
					(admin, org, devices)
				})
				.collect();

			// The demo platform registers the order line with a merchant, which ships the most
			// units; the first is disputed.
			let (merchant, merchant_org) = admit("Benchmark Merchant", Role::Merchant, 0);
			let platform = Sr25519Keyring::AliceStash.to_account_id();
			let shipment = evidence_primitives::record_id(
				evidence_primitives::RecordKind::Shipment,
				merchant_org,
				key("bench shipment"),
			);
			let order = key("bench order");
			Logistics::register_order(signed(&platform), order, merchant_org)
				.expect("the platform registers the order line");
			let platform = Consortium::organisation_of(&platform).expect("the demo platform");
			let units: Vec<H256> =
				(0..<U as Get<u32>>::get()).map(|n| key(&format!("bench unit {n}"))).collect();
			let unit = units[0];
			Logistics::create_shipment(
				signed(&merchant),
				key("bench shipment"),
				order,
				platform,
				frame_support::BoundedVec::truncate_from(units),
				CHILLED,
				1,
				Money { currency: *b"EUR", minor_units: u128::MAX },
				carriers[0].1,
			)
			.expect("the merchant ships");

			// An hour per leg; hub stops fill the checkpoint slots a delivery leaves free.
			let leg_ms = 60 * MINUTE;
			let start = NOW - u64::from(legs) * leg_ms - 10 * MINUTE;
			let record = |who: &AccountId, kind, at, receipt| {
				Logistics::record_checkpoint(
					signed(who),
					shipment,
					kind,
					observation(at, vec![]),
					receipt,
				)
				.expect("a valid checkpoint");
			};
			record(&carriers[0].0, CheckpointKind::Pickup, start, None);
			let mut spare_stops: u32 = (<C as Get<u32>>::get() - 2 - legs) / 2;
			for (n, (admin, _, devices)) in carriers.iter().enumerate() {
				let opened = start + n as u64 * leg_ms;
				for (index, (device, public)) in devices.iter().enumerate() {
					let last = n + 1 == carriers.len();
					let digest = summary(opened + MINUTE, opened + 40 * MINUTE, last);
					let message = sensor_digest_message(&shipment, n as u32, device, &digest);
					let signature = public.sign(KEY_TYPE, &message).expect("the key was generated");
					Logistics::submit_sensor_digest(
						signed(admin),
						shipment,
						n as u32,
						*device,
						digest,
						signature,
					)
					.unwrap_or_else(|e| panic!("digest {index} of leg {n}: {e:?}"));
				}
				for stop in 0..2u64 {
					if spare_stops == 0 {
						break;
					}
					spare_stops -= 1;
					record(admin, CheckpointKind::HubIn, opened + (41 + 4 * stop) * MINUTE, None);
					record(admin, CheckpointKind::HubOut, opened + (43 + 4 * stop) * MINUTE, None);
				}
				if let Some((next, next_org, _)) = carriers.get(n + 1) {
					let at = opened + leg_ms;
					Logistics::propose_handover(signed(admin), shipment, *next_org, at, key("hub"))
						.expect("the custodian hands over");
					Logistics::accept_handover(signed(next), shipment, observation(at, vec![]))
						.expect("the next carrier accepts");
				}
			}
			let last = &carriers[carriers.len() - 1].0;
			record(last, CheckpointKind::OutForDelivery, NOW - 8 * MINUTE, None);
			Logistics::record_checkpoint(
				signed(last),
				shipment,
				CheckpointKind::Delivered,
				observation(NOW - 5 * MINUTE, vec![Reservation::ApparentDamage]),
				Some(Receipt::ConsigneeSigned),
			)
			.expect("delivered");

			// The unit's attestation list full, on every test item: the demo agency and three
			// more agencies each attest it as often as their quarter of the list allows.
			let agency = Sr25519Keyring::BobStash.to_account_id();
			let items: Vec<TestItem> = (0..<I as Get<u32>>::get())
				.map(|n| TestItem {
					code: code(&format!("BENCH-ITEM-{n}")),
					method: key("bench method"),
					unit: MeasurementUnit::Count,
					lower: None,
					upper: Some(10),
					required: true,
					criticality: Criticality::Major,
					damage_mode: DamageMode::Functional,
				})
				.collect();
			Inspection::publish_protocol(
				signed(&agency),
				None,
				code("small-appliance"),
				true,
				Sampling::UnitLevel,
				frame_support::BoundedVec::truncate_from(items),
			)
			.expect("the agency publishes a protocol");
			let protocol = pallet_inspection::NextProtocolId::<Runtime>::get() - 1;
			let results: Vec<TestResult> = (0..<I as Get<u32>>::get())
				.map(|n| TestResult {
					item: code(&format!("BENCH-ITEM-{n}")),
					value: Some(0),
					unit: MeasurementUnit::Count,
					uncertainty: None,
					outcome: Outcome::Pass,
				})
				.collect();
			let share = evidence_primitives::index_share(<A as Get<u32>>::get());
			let mut attesters =
				vec![(agency, crate::genesis_config_presets::demo_inspection::demo_inspector())];
			for n in 1..<A as Get<u32>>::get().div_ceil(share) {
				let (admin, org) = admit("Benchmark Agency", Role::InspectionAgency, n);
				Inspection::register_accreditation(
					RuntimeOrigin::root(),
					org,
					pallet_inspection::AccreditationScheme::Cnas,
					frame_support::BoundedVec::truncate_from(b"BENCH-CNAS".to_vec()),
					key("bench scope"),
					NOW - 1_000 * leg_ms,
					NOW + 1_000 * leg_ms,
				)
				.expect("root accredits the agency");
				Inspection::register_inspector(
					signed(&admin),
					key("bench inspector"),
					frame_support::BoundedVec::truncate_from(b"BENCH-QUAL".to_vec()),
					frame_support::BoundedVec::truncate_from(vec![code("small-appliance")]),
					NOW - 1_000 * leg_ms,
					NOW + 1_000 * leg_ms,
				)
				.expect("the agency registers its inspector");
				let inspector = evidence_primitives::record_id(
					evidence_primitives::RecordKind::Inspector,
					org,
					key("bench inspector"),
				);
				attesters.push((admin, inspector));
			}
			for n in 0..<A as Get<u32>>::get() {
				let (attester, inspector) = &attesters[(n / share) as usize];
				Inspection::attest(
					signed(attester),
					key(&format!("bench attestation {n}")),
					AttestationInput {
						purpose: Purpose::PreShipment,
						subjects: Subjects::Units(frame_support::BoundedVec::truncate_from(vec![
							unit,
						])),
						order: None,
						inspector: *inspector,
						protocol,
						protocol_version: 1,
						started_at: NOW - 30 * leg_ms,
						ended_at: NOW - 29 * leg_ms,
						location: key("bench lab"),
						equipment: Default::default(),
						results: frame_support::BoundedVec::truncate_from(results.clone()),
						aql: None,
						packaging: None,
						media: Default::default(),
						report: ContentDigest::blake2_256_of(&n.to_be_bytes()),
						verdict: Verdict::Conformant,
					},
				)
				.expect("the agency attests");
			}

			BenchmarkFacts {
				claimant: Sr25519Keyring::AliceStash.to_account_id(),
				order,
				shipment,
				unit,
				lot: None,
			}
		}

		fn operator_of(org: OrgId) -> AccountId {
			let admin = pallet_consortium::Organisations::<Runtime>::get(org)
				.expect("a benchmark organisation")
				.admin;
			// The demo organisations act through their operators (the `//stash` accounts).
			[
				Sr25519Keyring::AliceStash,
				Sr25519Keyring::BobStash,
				Sr25519Keyring::CharlieStash,
				Sr25519Keyring::DaveStash,
			]
			.into_iter()
			.map(|k| k.to_account_id())
			.find(|operator| Consortium::organisation_of(operator) == Ok(org))
			.unwrap_or(admin)
		}

		fn arbitrators(n: u32) -> Vec<OrgId> {
			for index in 0..n {
				if Consortium::organisations_with(Role::Arbitrator).len() as u32 >= n {
					break;
				}
				admit("Benchmark Arbitrator", Role::Arbitrator, index);
			}
			Consortium::organisations_with(Role::Arbitrator)
		}

		fn outside_agency() -> OrgId {
			let (_, agency) = admit("Benchmark Re-inspection Agency", Role::InspectionAgency, 90);
			// Accredited now, so the rotation may assign it.
			let now = pallet_timestamp::Pallet::<Runtime>::get();
			let _ = Inspection::register_accreditation(
				RuntimeOrigin::root(),
				agency,
				pallet_inspection::AccreditationScheme::Iso17020TypeA,
				frame_support::BoundedVec::truncate_from(b"BENCH-REINSPECTION-ACC".to_vec()),
				H256::repeat_byte(9),
				now.saturating_sub(1),
				now.saturating_add(365 * 24 * 3_600_000),
			);
			agency
		}

		fn delivered_like(shipment: H256, n: u32) -> Vec<H256> {
			use pallet_logistics::{Legs, Shipments};
			let record = Shipments::<Runtime>::get(shipment).expect("the worst-case shipment");
			let legs: Vec<_> = Legs::<Runtime>::iter_prefix(shipment).collect();
			(0..n)
				.map(|copy| {
					let id = key(&format!("bench shipment like {copy}"));
					let mut like = record.clone();
					like.units = frame_support::BoundedVec::truncate_from(
						(0..record.units.len())
							.map(|unit| key(&format!("bench shipment like {copy} unit {unit}")))
							.collect(),
					);
					Shipments::<Runtime>::insert(id, like);
					for (index, leg) in &legs {
						Legs::<Runtime>::insert(id, index, leg);
					}
					id
				})
				.collect()
		}
	}
}

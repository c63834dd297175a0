//! The liability benchmarks' worst-case facts build on the `dev` runtime and a dispute about
//! them runs through evaluation: the helper the benchmarks rely on works on the real pallets.
//! Runs with `--features runtime-benchmarks` (scripts/benchmark-weights.sh builds that way).
#![cfg(feature = "runtime-benchmarks")]

mod common;

use evidence_primitives::facts::{ClaimKind, DamageMode};
use evidence_runtime::{
	benchmarks::LiabilityFacts, genesis_config_presets::DEV, Liability, Runtime, RuntimeOrigin,
};
use pallet_liability::{BenchmarkHelper, Claim, Disputes};

#[test]
fn the_worst_case_facts_build_and_are_evaluated() {
	let mut ext = common::genesis_of(DEV);
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let facts = LiabilityFacts::worst_case_facts();
		let shipment = pallet_logistics::Shipments::<Runtime>::get(facts.shipment).unwrap();
		assert_eq!(shipment.current_leg + 1, 16, "every leg used");
		assert_eq!(shipment.checkpoint_count, 64, "every checkpoint slot used");
		assert_eq!(pallet_inspection::AttestationsByUnit::<Runtime>::get(facts.unit).len(), 64);

		// A transit-damage dispute about them: every respondent contests and closes, and the
		// rules decide on the shock of the last leg.
		let claim = Claim::<Runtime> {
			kind: ClaimKind::TransitDamage,
			order: facts.order,
			shipment: facts.shipment,
			unit: facts.unit,
			lot: facts.lot,
			alleged_items: Default::default(),
			damage_mode: DamageMode::Mechanical,
			discovered_at: pallet_timestamp::Now::<Runtime>::get(),
			amount: evidence_primitives::Money { currency: *b"EUR", minor_units: 1_000 },
			evidence: vec![evidence_primitives::ContentDigest::sha2_256_of(b"photos")]
				.try_into()
				.unwrap(),
		};
		Liability::open_dispute(RuntimeOrigin::signed(facts.claimant.clone()), claim).unwrap();
		let respondents = Disputes::<Runtime>::get(0).unwrap().respondents;
		assert_eq!(respondents.len(), 17, "the merchant and sixteen carriers");
		for org in respondents.iter() {
			let operator = RuntimeOrigin::signed(LiabilityFacts::operator_of(*org));
			Liability::respond(operator, 0, false).unwrap();
		}
		for org in respondents.iter() {
			let operator = RuntimeOrigin::signed(LiabilityFacts::operator_of(*org));
			Liability::close_evidence(operator, 0).unwrap();
		}
		let verdict = Disputes::<Runtime>::get(0).unwrap().verdict.expect("evaluated");
		assert_eq!(verdict.liable.len(), 1, "the last carrier: {verdict:?}");

		let arbitrators = LiabilityFacts::arbitrators(4);
		assert!(arbitrators.len() >= 4);
		let operator = LiabilityFacts::operator_of(arbitrators[0]);
		assert!(pallet_consortium::Members::<Runtime>::contains_key(operator));
	});
}

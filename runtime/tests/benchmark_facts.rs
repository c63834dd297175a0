//! The liability benchmarks' worst-case facts build on the `dev` runtime and a dispute about
//! them runs through evaluation: the helper the benchmarks rely on works on the real pallets.
//! Runs with `--features runtime-benchmarks` (scripts/benchmark-weights.sh builds that way).
#![cfg(feature = "runtime-benchmarks")]

use evidence_runtime::{
	benchmarks::LiabilityFacts,
	genesis_config_presets::{get_preset, DEV},
	Runtime, RuntimeGenesisConfig,
};
use pallet_liability::BenchmarkHelper;
use sp_genesis_builder::PresetId;
use sp_runtime::BuildStorage;

#[test]
fn the_worst_case_facts_build_and_are_evaluated() {
	let json = get_preset(&PresetId::from(DEV)).expect("dev preset");
	let config: RuntimeGenesisConfig = serde_json::from_slice(&json).expect("full config");
	let mut ext = sp_io::TestExternalities::new(config.build_storage().expect("genesis builds"));
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
		let arbitrators = LiabilityFacts::arbitrators(4);
		assert!(arbitrators.len() >= 4);
		let operator = LiabilityFacts::operator_of(arbitrators[0]);
		assert!(pallet_consortium::Members::<Runtime>::contains_key(operator));
	});
}

//! What the runtime tests share: a chain started from a genesis preset.

use evidence_runtime::{genesis_config_presets::get_preset, Runtime, RuntimeGenesisConfig};
use sp_genesis_builder::PresetId;
use sp_runtime::BuildStorage;

/// 2026-06-01T00:00:00Z: inside the demo accreditation, qualification and calibrations.
pub const NOW: u64 = 1_780_272_000_000;

/// The chain of `preset` at genesis, before block 1.
pub fn genesis_of(preset: &str) -> sp_io::TestExternalities {
	let json = get_preset(&PresetId::from(preset)).expect("preset exists");
	let config: RuntimeGenesisConfig = serde_json::from_slice(&json).expect("full config");
	sp_io::TestExternalities::new(config.build_storage().expect("genesis builds"))
}

/// The `dev` chain at block 1, chain time [`NOW`].
#[allow(dead_code)]
pub fn dev_chain() -> sp_io::TestExternalities {
	let mut ext = genesis_of(evidence_runtime::genesis_config_presets::DEV);
	ext.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(NOW);
	});
	ext
}

/// Starts block `number` on top of the current state as a block author does
/// (`Executive::initialize_block`: every pallet's `on_initialize`).
#[allow(dead_code)]
pub fn start_block(number: u32) {
	use sp_runtime::traits::Header as _;
	let parent = frame_system::BlockHash::<Runtime>::get(number - 1);
	let header = evidence_runtime::Header::new(
		number,
		Default::default(),
		Default::default(),
		parent,
		Default::default(),
	);
	evidence_runtime::Executive::initialize_block(&header);
}

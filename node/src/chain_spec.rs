//! Chain specifications built from the runtime's named genesis presets.

use evidence_runtime::{
	genesis_config_presets::{DEV, LOCAL},
	SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY,
};
use sc_service::{ChainType, Properties};

/// Chain specification of an Evidence Chain network.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The presets `--chain` accepts besides a path to a chain-spec file.
pub const PRESETS: &[&str] = &[DEV, LOCAL];

/// Token symbol, decimals and SS58 format, so Polkadot.js Apps shows the chain correctly.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"The runtime wasm binary is not available: it was built with SKIP_WASM_BUILD".to_string()
	})
}

/// Single-node development chain: Alice validates and holds the sudo key.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, Default::default())
		.with_name("Evidence Chain Development")
		.with_id("evidence_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(DEV)
		.with_properties(properties())
		.build())
}

/// Local consortium: four organisations, one validator each, no sudo key.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, Default::default())
		.with_name("Evidence Chain Local Consortium")
		.with_id("evidence_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(LOCAL)
		.with_protocol_id("evidence")
		.with_properties(properties())
		.build())
}

/// Resolves `--chain`: a preset name, or the path of a chain-spec JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		DEV => Box::new(development_chain_spec()?),
		"" | LOCAL => Box::new(local_chain_spec()?),
		path => {
			let file = std::path::PathBuf::from(path);
			if !file.is_file() {
				return Err(format!(
					"Unknown chain `{path}`: expected one of the presets {} or the path of a chain-spec JSON file",
					PRESETS.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", "),
				));
			}
			Box::new(
				ChainSpec::from_json_file(file.clone())
					.map_err(|e| format!("Invalid chain-spec file `{}`: {e}", file.display()))?,
			)
		},
	})
}

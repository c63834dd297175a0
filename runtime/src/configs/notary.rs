//! `pallet_notary`: evidence digests and Merkle batches.

use crate::{Consortium, Runtime};
use frame_support::traits::ConstU32;

impl pallet_notary::Config for Runtime {
	type Membership = Consortium;
	/// Facts one digest records as citing it (a photo may back many checkpoints and disputes).
	type MaxCitations = ConstU32<64>;
	type WeightInfo = pallet_notary::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = DemoPlatformOperator;
}

/// Benchmarks notarize as the demo platform's operator (present in the `dev` preset).
#[cfg(feature = "runtime-benchmarks")]
pub struct DemoPlatformOperator;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_notary::BenchmarkHelper<crate::AccountId> for DemoPlatformOperator {
	fn member() -> crate::AccountId {
		sp_keyring::Sr25519Keyring::AliceStash.to_account_id()
	}
}

//! `pallet_inspection`: accreditations, inspectors, equipment, protocols and attestations.

use crate::{Consortium, Notary, Runtime};
use frame_support::traits::{ConstU32, ConstU64};

impl pallet_inspection::Config for Runtime {
	type Membership = Consortium;
	type Evidence = Notary;
	/// Accreditations are registered by governance (2/3 of the council, or root).
	type AccreditationOrigin = crate::configs::RootOrTwoThirdsCouncil;
	type OnReinspected = crate::Liability;
	/// Accreditations one agency keeps (schemes × renewals).
	type MaxAccreditations = ConstU32<8>;
	type MaxCategoriesPerInspector = ConstU32<16>;
	type MaxTestItems = ConstU32<64>;
	/// Units one unit-level attestation covers (a carton of serialised units).
	type MaxUnitsPerAttestation = ConstU32<100>;
	type MaxEquipmentPerAttestation = ConstU32<16>;
	type MaxMediaPerAttestation = ConstU32<32>;
	type MaxAttestationsPerUnit = ConstU32<64>;
	type MaxAttestationsPerOrder = ConstU32<64>;
	/// An inspection may end up to five minutes after the chain time (clock drift).
	type MaxClockDrift = ConstU64<{ 5 * 60 * 1000 }>;
	type WeightInfo = pallet_inspection::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = DemoAgencyOperator;
}

/// Benchmarks attest as the demo inspection agency's operator (present in the `dev` preset).
#[cfg(feature = "runtime-benchmarks")]
pub struct DemoAgencyOperator;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_inspection::BenchmarkHelper<crate::AccountId> for DemoAgencyOperator {
	fn agency_operator() -> crate::AccountId {
		sp_keyring::Sr25519Keyring::BobStash.to_account_id()
	}
}

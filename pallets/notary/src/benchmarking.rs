//! Benchmarks of every call at its worst case.

use super::*;
use evidence_primitives::{merkle::MerkleScheme, ContentDigest, EvidenceKind};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use sp_core::H256;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A new digest with a C2PA claim: one record and one citation written.
	#[benchmark]
	fn notarize() {
		let caller = T::BenchmarkHelper::member();
		let digest = ContentDigest::blake2_256_of(b"benchmark evidence");

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			digest,
			EvidenceKind::TestProcessVideo,
			u64::MAX,
			u64::MAX,
			Some(H256::repeat_byte(1)),
		);

		assert!(Digests::<T>::contains_key(digest));
	}

	/// Anchoring costs the same for any batch size: only the root is stored.
	#[benchmark]
	fn anchor_batch() {
		let caller = T::BenchmarkHelper::member();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			H256::repeat_byte(2),
			evidence_primitives::merkle::MAX_BATCH_LEAVES,
			MerkleScheme::Blake2PrefixedV1,
		);

		assert!(Batches::<T>::contains_key(0));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

//! The calls each workload submits, built with the runtime's own types.

use evidence_primitives::{
	merkle::{self, MerkleScheme},
	ContentDigest, HashAlgorithm,
};
use evidence_runtime::RuntimeCall;
use pallet_inspection::types::{
	AttestationInput, MeasurementUnit, Outcome, Purpose, Subjects, TestResult, Verdict,
};
use sp_core::H256;

/// The workloads the generator knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Workload {
	/// `System.remark` with the encoded size of an attestation call: the baseline.
	Remark,
	/// `Inspection.attest`: the demo agency attests a unit against protocol 0.
	Attest,
	/// `Notary.anchor_batch`: the Merkle root of `--batch-size` digests, tree built here.
	Batch,
	/// Reads, not transactions: `evidence_orderEvidence` for `--order`, `--concurrency` at
	/// once; latencies measured per request.
	Reads,
}

impl Workload {
	pub fn name(self) -> &'static str {
		match self {
			Self::Remark => "remark",
			Self::Attest => "attest",
			Self::Batch => "batch",
			Self::Reads => "reads",
		}
	}
}

fn blake2(text: &[u8]) -> H256 {
	H256(sp_crypto_hashing::blake2_256(text))
}

/// Attestation `n` of the run tagged `run`: one unit of the demo agency's small-appliance
/// protocol (0) inspected an hour before `now`, every test item passed.
pub fn attestation(run: u64, n: u64, now: u64) -> RuntimeCall {
	let key = |what: &str| blake2(format!("{what} {run} {n}").as_bytes());
	let result = |item: &str, value: i64, unit| TestResult {
		item: item.as_bytes().to_vec().try_into().expect("test item codes are short"),
		value: Some(value),
		unit,
		uncertainty: None,
		outcome: Outcome::Pass,
	};
	let input = AttestationInput::<evidence_runtime::Runtime> {
		purpose: Purpose::PreShipment,
		subjects: Subjects::Units(vec![key("unit")].try_into().expect("one unit fits")),
		order: Some(key("order")),
		inspector: blake2(b"DEMO-INSPECTOR-001"),
		protocol: 0,
		protocol_version: 1,
		started_at: now.saturating_sub(3_600_000),
		ended_at: now.saturating_sub(3_000_000),
		location: blake2(b"CNSHA"),
		equipment: vec![blake2(b"DEMO-EQUIPMENT-001")].try_into().expect("one item fits"),
		results: vec![
			result("POWER-ON", 1, MeasurementUnit::Boolean),
			result("INSULATION-RESISTANCE", 5_000_000_000, MeasurementUnit::Milliohm),
			result("HOUSING-CRACKS", 0, MeasurementUnit::Count),
		]
		.try_into()
		.expect("three results fit"),
		aql: None,
		packaging: None,
		media: Default::default(),
		report: ContentDigest { algorithm: HashAlgorithm::Sha2_256, hash: key("report") },
		verdict: Verdict::Conformant,
	};
	RuntimeCall::Inspection(pallet_inspection::Call::attest { attestation: key("id"), input })
}

/// A remark whose call encodes to exactly `size` bytes (`size` ≥ 4), unique per `n`.
pub fn remark(run: u64, n: u64, size: usize) -> RuntimeCall {
	let call = |len: usize| {
		let mut bytes = format!("{run}:{n}:").into_bytes();
		bytes.resize(len, b'.');
		RuntimeCall::System(frame_system::Call::remark { remark: bytes })
	};
	// Pallet index, call index and the compact length prefix take 3 to 5 bytes.
	let mut len = size.saturating_sub(4);
	while codec::Encode::encoded_size(&call(len)) > size && len > 0 {
		len -= 1;
	}
	while codec::Encode::encoded_size(&call(len)) < size {
		len += 1;
	}
	call(len)
}

/// `size` fresh digests of the run and the anchor call of their Merkle root, built with the
/// same code as `evidence-node hash --batch`.
pub fn batch(run: u64, n: u64, size: u32) -> RuntimeCall {
	let leaves: Vec<ContentDigest> = (0..size)
		.map(|i| ContentDigest {
			algorithm: HashAlgorithm::Blake2_256,
			hash: blake2(format!("evidence {run} {n} {i}").as_bytes()),
		})
		.collect();
	let root = merkle::batch_root(&leaves);
	RuntimeCall::Notary(pallet_notary::Call::anchor_batch {
		root,
		leaf_count: size,
		scheme: MerkleScheme::Blake2PrefixedV1,
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;

	#[test]
	fn remark_has_exactly_the_asked_size() {
		let attest = attestation(1, 0, 1_800_000_000_000).encoded_size();
		for size in [8, 63, 64, 65, 200, attest, 16_383, 16_384, 16_385] {
			assert_eq!(remark(1, 7, size).encoded_size(), size, "size {size}");
		}
	}

	#[test]
	fn every_item_is_unique() {
		assert_ne!(remark(1, 0, 300).encode(), remark(1, 1, 300).encode());
		assert_ne!(attestation(1, 0, 5_000_000).encode(), attestation(1, 1, 5_000_000).encode());
		assert_ne!(attestation(1, 0, 5_000_000).encode(), attestation(2, 0, 5_000_000).encode());
		assert_ne!(batch(1, 0, 10).encode(), batch(1, 1, 10).encode());
	}

	#[test]
	fn batch_anchors_the_root_of_its_leaves() {
		let RuntimeCall::Notary(pallet_notary::Call::anchor_batch { root, leaf_count, scheme }) =
			batch(3, 4, 5)
		else {
			panic!("not an anchor_batch call")
		};
		let leaves: Vec<ContentDigest> = (0..5)
			.map(|i| ContentDigest {
				algorithm: HashAlgorithm::Blake2_256,
				hash: blake2(format!("evidence 3 4 {i}").as_bytes()),
			})
			.collect();
		assert_eq!(
			(root, leaf_count, scheme),
			(merkle::batch_root(&leaves), 5, MerkleScheme::Blake2PrefixedV1)
		);
		let proof = &merkle::inclusion_proofs(&leaves)[2];
		assert!(merkle::verify_inclusion(root, 5, &leaves[2], proof));
	}
}

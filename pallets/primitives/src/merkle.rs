//! Merkle batches of evidence digests: one root on chain for up to 2^20 digests.
//!
//! - Leaf bytes: `b"evidence-chain/leaf/v1"` followed by the SCALE encoding of the
//!   [`ContentDigest`] (one algorithm byte, then the 32 digest bytes). The tree hashes them with
//!   BLAKE2b-256, so a leaf hash is `blake2_256(prefix ++ algorithm ++ digest)`.
//! - Sensor readings (the per-leg sensor digests' `readings_root`) use the same tree with
//!   leaf bytes `b"evidence-chain/reading/v1"` followed by the SCALE encoding of the
//!   [`SensorReading`], so a reading can never pass for an evidence digest or the reverse.
//! - Inner nodes: `blake2_256(left ++ right)`; an odd node at the end of a layer is promoted
//!   unchanged (the `binary-merkle-tree` crate of polkadot-sdk). Leaves (55 bytes hashed) and
//!   inner nodes (64 bytes hashed) never collide.

use crate::{ContentDigest, SensorReading};
use alloc::{vec, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::H256;
use sp_runtime::traits::BlakeTwo256;

/// Domain prefix of every leaf.
pub const LEAF_PREFIX: &[u8] = b"evidence-chain/leaf/v1";

/// Domain prefix of every sensor-reading leaf.
pub const READING_LEAF_PREFIX: &[u8] = b"evidence-chain/reading/v1";

/// Most leaves in one batch.
pub const MAX_BATCH_LEAVES: u32 = 1 << 20;

/// How a batch's tree was built. Only one scheme exists today.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	codec::MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum MerkleScheme {
	/// Binary tree, BLAKE2b-256, prefixed leaves (see the module documentation).
	#[codec(index = 0)]
	Blake2PrefixedV1,
}

/// The proof that a digest is leaf `leaf_index` of a batch.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InclusionProof {
	/// Position of the leaf in the batch, from 0.
	pub leaf_index: u32,
	/// Sibling hashes from the leaf up to the root.
	pub siblings: Vec<H256>,
}

/// The bytes a digest contributes as a leaf.
pub fn leaf_bytes(digest: &ContentDigest) -> Vec<u8> {
	let mut bytes = LEAF_PREFIX.to_vec();
	digest.encode_to(&mut bytes);
	bytes
}

/// The root of a batch of digests, in order.
pub fn batch_root(digests: &[ContentDigest]) -> H256 {
	binary_merkle_tree::merkle_root::<BlakeTwo256, _>(digests.iter().map(leaf_bytes))
}

/// The hash of the leaf of `digest`.
pub fn leaf_hash(digest: &ContentDigest) -> H256 {
	<BlakeTwo256 as sp_runtime::traits::Hash>::hash(&leaf_bytes(digest))
}

/// The inclusion proofs of every leaf, building the tree once (`O(n log n)`).
pub fn inclusion_proofs(digests: &[ContentDigest]) -> Vec<InclusionProof> {
	let mut layers: Vec<Vec<H256>> = vec![digests.iter().map(leaf_hash).collect()];
	while layers.last().map_or(0, Vec::len) > 1 {
		let layer = layers.last().expect("checked non-empty above");
		let next = layer
			.chunks(2)
			.map(|pair| match pair {
				[left, right] => {
					let mut both = [0u8; 64];
					both[..32].copy_from_slice(left.as_bytes());
					both[32..].copy_from_slice(right.as_bytes());
					<BlakeTwo256 as sp_runtime::traits::Hash>::hash(&both)
				},
				// An odd node at the end of a layer is promoted unchanged.
				[single] => *single,
				_ => unreachable!("chunks(2) yields one or two items"),
			})
			.collect();
		layers.push(next);
	}
	(0..digests.len())
		.map(|leaf| {
			let mut index = leaf;
			let mut siblings = Vec::new();
			for layer in &layers[..layers.len().saturating_sub(1)] {
				let sibling = index ^ 1;
				if sibling < layer.len() {
					siblings.push(layer[sibling]);
				}
				index /= 2;
			}
			InclusionProof { leaf_index: leaf as u32, siblings }
		})
		.collect()
}

/// The inclusion proof of leaf `leaf_index` (cost linear in the batch size).
pub fn inclusion_proof(digests: &[ContentDigest], leaf_index: u32) -> InclusionProof {
	let proof = binary_merkle_tree::merkle_proof::<BlakeTwo256, _, _>(
		digests.iter().map(leaf_bytes),
		leaf_index,
	);
	InclusionProof { leaf_index, siblings: proof.proof }
}

/// Whether `digest` is leaf `proof.leaf_index` of the batch with `root` and `leaf_count`
/// leaves. A malformed proof (index out of range, wrong number of siblings) is `false`.
pub fn verify_inclusion(
	root: H256,
	leaf_count: u32,
	digest: &ContentDigest,
	proof: &InclusionProof,
) -> bool {
	verify_leaf(root, leaf_count, &leaf_bytes(digest), proof)
}

/// The bytes a sensor reading contributes as a leaf.
pub fn reading_leaf_bytes(reading: &SensorReading) -> Vec<u8> {
	let mut bytes = READING_LEAF_PREFIX.to_vec();
	reading.encode_to(&mut bytes);
	bytes
}

/// The root a device signs over its raw readings, in order.
pub fn readings_root(readings: &[SensorReading]) -> H256 {
	binary_merkle_tree::merkle_root::<BlakeTwo256, _>(readings.iter().map(reading_leaf_bytes))
}

/// The proof that reading `leaf_index` is in `readings`.
pub fn reading_proof(readings: &[SensorReading], leaf_index: u32) -> InclusionProof {
	let proof = binary_merkle_tree::merkle_proof::<BlakeTwo256, _, _>(
		readings.iter().map(reading_leaf_bytes),
		leaf_index,
	);
	InclusionProof { leaf_index, siblings: proof.proof }
}

/// Whether `reading` is leaf `proof.leaf_index` of the readings tree with `root` and
/// `leaf_count` leaves. A malformed proof is `false`.
pub fn verify_reading(
	root: H256,
	leaf_count: u32,
	reading: &SensorReading,
	proof: &InclusionProof,
) -> bool {
	verify_leaf(root, leaf_count, &reading_leaf_bytes(reading), proof)
}

fn verify_leaf(root: H256, leaf_count: u32, leaf: &Vec<u8>, proof: &InclusionProof) -> bool {
	if leaf_count == 0 || proof.leaf_index >= leaf_count {
		return false;
	}
	if proof.siblings.len() as u32 != expected_siblings(leaf_count, proof.leaf_index) {
		return false;
	}
	binary_merkle_tree::verify_proof::<BlakeTwo256, _, _>(
		&root,
		proof.siblings.iter().copied(),
		leaf_count,
		proof.leaf_index,
		leaf,
	)
}

/// Number of siblings on the path of `index` in a tree of `count` leaves (promoted odd nodes
/// have none at their layer).
fn expected_siblings(mut count: u32, mut index: u32) -> u32 {
	let mut siblings = 0;
	while count > 1 {
		let is_promoted_last = index == count - 1 && count % 2 == 1;
		if !is_promoted_last {
			siblings += 1;
		}
		index /= 2;
		count = count.div_ceil(2);
	}
	siblings
}

#[cfg(test)]
mod tests {
	use super::*;

	fn digests(n: u32) -> Vec<ContentDigest> {
		(0..n).map(|i| ContentDigest::blake2_256_of(&i.to_le_bytes())).collect()
	}

	#[test]
	fn every_leaf_of_every_small_batch_verifies() {
		for n in 1..=17u32 {
			let batch = digests(n);
			let root = batch_root(&batch);
			for i in 0..n {
				let proof = inclusion_proof(&batch, i);
				assert!(verify_inclusion(root, n, &batch[i as usize], &proof), "n={n} i={i}");
			}
		}
	}

	#[test]
	fn all_proofs_at_once_equal_the_single_proofs() {
		for n in 1..=33u32 {
			let batch = digests(n);
			let all = inclusion_proofs(&batch);
			for i in 0..n {
				assert_eq!(all[i as usize], inclusion_proof(&batch, i), "n={n} i={i}");
			}
		}
	}

	#[test]
	fn readings_verify_and_never_pass_for_digests() {
		let readings: Vec<SensorReading> = (0..7u64)
			.map(|n| SensorReading {
				at: n,
				temperature_centi_celsius: Some(n as i32),
				humidity_per_mille: None,
				acceleration_milli_g: None,
			})
			.collect();
		let root = readings_root(&readings);
		for i in 0..7u32 {
			let proof = reading_proof(&readings, i);
			assert!(verify_reading(root, 7, &readings[i as usize], &proof), "i={i}");
		}
		let proof = reading_proof(&readings, 2);
		let mut changed = readings[2];
		changed.temperature_centi_celsius = Some(-1);
		assert!(!verify_reading(root, 7, &changed, &proof));
		// The same tree shape over digests has a different root.
		assert_ne!(root, batch_root(&digests(7)));
	}

	#[test]
	fn tampered_leaves_and_malformed_proofs_fail() {
		let batch = digests(9);
		let root = batch_root(&batch);
		let proof = inclusion_proof(&batch, 4);
		let other = ContentDigest::sha2_256_of(b"not in the batch");
		assert!(!verify_inclusion(root, 9, &other, &proof));
		// Same hash under another algorithm tag is another leaf.
		let retagged = ContentDigest { algorithm: crate::HashAlgorithm::Sha2_256, ..batch[4] };
		assert!(!verify_inclusion(root, 9, &retagged, &proof));
		let mut short = proof.clone();
		short.siblings.pop();
		assert!(!verify_inclusion(root, 9, &batch[4], &short));
		let mut moved = proof.clone();
		moved.leaf_index = 5;
		assert!(!verify_inclusion(root, 9, &batch[4], &moved));
		let mut out_of_range = proof;
		out_of_range.leaf_index = 9;
		assert!(!verify_inclusion(root, 9, &batch[4], &out_of_range));
		assert!(!verify_inclusion(root, 0, &batch[4], &inclusion_proof(&batch, 0)));
	}
}

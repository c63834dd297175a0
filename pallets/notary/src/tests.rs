//! One test per behaviour and per error of the notary pallet.

use crate::{mock::*, *};
use evidence_primitives::{
	merkle::{batch_root, inclusion_proof, InclusionProof, MerkleScheme, MAX_BATCH_LEAVES},
	ContentDigest, EvidenceKind, EvidenceRegistry, EvidenceRegistryError, FactKind, FactRef,
	HashAlgorithm,
};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::DispatchError;

type Error = crate::Error<Test>;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn photo() -> ContentDigest {
	ContentDigest::blake2_256_of(b"photo of the scratched panel")
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn notarize(who: AccountId, digest: ContentDigest) -> sp_runtime::DispatchResult {
	Notary::notarize(signed(who), digest, EvidenceKind::Photo, 2_048_000, 1_699_999_000_000, None)
}

#[test]
fn notarize_records_who_when_and_what() {
	test(|| {
		let claim = H256::repeat_byte(7);
		assert_ok!(Notary::notarize(
			signed(AGENCY_OPERATOR),
			photo(),
			EvidenceKind::TestProcessVideo,
			5_000_000,
			1_699_999_000_000,
			Some(claim)
		));
		let record = Digests::<Test>::get(photo()).unwrap();
		assert_eq!(record.org, 1);
		assert_eq!(record.notarized_by, AGENCY_OPERATOR);
		assert_eq!(record.kind, EvidenceKind::TestProcessVideo);
		assert_eq!(record.byte_size, 5_000_000);
		assert_eq!(record.captured_at, 1_699_999_000_000);
		assert_eq!(record.c2pa_claim, Some(claim));
		assert_eq!(record.block, 1);
		assert_eq!(record.time, 1_700_000_000_000);
		assert_eq!(
			Citations::<Test>::get(photo()).to_vec(),
			vec![FactRef { kind: FactKind::Notarization, id: photo().hash }]
		);
		assert_eq!(
			last_event(),
			Event::Notarized {
				digest: photo(),
				org: 1,
				kind: EvidenceKind::TestProcessVideo,
				by: AGENCY_OPERATOR
			}
			.into()
		);
	});
}

#[test]
fn a_rival_who_notarizes_a_pending_digest_first_takes_nothing_from_its_owner() {
	test(|| {
		// The carrier sees the agency's pending notarization of its test video in the pool
		// and notarizes the same digest first.
		assert_ok!(notarize(CARRIER_OPERATOR, photo()));
		System::set_block_number(2);
		// The agency's notarization is not refused: it keeps a record of its own.
		assert_ok!(notarize(AGENCY_OPERATOR, photo()));
		assert_eq!(
			last_event(),
			Event::Notarized {
				digest: photo(),
				org: 1,
				kind: EvidenceKind::Photo,
				by: AGENCY_OPERATOR
			}
			.into()
		);
		let own = Notarizations::<Test>::get(photo(), 1).expect("the agency's own record");
		assert_eq!((own.org, own.notarized_by, own.block), (1, AGENCY_OPERATOR, 2));
		assert_eq!(Digests::<Test>::get(photo()).unwrap().org, 2);
		// The digest's record names both, the first one on chain first.
		let report = Notary::digest_report(photo()).unwrap();
		let who: Vec<_> = report.notarizations.iter().map(|n| (n.org, n.block)).collect();
		assert_eq!(who, vec![(2, 1), (1, 2)]);
		// The notarization is cited once.
		assert_eq!(
			report.cited_by,
			vec![FactRef { kind: FactKind::Notarization, id: photo().hash }]
		);
	});
}

#[test]
fn an_organisation_notarizes_a_digest_once() {
	test(|| {
		assert_ok!(notarize(AGENCY_OPERATOR, photo()));
		assert_noop!(notarize(AGENCY_OPERATOR, photo()), Error::AlreadyNotarized);
		assert_ok!(notarize(CARRIER_OPERATOR, photo()));
		assert_noop!(notarize(CARRIER_OPERATOR, photo()), Error::AlreadyNotarized);
		assert_eq!(Notary::digest_report(photo()).unwrap().notarizations.len(), 2);
	});
}

#[test]
fn the_same_hash_under_another_algorithm_is_another_digest() {
	test(|| {
		assert_ok!(notarize(AGENCY_OPERATOR, photo()));
		let sha = ContentDigest { algorithm: HashAlgorithm::Sha2_256, hash: photo().hash };
		assert_ok!(notarize(CARRIER_OPERATOR, sha));
		assert_eq!(Digests::<Test>::get(sha).unwrap().org, 2);
	});
}

#[test]
fn notarize_rejects_empty_evidence() {
	test(|| {
		assert_noop!(
			Notary::notarize(signed(AGENCY_OPERATOR), photo(), EvidenceKind::Photo, 0, 0, None),
			Error::EmptyEvidence
		);
	});
}

#[test]
fn only_members_of_active_organisations_notarize() {
	test(|| {
		assert_noop!(notarize(OUTSIDER, photo()), Error::NotAMember);
		assert_noop!(notarize(SUSPENDED_OPERATOR, photo()), Error::OrganisationSuspended);
		assert_noop!(
			Notary::notarize(RuntimeOrigin::root(), photo(), EvidenceKind::Photo, 1, 0, None),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn anchor_batch_assigns_ids_in_order() {
	test(|| {
		let root = H256::repeat_byte(1);
		assert_ok!(Notary::anchor_batch(
			signed(CARRIER_OPERATOR),
			root,
			10_000,
			MerkleScheme::Blake2PrefixedV1
		));
		assert_ok!(Notary::anchor_batch(
			signed(AGENCY_OPERATOR),
			H256::repeat_byte(2),
			MAX_BATCH_LEAVES,
			MerkleScheme::Blake2PrefixedV1
		));
		let first = Batches::<Test>::get(0).unwrap();
		assert_eq!((first.root, first.leaf_count, first.org), (root, 10_000, 2));
		assert_eq!(first.anchored_by, CARRIER_OPERATOR);
		assert_eq!(Batches::<Test>::get(1).unwrap().org, 1);
		assert_eq!(NextBatchId::<Test>::get(), 2);
		assert_eq!(
			last_event(),
			Event::BatchAnchored {
				batch_id: 1,
				root: H256::repeat_byte(2),
				leaf_count: MAX_BATCH_LEAVES,
				scheme: MerkleScheme::Blake2PrefixedV1,
				org: 1
			}
			.into()
		);
	});
}

#[test]
fn anchor_batch_rejects_empty_and_oversized_batches_and_non_members() {
	test(|| {
		let root = H256::repeat_byte(1);
		let scheme = MerkleScheme::Blake2PrefixedV1;
		assert_noop!(
			Notary::anchor_batch(signed(CARRIER_OPERATOR), root, 0, scheme),
			Error::EmptyBatch
		);
		assert_noop!(
			Notary::anchor_batch(signed(CARRIER_OPERATOR), root, MAX_BATCH_LEAVES + 1, scheme),
			Error::BatchTooLarge
		);
		assert_noop!(Notary::anchor_batch(signed(OUTSIDER), root, 1, scheme), Error::NotAMember);
		assert_noop!(
			Notary::anchor_batch(signed(SUSPENDED_OPERATOR), root, 1, scheme),
			Error::OrganisationSuspended
		);
	});
}

#[test]
fn inclusion_proofs_verify_against_the_anchored_root() {
	test(|| {
		let leaves: Vec<ContentDigest> =
			(0..11u32).map(|i| ContentDigest::blake2_256_of(&i.to_le_bytes())).collect();
		assert_ok!(Notary::anchor_batch(
			signed(CARRIER_OPERATOR),
			batch_root(&leaves),
			leaves.len() as u32,
			MerkleScheme::Blake2PrefixedV1
		));
		for (index, leaf) in leaves.iter().enumerate() {
			let (included, batch) =
				Notary::verify_inclusion(0, *leaf, inclusion_proof(&leaves, index as u32));
			assert!(included, "leaf {index}");
			assert_eq!(batch.unwrap().leaf_count, 11);
		}
		// A tampered leaf, a wrong path, an unknown batch.
		let tampered = ContentDigest::blake2_256_of(b"tampered");
		assert!(!Notary::verify_inclusion(0, tampered, inclusion_proof(&leaves, 3)).0);
		assert!(!Notary::verify_inclusion(0, leaves[3], inclusion_proof(&leaves, 4)).0);
		let garbage = InclusionProof { leaf_index: 3, siblings: vec![H256::zero(); 40] };
		assert!(!Notary::verify_inclusion(0, leaves[3], garbage).0);
		assert_eq!(
			Notary::verify_inclusion(7, leaves[3], inclusion_proof(&leaves, 3)),
			(false, None)
		);
	});
}

#[test]
fn facts_register_the_digests_they_carry() {
	test(|| {
		let attestation = FactRef { kind: FactKind::Attestation, id: H256::repeat_byte(9) };
		let checkpoint = FactRef { kind: FactKind::Checkpoint, id: H256::repeat_byte(8) };
		assert_ok!(<Notary as EvidenceRegistry<AccountId>>::register(
			&AGENCY_OPERATOR,
			1,
			photo(),
			EvidenceKind::Photo,
			1_699_999_000_000,
			attestation
		));
		// Registering the same fact twice records it once.
		assert_ok!(<Notary as EvidenceRegistry<AccountId>>::register(
			&AGENCY_OPERATOR,
			1,
			photo(),
			EvidenceKind::Photo,
			1_699_999_000_000,
			attestation
		));
		// Another organisation's fact cites it: the first notarizer stands, and the citing
		// organisation keeps its own record of the digest.
		assert_ok!(<Notary as EvidenceRegistry<AccountId>>::register(
			&CARRIER_OPERATOR,
			2,
			photo(),
			EvidenceKind::Photo,
			0,
			checkpoint
		));
		assert_eq!(<Notary as EvidenceRegistry<AccountId>>::notarizer_of(&photo()), Some(1));
		assert_eq!(Citations::<Test>::get(photo()).to_vec(), vec![attestation, checkpoint]);
		assert_eq!(Notarizations::<Test>::get(photo(), 2).map(|n| n.byte_size), Some(0));
		// Neither organisation notarizes it again afterwards.
		assert_noop!(notarize(CARRIER_OPERATOR, photo()), Error::AlreadyNotarized);
		assert_noop!(notarize(AGENCY_OPERATOR, photo()), Error::AlreadyNotarized);
		assert_eq!(last_event(), Event::Cited { digest: photo(), fact: checkpoint, org: 2 }.into());
	});
}

fn cite(org: evidence_primitives::OrgId, n: u8) -> Result<(), EvidenceRegistryError> {
	let fact = FactRef { kind: FactKind::Checkpoint, id: H256::repeat_byte(n) };
	<Notary as EvidenceRegistry<AccountId>>::register(
		&CARRIER_OPERATOR,
		org,
		photo(),
		EvidenceKind::Photo,
		0,
		fact,
	)
}

#[test]
fn one_organisation_holds_at_most_a_quarter_of_a_digest_s_citations() {
	test(|| {
		// Eight citations per digest here: two for each organisation.
		assert_eq!(evidence_primitives::index_share(8), 2);
		assert_ok!(notarize(AGENCY_OPERATOR, photo()));
		assert_ok!(cite(2, 1));
		assert_ok!(cite(2, 2));
		// A rival citing the digest over and over keeps no one else from citing it.
		assert_eq!(cite(2, 3), Err(EvidenceRegistryError::CitationShareUsed));
		assert_ok!(cite(1, 4));
		assert_eq!(CitationPlaces::<Test>::get(photo(), 2), 2);
		assert_eq!(CitationPlaces::<Test>::get(photo(), 1), 2);
	});
}

#[test]
fn citations_are_bounded() {
	test(|| {
		assert_ok!(notarize(AGENCY_OPERATOR, photo()));
		// Organisations 1, 2, 4 and 5 take two places each: the digest's eight.
		for (n, org) in [1, 2, 2, 4, 4, 5, 5].into_iter().enumerate() {
			assert_ok!(cite(org, n as u8));
		}
		assert_eq!(cite(6, 9), Err(EvidenceRegistryError::TooManyCitations));
		assert_eq!(Citations::<Test>::get(photo()).len(), 8);
	});
}

#[test]
fn unknown_algorithm_tags_do_not_decode() {
	use codec::Decode;
	// Algorithm byte 2 does not exist: the call cannot even be decoded.
	let mut bytes = vec![2u8];
	bytes.extend_from_slice(&[0u8; 32]);
	assert!(ContentDigest::decode(&mut &bytes[..]).is_err());
}

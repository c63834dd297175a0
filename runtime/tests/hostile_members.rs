//! Members are competitors. Each test plays what one member could do to lock out or crowd out
//! the others through the real runtime's gate (its allow-list, its validator exception, its
//! block and pool shares) and the council, and checks that the others still get through.

mod common;

use common::start_block;

use evidence_primitives::Role;
use evidence_runtime::{
	genesis_config_presets::{consortium_genesis, GenesisValidator},
	signed_transaction, AccountId, Council, CouncilInstance, Executive, Runtime, RuntimeCall,
	RuntimeGenesisConfig, RuntimeOrigin, System, UncheckedExtrinsic, VERSION,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	storage::{with_transaction, TransactionOutcome},
};
use pallet_consortium::{CheckMembership, CheckNonceWindow, GenesisOrganisation, OpenProposals};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidity, TransactionValidityError,
	},
	BuildStorage, DispatchError, Perbill,
};

const PLATFORM: u32 = 0;

/// Two organisations whose validators are accounts of their own, not their admins: the
/// platform (admin Alice, operator AliceStash, validator Ferdie) and the agency (admin Bob,
/// operator BobStash, validator Eve).
fn two_rivals() -> sp_io::TestExternalities {
	let org =
		|name: &str, role, admin: Sr25519Keyring, operator: Sr25519Keyring| GenesisOrganisation {
			name: name.into(),
			roles: vec![role],
			admin: admin.to_account_id(),
			operators: vec![operator.to_account_id()],
			validators: vec![],
		};
	let validator = |sr: Sr25519Keyring, ed: Ed25519Keyring| GenesisValidator {
		account: sr.to_account_id(),
		aura: sr.public().into(),
		grandpa: ed.public().into(),
	};
	let genesis = consortium_genesis(
		vec![
			(
				org("Platform", Role::Platform, Sr25519Keyring::Alice, Sr25519Keyring::AliceStash),
				vec![validator(Sr25519Keyring::Ferdie, Ed25519Keyring::Ferdie)],
			),
			(
				org(
					"Agency",
					Role::InspectionAgency,
					Sr25519Keyring::Bob,
					Sr25519Keyring::BobStash,
				),
				vec![validator(Sr25519Keyring::Eve, Ed25519Keyring::Eve)],
			),
		],
		2,
		None,
	);
	let config: RuntimeGenesisConfig = serde_json::from_value(genesis).unwrap();
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| start_block(1));
	ext
}

fn tx(who: Sr25519Keyring, nonce: u32, call: RuntimeCall) -> UncheckedExtrinsic {
	let genesis = frame_system::BlockHash::<Runtime>::get(0);
	signed_transaction(
		call,
		&who.pair(),
		nonce,
		genesis,
		VERSION.spec_version,
		VERSION.transaction_version,
	)
}

/// What a node's pool answers for `xt` on top of the current state (nothing is kept).
fn pool(xt: UncheckedExtrinsic) -> TransactionValidity {
	let parent = System::parent_hash();
	with_transaction(|| {
		let validity = Executive::validate_transaction(TransactionSource::External, xt, parent);
		TransactionOutcome::Rollback(Ok::<_, DispatchError>(validity))
	})
	.unwrap()
}

fn custom(code: u8) -> TransactionValidityError {
	InvalidTransaction::Custom(code).into()
}

fn remark(tag: u32) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: tag.to_le_bytes().to_vec() })
}

#[test]
fn a_validator_account_of_no_organisation_passes_the_gate_only_for_its_session_keys() {
	two_rivals().execute_with(|| {
		let ferdie = Sr25519Keyring::Ferdie;
		assert!(pallet_consortium::Members::<Runtime>::get(ferdie.to_account_id()).is_none());
		let purge = RuntimeCall::Session(pallet_session::Call::purge_keys {});
		assert_ok!(pool(tx(ferdie, 0, purge.clone())));
		// Anything else of the validator's is a non-member's: refused at the pool.
		assert_eq!(pool(tx(ferdie, 0, remark(1))), Err(custom(1)));
		let notarize = RuntimeCall::Notary(pallet_notary::Call::notarize {
			digest: evidence_primitives::ContentDigest::blake2_256_of(b"photo"),
			kind: evidence_primitives::EvidenceKind::Photo,
			byte_size: 1,
			captured_at: 0,
			c2pa_claim: None,
		});
		assert_eq!(pool(tx(ferdie, 0, notarize)), Err(custom(1)));
		// An account that runs no validator may not even manage keys.
		assert_eq!(pool(tx(Sr25519Keyring::Charlie, 0, purge.clone())), Err(custom(1)));
		// In a block, the validator's key call is applied.
		assert_ok!(Executive::apply_extrinsic(tx(ferdie, 0, purge)).unwrap());
		assert!(!pallet_session::NextKeys::<Runtime>::contains_key(ferdie.to_account_id()));
	});
}

#[test]
fn unsigned_calls_outside_the_allow_list_are_refused_before_their_pallet_sees_them() {
	two_rivals().execute_with(|| {
		// Calls of pallets that validate no unsigned call of their own: before the allow-list,
		// a block author could put them in a block, to fail there with `BadOrigin`.
		for call in [
			RuntimeCall::Notary(pallet_notary::Call::notarize {
				digest: evidence_primitives::ContentDigest::blake2_256_of(b"photo"),
				kind: evidence_primitives::EvidenceKind::Photo,
				byte_size: 1,
				captured_at: 0,
				c2pa_claim: None,
			}),
			RuntimeCall::Session(pallet_session::Call::purge_keys {}),
			RuntimeCall::Consortium(pallet_consortium::Call::set_block_share {
				share: Perbill::one(),
			}),
		] {
			let bare = UncheckedExtrinsic::new_bare(call);
			// No pallet validates it unsigned, so no pool takes it; and a block author who
			// puts it in a block makes the block invalid: the gate refuses it there too.
			assert!(pool(bare.clone()).is_err());
			assert_eq!(Executive::apply_extrinsic(bare), Err(custom(3)));
		}
		// The allow-listed ones reach their own checks: an upgrade nobody authorised is
		// refused by the system pallet, not by the gate.
		let upgrade = UncheckedExtrinsic::new_bare(RuntimeCall::System(
			frame_system::Call::apply_authorized_upgrade { code: vec![1, 2, 3] },
		));
		let answer = pool(upgrade);
		assert!(answer.is_err() && answer != Err(custom(3)), "{answer:?}");
		// The timestamp inherent is still applied.
		let now =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now: 0,
			}));
		assert_ok!(Executive::apply_extrinsic(now).unwrap());
	});
}

/// Builds blocks from `queue` as the node's block builder does: in order, skipping (and
/// keeping for a later block) what the runtime answers `ExhaustsResources`. Returns, per
/// block, which entries of `queue` went in.
fn build_blocks(queue: Vec<UncheckedExtrinsic>, blocks: u32) -> Vec<Vec<usize>> {
	let mut waiting: Vec<(usize, UncheckedExtrinsic)> = queue.into_iter().enumerate().collect();
	let mut included = Vec::new();
	for _ in 0..blocks {
		let mut this_block = Vec::new();
		let mut later = Vec::new();
		for (index, xt) in waiting {
			match Executive::apply_extrinsic(xt.clone()) {
				Ok(result) => {
					assert_ok!(result);
					this_block.push(index);
				},
				Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)) => {
					later.push((index, xt))
				},
				Err(other) => panic!("transaction {index} refused: {other:?}"),
			}
		}
		included.push(this_block);
		waiting = later;
		start_block(System::block_number() + 1);
	}
	assert!(waiting.is_empty(), "{} transactions never got into a block", waiting.len());
	included
}

#[test]
fn one_organisation_flooding_leaves_the_others_room_in_the_next_block() {
	two_rivals().execute_with(|| {
		assert_ok!(pallet_consortium::Pallet::<Runtime>::set_block_share(
			RuntimeOrigin::root(),
			Perbill::from_percent(3)
		));
		let limit = CheckMembership::<Runtime>::share_limit().ref_time();
		let each = tx(Sr25519Keyring::AliceStash, 0, remark(0)).get_dispatch_info().total_weight();
		// The share keeps what a transaction costs the block: the first pays one write of the
		// organisation's usage, the later ones none (the gate declares two); and it must hold
		// the whole declared weight of the next.
		let write = <Runtime as frame_system::Config>::DbWeight::get().writes(1).ref_time();
		let (each, first, later) =
			(each.ref_time(), each.ref_time() - write, each.ref_time() - 2 * write);
		let fits = ((limit - first - each) / later + 2) as usize;
		assert!(fits > 10, "the share holds {fits} remarks");
		println!("a 3 % share holds {fits} remarks of {each} declared");

		// The platform's operator floods twice its share; the agency's operator comes after.
		let flood: Vec<_> = (0..2 * fits as u32 + 5)
			.map(|n| tx(Sr25519Keyring::AliceStash, n, remark(n)))
			.collect();
		let rival: Vec<_> = (0..5).map(|n| tx(Sr25519Keyring::BobStash, n, remark(n))).collect();
		let flood_len = flood.len();
		let blocks = build_blocks(flood.into_iter().chain(rival).collect(), 3);

		let (platform, agency): (Vec<usize>, Vec<usize>) =
			blocks[0].iter().partition(|index| **index < flood_len);
		assert_eq!(agency.len(), 5, "every rival transaction is in the first block");
		assert!(platform.len() <= fits, "{} platform transactions > share {fits}", platform.len());
		assert!(platform.len() + 1 >= fits, "the platform used its share");
		// The flood is not lost: it goes in over the next blocks, in order.
		let all: Vec<usize> = blocks.concat();
		assert_eq!(all.len(), flood_len + 5);
	});
}

#[test]
fn after_filling_its_share_an_organisation_queues_behind_one_that_did_not() {
	two_rivals().execute_with(|| {
		let limit = CheckMembership::<Runtime>::share_limit();
		let each = tx(Sr25519Keyring::AliceStash, 0, remark(0)).get_dispatch_info().total_weight();
		// The platform used its whole share in the latest block (as a flood would); the pool
		// validates for the block after it.
		pallet_consortium::BlockUsageOf::<Runtime>::insert(
			PLATFORM,
			pallet_consortium::BlockUsage {
				block: System::block_number(),
				used: limit,
				..Default::default()
			},
		);
		let platform = pool(tx(Sr25519Keyring::AliceStash, 0, remark(1))).unwrap();
		let agency = pool(tx(Sr25519Keyring::BobStash, 0, remark(1))).unwrap();
		assert!(
			agency.priority > platform.priority,
			"agency {} platform {}",
			agency.priority,
			platform.priority
		);
		assert!(each.all_lte(limit));
	});
}

#[test]
fn an_organisation_holds_at_most_its_share_of_the_pool() {
	two_rivals().execute_with(|| {
		// The platform's admin and its operator share its places.
		let window =
			CheckNonceWindow::<Runtime>::window(&Sr25519Keyring::AliceStash.to_account_id());
		assert_eq!(window, evidence_runtime::configs::MaxPendingPerOrganisation::get() / 2);
		assert_ok!(pool(tx(Sr25519Keyring::AliceStash, window - 1, remark(1))));
		assert_eq!(pool(tx(Sr25519Keyring::AliceStash, window, remark(1))), Err(custom(4)));
		assert_eq!(pool(tx(Sr25519Keyring::Alice, window, remark(1))), Err(custom(4)));
		// The rival's place is its own.
		assert_ok!(pool(tx(Sr25519Keyring::BobStash, 0, remark(1))));
	});
}

#[test]
fn an_organisation_grows_the_state_by_at_most_its_storage_budget() {
	two_rivals().execute_with(|| {
		// Far below what governance may set (1 MiB), to spend it in a few remarks.
		pallet_consortium::StorageBudget::<Runtime>::put(2_000);
		// The platform's operator sends remarks until its budget for the day is spent.
		let mut nonce = 0;
		let refused = loop {
			let xt = tx(Sr25519Keyring::AliceStash, nonce, remark(nonce));
			match Executive::apply_extrinsic(xt) {
				Ok(result) => {
					assert_ok!(result);
					nonce += 1;
				},
				Err(error) => break error,
			}
			assert!(nonce < 100, "the budget never ran out");
		};
		assert_eq!(refused, custom(5));
		let used = pallet_consortium::BlockUsageOf::<Runtime>::get(PLATFORM).bytes;
		assert!(used <= 2_000 && nonce > 5, "{nonce} remarks, {used} bytes");
		// Refused at the pool too, even a block later; the rival is not.
		start_block(System::block_number() + 1);
		assert_eq!(pool(tx(Sr25519Keyring::AliceStash, nonce, remark(1))), Err(custom(5)));
		assert_eq!(pool(tx(Sr25519Keyring::Alice, 0, remark(1))), Err(custom(5)));
		assert_ok!(pool(tx(Sr25519Keyring::BobStash, 0, remark(1))));
		// Its admin still moves the council to raise the budget: governance's calls are
		// never counted against it.
		let raise =
			RuntimeCall::Consortium(pallet_consortium::Call::set_storage_budget { bytes: 1 << 30 });
		let motion = RuntimeCall::Council(pallet_collective::Call::propose {
			threshold: 2,
			length_bound: codec::Encode::encoded_size(&raise) as u32,
			proposal: Box::new(raise),
		});
		assert_ok!(pool(tx(Sr25519Keyring::Alice, 0, motion.clone())));
		let outcome = Executive::apply_extrinsic(tx(Sr25519Keyring::Alice, 0, motion));
		assert_ok!(outcome.expect("the motion is in the block"));
		assert_eq!(pallet_consortium::BlockUsageOf::<Runtime>::get(PLATFORM).bytes, used);
	});
}

fn propose(who: Sr25519Keyring, tag: u32) -> Result<sp_core::H256, DispatchError> {
	let call = remark(tag);
	let length = codec::Encode::encoded_size(&call) as u32;
	let hash = BlakeTwo256::hash_of(&call);
	Council::propose(RuntimeOrigin::signed(who.to_account_id()), 2, Box::new(call), length)
		.map(|_| hash)
		.map_err(|e| e.error)
}

#[test]
fn one_member_cannot_fill_the_council_proposal_slots() {
	two_rivals().execute_with(|| {
		let mine = evidence_runtime::configs::MaxOpenProposalsPerMember::get();
		let mut hashes = Vec::new();
		for tag in 0..mine {
			hashes.push(propose(Sr25519Keyring::Alice, tag).unwrap());
		}
		assert_noop!(
			propose(Sr25519Keyring::Alice, mine),
			pallet_consortium::Error::<Runtime>::TooManyOpenProposals
		);
		// The rival still proposes.
		assert_ok!(propose(Sr25519Keyring::Bob, 1_000));
		// A motion ended (here disapproved) frees its slot once its cost is released, which
		// anyone may do.
		assert_ok!(Council::disapprove_proposal(RuntimeOrigin::root(), hashes[0]));
		let alice: AccountId = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(OpenProposals::<Runtime>::get(&alice), mine);
		assert_ok!(Council::release_proposal_cost(
			RuntimeOrigin::signed(Sr25519Keyring::Bob.to_account_id()),
			hashes[0]
		));
		assert_eq!(OpenProposals::<Runtime>::get(&alice), mine - 1);
		assert_ok!(propose(Sr25519Keyring::Alice, mine));
		assert_eq!(
			pallet_collective::Proposals::<Runtime, CouncilInstance>::get().len() as u32,
			mine + 1
		);
	});
}

mod shared_lists {
	use super::*;
	use evidence_runtime::Logistics;
	use frame_support::traits::Get;
	use pallet_logistics::Money;

	fn id(text: &str) -> sp_core::H256 {
		evidence_runtime::genesis_config_presets::demo_inspection::id(text)
	}

	fn ship(
		who: Sr25519Keyring,
		platform: u32,
		shipment: &str,
		order: &str,
		unit: sp_core::H256,
	) -> sp_runtime::DispatchResult {
		Logistics::create_shipment(
			RuntimeOrigin::signed(who.to_account_id()),
			id(shipment),
			id(order),
			platform,
			vec![unit].try_into().unwrap(),
			2,
			1,
			Money { currency: *b"CNY", minor_units: 100 },
			2,
		)
	}

	#[test]
	fn a_rival_cannot_make_a_unit_unshippable_by_filling_its_shipment_list() {
		common::dev_chain().execute_with(|| {
			// A rival platform selling "its own goods" names the demo platform's unit in as
			// many shipments as it can.
			let rival = pallet_consortium::NextOrgId::<Runtime>::get();
			assert_ok!(pallet_consortium::Pallet::<Runtime>::admit_org(
				RuntimeOrigin::root(),
				b"Rival Platform".to_vec(),
				vec![Role::Platform],
				Sr25519Keyring::Ferdie.to_account_id(),
			));
			let unit = id("urn:epc:id:sgtin:0614141.812345.6789");
			let share = evidence_primitives::index_share(
				<Runtime as pallet_logistics::Config>::MaxShipmentsPerUnit::get(),
			);
			for n in 0..share {
				assert_ok!(ship(
					Sr25519Keyring::Ferdie,
					rival,
					&format!("rival shipment {n}"),
					&format!("rival order {n}"),
					unit
				));
			}
			assert_noop!(
				ship(Sr25519Keyring::Ferdie, rival, "one more", "rival order x", unit),
				pallet_logistics::Error::<Runtime>::ShipmentShareOfUnitUsed
			);
			// The demo platform still ships its unit.
			assert_ok!(ship(Sr25519Keyring::AliceStash, 0, "SSCC 1", "order-line 1", unit));
			assert_eq!(
				pallet_logistics::ShipmentsByUnit::<Runtime>::get(unit).len() as u32,
				share + 1
			);
		});
	}
}

/// A rival saw an agency's, a platform's and a carrier's registrations waiting in the pool and
/// got the same references into the block first. Record ids are derived from the signer's
/// organisation, so the rival's records land under ids of its own and every owner's
/// transaction still goes through, in the same block, under the id the owner computed.
mod record_ids {
	use super::*;
	use evidence_primitives::{record_id, ContentDigest, RecordKind};
	use evidence_runtime::genesis_config_presets::demo_inspection::id;
	use pallet_inspection::{
		AccreditationScheme, AttestationInput, MeasurementUnit, Outcome, Purpose, Subjects,
		TestResult, Verdict,
	};
	use pallet_logistics::{DeviceKind, Money};

	const AGENCY: u32 = 1;
	const CARRIER: u32 = 2;

	fn code(text: &str) -> pallet_inspection::Code {
		text.as_bytes().to_vec().try_into().unwrap()
	}

	fn apply(who: Sr25519Keyring, nonce: u32, call: impl Into<RuntimeCall>) {
		let outcome = Executive::apply_extrinsic(tx(who, nonce, call.into()));
		assert_eq!(outcome, Ok(Ok(())), "{who:?}'s transaction {nonce}");
	}

	fn inspector(reference: &str) -> pallet_inspection::Call<Runtime> {
		pallet_inspection::Call::register_inspector {
			reference: id(reference),
			qualification: b"QUAL".to_vec().try_into().unwrap(),
			categories: vec![code("luxury-handbag")].try_into().unwrap(),
			valid_from: common::NOW - 86_400_000,
			valid_until: common::NOW + 86_400_000,
		}
	}

	fn handbag(inspector: sp_core::H256) -> AttestationInput<Runtime> {
		let result = |item: &str, unit, value, outcome| TestResult {
			item: code(item),
			value,
			unit,
			uncertainty: None,
			outcome,
		};
		AttestationInput {
			purpose: Purpose::ReturnIntake,
			subjects: Subjects::Units(vec![id("unit 1")].try_into().unwrap()),
			order: None,
			inspector,
			protocol: 2,
			protocol_version: 1,
			started_at: common::NOW - 3_600_000,
			ended_at: common::NOW - 600_000,
			location: id("CNSHA"),
			equipment: Default::default(),
			results: vec![
				result("AUTHENTICITY", MeasurementUnit::Boolean, Some(1), Outcome::Pass),
				result("STITCHES-PER-INCH", MeasurementUnit::Count, Some(10), Outcome::Pass),
			]
			.try_into()
			.unwrap(),
			aql: None,
			packaging: None,
			media: Default::default(),
			report: ContentDigest::sha2_256_of(inspector.as_bytes()),
			verdict: Verdict::Conformant,
		}
	}

	fn shipment(reference: &str, platform: u32) -> pallet_logistics::Call<Runtime> {
		pallet_logistics::Call::create_shipment {
			reference: id(reference),
			order: id(&format!("{reference} order of {platform}")),
			platform,
			units: vec![id("unit 1")].try_into().unwrap(),
			profile: 2,
			profile_version: 1,
			declared_value: Money { currency: *b"CNY", minor_units: 100 },
			first_carrier: CARRIER,
		}
	}

	fn device(reference: &str) -> pallet_logistics::Call<Runtime> {
		pallet_logistics::Call::register_device {
			reference: id(reference),
			kind: DeviceKind::ShockLogger,
			model: b"SL".to_vec().try_into().unwrap(),
			serial: b"SL-1".to_vec().try_into().unwrap(),
			key: sp_core::ed25519::Public::from_raw([7; 32]),
			calibration_certificate: id("certificate"),
			calibrated_on: common::NOW - 86_400_000,
			calibration_due: common::NOW + 86_400_000,
		}
	}

	#[test]
	fn a_rival_who_sends_an_owner_s_references_first_takes_no_record_from_it() {
		common::dev_chain().execute_with(|| {
			let rival = pallet_consortium::NextOrgId::<Runtime>::get();
			assert_ok!(pallet_consortium::Pallet::<Runtime>::admit_org(
				RuntimeOrigin::root(),
				b"Rival".to_vec(),
				vec![Role::InspectionAgency, Role::Platform, Role::Carrier],
				Sr25519Keyring::Ferdie.to_account_id(),
			));
			assert_ok!(pallet_inspection::Pallet::<Runtime>::register_accreditation(
				RuntimeOrigin::root(),
				rival,
				AccreditationScheme::Cnas,
				b"CNAS IB9999".to_vec().try_into().unwrap(),
				id("scope"),
				common::NOW - 86_400_000,
				common::NOW + 86_400_000,
			));
			start_block(2);
			pallet_timestamp::Now::<Runtime>::put(common::NOW);

			// The rival's copies of the owners' pending transactions go in first.
			let ferdie = Sr25519Keyring::Ferdie;
			apply(ferdie, 0, inspector("INSPECTOR-7"));
			let rival_inspector = record_id(RecordKind::Inspector, rival, id("INSPECTOR-7"));
			apply(
				ferdie,
				1,
				pallet_inspection::Call::attest {
					reference: id("REPORT-7"),
					input: handbag(rival_inspector),
				},
			);
			apply(ferdie, 2, shipment("SSCC 7", rival));
			apply(ferdie, 3, device("LOGGER-7"));

			// Then the owners' own, unchanged.
			apply(Sr25519Keyring::BobStash, 0, inspector("INSPECTOR-7"));
			let inspector_id = record_id(RecordKind::Inspector, AGENCY, id("INSPECTOR-7"));
			apply(
				Sr25519Keyring::BobStash,
				1,
				pallet_inspection::Call::attest {
					reference: id("REPORT-7"),
					input: handbag(inspector_id),
				},
			);
			apply(Sr25519Keyring::AliceStash, 0, shipment("SSCC 7", PLATFORM));
			apply(Sr25519Keyring::CharlieStash, 0, device("LOGGER-7"));

			// Each holds its own record under the id it can compute without the chain.
			let attestation = |org| {
				pallet_inspection::Attestations::<Runtime>::get(record_id(
					RecordKind::Attestation,
					org,
					id("REPORT-7"),
				))
				.map(|a| (a.agency, a.body.inspector))
			};
			assert_eq!(attestation(AGENCY), Some((AGENCY, inspector_id)));
			assert_eq!(attestation(rival), Some((rival, rival_inspector)));
			let shipper = |org| {
				pallet_logistics::Shipments::<Runtime>::get(record_id(
					RecordKind::Shipment,
					org,
					id("SSCC 7"),
				))
				.map(|s| s.shipper)
			};
			assert_eq!((shipper(PLATFORM), shipper(rival)), (Some(PLATFORM), Some(rival)));
			let owner = |org| {
				pallet_logistics::Devices::<Runtime>::get(record_id(
					RecordKind::Device,
					org,
					id("LOGGER-7"),
				))
				.map(|d| d.owner)
			};
			assert_eq!((owner(CARRIER), owner(rival)), (Some(CARRIER), Some(rival)));
			assert_eq!(
				pallet_inspection::Inspectors::<Runtime>::get(inspector_id).map(|i| i.agency),
				Some(AGENCY)
			);
		});
	}
}

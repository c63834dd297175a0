//! What a block charges is what its contents cost: the block that ends a session still carries
//! transactions, a transaction that used less than its declared weight gives the rest back
//! to the block (without a `WeightReclaim` extension), and the membership gate's write of an
//! organisation's usage is charged once a block, as the database writes it, and a block of
//! delivery confirmations pays for every shipment it reads.

mod common;

use codec::Encode;
use common::{dev_chain, genesis_of, start_block};
use evidence_runtime::{
	configs::rotation_weight, signed_transaction, Council, Executive, Runtime, RuntimeCall,
	RuntimeOrigin, System, UncheckedExtrinsic, SESSION_PERIOD, VERSION,
};
use frame_support::{
	assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	weights::Weight,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::{BlakeTwo256, Hash};

fn tx(who: Sr25519Keyring, nonce: u32, call: RuntimeCall) -> UncheckedExtrinsic {
	signed_transaction(
		call,
		&who.pair(),
		nonce,
		frame_system::BlockHash::<Runtime>::get(0),
		VERSION.spec_version,
		VERSION.transaction_version,
	)
}

#[test]
fn the_block_that_ends_a_session_carries_transactions() {
	dev_chain().execute_with(|| {
		for number in 2..SESSION_PERIOD {
			start_block(number);
			assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), 0);
		}
		start_block(SESSION_PERIOD);
		assert_eq!(
			pallet_session::CurrentIndex::<Runtime>::get(),
			1,
			"block {SESSION_PERIOD} ends session 0"
		);

		// The rotation is charged what it touches, not the whole block.
		let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		let used = *System::block_weight().get(DispatchClass::Mandatory);
		assert!(used.all_gte(rotation_weight()), "{used} charged, rotation {}", rotation_weight());
		assert!(used.ref_time() < max.ref_time() / 100, "the block starts {used} of {max} full");

		// A member's transaction goes into it.
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: b"ok".to_vec() });
		assert_ok!(Executive::apply_extrinsic(tx(Sr25519Keyring::Alice, 0, remark))
			.expect("the block has room"));

		// And the next session still ends on time.
		for number in SESSION_PERIOD + 1..=2 * SESSION_PERIOD {
			start_block(number);
		}
		assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), 2);
	});
}

#[test]
fn a_council_close_gives_back_the_weight_its_motion_did_not_use() {
	let mut chain = genesis_of(evidence_runtime::genesis_config_presets::LOCAL);
	chain.execute_with(|| {
		start_block(1);
		// A motion to change the block share, passed by three of the four admins.
		let motion = RuntimeCall::Consortium(pallet_consortium::Call::set_block_share {
			share: sp_runtime::Perbill::from_percent(50),
		});
		let length = motion.encoded_size() as u32;
		let hash = BlakeTwo256::hash_of(&motion);
		let signed = |k: Sr25519Keyring| RuntimeOrigin::signed(k.to_account_id());
		assert_ok!(Council::propose(signed(Sr25519Keyring::Alice), 3, Box::new(motion), length));
		for member in [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie] {
			assert_ok!(Council::vote(signed(member), hash, 0, true));
		}

		// Dave closes it allowing the motion far more weight than it uses.
		let bound = Weight::from_parts(500_000_000_000, 0);
		let close = RuntimeCall::Council(pallet_collective::Call::close {
			proposal_hash: hash,
			index: 0,
			proposal_weight_bound: bound,
			length_bound: length,
		});
		let xt = tx(Sr25519Keyring::Dave, 0, close);
		let declared = xt.get_dispatch_info().total_weight();
		let before = System::block_weight().total();
		assert_ok!(Executive::apply_extrinsic(xt).unwrap());
		let charged = System::block_weight().total().saturating_sub(before);

		assert_eq!(pallet_consortium::BlockShare::<Runtime>::get().deconstruct(), 500_000_000);
		let base = <Runtime as frame_system::Config>::BlockWeights::get()
			.get(DispatchClass::Normal)
			.base_extrinsic;
		assert!(declared.ref_time() > bound.ref_time(), "the close declares the bound");
		assert!(
			charged.ref_time() < (declared + base).ref_time() / 10,
			"the block kept {charged} of {declared} declared"
		);
	});
}

#[test]
fn the_gate_charges_an_organisations_usage_write_once_a_block() {
	dev_chain().execute_with(|| {
		start_block(2);
		let remark = || RuntimeCall::System(frame_system::Call::remark { remark: vec![7; 341] });
		let charged = |xt: UncheckedExtrinsic| {
			let before = System::block_weight().total();
			assert_ok!(Executive::apply_extrinsic(xt).expect("the block has room"));
			// Time only: the block's proof size also counts the transaction's bytes.
			System::block_weight().total().saturating_sub(before).ref_time()
		};
		let base = <Runtime as frame_system::Config>::BlockWeights::get()
			.get(DispatchClass::Normal)
			.base_extrinsic;
		let write = <Runtime as frame_system::Config>::DbWeight::get().writes(1).ref_time();
		let declared = tx(Sr25519Keyring::Alice, 0, remark()).get_dispatch_info().total_weight();
		let declared = declared.ref_time();

		// Alice's organisation's first transaction in the block pays one write of its usage
		// (the gate declares two: charged, then refunded, the same key).
		let first = charged(tx(Sr25519Keyring::Alice, 0, remark()));
		assert_eq!(first, declared + base.ref_time() - write);
		// Its later ones pay none: the block writes the key once.
		let second = charged(tx(Sr25519Keyring::Alice, 1, remark()));
		assert_eq!(second, first - write);
		// Another organisation's first transaction pays its own write.
		let other = charged(tx(Sr25519Keyring::Bob, 0, remark()));
		assert_eq!(other, first);

		// The next block starts over.
		start_block(3);
		assert_eq!(charged(tx(Sr25519Keyring::Alice, 2, remark())), first);
	});
}

#[test]
fn a_block_of_attestation_sized_remarks_fills_by_weight_before_length() {
	dev_chain().execute_with(|| {
		start_block(2);
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![7; 341] });
		let xt = tx(Sr25519Keyring::Alice, 0, remark);
		let length = xt.encoded_size() as u64;
		let normal = <Runtime as frame_system::Config>::BlockWeights::get()
			.get(DispatchClass::Normal)
			.clone();
		// What the block is charged for each (an organisation's later transactions in a
		// block: no write of its usage).
		let write = <Runtime as frame_system::Config>::DbWeight::get().writes(1);
		let each = xt.get_dispatch_info().total_weight() + normal.base_extrinsic - write * 2;
		let room = normal.max_total.expect("normal transactions have a limit");
		let by_weight = room.ref_time() / each.ref_time();
		let by_length =
			*evidence_runtime::configs::RuntimeBlockLength::get().max.get(DispatchClass::Normal)
				as u64 / length;
		assert!(by_weight > 8_000, "{by_weight} remarks of {each} fit a block's weight");
		assert!(by_length > by_weight, "{by_length} fit its length, {by_weight} its weight");
	});
}

/// A carrier's clean signed delivery makes the liability pallet look for room in the
/// confirmation queues of up to 16 blocks after its objection window. A rival that fills those
/// queues must not get that search free: a delivery checkpoint's declared weight covers the
/// rule set's two reads, the 16 queues read and the one written, at the runtime's prices.
#[test]
fn a_delivery_checkpoint_pays_for_scheduling_its_confirmation() {
	let checkpoint = |kind| {
		RuntimeCall::Logistics(pallet_logistics::Call::record_checkpoint {
			shipment: sp_core::H256::zero(),
			kind,
			observation: pallet_logistics::Observation {
				event_time: 0,
				location: sp_core::H256::zero(),
				package: None,
				reservations: Default::default(),
				note: None,
				media: Default::default(),
			},
			receipt: Some(evidence_primitives::facts::Receipt::ConsigneeSigned),
		})
		.get_dispatch_info()
		.call_weight
	};
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	let delivered = checkpoint(pallet_logistics::CheckpointKind::Delivered);
	let hub_scan = checkpoint(pallet_logistics::CheckpointKind::HubIn);
	assert!(
		delivered.ref_time() >= hub_scan.ref_time() + db.reads_writes(2 + 16, 1).ref_time(),
		"a delivery is charged {delivered:?}, a hub scan {hub_scan:?}"
	);
}

/// Colluding members can make many deliveries fall due for confirmation in one block, each a
/// different shipment: the block's confirmations then read every shipment's record, its legs and
/// each unit's open claims, none of it from the cache of another. The block is charged for all
/// of those reads (the benchmark once used one shipment over and over, and charged 97 reads for
/// a full block of confirmations).
#[test]
fn a_block_of_confirmations_is_charged_for_every_shipment_it_reads() {
	use frame_support::traits::Get;
	use pallet_liability::WeightInfo;
	let legs: u32 = <Runtime as pallet_logistics::Config>::MaxLegsPerShipment::get();
	let units: u32 = <Runtime as pallet_logistics::Config>::MaxUnitsPerShipment::get();
	let due: u32 = <Runtime as pallet_liability::Config>::MaxAgendaPerBlock::get();
	let charged =
		<Runtime as pallet_liability::Config>::WeightInfo::on_initialize_confirmations(due);
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	// The day's queue taken, and per delivery its shipment, legs and units' open claims read
	// and its confirmation written.
	let storage = db.reads_writes(u64::from(1 + due * (1 + legs + units)), u64::from(1 + due));
	assert!(
		charged.ref_time() >= storage.ref_time(),
		"{due} confirmations are charged {charged:?}; their storage alone costs {storage:?}"
	);
}

//! What a block charges is what its contents cost: the block that ends a session still carries
//! transactions, and a transaction that used less than its declared weight gives the rest back
//! to the block (without a `WeightReclaim` extension).

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

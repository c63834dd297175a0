//! The membership gate on a running dev node: a non-member's transaction is refused by
//! `author_submitExtrinsic` with the documented error and never reaches a block, while an
//! operator's transaction is included.

mod common;

use codec::Encode;
use common::Node;
use evidence_runtime::{
	Runtime, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic, VERSION,
};
use serde_json::Value;
use sp_core::{bytes::to_hex, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, MultiAddress, MultiSignature};
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);

/// A `System.remark_with_event` signed by `signer`, as a wallet would build it.
fn signed_remark(signer: Sr25519Keyring, nonce: u32, genesis: H256, note: &[u8]) -> String {
	let call = RuntimeCall::System(frame_system::Call::remark_with_event { remark: note.to_vec() });
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		pallet_consortium::CheckMembership::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let implicit =
		((), (), VERSION.spec_version, VERSION.transaction_version, genesis, genesis, (), (), ());
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let extrinsic = UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(signer.to_account_id()),
		MultiSignature::Sr25519(signature),
		extension,
	);
	to_hex(&extrinsic.encode(), false)
}

async fn genesis_hash(node: &Node) -> H256 {
	let hash = node.call("chain_getBlockHash", vec![Value::from(0)]).await.expect("genesis hash");
	hash.as_str().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn non_members_are_refused_at_the_pool_and_members_get_in() {
	let dir = tempfile::tempdir().unwrap();
	let node = Node::start(&["--dev", "--tmp"], &dir.path().join("node.log"));
	node.wait_for("best block >= 1", STARTUP, || async {
		node.best_number().await.is_some_and(|n| n >= 1)
	})
	.await;
	let genesis = genesis_hash(&node).await;

	// Eve belongs to no organisation.
	let outsider = signed_remark(Sr25519Keyring::Eve, 0, genesis, b"let me in");
	let refused = node
		.call_raw("author_submitExtrinsic", vec![Value::String(outsider.clone())])
		.await
		.expect_err("a non-member's transaction is refused");
	assert!(refused.starts_with("1010:"), "invalid-transaction error code: {refused}");
	assert!(refused.contains("Custom error: 1"), "the gate's NotAMember code: {refused}");

	// Alice//stash is an operator of the demo platform.
	let member = signed_remark(Sr25519Keyring::AliceStash, 0, genesis, b"member fact");
	node.call_raw("author_submitExtrinsic", vec![Value::String(member.clone())])
		.await
		.expect("a member's transaction enters the pool");

	node.wait_for("the member's transaction in a block", STARTUP, || {
		let node = &node;
		let member = member.clone();
		async move {
			let best = node.best_number().await.unwrap_or(0);
			for number in 1..=best {
				if node.block_extrinsics(number).await.contains(&member) {
					return true;
				}
			}
			false
		}
	})
	.await;

	// The refused transaction never made it into any block up to now.
	let best = node.best_number().await.unwrap();
	for number in 1..=best {
		assert!(!node.block_extrinsics(number).await.contains(&outsider));
	}
	// And the pool holds nothing of Eve's.
	let pending = node.call("author_pendingExtrinsics", vec![]).await.unwrap();
	assert!(!pending.as_array().unwrap().iter().any(|x| x.as_str() == Some(&outsider)));
}

//! The membership gate on a running dev node: a non-member's transaction is refused by
//! `author_submitExtrinsic` with the documented error and never reaches a block, while an
//! operator's transaction is included.

mod common;

use common::Node;
use evidence_runtime::RuntimeCall;
use serde_json::Value;
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);

/// A `System.remark_with_event` signed by `signer`, as a wallet would build it.
fn signed_remark(signer: Sr25519Keyring, nonce: u32, genesis: H256, note: &[u8]) -> String {
	let call = RuntimeCall::System(frame_system::Call::remark_with_event { remark: note.to_vec() });
	common::signed_extrinsic(signer, nonce, genesis, call)
}

#[tokio::test(flavor = "multi_thread")]
async fn non_members_are_refused_at_the_pool_and_members_get_in() {
	let dir = tempfile::tempdir().unwrap();
	let node = Node::start(&["--dev", "--tmp"], &dir.path().join("node.log"));
	node.wait_for("best block >= 1", STARTUP, || async {
		node.best_number().await.is_some_and(|n| n >= 1)
	})
	.await;
	let genesis = node.genesis_hash().await;

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

	node.wait_for_inclusion(&member, STARTUP).await;

	// The refused transaction never made it into any block up to now.
	let best = node.best_number().await.unwrap();
	for number in 1..=best {
		assert!(!node.block_extrinsics(number).await.contains(&outsider));
	}
	// And the pool holds nothing of Eve's.
	let pending = node.call("author_pendingExtrinsics", vec![]).await.unwrap();
	assert!(!pending.as_array().unwrap().iter().any(|x| x.as_str() == Some(&outsider)));
}

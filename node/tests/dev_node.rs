//! The real `evidence-node` binary: a dev node authors and finalizes blocks alone, and a node
//! killed and restarted on the same base path keeps everything it had finalized.

mod common;

use common::Node;
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_authors_and_finalizes_blocks() {
	let dir = tempfile::tempdir().unwrap();
	let node = Node::start(&["--dev", "--tmp"], &dir.path().join("node.log"));

	node.wait_for("best block >= 3", STARTUP, || async {
		node.best_number().await.is_some_and(|n| n >= 3)
	})
	.await;
	node.wait_for("finalized block >= 1", STARTUP, || async {
		node.finalized().await.is_some_and(|(n, _)| n >= 1)
	})
	.await;

	// The chain properties Polkadot.js Apps reads.
	let properties = node.call("system_properties", vec![]).await.expect("system_properties");
	assert_eq!(properties["tokenSymbol"], "EVC");
	assert_eq!(properties["tokenDecimals"], 12);
	assert_eq!(properties["ss58Format"], 42);
	let chain = node.call("system_chain", vec![]).await.expect("system_chain");
	assert_eq!(chain, "Evidence Chain Development");
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_node_restarts_with_every_finalized_block() {
	let dir = tempfile::tempdir().unwrap();
	let base = dir.path().join("base");
	let base = base.to_str().unwrap();
	let args = ["--dev", "--base-path", base];

	let mut node = Node::start(&args, &dir.path().join("first.log"));
	node.wait_for("finalized block >= 3", STARTUP, || async {
		node.finalized().await.is_some_and(|(n, _)| n >= 3)
	})
	.await;
	let (finalized, finalized_hash) = node.finalized().await.unwrap();
	node.kill();
	drop(node);

	let node = Node::start(&args, &dir.path().join("second.log"));
	node.wait_for("RPC after restart", STARTUP, || async { node.finalized().await.is_some() })
		.await;
	let (resumed, _) = node.finalized().await.unwrap();
	assert!(
		resumed >= finalized,
		"restarted at finalized #{resumed}, below #{finalized} finalized before the kill"
	);
	assert_eq!(
		node.block_hash(finalized).await,
		Some(finalized_hash),
		"the block finalized before the kill is still canonical"
	);
	// And the chain goes on.
	node.wait_for("finality advancing after restart", STARTUP, || async {
		node.finalized().await.is_some_and(|(n, _)| n > resumed)
	})
	.await;
}

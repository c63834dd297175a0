# Shared settings for the project's scripts; sourced, not run.
# One cargo target directory, outside the clone, for every build and test: repeated runs on
# one machine are incremental, and a fresh clone reuses what an earlier clone built.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/evidence-chain/target}"
EVIDENCE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export EVIDENCE_ROOT
EVIDENCE_NODE="${EVIDENCE_NODE:-$CARGO_TARGET_DIR/release/evidence-node}"
export EVIDENCE_NODE

# wait_for_first_block PORT: waits (up to 2 minutes) until the node whose JSON-RPC listens on
# 127.0.0.1:PORT has authored or imported a block after genesis.
wait_for_first_block() {
	for _ in $(seq 1 120); do
		if curl -s -H 'Content-Type: application/json' \
			-d '{"id":1,"jsonrpc":"2.0","method":"chain_getHeader","params":[]}' \
			"http://127.0.0.1:$1" | grep -q '"number":"0x[1-9a-f]'; then
			return 0
		fi
		sleep 1
	done
	return 1
}

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

# start_dev_node LOG [ARG...]: starts `evidence-node --dev --tmp` in the background, logging to
# LOG, on ports the system picks when the node binds them (peer-to-peer on 127.0.0.1 over TCP
# and WebSocket, which a browser's light client reaches) (a port chosen beforehand could be
# taken in between: sc-cli would then silently bind another). Waits (up to 2 minutes) until its
# JSON-RPC server listens and sets DEV_NODE_PID and DEV_NODE_RPC_PORT (from the node's log
# line `Running JSON-RPC server: addr=127.0.0.1:PORT,…`). Returns 1 if the node exits first.
start_dev_node() {
	local log="$1"
	shift
	"$EVIDENCE_NODE" --dev --tmp --rpc-port 0 --prometheus-port 0 --no-mdns --no-telemetry \
		--listen-addr /ip4/127.0.0.1/tcp/0 --listen-addr /ip4/127.0.0.1/tcp/0/ws "$@" 2>"$log" &
	DEV_NODE_PID=$!
	DEV_NODE_RPC_PORT=""
	for _ in $(seq 1 600); do
		DEV_NODE_RPC_PORT="$(sed -n 's/.*Running JSON-RPC server: addr=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -n1)"
		[ -n "$DEV_NODE_RPC_PORT" ] && return 0
		kill -0 "$DEV_NODE_PID" 2>/dev/null || return 1
		sleep 0.2
	done
	return 1
}

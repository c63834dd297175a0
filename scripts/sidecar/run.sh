#!/usr/bin/env bash
# Runs Substrate API Sidecar (pinned in package.json) against a dev node and checks, over its HTTP
# API only (test.mjs), that it decodes the chain: every block, the project's extrinsics and events
# by name with their fields, a dispute read from storage, and that a member's transaction posted
# to `POST /transaction` lands while a non-member's is refused. Installs the locked npm
# dependencies; uses the node at `EVIDENCE_WS` (ws://127.0.0.1:PORT) when set, on which the
# integrator demo has run, otherwise starts `evidence-node --dev --tmp` (start_dev_node in
# scripts/env.sh) and runs the demo on it first; starts sidecar on a free port, runs the check, then stops what it started.
#
# Sidecar 18.0.0 (the newest on npm) brings @polkadot/api 10, which cannot decode this chain's
# blocks: their inherents are bare extrinsics of version 5. package.json overrides its
# @polkadot/api to 16.5.6, the integrator's, which can.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$EVIDENCE_ROOT/scripts/sidecar"

npm ci --no-audit --no-fund --loglevel=error

free_port() { node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})'; }
started=()
stop_started() {
	# Newest first: sidecar, then the node.
	for ((i = ${#started[@]} - 1; i >= 0; i--)); do
		kill "${started[i]}" 2>/dev/null || true
		wait "${started[i]}" 2>/dev/null || true
	done
}
trap stop_started EXIT

node_log=""
if [[ -z "${EVIDENCE_WS:-}" ]]; then
	node_log="$(mktemp -t evidence-sidecar-node.XXXXXX.log)"
	start_dev_node "$node_log" || { kill "${DEV_NODE_PID:-}" 2>/dev/null; echo "sidecar: the dev node did not start; its log is $node_log" >&2; exit 1; }
	started+=("$DEV_NODE_PID")
	rpc_port="$DEV_NODE_RPC_PORT"

	# Wait for the node to author a block.
	wait_for_first_block "$rpc_port" || true

	export EVIDENCE_WS="ws://127.0.0.1:$rpc_port"
	demo_log="$(mktemp -t evidence-sidecar-demo.XXXXXX.log)"
	if ! (cd ../integrator && npm ci --no-audit --no-fund --loglevel=error && node src/demo.mjs) >"$demo_log" 2>&1; then
		cat "$demo_log" >&2
		echo "sidecar: the integrator demo failed; the node's log is $node_log" >&2
		exit 1
	fi
	echo "sidecar: the integrator demo ran on $EVIDENCE_WS ($demo_log)"
fi

sidecar_port="$(free_port)"
sidecar_log="$(mktemp -t evidence-sidecar.XXXXXX.log)"
SAS_SUBSTRATE_URL="$EVIDENCE_WS" SAS_EXPRESS_BIND_HOST=127.0.0.1 SAS_EXPRESS_PORT="$sidecar_port" \
	SAS_LOG_LEVEL=warn node node_modules/.bin/substrate-api-sidecar >"$sidecar_log" 2>&1 &
sidecar_pid=$!
started+=("$sidecar_pid")

# Wait (up to a minute) for sidecar to connect to the node and listen.
export SIDECAR_URL="http://127.0.0.1:$sidecar_port"
for _ in $(seq 1 60); do
	if curl -sf "$SIDECAR_URL/node/version" >/dev/null; then
		break
	fi
	if ! kill -0 "$sidecar_pid" 2>/dev/null; then
		break
	fi
	sleep 1
done

if ! node test.mjs; then
	echo "sidecar: failed; sidecar's log is $sidecar_log" >&2
	if [[ -n "$node_log" ]]; then
		echo "sidecar: the node's log is $node_log" >&2
	fi
	exit 1
fi

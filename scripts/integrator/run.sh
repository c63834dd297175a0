#!/usr/bin/env bash
# Runs the integrator client against a freshly started dev node: installs the locked npm
# dependencies, starts `evidence-node --dev --tmp` (start_dev_node in scripts/env.sh), runs `demo` (the whole story
# of an order, over extrinsics and the evidence_* JSON-RPC methods) and `check-types` (every
# type of the project's pallets and runtime APIs decodes from metadata alone) and `upgrade` on
# the runtime the node already runs (authorised, then refused: the spec_version does not
# increase), then the unit passport page in headless Chromium (web/passport/test); then, on the
# same node, the clients integrators already use: the Python client
# (scripts/python-client, substrate-interface) and Substrate API Sidecar (scripts/sidecar);
# then stops it.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$EVIDENCE_ROOT/scripts/integrator"

npm ci --no-audit --no-fund --loglevel=error

log="$(mktemp -t evidence-integrator-node.XXXXXX.log)"
trap 'kill "${DEV_NODE_PID:-}" 2>/dev/null; wait "${DEV_NODE_PID:-}" 2>/dev/null || true' EXIT
start_dev_node "$log" || { echo "integrator: the dev node did not start; its log is $log" >&2; exit 1; }
rpc_port="$DEV_NODE_RPC_PORT"

# Wait for the node to author a block.
wait_for_first_block "$rpc_port" || true

export EVIDENCE_WS="ws://127.0.0.1:$rpc_port"
# The upgrade path on the running code: authorised through sudo, refused when applied (the
# spec_version does not increase), nothing changed.
wasm="$CARGO_TARGET_DIR/release/wbuild/evidence-runtime/evidence_runtime.compact.compressed.wasm"
if ! node src/demo.mjs || ! node src/check-types.mjs || ! node src/upgrade.mjs "$wasm" --expect-rejected; then
	echo "integrator: failed; the node's log is $log" >&2
	exit 1
fi

# The unit passport page (web/passport) in headless Chromium on the demo's unit, verified by
# the page's light client over the node's WebSocket listen address; screenshots in
# target/passport/.
if ! (cd "$EVIDENCE_ROOT/web/passport" && npm ci --no-audit --no-fund --loglevel=error && node test/browser.mjs); then
	echo "integrator: the passport page failed; the node's log is $log" >&2
	exit 1
fi

# The clients integrators already use, on the same node and story.
if ! "$EVIDENCE_ROOT/scripts/python-client/run.sh" || ! "$EVIDENCE_ROOT/scripts/sidecar/run.sh"; then
	echo "integrator: a client failed; the node's log is $log" >&2
	exit 1
fi

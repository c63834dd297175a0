#!/usr/bin/env bash
# Runs the Python client's tests (test_client.py, on substrate-interface) against a node: the
# one at EVIDENCE_WS (ws://HOST:PORT) when it is set, on which the integrator demo must already
# have run; otherwise a dev node it starts itself (`evidence-node --dev --tmp`, start_dev_node
# in scripts/env.sh, stopped on exit), on which it first runs the integrator demo (scripts/integrator, `node
# src/demo.mjs`) so that a decided dispute exists. The client's venv lives under
# ~/.cache/evidence-chain/python-client/, installed with `pip install --require-hashes` from
# requirements.txt and reused while requirements.txt (its sha256) and the Python are the same.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
client="$EVIDENCE_ROOT/scripts/python-client"
python="${PYTHON:-python3}"

# The venv, keyed by requirements.txt and the interpreter; one run at a time builds it.
cache="$HOME/.cache/evidence-chain/python-client"
venv="$cache/venv"
mkdir -p "$cache"
key="$(sha256sum <"$client/requirements.txt" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])')"
(
	flock 9
	if [[ "$(cat "$venv/.requirements-key" 2>/dev/null)" != "$key" ]]; then
		echo "python-client: creating the venv in $venv"
		rm -rf "$venv"
		"$python" -m venv "$venv"
		"$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes \
			-r "$client/requirements.txt"
		# Written last: an interrupted install is redone on the next run.
		echo "$key" >"$venv/.requirements-key"
	fi
) 9>"$cache/venv.lock"

log=""
demo_log=""
if [[ -z "${EVIDENCE_WS:-}" ]]; then
	cd "$EVIDENCE_ROOT/scripts/integrator"
	npm ci --no-audit --no-fund --loglevel=error

	log="$(mktemp -t evidence-python-client-node.XXXXXX.log)"
	trap 'kill "${DEV_NODE_PID:-}" 2>/dev/null; wait "${DEV_NODE_PID:-}" 2>/dev/null || true' EXIT
	start_dev_node "$log" || { echo "python-client: the dev node did not start; its log is $log" >&2; exit 1; }
	rpc_port="$DEV_NODE_RPC_PORT"

	# Wait for the node to author a block.
	if ! wait_for_first_block "$rpc_port"; then
		echo "python-client: the dev node authored no block in 2 minutes; its log is $log" >&2
		exit 1
	fi
	export EVIDENCE_WS="ws://127.0.0.1:$rpc_port"

	# The integrator demo: the story of one order up to a dispute the runtime decides.
	demo_log="$(mktemp -t evidence-python-client-demo.XXXXXX.log)"
	if ! node src/demo.mjs >"$demo_log" 2>&1; then
		tail -n 40 "$demo_log" >&2
		echo "python-client: the integrator demo failed; its output is $demo_log, the node's log $log" >&2
		exit 1
	fi
	grep -E '^(- |ok: )' "$demo_log" || true
fi

echo "python-client: testing against $EVIDENCE_WS"
cd "$client"
if ! "$venv/bin/python" test_client.py; then
	[[ -z "$log" ]] || echo "python-client: the dev node's log is $log" >&2
	exit 1
fi
rm -f "$log" "$demo_log"

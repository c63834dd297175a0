#!/usr/bin/env bash
# Where `evidence_orderEvidence` spends its time: a dev node (release build) gets
# PROFILE_ORDERS orders of the load generator's story (default 3000, one in 50 disputed), then
# every order is read once at concurrency 32 while `perf` samples the node, PROFILE_PASSES
# times (default 3), each pass after a new best block so that no answer is kept; then one order
# is read PROFILE_HOT times (default 30000), its answer kept. (Code the node runs in its wasm
# runtime, as the reads do on a runtime this node was not built with, is named through
# wasmtime's perf map.) Writes target/bench/profile-reads.txt: the reads' figures, the time by
# library and the hottest functions of each. A profile, not a test.
#
#   scripts/profile-reads.sh            (needs `perf`: Debian's linux-perf)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"

orders="${PROFILE_ORDERS:-3000}"
passes="${PROFILE_PASSES:-3}"
hot="${PROFILE_HOT:-30000}"
out="$EVIDENCE_ROOT/target/bench"
mkdir -p "$out"
command -v perf >/dev/null || { echo "profile-reads: needs perf (Debian package linux-perf)" >&2; exit 1; }

cargo build --release --locked --workspace
load="$CARGO_TARGET_DIR/release/evidence-load"

export WASMTIME_PROFILING_STRATEGY=perfmap
start_dev_node "$out/profile-node.log"
trap 'kill "$DEV_NODE_PID" 2>/dev/null || true; wait "$DEV_NODE_PID" 2>/dev/null || true; rm -f "/tmp/perf-$DEV_NODE_PID.map"' EXIT
wait_for_first_block "$DEV_NODE_RPC_PORT"
url="ws://127.0.0.1:$DEV_NODE_RPC_PORT"

"$load" --url "$url" --workload story --count "$orders" --waves 2 --dispute-every 50 \
	--operators 31 --block-share 100 >"$out/profile-story.json"
mapfile -t all < <(node -e 'for (const o of JSON.parse(require("fs").readFileSync(process.argv[1])).all_orders) console.log(o)' "$out/profile-story.json")

best() {
	curl -s -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"chain_getHeader","params":[]}' \
		"http://127.0.0.1:$DEV_NODE_RPC_PORT" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).result.number))'
}

perf record -F 1999 -g -p "$DEV_NODE_PID" -o "$out/profile-reads.data" 2>"$out/profile-perf.log" &
perf_pid=$!
sleep 1
kill -0 "$perf_pid" 2>/dev/null || { echo "profile-reads: perf did not start:" >&2; cat "$out/profile-perf.log" >&2; exit 1; }
: >"$out/profile-reads.json"
for pass in $(seq 1 "$passes"); do
	# A new best block, so that every answer of this pass is computed.
	before="$(best)"
	while [ "$(best)" = "$before" ]; do sleep 0.2; done
	"$load" --url "$url" --workload reads $(printf -- '--order %s ' "${all[@]}") \
		--count "${#all[@]}" --concurrency 32 >>"$out/profile-reads.json"
done
kill -INT "$perf_pid"
wait "$perf_pid" || true

# One order over and over: its answer is kept for the best block, so this is the cost of a
# cached answer (JSON-RPC, WebSocket, the cache), node side.
perf record -F 1999 -g -p "$DEV_NODE_PID" -o "$out/profile-hot.data" 2>>"$out/profile-perf.log" &
perf_pid=$!
sleep 1
"$load" --url "$url" --workload reads --order "${all[0]}" --count "$hot" --concurrency 32 \
	>"$out/profile-hot.json"
kill -INT "$perf_pid"
wait "$perf_pid" || true

# summary NAME TITLE: the figures of target/bench/NAME.json and where perf saw NAME.data spend the
# node's CPU: by library, by function (self time) and by thread.
summary() {
	local data="$out/$1.data"
	echo "# $2"
	echo
	cat "$out/$1.json"
	echo
	echo "## Samples by library"
	perf report -i "$data" --no-children --sort dso --stdio -g none 2>/dev/null | awk '!/^#/ && NF && n++ < 15'
	echo
	echo "## Hottest functions (self time)"
	perf report -i "$data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | awk '!/^#/ && NF && n++ < 60'
	echo
	echo "## By thread"
	perf report -i "$data" --no-children --sort comm --stdio -g none 2>/dev/null | awk '!/^#/ && NF && n++ < 15'
	echo
}
{
	summary profile-reads "evidence_orderEvidence, ${#all[@]} distinct orders, concurrency 32, $passes passes ($(date -u +%FT%TZ), $(git rev-parse --short HEAD))"
	summary profile-hot "evidence_orderEvidence, one order $hot times (its answer kept), concurrency 32"
} >"$out/profile-reads.txt"
cat "$out/profile-reads.txt"

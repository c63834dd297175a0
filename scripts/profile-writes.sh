#!/usr/bin/env bash
# What the write workloads really cost against what the chain charges them, and what limits
# them. A dev node (release build) runs each saturating single-call workload of
# `scripts/bench.sh` (remark, attest, checkpoint, sensor; the single-role ones with the block
# share at 100 %) for PROFILE_SECONDS (default 40), twice:
# - measured, without a profiler: for every block that carried the workload, the proposer's
#   own time (the node's `Prepared block for proposing … (N ms)` line), why the block ended
#   (`HitBlockWeightLimit`: its weight or its length was used up; `NoMoreTransactions`: nothing
#   more was ready in the pool), its transactions' bytes, and the weight they were charged
#   (`System.BlockWeight`, normal class); the node's CPU time (from /proc); and the pool's
#   validations (its
#   `txpoolstats` log): transactions validated as they were submitted, and transactions already
#   in the pool validated again after a block;
# - under `perf` (which slows the node, so no figure above comes from this run): where the
#   node's CPU went, by library and by function.
# Writes target/bench/profile-writes.txt. About 18 minutes. A profile, not a test.
#
#   scripts/profile-writes.sh            (needs `perf`: Debian's linux-perf)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"

seconds="${PROFILE_SECONDS:-40}"
out="$EVIDENCE_ROOT/target/bench"
mkdir -p "$out"
command -v perf >/dev/null || { echo "profile-writes: needs perf (Debian package linux-perf)" >&2; exit 1; }

cargo build --release --locked --workspace
load="$CARGO_TARGET_DIR/release/evidence-load"
workloads=(remark attest checkpoint sensor)
ticks="$(getconf CLK_TCK)"
cores="$(nproc)"
: >"$out/profile-perf.log"
: >"$out/profile-writes-perf-failures.txt"
# The measured run must not pay for a perf map.
unset WASMTIME_PROFILING_STRATEGY
trap 'kill "${DEV_NODE_PID:-}" 2>/dev/null || true; wait "${DEV_NODE_PID:-}" 2>/dev/null || true; rm -f "/tmp/perf-${DEV_NODE_PID:-none}.map"' EXIT

# cpu_ticks PID: the user and system CPU time the process has used, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# workload NAME: runs one saturating workload against the dev node at $url.
workload() {
	local share=(--block-share 100)
	[ "$1" = remark ] && share=()
	"$load" --url "$url" --workload "$1" --count 200000 --seconds "$seconds" "${share[@]}"
}

# The measured run. The pool's own statistics are logged every few seconds at debug level.
start_dev_node "$out/profile-writes-node.log" -ltxpoolstats=debug
wait_for_first_block "$DEV_NODE_RPC_PORT"
url="ws://127.0.0.1:$DEV_NODE_RPC_PORT"
: >"$out/profile-writes-windows.json"
for w in "${workloads[@]}"; do
	started="$(date +%s%3N)"
	cpu="$(cpu_ticks "$DEV_NODE_PID")"
	workload "$w" >"$out/profile-$w.json"
	echo "{\"workload\":\"$w\",\"from\":$started,\"to\":$(date +%s%3N),\"cpu_ticks\":$(($(cpu_ticks "$DEV_NODE_PID") - cpu)),\"ticks_per_s\":$ticks,\"cores\":$cores}" \
		>>"$out/profile-writes-windows.json"
done
{
	echo "# Write workloads: what the proposer spends, what the chain charges ($(date -u +%FT%TZ), $(git rev-parse --short HEAD))"
	echo
	node - "$out" "http://127.0.0.1:$DEV_NODE_RPC_PORT" <<'JS'
const fs = require('fs');
const [out, rpc] = process.argv.slice(2);
// System.BlockWeight: the weight charged in the block, per dispatch class (normal first).
const blockWeightKey = '0x26aa394eea5630e07c48ae0c9558cef734abf5cb34d6244378cddbf18e849d96';
const call = async (method, params) => {
  const r = await fetch(rpc, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }) });
  return (await r.json()).result;
};
// A SCALE compact integer at `at` of `bytes`.
const compact = (bytes, at) => {
  const mode = bytes[at] & 3;
  const width = mode === 3 ? (bytes[at] >> 2) + 5 : 1 << mode;
  let v = 0n;
  for (let i = width - 1; i >= (mode === 3 ? 1 : 0); i--) v = (v << 8n) | BigInt(bytes[at + i]);
  return mode === 3 ? v : v >> 2n;
};
const log = fs.readFileSync(`${out}/profile-writes-node.log`, 'utf8');
const proposed = new Map();
for (const m of log.matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\).*end: (\w+); extrinsics_count: (\d+)/g)) {
  proposed.set(Number(m[1]), { ms: Number(m[2]), end: m[3], extrinsics: Number(m[4]) });
}
// The pool's statistics lines: when, which, how many validations.
const stats = [...log.matchAll(/^(\S+ \S+) DEBUG .*txpoolstats: (validate_transaction(?:_maintained)?_stats): count=(\d+)/gm)]
  .map((m) => ({ at: Date.parse(m[1].replace(' ', 'T')), which: m[2], count: Number(m[3]) }));
const windows = fs.readFileSync(`${out}/profile-writes-windows.json`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
(async () => {
  console.log('| workload | blocks | its transactions a block (median) | their bytes a block (median) | ended full (weight or length) / by an empty pool | proposer µs a transaction | charged µs a transaction | charged ÷ spent | proposer busy, of the 6 s slots | node CPU, of all cores (setup, signing and the wait for finality included) | pool validations: on submission / again after a block (setup included) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  const details = [];
  for (const { workload, from, to, cpu_ticks, ticks_per_s, cores } of windows) {
    const run = JSON.parse(fs.readFileSync(`${out}/profile-${workload}.json`, 'utf8'));
    const rows = [];
    for (const b of run.blocks) {
      const p = proposed.get(b.number);
      if (!p || b.ours === 0) continue;
      const raw = await call('state_getStorage', [blockWeightKey, b.hash]);
      const normal = compact(Buffer.from(raw.slice(2), 'hex'), 0);
      const block = await call('chain_getBlock', [b.hash]);
      const bytes = block.block.extrinsics.reduce((n, x) => n + (x.length - 2) / 2, 0);
      rows.push({ number: b.number, ours: b.ours, bytes, ...p, chargedMs: Number(normal) / 1e9 });
    }
    // The first and last blocks carry the queue filling up and running out.
    const full = rows.length > 2 ? rows.slice(1, -1) : rows;
    const spent = median(full.map((r) => (r.ms * 1000) / r.extrinsics));
    const charged = median(full.map((r) => (r.chargedMs * 1000) / r.ours));
    const byWeight = full.filter((r) => r.end === 'HitBlockWeightLimit').length;
    const byPool = full.filter((r) => r.end === 'NoMoreTransactions').length;
    const busy = full.reduce((s, r) => s + r.ms, 0) / (full.length * 6000);
    const inWindow = (which) => stats.filter((s) => s.which === which && s.at >= from && s.at <= to).reduce((n, s) => n + s.count, 0);
    const submitted = inWindow('validate_transaction_stats');
    const again = inWindow('validate_transaction_maintained_stats');
    const cpu = cpu_ticks / ticks_per_s / ((to - from) / 1000) / cores;
    console.log(`| ${workload} | ${full.length} | ${median(full.map((r) => r.ours))} | ${median(full.map((r) => r.bytes)).toLocaleString('en-US')} | ${byWeight} / ${byPool} | ${spent.toFixed(0)} | ${charged.toFixed(0)} | ${(charged / spent).toFixed(1)} | ${(busy * 100).toFixed(0)} % | ${(cpu * 100).toFixed(0)} % | ${submitted.toLocaleString('en-US')} / ${again.toLocaleString('en-US')} |`);
    details.push(`${workload}: ` + full.map((r) => `#${r.number} ${r.ours} in ${r.ms} ms (${r.end}, ${r.bytes.toLocaleString('en-US')} bytes, charged ${r.chargedMs.toFixed(0)} ms)`).join('; '));
  }
  console.log();
  console.log('Blocks (the first and last of each run left out):');
  for (const d of details) console.log(`- ${d}`);
  console.log();
})();
JS
} >"$out/profile-writes.txt"
kill "$DEV_NODE_PID"
wait "$DEV_NODE_PID" 2>/dev/null || true

# The profiled run: code the node runs in its wasm runtime (pool validation, block building)
# is named through wasmtime's perf map.
export WASMTIME_PROFILING_STRATEGY=perfmap
start_dev_node "$out/profile-writes-perf-node.log"
wait_for_first_block "$DEV_NODE_RPC_PORT"
url="ws://127.0.0.1:$DEV_NODE_RPC_PORT"
for w in "${workloads[@]}"; do
	perf record -F 999 -g -p "$DEV_NODE_PID" -o "$out/profile-$w.data" 2>>"$out/profile-perf.log" &
	perf_pid=$!
	sleep 1
	kill -0 "$perf_pid" 2>/dev/null || { echo "profile-writes: perf did not start:" >&2; cat "$out/profile-perf.log" >&2; exit 1; }
	# perf slows the node: a workload that cannot finish under it is said so, not fatal.
	if ! workload "$w" >/dev/null 2>"$out/profile-$w-perf.log"; then
		echo "$w did not finish under perf: $(tail -1 "$out/profile-$w-perf.log")" >>"$out/profile-writes-perf-failures.txt"
	fi
	kill -INT "$perf_pid" 2>/dev/null || true
	wait "$perf_pid" || true
done

{
	if [ -s "$out/profile-writes-perf-failures.txt" ]; then
		echo "Under perf (its sections below then profile what ran until then):"
		sed 's/^/- /' "$out/profile-writes-perf-failures.txt"
		echo
	fi
	for w in "${workloads[@]}"; do
		echo "## $w under perf: samples by library"
		perf report -i "$out/profile-$w.data" --no-children --sort dso --stdio -g none 2>/dev/null | awk '!/^#/ && NF && n++ < 12'
		echo
		echo "## $w under perf: hottest functions (self time)"
		perf report -i "$out/profile-$w.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | awk '!/^#/ && NF && n++ < 40'
		echo
	done
} >>"$out/profile-writes.txt"
kill "$DEV_NODE_PID" 2>/dev/null || true
wait "$DEV_NODE_PID" 2>/dev/null || true
rm -f "/tmp/perf-$DEV_NODE_PID.map"
cat "$out/profile-writes.txt"

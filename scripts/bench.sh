#!/usr/bin/env bash
# Throughput and latency benchmarks on a fresh single-node dev chain (release build,
# ParityDB), with the workspace's load generator (`evidence-load`, see load/). Writes
# target/bench/report.md (every bar, met or missed) and target/bench/report.json (machine,
# commit, bars and raw figures), and the node's log beside them.
#
#   scripts/bench.sh
#
# The single-call throughput workloads (remark, attest, checkpoint, sensor) submit for
# BENCH_SECONDS (default 75: at least ten full blocks) from a prepared queue larger than that
# time can take; the story and the batches are bounded by their counts. Environment: BENCH_ORDERS (orders of the
# mixed story, default 12000, in BENCH_WAVES waves in flight, default 6, one in
# BENCH_DISPUTE_EVERY disputed, default 50),
# BENCH_BATCHES (anchored batches of 10,000 digests, default 200), BENCH_BURST (remarks of the
# burst, submitted at once, default 60000), BENCH_READS (hot reads, default 5000),
# BENCH_CONSORTIUM (1, the default: also measure dispute latency on the four-validator network,
# `scripts/zombienet.sh dispute-latency`, about 4 minutes; 0: skip). A benchmark, not a test:
# it prints figures and fails only when a step cannot run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"

seconds="${BENCH_SECONDS:-75}"
orders="${BENCH_ORDERS:-12000}"
waves="${BENCH_WAVES:-6}"
dispute_every="${BENCH_DISPUTE_EVERY:-50}"
batches="${BENCH_BATCHES:-200}"
burst="${BENCH_BURST:-60000}"
reads="${BENCH_READS:-5000}"
out="$EVIDENCE_ROOT/target/bench"
mkdir -p "$out"

./scripts/setup.sh >/dev/null
cargo build --release --locked --workspace
load="$CARGO_TARGET_DIR/release/evidence-load"

free_port() { node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})'; }
rpc_port="$(free_port)"
"$EVIDENCE_NODE" --dev --tmp --rpc-port "$rpc_port" --port "$(free_port)" \
	--prometheus-port "$(free_port)" --no-mdns --no-telemetry \
	--rpc-max-connections 1000 \
	2>"$out/node.log" &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true' EXIT
url="ws://127.0.0.1:$rpc_port"
wait_for_first_block "$rpc_port"

run() {
	local name="$1"
	shift
	echo "== $name" >&2
	"$load" --url "$url" "$@" >"$out/$name.json"
	cat "$out/$name.json" >&2
}
# Saturating throughput: each queue holds more than BENCH_SECONDS can take. The single-role
# workloads (one agency, one carrier on the dev chain) run with the block share at 100 %.
run remark --workload remark --count 200000 --seconds "$seconds"
run attest --workload attest --count 100000 --seconds "$seconds" --block-share 100
run checkpoint --workload checkpoint --count 120000 --seconds "$seconds" --block-share 100
run sensor --workload sensor --count 120000 --seconds "$seconds" --block-share 100
run story --workload story --count "$orders" --waves "$waves" --dispute-every "$dispute_every" --operators 31 --block-share 100
run batch --workload batch --count "$batches" --batch-size 10000
run burst --workload burst --count "$burst" --operators 31
# Latency at half the saturating rate of checkpoints, for BENCH_SECONDS.
half="$(node -e 'console.log(Math.floor(JSON.parse(require("fs").readFileSync(process.argv[1])).items_per_second / 2))' "$out/checkpoint.json")"
run latency --workload checkpoint --rate "$half" --count "$((half * seconds))" --seconds "$((seconds + 30))" --block-share 100

# Reads: an order with a whole story (attestation, two legs, digests, a dispute and its
# verdict), written by the integrator demo, read over and over (its answer is cached)...
(cd scripts/integrator && npm ci --no-audit --no-fund --loglevel=error)
order="$(EVIDENCE_WS="$url" node scripts/integrator/src/demo.mjs | sed -n 's/^result: //p' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).order))')"
run reads --workload reads --order "$order" --count "$reads" --concurrency 32
# ...and 1,000 of the story's orders (attested, shipped, carried, delivered; the disputed ones
# first, with their verdicts), each read once: no answer is cached yet.
mapfile -t distinct < <(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1])); const d = new Set(r.disputed_orders); for (const o of [...r.disputed_orders, ...r.all_orders.filter((o) => !d.has(o))].slice(0, 1000)) console.log(o)' "$out/story.json")
run reads-distinct --workload reads $(printf -- '--order %s ' "${distinct[@]}") --count "${#distinct[@]}" --concurrency 32

# The dev node is done; dispute latency with four validators on the consortium network.
kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null || true
rm -f "$out/consortium-story.json"
if [ "${BENCH_CONSORTIUM:-1}" = 1 ]; then
	EVIDENCE_BENCH_OUT="$out/consortium-story.json" ./scripts/zombienet.sh dispute-latency >"$out/zombienet.log" 2>&1 \
		|| echo "the consortium measurement failed: see $out/zombienet.log" >&2
fi

deadline_hits="$(grep -c 'end: HitDeadline' "$out/node.log" || true)"
proposed="$(grep -c 'Prepared block for proposing' "$out/node.log" || true)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!target' || echo '+changes')"
cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
node - "$out" "$commit" "$cpu" "$(nproc)" "$deadline_hits" "$proposed" <<'JS'
const fs = require('fs');
const [out, commit, cpu, cores, deadlineHits, proposed] = process.argv.slice(2);
const read = (n) => JSON.parse(fs.readFileSync(`${out}/${n}.json`, 'utf8'));
const names = ['remark', 'attest', 'checkpoint', 'sensor', 'story', 'batch', 'burst', 'latency', 'reads', 'reads-distinct'];
const [remark, attest, checkpoint, sensor, story, batch, burst, latency, reads, distinct] = names.map(read);
const consortium = fs.existsSync(`${out}/consortium-story.json`) ? read('consortium-story') : null;
const date = new Date().toISOString().slice(0, 10);
const f = (x, d = 0) => (x === null || x === undefined ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
// The most of a workload's transactions one block carried (the story's phases share blocks).
const perBlock = (x) => {
  const ours = new Map();
  for (const b of x.phases ? x.phases.flatMap((p) => p.blocks) : x.blocks) ours.set(b.number, (ours.get(b.number) ?? 0) + b.ours);
  return Math.max(0, ...ours.values());
};
const blocksOf = (x) => (x.phases ? new Set(x.phases.flatMap((p) => p.blocks.map((b) => b.number))).size : x.blocks.length);
// A workload is marked when the pool refused some of it, when some of it was accepted and
// never finalized, when some failed, or when it ran fewer than ten blocks.
const marks = (x) => {
  const m = [];
  if (x.submit_errors > 0) m.push(`${f(x.submit_errors)} refused by the pool (${x.first_submit_error})`);
  if (x.held_back_after_a_refusal > 0) m.push(`${f(x.held_back_after_a_refusal)} held back behind a refusal`);
  const lost = x.submitted - x.finalized_transactions;
  if (lost > 0) m.push(`${f(lost)} accepted, not finalized`);
  if (x.failed_transactions > 0) m.push(`${f(x.failed_transactions)} failed (${x.first_failure})`);
  if (blocksOf(x) < 10 && x.workload !== 'batch') m.push(`only ${blocksOf(x)} blocks`);
  return m.join('; ');
};
const bars = [];
const bar = (name, figure, unit, cmp, target, note = '') => {
  const met = figure !== null && figure !== undefined && (cmp === '≥' ? figure >= target : figure <= target);
  bars.push({ name, figure, unit, bar: `${cmp} ${target}`, met, note });
};
const ratio = (x) => x.items_per_second / remark.items_per_second;
bar('System.remark of an attestation\'s size, finalized', remark.items_per_second, '/s', '≥', 1500, marks(remark));
bar('Inspection.attest / remark', ratio(attest), '×', '≥', 0.6, marks(attest));
bar('Logistics.record_checkpoint / remark', ratio(checkpoint), '×', '≥', 0.8, marks(checkpoint));
bar('Logistics.submit_sensor_digest / remark', ratio(sensor), '×', '≥', 0.8, marks(sensor));
bar('mixed story (all phases, waves in flight) / remark', ratio(story), '×', '≥', 0.5, marks(story));
bar('checkpoint submitted → seen finalized at half the saturating rate, p95', latency.submit_to_finalized_block_times.p95, 'block times', '≤', 2, marks(latency));
bar('verdict block → seen finalized, four validators, p95', consortium ? consortium.disputes.finalized_after_block_times.p95 : null, 'block times', '≤', 1.5, consortium ? '' : 'not run');
bar('evidence_orderEvidence, 1,000 distinct orders, concurrency 32, p99', distinct.p99_ms, 'ms', '≤', 20);
bar('evidence_orderEvidence, one hot order (answer cache), concurrency 32, p99', reads.p99_ms, 'ms', '≤', 5);
const batchInclusion = batch.finalized_items * 1000 / (batch.chain_ms + batch.tree_build_ms);
const batchFinality = batch.first_submit_to_last_finalized_ms ? batch.finalized_items * 1000 / (batch.first_submit_to_last_finalized_ms + batch.tree_build_ms) : null;
bar('Notary.anchor_batch digests to finality (tree building included)', batchFinality, '/s', '≥', 100000, marks(batch));

const report = { date, commit, machine: { cpu, cores: Number(cores) }, bars, blocks_proposed: Number(proposed), blocks_hit_deadline: Number(deadlineHits), remark, attest, checkpoint, sensor, story, batch, burst, latency, reads, reads_distinct: distinct, consortium_story: consortium };
fs.writeFileSync(`${out}/report.json`, JSON.stringify(report, null, 2));

// Items a second in the blocks between the first and the last that carried the workload (the
// queue filling the pool, the queue running out): what the chain sustains.
const steady = (x) => {
  const blocks = x.blocks ?? [];
  if (blocks.length < 3) return null;
  const inner = blocks.slice(1, -1);
  const ms = inner[inner.length - 1].time - blocks[0].time;
  return ms > 0 ? inner.reduce((n, b) => n + b.ours, 0) * (x.batch_size ?? 1) * 1000 / ms : null;
};
for (const x of [remark, attest, checkpoint, sensor, latency]) x.steady_items_per_second = steady(x);
const row = (label, x, vs) => `| ${label} | ${f(x.finalized_items)} | ${blocksOf(x)} | ${(x.chain_ms / 1000).toFixed(1)} s | ${f(x.items_per_second)} | ${x.steady_items_per_second ? f(x.steady_items_per_second) : '–'} | ${vs} | ${f(perBlock(x))} | ${f(x.submit_errors)} | ${f(x.submitted - x.finalized_transactions)} | ${f(x.resent_after_a_drop ?? 0)} | ${f(x.failed_transactions)} | ${marks(x) ? '⚠ ' + marks(x) : ''} |`;
const pct = (p, d = 2) => `${f(p.p50, d)} / ${f(p.p95, d)} / ${f(p.max, d)}`;
const md = `# Evidence Chain benchmark, ${date}, commit ${commit}

Machine: ${cpu}, ${cores} cores, load generator and node on the same machine. One \`--dev\` node (release, ParityDB); throughput from finalized blocks and their timestamps.

## Bars

| figure | measured | bar | |
|---|---|---|---|
${bars.map((b) => `| ${b.name} | ${f(b.figure, b.unit === '×' || b.unit === 'block times' || b.unit === 'ms' ? 2 : 0)} ${b.unit} | ${b.bar} ${b.unit} | ${b.met ? 'met' : '**missed**'}${b.note ? ` (${b.note})` : ''} |`).join('\n')}

## Workloads

The single-call workloads submit from a queue larger than their time can take (saturating); every workload counts only what was finalized without failing. *items/s* is over the whole run (the block before the first that carried the workload to the last); the next column leaves out the first and last blocks, which the queue was still filling or had run out for. *refused* is the pool's refusals given up on (\`submit_errors\`; refusals waited out and retried are in report.json, \`refused_then_retried\`); *not finalized* what the pool accepted and no finalized block carried; *sent again* what the pool accepted and later dropped without a word (neither on chain nor ready in the pool ${latency.resend_after_seconds ?? 12} s after the pool took it), found and sent again by the generator, timed from its first submission; it does not mark a row.

| workload | items | blocks | chain time | items/s | items/s between the first and last block | vs remark | most in one block | refused | not finalized | sent again | failed | marked |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${row(`\`System.remark\` (${remark.encoded_call_bytes} B, the attestation's size)`, remark, '1.00')}
${row(`\`Inspection.attest\` (block share 100 %)`, attest, ratio(attest).toFixed(2))}
${row(`\`Logistics.record_checkpoint\` (hub scans, ${checkpoint.encoded_call_bytes} B, block share 100 %)`, checkpoint, ratio(checkpoint).toFixed(2))}
${row(`\`Logistics.submit_sensor_digest\` (signed by the logger, ${sensor.encoded_call_bytes} B, block share 100 %)`, sensor, ratio(sensor).toFixed(2))}
${row(`mixed story: ${f(story.orders)} orders in ${story.waves} waves (attest, ship, pick up, digest, deliver), ${story.disputes.opened} disputed (open, contest, close)`, story, ratio(story).toFixed(2))}
${row(`\`Notary.anchor_batch\`, ${f(batch.batch_size)} digests each (items: digests)`, batch, '')}
${row(`checkpoints at ${f(latency.rate)}/s, half the saturating rate`, latency, ratio(latency).toFixed(2))}

| batch anchoring (${f(batch.finalized_items / batch.batch_size)} batches of ${f(batch.batch_size)}, tree built client-side in ${f(batch.tree_build_ms)} ms) | digests/s |
|---|---|
| to inclusion, in chain time (tree building + the blocks' timestamps: whole 6 s slots) | ${f(batchInclusion)} |
| to finality (tree building + first submission → last batch seen finalized) | ${f(batchFinality)} |

| latency: submitted → seen finalized (${f(latency.submit_to_finalized_ms.samples)} checkpoints at ${f(latency.rate)}/s) | p50 / p95 / max |
|---|---|
| milliseconds | ${pct(latency.submit_to_finalized_ms, 0)} |
| block times (${6000} ms) | ${pct(latency.submit_to_finalized_block_times)} |

| burst (${f(burst.signed)} remarks at once, ${burst.operators} operators, each in nonce order, never retried) | value |
|---|---|
| accepted by the pool | ${f(burst.accepted)} |
| refused at submission | ${f(burst.refused)} operators (${Object.entries(burst.refusals).map(([why, n]) => `${n} × ${why}`).join('; ') || 'none'}); ${f(burst.withheld_after_refusal)} later transactions of theirs not sent |
| finalized | ${f(burst.finalized_transactions)} (${burst.failed_transactions} failed) in ${burst.blocks.length} blocks |
| lost (accepted, never finalized; must be 0) | ${f(burst.lost)} |

| reads (\`evidence_orderEvidence\`, concurrency 32) | requests | p50 | p95 | p99 | requests/s |
|---|---|---|---|---|---|
| one order with its whole story, over and over (answer cached per block; ${f(reads.response_bytes)} B of JSON) | ${f(reads.requests)} | ${f(reads.p50_ms, 2)} ms | ${f(reads.p95_ms, 2)} ms | ${f(reads.p99_ms, 2)} ms | ${f(reads.requests_per_second)} |
| ${f(distinct.orders)} distinct orders of the story, each once (nothing cached) | ${f(distinct.requests)} | ${f(distinct.p50_ms, 2)} ms | ${f(distinct.p95_ms, 2)} ms | ${f(distinct.p99_ms, 2)} ms | ${f(distinct.requests_per_second)} |

| dispute latency | value |
|---|---|
| verdict in the block that closes the evidence window, dev node | ${story.disputes.verdict_in_closing_block} of ${story.disputes.verdicts} (${story.disputes.proposed} proposed, ${story.disputes.escalated} escalated) |
| verdict block → seen finalized, dev node: p50 / p95 / max (block times) | ${pct(story.disputes.finalized_after_block_times)} |
| verdict block → seen finalized, four validators${consortium ? ` (${consortium.disputes.opened} disputes through the RPC node)` : ''}: p50 / p95 / max (block times) | ${consortium ? pct(consortium.disputes.finalized_after_block_times) : 'not run'} |
| verdict in the closing block, four validators | ${consortium ? `${consortium.disputes.verdict_in_closing_block} of ${consortium.disputes.verdicts}` : '–'} |
| consumer's refund decided in the opening block / decided, of ${story.disputes.opened} | ${story.disputes.consumer_decision.decided_at_opening} / ${story.disputes.consumer_decision.decided} (${story.disputes.consumer_decision.refunds} refunds) |

Blocks proposed: ${proposed}; of them hit the proposal deadline: ${deadlineHits}.
`;
fs.writeFileSync(`${out}/report.md`, md);
console.log(md);
JS
echo "wrote $out/report.md and $out/report.json"

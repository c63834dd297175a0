#!/usr/bin/env bash
# Throughput and latency benchmarks on a fresh single-node dev chain (release build,
# ParityDB), with the workspace's load generator (`evidence-load`, see load/). Writes
# target/bench/report.md (a Markdown table) and target/bench/report.json (raw figures), and the
# node's log beside them.
#
#   scripts/bench.sh
#
# Environment: BENCH_REMARKS (remarks of the baseline, default 12000), BENCH_BURST (remarks of
# the burst, submitted at once, default 60000: ten blocks' worth), BENCH_COUNT (items per other throughput workload, default 12000), BENCH_ORDERS (orders
# of the mixed story, every fifth disputed, default 1000), BENCH_BATCHES (anchored batches of
# 10,000 digests, default 200), BENCH_READS (reads, default 5000), BENCH_CONSORTIUM (1, the
# default: also measure dispute latency on the four-validator network, `scripts/zombienet.sh
# dispute-latency`, about 4 minutes; 0: skip). A benchmark, not a test: it prints figures and
# fails only when a step cannot run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"

remarks="${BENCH_REMARKS:-12000}"
burst="${BENCH_BURST:-60000}"
count="${BENCH_COUNT:-12000}"
orders="${BENCH_ORDERS:-1000}"
batches="${BENCH_BATCHES:-200}"
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
run remark --workload remark --count "$remarks"
run attest --workload attest --count "$count"
run checkpoint --workload checkpoint --count "$count"
run sensor --workload sensor --count "$count"
run story --workload story --count "$orders" --dispute-every 5
run batch --workload batch --count "$batches" --batch-size 10000 --concurrency 4
run burst --workload burst --count "$burst" --operators 31

# Reads: an order with a whole story (attestation, two legs, digests, a dispute and its
# verdict), written by the integrator demo.
(cd scripts/integrator && npm ci --no-audit --no-fund --loglevel=error)
order="$(EVIDENCE_WS="$url" node scripts/integrator/src/demo.mjs | sed -n 's/^result: //p' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).order))')"
run reads --workload reads --order "$order" --count "$reads" --concurrency 32
# The same over the story's disputed orders, each read once: no answer is cached yet.
mapfile -t disputed < <(node -e 'for (const o of JSON.parse(require("fs").readFileSync(process.argv[1])).disputed_orders) console.log(o)' "$out/story.json")
run reads-distinct --workload reads $(printf -- '--order %s ' "${disputed[@]}") --count "${#disputed[@]}" --concurrency 32

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
const [remark, attest, checkpoint, sensor, story, batch, burst, reads, distinct] =
  ['remark', 'attest', 'checkpoint', 'sensor', 'story', 'batch', 'burst', 'reads', 'reads-distinct'].map(read);
const consortium = fs.existsSync(`${out}/consortium-story.json`) ? read('consortium-story') : null;
const ratio = (x) => (x.items_per_second / remark.items_per_second).toFixed(2);
const most = (x) => Math.max(...x.blocks.map((b) => b.ours)).toLocaleString('en-US');
const lost = (x) => (x.submitted - x.finalized_transactions).toLocaleString('en-US');
const date = new Date().toISOString().slice(0, 10);
const report = { date, commit, machine: { cpu, cores: Number(cores) }, blocks_proposed: Number(proposed), blocks_hit_deadline: Number(deadlineHits), remark, attest, checkpoint, sensor, story, batch, burst, reads, reads_distinct: distinct, consortium_story: consortium };
fs.writeFileSync(`${out}/report.json`, JSON.stringify(report, null, 2));
const f = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
const ms = (x) => (x === null ? '–' : f(x));
const bt = (x) => (x === null ? '–' : x.toFixed(2));
const latency = (run) => {
  const [m, b] = [run.disputes.finalized_after_ms, run.disputes.finalized_after_block_times];
  return `${ms(m.p50)} / ${ms(m.p95)} / ${ms(m.max)} ms (p95 = ${bt(b.p95)} block times)`;
};
const consumerBlocks = (run) => {
  const b = run.disputes.consumer_decision.blocks_after_opening;
  return `${bt(b.p50)} / ${bt(b.p95)} / ${bt(b.max)}`;
};
const consumerMs = (run) => {
  const m = run.disputes.consumer_decision.finalized_after_opening_ms;
  return `${ms(m.p50)} / ${ms(m.p95)} / ${ms(m.max)} ms`;
};
const md = `# Evidence Chain benchmark, ${date}, commit ${commit}

Machine: ${cpu}, ${cores} cores. One \`--dev\` node (release, ParityDB); figures from finalized blocks and their timestamps.

| workload | items | finalized in (chain) | items/s | vs remark | most in one block | accepted, not finalized | bar |
|---|---|---|---|---|---|---|---|
| \`System.remark\` (${remark.encoded_call_bytes} B, the attestation's size) | ${f(remark.finalized_items)} | ${(remark.chain_ms / 1000).toFixed(1)} s | ${f(remark.items_per_second)} | 1.00 | ${most(remark)} | ${lost(remark)} | ≥ 1,500/s |
| \`Inspection.attest\` | ${f(attest.finalized_items)} | ${(attest.chain_ms / 1000).toFixed(1)} s | ${f(attest.items_per_second)} | ${ratio(attest)} | ${most(attest)} | ${lost(attest)} | ≥ 0.6 × remark |
| \`Logistics.record_checkpoint\` (hub scans, ${checkpoint.encoded_call_bytes} B) | ${f(checkpoint.finalized_items)} | ${(checkpoint.chain_ms / 1000).toFixed(1)} s | ${f(checkpoint.items_per_second)} | ${ratio(checkpoint)} | ${most(checkpoint)} | ${lost(checkpoint)} | |
| \`Logistics.submit_sensor_digest\` (signed by the logger, ${sensor.encoded_call_bytes} B) | ${f(sensor.finalized_items)} | ${(sensor.chain_ms / 1000).toFixed(1)} s | ${f(sensor.items_per_second)} | ${ratio(sensor)} | ${most(sensor)} | ${lost(sensor)} | |
| mixed story: ${f(story.orders)} orders (attest, ship, pick up, digest, deliver), ${story.disputes.opened} disputed (open, contest, close) | ${f(story.finalized_items)} transactions | ${(story.chain_ms / 1000).toFixed(1)} s | ${f(story.items_per_second)} | ${ratio(story)} | | ${story.submitted - story.finalized_transactions} | |
| \`Notary.anchor_batch\`, ${f(batch.batch_size)} digests each (tree built client-side: ${batch.tree_build_ms} ms in all) | ${f(batch.finalized_items)} digests | ${(batch.chain_ms / 1000).toFixed(1)} s | ${f(batch.finalized_items * 1000 / (batch.chain_ms + batch.tree_build_ms))} digests/s end to end | | ≥ 100,000/s |

| burst (${f(burst.signed)} remarks at once, ${burst.operators} operators, each in nonce order, never retried) | value | bar |
|---|---|---|
| accepted by the pool | ${f(burst.accepted)} | |
| refused at submission, with the error the client saw | ${f(burst.refused)} operators refused (${Object.entries(burst.refusals).map(([why, n]) => `${n} × ${why}`).join('; ') || 'none'}); ${f(burst.withheld_after_refusal)} later transactions of theirs not sent | |
| finalized | ${f(burst.finalized_transactions)} (${burst.failed_transactions} failed) in ${burst.blocks.length} blocks | |
| lost (accepted, never finalized) | ${f(burst.lost)} | 0 |

| reads | requests | concurrency | p50 | p95 | p99 | requests/s | bar |
|---|---|---|---|---|---|---|---|
| \`evidence_orderEvidence\`, one order with its whole story (${f(reads.response_bytes)} B of JSON) | ${f(reads.requests)} | ${reads.concurrency} | ${reads.p50_ms.toFixed(2)} ms | ${reads.p95_ms.toFixed(2)} ms | ${reads.p99_ms.toFixed(2)} ms | ${f(reads.requests_per_second)} | p99 ≤ 10 ms |
| \`evidence_orderEvidence\`, ${f(distinct.orders)} disputed orders of the story, each once (nothing cached) | ${f(distinct.requests)} | ${distinct.concurrency} | ${distinct.p50_ms.toFixed(2)} ms | ${distinct.p95_ms.toFixed(2)} ms | ${distinct.p99_ms.toFixed(2)} ms | ${f(distinct.requests_per_second)} | |

| dispute latency (${story.disputes.opened} disputes) | value | bar |
|---|---|---|
| verdict in the block that closes the evidence window | ${story.disputes.verdict_in_closing_block} of ${story.disputes.verdicts} (${story.disputes.proposed} proposed, ${story.disputes.escalated} escalated) | all |
| verdict block → seen finalized, one dev validator: p50 / p95 / max | ${latency(story)} | |
| verdict block → seen finalized, four validators (${consortium ? `${consortium.disputes.opened} disputes through the RPC node` : 'not run'}): p50 / p95 / max | ${consortium ? latency(consortium) : '–'} | ≤ 3 block times at p95 |
| consumer's refund decided (the first layer): in the opening block / decided, of ${story.disputes.opened} | ${story.disputes.consumer_decision.decided_at_opening} / ${story.disputes.consumer_decision.decided} (${story.disputes.consumer_decision.refunds} refunds) | all |
| opening → consumer decision, blocks: p50 / p95 / max | ${consumerBlocks(story)} | |
| opening block → consumer decision seen finalized, one dev validator: p50 / p95 / max | ${consumerMs(story)} | |
| opening block → consumer decision seen finalized, four validators: p50 / p95 / max | ${consortium && consortium.disputes.consumer_decision ? consumerMs(consortium) : '–'} | |
| verdict in the closing block, four validators | ${consortium ? `${consortium.disputes.verdict_in_closing_block} of ${consortium.disputes.verdicts}` : '–'} | all |

Failed transactions (must be 0): ${[remark, attest, checkpoint, sensor, story, batch, burst, consortium].filter(Boolean).map((x) => x.failed_transactions).reduce((a, b) => a + b, 0)}.
Blocks proposed: ${proposed}; of them hit the proposal deadline: ${deadlineHits}.
`;
fs.writeFileSync(`${out}/report.md`, md);
console.log(md);
JS
echo "wrote $out/report.md and $out/report.json"

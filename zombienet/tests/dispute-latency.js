// The mixed story of the load generator (evidence-load --workload story) against the RPC node
// of the four-validator network: orders attested, shipped, carried and delivered, one in two
// disputed, contested and closed. Checks that every transaction succeeded and that every
// verdict came in the block that closed its evidence window; writes the generator's report
// (with the time from each verdict block to its finalization) to $EVIDENCE_BENCH_OUT, default
// target/bench/consortium-story.json. The figures are a benchmark: printed, never asserted.
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ORDERS = process.env.EVIDENCE_LATENCY_ORDERS ?? '200';

function runLoad(wsUri) {
  const load = path.join(path.dirname(process.env.EVIDENCE_NODE), 'evidence-load');
  const args = ['--url', wsUri, '--workload', 'story', '--count', ORDERS, '--dispute-every', '2'];
  return new Promise((resolve, reject) => {
    execFile(load, args, { maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`evidence-load failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout));
    });
  });
}

async function run(_node, networkInfo) {
  const { step } = await import('../lib/consortium.mjs');
  return step('dispute-latency', async () => {
    const report = await runLoad(networkInfo.nodesByName.rpc.wsUri);
    const out = process.env.EVIDENCE_BENCH_OUT
      ?? path.resolve(__dirname, '../../target/bench/consortium-story.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(report, null, 2));
    const d = report.disputes;
    console.log(`dispute-latency: ${report.finalized_transactions} transactions, ${report.failed_transactions} failed; `
      + `${d.verdicts} verdicts, ${d.verdict_in_closing_block} in the closing block; verdict block to finalized `
      + `p50 ${d.finalized_after_ms.p50} ms, p95 ${d.finalized_after_ms.p95} ms `
      + `(${d.finalized_after_block_times.p95?.toFixed(2)} block times); report: ${out}`);
    if (report.failed_transactions !== 0 || report.finalized_transactions !== report.signed) {
      throw new Error(`${report.finalized_transactions} of ${report.signed} finalized, ${report.failed_transactions} failed (first: ${report.first_failure})`);
    }
    if (d.opened === 0 || d.verdicts !== d.opened || d.verdict_in_closing_block !== d.verdicts) {
      throw new Error(`verdicts: ${JSON.stringify(d)}`);
    }
    return d.verdicts;
  })();
}

module.exports = { run };

// An integrator runs the whole story of an order (scripts/integrator/src/demo.mjs) against the
// RPC node: the second carrier joins by council motion, the agency attests, two carriers carry
// the unit with sensor digests, the platform opens a dispute, the respondents close the
// evidence and the runtime decides. Then every validator must report that dispute with the
// same verdict in its finalized state.
const { execFile } = require('node:child_process');
const path = require('node:path');

const DEMO = path.resolve(__dirname, '../../scripts/integrator/src/demo.mjs');

function runDemo(wsUri) {
  return new Promise((resolve, reject) => {
    execFile('node', [DEMO], { env: { ...process.env, EVIDENCE_WS: wsUri }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('result: '));
      if (error || !line) return reject(new Error(`demo failed: ${error?.message ?? 'no result'}\n${stdout.slice(-4000)}\n${stderr}`));
      resolve(JSON.parse(line.slice('result: '.length)));
    });
  });
}

async function run(_node, networkInfo) {
  const { VALIDATORS, connectAll, disconnectAll, finalized, waitFor, step } = await import('../lib/consortium.mjs');
  return step('dispute-story', async () => {
    const result = await runDemo(networkInfo.nodesByName.rpc.wsUri);
    console.log(`dispute-story: dispute ${result.dispute} decided through rpc: ${JSON.stringify(result.verdict)}`);
    const apis = await connectAll(networkInfo, VALIDATORS);
    try {
      for (const [name, api] of Object.entries(apis)) {
        const verdict = await waitFor(`${name} to finalize the verdict of dispute ${result.dispute}`, 180, async () => {
          const at = await api.at((await finalized(api)).hash);
          const dispute = await at.query.liability.disputes(result.dispute);
          return dispute.isSome && dispute.unwrap().verdict.isSome ? dispute.unwrap().verdict.toJSON() : null;
        });
        if (JSON.stringify(verdict) !== JSON.stringify(result.verdict)) {
          throw new Error(`${name} reports ${JSON.stringify(verdict)}, the RPC node ${JSON.stringify(result.verdict)}`);
        }
        console.log(`dispute-story: ${name} has the same verdict, finalized`);
      }
      return result.dispute;
    } finally {
      await disconnectAll(apis);
    }
  })();
}

module.exports = { run };

// The consortium upgrades its runtime while a dispute is open. scripts/zombienet.sh starts the
// network from the previous release's raw chain spec (chain-specs/releases/) and passes this
// tree's runtime in EVIDENCE_RUNTIME_WASM. Through the RPC node, the integrator
// (scripts/integrator/src/upgrade-story.mjs) opens a dispute, has three quarters of the council
// authorise the new code, applies it, finishes the dispute in flight and opens a new one.
// Then every validator must run the new spec_version at its finalized head, keep producing
// and finalizing blocks, and hold both verdicts, finalized, with the engines they ran under.
const { execFile } = require('node:child_process');
const path = require('node:path');

const SCRIPT = path.resolve(__dirname, '../../scripts/integrator/src/upgrade-story.mjs');

function runUpgradeStory(wsUri, wasm) {
  return new Promise((resolve, reject) => {
    execFile('node', [SCRIPT, wasm], { env: { ...process.env, EVIDENCE_WS: wsUri }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      console.log(stdout.split('\n').filter((l) => !l.startsWith('result: ')).join('\n'));
      const line = stdout.split('\n').find((l) => l.startsWith('result: '));
      if (error || !line) return reject(new Error(`upgrade story failed: ${error?.message ?? 'no result'}\n${stderr}`));
      resolve(JSON.parse(line.slice('result: '.length)));
    });
  });
}

async function run(_node, networkInfo) {
  const { VALIDATORS, connectAll, disconnectAll, finalized, waitFor, waitFinalized, step } = await import('../lib/consortium.mjs');
  return step('upgrade', async () => {
    const wasm = process.env.EVIDENCE_RUNTIME_WASM;
    if (!wasm) throw new Error('EVIDENCE_RUNTIME_WASM is not set (scripts/zombienet.sh sets it)');
    const result = await runUpgradeStory(networkInfo.nodesByName.rpc.wsUri, wasm);
    console.log(`upgrade: spec_version ${result.specBefore} → ${result.specAfter}; dispute ${result.inFlight.dispute} on engine ${result.inFlight.engine}, dispute ${result.fresh.dispute} on engine ${result.fresh.engine}`);
    const apis = await connectAll(networkInfo, VALIDATORS);
    try {
      for (const [name, api] of Object.entries(apis)) {
        const head = await waitFor(`${name} to finalize both verdicts`, 180, async () => {
          const head = await finalized(api);
          const at = await api.at(head.hash);
          const both = await Promise.all([result.inFlight, result.fresh].map((d) => at.query.liability.disputes(d.dispute)));
          return both.every((d) => d.isSome && d.unwrap().verdict.isSome) ? { head, both: both.map((d) => d.unwrap()) } : null;
        });
        const version = (await api.rpc.state.getRuntimeVersion(head.head.hash)).specVersion.toNumber();
        if (version !== result.specAfter) throw new Error(`${name} runs spec_version ${version} at its finalized head, expected ${result.specAfter}`);
        for (const [stored, expected] of head.both.map((d, i) => [d, [result.inFlight, result.fresh][i]])) {
          const got = { engine: stored.engine.toNumber(), ruleSet: stored.ruleSet.toNumber(), verdict: stored.verdict.toJSON() };
          const want = { engine: expected.engine, ruleSet: expected.ruleSet, verdict: expected.verdict };
          if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${name}: dispute ${expected.dispute} is ${JSON.stringify(got)}, the RPC node had ${JSON.stringify(want)}`);
        }
        console.log(`upgrade: ${name} runs spec_version ${version} at finalized #${head.head.number} and holds both verdicts`);
      }
      // Blocks and finality go on under the new runtime on every validator.
      const target = Math.max(...(await Promise.all(Object.values(apis).map(async (api) => (await finalized(api)).number)))) + 3;
      await waitFinalized(apis, target, 120);
      const hashes = await Promise.all(Object.values(apis).map((api) => api.rpc.chain.getBlockHash(target)));
      if (new Set(hashes.map((h) => h.toHex())).size !== 1) throw new Error(`validators disagree on finalized block #${target}`);
      console.log(`upgrade: every validator finalized #${target} after the upgrade`);
      return result.specAfter;
    } finally {
      await disconnectAll(apis);
    }
  })();
}

module.exports = { run };

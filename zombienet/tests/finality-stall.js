// Step "before": a fact is notarized through the RPC node and finalized everywhere.
// Step "stalled" (charlie and dave are stopped): a second fact gets into a block, but the
// finalized head of alice, bob and the RPC node stays where it was for 48 seconds (eight slots).
// Step "resumed": finality moves past the stall on all five nodes, and both facts are in the
// finalized state of every node.
const ALL = ['alice', 'bob', 'charlie', 'dave', 'rpc'];
const RUNNING = ['alice', 'bob', 'rpc'];

async function run(_node, networkInfo, args) {
  const lib = await import('../lib/consortium.mjs');
  const { connectAll, disconnectAll, finalized, finalizedFact, notarizeFact, waitFinalized, sleep, saveState, loadState, step } = lib;
  return step(`finality-stall ${args[0]}`, async () => {
    const names = args[0] === 'stalled' ? RUNNING : ALL;
    const apis = await connectAll(networkInfo, names);
    try {
      if (args[0] === 'before') {
        const fact = await notarizeFact(apis.rpc, 'before the stall');
        await waitFinalized(apis, fact.number);
        saveState(networkInfo, { facts: [fact] });
        return fact.number;
      }
      const state = loadState(networkInfo);
      if (args[0] === 'stalled') {
        // Votes already in flight may still finish a round; then nothing more is finalized.
        await sleep(12_000);
        const stalled = await Promise.all(RUNNING.map(async (n) => (await finalized(apis[n])).number));
        const fact = await notarizeFact(apis.rpc, 'during the stall');
        await sleep(48_000);
        for (const [i, name] of RUNNING.entries()) {
          const now = (await finalized(apis[name])).number;
          if (now !== stalled[i]) throw new Error(`${name} finalized #${stalled[i]} → #${now} with two validators stopped`);
        }
        const head = Math.max(...stalled);
        if (fact.number <= head) throw new Error(`the fact landed in #${fact.number}, not after the stalled head #${head}`);
        console.log(`finality-stall: finalized head stays at #${head}; blocks went on to #${fact.number}`);
        saveState(networkInfo, { facts: [...state.facts, fact], stalled: head });
        return head;
      }
      const target = Math.max(state.stalled, ...state.facts.map((f) => f.number)) + 2;
      await waitFinalized(apis, target, 240);
      for (const [name, api] of Object.entries(apis)) {
        for (const fact of state.facts) {
          if (!(await finalizedFact(api, fact.digest))) throw new Error(`${name} lacks the fact of #${fact.number}`);
        }
      }
      console.log(`finality-stall: finality resumed past #${state.stalled} to #${target} on every node; all facts kept`);
      return target;
    } finally {
      await disconnectAll(apis);
    }
  })();
}

module.exports = { run };

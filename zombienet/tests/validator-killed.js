// Step "kill": a fact is finalized, dave is killed with SIGKILL, the other three validators
// finalize at least five more blocks and a second fact. Step "restart": dave starts again on its
// database, catches up past the others' finalized head of that moment, has the same block there
// and holds both facts in its finalized state.
const OTHERS = ['alice', 'bob', 'charlie', 'rpc'];

async function run(_node, networkInfo, args) {
  const lib = await import('../lib/consortium.mjs');
  const { connect, connectAll, disconnectAll, finalized, finalizedFact, notarizeFact, waitFinalized, waitFor, killNode, startNode, rpcUp, saveState, loadState, step } = lib;
  return step(`validator-killed ${args[0]}`, async () => {
    if (args[0] === 'kill') {
      const apis = await connectAll(networkInfo, OTHERS);
      try {
        const before = await notarizeFact(apis.rpc, 'before the kill');
        await waitFinalized(apis, before.number);
        const command = killNode(networkInfo, 'dave');
        const down = (await finalized(apis.alice)).number;
        console.log(`validator-killed: dave killed at finalized #${down}`);
        const during = await notarizeFact(apis.rpc, 'while dave is down');
        await waitFinalized(apis, Math.max(down + 5, during.number), 180);
        for (const [name, api] of Object.entries(apis)) {
          if (!(await finalizedFact(api, during.digest))) throw new Error(`${name} did not finalize the fact of #${during.number}`);
        }
        const reached = (await finalized(apis.alice)).number;
        console.log(`validator-killed: three validators finalized #${down} → #${reached} without dave`);
        saveState(networkInfo, { command, facts: [before, during], reached, reachedHash: (await apis.alice.rpc.chain.getBlockHash(reached)).toHex() });
        return reached;
      } finally {
        await disconnectAll(apis);
      }
    }
    const state = loadState(networkInfo);
    startNode(networkInfo, 'dave', state.command);
    await waitFor('dave to serve RPC again', 60, () => rpcUp(networkInfo, 'dave'));
    const dave = await connect(networkInfo, 'dave');
    try {
      await waitFor(`dave to finalize #${state.reached} again`, 180, async () => (await finalized(dave)).number >= state.reached);
      const hash = (await dave.rpc.chain.getBlockHash(state.reached)).toHex();
      if (hash !== state.reachedHash) throw new Error(`dave finalized ${hash} at #${state.reached}, the others ${state.reachedHash}`);
      for (const fact of state.facts) {
        const record = await finalizedFact(dave, fact.digest);
        if (!record) throw new Error(`dave lost the fact notarized in #${fact.number}`);
      }
      console.log(`validator-killed: dave caught up to #${(await finalized(dave)).number}; both facts are in its finalized state`);
      return state.reached;
    } finally {
      await dave.disconnect();
    }
  })();
}

module.exports = { run };

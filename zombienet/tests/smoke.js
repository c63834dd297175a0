// Every node sees the four others, imports new blocks, finalizes new blocks, and all of them
// agree on the finalized chain.
const NODES = ['alice', 'bob', 'charlie', 'dave', 'rpc'];

async function run(_node, networkInfo) {
  const { connectAll, disconnectAll, finalized, best, waitFor, waitFinalized, step } = await import('../lib/consortium.mjs');
  return step('smoke', async () => {
    const apis = await connectAll(networkInfo, NODES);
    try {
      for (const [name, api] of Object.entries(apis)) {
        await waitFor(`${name} to have ${NODES.length - 1} peers`, 60, async () => (await api.rpc.system.health()).peers.toNumber() >= NODES.length - 1);
        const roles = (await api.rpc.system.nodeRoles()).map((r) => r.toString());
        const expected = name === 'rpc' ? 'Full' : 'Authority';
        if (!roles.includes(expected)) throw new Error(`${name} runs as ${roles}, expected ${expected}`);
      }
      const start = Object.fromEntries(await Promise.all(Object.entries(apis).map(async ([n, api]) => [n, { best: await best(api), final: (await finalized(api)).number }])));
      const target = Math.max(...Object.values(start).map((s) => s.final)) + 3;
      await waitFinalized(apis, target, 120);
      for (const [name, api] of Object.entries(apis)) {
        const now = await best(api);
        if (now <= start[name].best) throw new Error(`${name} imported no new block (best still #${now})`);
      }
      const hashes = await Promise.all(Object.values(apis).map((api) => api.rpc.chain.getBlockHash(target)));
      if (new Set(hashes.map((h) => h.toHex())).size !== 1) throw new Error(`nodes disagree on finalized block #${target}`);
      console.log(`smoke: ${NODES.length} nodes, each with ${NODES.length - 1} peers, all finalized #${target} (${hashes[0].toHex()})`);
      return target;
    } finally {
      await disconnectAll(apis);
    }
  })();
}

module.exports = { run };

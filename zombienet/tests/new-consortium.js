// The network of scripts/new-consortium.sh's spec (fresh keys in $REHEARSAL): the chain holds
// the members file's organisations and validators, their generated Aura and GRANDPA keys as
// the authorities, and no sudo key; each validator has authored blocks with its own Aura key; a generated operator's notarization lands and finalizes, while
// //Alice (a development key, member of nothing here) is refused by the pool (1010).
const NODES = ['platform', 'agency', 'carrier', 'rpc'];

async function run(_node, networkInfo) {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const { Keyring } = await import('@polkadot/keyring');
  const lib = await import('../lib/consortium.mjs');
  const { connectAll, disconnectAll, documentDigest, finalizedFact, step, submit, waitFor } = lib;
  return step('new-consortium', async () => {
    const dir = process.env.REHEARSAL;
    if (!dir) throw new Error('REHEARSAL is not set (run through scripts/zombienet.sh new-consortium)');
    const secrets = JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8'));
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const apis = await connectAll(networkInfo, NODES);
    try {
      const api = apis.rpc;
      // The genesis: the members file's organisations, no sudo key, the generated validators.
      if ((await api.query.sudo.key()).isSome) throw new Error('the generated genesis has a sudo key');
      const names = (await api.query.consortium.organisations.entries())
        .map(([, org]) => org.unwrap().name.toUtf8())
        .sort();
      const expected = Object.keys(secrets).sort();
      if (JSON.stringify(names) !== JSON.stringify(expected)) {
        throw new Error(`organisations on chain ${JSON.stringify(names)}, members file ${JSON.stringify(expected)}`);
      }
      const validators = (await api.query.session.validators()).map((v) => v.toString()).sort();
      const generated = Object.values(secrets)
        .filter((s) => s.validator)
        .map((s) => keyring.addFromUri(s.validator).address)
        .sort();
      if (JSON.stringify(validators) !== JSON.stringify(generated)) {
        throw new Error(`validators ${JSON.stringify(validators)}, generated ${JSON.stringify(generated)}`);
      }
      // The session keys on chain are the ones the members generated and inserted.
      const authorities = (await api.query.aura.authorities()).map((a) => a.toHex());
      const grandpa = (await api.query.grandpa.authorities()).map(([key]) => key.toHex());
      for (const [what, onChain, field] of [['Aura', authorities, 'aura_public'], ['GRANDPA', grandpa, 'grandpa_public']]) {
        const members = Object.values(secrets).filter((s) => s[field]).map((s) => s[field]).sort();
        if (JSON.stringify([...onChain].sort()) !== JSON.stringify(members)) {
          throw new Error(`${what} authorities ${JSON.stringify(onChain)}, members' keys ${JSON.stringify(members)}`);
        }
      }
      // Every validator authors with its own Aura key: the authors of recent blocks cover all.
      const seen = new Set();
      await waitFor('a block by every validator', 120, async () => {
        const header = await api.rpc.chain.getHeader();
        const preRuntime = header.digest.logs.find((log) => log.isPreRuntime);
        const slot = api.createType('Slot', preRuntime.asPreRuntime[1]).toNumber();
        seen.add(authorities[slot % authorities.length]);
        return seen.size === authorities.length;
      });
      console.log(`new-consortium: ${authorities.length} validators authored, no sudo, ${names.length} organisations`);

      // A development account is no member here: refused by the pool.
      const alice = keyring.addFromUri('//Alice');
      const digest = documentDigest('rehearsal document');
      const call = api.tx.notary.notarize(digest, 'Document', 1_024, Date.now(), null);
      let refusal = null;
      try {
        await api.rpc.author.submitExtrinsic(await call.signAsync(alice, { nonce: 0 }));
      } catch (error) {
        refusal = error.message;
      }
      // The membership gate's refusal: invalid transaction, custom error 1 (not a member).
      if (!refusal || !/1010/.test(refusal) || !/Custom error: 1\b/.test(refusal)) {
        throw new Error(`//Alice was not refused as not a member: ${refusal ?? 'accepted'}`);
      }
      // The platform's generated operator is served, and its fact finalizes on every node.
      const operator = keyring.addFromUri(secrets['Rehearsal Platform'].operator);
      await submit(api, api.tx.notary.notarize(digest, 'Document', 1_024, Date.now(), null), operator);
      for (const [name, node] of Object.entries(apis)) {
        const record = await waitFor(`${name} to finalize the notarization`, 120, () => finalizedFact(node, digest));
        if (record.org === undefined) throw new Error(`${name}: ${JSON.stringify(record)}`);
      }
      console.log('new-consortium: //Alice refused (1010); the generated operator notarized, finalized on every node');
      return NODES.length;
    } finally {
      await disconnectAll(apis);
    }
  })();
}

module.exports = { run };

// Step "admit": council motions (two thirds of the four admins) admit "Fifth Member Carrier"
// with Eve as admin and register Ferdie, an account of no organisation, as its validator; the
// eve node creates session keys (author_rotateKeysWithOwner, owner Ferdie) and Ferdie registers
// them with their proof: the membership gate lets a validator's account through for its own
// session keys only. After
// the session change eve is in the set and authors a block that every node finalizes.
// Step "remove": motions remove eve's validator and dave's (five → three, the minimum); a motion
// removing charlie too fails with TooFewValidators. After the session change the set is alice,
// bob and charlie, eve authors no more blocks, and no planned set was ever below the minimum.
const NODES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'rpc'];

/** The aura key that authored block `hash`: authorities[slot % n] at its parent. */
async function authorKey(api, hash) {
  const header = await api.rpc.chain.getHeader(hash);
  const preRuntime = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura');
  const slot = api.createType('u64', preRuntime.asPreRuntime[1]).toBigInt();
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

async function run(_node, networkInfo, args) {
  const lib = await import('../lib/consortium.mjs');
  const { u8aToHex } = await import('@polkadot/util');
  const { accounts, connectAll, disconnectAll, finalized, governance, submit, waitFor, waitFinalized, saveState, loadState, rpcCall, step } = lib;
  return step(`governance ${args[0]}`, async () => {
    const apis = await connectAll(networkInfo, NODES);
    const api = apis.alice;
    const who = accounts();
    const validators = async () => (await api.query.session.validators()).map((v) => v.toString());
    const minimum = (await api.query.consortium.minValidators()).toNumber();
    const planned = [];
    const unsubscribe = await api.query.system.events((events) => {
      for (const { event } of events) {
        if (api.events.consortium.ValidatorSetPlanned.is(event)) planned.push(event.data.validators.length);
      }
    });
    // Watches new blocks until `blocks` were imported; resolves with their author keys.
    const authorsOfNext = async (blocks) => {
      const authors = [];
      let last = (await api.rpc.chain.getHeader()).number.toNumber();
      await waitFor(`${blocks} new blocks`, blocks * 30, async () => {
        const head = (await api.rpc.chain.getHeader()).number.toNumber();
        for (let n = last + 1; n <= head; n++) authors.push(await authorKey(api, await api.rpc.chain.getBlockHash(n)));
        last = Math.max(last, head);
        return authors.length >= blocks;
      });
      return authors;
    };
    try {
      if (args[0] === 'admit') {
        const events = await governance(api, api.tx.consortium.admitOrg('Fifth Member Carrier', ['Carrier'], who.eve.address), who.admins);
        const admitted = events.find(({ event }) => api.events.consortium.OrganisationAdmitted.is(event));
        const org = admitted.event.data.org.toNumber();
        await governance(api, api.tx.consortium.addValidator(org, who.ferdie.address), who.admins);
        // As a new member's operator does: session keys created in the eve node's keystore,
        // with the proof that their owner is Eve's account.
        const generated = await rpcCall(networkInfo, 'eve', 'author_rotateKeysWithOwner', [u8aToHex(who.ferdie.publicKey)]);
        if (!(await apis.eve.rpc.author.hasSessionKeys(generated.keys))) throw new Error("the eve node's keystore lacks the keys it generated");
        const keys = api.createType(api.tx.session.setKeys.meta.args[0].type.toString(), generated.keys);
        await submit(api, api.tx.session.setKeys(keys, generated.proof), who.ferdie);
        saveState(networkInfo, { eveAura: keys.aura.toHex() });
        console.log(`governance: organisation ${org} admitted (admin Eve), validator Ferdie registered with the eve node's keys`);
        await waitFor('eve in the active validator set', 420, async () => (await validators()).includes(who.ferdie.address));
        const authors = await authorsOfNext(10);
        const { eveAura } = loadState(networkInfo);
        if (!authors.includes(eveAura)) throw new Error(`eve authored none of the 10 blocks after joining the set`);
        const { number } = await finalized(api);
        await waitFinalized(apis, number + 1);
        console.log(`governance: eve is in the set (${(await validators()).length} validators) and authored ${authors.filter((a) => a === eveAura).length} of the next 10 blocks, finalized everywhere`);
        return authors.length;
      }
      await governance(api, api.tx.consortium.removeValidator(who.ferdie.address), who.admins);
      await governance(api, api.tx.consortium.removeValidator(who.dave.address), who.admins);
      let refused = null;
      try {
        await governance(api, api.tx.consortium.removeValidator(who.charlie.address), who.admins);
      } catch (error) {
        refused = error.message;
      }
      if (!refused?.startsWith('consortium.TooFewValidators')) throw new Error(`removing a third validator was not refused: ${refused}`);
      console.log(`governance: eve and dave removed; removing charlie refused (${refused.split(':')[0]})`);
      await waitFor('the set of the three remaining validators', 420, async () => (await validators()).length === minimum);
      const set = await validators();
      if (set.includes(who.ferdie.address)) throw new Error("eve's validator Ferdie is still in the set");
      const { eveAura } = loadState(networkInfo);
      const authors = await authorsOfNext(10);
      if (authors.includes(eveAura)) throw new Error('eve authored a block after leaving the set');
      const { number } = await finalized(api);
      await waitFinalized(apis, number + 1);
      if (planned.some((size) => size < minimum)) throw new Error(`a planned set had fewer than ${minimum} validators: ${planned}`);
      console.log(`governance: set of ${set.length} (the minimum); eve authored none of the next 10 blocks; planned sets: ${planned.join(', ') || 'none seen'}`);
      return set.length;
    } finally {
      unsubscribe();
      await disconnectAll(apis);
    }
  })();
}

module.exports = { run };

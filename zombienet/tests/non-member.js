// Eve belongs to no organisation. Her signed Notary.notarize is refused by the transaction
// pool of every node (1010, InvalidTransaction::Custom(1): not a member), never reaches a
// block, and her nonce stays 0 everywhere. A member's identical call goes through (the gate,
// not the call, refused Eve).
const NODES = ['alice', 'bob', 'charlie', 'dave', 'rpc'];

async function run(_node, networkInfo) {
  const lib = await import('../lib/consortium.mjs');
  const { accounts, connectAll, disconnectAll, documentDigest, finalized, finalizedFact, submit, waitFinalized, step } = lib;
  return step('non-member', async () => {
    const apis = await connectAll(networkInfo, NODES);
    const who = accounts();
    try {
      const digest = documentDigest('a non-member document');
      for (const [name, api] of Object.entries(apis)) {
        const tx = await api.tx.notary.notarize(digest, 'Document', 1_024, Date.now(), null).signAsync(who.eve, { nonce: 0 });
        let refusal = null;
        try {
          await api.rpc.author.submitExtrinsic(tx);
        } catch (error) {
          refusal = error.message;
        }
        if (!refusal || !/1010/.test(refusal) || !/Custom error: 1\b/.test(refusal)) {
          throw new Error(`${name} did not refuse the non-member's transaction as not a member: ${refusal ?? 'accepted'}`);
        }
        const pending = await api.rpc.author.pendingExtrinsics();
        if (pending.some((x) => x.signer.toString() === who.eve.address)) throw new Error(`${name} holds Eve's transaction in its pool`);
        console.log(`non-member: ${name} refused it: ${refusal}`);
      }
      const { number } = await finalized(apis.alice);
      await waitFinalized(apis, number + 3);
      for (const [name, api] of Object.entries(apis)) {
        const nonce = (await api.query.system.account(who.eve.address)).nonce.toNumber();
        if (nonce !== 0) throw new Error(`${name}: Eve's nonce is ${nonce}`);
        if (await finalizedFact(api, digest)) throw new Error(`${name} notarized the non-member's document`);
      }
      await submit(apis.rpc, apis.rpc.tx.notary.notarize(digest, 'Document', 1_024, Date.now(), null), who.platform);
      console.log('non-member: refused by all five nodes, nothing stored; the same call from a member is accepted');
      return NODES.length;
    } finally {
      await disconnectAll(apis);
    }
  })();
}

module.exports = { run };

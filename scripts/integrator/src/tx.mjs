// Transaction helpers that need nothing but a connected `ApiPromise`: shared by the integrator
// client and the zombienet tests (which bring their own @polkadot/api).

/** The module error of a failed dispatch as `section.name: docs`, or the error's text. */
export function describeError(api, error) {
  if (error.isModule) {
    const { section, name, docs } = api.registry.findMetaError(error.asModule);
    return `${section}.${name}: ${docs.join(' ')}`;
  }
  return error.toString();
}

/**
 * Signs and submits `tx`, resolving with its events once it is in a block; rejects with the
 * module error's `section.name: docs` when it failed.
 */
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, { nonce: -1 }, (result) => {
      if (result.dispatchError) {
        unsubscribe();
        reject(new Error(describeError(api, result.dispatchError)));
      } else if (result.status.isInBlock) {
        unsubscribe();
        resolve({ block: result.status.asInBlock.toHex(), events: result.events });
      } else if (result.isError) {
        unsubscribe();
        reject(new Error(`transaction ${result.status.type}`));
      }
    })
      .then((u) => {
        unsubscribe = u;
      })
      .catch(reject);
  });
}

/**
 * Dispatches `call` with the chain's governance origin: through sudo when the chain has a sudo
 * key (the `dev` chain), otherwise as a council motion that `share` of the seats approve (two
 * thirds for ordinary governance, `[3, 4]` for the upgrade path). `signers` maps council
 * members' and the sudo key's addresses to their key pairs. Resolves with the events of the
 * block that dispatched the call; rejects if the call failed.
 */
export async function governance(api, call, signers, share = [2, 3]) {
  const sudoKey = api.query.sudo ? await api.query.sudo.key() : null;
  if (sudoKey?.isSome) {
    const { events } = await submit(api, api.tx.sudo.sudo(call), signerOf(signers, sudoKey.unwrap()));
    const done = events.find(({ event }) => api.events.sudo.Sudid.is(event));
    if (done && done.event.data.sudoResult.isErr) throw new Error(describeError(api, done.event.data.sudoResult.asErr));
    return events;
  }
  const members = (await api.query.council.members()).map((m) => m.toString());
  const threshold = Math.ceil((share[0] * members.length) / share[1]);
  const length = call.method.encodedLength;
  // The members whose keys we hold vote; proposing is not voting: the proposer votes aye too.
  const voters = members.filter((m) => signers[m]).slice(0, threshold).map((m) => signerOf(signers, m));
  if (voters.length < threshold) {
    throw new Error(`council: ${threshold} of ${members.length} seats must vote; keys for ${voters.length} of them`);
  }
  const proposer = voters[0];
  const { events } = await submit(api, api.tx.council.propose(threshold, call, length), proposer);
  const proposed = events.find(({ event }) => api.events.council.Proposed.is(event));
  if (!proposed) throw new Error('council: the motion was not proposed');
  const { proposalIndex, proposalHash } = proposed.event.data;
  await Promise.all(voters.map((voter) => submit(api, api.tx.council.vote(proposalHash, proposalIndex, true), voter)));
  const weight = { refTime: 1_000_000_000_000n, proofSize: 5_000_000n };
  const closed = await submit(api, api.tx.council.close(proposalHash, proposalIndex, weight, length), proposer);
  const executed = closed.events.find(({ event }) => api.events.council.Executed.is(event));
  if (!executed) throw new Error('council: the motion did not execute');
  if (executed.event.data.result.isErr) throw new Error(describeError(api, executed.event.data.result.asErr));
  // Frees the proposer's slot for open motions (each member has a few: Consortium.OpenProposals).
  await submit(api, api.tx.council.releaseProposalCost(proposalHash), proposer);
  return closed.events;
}

/**
 * Upgrades the runtime to `code` (the Wasm blob, a Uint8Array) the consortium's way: three
 * quarters of the council (sudo on `dev`) authorise its blake2-256 hash with
 * `Consortium.dispatchAsRoot(System.authorizeUpgrade(hash))`, then `submitter` applies it with
 * `System.applyAuthorizedUpgrade(code)`. Resolves with `{ applied: true, codeHash, block }` once
 * the block's state holds the code, or `{ applied: false, codeHash, block, error }` when the
 * chain refused the code
 * (`System.RejectedInvalidAuthorizedUpgrade`: another `spec_name`, or a `spec_version` that does
 * not increase); rejects when the authorisation itself failed.
 */
export async function upgradeRuntime(api, code, signers, submitter) {
  const codeHash = api.registry.hash(code).toHex();
  const authorise = api.tx.consortium.dispatchAsRoot(api.tx.system.authorizeUpgrade(codeHash));
  const events = await governance(api, authorise, signers, [3, 4]);
  const dispatched = events.find(({ event }) => api.events.consortium.RootCallDispatched.is(event));
  if (!dispatched) throw new Error('upgrade: the authorisation was not dispatched');
  if (dispatched.event.data.result.isErr) throw new Error(describeError(api, dispatched.event.data.result.asErr));
  // As hex: a Uint8Array would be read as already length-prefixed bytes.
  const hex = `0x${Buffer.from(code).toString('hex')}`;
  const { block, events: applied } = await submit(api, api.tx.system.applyAuthorizedUpgrade(hex), submitter);
  // Applied when the block's state holds the code and its parent's did not (`:code`, whose
  // storage hash is the code's blake2-256). The state, not the events: the events of the block
  // that changed the runtime may be decoded with the wrong metadata, and then come back empty.
  const codeAt = async (hash) => (await api.rpc.state.getStorageHash(CODE_KEY, hash)).toHex();
  const { parentHash } = await api.rpc.chain.getHeader(block);
  if ((await codeAt(block)) === codeHash && (await codeAt(parentHash)) !== codeHash) {
    return { applied: true, codeHash, block };
  }
  const rejected = applied.find(({ event }) => api.events.system.RejectedInvalidAuthorizedUpgrade.is(event));
  if (rejected) return { applied: false, codeHash, block, error: describeError(api, rejected.event.data.error) };
  throw new Error(`upgrade: the code is not in ${block} and the chain gave no RejectedInvalidAuthorizedUpgrade`);
}

/** The well-known storage key of the runtime code, `:code`. */
const CODE_KEY = '0x3a636f6465';

function signerOf(signers, address) {
  const pair = signers[address.toString()];
  if (!pair) throw new Error(`no key pair for ${address}`);
  return pair;
}

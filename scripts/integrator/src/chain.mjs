// Connection and transaction helpers shared by the integrator scripts.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The project's pallets and runtime APIs, as the runtime metadata names them. */
export const PALLETS = ['Consortium', 'Notary', 'Inspection', 'Logistics', 'Liability'];
export const RUNTIME_APIS = ['NotaryApi', 'LogisticsApi', 'EvidenceApi'];

let provider;

/** Connects to the node at `EVIDENCE_WS` (default ws://127.0.0.1:9944). */
export async function connect() {
  await cryptoWaitReady();
  const endpoint = process.env.EVIDENCE_WS ?? 'ws://127.0.0.1:9944';
  provider = new WsProvider(endpoint, 1_000, {}, 30_000);
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

/** Calls one of the node's `evidence_*` JSON-RPC methods (plain JSON in, plain JSON out). */
export function evidence(method, params) {
  return provider.send(`evidence_${method}`, params);
}

/** The development accounts (sr25519) and loggers (ed25519). */
export function accounts() {
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const ed = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const dev = (name) => sr.addFromUri(`//${name}`);
  return {
    alice: dev('Alice'),
    platform: dev('Alice//stash'),
    agency: dev('Bob//stash'),
    carrier: dev('Charlie//stash'),
    arbitration: dev('Dave//stash'),
    ferdie: dev('Ferdie'),
    logger: (seed) => ed.addFromUri(seed),
  };
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
        const error = result.dispatchError;
        if (error.isModule) {
          const { section, name, docs } = api.registry.findMetaError(error.asModule);
          reject(new Error(`${section}.${name}: ${docs.join(' ')}`));
        } else {
          reject(new Error(error.toString()));
        }
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

// Connection and transaction helpers shared by the integrator scripts.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export { describeError, governance, submit, upgradeRuntime } from './tx.mjs';

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

/**
 * The development accounts (sr25519) and loggers (ed25519). `admins` are the four demo
 * organisations' admins (the council; Alice also holds the `dev` chain's sudo key), keyed by
 * address for `governance`.
 */
export function accounts() {
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const ed = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const dev = (name) => sr.addFromUri(`//${name}`);
  const admins = ['Alice', 'Bob', 'Charlie', 'Dave'].map(dev);
  return {
    admins: Object.fromEntries(admins.map((pair) => [pair.address, pair])),
    platform: dev('Alice//stash'),
    agency: dev('Bob//stash'),
    carrier: dev('Charlie//stash'),
    arbitration: dev('Dave//stash'),
    ferdie: dev('Ferdie'),
    logger: (seed) => ed.addFromUri(seed),
  };
}

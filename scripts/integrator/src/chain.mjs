// Connection and transaction helpers shared by the integrator scripts.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { hexToU8a, stringToU8a, u8aConcat } from '@polkadot/util';

export { describeError, governance, submit, upgradeRuntime } from './tx.mjs';

/** The project's pallets and runtime APIs, as the runtime metadata names them. */
export const PALLETS = ['Consortium', 'Notary', 'Inspection', 'Logistics', 'Liability'];
export const RUNTIME_APIS = ['NotaryApi', 'LogisticsApi', 'EvidenceApi'];

let provider;

/** The kinds of record whose id the chain derives (`evidence_primitives::RecordKind`). */
const RECORD_KINDS = ['Inspector', 'Equipment', 'Attestation', 'Device', 'Shipment'];

/**
 * The id the chain gives the record organisation `org` registers under `reference` (a hex
 * H256): `blake2_256("evidence/record" ++ kind ++ org as u32 LE ++ reference)`, as
 * `evidence_primitives::record_id` computes it. A rival who copies the reference gets an id
 * of its own, so no one can take an organisation's id first.
 */
export function recordId(kind, org, reference) {
  const index = RECORD_KINDS.indexOf(kind);
  if (index < 0) throw new Error(`unknown record kind ${kind}`);
  if (!Number.isInteger(org) || org < 0) throw new Error(`recordId: no organisation (${org})`);
  if (hexToU8a(reference).length !== 32) throw new Error(`recordId: reference ${reference} is not 32 bytes`);
  const orgLe = new Uint8Array(4);
  new DataView(orgLe.buffer).setUint32(0, org, true);
  const preimage = u8aConcat(stringToU8a('evidence/record'), Uint8Array.of(index), orgLe, hexToU8a(reference));
  return blake2AsHex(preimage, 256);
}

/** Connects to the node at `EVIDENCE_WS` (default ws://127.0.0.1:9944). */
export async function connect() {
  await cryptoWaitReady();
  const endpoint = process.env.EVIDENCE_WS ?? 'ws://127.0.0.1:9944';
  provider = new WsProvider(endpoint, 1_000, {}, 30_000);
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

/**
 * Tells the passport page (web/passport) to open on the unit of Digital Link `link` read from
 * this node, and publishes the dev chain's specification for its light client; prints the
 * page's address.
 */
export async function writePassportDemo(link) {
  const endpoint = process.env.EVIDENCE_WS ?? 'ws://127.0.0.1:9944';
  const { publishChainSpec, publishDemo } = await import('../../../web/passport/publish.mjs');
  await publishDemo(endpoint, link);
  const notPublished = await publishChainSpec(endpoint).catch((error) => error.message);
  if (notPublished) console.log(`passport: no chain specification for the light client: ${notPublished}`);
  console.log(`passport: http://127.0.0.1:8000/?unit=${encodeURIComponent(link)} (served by \`npm run demo\`, or \`npm start\` in web/passport)`);
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

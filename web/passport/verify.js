// Checks what the page shows against the chain's finalized state with a light client (smoldot,
// running in this page): the light client follows the chain's headers and GRANDPA finality
// from the chain specification published next to the page, then at its finalized block runs
// the runtime's `EvidenceApi_unit_passport` itself on storage proofs, reads the answer with the
// runtime's own metadata (also fetched through the light client) and compares the facts the
// page shows with it: the unit, its timeline, each inspection's agency, verdict and results,
// each leg's custodian, condition and excursions, each checkpoint's receipt and reservations,
// each dispute's claim, status, verdict (liable shares, rules) and consumer outcome, and the
// organisations' names (`Consortium.Organisations`). Verified when all are equal; otherwise
// the reason why not. Nothing the node says is trusted for the check, not even the unit key
// (the page derives it from the Digital Link itself, gs1.js).
import { blake2b } from './node_modules/@noble/hashes/blake2.js';
import { decode, hexToBytes, Reader, registryOf, toHex, typeIdByPath } from './scale.js';

const SYNC_TIMEOUT_MS = 90_000;
const CALL_TIMEOUT_MS = 30_000;
/** `twox128("Consortium") ++ twox128("Organisations")`: the prefix of the organisations map. */
const ORGANISATIONS = '0x5bb421b7c3d48cbf791b03e020c9ea0dad27ca4e32b671dcad8c32ed7a4743d5';

/** A byte string as text when the node wrote it as text (`"CNY"`) and the decoder as hex. */
const text = (value) => (/^0x([0-9a-f]{2})*$/.test(value) ? new TextDecoder().decode(hexToBytes(value)) : value);
const name = (value) => (typeof value === 'string' ? value : value === null ? null : Object.keys(value ?? {})[0]);

/** The facts of a passport the page shows and the light client checks, in one shape. */
export function facts(p) {
  return {
    unit: p.unit,
    timeline: p.timeline.map((e) => [e.block, name(e.fact.kind), e.fact.id]),
    attestations: p.attestations.map(({ id, attestation: a }) => [id, a.agency, a.block, name(a.status), name(a.body.verdict), a.body.results.map((r) => name(r.outcome))]),
    shipments: p.shipments.map((s) => [s.id, name(s.shipment.phase),
      s.legs.map((l) => [l.index, l.leg.custodian, name(l.leg.condition), l.leg.excursions.map(([kind, at]) => [name(kind), at])]),
      s.checkpoints.map((c) => [c.index, name(c.checkpoint.kind), name(c.checkpoint.receipt), c.checkpoint.observation.reservations.map(name), c.checkpoint.recorded_by_org])]),
    disputes: p.disputes.map(({ id, dispute: d }) => [id, d.claimant, name(d.claim.kind), String(d.claim.amount.minor_units), text(d.claim.amount.currency), name(d.status),
      d.verdict && [d.verdict.liable.map((s) => [s.org, s.share]), d.verdict.rules.map(name)],
      d.consumer && [d.consumer.refund, d.consumer.payer, d.consumer.decided_in]]),
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const u32le = (n) => Uint8Array.of(n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255);

/** A JSON-RPC client over a smoldot chain. */
function lightRpc(chain) {
  let next = 1;
  const waiting = new Map();
  (async () => {
    for (;;) {
      let text;
      try { text = await chain.nextJsonRpcResponse(); } catch { return; }
      let message;
      try { message = JSON.parse(text); } catch { continue; }
      const pending = waiting.get(message.id);
      if (!pending) continue;
      waiting.delete(message.id);
      if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
      else pending.resolve(message.result);
    }
  })();
  return (method, params = []) => new Promise((resolve, reject) => {
    const id = next++;
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error(`${method}: no answer within ${CALL_TIMEOUT_MS / 1000} s`));
    }, CALL_TIMEOUT_MS);
    const settle = (f) => (value) => { clearTimeout(timer); f(value); };
    waiting.set(id, { resolve: settle(resolve), reject: settle(reject), method });
    chain.sendJsonRpc(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  });
}

/**
 * `{ verified: true, block }` or `{ verified: false, reason }` for the passport `shown` of the
 * unit `unitKey` (derived by the page), answered by the node at `at` (`{ block }`), with the
 * organisations' `names` (a Map), following the chain of the chain specification at `specUrl`
 * (same site as the page only).
 */
export async function verifyPassport({ specUrl, unitKey, at, shown, names }) {
  const spec = new URL(specUrl, location.href);
  if (spec.origin !== location.origin) {
    return { verified: false, reason: `a chain specification from another site (${spec.origin}) is not trusted: the page's own site publishes it` };
  }
  const response = await fetch(spec).catch(() => null);
  if (!response || !response.ok) {
    return { verified: false, reason: `no chain specification is published next to this page (${spec.pathname}): the light client cannot know the chain` };
  }
  const chainSpec = await response.text();
  let smoldot;
  try {
    smoldot = await import('./node_modules/smoldot/dist/mjs/index-browser.js');
  } catch (error) {
    return { verified: false, reason: `the light client (smoldot) is not installed next to the page: run \`npm ci\` in web/passport (${error.message})` };
  }
  const client = smoldot.start({ maxLogLevel: 1, forbidTcp: true });
  try {
    const chain = await client.addChain({ chainSpec });
    const light = lightRpc(chain);
    const deadline = Date.now() + SYNC_TIMEOUT_MS;
    const wanted = Math.max(0, Number(at.block) || 0);
    let finalized = { number: -1 };
    while (finalized.number < wanted) {
      if (Date.now() > deadline) {
        const peers = await light('system_health').then((h) => h.peers).catch(() => '?');
        return { verified: false, reason: `the light client did not reach finalized block #${wanted} within ${SYNC_TIMEOUT_MS / 1000} s (finalized: #${finalized.number}, peers: ${peers}); is a node reachable over WebSocket at the chain specification's boot nodes?` };
      }
      try {
        const hash = await light('chain_getFinalizedHead');
        const header = await light('chain_getHeader', [hash]);
        finalized = { hash, number: parseInt(header.number, 16) };
      } catch { /* not synced yet */ }
      if (finalized.number < wanted) await sleep(1000);
    }
    // The runtime's metadata and its passport of the unit, both computed by the light client
    // at its finalized block (at or after the block the node answered at).
    const metadata = new Reader(await light('state_call', ['Metadata_metadata_at_version', '0x0f000000', finalized.hash]));
    if (metadata.byte() !== 1) throw new Error('the runtime has no metadata V15');
    const types = registryOf(metadata.take(metadata.length()));
    const answer = new Reader(await light('state_call', ['EvidenceApi_unit_passport', unitKey, finalized.hash]));
    const mine = answer.byte() === 1 ? decode(types, typeIdByPath(types, ['evidence', 'UnitPassport']), answer) : null;
    if (!mine) return { verified: false, reason: `at finalized block #${finalized.number} the chain holds no fact about this unit` };
    const [expected, got] = [facts(mine), facts(shown)];
    for (const part of Object.keys(expected)) {
      if (JSON.stringify(expected[part]) !== JSON.stringify(got[part])) {
        return { verified: false, reason: `the ${part} shown differ from the chain's at finalized block #${finalized.number} (a node that lies, or facts added since #${at.block}: reload)` };
      }
    }
    for (const [org, shownName] of names) {
      const key = toHex(Uint8Array.from([...hexToBytes(ORGANISATIONS), ...blake2b(u32le(org), { dkLen: 16 }), ...u32le(org)]));
      const stored = await light('state_getStorage', [key, finalized.hash]);
      const chainName = stored ? new Reader(stored).string() : null;
      if (chainName !== shownName) {
        return { verified: false, reason: `organisation #${org} is named "${shownName}" here but "${chainName}" on the chain` };
      }
    }
    return { verified: true, block: finalized.number };
  } catch (error) {
    return { verified: false, reason: `the light client failed: ${error.message}` };
  } finally {
    client.terminate().catch(() => {});
  }
}

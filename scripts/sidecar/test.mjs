// Checks Substrate API Sidecar against a dev node on which the integrator demo has run, through
// sidecar's HTTP API only (`SIDECAR_URL`, default http://127.0.0.1:8080):
//  (a) every block from 1 to the head decodes (`GET /blocks/{n}`); the demo's extrinsics decode by
//      pallet and call name with their arguments, and their events by name, with named fields
//      (the names from `GET /pallets/{pallet}/events/{event}?metadata=true`: `/blocks` gives an
//      event's fields in order); a decided dispute's verdict names the rules D3 and T1, about the
//      unit an attestation covered;
//  (b) `GET /pallets/liability/storage/Disputes?keys[]={id}&at={head}` reads that dispute;
//  (c) a `notary.notarize` signed here by a consortium member's operator (Bob//stash, the demo
//      agency's), from `GET /transaction/material?metadata=scale` and the signer's nonce in
//      `System.Account`, and posted to `POST /transaction`, lands in a later block with
//      `success: true` and its `notary.Notarized` event (nonces read at the best block);
//  (d) the same call signed by a non-member (Eve) is refused at `POST /transaction` (the
//      membership gate: invalid transaction, custom code 1) and is in none of the blocks up to
//      two after the member's landed.
// Prints one line per check; exits 1 if any failed.
import { Keyring } from '@polkadot/keyring';
import { Metadata, TypeRegistry, expandMetadata } from '@polkadot/types';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';

const BASE = (process.env.SIDECAR_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const TIMEOUT_MS = 120_000;

let failed = 0;
function check(what, ok, detail) {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}${!ok && detail !== undefined ? ` (${typeof detail === 'string' ? detail : JSON.stringify(detail)})` : ''}`);
  if (!ok) failed += 1;
  return ok;
}

/** `path` on sidecar (GET unless `init` says otherwise): `{ status, body }`, the body parsed when JSON. */
async function request(path, init) {
  // No request may hang the check: sidecar answers within seconds or not at all.
  const response = await fetch(`${BASE}${path}`, { ...init, signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

/** `GET path`, its body; throws unless sidecar answered 200. */
async function get(path) {
  const { status, body } = await request(path);
  if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

const post = (path, json) => request(path, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(json),
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const name = ({ method }) => `${method.pallet}.${method.method}`;
const bestHeight = async () => Number((await get('/blocks/head/header?finalized=false')).number);
// The chain has no fee payment: sidecar is told not to compute fees.
const block = (n) => get(`/blocks/${n}?noFees=true`);

/** The fields of `pallet`'s event `event`, named as the runtime metadata names them. */
const fieldNames = new Map();
async function named(event) {
  const key = name(event);
  if (!fieldNames.has(key)) {
    const { metadata } = await get(`/pallets/${event.method.pallet}/events/${event.method.method}?metadata=true`);
    fieldNames.set(key, metadata.fields.map((field) => field.name));
  }
  const names = fieldNames.get(key);
  if (names.length !== event.data.length || names.some((n) => !n)) {
    throw new Error(`${key}: ${event.data.length} values for the fields ${JSON.stringify(names)}`);
  }
  return Object.fromEntries(names.map((n, i) => [n, event.data[i]]));
}

await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const member = keyring.addFromUri('//Bob//stash'); // the demo agency's operator
const outsider = keyring.addFromUri('//Eve'); // no organisation's admin or operator

console.log(`sidecar ${BASE}: ${JSON.stringify(await get('/node/version'))}`);

// (a) Every block from 1 to the head, decoded; the extrinsics of the project's pallets kept.
const PALLETS = ['consortium', 'notary', 'inspection', 'logistics', 'liability'];
const head = await bestHeight();
const extrinsics = []; // { number, index, extrinsic }
const undecoded = [];
for (let number = 1; number <= head; number += 1) {
  let body;
  try {
    body = await block(number);
  } catch (error) {
    undecoded.push(`${number}: ${error.message}`);
    continue;
  }
  body.extrinsics.forEach((extrinsic, index) => {
    const inner = extrinsic.method.pallet === 'sudo' ? extrinsic.args.call?.method : null;
    if (PALLETS.includes(extrinsic.method.pallet) || PALLETS.includes(inner?.pallet)) {
      extrinsics.push({ number, index, extrinsic });
    }
  });
}
check(`GET /blocks/{n} decodes every block 1..${head}`, head > 0 && undecoded.length === 0, undecoded.slice(0, 3));

const calls = (call) => extrinsics.filter(({ extrinsic }) => name(extrinsic) === call);
const DEMO_CALLS = [
  'inspection.attest', 'logistics.createShipment', 'logistics.recordCheckpoint',
  'logistics.submitSensorDigest', 'logistics.proposeHandover', 'logistics.acceptHandover',
  'logistics.registerDevice', 'liability.openDispute', 'liability.respond', 'liability.closeEvidence',
];
for (const call of DEMO_CALLS) {
  const found = calls(call);
  check(`${call} decodes by name (${found.length} found), signed, success`,
    found.some(({ extrinsic }) => extrinsic.signature?.signer?.id && extrinsic.success === true));
}
const eventsOf = (event) => extrinsics.flatMap(({ number, extrinsic }) =>
  extrinsic.events.filter((e) => name(e) === event).map((e) => ({ number, extrinsic, event: e })));
const DEMO_EVENTS = [
  'notary.Cited', 'inspection.Attested', 'logistics.ShipmentCreated', 'logistics.CheckpointRecorded',
  'logistics.SensorDigestSubmitted', 'logistics.ExcursionDetected', 'logistics.HandoverProposed',
  'logistics.HandoverAccepted', 'logistics.DeviceRegistered', 'liability.DisputeOpened',
  'liability.Contested', 'liability.EvidenceClosed', 'liability.VerdictProposed',
];
for (const event of DEMO_EVENTS) check(`event ${event} decodes by name`, eventsOf(event).length > 0);

// The decided dispute: its verdict event, the call that opened it, the attestation of its unit.
const H256 = /^0x[0-9a-f]{64}$/;
const verdicts = [];
for (const { number, extrinsic, event } of eventsOf('liability.VerdictProposed')) {
  verdicts.push({ number, extrinsic, fields: await named(event) });
}
const decided = verdicts.find(({ fields }) => JSON.stringify(fields.verdict?.rules) === '["D3","T1"]');
check('liability.VerdictProposed { dispute, verdict } names the rules D3 and T1, one organisation liable in full',
  decided !== undefined && decided.extrinsic.method.method === 'closeEvidence'
    && decided.fields.verdict.liable.length === 1 && Number(decided.fields.verdict.liable[0].share) === 1_000_000,
  verdicts.map(({ fields }) => fields.verdict?.rules));
const disputeId = decided?.fields.dispute;

let opened;
for (const { number, extrinsic, event } of eventsOf('liability.DisputeOpened')) {
  const fields = await named(event);
  if (fields.dispute === disputeId) opened = { number, extrinsic, fields };
}
const claim = opened?.extrinsic.args.claim;
check(`liability.openDispute { claim } and DisputeOpened { dispute, claimant, respondents, rule_set } of dispute ${disputeId}`,
  opened !== undefined && claim?.kind === 'TransitDamage' && H256.test(claim.unit) && H256.test(claim.shipment)
    && opened.fields.respondents.length >= 1 && opened.number < decided.number,
  opened?.fields);

const attested = calls('inspection.attest').find(({ extrinsic }) =>
  extrinsic.args.input?.subjects?.units?.includes(claim?.unit));
let attestedFields;
if (attested) attestedFields = await named(attested.extrinsic.events.find((e) => name(e) === 'inspection.Attested'));
check('inspection.attest { reference, input } lists the disputed unit; Attested { attestation, agency, inspector, protocol, protocol_version, verdict }',
  attested !== undefined && attested.number < opened.number && H256.test(attested.extrinsic.args.reference)
    && attested.extrinsic.args.input.verdict === 'Conformant' && attested.extrinsic.args.input.results.length === 3
    && H256.test(attestedFields.attestation) && attestedFields.verdict === 'Conformant'
    && attestedFields.protocol_version !== undefined && attestedFields.inspector === attested.extrinsic.args.input.inspector,
  attestedFields);
const checkpoints = calls('logistics.recordCheckpoint').filter(({ extrinsic }) => extrinsic.args.shipment === claim?.shipment);
const checkpointEvents = [];
for (const { extrinsic } of checkpoints) {
  for (const event of extrinsic.events.filter((e) => name(e) === 'logistics.CheckpointRecorded')) {
    checkpointEvents.push(await named(event));
  }
}
check('logistics.recordCheckpoint { shipment, kind, observation, receipt } of the disputed shipment: Pickup, OutForDelivery, Delivered; CheckpointRecorded { shipment, index, kind, leg, by }',
  JSON.stringify(checkpoints.map(({ extrinsic }) => extrinsic.args.kind)) === '["Pickup","OutForDelivery","Delivered"]'
    && JSON.stringify(checkpoints.at(-1).extrinsic.args.observation.reservations) === '["ApparentDamage"]'
    && JSON.stringify(checkpointEvents.map((e) => e.kind)) === '["Pickup","OutForDelivery","Delivered"]'
    && checkpointEvents.every((e) => e.shipment === claim.shipment),
  checkpoints.map(({ extrinsic }) => extrinsic.args.kind));
const liable = String(decided?.fields.verdict.liable[0].org);
const excursion = [];
for (const { event } of eventsOf('logistics.ExcursionDetected')) excursion.push(await named(event));
check('logistics.ExcursionDetected { shipment, leg, custodian, kind, first_at }: the liable carrier held the parcel',
  excursion.some((e) => e.shipment === claim?.shipment && String(e.custodian) === liable), excursion);
const closed = calls('liability.closeEvidence').filter(({ extrinsic }) => String(extrinsic.args.dispute) === String(disputeId));
check('liability.closeEvidence { dispute } by every respondent',
  closed.length === opened?.fields.respondents.length, closed.length);

// (b) The dispute as stored, at the head walked to (sidecar reads at the finalized head by
// default, which may not have reached the verdict yet).
const stored = await get(`/pallets/liability/storage/Disputes?keys[]=${disputeId}&at=${head}`);
const dispute = stored.value;
check(`GET /pallets/liability/storage/Disputes?keys[]=${disputeId}&at=${head} reads the dispute and its verdict`,
  dispute !== null && JSON.stringify(dispute.verdict?.rules) === '["D3","T1"]'
    && dispute.claim.unit === claim.unit && JSON.stringify(dispute.respondents) === JSON.stringify(opened.fields.respondents)
    && String(dispute.verdict.liable[0].org) === liable,
  dispute);

// (c) and (d): a transaction built and signed here from what sidecar serves, posted to it.
const material = await get('/transaction/material?metadata=scale');
const registry = new TypeRegistry();
const metadata = new Metadata(registry, material.metadata);
// The membership gate (`CheckMembership`) carries no data and signs none: declared as such.
registry.setMetadata(metadata, undefined, { CheckMembership: { extrinsic: {}, payload: {} } });
const tx = expandMetadata(registry, metadata).tx;

async function signed(pair, call) {
  // The nonce at the best block, not the finalized one.
  const { value } = await get(`/pallets/system/storage/Account?keys[]=${pair.address}&at=${await bestHeight()}`);
  const fields = {
    method: call.toHex(),
    nonce: Number(value.nonce),
    era: '0x00', // immortal
    blockHash: material.genesisHash,
    genesisHash: material.genesisHash,
    specVersion: Number(material.specVersion),
    transactionVersion: Number(material.txVersion),
    tip: 0,
    version: 4,
  };
  const payload = registry.createType('ExtrinsicPayload', fields, { version: 4 });
  const { signature } = payload.sign(pair);
  const extrinsic = registry.createType('Extrinsic', { method: call }, { version: 4 });
  extrinsic.addSignature(pair.address, signature, payload.toHex());
  return extrinsic.toHex();
}
const run = `${Date.now()}`;
const notarize = (what) => tx.notary.notarize(
  { algorithm: 'Blake2_256', hash: blake2AsHex(`sidecar check ${what} ${run}`, 256) },
  'Document', 1_024, Date.now(), null,
);
const submittedAt = await bestHeight();

// (d) The non-member's: refused at the pool (the membership gate's code 1: not a member).
const refusedTx = await signed(outsider, notarize('outsider'));
const refusedHash = blake2AsHex(refusedTx, 256);
const refused = await post('/transaction', { tx: refusedTx });
check(`POST /transaction of a non-member's notary.notarize: refused (${refused.status}, ${refused.body?.cause})`,
  refused.status === 400 && refused.body?.error === 'Failed to submit transaction.'
    && /1010/.test(refused.body.cause) && /Custom error: 1\b/.test(refused.body.cause),
  { status: refused.status, error: refused.body?.error, cause: refused.body?.cause });

// (c) The member's: accepted, then found in a block.
const digestHash = blake2AsHex(`sidecar check member ${run}`, 256);
const call = tx.notary.notarize({ algorithm: 'Blake2_256', hash: digestHash }, 'Document', 1_024, Date.now(), null);
const accepted = await post('/transaction', { tx: await signed(member, call) });
check(`POST /transaction of a member's notary.notarize: accepted (${accepted.body?.hash ?? accepted.status})`,
  accepted.status === 200 && H256.test(accepted.body?.hash), accepted.body);

let landed;
let lastSeen = submittedAt;
const deadline = Date.now() + TIMEOUT_MS;
const seen = [];
for (let number = submittedAt + 1; Date.now() < deadline;) {
  if (number > (await bestHeight())) {
    await sleep(1_000);
    continue;
  }
  const body = await block(number);
  seen.push(body);
  lastSeen = number;
  const found = body.extrinsics.find((x) => x.hash === accepted.body?.hash);
  if (found) landed = { number, extrinsic: found };
  // Two blocks past the member's transaction, for the non-member's to have had its chance.
  if (landed && number >= landed.number + 2) break;
  number += 1;
}
const notarizedEvent = landed?.extrinsic.events.find((e) => name(e) === 'notary.Notarized');
const notarized = notarizedEvent ? await named(notarizedEvent) : undefined;
check(`the member's transaction is in block ${landed?.number}: notary.notarize, success, Notarized { digest, org, kind, by }`,
  landed !== undefined && name(landed.extrinsic) === 'notary.notarize' && landed.extrinsic.success === true
    && landed.extrinsic.signature.signer.id === member.address && landed.extrinsic.args.digest.hash_ === digestHash
    && notarized?.digest?.hash_ === digestHash && notarized?.by === member.address && notarized?.kind === 'Document',
  landed?.extrinsic ?? `not found in blocks ${submittedAt + 1}..${lastSeen}`);
check(`the non-member's transaction is in none of the blocks ${submittedAt + 1}..${lastSeen}`,
  seen.length > 0 && seen.every((b) => b.extrinsics.every((x) => x.hash !== refusedHash && x.signature?.signer?.id !== outsider.address)));

console.log(failed ? `sidecar: ${failed} check(s) FAILED` : 'sidecar: all checks passed');
process.exit(failed ? 1 : 0);

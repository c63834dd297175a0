// The whole story of one order, as an integrator submits it over JSON-RPC (to a dev node, or
// to the consortium network's RPC node): the demo agency attests a unit, the demo platform
// ships it, two carriers carry it with a co-signed handover and sensor digests (a shock on the
// second leg), the consignee signs with a reservation, the platform opens a dispute, the
// respondents contest and close the evidence, and the runtime proposes the verdict by itself.
// Prints the verdict and the court-ready export of the order.
import { blake2AsHex } from '@polkadot/util-crypto';
import { u8aConcat, stringToU8a } from '@polkadot/util';
import { accounts, connect, evidence, governance, submit } from './chain.mjs';

const MINUTE = 60_000;
const api = await connect();
const who = accounts();
const run = `${Date.now()}`;
const id = (text) => blake2AsHex(`${text} ${run}`, 256);
const step = (text) => console.log(`- ${text}`);
const tx = api.tx;

async function orgOf(account) {
  const membership = await api.query.consortium.members(account.address);
  return membership.isSome ? membership.unwrap().org.toNumber() : null;
}

// A second carrier joins through governance: sudo on the `dev` chain, a council motion on the
// consortium network.
let secondCarrier = await orgOf(who.ferdie);
if (secondCarrier === null) {
  await governance(api, tx.consortium.admitOrg('Demo Second Carrier', ['Carrier'], who.ferdie.address), who.admins);
  secondCarrier = await orgOf(who.ferdie);
}
const carrier = await orgOf(who.carrier);
step(`carriers: Demo Carrier (${carrier}) and Demo Second Carrier (${secondCarrier})`);

const now = (await api.query.timestamp.now()).toNumber();
const unit = id('urn:epc:id:sgtin:0614141.000777');
const order = id('order-line');
const shipment = id('SSCC');
const location = blake2AsHex('CNSHA', 256);

// 1. The demo agency attests the appliance sound before shipping (protocol 0).
await submit(api, tx.inspection.attest(id('attestation'), {
  purpose: 'PreShipment',
  subjects: { Units: [unit] },
  order,
  inspector: blake2AsHex('DEMO-INSPECTOR-001', 256),
  protocol: 0,
  protocolVersion: 1,
  startedAt: now - 30 * 60 * MINUTE,
  endedAt: now - 29 * 60 * MINUTE,
  location,
  equipment: [blake2AsHex('DEMO-EQUIPMENT-001', 256)],
  results: [
    { item: 'POWER-ON', value: 1, unit: 'Boolean', uncertainty: null, outcome: 'Pass' },
    { item: 'INSULATION-RESISTANCE', value: 5_000_000_000, unit: 'Milliohm', uncertainty: null, outcome: 'Pass' },
    { item: 'HOUSING-CRACKS', value: 0, unit: 'Count', uncertainty: null, outcome: 'Pass' },
  ],
  aql: null,
  packaging: null,
  media: [],
  report: { algorithm: 'Sha2_256', hash: blake2AsHex(`report ${run}`, 256) },
  verdict: 'Conformant',
}), who.agency);
step(`attested unit ${unit}`);

// 2. The platform ships it as fragile (profile 1) with the demo carrier; it sells its own
// goods, so it names itself as the platform the order was placed on.
const platform = await orgOf(who.platform);
await submit(api, tx.logistics.createShipment(shipment, order, platform, [unit], 1, 1, { currency: 'CNY', minorUnits: 399_00 }, carrier), who.platform);
const observation = (minutesAgo, reservations = []) => ({
  eventTime: now - minutesAgo * MINUTE,
  location,
  package: { sealIntact: true, grossWeightGrams: 1_800 },
  reservations,
  note: null,
  media: [],
});
await submit(api, tx.logistics.recordCheckpoint(shipment, 'Pickup', observation(600), null), who.carrier);
step(`shipment ${shipment} picked up`);

// 3. Sensor digests, signed by each carrier's logger.
const summaryType = api.tx.logistics.submitSensorDigest.meta.args[3].type.toString();
function digest(leg, startMinutes, endMinutes, peakMilliG) {
  return {
    windowStart: now - startMinutes * MINUTE,
    windowEnd: now - endMinutes * MINUTE,
    sampleIntervalMs: MINUTE,
    sampleCount: startMinutes - endMinutes,
    gapTotalMs: 0,
    gapLongestMs: 0,
    powerOffMs: 0,
    temperature: null,
    humidity: { minPerMille: 500, maxPerMille: 500, firstOutOfRangeAt: null },
    shock: {
      eventsOverThreshold: peakMilliG >= 5_000 ? 1 : 0,
      peakMilliG,
      peakPulseMs: 4,
      peakAt: now - (startMinutes - 30) * MINUTE,
    },
    tiltEvents: 0,
    alarmFlags: 0,
    errorFlags: 0,
    readingsRoot: blake2AsHex(`readings ${leg} ${run}`, 256),
  };
}
async function report(operator, leg, device, loggerSeed, summary) {
  const message = u8aConcat(
    stringToU8a('evidence-chain/sensor-digest/v1'),
    api.createType('H256', shipment).toU8a(),
    api.createType('u32', leg).toU8a(),
    api.createType('H256', device).toU8a(),
    api.createType(summaryType, summary).toU8a(),
  );
  const signature = who.logger(loggerSeed).sign(message);
  await submit(api, tx.logistics.submitSensorDigest(shipment, leg, device, summary, signature), operator);
}
await report(who.carrier, 0, blake2AsHex('DEMO-LOGGER-001', 256), '//DemoCarrierLogger', digest(0, 590, 400, 1_500));
step('leg 0: clean digest from the demo carrier\'s logger');

// 4. A co-signed handover to the second carrier, who reports a 12 g drop.
await submit(api, tx.logistics.proposeHandover(shipment, secondCarrier, now - 390 * MINUTE, location), who.carrier);
await submit(api, tx.logistics.acceptHandover(shipment, observation(390)), who.ferdie);
const secondLogger = who.logger('//DemoSecondCarrierLogger');
const secondDevice = id('SECOND-LOGGER');
await submit(api, tx.logistics.registerDevice(secondDevice, 'ShockLogger', 'SL-1', `SL1-${run}`, secondLogger.publicKey, blake2AsHex('calibration', 256), now - 100 * 24 * 60 * MINUTE, now + 100 * 24 * 60 * MINUTE), who.ferdie);
await report(who.ferdie, 1, secondDevice, '//DemoSecondCarrierLogger', digest(1, 380, 100, 12_000));
step('leg 1: handed over, co-signed; 12 g drop on the second carrier\'s logger');

// 5. Delivered; the consignee signs with a reservation.
await submit(api, tx.logistics.recordCheckpoint(shipment, 'OutForDelivery', observation(90), null), who.ferdie);
await submit(api, tx.logistics.recordCheckpoint(shipment, 'Delivered', observation(30, ['ApparentDamage']), 'ConsigneeSigned'), who.ferdie);
step('delivered: signed with the reservation "apparent damage"');

// 6. The platform opens a dispute for its consumer; the respondents contest and close.
const disputeId = (await api.query.liability.nextDisputeId()).toNumber();
await submit(api, tx.liability.openDispute({
  kind: 'TransitDamage',
  order,
  shipment,
  unit,
  lot: null,
  allegedItems: [],
  damageMode: 'Mechanical',
  discoveredAt: now,
  amount: { currency: 'CNY', minorUnits: 399_00 },
  evidence: [{ algorithm: 'Sha2_256', hash: blake2AsHex(`consumer photos ${run}`, 256) }],
}), who.platform);
const operators = { [carrier]: who.carrier, [secondCarrier]: who.ferdie, 1: who.agency };
const respondents = (await api.query.liability.disputes(disputeId)).unwrap().respondents.map((r) => r.toNumber());
step(`dispute ${disputeId} opened against organisations ${respondents.join(', ')}`);
for (const org of respondents) await submit(api, tx.liability.respond(disputeId, false), operators[org]);
for (const org of respondents) await submit(api, tx.liability.closeEvidence(disputeId), operators[org]);

// 7. The runtime evaluated the rules in the last call: the verdict.
const dispute = (await api.query.liability.disputes(disputeId)).unwrap();
console.log('verdict:', JSON.stringify({ status: dispute.status.toHuman(), verdict: dispute.verdict.toHuman() }, null, 2));
const liable = dispute.verdict.unwrap().liable.map((s) => [s.org.toNumber(), s.share.toNumber()]);
if (JSON.stringify(liable) !== JSON.stringify([[secondCarrier, 1_000_000]])) {
  console.error(`demo: expected the second carrier (${secondCarrier}) liable in full, got ${JSON.stringify(liable)}`);
  process.exit(1);
}

// 8. The same story over the evidence_* JSON-RPC methods, and the court-ready export.
const story = await evidence('orderEvidence', [order]);
const passport = await evidence('unitPassport', [unit]);
const read = await evidence('dispute', [disputeId]);
const preview = await evidence('previewVerdict', [{
  kind: 'TransitDamage', order, shipment, unit, damage_mode: 'Mechanical', discovered_at: now,
  amount: { currency: 'CNY', minor_units: 399_00 },
}]);
const exported = await evidence('export', [order]);
const checks = [
  ['evidence_orderEvidence finds the order', story.found && story.evidence.shipments.length === 1],
  ['evidence_unitPassport lists the unit\'s facts oldest first', passport.found && passport.passport.timeline.length >= 6],
  ['evidence_dispute reads the proposed verdict', read.found && read.dispute.dispute.verdict.rules.join() === 'D3,T1'],
  ['evidence_previewVerdict decides the same', preview.found && preview.verdict.rules.join() === 'D3,T1'],
  ['evidence_export has the EPCIS events', exported.found && exported.document.epcisBody.eventList.length === 4],
];
for (const [what, ok] of checks) {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
}
console.log('export:', JSON.stringify(exported.document, null, 2));
if (checks.some(([, ok]) => !ok)) process.exit(1);
// One line for programs that run the demo (the zombienet story test).
console.log(`result: ${JSON.stringify({ dispute: disputeId, order, verdict: dispute.verdict.toJSON() })}`);
await api.disconnect();

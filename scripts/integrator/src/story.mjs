// The story of one order in steps, as an integrator submits it over JSON-RPC: the demo agency
// attests the units sound, the demo platform ships them, two carriers carry the parcel with a
// co-signed handover and sensor digests (a 12 g drop on the second leg), the consignee signs
// with a reservation; then a dispute per unit, which the respondents contest and close so the
// runtime proposes its verdict. Used by demo.mjs (the whole story) and upgrade-story.mjs (a
// dispute opened before a runtime upgrade and one after).
import { blake2AsHex } from '@polkadot/util-crypto';
import { u8aConcat, stringToU8a } from '@polkadot/util';
import { governance, recordId, submit } from './chain.mjs';

const MINUTE = 60_000;
const step = (text) => console.log(`- ${text}`);

/**
 * The id of the record `org` registers under `reference`: derived from both (`recordId`) by a
 * runtime whose calls take a reference (spec 106 on); the reference itself before, when the
 * caller chose ids (the zombienet `upgrade` test starts from such a release).
 */
export function idOf(api, kind, org, reference) {
  const takesReference = api.tx.logistics.createShipment.meta.args[0].name.toString() === 'reference';
  return takesReference ? recordId(kind, org, reference) : reference;
}

/** The organisation `account` operates for, or null. */
export async function orgOf(api, account) {
  const membership = await api.query.consortium.members(account.address);
  return membership.isSome ? membership.unwrap().org.toNumber() : null;
}

/**
 * Steps 1–5: attests `units` units (serials G<run>-1, G<run>-2, …) sound and ships them in one parcel to
 * delivery. With `backToFirst`, the parcel is dropped on every leg and travels three: the demo
 * carrier, the second carrier, then the demo carrier again, which delivers (rule T2: several
 * legs broke the envelope, one carrier on two of them). Resolves with what the later steps
 * need.
 */
export async function shipToDelivery(api, who, { units = 1, backToFirst = false } = {}) {
  const tx = api.tx;
  const run = `${Date.now()}`;
  const id = (text) => blake2AsHex(`${text} ${run}`, 256);

  // A second carrier joins through governance: sudo on the `dev` chain, a council motion on the
  // consortium network.
  let secondCarrier = await orgOf(api, who.ferdie);
  if (secondCarrier === null) {
    await governance(api, tx.consortium.admitOrg('Demo Second Carrier', ['Carrier'], who.ferdie.address), who.admins);
    secondCarrier = await orgOf(api, who.ferdie);
  }
  const carrier = await orgOf(api, who.carrier);
  const agency = await orgOf(api, who.agency);
  const platform = await orgOf(api, who.platform);
  step(`carriers: Demo Carrier (${carrier}) and Demo Second Carrier (${secondCarrier})`);

  const now = (await api.query.timestamp.now()).toNumber();
  // Each unit carries its GS1 Digital Link (the demo GTIN, a serial of this run); its key on the
  // chain is BLAKE2b-256 of the canonical link (`evidence-node unit-key LINK` prints it).
  const links = Array.from({ length: units }, (_, i) => `https://id.gs1.org/01/09506000134352/21/G${run}-${i + 1}`);
  const unitKeys = links.map((link) => blake2AsHex(link, 256));
  const order = id('order-line');
  // Records are named by the organisation's own reference (a waybill, a report number); the
  // chain derives their ids from the organisation and the reference.
  const shipmentReference = id('SSCC');
  const shipment = idOf(api, 'Shipment', platform, shipmentReference);
  const location = blake2AsHex('CNSHA', 256);

  // 1. The demo agency attests the appliances sound before shipping (protocol 0).
  await submit(api, tx.inspection.attest(id('attestation'), {
    purpose: 'PreShipment',
    subjects: { Units: unitKeys },
    order,
    inspector: idOf(api, 'Inspector', agency, blake2AsHex('DEMO-INSPECTOR-001', 256)),
    protocol: 0,
    protocolVersion: 1,
    startedAt: now - 30 * 60 * MINUTE,
    endedAt: now - 29 * 60 * MINUTE,
    location,
    equipment: [idOf(api, 'Equipment', agency, blake2AsHex('DEMO-EQUIPMENT-001', 256))],
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
  step(`attested ${unitKeys.length === 1 ? `unit ${unitKeys[0]}` : `units ${unitKeys.join(', ')}`}`);

  // 2. The platform ships them as fragile (profile 1) with the demo carrier; it sells its own
  // goods, so it names itself as the platform the order was placed on.
  const value = { currency: 'CNY', minorUnits: 399_00 * units };
  await submit(api, tx.logistics.createShipment(shipmentReference, order, platform, unitKeys, 1, 1, value, carrier), who.platform);
  const observation = (minutesAgo, reservations = []) => ({
    eventTime: now - minutesAgo * MINUTE,
    location,
    package: { sealIntact: true, grossWeightGrams: 1_800 * units },
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
  const firstDevice = idOf(api, 'Device', carrier, blake2AsHex('DEMO-LOGGER-001', 256));
  const firstPeak = backToFirst ? 12_000 : 1_500;
  await report(who.carrier, 0, firstDevice, '//DemoCarrierLogger', digest(0, 590, 400, firstPeak));
  step(`leg 0: ${backToFirst ? '12 g drop' : 'clean digest'} on the demo carrier's logger`);

  // 4. A co-signed handover to the second carrier, who reports a 12 g drop.
  await submit(api, tx.logistics.proposeHandover(shipment, secondCarrier, now - 390 * MINUTE, location), who.carrier);
  await submit(api, tx.logistics.acceptHandover(shipment, observation(390)), who.ferdie);
  const secondLogger = who.logger('//DemoSecondCarrierLogger');
  const secondDeviceReference = id('SECOND-LOGGER');
  const secondDevice = idOf(api, 'Device', secondCarrier, secondDeviceReference);
  await submit(api, tx.logistics.registerDevice(secondDeviceReference, 'ShockLogger', 'SL-1', `SL1-${run}`, secondLogger.publicKey, blake2AsHex('calibration', 256), now - 100 * 24 * 60 * MINUTE, now + 100 * 24 * 60 * MINUTE), who.ferdie);
  await report(who.ferdie, 1, secondDevice, '//DemoSecondCarrierLogger', digest(1, 380, backToFirst ? 210 : 100, 12_000));
  step('leg 1: handed over, co-signed; 12 g drop on the second carrier\'s logger');
  let courier = who.ferdie;
  if (backToFirst) {
    await submit(api, tx.logistics.proposeHandover(shipment, carrier, now - 200 * MINUTE, location), who.ferdie);
    await submit(api, tx.logistics.acceptHandover(shipment, observation(200)), who.carrier);
    await report(who.carrier, 2, firstDevice, '//DemoCarrierLogger', digest(2, 190, 100, 12_000));
    step('leg 2: handed back to the demo carrier, co-signed; another 12 g drop on its logger');
    courier = who.carrier;
  }

  // 5. Delivered; the consignee signs with a reservation.
  await submit(api, tx.logistics.recordCheckpoint(shipment, 'OutForDelivery', observation(90), null), courier);
  await submit(api, tx.logistics.recordCheckpoint(shipment, 'Delivered', observation(30, ['ApparentDamage']), 'ConsigneeSigned'), courier);
  step('delivered: signed with the reservation "apparent damage"');

  return { run, now, order, shipment, units: unitKeys, links, carrier, secondCarrier };
}

/** The transit-damage claim the platform makes for its consumer about `unit`. */
export function transitClaim(story, unit) {
  return {
    kind: 'TransitDamage',
    order: story.order,
    shipment: story.shipment,
    unit,
    lot: null,
    allegedItems: [],
    damageMode: 'Mechanical',
    discoveredAt: story.now,
    amount: { currency: 'CNY', minorUnits: 399_00 },
    evidence: [{ algorithm: 'Sha2_256', hash: blake2AsHex(`consumer photos ${unit} ${story.run}`, 256) }],
  };
}

/** Step 6: the platform opens a dispute about `unit` for its consumer; its id. */
export async function openDispute(api, who, story, unit) {
  const disputeId = (await api.query.liability.nextDisputeId()).toNumber();
  await submit(api, api.tx.liability.openDispute(transitClaim(story, unit)), who.platform);
  const respondents = (await api.query.liability.disputes(disputeId)).unwrap().respondents.map((r) => r.toNumber());
  step(`dispute ${disputeId} opened against organisations ${respondents.join(', ')}`);
  return disputeId;
}

/**
 * Steps 6–7 for an open dispute: the respondents contest and close the evidence, and the
 * runtime evaluates the rules in the last call. Resolves with the dispute as stored.
 */
export async function contestAndClose(api, who, story, disputeId) {
  const operators = { [story.carrier]: who.carrier, [story.secondCarrier]: who.ferdie };
  for (const account of [who.platform, who.agency]) operators[await orgOf(api, account)] = account;
  const respondents = (await api.query.liability.disputes(disputeId)).unwrap().respondents.map((r) => r.toNumber());
  for (const org of respondents) await submit(api, api.tx.liability.respond(disputeId, false), operators[org]);
  for (const org of respondents) await submit(api, api.tx.liability.closeEvidence(disputeId), operators[org]);
  return (await api.query.liability.disputes(disputeId)).unwrap();
}

/** The liable shares of a decided dispute as `[[org, parts per million], …]`. */
export function liableShares(dispute) {
  return dispute.verdict.unwrap().liable.map((s) => [s.org.toNumber(), s.share.toNumber()]);
}

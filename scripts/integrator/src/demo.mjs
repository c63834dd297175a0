// The whole story of one order, as an integrator submits it over JSON-RPC (to a dev node, or
// to the consortium network's RPC node): the demo agency attests a unit, the demo platform
// ships it, two carriers carry it with a co-signed handover and sensor digests (a shock on the
// second leg), the consignee signs with a reservation, the platform opens a dispute, the
// respondents contest and close the evidence, and the runtime proposes the verdict by itself.
// Prints the verdict and the court-ready export of the order. The steps: story.mjs.
import { accounts, connect, evidence, writePassportDemo } from './chain.mjs';
import { contestAndClose, liableShares, openDispute, shipToDelivery } from './story.mjs';

const api = await connect();
const who = accounts();

// 1–5. Attested, shipped, carried in two legs (a 12 g drop on the second), delivered.
const story = await shipToDelivery(api, who);
const { now, order, shipment, secondCarrier } = story;
const [unit] = story.units;

// 6. The platform opens a dispute for its consumer; the respondents contest and close.
const disputeId = await openDispute(api, who, story, unit);
const dispute = await contestAndClose(api, who, story, disputeId);

// 7. The runtime evaluated the rules in the last call: the verdict.
console.log('verdict:', JSON.stringify({ status: dispute.status.toHuman(), verdict: dispute.verdict.toHuman() }, null, 2));
const liable = liableShares(dispute);
if (JSON.stringify(liable) !== JSON.stringify([[secondCarrier, 1_000_000]])) {
  console.error(`demo: expected the second carrier (${secondCarrier}) liable in full, got ${JSON.stringify(liable)}`);
  process.exit(1);
}

// 8. The same story over the evidence_* JSON-RPC methods, and the court-ready export.
const history = await evidence('orderEvidence', [order]);
const passport = await evidence('unitPassport', [unit]);
const read = await evidence('dispute', [disputeId]);
const preview = await evidence('previewVerdict', [{
  kind: 'TransitDamage', order, shipment, unit, damage_mode: 'Mechanical', discovered_at: now,
  amount: { currency: 'CNY', minor_units: 399_00 },
}]);
const exported = await evidence('export', [order]);
// The unit named by the Digital Link it carries; the track records of the carrier found liable.
const [link] = story.links;
const byLink = await evidence('unitPassport', [link]);
const best = await api.rpc.chain.getHeader();
const reputation = await evidence('reputation', [secondCarrier]);
const statistics = await evidence('statistics', [1, best.number.toNumber()]);
const record = reputation.record ?? {};
const checks = [
  ['evidence_orderEvidence finds the order', history.found && history.evidence.shipments.length === 1],
  ['evidence_unitPassport lists the unit\'s facts oldest first', passport.found && passport.passport.timeline.length >= 6],
  ['evidence_dispute reads the proposed verdict', read.found && read.dispute.dispute.verdict.rules.join() === 'D3,T1'],
  ['evidence_previewVerdict decides the same', preview.found && preview.verdict.rules.join() === 'D3,T1'],
  ['evidence_export has the EPCIS events', exported.found && exported.document.epcisBody.eventList.length === 4],
  ['evidence_unitPassport reads the unit by its GS1 Digital Link', byLink.found && byLink.unit === unit],
  ['evidence_reputation counts the dispute against the second carrier as the chain does',
    reputation.found && record.disputes_against >= 1 && record.counters.disputes_against === record.disputes_against],
  ['evidence_statistics counts the verdict\'s rules', statistics.found && statistics.statistics.by_rule.D3 >= 1 && statistics.statistics.by_rule.T1 >= 1],
];
for (const [what, ok] of checks) {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
}
console.log('export:', JSON.stringify(exported.document, null, 2));
if (checks.some(([, ok]) => !ok)) process.exit(1);
// One line for programs that run the demo (the zombienet story test).
console.log(`result: ${JSON.stringify({ dispute: disputeId, order, unit, link, verdict: dispute.verdict.toJSON() })}`);
// The unit's passport page (web/passport, served by `npm run demo` after this) opens on it.
await writePassportDemo(link);
await api.disconnect();

// A runtime upgrade in the middle of a dispute, as the consortium runs it (the zombienet
// `upgrade` test): two units are attested, shipped and delivered damaged, the parcel dropped on
// each of three legs (the demo carrier, the second carrier, the demo carrier again: rule T2,
// where engine 1 splits per carrier and engine 2 per breached leg; story.mjs); the platform
// opens a dispute about the first unit and previews its verdict; the council upgrades the
// runtime to <runtime.wasm> while that dispute's evidence window runs; then the dispute in
// flight is contested and closed, and a second dispute about the other unit is previewed,
// opened, contested and closed.
//
//   node src/upgrade-story.mjs <runtime.compact.compressed.wasm>
//
// Checks that the spec_version increased; that the dispute in flight kept its rule set and
// engine and got exactly the verdict the old runtime previewed (engine 1: halves); that the new
// dispute runs under the newer rule set and engine and got the verdict the new runtime
// previewed (engine 2: two thirds to the carrier with two breached legs). Prints one `result:`
// line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { accounts, connect, evidence, upgradeRuntime } from './chain.mjs';
import { contestAndClose, liableShares, openDispute, shipToDelivery, transitClaim } from './story.mjs';

const [path] = process.argv.slice(2);
if (!path) {
  console.error('usage: node src/upgrade-story.mjs <runtime.wasm>');
  process.exit(2);
}
const code = new Uint8Array(readFileSync(path));
const api = await connect();
const who = accounts();
const specVersion = async () => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
const engineOf = async (ruleSet) => (await api.query.liability.ruleSetEngines(ruleSet)).unwrap().toNumber();

// Before: a dispute open, its evidence window running.
const specBefore = await specVersion();
const story = await shipToDelivery(api, who, { units: 2, backToFirst: true });
const [first, second] = story.units;
const inFlight = await openDispute(api, who, story, first);
const opened = (await api.query.liability.disputes(inFlight)).unwrap();
const before = { ruleSet: opened.ruleSet.toNumber(), engine: opened.engine.toNumber() };
// What the runtime decides for a claim about `unit` now (evidence_previewVerdict): the rules
// and the liable shares as [[org, parts per million], …].
async function preview(unit) {
  const claim = transitClaim(story, unit);
  const answer = await evidence('previewVerdict', [{
    kind: claim.kind, order: claim.order, shipment: claim.shipment, unit, damage_mode: claim.damageMode,
    discovered_at: claim.discoveredAt, amount: { currency: 'CNY', minor_units: claim.amount.minorUnits },
  }]);
  if (!answer.found) throw new Error(`previewVerdict refused: ${JSON.stringify(answer)}`);
  const shares = [];
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if ('org' in value && 'share' in value) shares.push([Number(value.org), Number(value.share)]);
      else Object.values(value).forEach(walk);
    }
  };
  walk(answer.verdict.decision);
  return { rules: answer.verdict.rules, liable: shares };
}
const previewedBefore = await preview(first);
console.log(`- spec_version ${specBefore}: dispute ${inFlight} open under rule set ${before.ruleSet}, engine ${before.engine}; previewed ${JSON.stringify(previewedBefore)}`);

// With EVIDENCE_TRY_UPGRADE (scripts/feature-checks.sh sets it to the evidence-try-upgrade
// binary), the upgrade is first rehearsed on this very state (the best block, the dispute
// open): the new runtime's migrations with their pre/post-upgrade checks, a decode of the
// entire state and every try_state.
if (process.env.EVIDENCE_TRY_UPGRADE) {
  const at = (await api.rpc.chain.getBlockHash()).toHex();
  execFileSync(process.env.EVIDENCE_TRY_UPGRADE, ['--uri', process.env.EVIDENCE_WS, '--at', at], { stdio: ['ignore', 'inherit', 'inherit'] });
  console.log('- try-upgrade: the rehearsal on the live state passed');
}

// The upgrade: three quarters of the council authorise the code, a member applies it.
// The council is the admins of the five organisations by now (the second carrier's is Ferdie).
const council = { ...who.admins, [who.ferdie.address]: who.ferdie };
const outcome = await upgradeRuntime(api, code, council, who.platform);
if (!outcome.applied) {
  console.error(`upgrade-story: the upgrade was refused: ${outcome.error}`);
  process.exit(1);
}
const specAfter = await specVersion();
// The block that applied the code holds it; the next block runs it first, migrations included
// (System.LastRuntimeUpgrade then names the new version). Calls built from here on use the new
// runtime's metadata.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const migrated = async () => (await api.query.system.lastRuntimeUpgrade()).unwrapOr(null)?.specVersion.toNumber() === specAfter;
for (const deadline = Date.now() + 120_000; !(await migrated()) || api.runtimeVersion.specVersion.toNumber() !== specAfter;) {
  if (Date.now() > deadline) throw new Error(`spec_version ${specAfter} did not run its migrations within 120 s of block ${outcome.block}`);
  await sleep(500);
}
const currentRuleSet = (await api.query.liability.currentRuleSet()).toNumber();
const after = { ruleSet: currentRuleSet, engine: await engineOf(currentRuleSet) };
console.log(`- spec_version ${specAfter} (code ${outcome.codeHash}): new disputes use rule set ${after.ruleSet}, engine ${after.engine}`);

// The dispute in flight finishes; a new one opens under the new engine.
const old = await contestAndClose(api, who, story, inFlight);
const previewedAfter = await preview(second);
console.log(`- dispute ${inFlight} decided; the new runtime previews ${JSON.stringify(previewedAfter)} for the other unit`);
const freshId = await openDispute(api, who, story, second);
const fresh = await contestAndClose(api, who, story, freshId);
const summary = (dispute, id) => ({
  dispute: id,
  ruleSet: dispute.ruleSet.toNumber(),
  engine: dispute.engine.toNumber(),
  rules: dispute.verdict.unwrap().rules.map((r) => r.toString()),
  liable: liableShares(dispute),
  verdict: dispute.verdict.toJSON(),
});
const result = {
  specBefore,
  specAfter,
  inFlight: summary(old, inFlight),
  fresh: summary(fresh, freshId),
  previewedBefore,
  previewedAfter,
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const decided = ({ rules, liable }) => ({ rules, liable });
const { carrier, secondCarrier } = story;
const checks = [
  ['the spec_version increased', specAfter > specBefore],
  ['the dispute in flight kept its rule set and engine', result.inFlight.ruleSet === before.ruleSet && result.inFlight.engine === before.engine],
  ['it got exactly the verdict the old runtime previewed', same(decided(result.inFlight), previewedBefore)],
  ['engine 1 gave the two carriers halves (D3, T2)', same(decided(result.inFlight), { rules: ['D3', 'T2'], liable: [[carrier, 500_000], [secondCarrier, 500_000]] })],
  ['the upgrade published a newer rule set on a newer engine', after.ruleSet > before.ruleSet && after.engine > before.engine],
  ['the new dispute runs under them', result.fresh.ruleSet === after.ruleSet && result.fresh.engine === after.engine],
  ['it got exactly the verdict the new runtime previewed', same(decided(result.fresh), previewedAfter)],
  ['engine 2 gave two thirds to the carrier of two breached legs (D3, T2)', same(decided(result.fresh), { rules: ['D3', 'T2'], liable: [[carrier, 666_667], [secondCarrier, 333_333]] })],
];
for (const [what, ok] of checks) console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
console.log(`result: ${JSON.stringify(result)}`);
await api.disconnect();
if (checks.some(([, ok]) => !ok)) process.exit(1);

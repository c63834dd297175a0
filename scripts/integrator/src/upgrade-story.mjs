// A runtime upgrade in the middle of a dispute, as the consortium runs it (the zombienet
// `upgrade` test): two units are attested, shipped and delivered damaged (story.mjs); the
// platform opens a dispute about the first; three quarters of the council upgrade the runtime
// to <runtime.wasm> while that dispute's evidence window runs; then the dispute in flight is
// contested and closed, and a second dispute is opened about the other unit.
//
//   node src/upgrade-story.mjs <runtime.compact.compressed.wasm>
//
// Checks that the spec_version increased; that the dispute in flight kept its rule set and
// engine and got the verdict the old runtime previewed for it before the upgrade; that the new
// dispute runs under a newer rule set bound to a newer engine. Prints one `result:` line.
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
const story = await shipToDelivery(api, who, 2);
const [first, second] = story.units;
const inFlight = await openDispute(api, who, story, first);
const opened = (await api.query.liability.disputes(inFlight)).unwrap();
const before = { ruleSet: opened.ruleSet.toNumber(), engine: opened.engine.toNumber() };
const claim = transitClaim(story, first);
const preview = await evidence('previewVerdict', [{
  kind: claim.kind, order: claim.order, shipment: claim.shipment, unit: first, damage_mode: claim.damageMode,
  discovered_at: claim.discoveredAt, amount: { currency: 'CNY', minor_units: claim.amount.minorUnits },
}]);
console.log(`- spec_version ${specBefore}: dispute ${inFlight} open under rule set ${before.ruleSet}, engine ${before.engine}; previewed rules ${preview.verdict?.rules?.join()}`);

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
while (!(await migrated()) || api.runtimeVersion.specVersion.toNumber() !== specAfter) await sleep(500);
const currentRuleSet = (await api.query.liability.currentRuleSet()).toNumber();
const after = { ruleSet: currentRuleSet, engine: await engineOf(currentRuleSet) };
console.log(`- spec_version ${specAfter} (code ${outcome.codeHash}): new disputes use rule set ${after.ruleSet}, engine ${after.engine}`);

// The dispute in flight finishes; a new one opens under the new engine.
const old = await contestAndClose(api, who, story, inFlight);
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
  previewedBefore: preview.verdict?.rules ?? null,
};
const wholly = JSON.stringify([[story.secondCarrier, 1_000_000]]);
const checks = [
  ['the spec_version increased', specAfter > specBefore],
  ['the dispute in flight kept its rule set and engine', result.inFlight.ruleSet === before.ruleSet && result.inFlight.engine === before.engine],
  ['it got the verdict the old runtime previewed', JSON.stringify(result.inFlight.rules) === JSON.stringify(result.previewedBefore)],
  ['the second carrier is liable in full in it', JSON.stringify(result.inFlight.liable) === wholly],
  ['the upgrade published a newer rule set on a newer engine', after.ruleSet > before.ruleSet && after.engine > before.engine],
  ['the new dispute runs under them', result.fresh.ruleSet === after.ruleSet && result.fresh.engine === after.engine],
  ['and decides the same facts the same way', JSON.stringify(result.fresh.liable) === wholly && JSON.stringify(result.fresh.rules) === JSON.stringify(result.inFlight.rules)],
];
for (const [what, ok] of checks) console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
console.log(`result: ${JSON.stringify(result)}`);
await api.disconnect();
if (checks.some(([, ok]) => !ok)) process.exit(1);

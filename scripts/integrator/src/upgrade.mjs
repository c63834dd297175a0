// Upgrades the runtime of the chain at EVIDENCE_WS the consortium's way (see the README,
// "Upgrading the runtime"): three quarters of the council (sudo on `dev`) authorise the code's
// hash, then a member applies the code.
//
//   node src/upgrade.mjs <runtime.compact.compressed.wasm> [--expect-rejected]
//
// With --expect-rejected it succeeds only if the chain refuses the code (as it must for the
// runtime it already runs: the spec_version does not increase) and nothing changes.
import { readFileSync } from 'node:fs';
import { accounts, connect, upgradeRuntime } from './chain.mjs';

const [path, flag] = process.argv.slice(2);
if (!path || (flag && flag !== '--expect-rejected')) {
  console.error('usage: node src/upgrade.mjs <runtime.wasm> [--expect-rejected]');
  process.exit(2);
}
const code = new Uint8Array(readFileSync(path));
const api = await connect();
const who = accounts();
const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
const outcome = await upgradeRuntime(api, code, { ...who.admins }, who.platform);
const after = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
console.log(JSON.stringify({ ...outcome, specVersionBefore: before, specVersionAfter: after }));
await api.disconnect();
if (flag === '--expect-rejected') {
  if (outcome.applied || after !== before || !/SpecVersionNeedsToIncrease/.test(outcome.error)) {
    console.error('upgrade: expected the chain to refuse this code with SpecVersionNeedsToIncrease');
    process.exit(1);
  }
  console.log(`upgrade: refused as expected (${outcome.error}); still spec_version ${after}`);
} else if (!outcome.applied) {
  console.error(`upgrade: refused: ${outcome.error}`);
  process.exit(1);
}

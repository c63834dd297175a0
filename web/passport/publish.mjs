// What the passport page reads next to itself for a node: `demo.json` (the unit and node the
// page opens on without `?unit=`) and `chain-spec.json` (the chain its light client follows,
// with the node's WebSocket listen address as boot node). Used by the integrator's
// `npm run demo` and by the browser test.
import { execFile } from 'node:child_process';
import { writeFile, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { call as rpc } from './rpc.js';

const here = fileURLToPath(new URL('.', import.meta.url));

async function writeAtomically(name, text) {
  const path = join(here, name);
  await writeFile(`${path}.partial`, text);
  await rename(`${path}.partial`, path);
  return path;
}

/** The node binary: EVIDENCE_NODE, else the release build of scripts/env.sh's target. */
function nodeBinary() {
  const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/evidence-chain/target');
  return process.env.EVIDENCE_NODE ?? join(target, 'release/evidence-node');
}

/**
 * Writes `chain-spec.json` for the dev chain the node at `endpoint` runs, booting from its
 * WebSocket listen address. Resolves to why not when it cannot (another chain, no WebSocket
 * listen address), or null.
 */
export async function publishChainSpec(endpoint) {
  const chain = await rpc(endpoint, 'system_chainType');
  if (chain !== 'Development') return `the node runs a ${JSON.stringify(chain)} chain; only the dev chain's specification is published here`;
  const addresses = await rpc(endpoint, 'system_localListenAddresses');
  const ws = addresses.find((a) => a.includes('/ws/') && a.startsWith('/ip4/127.0.0.1/'));
  if (!ws) return `the node has no WebSocket listen address on 127.0.0.1 (start it with --listen-addr /ip4/127.0.0.1/tcp/<port>/ws); it listens on ${addresses.join(', ')}`;
  const { stdout } = await promisify(execFile)(nodeBinary(), ['export-chain-spec', '--chain', 'dev', '--raw'], { maxBuffer: 64 << 20 });
  const spec = JSON.parse(stdout);
  spec.bootNodes = [ws];
  await writeAtomically('chain-spec.json', JSON.stringify(spec));
  return null;
}

/** Writes `demo.json`: the page opens on `link` read from `endpoint`. */
export async function publishDemo(endpoint, link) {
  const http = endpoint.replace(/^ws(s?):/, 'http$1:');
  return writeAtomically('demo.json', JSON.stringify({ link, rpc: http }, null, 2));
}

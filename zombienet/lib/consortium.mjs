// Helpers of the zombienet tests: connections to the nodes zombienet started, the consortium's
// development accounts, notarized facts, and waiting on finality.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { execFileSync, spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { submit } from '../../scripts/integrator/src/tx.mjs';

export { describeError, governance, submit } from '../../scripts/integrator/src/tx.mjs';

/** The four genesis validators (one per demo organisation) and the integrators' RPC node. */
export const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];

/** Connects to the node `name` of the network zombienet describes in `networkInfo`. */
export async function connect(networkInfo, name) {
  await cryptoWaitReady();
  const node = networkInfo.nodesByName[name];
  if (!node) throw new Error(`no node ${name} in this network`);
  const provider = new WsProvider(node.wsUri, 1_000, {}, 30_000);
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

/** Calls JSON-RPC `method` of node `name` over HTTP; resolves with its result. */
export async function rpcCall(networkInfo, name, method, params = []) {
  const url = networkInfo.nodesByName[name].wsUri.replace(/^ws/, 'http');
  const body = JSON.stringify({ id: 1, jsonrpc: '2.0', method, params });
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const reply = await response.json();
  if (reply.error) throw new Error(`${name} ${method}: ${reply.error.message}`);
  return reply.result;
}

/** True when node `name` answers a JSON-RPC call. */
export async function rpcUp(networkInfo, name) {
  return rpcCall(networkInfo, name, 'system_health').then(
    () => true,
    () => false,
  );
}

/** Connects to several nodes; the result maps each name to its api. */
export async function connectAll(networkInfo, names) {
  const apis = await Promise.all(names.map((name) => connect(networkInfo, name)));
  return Object.fromEntries(names.map((name, i) => [name, apis[i]]));
}

export async function disconnectAll(apis) {
  await Promise.all(Object.values(apis).map((api) => api.disconnect()));
}

/**
 * The development accounts: the four admins (the council; in the `local` preset each also
 * runs its organisation's validator), the demo platform's operator, and Eve and Ferdie, who
 * belong to no organisation at genesis. `admins` maps the council's addresses to key pairs.
 */
export function accounts() {
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const dev = (name) => sr.addFromUri(`//${name}`);
  const admins = ['Alice', 'Bob', 'Charlie', 'Dave'].map(dev);
  const [alice, bob, charlie, dave] = admins;
  return {
    alice,
    bob,
    charlie,
    dave,
    admins: Object.fromEntries(admins.map((pair) => [pair.address, pair])),
    platform: dev('Alice//stash'),
    eve: dev('Eve'),
    ferdie: dev('Ferdie'),
  };
}

/** A fresh 32-byte digest for a test fact. */
export function digestOf(text) {
  return blake2AsHex(`${text} ${Date.now()} ${Math.random()}`, 256);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` (async, truthy when done) every second until `seconds` pass. */
export async function waitFor(what, seconds, check) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await sleep(1_000);
  }
}

export async function finalized(api) {
  const hash = await api.rpc.chain.getFinalizedHead();
  const header = await api.rpc.chain.getHeader(hash);
  return { hash: hash.toHex(), number: header.number.toNumber() };
}

export async function best(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** Waits until the finalized head of every api is at least `number`. */
export function waitFinalized(apis, number, seconds = 120) {
  return Promise.all(
    Object.entries(apis).map(([name, api]) =>
      waitFor(`${name} to finalize #${number}`, seconds, async () => (await finalized(api)).number >= number),
    ),
  );
}

/** The content digest of a fresh test document. */
export function documentDigest(label) {
  return { algorithm: 'Blake2_256', hash: digestOf(label) };
}

/** The record of notarized `digest` at the finalized head of `api`, or null. */
export async function finalizedFact(api, digest) {
  const at = await api.at((await finalized(api)).hash);
  const record = await at.query.notary.digests(digest);
  return record.isSome ? record.unwrap().toJSON() : null;
}

/** Notarizes a fresh document digest as the demo platform; resolves once it is in a block. */
export async function notarizeFact(api, label) {
  const digest = documentDigest(label);
  const call = api.tx.notary.notarize(digest, 'Document', 1_024, Date.now(), null);
  const { block } = await submit(api, call, accounts().platform);
  const number = (await api.rpc.chain.getHeader(block)).number.toNumber();
  return { digest, block, number };
}

/** State shared by the steps of one test (each step is a separate js-script). */
export function saveState(networkInfo, state) {
  writeFileSync(path.join(networkInfo.tmpDir, 'test-state.json'), JSON.stringify(state));
}
export function loadState(networkInfo) {
  return JSON.parse(readFileSync(path.join(networkInfo.tmpDir, 'test-state.json'), 'utf8'));
}

/** The processes of node `name` of this network: pid and full command line. */
function nodeProcesses(networkInfo, name) {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(networkInfo.tmpDir) && line.includes(`--name ${name} `))
    .map((line) => {
      const [pid, ...args] = line.split(/\s+/);
      return { pid, command: args.join(' ') };
    })
    .filter(({ command }) => !command.startsWith('bash '));
}

/**
 * Kills node `name` of this network with SIGKILL (no clean shutdown); resolves with the
 * command line it ran, for `startNode`.
 */
export function killNode(networkInfo, name) {
  const processes = nodeProcesses(networkInfo, name);
  if (processes.length !== 1) throw new Error(`expected one process of node ${name}, found ${processes.length}`);
  execFileSync('kill', ['-9', processes[0].pid]);
  return processes[0].command;
}

/**
 * Starts node `name` again with `command` (same database, keys and ports), its output
 * appended to the log zombienet keeps for it. The process lives under the network's
 * directory, where scripts/zombienet.sh stops it when the test ends.
 */
export function startNode(networkInfo, name, command) {
  if (nodeProcesses(networkInfo, name).length > 0) throw new Error(`node ${name} is still running`);
  const log = openSync(path.join(networkInfo.tmpDir, `${name}.log`), 'a');
  const child = spawn('bash', ['-c', `exec ${command}`], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  return child.pid;
}

/** Wraps a step for zombienet's js-script: logs, and turns a failure into a thrown error. */
export function step(name, body) {
  return async (...args) => {
    try {
      return await body(...args);
    } catch (error) {
      console.error(`${name}: ${error.stack ?? error}`);
      throw error;
    }
  };
}

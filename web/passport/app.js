// The passport page: reads the unit (a GS1 Digital Link or key) and the node from the address,
// shows the unit's story from evidence_unitPassport at the node's finalized block, then checks
// it with a light client (verify.js); `?view=records` shows the members' track records.
import { setLanguage, t } from './i18n.js';
import { call } from './rpc.js';
import { el, organisationsOf, passportView, recordsView } from './render.js';
import { unitKey } from './gs1.js';
import { verifyPassport } from './verify.js';

const params = new URLSearchParams(location.search);
const main = document.getElementById('main');
const form = document.getElementById('query');

/** `?unit=` and `?rpc=`, or the demo's unit written by `npm run demo` (demo.json). */
async function question() {
  let unit = params.get('unit');
  let endpoint = params.get('rpc');
  if (!unit || !endpoint) {
    const demo = await fetch('./demo.json').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
    unit ??= demo.link;
    endpoint ??= demo.rpc;
  }
  return { unit, endpoint: endpoint ?? 'http://127.0.0.1:9944' };
}

function status(text, kind = 'info') {
  main.replaceChildren(el('p', { class: `status-line ${kind}`, id: 'status' }, text));
}

/** Names of organisations `orgs` (from their track records, read at `at`). */
async function namesOf(endpoint, orgs, at) {
  const names = new Map();
  await Promise.all(orgs.map(async (org) => {
    const answer = await call(endpoint, 'evidence_reputation', [org, at]).catch(() => null);
    if (answer?.record?.name) names.set(org, answer.record.name);
  }));
  return names;
}

function badge(state, detail) {
  const label = { pending: t('verifying'), verified: t('verified'), unverified: t('unverified') }[state];
  return el('div', { id: 'verification', class: `badge ${state}`, 'data-state': state },
    el('strong', {}, label), detail ? el('span', {}, ` — ${detail}`) : null);
}

async function showPassport(unit, endpoint) {
  status(t('loading'));
  // The key is the page's own reading of the Digital Link, not the node's.
  const key = unitKey(unit.trim());
  const finalized = await call(endpoint, 'chain_getFinalizedHead');
  const answer = await call(endpoint, 'evidence_unitPassport', [key, finalized]);
  if (answer.unit !== key) throw new Error(`the node answered for unit ${answer.unit}, not ${key}`);
  if (!answer.found) {
    status(t('notFound'), 'warning');
    document.body.dataset.state = 'not-found';
    return;
  }
  const names = await namesOf(endpoint, organisationsOf(answer.passport), finalized);
  const header = el('header', { id: 'unit' },
    el('p', {}, `${t('unitKey')}: `, el('code', {}, answer.unit)),
    unit.startsWith('http') ? el('p', {}, 'GS1 Digital Link: ', el('code', {}, unit)) : null,
    el('p', {}, `${t('readAt')} #${answer.at.block} `, el('code', {}, answer.at.block_hash)),
    badge('pending'));
  main.replaceChildren(header, ...passportView(answer, names));
  document.body.dataset.state = 'ready';
  const result = await verifyPassport({
    specUrl: params.get('spec') ?? './chain-spec.json',
    unitKey: key,
    at: answer.at,
    shown: answer.passport,
    names,
  });
  document.getElementById('verification').replaceWith(result.verified
    ? badge('verified', t('verifiedDetail', result.block))
    : badge('unverified', `${t('unverifiedDetail')}. ${t('why')}: ${result.reason}`));
  document.body.dataset.verification = result.verified ? 'verified' : 'unverified';
}

async function showRecords(endpoint) {
  status(t('loading'));
  const finalized = await call(endpoint, 'chain_getFinalizedHead');
  const header = await call(endpoint, 'chain_getHeader', [finalized]);
  const to = Number(params.get('to') ?? parseInt(header.number, 16));
  const from = Number(params.get('from') ?? 1);
  const answer = await call(endpoint, 'evidence_statistics', [from, to, finalized]);
  main.replaceChildren(...recordsView(answer));
  document.body.dataset.state = 'ready';
}

async function run() {
  setLanguage(params.get('lang') ?? (navigator.language?.startsWith('zh') ? 'zh' : 'en'));
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
  const { unit, endpoint } = await question();
  form.unit.value = unit ?? '';
  form.rpc.value = endpoint;
  form.lang.value = params.get('lang') ?? '';
  for (const link of document.querySelectorAll('a[data-view]')) {
    const next = new URLSearchParams(params);
    next.set('view', link.dataset.view);
    if (unit) next.set('unit', unit);
    next.set('rpc', endpoint);
    link.href = `?${next}`;
  }
  try {
    if (params.get('view') === 'records') await showRecords(endpoint);
    else if (unit) await showPassport(unit, endpoint);
    else status(t('unitLabel'));
  } catch (error) {
    status(`${t('failed')} ${endpoint}: ${error.message}`, 'error');
    document.body.dataset.state = 'error';
  }
}

run();

// The passport and the track records as HTML, from the evidence_* answers.
import { conditionChart, barChart } from './chart.js';
import { rule, t } from './i18n.js';

/** An element `tag` with `attributes` and `children` (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const when = (utc) => (utc ? utc.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') : '—');
/** An amount in minor units, with as many decimals as its currency has (2 for CNY, 0 for JPY). */
function money(m) {
  let digits = 2;
  try { digits = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).resolvedOptions().maximumFractionDigits; } catch { /* unknown currency */ }
  return `${(Number(m.minor_units) / 10 ** digits).toFixed(digits)} ${m.currency}`;
}
const short = (hash) => `${hash.slice(0, 10)}…${hash.slice(-6)}`;
/** An enum's variant name: `"Final"`, or the key of `{"Evidence": {…}}`. */
const variantName = (value) => (typeof value === 'string' ? value : Object.keys(value ?? {})[0] ?? '—');

/** The name of organisation `org` (`names`: id → name), or its number. */
const orgName = (names, org) => (names.has(org) ? `${names.get(org)} (#${org})` : `#${org}`);

function section(id, title, ...content) {
  return el('section', { id }, el('h2', {}, title), ...content);
}

function table(headers, rows) {
  return el('table', {}, el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
}

/** A content digest with the way to check a file against it. */
function digest(d, label) {
  return el('li', { class: 'digest' }, label ? `${label}: ` : '', el('code', { title: d.hash }, `${d.algorithm} ${short(d.hash)}`));
}

function attestations(passport, names) {
  if (!passport.attestations.length) return null;
  return section('attestations', t('attestations'), passport.attestations.map(({ id, attestation }) => {
    const body = attestation.body;
    const results = table([t('item'), t('value'), t('outcome')], body.results.map((r) => [
      r.item, `${r.value ?? '—'} ${r.unit ?? ''}`, el('span', { class: r.outcome === 'Pass' ? 'pass' : 'fail' }, r.outcome),
    ]));
    return el('article', { class: 'attestation', 'data-id': id },
      el('h3', {}, `${orgName(names, attestation.agency)} — ${body.verdict}`),
      el('p', {}, `${t('protocol')} ${body.protocol} v${body.protocol_version} · ${t('purpose')}: ${body.purpose} · ${when(body.started_at_utc)} · ${t('block')} #${attestation.block} · ${attestation.status}`),
      results,
      el('ul', { class: 'media' }, digest(body.report, 'report'), body.media.map((m) => digest(m.digest ?? m, m.kind))));
  }));
}

function legCondition(leg) {
  if (leg.condition === 'Clean' || !leg.condition) return el('span', { class: 'pass' }, t('clean'));
  const excursion = leg.condition.Excursion;
  if (excursion) return el('span', { class: 'fail excursion' }, `${t('excursion')}: ${excursion.kind} @ ${when(excursion.at_utc)}`);
  return el('span', {}, JSON.stringify(leg.condition));
}

function custody(passport, names) {
  if (!passport.shipments.length) return null;
  return section('custody', t('custody'), passport.shipments.map((s) => {
    const legs = table([t('leg'), t('custodian'), t('condition'), t('excursions'), t('from'), t('to')], s.legs.map((l) => [
      String(l.index + 1), orgName(names, l.leg.custodian), legCondition(l.leg),
      l.leg.excursions.map(([kind, at]) => `${kind} ${when(new Date(at).toISOString())}`).join(', ') || '—',
      when(l.leg.opened_at_utc), when(l.leg.closed_at_utc),
    ]));
    const delivered = s.checkpoints.map((c) => c.checkpoint).filter((c) => c.receipt);
    return el('article', { class: 'shipment', 'data-id': s.id },
      el('p', {}, `${s.shipment.phase} · ${s.shipment.checkpoint_count} checkpoints · ${money(s.shipment.declared_value)}`),
      legs,
      s.legs.length ? [el('h3', {}, t('chart')), conditionChart(s.legs, (org) => orgName(names, org))] : null,
      delivered.length ? el('div', { id: 'delivery' }, el('h3', {}, t('delivery')), delivered.map((c) => el('p', {},
        `${t('receipt')}: ${c.receipt} · ${when(c.observation.event_time_utc)} · ${orgName(names, c.recorded_by_org)} · `,
        `${t('reservations')}: ${c.observation.reservations.join(', ') || '—'} · `,
        c.observation.package ? `${c.observation.package.seal_intact ? t('sealIntact') : t('sealBroken')}, ${c.observation.package.gross_weight_grams} g` : '',
      ))) : null);
  }));
}

function disputes(passport, names) {
  if (!passport.disputes.length) return null;
  return section('disputes', t('disputes'), passport.disputes.map(({ id, dispute }) => {
    const verdict = dispute.verdict;
    const liable = verdict && (verdict.liable.length
      ? verdict.liable.map((s) => `${orgName(names, s.org)} ${(s.share / 10_000).toFixed(0)} %`).join(', ')
      : t('nobodyLiable'));
    return el('article', { class: 'dispute', 'data-id': id },
      el('h3', {}, `#${id} ${dispute.claim.kind} — ${money(dispute.claim.amount)}`),
      el('p', {}, `${t('claim')}: ${orgName(names, dispute.claimant)} · ${when(dispute.opened_at_utc)} · ${t('block')} #${dispute.opened_block}`),
      el('p', { class: 'status' }, `${t('status')}: `, el('strong', {}, variantName(dispute.status))),
      verdict ? el('div', { class: 'verdict' },
        el('p', {}, `${t('verdict')} — ${t('liable')}: `, el('strong', { class: 'liable' }, liable)),
        el('p', {}, `${t('rules')}:`),
        el('ul', { class: 'rules' }, verdict.rules.map((id) => el('li', {}, el('b', { class: 'rule-id' }, id), ` ${rule(id)}`))),
        verdict.escalation ? el('p', { class: 'fail' }, `${t('escalation')}: ${JSON.stringify(verdict.escalation)}`) : null) : null,
      dispute.consumer ? el('p', { class: 'consumer' }, `${t('consumer')}: `,
        el('strong', {}, dispute.consumer.refund ? t('refund') : t('noRefund')),
        ` ${money(dispute.consumer.amount)} · ${t('payer')} ${orgName(names, dispute.consumer.payer)} · ${t('block')} #${dispute.consumer.decided_in}`) : null,
      dispute.claim.evidence.length ? el('ul', { class: 'media' }, dispute.claim.evidence.map((d) => digest(d, 'claim'))) : null);
  }));
}

function timeline(passport) {
  return section('timeline', t('timeline'), el('ol', {}, passport.timeline.map((entry) =>
    el('li', {}, `${t('block')} #${entry.block} · ${entry.fact.kind} `, el('code', {}, short(entry.fact.id))))));
}

/** Every organisation a passport names. */
export function organisationsOf(passport) {
  const orgs = new Set();
  for (const { attestation } of passport.attestations) orgs.add(attestation.agency);
  for (const s of passport.shipments) {
    for (const l of s.legs) orgs.add(l.leg.custodian);
    for (const c of s.checkpoints) orgs.add(c.checkpoint.recorded_by_org);
    orgs.add(s.shipment.shipper);
  }
  for (const { dispute } of passport.disputes) {
    orgs.add(dispute.claimant);
    dispute.respondents.forEach((o) => orgs.add(o));
    dispute.verdict?.liable.forEach((s) => orgs.add(s.org));
  }
  return [...orgs].filter((o) => o !== null && o !== undefined);
}

/** The passport's sections. */
export function passportView(answer, names) {
  const passport = answer.passport;
  return [
    attestations(passport, names),
    custody(passport, names),
    disputes(passport, names),
    timeline(passport),
    el('section', { id: 'how-to-verify' }, el('h2', {}, t('howToVerify')), el('p', {}, t('verifyFile'))),
  ].filter(Boolean);
}

/** The track records of `statistics` (an evidence_statistics answer). */
export function recordsView(answer) {
  const s = answer.statistics;
  const orgs = s.organisations;
  const median = (m) => (m.median_blocks === null ? '—' : `${m.median_blocks} (${m.disputes})`);
  return [
    el('p', { id: 'totals' }, `${t('range')} ${answer.from}–${answer.to}: ${t('totals', s)} · ${t('blockTime', s.block_time_ms)}`),
    section('organisations', t('records'),
      table([t('org'), t('disputesAgainst'), t('foundLiable'), t('cleared'), t('escalated'), t('open'), t('medianToConsumer'), t('medianToVerdict'), t('medianToEnd')],
        orgs.map((o) => [o.name ?? `#${o.org}`, o.disputes_against, o.found_liable, o.cleared, o.escalated, o.open,
          median(o.median_times.to_consumer_outcome), median(o.median_times.to_final_verdict), median(o.median_times.to_end)])),
      barChart(orgs.map((o) => [o.name ?? `#${o.org}`, [o.found_liable, o.cleared, o.open]]), [t('foundLiable'), t('cleared'), t('open')])),
    section('rules', t('byRule'),
      table(['', '', ''], Object.entries(s.by_rule).map(([id, n]) => [el('b', { class: 'rule-id' }, id), n, rule(id)])),
      barChart(Object.entries(s.by_rule).map(([id, n]) => [id, [n]]), [t('verdict')])),
    section('kinds', t('byKind'), table(['', '', ''], Object.entries(s.by_claim_kind).map(([kind, counts]) => [kind, counts.disputes,
      Object.entries(counts).filter(([k]) => k !== 'disputes').map(([k, n]) => `${k} ${n}`).join(', ')]))),
    section('statuses', t('byStatus'), table(['', ''], Object.entries(s.by_status))),
  ];
}

// The passport page in a real browser (headless Chromium, Debian's `chromium`), as a person
// opens it after `npm run demo`: served by serve.mjs, it opens on the demo's unit (demo.json,
// written by the integrator's demo against a dev node) and must show the verdict, the
// excursion on the second leg and the rule ids, in English and Chinese, with the light
// client's verification; the track records view must show the carrier found liable. Without a
// chain specification, and behind a node that forges the verdict, the page must say
// "unverified" and why. Screenshots go to target/passport/.
//
//   node test/browser.mjs        (after the integrator demo; CHROMIUM overrides the browser)
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { call } from '../rpc.js';
import { serve } from '../serve.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const shots = fileURLToPath(new URL('../../../target/passport/', import.meta.url));
const demo = JSON.parse(await readFile(`${here}demo.json`, 'utf8'));
const failures = [];
function check(what, ok, detail = '') {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}${ok || !detail ? '' : ` — ${detail}`}`);
  if (!ok) failures.push(what);
}

/** `method(params)` on the demo's node. */
const rpc = (method, params = []) => call(demo.rpc, method, params);

// The page reads at the finalized block: wait until the demo's last block is final.
const best = parseInt((await rpc('chain_getHeader')).number, 16);
for (let waited = 0; parseInt((await rpc('chain_getHeader', [await rpc('chain_getFinalizedHead')])).number, 16) < best; waited++) {
  if (waited > 120) throw new Error(`block #${best} was not finalized within 60 s`);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

await mkdir(shots, { recursive: true });
const server = await serve(0);
const page_url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();

/**
 * Headless Chromium. A launch that dies before the DevTools connection (Debian's Chromium has
 * been seen killed by a signal at start-up, "Code: null", once in many runs on a loaded
 * machine) is tried again, up to three times, each failure printed; the page's checks are
 * never retried.
 */
async function launch() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await puppeteer.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      });
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`passport page: Chromium did not start (attempt ${attempt} of 3): ${error.message.split('\n')[0]}`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

/**
 * A JSON-RPC endpoint that forwards to `upstream` but names the first carrier liable in every
 * unit passport it answers (the second carrier's rival would like that).
 */
async function lyingNode(upstream) {
  const server = createServer(async (request, response) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' };
    if (request.method === 'OPTIONS') return response.writeHead(204, cors).end();
    let body = '';
    for await (const chunk of request) body += chunk;
    const forwarded = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = await forwarded.json();
    const dispute = answer.result?.passport?.disputes?.[0]?.dispute;
    if (JSON.parse(body).method === 'evidence_unitPassport' && dispute?.verdict) {
      const firstCarrier = answer.result.passport.shipments[0].legs[0].leg.custodian;
      dispute.verdict.liable = [{ org: firstCarrier, share: 1_000_000 }];
    }
    response.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** Opens `query` on the page; resolves when it has shown its answer (and verified it). */
async function open(query, { verification = true } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  const console_errors = [];
  page.on('pageerror', (error) => console_errors.push(error.message));
  await page.goto(`${page_url}${query}`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"], body[data-state="not-found"]', { timeout: 60_000 })
    .catch(async (error) => {
      throw new Error(`${query}: the page did not show an answer (${error.message}); script errors: ${console_errors.join('; ') || 'none'}; it shows: ${await page.evaluate(() => document.body.innerText)}`);
    });
  if (verification && (await page.$('body[data-state="ready"] #verification'))) {
    await page.waitForSelector('body[data-verification]', { timeout: 150_000 });
  }
  const text = await page.evaluate(() => document.body.innerText);
  return { page, text, console_errors };
}

try {
  // 1. The newcomer's link: no parameters, the demo's unit.
  const { page, text, console_errors } = await open('');
  await page.screenshot({ path: `${shots}passport.png`, fullPage: true });
  check('the page shows the demo unit', text.includes(demo.link), text.slice(0, 300));
  check('no script errors', console_errors.length === 0, console_errors.join('; '));
  const verdict = await page.$eval('#disputes .verdict', (n) => n.innerText).catch(() => '');
  check('the verdict names the second carrier liable in full', /Liable: Demo Second Carrier \(#\d+\) 100 %/.test(verdict), verdict);
  const rules = await page.$$eval('#disputes .rule-id', (nodes) => nodes.map((n) => n.textContent));
  check('the rule ids D3 and T1 are shown', rules.join() === 'D3,T1', rules.join());
  check('each rule is explained in words', verdict.includes('reservation co-signed by the courier') && verdict.includes('exactly one leg'), verdict);
  const legs = await page.$$eval('#custody tbody tr', (rows) => rows.map((r) => r.innerText));
  check('the first leg is clean', legs[0]?.includes('clean'), legs.join(' | '));
  check('the second leg shows its shock excursion', /excursion: Shock/.test(legs[1] ?? '') && legs[1].includes('Demo Second Carrier'), legs.join(' | '));
  const chart = await page.$eval('#custody svg.condition-chart', (n) => n.textContent).catch(() => '');
  check('the chart marks the excursion and the 12 g peak', chart.includes('excursion: Shock') && chart.includes('shock 12 g'), chart);
  const delivery = await page.$eval('#delivery', (n) => n.innerText).catch(() => '');
  check('the delivery receipt shows the reservation', delivery.includes('ConsigneeSigned') && delivery.includes('ApparentDamage'), delivery);
  check('the consumer outcome is shown', /Consumer outcome: refund/.test(text));
  check('the inspection and its result are shown', /Conformant/.test(text) && /Pass/.test(text));
  const badge = await page.$eval('#verification', (n) => ({ state: n.dataset.state, text: n.innerText }));
  console.log(`verification: ${badge.text}`);
  check('a light client verified the passport against finalized state', badge.state === 'verified', badge.text);
  await page.close();

  // 2. Chinese.
  const zh = await open(`?unit=${encodeURIComponent(demo.link)}&rpc=${encodeURIComponent(demo.rpc)}&lang=zh`, { verification: false });
  await zh.page.screenshot({ path: `${shots}passport-zh.png`, fullPage: true });
  check('the page reads in Chinese', zh.text.includes('裁决') && zh.text.includes('责任方') && zh.text.includes('签收时有快递员会签的保留意见'), zh.text.slice(0, 300));
  await zh.page.close();

  // 3. No chain specification: shown, marked unverified, with the reason.
  const bare = await open(`?unit=${encodeURIComponent(demo.link)}&rpc=${encodeURIComponent(demo.rpc)}&spec=./no-such-spec.json`);
  const mark = await bare.page.$eval('#verification', (n) => ({ state: n.dataset.state, text: n.innerText }));
  check('without a chain specification the passport is marked unverified, saying why', mark.state === 'unverified' && mark.text.includes('no chain specification'), mark.text);
  check('and still shows the facts', bare.text.includes('D3'));
  await bare.page.close();

  // 4. A node that lies: an RPC endpoint in front of the real node that blames the first
  // carrier instead of the second. The page shows what it was sent, but its light client
  // (which follows the real chain) refuses to call it verified.
  const liar = await lyingNode(demo.rpc);
  const lie = await open(`?unit=${encodeURIComponent(demo.link)}&rpc=${encodeURIComponent(liar.url)}`);
  const lieMark = await lie.page.$eval('#verification', (n) => ({ state: n.dataset.state, text: n.innerText }));
  check('a forged verdict from the node is not verified', lieMark.state === 'unverified' && lieMark.text.includes('disputes shown differ'), lieMark.text);
  check('(the forged verdict was what the page was sent)', /Liable: Demo Carrier \(#\d+\) 100 %/.test(lie.text), lie.text.slice(0, 200));
  await lie.page.screenshot({ path: `${shots}passport-forged.png`, fullPage: true });
  await lie.page.close();
  liar.server.close();

  // 5. The track records for platforms and regulators.
  const records = await open(`?view=records&rpc=${encodeURIComponent(demo.rpc)}`, { verification: false });
  await records.page.screenshot({ path: `${shots}records.png`, fullPage: true });
  const rows = await records.page.$$eval('#organisations tbody tr', (r) => r.map((n) => n.innerText));
  check('the records list the second carrier with a dispute against it', rows.some((r) => r.startsWith('Demo Second Carrier') && /\t[1-9]\d*\t/.test(r)), rows.join(' | '));
  const ruleRows = await records.page.$$eval('#rules tbody tr', (r) => r.map((n) => n.innerText));
  check('the records count verdicts per rule', ruleRows.some((r) => r.startsWith('D3')) && ruleRows.some((r) => r.startsWith('T1')), ruleRows.join(' | '));
  check('the records have their plots', (await records.page.$$('#organisations svg.bar-chart rect')).length > 0);
  await records.page.close();
} finally {
  await browser.close();
  server.close();
}
console.log(`screenshots: ${shots}`);
if (failures.length) {
  console.error(`passport page: ${failures.length} check(s) failed`);
  process.exit(1);
}

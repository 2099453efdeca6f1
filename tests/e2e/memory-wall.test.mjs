// The memory wall, in the page: a measurement of one core gives a finite
// roofline and six kernels whose arithmetic intensities are the native
// ones (they do not depend on the machine), none above the roof drawn,
// each labelled by the side of the ridge it falls on; the energy table is
// roofline::energy's arithmetic (LeNet-5: 416,520 multiply-adds, 61,706
// weights); reset clears; a worker that fails to start is explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="memory-wall"]';
const attr = (page, a) => page.locator(sel).getAttribute(`data-${a}`);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/chips/tpu.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 30000 });
}

test('en: one core measured and drawn as a roofline; the energy table', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  // Energy first (no measurement needed): one digit in floats.
  assert.equal(await attr(page, 'energy'), '1915992,40108900');
  assert.match(await page.locator('.mw-energy-result').textContent(), /^In floats, with 1 digit\(s\) per fetch, reading the weights from DRAM costs 20\.9× the arithmetic\. Eight-bit integers cut the arithmetic 15-fold and the traffic 4-fold\.$/);
  const energy = await page.locator('.mw-energy tbody tr').allTextContents();
  assert.deepEqual(energy, ['32-bit floats1.9240.113.09', '8-bit integers0.1210.030.77']);
  await page.locator('.mw-batch').selectOption('1000');
  assert.match(await page.locator('.mw-energy-result').textContent(), /costs 0\.02× the arithmetic/);

  await page.locator('.mw-start').click();
  await page.locator(`${sel}[data-measured="done"]`).waitFor({ timeout: 120000 });
  const peak = Number(await attr(page, 'peak'));
  const bandwidth = Number(await attr(page, 'bandwidth'));
  assert.ok(peak > 1e8 && bandwidth > 1e8, `${peak} ${bandwidth}`);
  const points = (await attr(page, 'points')).split(',').map((p) => p.split(':'));
  assert.deepEqual(points.map((p) => p[0]), ['dense-1', 'dense-256', 'lenet-1', 'lenet-64', 'gpt-token', 'unet-step']);
  assert.deepEqual(points.map((p) => p[1]), ['0.500', '63.938', '3.332', '118.454', '0.510', '158.112']);
  const rows = await page.locator('.mw-table tbody tr').all();
  assert.equal(rows.length, 6);
  for (const [i, [, intensity, rate]] of points.entries()) {
    const roof = Math.min(peak, bandwidth * Number(intensity));
    assert.ok(Number(rate) > 0 && Number(rate) <= peak, `${points[i]} under the peak`);
    const cells = await rows[i].locator('td').allTextContents();
    assert.equal(cells[3], `${Math.round(Number(rate) / roof * 100)}%`);
    assert.equal(cells[4], Number(intensity) < peak / bandwidth ? 'memory' : 'arithmetic');
  }
  assert.match(await page.locator('.mw-roof').textContent(), /^One core here: at most [\d.]+ billion operations a second, [\d.]+ GB a second from memory; below [\d.]+ operations per byte a kernel waits on memory\. The first TPU: 91,750 billion, 34 GB\/s, 2,700 operations per byte\. All (\d+) cores at once: [\d.]+ billion operations a second, sharing the same memory\.$/);
  const cores = await page.evaluate(() => Math.min(16, Math.max(1, navigator.hardwareConcurrency)));
  assert.equal(await attr(page, 'cores'), String(cores));
  assert.ok(Number(await attr(page, 'all-cores')) > 0);
  assert.match(await page.locator('.mw-status').textContent(), /^Done in [\d.]+ s\.$/);
  // A second measurement reuses the workers and finishes too.
  await page.locator('.mw-start').click();
  await page.waitForFunction((s) => document.querySelector(s).dataset.measured !== 'done', sel);
  await page.locator(`${sel}[data-measured="done"]`).waitFor({ timeout: 120000 });
  assert.equal(await attr(page, 'cores'), String(cores));
  await page.locator('.mw-reset').click();
  assert.equal(await attr(page, 'points'), null);
  assert.equal(await attr(page, 'cores'), null);
  assert.equal(await page.locator('.mw-table tbody tr').count(), 0);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: labels in Chinese, and a batch of 64 shares the fetch', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.mw-batch').selectOption('64');
  assert.match(await page.locator('.mw-energy-result').textContent(), /^用浮点数、每次读取供 64 张数字共用时，从 DRAM 读权重的能量是算术的 0\.33 倍。/);
  await page.locator('.mw-start').click();
  await page.locator(`${sel}[data-measured="done"]`).waitFor({ timeout: 120000 });
  const first = await page.locator('.mw-table tbody tr').first().locator('td').first().textContent();
  assert.equal(first, '全连接层 4,096 → 4,096，一个输入');
  assert.match(await page.locator('.mw-roof').textContent(), /^这里的一个核心：每秒最多 [\d.]+ 十亿次运算/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: a worker script that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'en');
  await page.locator('.mw-start').click();
  await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 20000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /could not start/);
  await context.close();
});

// Experts and a router in the page: the default run trains both mixtures
// as natively (`moe-table`, seed 1): without balancing four of eight
// experts end up doing all the work, with it all eight; the rings pattern
// too, in Chinese; pause holds; reset clears; a missing worker is explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="experts-router"]';
const attr = (page, a) => page.locator(sel).getAttribute(`data-${a}`);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/useful/experts.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 30000 });
}

const settle = (page) => page.locator(`${sel}[data-train-state="done"], ${sel}[data-train-state="failed"]`).waitFor({ timeout: 300000 });

test('en: the default run as natively: the router alone starves four experts, balancing feeds all eight; pause holds; reset clears', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.er-experts').inputValue(), '8');
  assert.equal(await page.locator('.er-balance').inputValue(), '0.1');
  await page.locator('.er-start').click();
  await page.waitForFunction((s) => Number(document.querySelector(s).dataset.steps) >= 100, sel, { timeout: 60000 });
  await page.locator('.er-start').click();
  assert.equal(await attr(page, 'train-state'), 'paused');
  await page.waitForTimeout(400);
  const held = await attr(page, 'steps');
  await page.waitForTimeout(1500);
  assert.equal(await attr(page, 'steps'), held, 'nothing moves while paused');
  await page.locator('.er-start').click();
  await settle(page);
  assert.equal(await attr(page, 'train-state'), 'done');
  assert.equal(await attr(page, 'steps'), '3000');
  assert.equal(await attr(page, 'accuracy'), '0.8953,0.9498');
  assert.equal(await attr(page, 'working'), '4,8');
  assert.equal(await attr(page, 'shares-plain'), '0.520,0.000,0.000,0.000,0.182,0.173,0.000,0.125');
  const smallest = Math.min(...(await attr(page, 'shares-balanced')).split(',').map(Number));
  assert.ok(smallest >= 0.1, `every balanced expert has a tenth: ${smallest}`);
  assert.deepEqual(await page.locator('.er-stats').allTextContents(), [
    '89.5% of test points right · 4 of 8 experts at work · balance loss 2.77',
    '95.0% of test points right · 8 of 8 experts at work · balance loss 1.01',
  ]);
  await page.locator('.er-reset').click();
  assert.equal(await attr(page, 'train-state'), 'idle');
  assert.equal(await attr(page, 'accuracy'), null);
  assert.deepEqual(await page.locator('.er-stats').allTextContents(), ['', '']);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: on the rings, as natively (seed 1: the router alone happens to do better here)', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.er-task').selectOption('rings');
  await page.locator('.er-start').click();
  await settle(page);
  assert.equal(await attr(page, 'working'), '4,8');
  const [plain, balanced] = (await attr(page, 'accuracy')).split(',').map(Number);
  assert.deepEqual([plain.toFixed(3), balanced.toFixed(3)], ['0.929', '0.909'], 'moe-table: 92.9% and 90.9%');
  assert.match((await page.locator('.er-stats').allTextContents())[0], /^测试点答对 92\.9% · 8 个专家里 4 个在干活 · 均衡损失 \d\.\d\d$/);
  assert.match(await page.locator('.er-status').textContent(), /^完成：各 3,000 步，用时 \d+ 秒。$/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: a worker script that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'en');
  await page.locator('.er-start').click();
  await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 20000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /could not start/);
  await context.close();
});

test('zh: a value that is not on offer gets a message, and nothing starts', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.evaluate((s) => { const el = document.querySelector(s); el.add(new Option('bogus', '99999')); el.value = '99999'; }, '.er-experts');
  await page.locator('.er-start').click();
  assert.equal(await page.locator(`${sel} .demo-message`).textContent(), '请从列表里选择设置。');
  assert.equal(await attr(page, 'train-state'), 'idle');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

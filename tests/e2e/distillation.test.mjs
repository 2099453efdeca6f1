// Distillation in the page: the default run (temperature 20) gives both
// students the same test curves as natively (`distill-table`), the soft
// targets win, the per-digit table fills; with the 3s left out the label
// student never reads a 3 and the bias slider repairs the soft-target one
// as natively; pause holds; reset clears; a missing worker or data file is
// explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="distillation"]';
const attr = (page, a) => page.locator(sel).getAttribute(`data-${a}`);
// Native: `cargo run --release -p distill --bin distill-table`, T 20.
const NATIVE_HARD = '0.1341,0.8992,0.9089,0.9101,0.9101,0.9116,0.9113,0.9116,0.9107';
const NATIVE_SOFT_20 = '0.1341,0.8820,0.9113,0.9238,0.9212,0.9281,0.9261,0.9281,0.9287';

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/useful/distillation.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 30000 });
}

const settle = (page) => page.locator(`${sel}[data-train-state="done"], ${sel}[data-train-state="failed"]`).waitFor({ timeout: 300000 });

test('en: the default run gives the native curves; soft targets beat the labels; pause holds; reset clears', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.ds-temperature').inputValue(), '20');
  assert.equal(await page.locator('.ds-omit').inputValue(), 'none');
  await page.locator('.ds-start').click();
  await page.waitForFunction((s) => (document.querySelector(s).dataset.hard || '').split(',').length >= 2, sel, { timeout: 120000 });
  assert.equal(await attr(page, 'transfer'), '1800');
  await page.locator('.ds-start').click();
  assert.equal(await attr(page, 'train-state'), 'paused');
  await page.waitForTimeout(500);
  const held = await attr(page, 'hard');
  await page.waitForTimeout(2500);
  assert.equal(await attr(page, 'hard'), held, 'nothing moves while paused');
  await page.locator('.ds-start').click();
  await settle(page);
  assert.equal(await attr(page, 'train-state'), 'done');
  assert.equal(await attr(page, 'hard'), NATIVE_HARD);
  assert.equal(await attr(page, 'soft'), NATIVE_SOFT_20);
  assert.equal(await page.locator('.ds-result').textContent(), 'After 40 passes: labels 91.07%, soft targets 92.87% (+1.80 points).');
  const rows = await page.locator('.ds-table tbody tr').allTextContents();
  assert.equal(rows.length, 10);
  assert.ok(await page.locator('.ds-repair').isHidden(), 'no digit left out, no slider');
  assert.match(await page.locator('.ds-status').textContent(), /^Done in \d+ s: both students measured on all 10,000 test digits\.$/);
  await page.locator('.ds-reset').click();
  assert.equal(await attr(page, 'train-state'), 'idle');
  assert.equal(await attr(page, 'hard'), '');
  assert.equal(await page.locator('.ds-result').textContent(), '');
  assert.equal(await page.locator('.ds-table tbody tr').count(), 0);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: with the 3s left out the label student never reads a 3; the bias slider repairs the other, as natively', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.ds-omit').selectOption('3');
  await page.locator('.ds-start').click();
  await settle(page);
  assert.equal(await attr(page, 'train-state'), 'done');
  assert.equal(await attr(page, 'transfer'), '1629');
  assert.match(await page.locator('.ds-status').textContent(), /^完成，用时 \d+ 秒/);
  assert.ok(await page.locator('.ds-repair').isVisible());
  const [b0, hard0, soft0] = (await attr(page, 'repair')).split(',').map(Number);
  assert.deepEqual([b0, hard0], [0, 0]);
  assert.equal(soft0.toFixed(3), '0.070', 'native: 7.0% of the 3s');
  const slider = page.locator('.ds-bias');
  await slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  const [b5, hard5, soft5] = (await attr(page, 'repair')).split(',').map(Number);
  assert.deepEqual([b5, hard5], [5, 0]);
  assert.equal(soft5.toFixed(3), '0.469', 'native: 46.9% of the 3s');
  assert.equal(await page.locator('.ds-repair-text').textContent(), '把 3 的输出偏置加 5：学标签的学生认对测试集里 0.00% 的 3（全部数字 82.85%），学软目标的学生认对 46.93%（87.93%）。');
  assert.match((await page.locator('.ds-table tbody tr').nth(3).textContent()), /^3（从没见过）0\.00%7\.03%$/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: a worker that cannot start and a missing data file are explained in the panel', async () => {
  {
    const { context, page } = await guardedPage(browser);
    await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await open(page, 'en');
    await page.locator('.ds-start').click();
    await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 20000 });
    assert.match(await page.locator(`${sel} .demo-message`).textContent(), /could not start/);
    await context.close();
  }
  const { context, page } = await guardedPage(browser);
  await page.route('**/t10k-labels*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'en');
  await page.locator('.ds-start').click();
  await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 60000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /could not be loaded: .*t10k-labels.*404/);
  await context.close();
});

test('en: a value that is not on offer gets a message, and nothing starts', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await page.evaluate((s) => { const el = document.querySelector(s); el.add(new Option('bogus', '99999')); el.value = '99999'; }, '.ds-omit');
  await page.locator('.ds-start').click();
  assert.equal(await page.locator(`${sel} .demo-message`).textContent(), 'Pick a temperature and a digit from the lists.');
  assert.equal(await attr(page, 'train-state'), 'idle');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

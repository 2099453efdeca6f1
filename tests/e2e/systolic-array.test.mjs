// The TPU page's systolic array, in the page: one tile of LeNet-5's F6 in
// 8 bits takes the 30 cycles and 512 multiply-adds the text quotes and
// equals the plain integer product; all of F6 in 165 tiles too (Chinese);
// arrays of 4 to 256 a side give the text's table; the keyboard steps the
// clock without leaving the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="systolic-array"]';
const panel = (page) => page.locator(sel);
const attr = (page, a) => panel(page).getAttribute(`data-${a}`);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/chips/tpu.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-cycle]`).waitFor({ timeout: 30000 });
}

test('en: one tile of F6 takes 30 cycles, 8 of them loading, and equals the integer product', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await attr(page, 'cycle'), '0');
  await page.locator('.sa-step').click();
  assert.equal(await attr(page, 'cycle'), '8');
  await page.locator('.sa-step').click();
  assert.equal(await attr(page, 'cycle'), '9');
  // The first cycle after loading: only row 0, column 0 has real data.
  assert.equal(await attr(page, 'busy'), '1');
  await page.locator('.sa-end').click();
  assert.equal(await attr(page, 'cycle'), '30');
  assert.equal(await attr(page, 'macs'), '512');
  assert.equal(await attr(page, 'match'), 'yes');
  const rows = await page.locator(`${sel} .sa-counters tr`).allTextContents();
  assert.ok(rows.includes('busy (useful / possible)26.7%'), rows.join(' | '));
  assert.match(await page.locator('.sa-check').textContent(), /^Done\. All 64 sums equal the plain 8-bit integer product, bit for bit\.$/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: all of F6 runs in 165 tiles and every one of its 672 sums is exact; the keyboard steps', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.sa-work').selectOption('layer');
  await page.locator('.sa-grid').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await attr(page, 'cycle'), '9');
  assert.match(page.url(), /chips\/tpu\.html/, 'the arrow keys stay in the demo');
  await page.locator('.sa-end').click();
  // 15 tiles along the inputs × (10 tiles of 8 outputs at 30 cycles + 1 of 4 at 26).
  assert.equal(await attr(page, 'cycle'), String(15 * (10 * 30 + 26)));
  assert.equal(await attr(page, 'macs'), String(8 * 120 * 84));
  assert.match(await page.locator('.sa-check').textContent(), /^完成。全部 672 个和都与直接算的 8 位整数乘积逐位相同。$/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: arrays of 4 to 256 a side: busy on large products, idle on LeNet (the text\'s table)', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await page.locator('.sa-big').click();
  await page.locator(`${sel}[data-big-match]`).waitFor({ timeout: 120000 });
  assert.equal(await attr(page, 'big-match'), 'yes');
  assert.equal(await attr(page, 'big-4'), '69,300 90.9% 4,235,264 99.0%');
  assert.equal(await attr(page, 'big-16'), '6,912 57.0% 273,920 95.7%');
  assert.equal(await attr(page, 'big-64'), '1,072 23.0% 19,424 84.3%');
  assert.equal(await attr(page, 'big-256'), '694 2.2% 1,790 57.2%');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: missing weights are explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await context.route('**/weights/lenet5.safetensors', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${server.url}zh/chips/tpu.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-failed="yes"]`).waitFor({ timeout: 30000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /^演示无法启动：lenet5\.safetensors：服务器回答 HTTP 404/);
  await context.close();
});

// "How many bits does a network need?", in the page: the shipped LeNet-5
// stored with fewer bits reads the 10,000 official test digits exactly as
// the native run does (the text's table): 8 bits lose nothing, 4 bits need
// a scale per channel, 2 bits are worse than guessing; the histogram shows
// the levels; settings go into the address; missing digits are explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="how-many-bits"]';
const panel = (page) => page.locator(sel);

async function open(page, lang, query = '') {
  await page.goto(`${server.url}${lang}/chips/bits.html${query}`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-loaded="yes"]`).waitFor({ timeout: 60000 });
}

test('en: the whole table, as the text gives it', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await page.locator('.hb-table').click();
  await page.locator(`${sel}[data-w2-a32-tensor]`).waitFor({ timeout: 180000 });
  const get = (k) => panel(page).getAttribute(`data-${k}`);
  assert.deepEqual(
    [await get('w32-a32-tensor'), await get('w8-a8-tensor'), await get('w6-a6-tensor'), await get('w4-a32-tensor'),
      await get('w4-a32-channel'), await get('w4-a4-channel'), await get('w3-a32-tensor'), await get('w2-a32-tensor')],
    ['9899', '9899', '9900', '9860', '9893', '9893', '9628', '974']);
  const rows = await page.locator(`${sel} .hb-results tbody tr`).allTextContents();
  assert.equal(rows.length, 8);
  assert.equal(rows[1], '88per layer62 KB9,899 (98.99%)');
  assert.match(await page.locator('.hb-histogram').getAttribute('aria-label'), /^Histogram of C5's 48,000 weights.* Lines: the 255 levels 8 bits allow/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: activations alone at 2 bits, from a shared link', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh', '?how-many-bits.weights=32&how-many-bits.activations=2');
  assert.equal(await page.locator('.hb-abits').inputValue(), '2');
  await page.locator('.hb-run').click();
  await page.locator(`${sel}[data-w32-a2-tensor]`).waitFor({ timeout: 60000 });
  assert.equal(await panel(page).getAttribute('data-w32-a2-tensor'), '9679');
  const row = await page.locator(`${sel} .hb-results tbody tr`).first().textContent();
  assert.equal(row, '32（浮点，训练时的样子）2—247 KB9,679 (96.79%)');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: in real 8-bit integers the network reads 9,902 digits, and the page times both', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await page.locator('.hb-int').click();
  await page.locator(`${sel}[data-integers]`).waitFor({ timeout: 120000 });
  assert.equal(await panel(page).getAttribute('data-integers'), '9902');
  assert.match(await page.locator('.hb-speed').textContent(),
    /^In your browser: the float network read [\d,]+ digits a second, the integer one [\d,]+\.$/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a missing test file is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await context.route('**/t10k-images.idx3-ubyte.gz', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${server.url}zh/chips/bits.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-failed="yes"]`).waitFor({ timeout: 60000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /^演示无法启动：t10k-images\.idx3-ubyte\.gz：服务器回答 HTTP 404/);
  await context.close();
});

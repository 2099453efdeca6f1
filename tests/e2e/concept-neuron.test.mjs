// "A neuron finds a concept", in the page: an autoencoder trained without
// labels has a unit that finds 7s far better than chance and than the
// same network with random weights (English); for 0 the random network's
// best unit wins, as the text says (Chinese); a broken data file is
// explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="concept-neuron"]';
const panel = (page) => page.locator(sel);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/deep/cat-neuron.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 20000 });
}

async function judged(page, digit) {
  await page.locator('.cn-digit').selectOption(digit);
  await page.waitForFunction(([s, d]) => {
    const e = document.querySelector(s);
    return e.getAttribute('data-digit') === d && e.hasAttribute('data-accuracy');
  }, [sel, digit], { timeout: 30000 });
  const get = (a) => panel(page).getAttribute(`data-${a}`).then(Number);
  return { trained: await get('accuracy'), random: await get('random'), pixel: await get('pixel'),
    supervised: await get('supervised'), chance: await get('chance'), hits: await get('top-hits') };
}

async function train(page) {
  await page.locator('.cn-start').click();
  await page.locator(`${sel}[data-trained="yes"]`).waitFor({ timeout: 120000 });
}

test('en: a unit trained without labels finds 7s; the controls stand beside it', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await train(page);
  const r = await judged(page, '7');
  assert.ok(Math.abs(r.chance - 0.648) < 0.001, `chance ${r.chance}`);
  // The numbers the page's text quotes (wasm arithmetic is exact).
  assert.deepEqual([r.trained, r.random, r.pixel, r.supervised], [0.8702, 0.7849, 0.7818, 0.9322]);
  assert.equal(r.hits, 16);
  const rows = await page.locator(`${sel} .cn-table tbody tr`).allTextContents();
  assert.match(rows[0], /^unit 28 of the network trained without labels87\.0%$/);
  assert.match(rows[5], /81\.7%$/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: for 0 the random network does better; with all 64 units active the 7-unit fades', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await train(page);
  const zero = await judged(page, '0');
  assert.ok(zero.random > zero.trained, `0: ${JSON.stringify(zero)}`);
  await page.locator('.cn-keep').selectOption('64');
  await train(page);
  const seven = await judged(page, '7');
  assert.ok(seven.trained < seven.random, `dense 7: ${JSON.stringify(seven)}`);
  assert.match(await page.locator('.cn-caption').textContent(), /^这个单元反应最强的 16 张测试图片/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a broken data file is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await context.route('**/t10k-images.idx3-ubyte.gz', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'zh');
  await page.locator('.cn-start').click();
  await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 30000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /^训练停止了：t10k-images\.idx3-ubyte\.gz：服务器回答 HTTP 404/);
  await context.close();
});

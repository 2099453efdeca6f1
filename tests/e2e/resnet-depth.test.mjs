// "Deeper is worse — until residuals", in the page: at the default settings
// the 20-layer plain network ends with a higher training error than the
// 8-layer one and than the 20-layer residual one (English); at 20 against
// 56 layers the deep plain network does not learn while the residual one
// does (Chinese); a broken data file is explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="resnet-depth"]';
const panel = (page) => page.locator(sel);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/deep/resnet.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 20000 });
}

async function train(page, settings) {
  for (const [cls, v] of Object.entries(settings)) await page.locator(`.rd-${cls}`).selectOption(v);
  await page.locator('.rd-start').click();
  await page.locator(`${sel}[data-train-state="done"]`).waitFor({ timeout: 240000 });
  return (await panel(page).getAttribute('data-errors')).split(',').map(Number);
}

test('en: twenty plain layers train worse than eight; the residual twenty do not', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  const [plain8, plain20, res8, res20] = await train(page, {});
  assert.equal(await panel(page).getAttribute('data-step'), '1500');
  assert.ok(plain20 > plain8 + 0.01, `plain 8 ${plain8}, plain 20 ${plain20}`);
  assert.ok(res20 < plain20 - 0.01, `residual 20 ${res20}, plain 20 ${plain20}`);
  assert.ok(res20 < 0.06 && res8 < 0.06, `residual ${res8}, ${res20}`);
  // The page's text quotes these: wasm arithmetic is exactly specified, so
  // every reader's run gives the same numbers.
  assert.deepEqual([plain8, plain20, res8, res20], [0.042, 0.0745, 0.039, 0.041]);
  assert.match(await page.locator('.rd-result').textContent(), /^Training error after 1,500 steps: plain 8 layers \d+\.\d%/);
  const label = await page.locator('.rd-plain').getAttribute('aria-label');
  assert.match(label, /^Chart of training error \(%\) against steps/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: at 56 layers the plain network guesses while the residual one learns', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  const [, plain56, , res56] = await train(page, { depths: '20-56', steps: '500' });
  assert.ok(plain56 > 0.5, `plain 56 ${plain56}`);
  assert.ok(res56 < 0.15, `residual 56 ${res56}`);
  assert.match(await page.locator('.rd-result').textContent(), /^训练 500 步后的训练误差：普通网络 20 层/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a broken training-data file is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await context.route('**/train-30k-images.idx3-ubyte.gz', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'zh');
  await page.locator('.rd-start').click();
  await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 20000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /^训练停止了：train-30k-images\.idx3-ubyte\.gz：服务器回答 HTTP 404/);
  await context.close();
});

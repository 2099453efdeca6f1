// "Judge the knobs", in the page: the worker's drawings, judged by LeNet-5,
// give the same accuracy and Fréchet distance as the book's native
// reference run with the same seeds (guidance sweep in English, steps sweep
// in Chinese); a bad seed and a broken reference file get a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="diffusion-knobs"]';
const panel = (page) => page.locator(sel);
const message = (page) => page.locator(`${sel} .demo-message`).textContent();

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/diffusion/knobs.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 20000 });
}

/** Starts a sweep and waits for `count` judged settings; returns their rows. */
async function sweep(page, experiment, count) {
  await page.locator(`${sel}[data-reference="loaded"]`).waitFor({ timeout: 20000 });
  await page.locator('.jk-experiment').selectOption(experiment);
  await page.locator('.jk-start').click();
  await page.waitForFunction(
    ([s, n]) => Number(document.querySelector(s)?.getAttribute('data-points') ?? 0) >= n,
    [sel, count], { timeout: 120000 });
  const rows = await page.locator(`${sel} .jk-table tbody tr`).evaluateAll((rows) => rows.map((r) => ({
    sampler: r.dataset.sampler, steps: Number(r.dataset.steps), scale: Number(r.dataset.scale),
    n: Number(r.dataset.n), accuracy: Number(r.dataset.accuracy), frechet: Number(r.dataset.frechet),
    bookAccuracy: Number(r.dataset.bookAccuracy), bookFrechet: Number(r.dataset.bookFrechet),
    diversity: Number(r.dataset.diversity),
  })));
  await page.locator('.jk-reset').click();
  return rows;
}

function assertMatchesBook(rows) {
  for (const r of rows) {
    assert.equal(r.n, 100);
    assert.ok(Math.abs(r.accuracy - r.bookAccuracy) <= 0.011, `${JSON.stringify(r)}: accuracy`);
    assert.ok(Math.abs(r.frechet - r.bookFrechet) <= 0.01 * r.bookFrechet,
      `${JSON.stringify(r)}: the page's Fréchet distance is the native one`);
  }
}

test('en: the guidance sweep meets the native reference, and guidance buys accuracy', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  const rows = await sweep(page, 'guidance', 3);
  assert.deepEqual(rows.slice(0, 3).map((r) => r.scale), [0, 1, 2]);
  assertMatchesBook(rows);
  assert.ok(rows[0].accuracy < 0.2, 'scale 0 ignores the prompt');
  assert.ok(rows[2].accuracy > 0.9, 'scale 2 draws the digit asked for');
  assert.ok(rows[0].diversity > rows[2].diversity, 'guidance narrows the drawings');
  const label = await page.locator('.jk-guidance-fd').getAttribute('aria-label');
  assert.match(label, /^Chart of Fréchet distance against guidance scale/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: the steps sweep meets the native reference; a bad seed is refused', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  const rows = await sweep(page, 'steps', 3);
  assert.deepEqual(rows.slice(0, 3).map((r) => [r.sampler, r.steps]),
    [['ddpm', 5], ['ddim', 5], ['dpm++2m', 5]]);
  assertMatchesBook(rows);
  await page.locator('.jk-seed').fill('七');
  await page.locator('.jk-start').click();
  assert.match(await message(page), /^起始种子必须是 0 到 1,000,000,000 之间的整数，而不是“七”/);
  assert.equal(await panel(page).getAttribute('data-train-state'), 'idle');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a broken reference file is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/knobs.json', async (route) => {
    const body = (await route.fetch().then((r) => r.body())).subarray(0, 3000);
    await route.fulfill({ status: 200, contentType: 'application/json', body });
  });
  await open(page, 'zh');
  await page.locator(`${sel}[data-reference="failed"]`).waitFor({ timeout: 20000 });
  assert.match(await message(page), /^无法加载本书的参考结果（knobs\.json）：/);
  await context.close();
});

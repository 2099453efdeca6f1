// "Edges without a teacher", in the page: sparse coding on whitened photo
// patches turns 64 random filters into edges (55 after 600 batches, the
// native number: wasm arithmetic is exact), PCA finds 1; the controls the
// text describes hold (no sparsity price: 0 edges; white noise: 0 edges);
// Pause keeps the filters still (mid-run, and pressed right after
// Start); a truncated photo is explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="edges-emerge"]';
const panel = (page) => page.locator(sel);

async function open(page, lang, query = '') {
  await page.goto(`${server.url}${lang}/deep/edges.html${query}`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 20000 });
}

async function learn(page) {
  await page.locator('.ee-start').click();
  await page.locator(`${sel}[data-train-state="done"]`).waitFor({ timeout: 180000 });
  return Number(await panel(page).getAttribute('data-edges'));
}

test('en: 55 of 64 filters become edges; PCA finds 1; the text says what the page shows', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await learn(page), 55);
  assert.equal(await panel(page).getAttribute('data-batch'), '600');
  assert.equal(await panel(page).getAttribute('data-pca-edges'), '1');
  assert.match(await page.locator('.ee-count').textContent(),
    /^55 of 64 filters are edges after 600 batches \(60,000 patches\)\.$/);
  assert.match(await page.locator('.ee-filters').getAttribute('aria-label'), /55 are oriented edges/);
  assert.match(await page.locator('.ee-chart').getAttribute('aria-label'), /filters that are edges/);
  // The settings went into the address.
  assert.match(page.url(), /edges-emerge\.pictures=photos/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: without the sparsity price, and on white noise, no filter becomes an edge', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh', '?edges-emerge.sparsity=0');
  assert.equal(await page.locator('.ee-lambda').inputValue(), '0');
  assert.equal(await learn(page), 0);
  await page.locator('.ee-lambda').selectOption('2');
  await page.locator('.ee-source').selectOption('noise');
  assert.equal(await learn(page), 0);
  assert.match(await page.locator('.ee-count').textContent(), /^学了 600 批（60,000 个小块）之后，64 个滤波器中有 0 个是边缘。$/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: Pause holds the filters still, mid-run and pressed right after Start; Resume finishes the run', async () => {
  const { context, page } = await guardedPage(browser);
  await open(page, 'en');
  // 144 filters take several seconds: time to pause in the middle.
  await page.locator('.ee-atoms').selectOption('144');
  await page.locator('.ee-start').click();
  await page.waitForFunction((s) => Number(document.querySelector(s).getAttribute('data-batch')) >= 20, sel, { timeout: 60000 });
  await page.locator('.ee-start').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'paused');
  assert.ok(await page.locator('.ee-source').isDisabled(), 'settings are locked mid-run');
  await page.waitForTimeout(500); // the slice under way when Pause came finishes
  const held = await panel(page).getAttribute('data-batch');
  await page.waitForTimeout(1500);
  assert.equal(await panel(page).getAttribute('data-batch'), held);
  await page.locator('.ee-start').click();
  await page.locator(`${sel}[data-train-state="done"]`).waitFor({ timeout: 180000 });
  assert.equal(await panel(page).getAttribute('data-batch'), '600');
  // Start and Pause at once: nothing more is learnt until Resume.
  await page.locator('.ee-reset').click();
  await page.locator('.ee-start').click();
  await page.locator('.ee-start').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'paused');
  // The worker stops at the end of the slice it is in (100 ms at most).
  await page.waitForTimeout(500);
  const still = await panel(page).getAttribute('data-batch');
  await page.waitForTimeout(1500);
  assert.equal(await panel(page).getAttribute('data-batch'), still, 'no batch while paused');
  assert.ok(Number(still ?? '0') < 600, 'paused before the end');
  await page.locator('.ee-reset').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'idle');
  await context.close();
});

test('zh: a truncated photo is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await context.route('**/photos/chelsea.pgm.gz', (route) => route.fulfill({ status: 200, body: gzipSync(Buffer.from('P5\n225 150\n255\n')) }));
  await open(page, 'zh');
  await page.locator('.ee-source').selectOption('cat');
  await page.locator('.ee-start').click();
  await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 30000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /^学习停止了：chelsea\.pgm\.gz 已损坏，读不出完整的图片$/);
  await context.close();
});

// A scaling law in the page: six GPTs trained in parallel workers give six
// held-out losses that fall with size and a finite power-law exponent, the
// same numbers natively and in the page; pause holds, reset clears, partial
// results are labelled; a worker that cannot start and a missing reference
// file are explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="scaling-sweep"]';
const panel = (page) => page.locator(sel);
const state = (page, s) => page.locator(`${sel}[data-train-state="${s}"]`);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/scaling/laws.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 20000 });
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

test('en: the 500,000-character sweep gives six falling losses and the exponent the chapter quotes', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.ss-chars').inputValue(), '2000000');
  await page.locator(`${sel}[data-reference]`).waitFor({ timeout: 20000 });
  assert.equal(Number(await panel(page).getAttribute('data-reference')), 51, '17 shapes × 3 seeds');
  await page.locator('.ss-chars').selectOption('500000');
  await page.locator('.ss-start').click();
  await state(page, 'done').waitFor({ timeout: 400000 });
  const losses = (await panel(page).getAttribute('data-losses')).split(' ').map(Number);
  assert.equal(losses.length, 6);
  for (let i = 1; i < 6; i++) assert.ok(losses[i] < losses[i - 1], `loss falls with size: ${losses}`);
  // The smallest model's loss is the native test's (crates/scaling/src/sweep.rs).
  assert.equal(losses[0].toFixed(4), '2.5473');
  const result = await page.locator('.ss-result').textContent();
  assert.match(result, /^Counting parameters outside the embeddings: L = \(N_c\/N\)\^α with α = 0\.042 /);
  assert.match(result, /from 2\.55|E = 2\.07/, result);
  // Counting the embeddings too changes the fit, not the losses.
  await page.locator('.ss-count').selectOption('all');
  const all = Number(await panel(page).getAttribute('data-alpha'));
  assert.ok(Number.isFinite(all) && all > 0.042 && all < 0.1, `all parameters: α = ${all}`);
  assert.match(await page.locator('.ss-result').textContent(), /^Counting all parameters/);
  const size = await page.locator('.ss-by-size').getAttribute('aria-label');
  assert.match(size, /this page 2\.\d{3} at [\d.]+ all parameters/);
  const curves = await page.locator('.ss-by-chars').getAttribute('aria-label');
  assert.equal((curves.match(/ 2\.\d{3} at 49\d{4}/g) ?? []).length, 6, curves);
  const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
  assert.ok(longest < 200, `a main-thread task took ${longest} ms`);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: the first models give a fit labelled as partial; pause holds; reset clears', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.ss-chars').selectOption('500000');
  await page.locator('.ss-start').click();
  // The largest models go first; with two finished there is a line.
  await page.waitForFunction((s) => Number(document.querySelector(s).dataset.points) >= 2, sel, { timeout: 300000 });
  await page.locator('.ss-start').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'paused');
  assert.match(await page.locator('.ss-start').textContent(), /继续/);
  assert.ok(Number.isFinite(Number(await panel(page).getAttribute('data-alpha'))));
  assert.match(await page.locator('.ss-result').textContent(), /^按嵌入层以外的参数计（目前：6 个模型中的 \d 个）：L = \(N_c\/N\)\^α，α = 0\.\d{3}/);
  await page.waitForTimeout(600);
  const held = await page.locator('.ss-models').textContent();
  await page.waitForTimeout(1200);
  assert.equal(await page.locator('.ss-models').textContent(), held, 'paused workers do not move');
  await page.locator('.ss-reset').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'idle');
  assert.equal(await panel(page).getAttribute('data-points'), '0');
  assert.equal(await page.locator('.ss-result').textContent(), '');
  assert.match(await page.locator('.ss-start').textContent(), /训练六个模型/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: no background thread and no reference file: each is explained and the page stays usable', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/scaling/reference.json', (r) => r.fulfill({ status: 404, body: '' }));
  await page.route('**/demos/worker.js*', (r) => r.fulfill({ status: 404, body: '' }));
  await open(page, 'zh');
  await page.locator(`${sel} .demo-message:text("本机参考点无法加载")`).waitFor({ timeout: 10000 });
  await page.locator('.ss-start').click();
  await state(page, 'failed').waitFor({ timeout: 20000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /后台线程无法启动/);
  assert.match(await page.locator('.ss-models').textContent(), /失败/);
  // The page still answers: the count menu works and Start can be pressed again.
  await page.locator('.ss-count').selectOption('all');
  assert.equal(await page.locator('.ss-start').isEnabled(), true);
  await context.close();
});

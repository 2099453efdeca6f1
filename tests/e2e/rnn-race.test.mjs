// Attention against recurrence in the page: on the recall text the GPT learns
// to copy (low loss where a whole line is in view) and the GRU does not; on
// Shakespeare both curves are drawn; pause holds both runners; a missing
// worker is explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const panel = (page) => page.locator('.demo-panel[data-demo="rnn-race"]');
const number = async (page, name) => Number(await panel(page).getAttribute(name));

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/transformer/race.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-demo="rnn-race"][data-state="ready"]').waitFor({ timeout: 20000 });
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function settle(page, timeout = 300000) {
  await page.locator('.demo-panel[data-demo="rnn-race"][data-train-state="done"], .demo-panel[data-demo="rnn-race"][data-train-state="failed"]').waitFor({ timeout });
  return panel(page).getAttribute('data-train-state');
}

test('en: on the recall text attention learns to copy and the recurrent network does not', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.rr-text').inputValue(), 'recall');
  assert.match(await page.locator('.rr-example').textContent(), /^wfrgsfxnfdwxrohqwups\|wfrgsfxnfdwxrohqwups\n/);
  assert.equal(await page.locator('.rr-steps').inputValue(), '1500');
  await page.locator('.rr-start').click();
  assert.equal(await settle(page), 'done');
  const [a, r] = [await number(page, 'data-a-params'), await number(page, 'data-r-params')];
  assert.ok(Math.abs(a / r - 1) < 0.03, `the same size: ${a} and ${r} parameters`);
  const [aLate, rLate] = [await number(page, 'data-a-late'), await number(page, 'data-r-late')];
  assert.ok(aLate < 1.65, `attention copies almost perfectly (1.55): ${aLate} where a whole line is in view`);
  assert.ok(rLate > 2.9, `the GRU does not: ${rLate}`);
  // The chapter's numbers are what the page computes (wasm gives the same in every browser).
  assert.match(await page.locator('.rr-result').textContent(), /attention 1\.56, recurrent 3\.09; a model that cannot copy scores 3\.10 there, one that copies perfectly 1\.55/);
  // Both runners drawn in every chart, with their latest values described.
  for (const chart of ['.rr-by-step', '.rr-by-time', '.rr-by-position']) {
    const described = await page.locator(chart).getAttribute('aria-label');
    assert.match(described, /attention \(GPT\)[^;]* \d\.\d{3} at/, chart);
    assert.match(described, /recurrent \(GRU\)[^;]* \d\.\d{3} at/, chart);
  }
  const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
  assert.ok(longest < 200, `a main-thread task took ${longest} ms`);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: on Shakespeare the GRU ends ahead (1.84 against 1.97, as the chapter says); pause holds both; reset clears', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.rr-text').selectOption('shakespeare');
  assert.equal(await page.locator('.rr-example').isHidden(), true);
  assert.equal(await page.locator('.rr-steps').inputValue(), '1500');
  await page.locator('.rr-start').click();
  await page.locator('.demo-panel[data-demo="rnn-race"][data-train-state="training"]').waitFor({ timeout: 30000 });
  await page.waitForTimeout(1500);
  await page.locator('.rr-start').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'paused');
  assert.match(await page.locator('.rr-start').textContent(), /继续/);
  await page.waitForTimeout(500);
  const held = [await page.locator('.rr-a-status').textContent(), await page.locator('.rr-r-status').textContent()];
  await page.waitForTimeout(1000);
  assert.deepEqual([await page.locator('.rr-a-status').textContent(), await page.locator('.rr-r-status').textContent()], held);
  await page.locator('.rr-start').click();
  assert.equal(await settle(page), 'done');
  // The chapter's numbers: at this size and budget the GRU is ahead on Shakespeare.
  assert.equal(await page.locator('.rr-result').textContent(), '留出文本损失：注意力 1.97，循环网络 1.84。');
  await page.locator('.rr-reset').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'idle');
  assert.equal(await page.locator('.rr-result').textContent(), '');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: a worker script that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'en');
  await page.locator('.rr-start').click();
  await page.locator('.demo-panel[data-demo="rnn-race"][data-train-state="failed"]').waitFor({ timeout: 20000 });
  assert.match(await page.locator('.rr .demo-message').textContent(), /could not start/);
  await context.close();
});

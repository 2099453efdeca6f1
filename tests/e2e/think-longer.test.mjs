// What thinking buys, in the page: the same numbered games as natively
// give the same scores (the first 10 games of each setting against the
// hand-written rules, the first 20 against 1,000 playouts, computed by
// games::arena natively), more playouts score more, pause holds, reset
// clears, and a missing worker is explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="think-longer"]';
const attr = (page, a) => page.locator(sel).getAttribute(`data-${a}`);
// Native, `games::arena::Match::new(n, 1000, game).play()` averaged over games 0..k.
const NATIVE_SEARCH_20 = '0.1000,0.1500,0.4500,0.7000,0.8500,1.0000';
// The same against the hand-written player (`Player::Rules(4)`), games 0..10.
const NATIVE_RULES_10 = '0.0000,0.1000,0.3000,0.2000,0.7000,1.0000';

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/games/search.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 30000 });
}

const settle = (page) => page.locator(`${sel}[data-train-state="done"], ${sel}[data-train-state="failed"]`).waitFor({ timeout: 300000 });

test('en: against the hand-written rules, ten games per setting score as natively, rising with the playouts', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.tl-games').inputValue(), '20');
  assert.equal(await page.locator('.tl-opponent').inputValue(), 'search');
  await page.locator('.tl-games').selectOption('10');
  await page.locator('.tl-opponent').selectOption('rules');
  await page.locator('.tl-start').click();
  await settle(page);
  assert.equal(await attr(page, 'train-state'), 'done');
  assert.equal(await attr(page, 'games'), '10');
  assert.equal(await attr(page, 'opponent'), 'rules');
  assert.equal(await attr(page, 'scores'), NATIVE_RULES_10);
  assert.match(await page.locator('.tl-result').textContent(), /^After 10 games each: 100 playouts a move score 0% against the hand-written rules, 30,000 score 100%\.$/);
  const rows = await page.locator('.tl-table tbody tr').allTextContents();
  assert.equal(rows.length, 6);
  assert.equal(rows[0], '100100% ± 02.9%', 'playouts, games, score ± standard error, native');
  assert.equal(rows[5], '30,00010100% ± 096.1%');
  assert.match(await page.locator('.tl-status').textContent(), /^Done: 10 games per setting in \d+ s\.$/);
  assert.match(await page.locator('.tl-chart').getAttribute('aria-label'), /this page 100\.000 at 30000/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: the default twenty games as natively; pause holds; reset clears', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.tl-start').click();
  await page.waitForFunction((s) => Number(document.querySelector(s).dataset.games) >= 1, sel, { timeout: 60000 });
  await page.locator('.tl-start').click();
  assert.equal(await attr(page, 'train-state'), 'paused');
  assert.match(await page.locator('.tl-start').textContent(), /继续/);
  await page.waitForTimeout(600);
  const held = await page.locator('.tl-table').textContent();
  await page.waitForTimeout(1200);
  assert.equal(await page.locator('.tl-table').textContent(), held);
  await page.locator('.tl-start').click();
  await settle(page);
  assert.equal(await attr(page, 'scores'), NATIVE_SEARCH_20);
  assert.match(await page.locator('.tl-result').textContent(), /^每种设置下了 20 盘：每步 100 次模拟对 1,000 次模拟的搜索得分 10%，30,000 次得分 100%。$/);
  assert.match(await page.locator('.tl-status').textContent(), /^完成：每种设置 20 盘，用时 \d+ 秒。$/);
  await page.locator('.tl-reset').click();
  assert.equal(await attr(page, 'train-state'), 'idle');
  assert.equal(await attr(page, 'scores'), null);
  assert.equal(await page.locator('.tl-result').textContent(), '');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: a worker script that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'en');
  await page.locator('.tl-start').click();
  await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 20000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /could not start/);
  await context.close();
});

// What intuition buys, in the page: the first ten numbered games of every
// contest score as natively (`selfplay::contest::CONTESTS`, games 0..10,
// played natively: `--example first-games`), both sides' thinking is timed, pause holds, reset
// clears, and a worker that fails to start is explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="intuition-contests"]';
const attr = (page, a) => page.locator(sel).getAttribute(`data-${a}`);
const NATIVE_10 = '0.7500,0.7500,1.0000,0.7000,0.7500,0.9000';

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/games/intuition.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 30000 });
}

const settle = (page) => page.locator(`${sel}[data-train-state="done"], ${sel}[data-train-state="failed"]`).waitFor({ timeout: 300000 });

test('en: ten games per contest score as natively, with both sides timed', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.ic-games').inputValue(), '20');
  await page.locator('.ic-games').selectOption('10');
  await page.locator('.ic-start').click();
  await settle(page);
  assert.equal(await attr(page, 'train-state'), 'done');
  assert.equal(await attr(page, 'games'), '10');
  assert.equal(await attr(page, 'scores'), NATIVE_10);
  const rows = await page.locator('.ic-table tbody tr').all();
  assert.equal(rows.length, 6);
  const cells = await rows[0].locator('td').allTextContents();
  assert.equal(cells[0], 'network + 100 simulations vs 1,200 playouts (the same time natively)');
  assert.equal(cells[1], '10');
  assert.match(cells[2], /^75% ± 1\d$/);
  const [mine, theirs] = cells[3].split(' / ').map(Number);
  assert.ok(mine > 0 && theirs > 0, cells[3]);
  // Natively the two sides think about as long; in the page the playouts
  // are slower, so the network's side thinks less (the text says so).
  assert.ok(mine < theirs, `the network's side thinks less here: ${cells[3]}`);
  assert.equal(cells[4], '66.4%');
  assert.match(await page.locator('.ic-status').textContent(), /^Done: 10 games per contest in \d+ s\.$/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: pause holds, resume finishes as natively, reset clears', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.ic-games').selectOption('10');
  await page.locator('.ic-start').click();
  await page.waitForFunction((s) => Number(document.querySelector(s).dataset.games) >= 1, sel, { timeout: 60000 });
  await page.locator('.ic-start').click();
  assert.equal(await attr(page, 'train-state'), 'paused');
  await page.waitForTimeout(600);
  const held = await page.locator('.ic-table').textContent();
  await page.waitForTimeout(1200);
  assert.equal(await page.locator('.ic-table').textContent(), held);
  await page.locator('.ic-start').click();
  await settle(page);
  assert.equal(await attr(page, 'scores'), NATIVE_10);
  assert.match(await page.locator('.ic-table').textContent(), /训练过的网络对没训练的网络/);
  assert.match(await page.locator('.ic-status').textContent(), /^完成：每组 10 盘，用时 \d+ 秒。$/);
  await page.locator('.ic-reset').click();
  assert.equal(await attr(page, 'train-state'), 'idle');
  assert.equal(await attr(page, 'scores'), null);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: a worker script that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'en');
  await page.locator('.ic-start').click();
  await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 20000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /could not start/);
  await context.close();
});

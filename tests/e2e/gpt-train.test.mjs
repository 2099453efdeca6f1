// Training a GPT in the page: a short run on Shakespeare lowers the held-out
// loss and shows samples, without long main-thread tasks; pause holds the
// step count; pasted Chinese text (with emoji) trains; bad settings, short
// text, a huge learning rate and a missing worker are explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const panel = (page) => page.locator('.demo-panel[data-demo="gpt-train"]');
const message = (page) => page.locator('.gt .demo-message').textContent();

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/transformer/training.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-demo="gpt-train"][data-state="ready"]').waitFor({ timeout: 20000 });
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function settle(page, timeout = 180000) {
  await page.locator('.demo-panel[data-demo="gpt-train"][data-train-state="done"], .demo-panel[data-demo="gpt-train"][data-train-state="failed"]').waitFor({ timeout });
  return panel(page).getAttribute('data-train-state');
}

const number = async (page, name) => Number(await panel(page).getAttribute(name));

test('en: 20 seconds on Shakespeare bring the held-out loss from 4.2 below 2.6, with samples on the way', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.gt-corpus').inputValue(), 'shakespeare');
  await page.locator('.gt-minutes').fill('0.33');
  await page.locator('.gt-start').click();
  // Pause holds the run; Resume continues it.
  await page.locator('.demo-panel[data-demo="gpt-train"][data-steps]').waitFor({ timeout: 30000 });
  await page.locator('.gt-start').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'paused');
  assert.match(await page.locator('.gt-start').textContent(), /Resume/);
  await page.waitForTimeout(400);
  const held = await number(page, 'data-step');
  await page.waitForTimeout(800);
  assert.equal(await number(page, 'data-step'), held, 'no steps while paused');
  await page.locator('.gt-start').click();
  assert.equal(await settle(page), 'done');
  const [first, last, steps] = [await number(page, 'data-first-val'), await number(page, 'data-val'), await number(page, 'data-steps')];
  assert.ok(Math.abs(first - Math.log(63)) < 0.2, `untrained loss ${first} is near uniform guessing`);
  assert.ok(last < 2.6, `held-out loss ${first} -> ${last} after ${steps} steps`);
  assert.ok(steps >= 50, `${steps} steps planned`);
  // Samples: the untrained one first (bottom), the last on top, with spaces and line breaks learnt.
  const samples = page.locator('.gt-samples li');
  assert.ok(await samples.count() >= 5, 'a sample every eighth of the run');
  assert.equal(await samples.last().getAttribute('data-step'), '0');
  assert.equal(Number(await samples.first().getAttribute('data-step')), steps);
  const newest = await samples.first().locator('pre').textContent();
  assert.ok((newest.match(/ /g) || []).length > 15 && newest.includes('\n'), newest);
  assert.match(await page.locator('.gt-status').textContent(), /Done in \d+ s: held-out loss 2\.\d\d/);
  // The chapter's two counting lines: 3.35 (characters) and 2.49 (pairs), drawn and described.
  const described = await page.locator('.gt-loss').getAttribute('aria-label');
  assert.match(described, /held-out loss 2\.\d+ at/);
  assert.match(described, /counting characters 3\.3(4[5-9]|5[0-4]) at/);
  assert.match(described, /counting pairs 2\.4(8[5-9]|9[0-4]) at/);
  const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
  assert.ok(longest < 200, `a main-thread task took ${longest} ms`);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  // Reset clears everything and unlocks the controls.
  await page.locator('.gt-reset').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'idle');
  assert.equal(await samples.count(), 0);
  assert.equal(await page.locator('.gt-minutes').isDisabled(), false);
  await context.close();
});

test('zh: bad settings and short text are explained; pasted Chinese with emoji trains', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  assert.equal(await page.locator('.gt-corpus').inputValue(), 'tang');
  await page.locator('.gt-lr').fill('-1');
  await page.locator('.gt-start').click();
  assert.match(await message(page), /学习率必须是/);
  await page.locator('.gt-lr').fill('0.003');
  await page.locator('.gt-minutes').fill('1000');
  await page.locator('.gt-start').click();
  assert.match(await message(page), /分钟数必须是 0\.25 到 60/);
  await page.locator('.gt-minutes').fill('0.25');
  await page.locator('.gt-corpus').selectOption('paste');
  await page.locator('.gt-start').click();
  assert.match(await message(page), /先粘贴/);
  await page.locator('.gt-text').fill('床前明月光🌙');
  await page.locator('.gt-start').click();
  assert.equal(await settle(page), 'failed');
  assert.match(await message(page), /文本太短.*6 个可用字符/);
  const poems = '床前明月光，疑是地上霜。举头望明月，低头思故乡。🌙\n春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n';
  await page.locator('.gt-text').fill(poems.repeat(60));
  await page.locator('.gt-size').selectOption('tiny');
  await page.locator('.gt-start').click();
  assert.equal(await settle(page), 'done');
  const [first, last] = [await number(page, 'data-first-val'), await number(page, 'data-val')];
  assert.ok(last < first - 1, `held-out loss ${first} -> ${last}`);
  assert.match(await page.locator('.gt-facts').textContent(), /未经训练时/);
  assert.match(await page.locator('.gt-status').textContent(), /完成，用时/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: a learning rate of 1 blows training up, and the panel says so', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await page.locator('.gt-lr').fill('1');
  await page.locator('.gt-minutes').fill('0.25');
  await page.locator('.gt-start').click();
  assert.equal(await settle(page), 'failed');
  assert.match(await message(page), /blew up at step \d+.*too high/);
  // The controls are free again for a better setting.
  assert.equal(await page.locator('.gt-lr').isDisabled(), false);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a worker script that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'zh');
  await page.locator('.gt-start').click();
  await page.locator('.demo-panel[data-demo="gpt-train"][data-train-state="failed"]').waitFor({ timeout: 20000 });
  assert.match(await message(page), /后台线程无法启动/);
  await context.close();
});

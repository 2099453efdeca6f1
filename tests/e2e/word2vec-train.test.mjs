// Training word2vec in the page: on the shipped Wikipedia sample the loss falls
// and "january" finds other months; pasted Chinese text trains too; bad
// settings and empty text get messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/word2vec/vectors.html`);
  await page.locator('.demo-panel[data-demo="word2vec-train"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-demo="word2vec-train"][data-state="ready"]').waitFor({ timeout: 20000 });
}
const panel = (page) => page.locator('.demo-panel[data-demo="word2vec-train"]');
const settle = async (page) => {
  await page.locator('.demo-panel[data-demo="word2vec-train"][data-train-state="done"], .demo-panel[data-demo="word2vec-train"][data-train-state="failed"]').waitFor({ timeout: 120000 });
  return panel(page).getAttribute('data-train-state');
};

test('en: one epoch on the Wikipedia sample lowers the loss and groups the months', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await page.locator('.w2-start').click();
  assert.equal(await settle(page), 'done');
  const [first, last] = [Number(await panel(page).getAttribute('data-first-loss')), Number(await panel(page).getAttribute('data-loss'))];
  assert.ok(last < first, `loss ${first} -> ${last}`);
  await page.locator('.w2-word').fill('january');
  await page.locator('.w2-near').click();
  await page.locator('.w2-neighbours li').first().waitFor();
  const near = await page.locator('.w2-neighbours li').evaluateAll((li) => li.map((l) => l.dataset.word));
  const months = ['february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  assert.ok(near.filter((w) => months.includes(w)).length >= 2, near.join(' '));
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: pasted Chinese text trains; bad settings and empty text are explained', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.w2-dim').fill('0');
  await page.locator('.w2-start').click();
  assert.match(await page.locator('.w2 .demo-message').textContent(), /维度必须是/);
  await page.locator('.w2-dim').fill('10000');
  await page.locator('.w2-start').click();
  assert.match(await page.locator('.w2 .demo-message').textContent(), /10000/);
  await page.locator('.w2-dim').fill('20');
  await page.locator('.w2-corpus').selectOption('paste');
  await page.locator('.w2-start').click();
  assert.match(await page.locator('.w2 .demo-message').textContent(), /先粘贴/);
  const poem = '床前明月光，疑是地上霜。举头望明月，低头思故乡。🌙 春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n';
  await page.locator('.w2-text').fill(poem.repeat(200));
  await page.locator('.w2-min').fill('2');
  await page.locator('.w2-epochs').fill('2');
  await page.locator('.w2-start').click();
  assert.equal(await settle(page), 'done');
  assert.ok(Number(await panel(page).getAttribute('data-vocabulary')) >= 30);
  await page.locator('.w2-word').fill('月');
  await page.locator('.w2-near').click();
  await page.locator('.w2-neighbours li').first().waitFor();
  assert.equal(await page.locator('.w2-neighbours li').count(), 8);
  await page.locator('.w2-word').fill('猫');
  await page.locator('.w2-near').click();
  await page.waitForFunction(() => /不在/.test(document.querySelector('.w2 .demo-message').textContent));
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: the segmented People’s Daily corpus puts cities near cities and countries near countries', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.w2-corpus').selectOption('peoples-daily');
  await page.locator('.w2-start').click();
  assert.equal(await settle(page), 'done');
  const near = async (word) => {
    await page.locator('.w2-neighbours').evaluate((ol) => { ol.innerHTML = ''; });
    await page.locator('.w2-word').fill(word);
    await page.locator('.w2-near').click();
    await page.locator('.w2-neighbours li').first().waitFor();
    return page.locator('.w2-neighbours li').evaluateAll((li) => li.map((l) => l.dataset.word));
  };
  const cities = await near('北京');
  assert.ok(['南京', '天津', '上海', '广州', '成都', '重庆'].some((c) => cities.includes(c)), cities.join(' '));
  const countries = await near('美国');
  assert.ok(['英国', '日本', '俄罗斯', '德国', '法国'].filter((c) => countries.includes(c)).length >= 2, countries.join(' '));
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: 10 MB of pasted text is cut with a message; one repeated word is refused', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await page.locator('.w2-corpus').selectOption('paste');
  await page.locator('.w2-text').evaluate((el) => { el.value = 'the quick brown fox jumps over the lazy dog '.repeat(240000); });
  await page.locator('.w2-start').click();
  assert.match(await page.locator('.w2 .demo-message').textContent(), /first 2,000,000 characters/);
  // The page still answers while the worker trains.
  const t0 = Date.now();
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  assert.ok(Date.now() - t0 < 1000);
  await page.locator('.w2-reset').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'idle');
  // Same page, same worker: whatever the reset run still sends (it was busy
  // reading 2 MB of text) carries its old run number and is dropped.
  await page.locator('.w2-text').fill('again '.repeat(500));
  await page.locator('.w2-start').click();
  assert.equal(await settle(page), 'failed');
  assert.match(await page.locator('.w2 .demo-message').textContent(), /only 1 distinct words/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a worker script that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'zh');
  await page.locator('.w2-start').click();
  assert.equal(await settle(page), 'failed');
  assert.match(await panel(page).locator('.demo-message').textContent(), /后台线程无法启动/);
  await context.close();
});

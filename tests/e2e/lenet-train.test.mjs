// Training LeNet-5 in the page: a short real run reaches a stated accuracy
// without freezing the main thread; bad settings and divergence are
// explained; the trained model reaches the "draw a digit" demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

async function openDemo(page, lang = 'en') {
  await page.goto(`${server.url}${lang}/cnn/training.html`);
  await page.locator('.demo-panel[data-demo="lenet-train"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-state="ready"]').waitFor({ timeout: 20000 });
  // Record main-thread long tasks from now on.
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

const state = (page) => page.locator('.demo-panel').getAttribute('data-train-state');

async function settle(page, timeout = 120000) {
  await page.locator('.demo-panel[data-train-state="done"], .demo-panel[data-train-state="failed"]').waitFor({ timeout });
  return state(page);
}

for (const lang of ['en', 'zh']) {
  test(`${lang}: one epoch on 5,000 real digits passes 88% on the official test set`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await openDemo(page, lang);
    await page.locator('.lt-images').selectOption('5000');
    await page.locator('.lt-epochs').selectOption('1');
    await page.locator('.lt-start').click();
    assert.equal(await settle(page), 'done');
    const accuracy = Number(await page.locator('.lt-result').getAttribute('data-test-accuracy'));
    assert.ok(accuracy >= 0.88, `test accuracy ${accuracy}`);
    assert.match(await page.locator('.lt-result').textContent(), lang === 'en' ? /10,000 official MNIST/ : /官方测试图像/);
    // Charts: drawn at the screen's resolution, and described in words.
    const sharp = await page.locator('.lt-acc').evaluate((c) => Math.abs(c.width - c.clientWidth * devicePixelRatio) <= 1);
    assert.ok(sharp, 'the chart canvas matches its displayed size');
    const described = await page.locator('.lt-acc').getAttribute('aria-label');
    assert.match(described, lang === 'en' ? /validation accuracy 0\.(8|9)\d+/ : /验证准确率：轮 1\.00 处为 0\.(8|9)/);
    const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
    assert.ok(longest < 200, `a main-thread task took ${longest} ms`);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.foreign, []);

    // The model just trained is offered by the draw demo on the previous page.
    await page.goto(`${server.url}${lang}/cnn/lenet5.html`);
    await page.locator('.demo-panel[data-demo="lenet-draw"]').scrollIntoViewIfNeeded();
    await page.locator('.demo-panel[data-weights="loaded"]').waitFor({ timeout: 20000 });
    assert.equal(await page.locator('.ld-model').inputValue(), 'yours');
    await page.locator('.ld-sample').click();
    assert.equal(await page.locator('.ld-answer').getAttribute('data-digit'), '7');
    await context.close();
  });
}

test('a learning rate of 1e6 with the default Adam diverges, is stopped and explained; the page stays usable', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await openDemo(page);
  await page.locator('.lt-lr').fill('1e6');
  assert.equal(await page.locator('.lt-opt').inputValue(), 'adam');
  await page.locator('.lt-images').selectOption('1000');
  await page.locator('.lt-start').click();
  assert.equal(await settle(page), 'failed');
  assert.match(await page.locator('.demo-message').textContent(), /far above where it started/);
  // Fix it and train again in the same worker.
  await page.locator('.lt-lr').fill('0.01');
  await page.locator('.lt-opt').selectOption('sgd');
  await page.locator('.lt-epochs').selectOption('1');
  await page.locator('.lt-start').click();
  assert.equal(await settle(page), 'done');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('0.00001 learns slowly but does learn; a model that cannot read is not handed to the draw demo', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await openDemo(page);
  await page.locator('.lt-lr').fill('0.00001');
  await page.locator('.lt-images').selectOption('25000');
  await page.locator('.lt-epochs').selectOption('1');
  await page.locator('.lt-start').click();
  assert.equal(await settle(page), 'done');
  const accuracy = Number(await page.locator('.lt-result').getAttribute('data-test-accuracy'));
  // The chapter says: about half the test digits after one epoch.
  assert.ok(accuracy > 0.4 && accuracy < 0.65, `test accuracy ${accuracy}`);
  await page.waitForFunction(() => /keeps the model it had/.test(document.querySelector('.lt-handoff').textContent));
  assert.equal(await page.evaluate(() => sessionStorage.getItem('book-lenet-user-weights')), null);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('Pause pressed while the worker is still loading does not lose the Start', async () => {
  const { context, page, problems } = await guardedPage(browser);
  // Hold the worker script back so both presses land before it is ready.
  await page.route('**/demos/worker.js*', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await openDemo(page);
  await page.locator('.lt-images').selectOption('1000');
  await page.locator('.lt-epochs').selectOption('1');
  await page.locator('.lt-start').click();
  await page.locator('.lt-start').click(); // pause, before the worker is ready
  assert.equal(await state(page), 'paused');
  await page.waitForTimeout(2500);
  assert.equal(await page.locator('.lt-progress').evaluate((p) => p.value), 0, 'nothing trains while paused');
  await page.locator('.lt-start').click(); // resume
  assert.equal(await settle(page), 'done');
  const accuracy = Number(await page.locator('.lt-result').getAttribute('data-test-accuracy'));
  assert.ok(accuracy > 0.6, `test accuracy ${accuracy}`);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('bad settings get a message; pause holds progress; reset clears it', async () => {
  const { context, page } = await guardedPage(browser);
  await openDemo(page, 'zh');
  await page.locator('.lt-lr').fill('abc');
  await page.locator('.lt-start').click();
  assert.match(await page.locator('.demo-message').textContent(), /不是一个数字/);
  assert.equal(await state(page), 'idle');

  await page.locator('.lt-lr').fill('0.001');
  await page.locator('.lt-epochs').selectOption('10');
  await page.locator('.lt-start').click();
  await page.locator('.demo-panel[data-train-state="training"]').waitFor({ timeout: 20000 });
  await page.waitForFunction(() => document.querySelector('.lt-progress').value > 0.01);
  await page.locator('.lt-start').click(); // pause
  assert.equal(await state(page), 'paused');
  await page.waitForTimeout(400);
  const held = await page.locator('.lt-progress').evaluate((p) => p.value);
  await page.waitForTimeout(800);
  assert.equal(await page.locator('.lt-progress').evaluate((p) => p.value), held, 'no progress while paused');
  await page.locator('.lt-reset').click();
  assert.equal(await state(page), 'idle');
  assert.equal(await page.locator('.lt-progress').evaluate((p) => p.value), 0);
  await context.close();
});

test('a worker script that fails to load is explained; the panel stays usable', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await openDemo(page);
  await page.locator('.lt-images').selectOption('1000');
  await page.locator('.lt-start').click();
  await page.waitForFunction(() => /could not start/.test(document.querySelector('.demo-message').textContent));
  assert.notEqual(await state(page), 'training');
  // The rest of the panel still answers.
  await page.locator('.lt-lr').fill('abc');
  await page.locator('.lt-start').click();
  await page.waitForFunction(() => /not a number/.test(document.querySelector('.demo-message').textContent));
  await context.close();
});

test('switching to another tab mid-training does not stop or break it', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await openDemo(page);
  await page.locator('.lt-images').selectOption('5000');
  await page.locator('.lt-epochs').selectOption('1');
  await page.locator('.lt-start').click();
  await page.locator('.demo-panel[data-train-state="training"]').waitFor({ timeout: 20000 });
  const other = await context.newPage();
  await other.goto(`${server.url}en/introduction.html`);
  await other.bringToFront();
  await other.waitForTimeout(1500);
  await page.bringToFront();
  assert.equal(await settle(page), 'done');
  const accuracy = Number(await page.locator('.lt-result').getAttribute('data-test-accuracy'));
  assert.ok(accuracy >= 0.85, `test accuracy ${accuracy}`);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: data that fails to load is explained in Chinese, even from the worker', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/data/mnist/train-30k-images*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await openDemo(page, 'zh');
  await page.locator('.lt-images').selectOption('1000');
  await page.locator('.lt-start').click();
  assert.equal(await settle(page), 'failed');
  const message = await page.locator('.demo-message').textContent();
  assert.match(message, /训练无法进行：train-30k-images\.idx3-ubyte\.gz：服务器回答 HTTP 404/);
  assert.doesNotMatch(message, /[A-Za-z]{5,} [a-z]{3,}/, `no English sentence: ${message}`);
  await context.close();
});

// A demo's settings travel in the page's address: a shared link opens the
// demo as it was, and changing the demo updates the address (without adding
// history entries or touching the section anchor).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('conv-kernel: a link opens the same digit, kernel and window position', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await page.goto(`${server.url}en/cnn/convolution.html?conv-kernel.digit=3&conv-kernel.kernel=vertical&conv-kernel.at=5-7#pooling-keep-the-strongest-answer-nearby`);
  await page.locator('.demo-panel[data-demo="conv-kernel"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-state="ready"]').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('.cv-preset').inputValue(), 'vertical');
  assert.equal(await page.locator('.cv-digit[data-index="3"]').getAttribute('aria-pressed'), 'true');
  assert.match(await page.locator('.demo-panel').textContent(), /row 6, column 8/);
  // Moving the window rewrites the address, keeping the anchor and history length.
  const length = await page.evaluate(() => history.length);
  await page.locator('.cv-next').click();
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('conv-kernel.at'), '5-8');
  assert.equal(url.searchParams.get('conv-kernel.kernel'), 'vertical');
  assert.equal(url.hash, '#pooling-keep-the-strongest-answer-nearby');
  assert.equal(await page.evaluate(() => history.length), length);
  // Nonsense in a link is ignored, not obeyed.
  await page.goto(`${server.url}en/cnn/convolution.html?conv-kernel.digit=99&conv-kernel.kernel=1,2,x&conv-kernel.at=900-1`);
  await page.locator('.demo-panel[data-demo="conv-kernel"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-state="ready"]').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('.cv-preset').inputValue(), 'edge');
  assert.match(await page.locator('.demo-panel').textContent(), /row 1, column 1/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('lenet-train: shared settings fill the controls; Start writes them to the address', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await page.goto(`${server.url}zh/cnn/training.html?lenet-train.lr=0.01&lenet-train.opt=sgd&lenet-train.batch=bogus&lenet-train.epochs=1`);
  await page.locator('.demo-panel[data-demo="lenet-train"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-state="ready"]').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('.lt-lr').inputValue(), '0.01');
  assert.equal(await page.locator('.lt-opt').inputValue(), 'sgd');
  assert.equal(await page.locator('.lt-batch').inputValue(), '32', 'a value that is not an option is ignored');
  await page.locator('.lt-images').selectOption('1000');
  await page.locator('.lt-start').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('lenet-train.images') === '1000');
  const params = new URL(page.url()).searchParams;
  assert.equal(params.get('lenet-train.lr'), '0.01');
  assert.equal(params.get('lenet-train.batch'), '32');
  await page.locator('.demo-panel[data-train-state="done"]').waitFor({ timeout: 60000 });
  assert.deepEqual(problems.errors, []);
  await context.close();
});

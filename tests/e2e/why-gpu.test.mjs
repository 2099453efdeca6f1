// The "why GPUs" page: the multiply-add counts come from the model, and the
// three ways of running C3 compute identical numbers. (How fast each is, is a
// benchmark's business: see ./dev bench.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

for (const lang of ['en', 'zh']) {
  test(`${lang}: counts LeNet-5's multiply-adds and times C3 three ways with equal results`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await page.goto(`${server.url}${lang}/cnn/gpus.html`);
    await page.locator('.demo-panel[data-demo="why-gpu"]').scrollIntoViewIfNeeded();
    await page.locator('.demo-panel[data-state="ready"]').waitFor({ timeout: 20000 });
    assert.equal(await page.locator('.wg-total').getAttribute('data-total'), '416520');
    assert.deepEqual(await page.locator('.wg-n').allTextContents(), ['117,600', '240,000', '48,000', '10,080', '840']);
    await page.locator('.wg-run').click();
    await page.locator('.demo-panel[data-bench="done"], .demo-panel[data-bench="failed"]').waitFor({ timeout: 90000 });
    assert.equal(await page.locator('.demo-panel').getAttribute('data-bench'), 'done', await page.locator('.demo-message').textContent());
    for (const config of ['scalar', 'simd', 'workers']) {
      const ms = Number(await page.locator(`tr[data-config="${config}"]`).getAttribute('data-ms'));
      assert.ok(ms > 0 && Number.isFinite(ms), `${config}: ${ms} ms`);
    }
    assert.match(await page.locator('.wg-status').textContent(), lang === 'en' ? /identical/ : /完全相同/);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.foreign, []);
    await context.close();
  });
}

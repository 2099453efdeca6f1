// The book as a whole: the landing page picks the reader's language, and the
// language button lands on the same page in the other language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

for (const [locale, lang] of [['zh-CN', 'zh'], ['en-US', 'en'], ['de-DE', 'en']]) {
  test(`landing page sends a ${locale} reader to /${lang}/`, async () => {
    const { context, page, problems } = await guardedPage(browser, { locale });
    await page.goto(server.url);
    await page.waitForURL(new RegExp(`/${lang}/$`));
    assert.equal(await page.getAttribute('html', 'lang'), lang === 'zh' ? 'zh-CN' : 'en');
    assert.deepEqual(problems.foreign, []);
    await context.close();
  });
}

test('the language button opens the same page in the other language', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await page.goto(`${server.url}en/cnn/convolution.html`);
  await page.locator('.lang-switch').click();
  await page.waitForURL(/\/zh\/cnn\/convolution\.html$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.locator('main h1').first().textContent(), /卷积/);
  await page.locator('.lang-switch').click();
  await page.waitForURL(/\/en\/cnn\/convolution\.html$/);
  assert.equal(await page.locator('.lang-switch').textContent(), '中文');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

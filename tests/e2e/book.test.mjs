// The book as a whole: the landing page picks the reader's language, the
// language button lands on the same page in the other language, and search
// finds words in both languages.
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

async function search(page, query, open = true) {
  if (open) await page.locator('#mdbook-search-toggle').click();
  await page.locator('#mdbook-searchbar').fill(query);
  await page.locator('#mdbook-searchbar').press('End'); // mdBook searches on keyup
  await page.locator('#mdbook-searchresults li').first().waitFor({ timeout: 10000 });
  return page.locator('#mdbook-searchresults li');
}

for (const [lang, query, page_, shown] of [
  ['zh', '卷积', 'cnn/convolution.html', '卷积'],
  ['zh', '负样本', 'word2vec/vectors.html', '负样本'],
  ['zh', '反向 传播', 'cnn/training.html', '反向'],
  ['en', 'convolution', 'cnn/convolution.html', 'convolution'],
]) {
  test(`${lang}: searching for "${query}" finds ${page_}`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await page.goto(`${server.url}${lang}/introduction.html`);
    const results = await search(page, query);
    const links = await results.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.some((h) => h.includes(page_)), links.join(' '));
    const marked = await results.locator('em').allTextContents();
    assert.ok(marked.some((m) => m.toLowerCase().includes(shown)), `highlighted: ${marked.join(' ')}`);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });
}

test('zh: a Chinese query with no match says so, and an English word still works', async () => {
  const { context, page } = await guardedPage(browser);
  await page.goto(`${server.url}zh/introduction.html`);
  await page.locator('#mdbook-search-toggle').click();
  assert.equal(await page.locator('#mdbook-searchbar').getAttribute('placeholder'), '搜索本书……');
  await page.locator('#mdbook-searchbar').fill('量子纠缠');
  await page.locator('#mdbook-searchbar').press('End');
  await page.waitForFunction(() => /没有找到与“量子纠缠”相关的内容/.test(document.querySelector('#mdbook-searchresults-header').textContent));
  assert.equal(await page.locator('#mdbook-searchresults li').count(), 0);
  const results = await search(page, 'LeNet', false);
  assert.ok(await results.count() > 0);
  assert.match(await page.locator('#mdbook-searchresults-header').textContent(), /^找到 \d+ 处与“LeNet”相关的内容：$/);
  await context.close();
});

// The book as a whole: the landing page picks the reader's language, the
// language button lands on the same page in the other language, and search
// finds words in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bookPages, startServer, launch, guardedPage } from './harness.mjs';

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
  ['zh', '余弦相似度', 'glossary.html', '余弦相似度'],
  ['en', 'backpropagation', 'glossary.html', 'backpropagation'],
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

test('arrow keys pressed in a demo stay in the demo (mdBook would turn the page)', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await page.goto(`${server.url}en/cnn/convolution.html`);
  const panel = page.locator('.demo-panel[data-demo="conv-kernel"]');
  await panel.scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-state="ready"]').waitFor({ timeout: 20000 });
  await panel.locator('button').first().focus();
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowRight']) await page.keyboard.press(key);
  await page.waitForTimeout(300);
  assert.match(page.url(), /\/en\/cnn\/convolution\.html/);
  // Outside a demo, mdBook's own shortcut still works.
  await page.locator('main h1').first().click();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL((u) => !/convolution\.html/.test(String(u)));
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh pages have no stray spaces between Chinese characters', async () => {
  const { context, page } = await guardedPage(browser);
  for (const p of bookPages()) {
    await page.goto(`${server.url}zh/${p}`);
    const bad = await page.evaluate(() => {
      const cjk = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
      const re = new RegExp(`${cjk}\\s+${cjk}`);
      const found = [];
      for (const el of document.querySelectorAll('main p, main li, main td, main h1, main h2, main h3')) {
        const m = re.exec(el.textContent);
        if (m) found.push(el.textContent.slice(Math.max(0, m.index - 8), m.index + 10));
      }
      return found;
    });
    assert.deepEqual(bad, [], `${p}: ${bad.join(' | ')}`);
  }
  await context.close();
});

// `**强调。**` followed by more Chinese is not emphasis in CommonMark (the
// closing ** follows punctuation and precedes a letter): it shows as
// asterisks. Chinese pages write <strong> there instead; this finds any left.
test('no page shows Markdown asterisks where bold was meant', async () => {
  const { context, page } = await guardedPage(browser);
  for (const lang of ['en', 'zh']) {
    for (const p of bookPages()) {
      await page.goto(`${server.url}${lang}/${p}`);
      const bad = await page.evaluate(() => [...document.querySelectorAll('main p, main li, main td, main h1, main h2, main h3')]
        .filter((el) => !el.closest('pre, code') && /\*\*/.test([...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')))
        .map((el) => el.textContent.slice(0, 30)));
      assert.deepEqual(bad, [], `${lang}/${p}: ${bad.join(' | ')}`);
    }
  }
  await context.close();
});

test('the language button keeps the section the reader is in', async () => {
  const { context, page } = await guardedPage(browser);
  await page.goto(`${server.url}en/cnn/training.html`);
  const ids = await page.locator('main h2').evaluateAll((hs) => hs.map((h) => h.id));
  await page.goto(`${server.url}en/cnn/training.html#${ids[2]}`);
  await page.locator('.lang-switch').click();
  await page.waitForURL(/\/zh\/cnn\/training\.html#/);
  const zhIds = await page.locator('main h2').evaluateAll((hs) => hs.map((h) => h.id));
  assert.equal(decodeURIComponent(new URL(page.url()).hash.slice(1)), zhIds[2]);
  await context.close();
});

test('formulas are typeset at build time and drawn with KaTeX fonts from the book itself', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await page.goto(`${server.url}en/cnn/training.html`);
  assert.ok(await page.locator('main .katex-display').count() >= 1);
  assert.ok(await page.locator('main .katex').count() >= 6);
  await page.locator('main .katex-display').first().scrollIntoViewIfNeeded();
  await page.evaluate(() => document.fonts.ready);
  assert.ok(await page.evaluate(() => document.fonts.check('16px KaTeX_Main')), 'KaTeX_Main loaded');
  assert.ok(problems.requests.some((p) => /\/fonts\/KaTeX_Main-Regular-[0-9a-f]+\.woff2$/.test(p)), problems.requests.join(' '));
  assert.deepEqual(problems.foreign, []);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

for (const [lang, heading] of [['zh', '找不到这一页'], ['en', 'Page not found']]) {
  test(`${lang}: a mistyped address gets the book's own 404 page, styled, in its language`, async () => {
    const { context, page } = await guardedPage(browser);
    const failed = [];
    page.on('response', (r) => { if (r.status() >= 400 && !/nope/.test(r.url())) failed.push(r.url()); });
    const response = await page.goto(`${server.url}${lang}/cnn/nope.html`);
    assert.equal(response.status(), 404);
    assert.equal(await page.locator('main h1').textContent(), heading);
    assert.equal(await page.getAttribute('html', 'lang'), lang === 'zh' ? 'zh-CN' : 'en');
    assert.deepEqual(failed, [], 'every stylesheet and script of the 404 page loads');
    assert.equal(await page.locator('.lang-switch').count(), 1);
    if (lang === 'zh') assert.equal(await page.locator('#mdbook-theme-light').textContent(), '浅色');
    await context.close();
  });
}

// The glossary hook ({{#term}}): a term links to its own row of the glossary
// in the page's language, with the definition as its tooltip.
for (const [lang, name, definition] of [['en', 'DPO', /frozen copy/], ['zh', 'DPO', /冻结的模型副本/]]) {
  test(`${lang}: a glossary term in a chapter opens its row of the glossary`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await page.goto(`${server.url}${lang}/useful/chatgpt.html`);
    const term = page.locator('main a.term', { hasText: name }).first();
    assert.match(await term.getAttribute('title'), definition);
    await term.click();
    await page.waitForURL(new RegExp(`/${lang}/glossary\\.html#term-dpo$`));
    const row = page.locator('tr', { has: page.locator('#term-dpo') });
    assert.match(await row.textContent(), definition);
    assert.ok(await page.locator('#term-dpo').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }), 'the row is scrolled into view');
    assert.deepEqual(problems.errors, []);
    await context.close();
  });
}

// axe-core (npm axe-core 4.14.1) on every page, with every demo loaded:
// no serious or critical violations, in the default theme and the preferred
// dark theme for both languages, and in the other three themes on the pages
// with the most code, tables and demo text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bookPages, startServer, launch, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

// Every page in the table of contents: a new chapter is checked without being listed here.
const PAGES = bookPages();

async function violations(theme, lang, path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((t) => localStorage.setItem('mdbook-theme', t), theme);
  await page.goto(`${server.url}${lang}/${path}`);
  for (const panel of await page.locator('.demo-panel').all()) {
    await panel.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => ['ready', 'error'].includes(el.getAttribute('data-state')), await panel.elementHandle(), { timeout: 20000 });
  }
  await page.waitForTimeout(300); // first draws after mount
  await page.addScriptTag({ path: `${ROOT}node_modules/axe-core/axe.min.js` });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  await context.close();
  return found;
}

for (const theme of ['light', 'navy']) {
  for (const lang of ['en', 'zh']) {
    test(`${lang}, ${theme} theme: no serious or critical accessibility problems on any page`, async () => {
      for (const path of PAGES) assert.deepEqual(await violations(theme, lang, path), [], path);
    });
  }
}

test('coal, ayu and rust themes: none either on the pages with the most code, tables and numbers', async () => {
  for (const theme of ['coal', 'ayu', 'rust']) {
    for (const path of ['cnn/convolution.html', 'cnn/lenet5.html', 'word2vec/vectors.html']) {
      assert.deepEqual(await violations(theme, 'en', path), [], `${theme} ${path}`);
    }
  }
});

test('every canvas in every demo has a text alternative', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const lang of ['en', 'zh']) {
    for (const path of PAGES) {
      await page.goto(`${server.url}${lang}/${path}`);
      for (const panel of await page.locator('.demo-panel').all()) {
        await panel.scrollIntoViewIfNeeded();
        await page.waitForFunction((el) => ['ready', 'error'].includes(el.getAttribute('data-state')), await panel.elementHandle(), { timeout: 20000 });
      }
      const bare = await page.evaluate(() => [...document.querySelectorAll('.demo-panel canvas')]
        .filter((c) => !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby')
          && !c.closest('[role="img"][aria-label], [role="group"][aria-label], button[aria-label], [role="button"][aria-label]'))
        .map((c) => c.className));
      assert.deepEqual(bare, [], `${lang}/${path}`);
    }
  }
  await context.close();
});

// On a 390-px-wide phone every demo fits its panel: nothing sticks out
// sideways (which would make the whole page scroll left and right).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bookDemos, startServer, launch } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

// Every demo of every page in the table of contents.
const DEMOS = bookDemos();

for (const lang of ['en', 'zh']) {
  test(`${lang}: every demo fits a 390-px phone screen`, async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    for (const [path, demo] of DEMOS) {
      await page.goto(`${server.url}${lang}/${path}`);
      await page.locator(`.demo-panel[data-demo="${demo}"]`).scrollIntoViewIfNeeded();
      await page.locator(`.demo-panel[data-demo="${demo}"][data-state="ready"]`).waitFor({ timeout: 20000 });
      const outside = await page.evaluate((demo) => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll(`.demo-panel[data-demo="${demo}"] *`)]
          .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > width + 1 || r.left < -1); })
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      }, demo);
      assert.deepEqual(outside, [], `${demo} on ${path}`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, `${path} scrolls sideways`);
    }
    await context.close();
  });
}

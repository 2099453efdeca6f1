// The convolution demo in both languages: the numbers on the page must be the
// ones the Rust library computes natively, bad input must give a message, and
// nothing may load from another host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage, native } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const LABELS = {
  en: { lang: 'en', clear: 'Clear and draw your own', blank: 'The canvas is blank', bad: 'is not a number', clamp: 'clamped' },
  zh: { lang: 'zh-CN', clear: '清空，自己画', blank: '画布是空白的', bad: '不是数字', clamp: '截断' },
};
const POSITIONS = [[0, 0], [5, 7], [12, 13], [20, 9], [25, 25]];

async function openDemo(page, base, lang) {
  await page.goto(`${base}${lang}/cnn/convolution.html`);
  const panel = page.locator('.demo-panel[data-demo="conv-kernel"]');
  await panel.scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-state="ready"]').waitFor({ timeout: 20000 });
  return panel;
}

async function moveTo(page, r, c) {
  await page.locator('.cv-pos').evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, r * 26 + c);
}

async function shown(page) {
  return page.evaluate(() => ({
    row: Number(document.querySelector('.cv-where').dataset.row),
    col: Number(document.querySelector('.cv-where').dataset.col),
    value: document.querySelector('.cv-sum').dataset.value,
    text: document.querySelector('.cv-sum').textContent,
    pool: document.querySelector('.cv-pool-math').dataset.value,
    products: [...document.querySelectorAll('.cv-term')].map((t) => t.dataset.product),
    pixels: [...document.querySelectorAll('.cv-term')].map((t) => t.dataset.pixel),
    message: document.querySelector('.demo-message').textContent,
  }));
}

for (const lang of ['en', 'zh']) {
  test(`${lang}: edge kernel on test digit #1 shows the native numbers`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await openDemo(page, server.url, lang);
    const L = LABELS[lang];
    assert.equal(await page.getAttribute('html', 'lang'), L.lang);
    assert.equal(await page.locator('.cv-clear').textContent(), L.clear, 'labels follow the page language');

    await page.locator('.cv-digit[data-index="1"]').click(); // official test image #1, a 2
    await page.locator('.cv-preset').selectOption('edge');
    const expected = native(1, 'edge', POSITIONS);
    assert.equal(expected.label, 2);
    for (const w of expected.windows) {
      await moveTo(page, w.row, w.col);
      const s = await shown(page);
      assert.deepEqual([s.row, s.col], [w.row, w.col]);
      assert.equal(s.value, w.value, `sum at (${w.row}, ${w.col})`);
      assert.ok(Math.abs(Number(s.text) - Number(w.value)) <= 0.005 + 1e-9, `shown ${s.text} vs ${w.value}`);
      assert.deepEqual(s.products, w.products, `products at (${w.row}, ${w.col})`);
      assert.deepEqual(s.pixels, w.pixels);
      assert.equal(s.pool, w.pool, `pooled max at (${w.row}, ${w.col})`);
    }
    // Somewhere on this digit the edge kernel must answer strongly.
    assert.ok(expected.map.some((v) => Math.abs(Number(v)) > 1));

    // The keyboard moves the window: ArrowDown is one row down.
    await moveTo(page, 5, 7);
    await page.locator('.cv-next').focus();
    await page.keyboard.press('ArrowDown');
    const down = await shown(page);
    assert.deepEqual([down.row, down.col], [6, 7]);
    assert.equal(down.value, expected.map[6 * 26 + 7]);

    assert.deepEqual(problems.errors, [], 'no console errors');
    assert.deepEqual(problems.foreign, [], 'no request leaves 127.0.0.1');
    await context.close();
  });

  test(`${lang}: bad kernel cells and a blank canvas give messages, drawing works`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await openDemo(page, server.url, lang);
    const L = LABELS[lang];
    const first = page.locator('.cv-k').first();
    await first.fill('abc');
    let s = await shown(page);
    assert.match(s.message, new RegExp(L.bad));
    assert.ok(await first.evaluate((el) => el.classList.contains('cv-bad')));
    assert.equal(await page.locator('.cv-preset').inputValue(), 'custom');
    await first.fill('1e30');
    s = await shown(page);
    assert.match(s.message, new RegExp(L.clamp));
    await first.fill('NaN');
    assert.match((await shown(page)).message, new RegExp(L.bad));
    await first.fill('-1');
    assert.equal((await shown(page)).message, '');

    await page.locator('.cv-clear').click();
    s = await shown(page);
    assert.match(s.message, new RegExp(L.blank));
    assert.equal(s.value, '0');

    // Draw a stroke with the pointer; the map must respond and the hint go away.
    const box = await page.locator('.cv-input').boundingBox();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.8, { steps: 12 });
    await page.mouse.up();
    s = await shown(page);
    assert.equal(s.message, '');
    await moveTo(page, 10, 12);
    s = await shown(page);
    assert.ok(s.pixels.some((p) => Number(p) > 0.5), 'the stroke is under the window');

    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.foreign, []);
    await context.close();
  });
}

test('the demo loads only when scrolled to, and a failed fetch is explained in the panel', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await page.goto(`${server.url}en/cnn/convolution.html`);
  const top = await page.locator('.demo-panel').evaluate((el) => el.getBoundingClientRect().top);
  if (top > 900 + 250) {
    await page.waitForTimeout(300);
    assert.ok(!problems.requests.some((p) => p.endsWith('.wasm')), 'no wasm before the panel is near');
  }
  await context.close();

  const broken = await guardedPage(browser);
  await broken.page.route('**/conv-kernel_bg.wasm', (route) => route.abort());
  await broken.page.goto(`${server.url}zh/cnn/convolution.html`);
  await broken.page.locator('.demo-panel').scrollIntoViewIfNeeded();
  await broken.page.locator('.demo-panel[data-state="error"]').waitFor({ timeout: 20000 });
  const text = await broken.page.locator('.demo-panel .demo-error').textContent();
  assert.match(text, /演示无法启动/);
  await broken.context.close();
});

test('theme switch recolours the demo', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await openDemo(page, server.url, 'en');
  const corner = () => page.locator('.cv-input').evaluate((c) =>
    Array.from(c.getContext('2d').getImageData(275, 4, 1, 1).data.slice(0, 3)));
  const light = await corner();
  await page.locator('#mdbook-theme-toggle').click();
  await page.locator('#mdbook-theme-coal').click();
  await page.waitForFunction(() => document.documentElement.classList.contains('coal'));
  await page.waitForTimeout(200);
  const dark = await corner();
  assert.ok(light[0] > 200 && dark[0] < 100, `background ${light} -> ${dark}`);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

// LeNet-5 in the page: real MNIST test digits drawn with the pointer must be
// read correctly in both languages; a blank pad gives a hint; a broken
// weights file gives a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/** The shipped official test digits (IDX), as {label, pixels}. */
function testDigits() {
  const images = readFileSync(`${ROOT}assets/data/mnist-test-sample-images.idx3-ubyte`);
  const labels = readFileSync(`${ROOT}assets/data/mnist-test-sample-labels.idx1-ubyte`);
  const n = labels.readUInt32BE(4);
  return Array.from({ length: n }, (_, i) => ({
    label: labels[8 + i],
    pixels: images.subarray(16 + 784 * i, 16 + 784 * (i + 1)),
  }));
}

/** Traces a digit's ink row by row with mouse drags on the pad. */
async function drawDigit(page, digit) {
  await page.locator('.ld-pad').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await page.locator('.ld-pad').boundingBox();
  const cell = box.width / 28;
  const at = (x, y) => [box.x + (x + 0.5) * cell, box.y + (y + 0.5) * cell];
  for (let y = 0; y < 28; y++) {
    let x = 0;
    while (x < 28) {
      if (digit.pixels[y * 28 + x] < 128) { x++; continue; }
      const start = x;
      while (x < 28 && digit.pixels[y * 28 + x] >= 128) x++;
      await page.mouse.move(...at(start, y));
      await page.mouse.down();
      await page.mouse.move(...at(x - 1, y), { steps: 2 });
      await page.mouse.up();
    }
  }
}

async function openDemo(page, lang) {
  await page.goto(`${server.url}${lang}/cnn/lenet5.html`);
  await page.locator('.demo-panel[data-demo="lenet-draw"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-weights="loaded"]').waitFor({ timeout: 20000 });
}

const answer = (page) => page.locator('.ld-answer').getAttribute('data-digit');

for (const lang of ['en', 'zh']) {
  test(`${lang}: digits drawn with the pointer are read correctly`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await openDemo(page, lang);
    const blank = await page.locator('.demo-message').textContent();
    assert.match(blank, lang === 'en' ? /Draw a digit/ : /写一个数字/);
    assert.equal(await answer(page), null, 'no prediction for a blank pad');

    const digits = testDigits().slice(0, 6); // official test images #0–#5: 7 2 1 0 4 1
    for (const d of digits) {
      await page.locator('.ld-clear').click();
      await drawDigit(page, d);
      assert.equal(await answer(page), String(d.label), `drew a ${d.label}`);
      const p = Number(await page.locator(`.ld-bar[data-digit="${d.label}"]`).getAttribute('data-p'));
      assert.ok(p > 0.5, `probability of ${d.label} is ${p}`);
    }
    assert.equal(await page.locator('.ld-row').count(), 7, 'every layer is shown');
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.foreign, []);
    await context.close();
  });
}

test('zh: a digit drawn with the keyboard alone is read (Space lowers the pen, arrows move it)', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await openDemo(page, 'zh');
  assert.match(await page.locator('.ld-pad').getAttribute('aria-label'), /空格键落笔/);
  await page.locator('.ld-pad').focus();
  // A 1: from the top middle straight down.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('.ld-cursor').isVisible(), true, 'the pen shows where it is');
  assert.equal(await answer(page), null, 'moving the lifted pen draws nothing');
  await page.keyboard.press('Space');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  assert.equal(await answer(page), '1');
  // The keys stayed in the demo: the page neither scrolled nor turned.
  assert.match(page.url(), /cnn\/lenet5\.html$/);
  await page.locator('.ld-clear').click();
  assert.equal(await answer(page), null);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('a weights file that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/lenet5.safetensors', (route) => route.fulfill({ status: 200, body: 'not weights' }));
  await page.goto(`${server.url}en/cnn/lenet5.html`);
  await page.locator('.demo-panel[data-demo="lenet-draw"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-weights="failed"]').waitFor({ timeout: 20000 });
  assert.match(await page.locator('.demo-message').textContent(), /could not be loaded: not a valid weights file/);
  await context.close();
});

// The timeline page: every milestone in both languages, each linking to its
// chapter; zoom by buttons and keys; arrow keys step between entries (and
// never turn the page); entries never overlap at any zoom.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/** Pairs of entries whose boxes intersect (there should be none). */
function overlaps(page) {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.timeline-event')].map((li) => [li.querySelector('a').textContent, li.getBoundingClientRect()]);
    const bad = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) bad.push(`${a} / ${b}`);
      }
    }
    return bad;
  });
}

for (const [lang, first, chatgpt, zoomIn] of [
  ['en', 'More is different', '30 Nov 2022', 'Zoom in'],
  ['zh', '多者异也', '2022 年 11 月 30 日', '放大'],
]) {
  test(`${lang}: the timeline runs from 1972 to 2025, zooms and links to its chapters`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await page.goto(`${server.url}${lang}/timeline.html`);
    const entries = page.locator('.timeline-event');
    assert.equal(await entries.count(), 28);
    assert.equal(await entries.first().locator('a').textContent(), first);
    assert.match(await entries.first().locator('time').textContent(), /^1972/);
    assert.match(await entries.last().locator('time').textContent(), /^(Jul 2025|2025 年 7 月)$/);
    assert.ok(await page.locator(`.timeline-event time:text-is("${chatgpt}")`).count() === 1);

    // Later entries sit further right; nothing overlaps, zoomed out or in.
    const left = (i) => entries.nth(i).evaluate((li) => li.getBoundingClientRect().left);
    assert.ok(await left(3) < await left(10), 'LeNet-5 (1998) is left of AlphaGo (2016)');
    assert.deepEqual(await overlaps(page), []);
    // Zoomed out, an entry shows its note when it has the focus.
    const note = entries.nth(4).locator('.timeline-note');
    assert.ok((await note.boundingBox()).width < 2, 'notes are folded away when zoomed out');
    await entries.nth(4).locator('a').focus();
    assert.ok((await note.boundingBox()).width > 100, 'the focused entry shows its note');
    assert.match(await note.textContent(), /16,000/);
    const width = () => page.locator('.timeline-canvas').evaluate((c) => c.offsetWidth);
    const whole = await width();
    await page.getByRole('button', { name: zoomIn }).click();
    await page.getByRole('button', { name: zoomIn }).click();
    assert.equal(await page.locator('.timeline-zoom output').textContent(), '2.25×');
    assert.ok(await width() > 2 * whole * 0.9, 'zooming in widens the axis');
    assert.deepEqual(await overlaps(page), []);

    // Keyboard: + and − zoom, 0 resets, arrows move between entries, not pages.
    await entries.nth(5).locator('a').focus();
    await page.keyboard.press('+');
    assert.equal(await page.locator('.timeline-zoom output').textContent(), '3.5×');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.querySelector('time').getAttribute('datetime')), '2015', 'AlexNet → word2vec → the TPU');
    await page.keyboard.press('ArrowLeft');
    assert.match(page.url(), new RegExp(`/${lang}/timeline\\.html$`));
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), await entries.last().locator('a').textContent());
    assert.deepEqual(await overlaps(page), []);
    await page.keyboard.press('0');
    assert.equal(await page.locator('.timeline-zoom output').textContent(), '1×');
    assert.equal(await width(), whole);

    // Each entry opens the chapter that tells it, in the same language.
    await page.locator('.timeline-event a', { hasText: 'ResNet' }).click();
    await page.waitForURL(new RegExp(`/${lang}/deep/resnet\\.html$`));
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.foreign, []);
    await context.close();
  });
}

test('on a phone the timeline scrolls sideways inside its box, not the page', async () => {
  const { context, page, problems } = await guardedPage(browser, { viewport: { width: 390, height: 800 } });
  await page.goto(`${server.url}en/timeline.html`);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const sizes = await page.evaluate(() => {
    const s = document.querySelector('.timeline-scroll');
    return { page: document.documentElement.scrollWidth, view: innerWidth, inner: s.scrollWidth, box: s.clientWidth };
  });
  assert.ok(sizes.page <= sizes.view, JSON.stringify(sizes));
  assert.ok(sizes.inner > sizes.box, JSON.stringify(sizes));
  assert.deepEqual(await overlaps(page), []);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

// Word vectors in the page: the analogy box answers "queen", presets and
// neighbours work, unknown words get suggestions, and the Google analogy score
// computed in the page matches the one the native test checks (about 52%).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/word2vec/vectors.html`);
  await page.locator('.demo-panel[data-demo="word-vectors"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-words="loaded"]').waitFor({ timeout: 20000 });
}
const first = (page) => page.locator('.wv-answers li').first().getAttribute('data-word');

for (const lang of ['en', 'zh']) {
  test(`${lang}: king − man + woman = queen; presets, neighbours, unknown words`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await open(page, lang);
    assert.equal(await first(page), 'queen');
    assert.equal(await page.locator('.wv-answers li').count(), 10);
    const scores = await page.locator('.wv-answers .wv-cos').allTextContents();
    assert.ok(scores.every((s) => Number(s) <= 1), `a cosine is at most 1: ${scores.join(' ')}`);
    await page.locator('.wv-preset').selectOption('capitals');
    assert.equal(await first(page), 'rome');
    const words = await page.locator('.wv-answers li').evaluateAll((li) => li.map((l) => l.dataset.word));
    assert.ok(!words.includes('paris') && !words.includes('france') && !words.includes('italy'), 'query words are excluded');

    await page.locator('.wv-a').fill('qeen');
    await page.locator('.wv-go').click();
    assert.match(await page.locator('.demo-message').textContent(), /queen/);
    assert.equal(await page.locator('.wv-answers li').count(), 0);
    await page.locator('.wv-a').fill('猫');
    await page.locator('.wv-go').click();
    assert.match(await page.locator('.demo-message').textContent(), lang === 'en' ? /English only/ : /只有英文/);
    await page.locator('.wv-a').fill('');
    await page.locator('.wv-go').click();
    assert.match(await page.locator('.demo-message').textContent(), lang === 'en' ? /Type a word/ : /每个框/);

    await page.locator('.wv-word').fill('x'.repeat(5000));
    await page.locator('.wv-near-go').click();
    assert.ok((await page.locator('.demo-message').textContent()).length < 400, 'a huge word is cut short in the message');
    await page.locator('.wv-word').fill('january');
    await page.locator('.wv-near-go').click();
    const near = await page.locator('.wv-neighbours li').evaluateAll((li) => li.map((l) => l.dataset.word));
    assert.ok(near.includes('february') || near.includes('march'), near.join(' '));
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.foreign, []);
    await context.close();
  });
}

test('the Google analogy test scored in the page covers 12,042 questions at about 52%', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await page.locator('.wv-score').click();
  await page.locator('.wv-score-text[data-accuracy]').waitFor({ timeout: 120000 });
  const el = page.locator('.wv-score-text');
  assert.equal(await el.getAttribute('data-covered'), '12042');
  const accuracy = Number(await el.getAttribute('data-accuracy'));
  assert.ok(Math.abs(accuracy - 0.521) < 0.01, `accuracy ${accuracy}`);
  assert.equal(await page.locator('.wv-sections tr').count(), 14);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

// A GPT writes in the page: at temperature 0 the page writes exactly what
// the native model writes; a Tang form is obeyed, acrostic included;
// attention rows add up to 1 and never look ahead; keys stay in the demo;
// bad settings and a broken weights file are explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT, startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const panelSel = '.demo-panel[data-demo="gpt-write"]';

async function openDemo(page, lang) {
  await page.goto(`${server.url}${lang}/transformer/gpt.html`);
  await page.locator(panelSel).scrollIntoViewIfNeeded();
  await page.locator(`${panelSel}[data-weights="loaded"]`).waitFor({ timeout: 30000 });
}

/** Presses Write and waits until the text is complete. */
async function write(page) {
  const before = await page.locator(panelSel).getAttribute('data-written');
  await page.locator('.gw-write').click();
  await page.waitForFunction(([sel, b]) => {
    const p = document.querySelector(sel);
    return p.dataset.written && p.dataset.written !== b && p.dataset.running === 'no';
  }, [panelSel, before], { timeout: 60000 });
  return page.locator('.gw-output').getAttribute('data-generated');
}

function nativeGreedy(model, prompt, count) {
  const args = ['run', '--quiet', '--release', '-p', 'gpt', '--example', 'greedy', '--',
    `assets/weights/gpt-${model}.safetensors`, prompt, String(count)];
  return JSON.parse(execFileSync('cargo', args, { cwd: ROOT, encoding: 'utf8' })).text;
}

const message = (page) => page.locator(`${panelSel} .demo-message`).textContent();

for (const [lang, model, prompt] of [['en', 'shakespeare', 'ROMEO:\n'], ['zh', 'tang', '床前明月光，']]) {
  test(`${lang}: at temperature 0 the page writes what the native ${model} model writes`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await openDemo(page, lang);
    await page.locator('.gw-model').selectOption(model);
    if (model === 'tang') await page.locator('.gw-form').selectOption('free');
    await page.locator('.gw-prompt').fill(prompt);
    await page.locator('.gw-temp').fill('0');
    await page.locator('.gw-length').fill('200');
    const written = await write(page);
    assert.equal(written, nativeGreedy(model, prompt, 200));
    assert.ok([...written].length === 200);
    if (model === 'shakespeare') {
      // The chapter says so: always the likeliest character falls into a loop.
      const lines = written.split('\n');
      assert.ok(lines.some((l, i) => l.length > 10 && l === lines[i + 1]), written);
    }
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.foreign, []);
    await context.close();
  });
}

test('zh: a five-character acrostic quatrain keeps its form', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await openDemo(page, 'zh');
  assert.equal(await page.locator('.gw-model').inputValue(), 'tang', 'Chinese pages start with the Tang model');
  await page.locator('.gw-form').selectOption('5x4');
  await page.locator('.gw-heads').fill('春夏秋冬');
  await page.locator('.gw-prompt').fill('');
  for (const seed of ['1', '2']) {
    await page.locator('.gw-seed').fill(seed);
    const poem = await write(page);
    assert.match(poem, /^春[\u4e00-\u9fff]{4}，夏[\u4e00-\u9fff]{4}。秋[\u4e00-\u9fff]{4}，冬[\u4e00-\u9fff]{4}。$/, poem);
  }
  assert.match(await page.locator('.gw-bars').textContent(), /写完/);
  // A first line from the 300 Tang Poems (kept out of training) sets prompt and form.
  const held = readFileSync(`${ROOT}assets/data/text/tang-300-prompts.txt`, 'utf8').split('\n');
  await page.locator('.gw-famous').click();
  await page.waitForFunction(() => document.querySelector('.gw-prompt').value.endsWith('，'));
  const first = await page.locator('.gw-prompt').inputValue();
  const poem = held.find((p) => p.startsWith(first));
  assert.ok(poem, `${first} opens a held-out poem`);
  const [chars, lines] = (await page.locator('.gw-form').inputValue()).split('x').map(Number);
  assert.equal(chars, [...first].length - 1);
  assert.equal(lines, [...poem].filter((c) => '，。；？！'.includes(c)).length);
  const rest = await write(page);
  assert.equal([...first + rest].length, (chars + 1) * lines, first + rest);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: attention rows add up to 1, never look ahead, and arrow keys stay in the demo', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await openDemo(page, 'en');
  await page.locator('.gw-length').fill('60');
  await write(page);
  const url = page.url();
  for (const layer of ['0', '3']) {
    await page.locator('.gw-layer').selectOption(layer);
    await page.locator('.gw-output span[data-i="30"]').click();
    const spans = await page.locator('.gw-output span').evaluateAll((els) =>
      els.map((e) => ({ i: Number(e.dataset.i), w: e.dataset.w === undefined ? null : Number(e.dataset.w) })));
    const seen = spans.filter((s) => s.w !== null);
    const sum = seen.reduce((a, s) => a + s.w, 0);
    assert.ok(Math.abs(sum - 1) < 1e-3, `layer ${layer}: weights add up to ${sum}`);
    assert.ok(seen.every((s) => s.i <= 30), 'no weight on a later character');
  }
  await page.locator('.gw-head').selectOption('2');
  await page.locator('.gw-output').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator('.gw-output').getAttribute('data-chosen'), '28');
  assert.equal(page.url(), url, 'arrow keys did not turn the page');
  assert.match(await page.locator('.gw-attn-text').textContent(), /looks most at/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('bad settings and strange text get clear messages; the demo keeps working', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await openDemo(page, 'en');
  await page.locator('.gw-temp').fill('hot');
  await page.locator('.gw-write').click();
  assert.match(await message(page), /Temperature must be a number/);
  await page.locator('.gw-temp').fill('100');
  await page.locator('.gw-topk').fill('100000');
  await page.locator('.gw-topp').fill('0');
  await page.locator('.gw-length').fill('20');
  await page.locator('.gw-prompt').fill('🎭 ROMEO 猫');
  const text = await write(page);
  assert.equal([...text].length, 20);
  const note = await message(page);
  assert.match(note, /never saw “🎭”“猫”/);
  assert.match(note, /Top-k 100000 is more than the 63 characters/);
  await page.locator('.gw-prompt').fill('x'.repeat(1_000_000));
  await write(page);
  assert.match(await message(page), /Only the last 256 characters/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a weights file that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/gpt-tang.safetensors', (route) => route.fulfill({ status: 200, body: 'not weights' }));
  await page.goto(`${server.url}zh/transformer/gpt.html`);
  await page.locator(panelSel).scrollIntoViewIfNeeded();
  await page.locator(`${panelSel}[data-weights="failed"]`).waitFor({ timeout: 20000 });
  assert.match(await message(page), /模型载入失败/);
  await context.close();
});

// The ChatGPT page's opening claim, in both languages: asked a question,
// a model trained only to continue plays does not answer it, it goes on
// with the play (a new speaker's line).
for (const lang of ['en', 'zh']) {
  test(`${lang}: asked a question at temperature 0, the Shakespeare model starts a new speech instead of answering`, async () => {
    const { context, page, problems } = await guardedPage(browser);
    await openDemo(page, lang);
    await page.locator('.gw-model').selectOption('shakespeare');
    const prompt = 'What is the capital of France?\n';
    await page.locator('.gw-prompt').fill(prompt);
    await page.locator('.gw-temp').fill('0');
    await page.locator('.gw-length').fill('160');
    const written = await write(page);
    assert.equal(written, nativeGreedy('shakespeare', prompt, 160));
    assert.match(written, /^\n?SEBASTIAN:\n/);
    assert.doesNotMatch(written, /Paris/);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });
}

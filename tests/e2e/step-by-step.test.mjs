// Think step by step in the page: the default run trains both models as
// natively (`parity-table`, seed 1, 1,000 steps): answering at once stays
// at one answer for everything (53.9%), with notes 81.6% at step 300 and
// every test question right from step 700; the reader's question is answered by both, a bad
// one explained; in Chinese, the first 500-step run; pause holds; reset
// clears; a missing worker is explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="step-by-step"]';
const attr = (page, a) => page.locator(sel).getAttribute(`data-${a}`);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/useful/step-by-step.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 30000 });
}

const settle = (page) => page.locator(`${sel}[data-train-state="done"], ${sel}[data-train-state="failed"]`).waitFor({ timeout: 300000 });
const atStep = (page, n) => page.waitForFunction(([s, n]) => Number(document.querySelector(s).dataset.steps) >= n, [sel, n], { timeout: 120000 });

test('en: the default run as natively; the reader asks a question; pause holds; reset clears', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.sb-steps').inputValue(), '1000');
  await page.locator('.sb-ask').click();
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /^Train the models first/);
  assert.equal(await page.locator('.sb-truth').textContent(), 'The truth: 7 ones, so the parity is 1 (odd).');
  await page.locator('.sb-start').click();
  await atStep(page, 300);
  await page.locator('.sb-start').click();
  assert.equal(await attr(page, 'train-state'), 'paused');
  await page.waitForTimeout(600);
  const held = await attr(page, 'steps');
  await page.waitForTimeout(1500);
  assert.equal(await attr(page, 'steps'), held, 'nothing moves while paused');
  await page.locator('.sb-start').click();
  await settle(page);
  assert.equal(await attr(page, 'train-state'), 'done');
  assert.equal(await attr(page, 'steps'), '1000');
  assert.equal(await attr(page, 'answers'), '0.5391,1.0000');
  assert.equal(await attr(page, 'notes-right'), '1.0000');
  // parity-table seed 1, every 100 steps: the notes model's answers and
  // notes, as natively (crates/parity/tests/notes.rs holds the same).
  const notes = (await attr(page, 'history')).split(' | ')[1].split(' ');
  assert.equal(notes.length, 11);
  assert.equal(notes[3], '0.8164/0.9197');
  assert.equal(notes[5].split('/')[0], '1.0000');
  assert.equal(notes[6].split('/')[0], '0.9922');
  assert.ok(notes.slice(7).every((n) => n === '1.0000/1.0000'), notes.join(' '));
  assert.deepEqual(await page.locator('.sb-stats').allTextContents(), [
    'Answer at once: 53.9% of the test questions right',
    'With notes: 100.0% of the final answers right, 100.0% of all notes right',
  ]);
  // The example question: both models' writing, the notes in full.
  assert.match(await attr(page, 'written'), /^[01],1101111010000001$/);
  assert.match(await page.locator('.sb-written-notes').textContent(), /✓$/);
  // A question of the reader's own.
  await page.locator('.sb-question').fill('1111 1111 1111 1110');
  await page.locator('.sb-question').press('Enter');
  await page.waitForFunction((s) => document.querySelector(s).dataset.written?.endsWith(',1010101010101011'), sel, { timeout: 10000 });
  assert.equal(await page.locator('.sb-truth').textContent(), 'The truth: 15 ones, so the parity is 1 (odd).');
  await page.locator('.sb-question').fill('10102');
  await page.locator('.sb-ask').click();
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /^A question is 16 bits/);
  await page.locator('.sb-reset').click();
  assert.equal(await attr(page, 'train-state'), 'idle');
  assert.equal(await attr(page, 'answers'), null);
  assert.equal(await attr(page, 'written'), null);
  assert.deepEqual(await page.locator('.sb-stats').allTextContents(), ['', '']);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a short run, labels in Chinese, a huge pasted question refused', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.sb-steps').selectOption('500');
  await page.locator('.sb-start').click();
  await settle(page);
  assert.equal(await attr(page, 'steps'), '500');
  const [direct, notes] = (await attr(page, 'answers')).split(',').map(Number);
  assert.ok([0.4609, 0.5391].includes(direct), `one answer for everything: ${direct}`);
  assert.ok(notes > 0.9, `notes learn in 500 steps too: ${notes}`);
  assert.match((await page.locator('.sb-stats').allTextContents())[0], /^直接回答：测试题答对 (46\.1|53\.9)%$/);
  assert.match(await page.locator('.sb-status').textContent(), /^完成：各 500 步，用时 \d+ 秒。$/);
  await page.locator('.sb-question').evaluate((el) => { el.removeAttribute('maxlength'); el.value = '01'.repeat(50000); });
  await page.locator('.sb-ask').click();
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /^一道题是 16 位/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('en: a worker script that fails to load is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/demos/worker.js*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page, 'en');
  await page.locator('.sb-start').click();
  await page.locator(`${sel}[data-train-state="failed"]`).waitFor({ timeout: 20000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /could not start/);
  await context.close();
});

test('zh: a value that is not on offer gets a message, and nothing starts', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.evaluate((s) => { const el = document.querySelector(s); el.add(new Option('bogus', '99999')); el.value = '99999'; }, '.sb-steps');
  await page.locator('.sb-start').click();
  assert.equal(await page.locator(`${sel} .demo-message`).textContent(), '请从列表里选择设置。');
  assert.equal(await attr(page, 'train-state'), 'idle');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

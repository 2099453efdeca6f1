// The Chinchilla calculator: its numbers are the formulas' (computed here
// again in JavaScript), the three models' budgets fill the field, and bad
// budgets get a message while the page keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="chinchilla-calc"]';
const [E, A, B, a, b] = [1.69, 406.4, 410.7, 0.34, 0.28];
const optimum = (c) => {
  const g = ((a * A) / (b * B)) ** (1 / (a + b));
  const n = g * (c / 6) ** (b / (a + b));
  return [n, c / (6 * n)];
};
const loss = (n, d) => E + A / n ** a + B / d ** b;

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/scaling/chinchilla.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 20000 });
}

const close = (x, y) => Math.abs(x / y - 1) < 1e-9;

test('en: Gopher\'s budget splits as the chapter says, by both rules, and the buttons fill the field', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  const attr = async (n) => Number(await page.locator(sel).getAttribute(n));
  const c = 6 * 280e9 * 300e9;
  assert.ok(close(await attr('data-budget'), c));
  assert.ok(close(await attr('data-rule-params'), Math.sqrt(c / 120)));
  const [n, d] = optimum(c);
  assert.ok(close(await attr('data-fit-params'), n));
  assert.ok(close(await attr('data-fit-tokens'), d));
  // The table the chapter reads: 65 B on 1.3 T (20), 30 B on 2.8 T (91), losses 1.942 and 1.936.
  assert.equal(await page.locator('.cc-rule').textContent(), '20 tokens per parameter6.48e101.30e12201.942');
  assert.equal(await page.locator('.cc-fit').textContent(), 'optimum of the fitted formula3.03e102.77e12911.936');
  assert.equal(loss(280e9, 300e9).toFixed(3), '1.993');
  await page.locator('.cc-known-0').click();
  assert.equal(await page.locator('.cc-budget').inputValue(), '3.15e23');
  await page.locator('.cc-known-2').click();
  assert.equal(await page.locator('.cc-budget').inputValue(), '5.88e23');
  assert.ok(close(await attr('data-rule-params'), 70e9), 'Chinchilla is the rule of twenty on its own budget');
  const iso = await page.locator('.cc-iso').getAttribute('aria-label');
  assert.match(iso, /the model trained on it 1\.937/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: bad budgets are explained, and a good one brings the numbers back', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  const message = page.locator(`${sel} .demo-message`);
  const cases = [['0', /大于零/], ['-3e20', /大于零/], ['1e30', /10²⁸/], ['1e5', /10⁹/], ['很多', /请输入一个 FLOPs 数/], ['', /请输入/]];
  for (const [typed, expected] of cases) {
    await page.locator('.cc-budget').fill(typed);
    assert.match(await message.textContent(), expected, typed);
    assert.equal(await page.locator(sel).getAttribute('data-budget'), null, typed);
  }
  await page.locator('.cc-budget').fill('1e12');
  assert.match(await message.textContent(), /不是预测/, 'far from the fitted range is flagged');
  assert.ok(close(Number(await page.locator(sel).getAttribute('data-rule-params')), Math.sqrt(1e12 / 120)));
  await page.locator('.cc-budget').fill('3.15×10^23');
  assert.equal(await message.textContent(), '');
  assert.match(await page.locator('.cc-rule').textContent(), /^每个参数 20 个词元5\.12e10/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

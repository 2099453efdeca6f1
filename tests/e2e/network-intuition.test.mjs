// The intuition page's board, in the page: the shipped network's first
// guess, value and guided search give the same numbers as natively
// (`selfplay::Net::judge`, `selfplay::Puct` with the page's seed, printed
// natively: `--example page-figures`), the positions the chapter text describes say what it says,
// perfect play's row comes from the solver, and a game can be played by
// clicks and by keys; bad set-ups and full columns get messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="network-intuition"]';
const attr = (page, a) => page.locator(sel).getAttribute(`data-${a}`);

// Native: the prior and value with four decimals, visits after 200
// simulations (201 runs, the first only expands the root).
const NATIVE = {
  '': { prior: '0.0021,0.0028,0.0021,0.9848,0.0022,0.0035,0.0025', value: '0.5956', visits: '0,0,0,200,0,0,0', best: '4' },
  '112233': { prior: '0.0967,0.0876,0.2918,0.1511,0.2791,0.0570,0.0367', value: '0.8139', visits: '1,1,4,190,3,1,0', best: '4' },
  '4444436733376636': { prior: '0.0499,0.0179,0.0505,0.5282,0.0108,0.2496,0.0931', value: '0.6414', visits: '1,0,1,19,0,177,2', best: '6' },
};

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/games/intuition.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-prior]`).waitFor({ timeout: 30000 });
}

async function setUp(page, moves) {
  await page.locator('.ni-moves').fill(moves);
  await page.locator('.ni-setup').click();
  await page.waitForFunction(([s, m]) => document.querySelector(s).dataset.moves === m, [sel, moves]);
}

async function clickColumn(page, col) {
  const box = await page.locator('.ni-board').boundingBox();
  await page.mouse.click(box.x + box.width * (col - 0.5) / 7, box.y + box.height * 0.8);
}

test('en: the network reads positions as natively, and the text about them is true', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.ni-sims').inputValue(), '200');
  for (const [moves, want] of Object.entries(NATIVE)) {
    await setUp(page, moves);
    assert.equal(await attr(page, 'prior'), want.prior, moves);
    assert.equal(await attr(page, 'value'), want.value, moves);
    assert.equal(await attr(page, 'visits'), want.visits, moves);
    assert.equal(await attr(page, 'best'), want.best, moves);
  }
  // The empty board: 98% on the centre, red expected to score about 80%.
  await setUp(page, '');
  assert.match(await page.locator('.ni-status').textContent(), /^Red to move\. At a glance the network expects red to score 80% from here \(its value\); after its search it would play column 4\.$/);
  assert.equal(await attr(page, 'solved'), null);
  assert.match(await page.locator('.ni-table').textContent(), /too early in the game/);
  // Late enough for the solver: red wins with 1, 2 or 6; the guess says 4.
  await setUp(page, '4444436733376636');
  assert.equal(await attr(page, 'solved'), 'WWLLLWL');
  const rows = await page.locator('.ni-table tr').allTextContents();
  assert.equal(rows[1], 'first guess (policy)5%2%5%53%1%25%9%');
  assert.equal(rows[2], 'share of 200 simulations0%0%0%10%0%88%1%');
  assert.equal(rows[4], 'perfect playwinwinlosslosslosswinloss');
  // "Let the network move" at three in a row: it completes the four.
  await setUp(page, '112233');
  await page.locator('.ni-move').click();
  assert.equal(await attr(page, 'moves'), '1122334');
  assert.equal(await attr(page, 'played'), '4');
  assert.equal(await page.locator('.ni-status').textContent(), 'Four in a row: the game is over.');
  assert.equal(await attr(page, 'prior'), null);
  await page.locator('.ni-move').click();
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /game is over/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a blind spot that 1,600 simulations do not fix; a game by clicks and keys; bad input', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.ni-sims').selectOption('1600');
  await setUp(page, '436675555232522');
  assert.equal(await attr(page, 'visits'), '16,1087,6,474,2,4,11');
  assert.equal(await attr(page, 'best'), '2');
  assert.equal(await attr(page, 'solved'), 'DLLWLLL');
  assert.equal(await attr(page, 'value'), '-0.8376');
  assert.match(await page.locator('.ni-status').textContent(), /^轮到黄方。网络一眼看去，估计黄方从这里能得 8%（它的价值判断）；搜索之后它会走第 2 列。$/);
  const rows = await page.locator('.ni-table tr').allTextContents();
  assert.equal(rows[4], '完美对弈和负负胜负负负');
  // Play: a click on column 4, the network answers; then the key 3.
  await page.locator('.ni-sims').selectOption('50');
  await page.locator('.ni-new').click();
  await clickColumn(page, 4);
  await page.waitForFunction((s) => document.querySelector(s).dataset.moves.length === 2, sel);
  assert.match(await attr(page, 'moves'), /^4[1-7]$/);
  await page.locator('.ni-board').focus();
  await page.keyboard.press('3');
  await page.waitForFunction((s) => document.querySelector(s).dataset.moves.length === 4, sel);
  assert.match(await attr(page, 'moves'), /^4[1-7]3[1-7]$/);
  // Bad input.
  await page.locator('.ni-moves').fill('8');
  await page.locator('.ni-setup').click();
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /“8”不是一局棋/);
  await setUp(page, '444444');
  await clickColumn(page, 4);
  assert.equal(await page.locator(`${sel} .demo-message`).textContent(), '第 4 列已经满了：换一列吧。');
  assert.equal(await attr(page, 'moves'), '444444');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

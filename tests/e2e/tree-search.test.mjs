// The games page's tree search, in the page: it takes a win in one and
// blocks one (positions set up from moves), opens in the middle column as
// the 1988 solution says, and a whole game can be played by clicks
// (English) and by the keyboard (Chinese), the result checked here from
// the moves; bad set-ups, full columns and moves out of turn get messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="tree-search"]';
const attr = (page, a) => page.locator(sel).getAttribute(`data-${a}`);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/games/search.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-turn]`).waitFor({ timeout: 30000 });
}

/** Waits until the computer has moved (or the game is over). */
async function settled(page) {
  await page.waitForFunction((s) => {
    const t = document.querySelector(s)?.dataset.turn;
    return t === 'reader' || t === 'over';
  }, sel, { timeout: 60000 });
}

/** Who won a Connect Four game given as columns 1–7, computed here. */
function winner(moves) {
  const grid = Array.from({ length: 7 }, () => []);
  for (let i = 0; i < moves.length; i++) {
    const c = Number(moves[i]) - 1;
    grid[c].push(i % 2);
    const r = grid[c].length - 1, p = i % 2;
    const at = (x, y) => (x >= 0 && x < 7 && y >= 0 ? grid[x][y] : undefined);
    for (const [dx, dy] of [[1, 0], [0, 1], [1, 1], [1, -1]]) {
      let n = 1;
      for (const s of [1, -1]) for (let k = 1; at(c + s * k * dx, r + s * k * dy) === p; k++) n++;
      if (n >= 4) return { player: p, at: i + 1 };
    }
  }
  return null;
}

async function setUp(page, moves) {
  await page.locator('.ts-moves').fill(moves);
  await page.locator('.ts-setup').click();
}

/** Clicks column `col` (1–7) on the board canvas. */
async function clickColumn(page, col) {
  const box = await page.locator('.ts-board').boundingBox();
  await page.mouse.click(box.x + box.width * (col - 0.5) / 7, box.y + box.height * 0.8);
}

function legal(moves) {
  return [4, 3, 5, 2, 6, 1, 7].filter((c) => [...moves].filter((m) => Number(m) === c).length < 6);
}

test('en: takes a win in one, blocks one, opens in the middle; a game played by clicks ends as the moves say', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  await page.locator('.ts-budget').selectOption('1000');
  // Red has three on the bottom row; yellow (the reader) plays elsewhere.
  await setUp(page, '11223');
  assert.equal(await attr(page, 'turn'), 'reader');
  await clickColumn(page, 3);
  await settled(page);
  assert.equal(await attr(page, 'moves'), '1122334');
  assert.equal(await attr(page, 'result'), 'computer');
  assert.match(await page.locator('.ts-status').textContent(), /computer wins/);
  // Now the reader is red and threatens; the computer must block column 4.
  await setUp(page, '1122');
  await clickColumn(page, 3);
  await settled(page);
  assert.equal(await attr(page, 'moves'), '112234');
  assert.equal(await attr(page, 'result'), null);
  // The computer first, at 10,000 playouts: the middle column.
  await page.locator('.ts-budget').selectOption('10000');
  await page.locator('.ts-first').selectOption('computer');
  await page.locator('.ts-new').click();
  await settled(page);
  assert.equal(await attr(page, 'moves'), '4');
  assert.match(await page.locator('.ts-status').textContent(), /column 4 after 10,000 playouts/);
  // A whole game by clicks against 100 playouts.
  await page.locator('.ts-budget').selectOption('100');
  await page.locator('.ts-first').selectOption('reader');
  await page.locator('.ts-new').click();
  for (let i = 0; i < 30 && (await attr(page, 'turn')) === 'reader'; i++) {
    await clickColumn(page, legal(await attr(page, 'moves'))[0]);
    await settled(page);
  }
  const moves = await attr(page, 'moves');
  assert.equal(await attr(page, 'turn'), 'over');
  const w = winner(moves);
  const expected = w === null ? 'draw' : w.player === 0 ? 'reader' : 'computer';
  assert.equal(await attr(page, 'result'), expected, moves);
  if (w) assert.equal(w.at, moves.length, 'the game stops at the first four in a row');
  else assert.equal(moves.length, 42);
  await clickColumn(page, 1);
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /game is over/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a game by the keyboard; bad set-ups, full columns and moves during the computer\'s turn get messages', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  const message = page.locator(`${sel} .demo-message`);
  for (const bad of ['4453x', '8', '1111111', '12131415', '很多']) {
    await setUp(page, bad);
    assert.match(await message.textContent(), /不是一局棋/, bad);
  }
  await setUp(page, '444444');
  assert.equal(await message.textContent(), '');
  await page.locator('.ts-board').focus();
  await page.keyboard.press('4');
  assert.match(await message.textContent(), /第 4 列已经满了/);
  // Out of turn: a slow computer move, a key pressed while it thinks.
  await page.locator('.ts-budget').selectOption('100000');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  assert.equal(await attr(page, 'turn'), 'computer');
  await page.keyboard.press('1');
  assert.match(await message.textContent(), /请等电脑下完这一步/);
  assert.equal((await attr(page, 'moves')).length, 7, 'the key did not play');
  await page.locator('.ts-budget').selectOption('100');
  await page.locator('.ts-new').click();
  assert.equal(await attr(page, 'moves'), '');
  // A whole game by the keyboard: arrows to the first legal column, Enter.
  let cursor = 4;
  await page.keyboard.press('4');
  await settled(page);
  for (let i = 0; i < 30 && (await attr(page, 'turn')) === 'reader'; i++) {
    const target = legal(await attr(page, 'moves')).sort((a, b) => a - b)[0];
    await page.locator('.ts-board').focus();
    while (cursor > target) { await page.keyboard.press('ArrowLeft'); cursor--; }
    while (cursor < target) { await page.keyboard.press('ArrowRight'); cursor++; }
    await page.keyboard.press('Enter');
    await settled(page);
  }
  const moves = await attr(page, 'moves');
  const w = winner(moves);
  assert.equal(await attr(page, 'turn'), 'over', moves);
  assert.equal(await attr(page, 'result'), w === null ? 'draw' : w.player === 0 ? 'reader' : 'computer', moves);
  assert.match(await page.locator('.ts-status').textContent(), /连成四子|和棋/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

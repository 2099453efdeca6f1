// The tic-tac-toe search tree, in the page: nine playouts expand the nine
// first moves; 1,000 and 10,000 playouts favour the centre by the counts
// the chapter quotes (the same search natively); after a corner, the
// centre gets about two thirds of 5,000 playouts; moves by click and by
// key; taken cells and finished games get messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="search-tree"]';
const attr = (page, a) => page.locator(sel).getAttribute(`data-${a}`);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/games/search.html`);
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-board]`).waitFor({ timeout: 30000 });
}

async function clickCell(page, cell) {
  const box = await page.locator('.st-board').boundingBox();
  const [col, row] = [(cell - 1) % 3, Math.floor((cell - 1) / 3)];
  await page.mouse.click(box.x + box.width * (col + 0.5) / 3, box.y + box.height * (row + 0.5) / 3);
}

async function add(page, button, times = 1) {
  for (let i = 0; i < times; i++) await page.locator(button).click();
}

const visitsOf = async (page, cell) => {
  const pairs = (await attr(page, 'visits')).split(',').map((p) => p.split(':').map(Number));
  return pairs.find(([c]) => c === cell)?.[1];
};

test('en: nine playouts fill the first row; 1,000 and 10,000 favour the centre as natively', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await attr(page, 'playouts'), '0');
  assert.match(await page.locator('.st-status').textContent(), /No playouts yet/);
  await add(page, '.st-one', 9);
  assert.equal(await attr(page, 'visits'), '1:1,2:1,3:1,4:1,5:1,6:1,7:1,8:1,9:1');
  assert.equal(await attr(page, 'nodes'), '10');
  await page.locator('.st-new').click();
  await add(page, '.st-thousand');
  assert.equal(await attr(page, 'best'), '5');
  assert.equal(await visitsOf(page, 5), 206);
  await add(page, '.st-thousand', 9);
  assert.equal(await attr(page, 'playouts'), '10000');
  assert.equal(await visitsOf(page, 5), 5294, 'more than half of 10,000');
  assert.match(await page.locator('.st-status').textContent(), /10,000 playouts, 9,178 positions in the tree; most visited: cell 5 \(5,294 playouts, 74% won\)/);
  assert.match(await page.locator('.st-tree').getAttribute('aria-label'), /9,?177 positions under the current one/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: after a corner the centre gets two thirds of 5,000 playouts; click, key and messages', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.st-play').click();
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /先加一次模拟/);
  await clickCell(page, 1);
  assert.equal(await attr(page, 'board'), 'x........');
  assert.equal(await attr(page, 'playouts'), '0', 'a move starts a new search');
  await add(page, '.st-thousand', 5);
  assert.equal(await attr(page, 'best'), '5');
  assert.equal(await visitsOf(page, 5), 3258);
  await page.locator('.st-play').click();
  assert.equal(await attr(page, 'board'), 'x...o....');
  await clickCell(page, 5);
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /已经有子/);
  await page.locator('.st-board').focus();
  for (const key of ['2', '3', '9', '7']) await page.keyboard.press(key);
  // x 1, o 5, x 2, o 3, x 9, o 7: o has 3-5-7.
  assert.equal(await attr(page, 'board'), 'xxo.o.o.x');
  assert.match(await page.locator('.st-status').textContent(), /三子连线/);
  await page.keyboard.press('4');
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /这局已经结束/);
  await page.locator('.st-new').click();
  assert.equal(await attr(page, 'board'), '.........');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

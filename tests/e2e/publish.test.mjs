// The built book/ is a plain static site: served by any static file server
// under any sub-path, its pages, demos, data and language switch all work.
// (Here: Node's own http module serving book/ under /some/where/.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { ROOT, launch, guardedPage } from './harness.mjs';

const PREFIX = '/some/where/';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/json', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.png': 'image/png' };
let server, url, browser;

before(async () => {
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(PREFIX) || path.includes('..')) { res.writeHead(404); res.end(); return; }
    let file = join(ROOT, 'book', path.slice(PREFIX.length));
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

test('under a sub-path on a plain static server: landing, a trained-in-page demo, data and the language switch work', async () => {
  const { context, page, problems } = await guardedPage(browser, { locale: 'zh-CN' });
  const missing = [];
  page.on('response', (r) => { if (r.status() >= 400) missing.push(r.url()); });
  await page.goto(url);
  await page.waitForURL(/\/some\/where\/zh\/$/);
  await page.goto(`${url}zh/cnn/fine-tuning.html`);
  await page.locator('.demo-panel[data-demo="lenet-finetune"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-state="ready"]').waitFor({ timeout: 20000 });
  await page.locator('.ft-n').selectOption('100');
  await page.locator('.ft-epochs').selectOption('10');
  await page.locator('.ft-run').click();
  await page.locator('.demo-panel[data-ft-state="done"]').waitFor({ timeout: 120000 });
  await page.locator('.lang-switch').click();
  await page.waitForURL(/\/some\/where\/en\/cnn\/fine-tuning\.html/);
  assert.deepEqual(missing, []);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

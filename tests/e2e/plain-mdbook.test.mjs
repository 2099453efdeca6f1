// The mdBook habit works: after the setup command, a plain `mdbook build`
// (what `mdbook serve` runs on every change) in the repository root gives a
// book whose demos load, read their data and train.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFile, stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';
import { ROOT, launch, guardedPage } from './harness.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.woff2': 'font/woff2' };
let out, server, url, browser;

before(async () => {
  out = await mkdtemp(join(tmpdir(), 'plain-mdbook-'));
  const env = { ...process.env };
  delete env.BOOK_XTASK;
  // mdBook's INFO lines stay out of the test report; on failure its output is the error.
  try {
    execFileSync(join(ROOT, '.tools/bin/mdbook'), ['build', '-d', out], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`plain mdbook build failed:\n${e.stdout}${e.stderr}`);
  }
  server = createServer(async (req, res) => {
    let file = join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${server.address().port}/`;
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); if (out) await rm(out, { recursive: true, force: true }); });

test('plain `mdbook build`: the English book at the root, its demos loading their wasm and data', async () => {
  const { context, page, problems } = await guardedPage(browser);
  const missing = [];
  page.on('response', (r) => { if (r.status() >= 400) missing.push(r.url()); });
  await page.goto(`${url}cnn/lenet5.html`);
  await page.locator('.demo-panel[data-demo="lenet-draw"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-weights="loaded"]').waitFor({ timeout: 20000 });
  await page.locator('.ld-sample').click();
  assert.equal(await page.locator('.ld-answer').getAttribute('data-digit'), '7');
  assert.equal(await page.locator('.lang-switch').count(), 0, 'no other language to switch to');
  await page.goto(`${url}cnn/training.html`);
  await page.locator('.demo-panel[data-demo="lenet-train"]').scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-state="ready"]').waitFor({ timeout: 20000 });
  await page.locator('.lt-images').selectOption('1000');
  await page.locator('.lt-epochs').selectOption('1');
  await page.locator('.lt-start').click();
  await page.locator('.demo-panel[data-train-state="done"]').waitFor({ timeout: 60000 });
  assert.deepEqual(missing, []);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

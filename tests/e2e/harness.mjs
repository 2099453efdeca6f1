// Shared set-up for the browser tests: serve the built book on 127.0.0.1,
// launch Debian's Chromium through playwright-core, and watch every page for
// console errors and requests to any other host.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const ROOT = new URL('../../', import.meta.url).pathname;

export async function startServer() {
  const bin = `${ROOT}target/release/book-server`;
  if (!existsSync(`${ROOT}book/en/index.html`)) throw new Error('build the book first: ./dev build');
  const proc = spawn(bin, [`${ROOT}book`, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`book-server exited with ${code}`)));
  });
  return { url, stop: () => proc.kill() };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page that records console errors, page errors and foreign requests. */
export async function guardedPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = { errors: [], foreign: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.errors.push(m.text()); });
  page.on('pageerror', (e) => problems.errors.push(String(e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    problems.requests.push(u.pathname);
    if (!['data:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') problems.foreign.push(r.url());
  });
  return { context, page, problems };
}

/** Runs the native Rust computation the demo must agree with. */
export function native(digit, preset, positions) {
  const args = ['run', '--quiet', '--release', '-p', 'cnn', '--example', 'window', '--',
    String(digit), preset, ...positions.map(([r, c]) => `${r},${c}`)];
  return JSON.parse(execFileSync('cargo', args, { cwd: ROOT, encoding: 'utf8' }));
}

/** Every page of the book, from its table of contents (`src/en/SUMMARY.md`), as `cnn/lenet5.html`. */
export function bookPages() {
  const summary = readFileSync(`${ROOT}src/en/SUMMARY.md`, 'utf8');
  return [...summary.matchAll(/\]\(([^)]+)\.md\)/g)].map((m) => `${m[1]}.html`);
}

/** Every demo with the page it is on, as `[page, demo]`, in book order. */
export function bookDemos() {
  return bookPages().flatMap((p) => {
    const md = readFileSync(`${ROOT}src/en/${p.replace(/\.html$/, '.md')}`, 'utf8');
    return [...md.matchAll(/\{\{#demo ([\w-]+)/g)].map((m) => [p, m[1]]);
  });
}

// Every internal link of the built book resolves: the file exists and, when
// the link names a #section, the target page has an element with that id.
// Reads the built HTML from disk (no browser needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { ROOT } from './harness.mjs';

const BOOK = join(ROOT, 'book');

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fonts' ? [] : pages(path);
    // print.html repeats every page; toc.html is the sidebar; 404.html uses <base>.
    return name.endsWith('.html') && !['print.html', 'toc.html', '404.html'].includes(name) ? [path] : [];
  });
}

const ids = new Map();
function idsOf(file) {
  if (!ids.has(file)) {
    const html = readFileSync(file, 'utf8');
    ids.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return ids.get(file);
}

for (const lang of ['en', 'zh']) {
  test(`${lang}: every internal link and #anchor resolves`, () => {
    assert.ok(existsSync(join(BOOK, lang, 'index.html')), 'build the book first: ./dev build');
    const broken = [];
    let checked = 0;
    for (const page of pages(join(BOOK, lang))) {
      const html = readFileSync(page, 'utf8');
      for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
        if (/^(https?:|mailto:|data:|javascript:)/.test(href)) continue;
        const [path, hash] = href.split('#');
        const target = path ? resolve(dirname(page), decodeURI(path)) : page;
        const file = existsSync(target) && statSync(target).isDirectory() ? join(target, 'index.html') : target;
        checked++;
        if (!existsSync(file)) { broken.push(`${page.slice(BOOK.length)} → ${href}`); continue; }
        if (hash && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(hash))) {
          broken.push(`${page.slice(BOOK.length)} → ${href} (no such section)`);
        }
      }
    }
    assert.ok(checked > 50, `only ${checked} links found`);
    assert.deepEqual(broken, []);
  });
}

// "Draw me a 7", in the page: the shipped U-Net draws the same picture as
// the native code for a fixed setting, LeNet-5 reads it as the digit asked
// for, every sampler runs with either spacing, and in Chinese bad input and
// a broken weights file get a message while the page keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, guardedPage, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const sel = '.demo-panel[data-demo="diffusion-digits"]';
const panel = (page) => page.locator(sel);

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/diffusion/digits.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator(`${sel}[data-state="ready"]`).waitFor({ timeout: 20000 });
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

/** Sets the controls given, presses Draw and waits for the drawing to end. */
async function draw(page, settings = {}) {
  for (const [cls, v] of Object.entries(settings)) {
    const el = page.locator(`.dd-${cls}`);
    if (await el.evaluate((e) => e.tagName === 'SELECT')) await el.selectOption(v);
    else await el.fill(v);
  }
  await page.evaluate((s) => document.querySelector(s).removeAttribute('data-read'), sel);
  await page.locator('.dd-draw').click();
  await page.locator(`${sel}[data-read]:not([data-drawing])`).waitFor({ timeout: 60000 });
  const attr = (a) => panel(page).getAttribute(a);
  return {
    read: Number(await attr('data-read')),
    calls: Number(await attr('data-calls')),
    steps: Number(await attr('data-steps')),
    image: (await attr('data-image')).split(',').map(Number),
    text: await page.locator('.dd-result').textContent(),
  };
}

function native(digit, scale, sampler, steps, spacing, seed) {
  const args = ['run', '--quiet', '-p', 'diffusion', '--example', 'draw_digit', '--',
    String(digit), String(scale), sampler, String(steps), spacing, String(seed)];
  return execFileSync('cargo', args, { cwd: ROOT, encoding: 'utf8' }).trim().split(',').map(Number);
}

test('en: the default drawing is a 7 that LeNet-5 reads, the same picture as native', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  const out = await draw(page);
  assert.equal(await panel(page).getAttribute('data-params'), '135489');
  assert.equal(out.read, 7);
  assert.equal(out.steps, 50);
  assert.equal(out.calls, 100, 'guidance calls the network twice a step');
  assert.match(out.text, /^LeNet-5 reads a 7 \(\d+%\) — the digit asked for\. 50 steps, 100 network calls, \d+\.\d\d s\.$/);
  const reference = native(7, 3, 'ddim', 50, 'even', 1);
  assert.equal(out.image.length, 784);
  const worst = Math.max(...out.image.map((v, i) => Math.abs(v - reference[i])));
  assert.ok(worst <= 0.01, `page and native pictures differ by up to ${worst}`);
  // Scrub back to the start: pure noise, and the network's first guess.
  await page.locator('.dd-frame').fill('0');
  assert.match(await page.locator('.dd-noisy-caption').textContent(), /^Before step 1 of 50: noise 1\.00$/);
  await page.locator('.dd-frame').fill('50');
  assert.match(await page.locator('.dd-noisy-caption').textContent(), /^After all 50 steps/);
  const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
  assert.ok(longest < 200, `the page stays responsive while drawing (longest task ${longest} ms)`);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('en: every sampler draws, with even and Karras steps', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  const samplers = await page.locator('.dd-sampler option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(samplers, ['ddpm', 'ddim', 'euler', 'euler-a', 'heun', 'dpm++2m']);
  const images = {};
  for (const sampler of samplers) {
    for (const spacing of ['even', 'karras']) {
      const out = await draw(page, { sampler, spacing, steps: '10', digit: '4', scale: '3' });
      images[`${sampler} ${spacing}`] = out.image;
      // Heun calls the network twice a step but the last; guidance doubles every call.
      assert.equal(out.calls, sampler === 'heun' ? 38 : 20, `${sampler} ${spacing}`);
      assert.ok(out.image.every(Number.isFinite), `${sampler} ${spacing}: a finite picture`);
    }
  }
  // The chapter's twins: Euler is DDIM and Euler ancestral is DDPM, written out.
  const gap = (a, b) => Math.max(...images[a].map((v, i) => Math.abs(v - images[b][i])));
  assert.ok(gap('euler even', 'ddim even') <= 0.002, `Euler vs DDIM ${gap('euler even', 'ddim even')}`);
  assert.ok(gap('euler-a even', 'ddpm even') <= 0.002, `Euler ancestral vs DDPM ${gap('euler-a even', 'ddpm even')}`);
  assert.ok(gap('ddpm even', 'ddim even') > 0.1, 'DDPM\'s fresh noise changes the picture');
  // DDIM with η = 1 adds all of DDPM's fresh noise: it is DDPM.
  images['ddim eta 1'] = (await draw(page, { sampler: 'ddim', spacing: 'even', eta: '1' })).image;
  assert.ok(gap('ddim eta 1', 'ddpm even') <= 0.002, `DDIM η 1 vs DDPM ${gap('ddim eta 1', 'ddpm even')}`);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: bad input gets a message and drawing goes on; no prompt costs one call a step', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  const message = () => page.locator(`${sel} .demo-message`).textContent();
  for (const [cls, bad, pattern] of [
    ['steps', '0', /步数必须是 1 到 1000 之间的整数，而不是“0”/],
    ['steps', '100000', /而不是“100000”/],
    ['scale', '-5', /引导强度必须是 0 到 20 之间的数，而不是“-5”/],
    ['scale', '1e9', /而不是“1e9”/],
    ['seed', 'abc', /随机种子必须是 0 或正整数，而不是“abc”/],
    ['eta', '2', /DDIM 的 η 必须是 0 到 1 之间的数，而不是“2”/],
  ]) {
    await page.locator(`.dd-${cls}`).fill(bad);
    await page.locator('.dd-draw').click();
    assert.match(await message(), pattern);
    assert.equal(await panel(page).getAttribute('data-read'), null, 'nothing was drawn');
    await page.locator(`.dd-${cls}`).fill({ steps: '50', scale: '3', seed: '1', eta: '0' }[cls]);
  }
  const free = await draw(page, { digit: 'none', steps: '20' });
  assert.equal(free.calls, 20);
  assert.match(free.text, /^LeNet-5 认出的是 \d（\d+%）。20 步，调用网络 20 次，用时 \d+\.\d\d 秒。$/);
  assert.equal(await message(), '');
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('zh: a truncated weights file is explained in the panel', async () => {
  const { context, page } = await guardedPage(browser);
  await page.route('**/unet-digits.safetensors', async (route) => {
    const body = (await route.fetch().then((r) => r.body())).subarray(0, 5000);
    await route.fulfill({ status: 200, contentType: 'application/octet-stream', body });
  });
  await open(page, 'zh');
  await page.locator('.dd-draw').click();
  await page.locator(`${sel}[data-weights="failed"]`).waitFor({ timeout: 20000 });
  assert.match(await page.locator(`${sel} .demo-message`).textContent(), /^无法加载权重：not a valid weights file/);
  assert.equal(await page.locator('.dd-frame').isDisabled(), true);
  await context.close();
});

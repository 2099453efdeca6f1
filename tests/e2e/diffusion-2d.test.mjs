// Diffusion in two dimensions, in the page: the default model learns the two
// moons; each sampler's share of samples on the shape is what the chapter
// says; one step is worse than noise; the paths can be scrubbed; in Chinese,
// bad input gets a message and the character 人 is learnt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, guardedPage } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const panel = (page) => page.locator('.demo-panel[data-demo="diffusion-2d"]');

async function open(page, lang) {
  await page.goto(`${server.url}${lang}/diffusion/noise.html`);
  await panel(page).scrollIntoViewIfNeeded();
  await page.locator('.demo-panel[data-demo="diffusion-2d"][data-state="ready"]').waitFor({ timeout: 20000 });
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function train(page) {
  await page.locator('.d2-start').click();
  await page.locator('.demo-panel[data-demo="diffusion-2d"][data-train-state="done"], .demo-panel[data-demo="diffusion-2d"][data-train-state="failed"]').waitFor({ timeout: 300000 });
  assert.equal(await panel(page).getAttribute('data-train-state'), 'done');
}

async function sample(page, sampler, steps) {
  await page.selectOption('.d2-sampler', sampler);
  await page.selectOption('.d2-steps', String(steps));
  await page.locator('.d2-sample').click();
  await page.waitForFunction(() => !document.querySelector('.demo-panel[data-demo="diffusion-2d"]').hasAttribute('data-sampling'));
  return {
    share: Number(await panel(page).getAttribute('data-share')),
    calls: Number(await panel(page).getAttribute('data-evaluations')),
    text: await page.locator('.d2-result').textContent(),
  };
}

test('en: the default model learns the moons, and each sampler scores what the chapter says', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.d2-shape').inputValue(), 'moons');
  assert.equal(await page.locator('.d2-train-steps').inputValue(), '10000');
  await train(page);
  assert.equal(await panel(page).getAttribute('data-params'), '10690');
  const loss = Number(await panel(page).getAttribute('data-loss'));
  assert.ok(loss > 0.2 && loss < 0.3, `the loss levels off between 0.2 and 0.3: ${loss}`);
  // The chapter's numbers, for the default model and seed 1.
  const ddim = await sample(page, 'ddim', 50);
  assert.match(ddim.text, /^DDIM, 50 calls of the network: 93% of the samples landed on the shape \(pure noise: 22%; new points of the shape itself: 95%\)\.$/);
  const euler = await sample(page, 'euler', 50);
  assert.equal(euler.share, ddim.share, 'Euler is DDIM written out');
  assert.equal((await sample(page, 'ddpm', 1000)).share.toFixed(2), '0.95');
  assert.match((await sample(page, 'ddpm', 10)).text, /10 calls of the network: 64%/);
  assert.match((await sample(page, 'ddim', 10)).text, /10 calls of the network: 67%/);
  const heun = await sample(page, 'heun', 10);
  assert.equal(heun.calls, 19);
  assert.match(heun.text, /19 calls of the network: 66%/);
  const one = await sample(page, 'ddim', 1);
  assert.match(one.text, /1 call of the network: 6% /);
  // The paths can be scrubbed back to the starting noise.
  await sample(page, 'ddim', 50);
  assert.equal(await page.locator('.d2-frame').getAttribute('max'), '50');
  await page.locator('.d2-frame').fill('0');
  await page.locator('.d2-frame').dispatchEvent('input');
  assert.match(await page.locator('.d2-reverse-caption').textContent(), /after 0 of 50 steps · noise level 1\.00/);
  await page.locator('.d2-t').fill('300');
  await page.locator('.d2-t').dispatchEvent('input');
  assert.equal(await page.locator('.d2-forward-caption').textContent(), 'step 300 of 1,000: x = 0.63·data + 0.78·noise');
  const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
  assert.ok(longest < 200, `a main-thread task took ${longest} ms`);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test('zh: bad input gets a message, 人 is learnt, reset clears', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'zh');
  await page.locator('.d2-sample').click();
  assert.match(await page.locator('.demo-message').textContent(), /请先训练模型/);
  await page.selectOption('.d2-shape', '人');
  await page.selectOption('.d2-train-steps', '3000');
  await train(page);
  await page.locator('.d2-seed').fill('abc');
  await page.locator('.d2-sample').click();
  assert.match(await page.locator('.demo-message').textContent(), /随机种子必须是 0 或正整数，而不是 “abc”/);
  await page.locator('.d2-seed').fill('7');
  const ddpm = await sample(page, 'ddpm', 50);
  assert.ok(ddpm.share > 0.85, `DDPM, 50 steps: ${ddpm.share} on 人`);
  assert.match(ddpm.text, /^DDPM，调用网络 50 次：\d+% 的样本落在形状上/);
  assert.match(await page.locator('.d2-reverse-caption').textContent(), /DDPM（每步加入新噪声） · 已走 50 \/ 50 步 · 噪声水平 0\.00/);
  await page.locator('.d2-reset').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'idle');
  assert.equal(await page.locator('.d2-result').textContent(), '');
  assert.equal(await panel(page).getAttribute('data-share'), null);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

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

async function sample(page, sampler, steps, prompt = 'none', scale = '1') {
  await page.selectOption('.d2-sampler', sampler);
  await page.selectOption('.d2-steps', String(steps));
  await page.selectOption('.d2-prompt', prompt);
  await page.locator('.d2-scale').fill(scale);
  await page.locator('.d2-sample').click();
  await page.waitForFunction(() => !document.querySelector('.demo-panel[data-demo="diffusion-2d"]').hasAttribute('data-sampling'));
  return {
    share: Number(await panel(page).getAttribute('data-share')),
    calls: Number(await panel(page).getAttribute('data-evaluations')),
    inPart: Number(await panel(page).getAttribute('data-in-part')),
    text: await page.locator('.d2-result').textContent(),
  };
}

test('en: the default model learns the moons, and each sampler scores what the chapter says', async () => {
  const { context, page, problems } = await guardedPage(browser);
  await open(page, 'en');
  assert.equal(await page.locator('.d2-shape').inputValue(), 'moons');
  assert.equal(await page.locator('.d2-train-steps').inputValue(), '10000');
  await train(page);
  assert.equal(await panel(page).getAttribute('data-params'), '10818');
  const loss = Number(await panel(page).getAttribute('data-loss'));
  assert.ok(loss > 0.15 && loss < 0.25, `the loss levels off around 0.2: ${loss}`);
  // The chapter's numbers, for the default model and seed 1.
  const ddim = await sample(page, 'ddim', 50);
  assert.match(ddim.text, /^DDIM, 50 calls of the network: 88% of the samples landed on the shape \(pure noise: 22%; new points of the shape itself: 95%\)\.$/);
  const euler = await sample(page, 'euler', 50);
  assert.equal(euler.share, ddim.share, 'Euler is DDIM written out');
  assert.match((await sample(page, 'ddpm', 1000)).text, /1,000 calls of the network: 91%/);
  assert.match((await sample(page, 'ddpm', 50)).text, /50 calls of the network: 83%/);
  assert.match((await sample(page, 'ddpm', 10)).text, /10 calls of the network: 66%/);
  assert.match((await sample(page, 'ddim', 10)).text, /10 calls of the network: 75%/);
  const heun = await sample(page, 'heun', 10);
  assert.equal(heun.calls, 19);
  assert.match(heun.text, /19 calls of the network: 64%/);
  assert.match((await sample(page, 'heun', 50)).text, /99 calls of the network: 83%/);
  assert.match((await sample(page, 'ddim', 1)).text, /1 call of the network: 4% /);
  // Guidance, prompt "the upper moon": 0 ignores it, 1 follows it, more pushes past it.
  const free = await sample(page, 'ddim', 50, '0', '0');
  assert.match(free.text, /: 88% of the samples landed on the shape .* Prompt “the upper moon”, guidance scale 0: 53% of those on the shape are in it\.$/);
  assert.equal(free.calls, 100, 'guidance calls the network twice a step');
  const plain = await sample(page, 'ddim', 50, '0', '1');
  assert.equal(plain.calls, 50);
  assert.equal(plain.inPart, 1, 'all on the upper moon');
  assert.match(plain.text, /: 94% of the samples landed/);
  for (const [scale, on] of [['3', 93], ['5', 83], ['10', 33]]) {
    const guided = await sample(page, 'ddim', 50, '0', scale);
    assert.match(guided.text, new RegExp(`: ${on}% of the samples landed`), `scale ${scale}`);
    assert.equal(guided.inPart, 1, `scale ${scale}: all on the upper moon`);
  }
  assert.match((await sample(page, 'ddim', 50, '0', '20')).text, /: 0% of the samples landed .* guidance scale 20: none is on the shape\.$/);
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
  // The shape and the forward slider work before any training.
  await page.selectOption('.d2-shape', '人');
  await page.locator('.d2-t').fill('500');
  await page.locator('.d2-t').dispatchEvent('input');
  assert.equal(await page.locator('.d2-forward-caption').textContent(), '第 500 / 1,000 步：x = 0.28·数据 + 0.96·噪声');
  await page.locator('.d2-sample').click();
  assert.match(await page.locator('.demo-message').textContent(), /请先训练模型/);
  await page.selectOption('.d2-shape', '人');
  await page.selectOption('.d2-train-steps', '3000');
  await train(page);
  await page.locator('.d2-seed').fill('abc');
  await page.locator('.d2-sample').click();
  assert.match(await page.locator('.demo-message').textContent(), /随机种子必须是 0 或正整数，而不是 “abc”/);
  await page.locator('.d2-seed').fill('7');
  await page.locator('.d2-scale').fill('1e9');
  await page.locator('.d2-sample').click();
  assert.match(await page.locator('.demo-message').textContent(), /引导强度必须是 0 到 20 之间的数，而不是 “1e9”/);
  assert.equal(await page.locator('.d2-prompt option[value="1"]').textContent(), '右半边');
  const right = await sample(page, 'ddpm', 50, '1', '3');
  assert.ok(right.share > 0.8, `DDPM, 50 steps, guided: ${right.share} on 人`);
  assert.equal(right.inPart, 1, 'all in the right half');
  assert.match(right.text, /^DDPM，调用网络 100 次：\d+% 的样本落在形状上.*提示“右半边”，引导强度 3：落在形状上的样本中 100% 在这一部分。$/);
  assert.match(await page.locator('.d2-reverse-caption').textContent(), /DDPM（每步加入新噪声） · 已走 50 \/ 50 步 · 噪声水平 0\.00/);
  await page.locator('.d2-reset').click();
  assert.equal(await panel(page).getAttribute('data-train-state'), 'idle');
  assert.equal(await page.locator('.d2-result').textContent(), '');
  assert.equal(await panel(page).getAttribute('data-share'), null);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

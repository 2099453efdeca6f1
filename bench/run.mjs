// Browser benchmarks for LeNet-5: the book's wasm against ConvNetJS and
// TensorFlow.js 4.22 in the same headless Chromium, same network, batch 32.
// Prints one `bench <name> <value> <unit>` line per figure. Run by ./dev bench.
import { cpSync, mkdirSync } from 'node:fs';
import { ROOT, startServer, launch } from '../tests/e2e/harness.mjs';

const vendor = `${ROOT}book/bench/vendor/`;
mkdirSync(vendor, { recursive: true });
const nm = `${ROOT}bench/node_modules/`;
for (const f of ['convnetjs/build/convnet-min.js', '@tensorflow/tfjs/dist/tf.min.js',
  '@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js',
  '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm',
  '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
  '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm']) {
  cpSync(nm + f, vendor + f.split('/').pop());
}
cpSync(`${ROOT}bench/page.html`, `${ROOT}book/bench/index.html`);

const server = await startServer();
const browser = await launch();
const page = await (await browser.newContext()).newPage();
page.on('pageerror', (e) => console.error('page error:', e));
await page.goto(`${server.url}bench/index.html`);
await page.waitForFunction(() => document.body.dataset.ready === 'yes', null, { timeout: 60000 });

const line = (name, value, unit) => console.log(`bench ${name} ${Number(value).toPrecision(4)} ${unit}`);
const run = (expr) => page.evaluate(expr);
// This machine's speed drifts from second to second, so each figure is the
// best of several rounds, and ours and the peer's rounds alternate.
async function bestOf(rounds, exprs) {
  const best = exprs.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < exprs.length; i++) best[i] = Math.max(best[i], await run(exprs[i]));
  }
  return best;
}
try {
  line('browser-lenet5-params-tfjs', await run('bench.params()'), 'parameters');
  const [oursTrain, convnet, tfCpu] = await bestOf(3, ['bench.oursTrain(300)', 'bench.convnetTrain(2000)', "bench.tfTrain('cpu', 15)"]);
  line('browser-train-lenet5-ours', oursTrain, 'images/s');
  line('browser-train-lenet5-convnetjs', convnet, 'images/s');
  line('browser-train-lenet5-tfjs-cpu', tfCpu, 'images/s');
  line('browser-train-ratio-vs-convnetjs', oursTrain / convnet, 'x');
  line('browser-train-ratio-vs-tfjs-cpu', oursTrain / tfCpu, 'x');

  const [oursInfer, tfWasm] = await bestOf(5, ['bench.oursInfer(300)', "bench.tfInfer('wasm', 150, 32)"]);
  line('browser-infer-lenet5-ours', oursInfer, 'images/s');
  line('browser-infer-lenet5-tfjs-wasm', tfWasm, 'images/s');
  line('browser-infer-ratio-vs-tfjs-wasm', oursInfer / tfWasm, 'x');
  const [oursSingle, tfSingle] = await bestOf(5, ['1000 / bench.oursLatency(2000)', "bench.tfInfer('wasm', 1000, 1)"]);
  const [oursLatency, tfLatency] = [1000 / oursSingle, 1000 / tfSingle];
  line('browser-latency-lenet5-ours', oursLatency, 'ms');
  line('browser-latency-lenet5-tfjs-wasm', tfLatency, 'ms');
  line('browser-latency-ratio-tfjs-over-ours', tfLatency / oursLatency, 'x');

  line('browser-time-to-98pct-test-accuracy', await run('bench.oursTimeTo98()'), 's');
  const [analogyRate] = await bestOf(3, ['bench.analogyMs(200).then((ms) => 1000 / ms)']);
  line('browser-analogy-query-20k-words', 1000 / analogyRate, 'ms');
  const [w2vRate] = await bestOf(2, ['bench.word2vec()']);
  line('browser-word2vec-train', w2vRate, 'words/s');
} finally {
  await browser.close();
  server.stop();
}

// Browser benchmarks: LeNet-5 and the page's GPT, the book's wasm against ConvNetJS and
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
  '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm',
  'onnxruntime-web/dist/ort.wasm.min.mjs', 'onnxruntime-web/dist/ort-wasm-simd-threaded.mjs',
  'onnxruntime-web/dist/ort-wasm-simd-threaded.wasm']) {
  cpSync(nm + f, vendor + f.split('/').pop());
}
cpSync(`${ROOT}bench/page.html`, `${ROOT}book/bench/index.html`);

const server = await startServer();
const browser = await launch();
const page = await (await browser.newContext()).newPage();
page.on('pageerror', (e) => console.error('page error:', e));
page.on('console', (m) => { if (m.text().startsWith('tfjs ')) console.log(`# ${m.text()}`); });
await page.goto(`${server.url}bench/index.html`);
await page.waitForFunction(() => document.body.dataset.ready === 'yes', null, { timeout: 60000 });

const line = (name, value, unit) => console.log(`bench ${name} ${Number(Number(value).toPrecision(4))} ${unit}`);
const run = (expr) => page.evaluate(expr);
// This machine's speed drifts from second to second, so ours and the peers
// run in short alternating rounds; each figure is the median over the rounds,
// and each ratio the median of the rounds' own ratios (both sides of a ratio
// were measured seconds apart).
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
async function rounds(count, exprs) {
  const seen = exprs.map(() => []);
  const ratios = exprs.map(() => []);
  for (let r = 0; r < count; r++) {
    const got = [];
    for (const e of exprs) got.push(await run(e));
    got.forEach((v, i) => { seen[i].push(v); ratios[i].push(got[0] / v); });
  }
  return { value: seen.map(median), ratioOfFirst: ratios.map(median) };
}
// `node bench/run.mjs infer` runs only the sections named on the command line.
const only = process.argv.slice(2);
const want = (section) => only.length === 0 || only.includes(section);
try {
  if (want('train')) {
  line('browser-lenet5-params-tfjs', await run('bench.params()'), 'parameters');
  const train = await rounds(5, ['bench.oursTrain(200)', 'bench.convnetTrain(1000)', "bench.tfTrain('cpu', 10)"]);
  line('browser-train-lenet5-ours', train.value[0], 'images/s');
  line('browser-train-lenet5-convnetjs', train.value[1], 'images/s');
  line('browser-train-lenet5-tfjs-cpu', train.value[2], 'images/s');
  line('browser-train-ratio-vs-convnetjs', train.ratioOfFirst[1], 'x');
  line('browser-train-ratio-vs-tfjs-cpu', train.ratioOfFirst[2], 'x');
  }
  if (want('gpt')) {
  // The page's default GPT, trained in the page: ours against each TF.js
  // backend that can train it (one that cannot scores 0 and is left out).
  const backends = [];
  for (const b of ['cpu', 'wasm']) if (await run(`bench.tfGptTrain('${b}', 2)`) > 0) backends.push(b);
  const r = await rounds(3, ['bench.oursGptTrain(20)', ...backends.map((b) => `bench.tfGptTrain('${b}', 8)`)]);
  line('browser-train-gpt-ours', r.value[0], 'chars/s');
  backends.forEach((b, i) => {
    line(`browser-train-gpt-tfjs-${b}`, r.value[i + 1], 'chars/s');
    line(`browser-train-gpt-ratio-vs-tfjs-${b}`, r.ratioOfFirst[i + 1], 'x');
  });
  }
  if (want('generate')) {
  // The shipped Shakespeare GPT writing its whole window (127 characters
  // after a newline), greedily: ours against onnxruntime-web on the same weights.
  line('browser-generate-gpt-greedy-chars-agreeing-of-127', await run('bench.genAgree(127)'), 'chars');
  const rate = await rounds(5, ["bench.genRate('ours', 127)", "bench.genRate('ort', 127)"]);
  line('browser-generate-gpt-ours', rate.value[0], 'chars/s');
  line('browser-generate-gpt-onnxruntime-web', rate.value[1], 'chars/s');
  line('browser-generate-gpt-ratio-vs-onnxruntime-web', rate.ratioOfFirst[1], 'x');
  line('browser-generate-gpt-ms-per-char-ours', 1000 / rate.value[0], 'ms');
  line('browser-generate-gpt-ms-per-char-onnxruntime-web', 1000 / rate.value[1], 'ms');
  }
  if (want('digits')) {
  // "Draw me a 7": one guided 50-step DDIM drawing in the page (100 network
  // calls), ours and onnxruntime-web 1.30 (wasm, SIMD, 1 thread) on the same U-Net.
  const d = await rounds(5, ['bench.digitsDraw(50)', 'bench.digitsDrawOrt(50)']);
  line('browser-diffusion-digits-draw-50-steps-ours', d.value[0], 'ms');
  line('browser-diffusion-digits-draw-50-steps-ort', d.value[1], 'ms');
  // Speed as drawings per second: the ratio is ours over theirs, above 1 when ours is faster.
  line('browser-diffusion-digits-draw-ratio-vs-ort', 1 / d.ratioOfFirst[1], 'x');
  line('browser-diffusion-digits-max-pixel-difference-vs-ort', await run('bench.digitsAgree(50)'), 'pixels');
  }
  if (want('diffusion')) {
  // The diffusion chapter's 2-D model, trained for the page's default 10,000 steps.
  const d = await rounds(3, ['bench.diffusion2dTrain(10000)']);
  line('browser-diffusion-2d-train-10k-steps', d.value[0], 's');
  }
  if (want('depth')) {
  // The ResNet page's default race: plain and residual, 8 and 20 layers, a step each per round.
  const d = await rounds(3, ['bench.depthRace(300)']);
  line('browser-train-resnet-depth', d.value[0], 'rounds/s');
  }
  if (want('edges')) {
  // The "edges emerge" page's sparse coding: 64 filters, batches of 100 patches.
  const d = await rounds(3, ['bench.edgesLearn(300)']);
  line('browser-edges-emerge-learn', d.value[0], 'batches/s');
  // And the time of the page's 600-batch run at that speed.
  line('browser-edges-emerge-run', 600 / d.value[0], 's');
  }
  if (want('systolic')) {
  // The TPU page's simulator: a 256 × 256 array on a 1,024 × 256 by 256 × 256 product.
  const d = await rounds(3, ['bench.systolicCycles()']);
  line('browser-systolic-256', d.value[0], 'cycles/s');
  const r = await rounds(3, ['bench.roofPeak() / 1e9', 'bench.roofBandwidth() / 1e9']);
  line('browser-roofline-peak', r.value[0], 'GFLOP/s');
  line('browser-roofline-bandwidth', r.value[1], 'GB/s');
  }
  if (want('int8')) {
  // The bits page's integer LeNet-5 (8 × 8 → 32-bit multiply-adds) against the float one.
  const d = await rounds(5, ['bench.bitsInfer(true)', 'bench.bitsInfer(false)']);
  line('browser-infer-lenet5-int8-ours', d.value[0], 'images/s');
  line('browser-infer-lenet5-int8-float', d.value[1], 'images/s');
  line('browser-infer-lenet5-int8-ratio-vs-float', d.ratioOfFirst[1], 'x');
  }
  if (want('scaling')) {
  // The scaling page's six models, 100,000 characters each, on one thread
  // (the page spreads them over two to four workers).
  const d = await rounds(3, ['bench.scalingSweep(100000)']);
  line('browser-scaling-sweep-100k-one-thread', d.value[0], 's');
  }
  if (want('games')) {
  // The games page's tree search, from the empty board.
  const d = await rounds(3, ['bench.playouts(200000)', 'bench.simulations(50000)']);
  line('browser-games-playouts', d.value[0], 'playouts/s');
  line('browser-selfplay-simulations', d.value[1], 'simulations/s');
  }
  if (want('useful')) {
  const d = await rounds(3, ['bench.stepByStepRun()', 'bench.expertsRun()']);
  line('browser-step-by-step-default', d.value[0], 's');
  line('browser-experts-default', d.value[1], 's');
  }
  if (want('concept')) {
  // The cat-neuron page's autoencoder: its 3,000 batches of 64 digits.
  const d = await rounds(3, ['bench.conceptTrain(300)']);
  line('browser-train-concept-neuron', d.value[0], 'batches/s');
  line('browser-train-concept-neuron-run', 3000 / d.value[0], 's');
  }
  if (want('infer')) {
  const infer = await rounds(15, ['bench.oursInfer(100)', "bench.tfInfer('wasm', 60, 32)"]);
  line('browser-infer-lenet5-ours', infer.value[0], 'images/s');
  line('browser-infer-lenet5-tfjs-wasm', infer.value[1], 'images/s');
  line('browser-infer-ratio-vs-tfjs-wasm', infer.ratioOfFirst[1], 'x');
  const single = await rounds(15, ['1000 / bench.oursLatency(1000)', "bench.tfInfer('wasm', 500, 1)"]);
  line('browser-latency-lenet5-ours', 1000 / single.value[0], 'ms');
  line('browser-latency-lenet5-tfjs-wasm', 1000 / single.value[1], 'ms');
  line('browser-latency-ratio-tfjs-over-ours', single.ratioOfFirst[1], 'x');
  }
  if (want('accuracy')) line('browser-time-to-98pct-test-accuracy', await run('bench.oursTimeTo98()'), 's');
  if (want('words')) {
  const analogy = await rounds(3, ['bench.analogyMs(200)']);
  line('browser-analogy-query-20k-words', analogy.value[0], 'ms');
  const w2v = await rounds(3, ['bench.word2vec()']);
  line('browser-word2vec-train', w2v.value[0], 'words/s');
  }
  if (want('layers')) console.log(`# our forward pass by layer (us per batch of 32): ${await run('bench.oursLayers(200)')}`);
} finally {
  await browser.close();
  server.stop();
}

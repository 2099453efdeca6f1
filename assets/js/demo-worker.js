// A module worker that runs one demo's wasm off the main thread, so long work
// (training) never freezes the page. Started by a demo as
//   new Worker(<book>/demos/worker.js?demo=<name>, { type: 'module' })
// It loads that demo's wasm-bindgen module and hands control to its
// `worker_main`, which answers messages; it posts {type: 'ready'} when it can.
const name = new URL(self.location.href).searchParams.get('demo') || '';
try {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad demo name "${name}"`);
  const mod = await import(`./${name}/${name}.js`);
  await mod.default({ module_or_path: new URL(`./${name}/${name}_bg.wasm`, import.meta.url) });
  mod.worker_main();
  self.postMessage({ type: 'ready' });
} catch (err) {
  self.postMessage({ type: 'error', message: String(err && err.message ? err.message : err) });
}

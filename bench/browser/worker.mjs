// The benchmark worker of bench/bench_browser.mjs: loads the `normlab_bench_web` module (the
// browser build with the benchmark bindings) and runs bench/wasm_suite.mjs, as the site's engine
// worker runs its module. Messages: {type: 'log', text} while it runs, then {type: 'done', result}
// or {type: 'error', message}.
import createNormLab from './normlab_bench.mjs';
import { runWasmSuite } from './wasm_suite.mjs';

self.onmessage = async (event) => {
  try {
    const mod = await createNormLab();
    const log = (text) => self.postMessage({ type: 'log', text });
    const result = runWasmSuite(mod, { quick: !!event.data?.quick, log });
    self.postMessage({ type: 'done', result, isolated: self.crossOriginIsolated });
  } catch (e) {
    self.postMessage({ type: 'error', message: String(e?.message ?? e) });
  }
};

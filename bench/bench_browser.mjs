// The WASM benchmarks in the learner's browser, beside the same benchmarks under Node, in one run:
// bench/wasm_suite.mjs runs in a worker of headless Chromium (the `normlab_bench_web` build: the
// browser module plus the benchmark bindings, served cross-origin isolated so the worker's clock
// has 5 µs resolution, not 100 µs) and then under Node (the Node build). It also measures the home
// page's time to a usable demo: from navigation start to the RMSNorm demo's first output computed
// in its worker (the built site in web/dist; a first visit in a fresh browser context, and a
// repeat visit served by the service worker).
//   node bench/bench_browser.mjs [--quick] [--out file.json]
// Prints a table, then each model family's training step (time, matrix-product GFLOP, share of the
// floor counting the GEMMs only and counting attention's products over the whole T × T too: issue
// 19), and the suite's progress on stderr; --out writes
//   {chromium: {...suite, cross_origin_isolated}, node: {...suite}, chromium_version,
//    home_demo_ms: {first_visit: [..], repeat_visit: [..], first_visit_median, repeat_visit_median}}
// Build first: scripts/build.sh, and cmake --build --preset wasm --target normlab_bench_web
// (scripts/bench.sh does both).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, distDir } from '../tests/e2e/browser.mjs';
import { startStaticServer } from '../tests/e2e/static-server.mjs';
import { loadNormLabNode, repoRoot } from '../tests/lib/wasm-node.mjs';
import { PROFILED_MODELS, runWasmSuite } from './wasm_suite.mjs';
import { median } from '../tests/lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const outPath = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : null;
const benchBuild = path.join(repoRoot, 'build/wasm/bench-web');
const log = (text) => process.stderr.write(`${text}\n`);

// the suite in a worker of a cross-origin-isolated page
async function chromiumSuite(browser) {
  for (const f of ['normlab_bench.mjs', 'normlab_bench.wasm'])
    if (!fs.existsSync(path.join(benchBuild, f)))
      throw new Error(`no ${f} in ${benchBuild}: cmake --build --preset wasm --target normlab_bench_web`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-bench-'));
  try {
    for (const f of ['normlab_bench.mjs', 'normlab_bench.wasm'])
      fs.copyFileSync(path.join(benchBuild, f), path.join(dir, f));
    for (const f of ['browser/index.html', 'browser/worker.mjs', 'wasm_suite.mjs'])
      fs.copyFileSync(path.join(here, f), path.join(dir, path.basename(f)));
    const server = await startStaticServer(dir, {
      prefix: '/bench/',
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    });
    try {
      const page = await (await browser.newContext()).newPage();
      page.on('console', (m) => log(`chromium: ${m.text()}`));
      await page.goto(`${server.url}index.html`);
      await page.waitForFunction(() => typeof window.runBench === 'function');
      return await page.evaluate((q) => window.runBench(q), quick);
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ms from navigation start until the demo's first computed output is on the page (the moment the
// tests call the home page usable), recorded by a MutationObserver so polling adds nothing
const READY_PROBE = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('#demo section[data-state="ready"]')) {
      window.__demoReadyMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

async function demoReady(page) {
  await page.waitForFunction(() => window.__demoReadyMs !== undefined, null, { timeout: 60000 });
  return page.evaluate(() => window.__demoReadyMs);
}

async function homeDemo(browser, visits) {
  if (!fs.existsSync(path.join(distDir, 'index.html')))
    throw new Error(`no built site at ${distDir}: run scripts/build.sh`);
  const server = await startStaticServer(distDir);
  const first = [];
  const repeat = [];
  try {
    for (let i = 0; i < visits; i++) {
      const context = await browser.newContext();
      await context.addInitScript(READY_PROBE);
      const page = await context.newPage();
      await page.goto(server.url);
      first.push(await demoReady(page));
      // the service worker has cached the site: the next visit is served from it
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, {
        timeout: 60000,
      });
      await page.reload();
      repeat.push(await demoReady(page));
      await context.close();
    }
  } finally {
    await server.close();
  }
  return {
    first_visit: first,
    repeat_visit: repeat,
    first_visit_median: median(first),
    repeat_visit_median: median(repeat),
  };
}

const browser = await launchChromium();
const chromiumVersion = browser.version();
let chromium;
let home;
try {
  log(`== Chromium ${chromiumVersion}: the WASM suite in a worker`);
  chromium = await chromiumSuite(browser);
  log('== Chromium: the home page until the demo is usable');
  home = await homeDemo(browser, quick ? 3 : 5);
} finally {
  await browser.close();
}
log(`== Node ${process.version}: the same suite`);
const node = runWasmSuite(await loadNormLabNode(), { quick, log });

const result = { chromium, node, chromium_version: chromiumVersion, home_demo_ms: home, load_average: os.loadavg() };
if (outPath) fs.writeFileSync(outPath, `${JSON.stringify(result, null, 1)}\n`);

const cell = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '-').padStart(9);
const rows = [
  ['GEMM 64x256x256 (nt)', 'GFLOP/s', (r) => r.gemm_64x256x256_gflops],
  ['mlp12x256 step, no norm (best)', 'ms', (r) => r.mlp12x256_step_best_ms.none],
  ['mlp12x256 step, LN (best)', 'ms', (r) => r.mlp12x256_step_best_ms.layer],
  ['mlp12x256 step, RMS (best)', 'ms', (r) => r.mlp12x256_step_best_ms.rms],
  ['charlm_2x256 step (best)', 'ms', (r) => r.charlm_2x256_step_ms],
  ['LayerNorm fwd 32768x768', 'GB/s', (r) => r.layernorm_fwd_gbps],
  ['RMSNorm fwd 32768x768', 'GB/s', (r) => r.rmsnorm_fwd_gbps],
  ['stream triad', 'GB/s', (r) => r.triad_gbps],
];
console.log(
  `\nWASM in a browser worker vs under Node (one run; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
console.log(`${'benchmark'.padEnd(32)}${'unit'.padEnd(9)}${'Chromium'.padStart(9)}${'Node'.padStart(9)}`);
for (const [name, unit, get] of rows)
  console.log(`${name.padEnd(32)}${unit.padEnd(9)}${cell(get(chromium))}${cell(get(node))}`);
// issue 19's figure per model family, in both engines: best step, matmul GFLOP a step, share of the
// floor (median of the interleaved pairs, each against its own reference, with quartiles), the floor
// counting the GEMMs only ("GEMMs") and the GEMMs plus attention's products over the whole T × T, as
// the figures count them ("+attn"; the same as "GEMMs" for models without attention)
const pct = (v) => `${(100 * v).toFixed(0)}`;
const shareCell = (p) => `${pct(p.share_of_floor_median)} % (${pct(p.share_of_floor_q1)}-${pct(p.share_of_floor_q3)})`;
const attentionCell = (p) =>
  `${pct(p.share_with_attention_median)} % (${pct(p.share_with_attention_q1)}-${pct(p.share_with_attention_q3)})`;
console.log(`\nTraining step per model (share of floor: median of pairs, quartiles)`);
console.log(
  `${'model'.padEnd(14)}${'GFLOP'.padStart(7)}${'+attn'.padStart(7)}${'Chromium ms'.padStart(13)}` +
    `${'GEMMs'.padStart(16)}${'+attn'.padStart(16)}${'Node ms'.padStart(10)}${'GEMMs'.padStart(16)}${'+attn'.padStart(16)}`,
);
for (const model of PROFILED_MODELS) {
  const c = chromium.step_profile[model];
  const n = node.step_profile[model];
  console.log(
    `${model.padEnd(14)}${c.matmul_gflop_per_step.toFixed(3).padStart(7)}` +
      `${c.attention_full_gflop_per_step.toFixed(3).padStart(7)}${c.step_ms_best.toFixed(1).padStart(13)}` +
      `${shareCell(c).padStart(16)}${attentionCell(c).padStart(16)}${n.step_ms_best.toFixed(1).padStart(10)}` +
      `${shareCell(n).padStart(16)}${attentionCell(n).padStart(16)}`,
  );
}
console.log(
  `home page to a usable demo (median of ${home.first_visit.length}): first visit ${home.first_visit_median.toFixed(0)} ms, ` +
    `repeat visit (service worker) ${home.repeat_visit_median.toFixed(0)} ms`,
);
if (!chromium.cross_origin_isolated)
  console.log('note: the benchmark page was not cross-origin isolated: the worker clock is coarse');

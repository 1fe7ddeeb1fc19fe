// WASM throughput of the normalization kernels under Node, next to a WASM stream triad.
// Loads the CommonJS Emscripten build (build/wasm/node/normlab_node.js) and calls the
// bench bindings (wasm/bindings/node_only/bench_bindings.cpp), which time the kernels inside C++ so
// no JS <-> WASM copies are measured. Prints one JSON object on stdout:
//   {triad_gbps, layernorm_fwd_gbps, rmsnorm_fwd_gbps, norms: {layernorm: {"32768x768":
//    {fwd_ms, fwd_gbps, fwdbwd_ms, fwdbwd_gbps}, ...}, ...}}
// Bytes per element as in bench/bench_norms.cpp: forward 8 (read x, write y), forward+backward
// 24 (+ read dy, read x, read and write dx), triad 12.
//
//   node bench/bench_norms_wasm.mjs [--quick]
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { bestSeconds } from './wasm_suite.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(repoRoot, 'build/wasm/node');
const quick = process.argv.includes('--quick');

async function loadModule() {
  const gluePath = path.join(buildDir, 'normlab_node.js');
  const wasmPath = path.join(buildDir, 'normlab_node.wasm');
  if (!existsSync(gluePath) || !existsSync(wasmPath)) {
    throw new Error(`no WASM Node build at ${buildDir} (cmake --preset wasm && cmake --build --preset wasm)`);
  }
  const require = createRequire(import.meta.url);
  const createNormLab = require(gluePath);
  // Emscripten 3.1.6 would fetch() a file path under Node 20: hand it the binary instead.
  return createNormLab({ wasmBinary: readFileSync(wasmPath) });
}

// Seconds per iteration: iterations sized to ~targetSeconds, best of `repeats` runs.
function measure(run, targetSeconds = quick ? 0.1 : 0.4, repeats = quick ? 2 : 3) {
  return bestSeconds(run, targetSeconds, repeats);
}

const gbps = (bytes, seconds) => bytes / seconds / 1e9;

async function main() {
  const m = await loadModule();
  if (typeof m.benchNorm !== 'function' || typeof m.benchTriad !== 'function') {
    throw new Error('this WASM build has no benchNorm/benchTriad (wasm/bindings/node_only/bench_bindings.cpp)');
  }
  const streamElements = 32 * 1024 * 1024;  // 3 x 128 MiB, beyond any cache
  const triadSeconds = measure((iters) => m.benchTriad(streamElements, iters));
  const result = { triad_gbps: gbps(12 * streamElements, triadSeconds), norms: {} };

  const shapes = [[32768, 768]];
  for (const d of [64, 256, 1024, 4096]) shapes.push([(4 << 20) / d, d]);
  const kinds = { layernorm: 'layer', rmsnorm: 'rms', batchnorm: 'batch', groupnorm: 'group' };
  for (const [name, kind] of Object.entries(kinds)) {
    result.norms[name] = {};
    for (const [rows, d] of shapes) {
      const n = rows * d;
      const fwd = measure((iters) => m.benchNorm(kind, rows, d, iters, false));
      const fwdbwd = measure((iters) => m.benchNorm(kind, rows, d, iters, true));
      result.norms[name][`${rows}x${d}`] = {
        fwd_ms: fwd * 1e3, fwd_gbps: gbps(8 * n, fwd),
        fwdbwd_ms: fwdbwd * 1e3, fwdbwd_gbps: gbps(24 * n, fwdbwd),
      };
      process.stderr.write(`wasm ${name} ${rows}x${d}: fwd ${gbps(8 * n, fwd).toFixed(2)} GB/s, ` +
                           `fwd+bwd ${gbps(24 * n, fwdbwd).toFixed(2)} GB/s\n`);
    }
  }
  result.layernorm_fwd_gbps = result.norms.layernorm['32768x768'].fwd_gbps;
  result.rmsnorm_fwd_gbps = result.norms.rmsnorm['32768x768'].fwd_gbps;
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench_norms_wasm: ${e.message}\n`);
  process.exit(1);
});

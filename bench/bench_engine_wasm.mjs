// Engine A benchmarks of the WASM build under Node: GEMM GFLOP/s on 64x256x256 (nn, nt, tn) and
// the mlp12x256 training step (batch 64, SGD) for norm none / layer / rms. Timing is done in C++
// (wasm/bindings/node_only/engine_bench_bindings.cpp).
//   node bench/bench_engine_wasm.mjs [nodeBuildDir] [--json]
// Prints a table, or with --json one JSON object:
//   {"gemm_64x256x256_gflops": .., "gemm_64x256x256_gflops_by_variant": {..},
//    "mlp12x256_step_ms": {"none": .., "layer": .., "rms": ..}, "mlp12x256_step_best_ms": {..}}
// (step_ms: mean wall time of 30 steps; best_ms: the fastest of them — stable on a busy machine)
import path from 'node:path';
import { loadNormLabNode, repoRoot } from '../tests/lib/wasm-node.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dirArg = args.find((a) => !a.startsWith('--'));
const mod = await loadNormLabNode(dirArg ? path.resolve(repoRoot, dirArg) : undefined);

function call(name, ...a) {
  const r = mod[name](...a);
  if (r && r.error) throw new Error(`${name}: ${r.error}`);
  return r;
}

const byVariant = {};
for (const v of ['nn', 'nt', 'tn']) byVariant[v] = call('benchGemm', v, 64, 256, 256, 200).gflops;
// the headline number: the forward product of a Linear layer (nt), as in bench_engine.cpp
const gemm = byVariant.nt;
const step = {};
const stepBest = {};
for (const norm of ['none', 'layer', 'rms']) {
  const r = call('benchMlpStep', norm, 30);
  step[norm] = r.ms;
  stepBest[norm] = r.best_ms;
}

const out = {
  gemm_64x256x256_gflops: gemm,
  gemm_64x256x256_gflops_by_variant: byVariant,
  mlp12x256_step_ms: step,
  mlp12x256_step_best_ms: stepBest,
};
if (json) {
  console.log(JSON.stringify(out));
} else {
  for (const v of Object.keys(byVariant)) console.log(`gemm_${v} 64x256x256: ${byVariant[v].toFixed(2)} GFLOP/s`);
  for (const n of Object.keys(step)) {
    console.log(`mlp12x256 step, norm ${n}: ${step[n].toFixed(2)} ms (best ${stepBest[n].toFixed(2)} ms)`);
  }
}

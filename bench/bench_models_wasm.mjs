// Engine B benchmark of the WASM build under Node: one training step of the char transformer
// charlm_2x256 (2 Pre-LN blocks, d 256, 4 heads, context 64, batch 16, AdamW). Timing is done in
// C++ (wasm/bindings/node_only/model_bench_bindings.cpp).
//   node bench/bench_models_wasm.mjs [nodeBuildDir] [--json] [--quick]
// Prints a line, or with --json one JSON object:
//   {"charlm_2x256_step_ms": <best step>, "charlm_2x256_mean_step_ms": <mean step>}
import path from 'node:path';
import { loadNormLabNode, repoRoot } from '../tests/lib/wasm-node.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const dirArg = args.find((a) => !a.startsWith('--'));
const mod = await loadNormLabNode(dirArg ? path.resolve(repoRoot, dirArg) : undefined);

const r = mod.benchCharLmStep(quick ? 3 : 10);
if (r && r.error) throw new Error(`benchCharLmStep: ${r.error}`);

// best step, as the native benchmark's best_ms: the stable number on a shared machine
const out = { charlm_2x256_step_ms: r.best_ms, charlm_2x256_mean_step_ms: r.ms };
if (json) {
  console.log(JSON.stringify(out));
} else {
  console.log(`charlm_2x256 step: best ${r.best_ms.toFixed(1)} ms, mean ${r.ms.toFixed(1)} ms`);
}

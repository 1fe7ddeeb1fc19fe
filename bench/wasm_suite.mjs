// The WASM benchmark suite that runs unchanged under Node and in a browser worker (bench/browser/):
// GEMM 64x256x256, the mlp12x256 and charlm_2x256 training steps, LayerNorm/RMSNorm forward on
// (32768, 768) next to the stream triad. It only calls the benchmark bindings of a module built
// with wasm/bindings/node_only/ (the Node build, or the `normlab_bench_web` target); timing is
// done inside C++ (steady_clock), so what differs between the columns is the JS engine and the
// host, not the harness.
//   runWasmSuite(mod, { quick, log }) -> {gemm_64x256x256_gflops, mlp12x256_step_ms: {none, layer,
//     rms}, mlp12x256_step_best_ms, charlm_2x256_step_ms, charlm_2x256_mean_step_ms,
//     layernorm_fwd_gbps, rmsnorm_fwd_gbps, triad_gbps, step_profile: {model: {...}}}
// step_profile is issue 19's per-model figure (bench/profile/step_profile.h through profileSteps):
// each model family's best step time, its matrix-product GFLOP a step and its share of the GEMM
// floor (median and quartiles over interleaved (reference, step) pairs), with the time by kind of op.

function call(mod, name, ...args) {
  const r = mod[name](...args);
  if (r && r.error) throw new Error(`${name}: ${r.error}`);
  return r;
}

// best seconds per iteration of `run(iters)` (a binding that returns seconds per iteration) over
// `repeats` timed batches of about `targetSeconds` (bench/bench_norms_wasm.mjs measures with it too)
export function bestSeconds(run, targetSeconds, repeats) {
  const once = run(1);
  if (!Number.isFinite(once)) throw new Error('the bench binding rejected its arguments');
  const iters = Math.max(1, Math.ceil(targetSeconds / Math.max(once, 1e-6)));
  let best = Infinity;
  for (let r = 0; r < repeats; r++) best = Math.min(best, run(iters));
  return best;
}

export function runWasmSuite(mod, { quick = false, log = () => {} } = {}) {
  const target = quick ? 0.1 : 0.4;
  const repeats = quick ? 2 : 3;
  const out = {};
  out.gemm_64x256x256_gflops = call(mod, 'benchGemm', 'nt', 64, 256, 256, 200).gflops;
  log(`gemm_nt 64x256x256: ${out.gemm_64x256x256_gflops.toFixed(2)} GFLOP/s`);
  out.mlp12x256_step_ms = {};
  out.mlp12x256_step_best_ms = {};
  for (const norm of ['none', 'layer', 'rms']) {
    const r = call(mod, 'benchMlpStep', norm, quick ? 10 : 30);
    out.mlp12x256_step_ms[norm] = r.ms;
    out.mlp12x256_step_best_ms[norm] = r.best_ms;
    log(`mlp12x256 step, norm ${norm}: ${r.ms.toFixed(2)} ms (best ${r.best_ms.toFixed(2)} ms)`);
  }
  const lm = call(mod, 'benchCharLmStep', quick ? 3 : 10);
  out.charlm_2x256_step_ms = lm.best_ms;
  out.charlm_2x256_mean_step_ms = lm.ms;
  log(`charlm_2x256 step: best ${lm.best_ms.toFixed(1)} ms, mean ${lm.ms.toFixed(1)} ms`);
  const stream = 32 * 1024 * 1024; // 3 x 128 MiB, beyond any cache
  out.triad_gbps = (12 * stream) / bestSeconds((it) => mod.benchTriad(stream, it), target, repeats) / 1e9;
  const [rows, d] = [32768, 768];
  for (const [key, kind] of [
    ['layernorm_fwd_gbps', 'layer'],
    ['rmsnorm_fwd_gbps', 'rms'],
  ]) {
    const s = bestSeconds((it) => mod.benchNorm(kind, rows, d, it, false), target, repeats);
    out[key] = (8 * rows * d) / s / 1e9; // read x, write y: 8 bytes per element
    log(`${kind}norm fwd ${rows}x${d}: ${out[key].toFixed(2)} GB/s (triad ${out.triad_gbps.toFixed(2)} GB/s)`);
  }
  out.step_profile = stepProfile(mod, quick ? 8 : 20, out.gemm_64x256x256_gflops, log);
  return out;
}

export const PROFILED_MODELS = ['mlp12x256', 'charlm_4x64', 'charlm_2x256', 'cnn16'];

// the per-model summary of profileSteps: what the README's share-of-floor table needs
function stepProfile(mod, steps, referenceGflops, log) {
  const profile = JSON.parse(call(mod, 'profileSteps', PROFILED_MODELS.join(','), steps, referenceGflops).json);
  const out = {};
  for (const [model, p] of Object.entries(profile.models)) {
    out[model] = {
      step_ms_best: p.step_ms_best,
      matmul_gflop_per_step: p.matmul_gflop_per_step,
      share_of_floor_median: p.share_pairs.median,
      share_of_floor_q1: p.share_pairs.q1,
      share_of_floor_q3: p.share_pairs.q3,
      pairs: p.share_pairs.pairs,
      reference_gflops_median: p.share_pairs.reference_gflops_median,
      share_by_kind: p.share_by_kind,
      attention_gflop_per_step: p.attention_gflop_per_step,
      // the floor counting attention's products over the whole T × T too, as the figures do
      attention_full_gflop_per_step: p.attention_full_gflop_per_step,
      share_with_attention_median: p.share_pairs_with_attention.median,
      share_with_attention_q1: p.share_pairs_with_attention.q1,
      share_with_attention_q3: p.share_pairs_with_attention.q3,
      ops: p.ops, // the per-op rows (op, shape, calls, ms, share, gflops), as profile_wasm.mjs prints them
    };
    log(
      `${model} step: best ${p.step_ms_best.toFixed(1)} ms, share of floor ${(100 * p.share_pairs.median).toFixed(0)} % ` +
        `(quartiles ${(100 * p.share_pairs.q1).toFixed(0)}-${(100 * p.share_pairs.q3).toFixed(0)} %)` +
        (p.attention_full_gflop_per_step > 0
          ? `, with attention's products (T x T) ${(100 * p.share_pairs_with_attention.median).toFixed(0)} %`
          : ''),
    );
  }
  return out;
}

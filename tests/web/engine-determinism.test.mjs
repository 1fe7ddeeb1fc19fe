// Same seed, same run, natively and in WASM: a 50-step MLP training run is executed by the native
// tracer (build/native/normlab_engine_trace, or $NORMLAB_NATIVE_BUILD/normlab_engine_trace) and by
// the Node WASM build (trainMlpLossCurve), and every step's loss must agree within 1e-5 relative.
// $NORMLAB_WASM_NODE_DIR selects another Node WASM build directory (default build/wasm/node).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadNormLabNode, repoRoot } from '../lib/wasm-node.mjs';

const nativeDir = process.env.NORMLAB_NATIVE_BUILD
  ? path.resolve(repoRoot, process.env.NORMLAB_NATIVE_BUILD)
  : path.join(repoRoot, 'build/native');
const tracer = path.join(nativeDir, 'normlab_engine_trace');

let mod;
before(async () => {
  mod = await loadNormLabNode(
    process.env.NORMLAB_WASM_NODE_DIR ? path.resolve(repoRoot, process.env.NORMLAB_WASM_NODE_DIR) : undefined,
  );
});

function nativeLosses(settings) {
  assert.ok(existsSync(tracer), `native tracer missing at ${tracer}: run scripts/build.sh`);
  const out = JSON.parse(execFileSync(tracer, [JSON.stringify(settings)], { encoding: 'utf8' }));
  assert.ok(!out.error, `native run failed: ${out.error}`);
  return out.losses;
}

function wasmLosses(settings) {
  const r = mod.trainMlpLossCurve(settings);
  assert.ok(!r.error, `WASM run failed: ${r.error}`);
  assert.ok(r.losses instanceof Float32Array);
  return Array.from(r.losses);
}

const base = {
  input_dim: 8,
  num_classes: 4,
  num_samples: 512,
  hidden_dim: 32,
  num_layers: 3,
  batch_size: 32,
  steps: 50,
  seed: 11,
};
const configs = [
  { ...base, norm: 'none', optimizer: 'sgd', lr: 0.1, momentum: 0.9 },
  { ...base, norm: 'layer', activation: 'gelu', optimizer: 'adam', lr: 0.003, schedule: 'cosine', warmup_steps: 5 },
  {
    ...base,
    norm: 'batch',
    norm_position: 'after_activation',
    activation: 'tanh',
    optimizer: 'adamw',
    lr: 0.01,
    weight_decay: 0.01,
    data: 'gaussian_mixture',
    init: 'kaiming_normal',
  },
  { ...base, norm: 'rms', optimizer: 'sgd', lr: 0.05, clip_grad_norm: 0.5, init: 'xavier_uniform' },
];

for (const settings of configs) {
  test(`native and WASM losses agree for 50 steps: norm=${settings.norm} ${settings.optimizer}`, () => {
    const n = nativeLosses(settings);
    const w = wasmLosses(settings);
    assert.equal(n.length, 50);
    assert.equal(w.length, 50);
    for (let i = 0; i < 50; i++) {
      assert.ok(Number.isFinite(n[i]) && Number.isFinite(w[i]), `step ${i}: non-finite loss`);
      const rel = Math.abs(n[i] - w[i]) / Math.max(Math.abs(n[i]), 1e-12);
      assert.ok(rel <= 1e-5, `step ${i}: native ${n[i]} vs WASM ${w[i]} (relative ${rel})`);
    }
    assert.ok(n[49] < n[0], 'the run should learn something');
  });
}

test('a bad configuration is an error, natively and in WASM, with the same message', () => {
  const bad = { ...base, lr: -1 };
  const r = mod.trainMlpLossCurve(bad);
  assert.match(r.error, /learning rate must be a finite number >= 0/);
  let native;
  try {
    execFileSync(tracer, [JSON.stringify(bad)], { encoding: 'utf8' });
  } catch (e) {
    native = JSON.parse(e.stdout);
  }
  assert.equal(native?.error, r.error);
  assert.match(mod.trainMlpLossCurve({ ...base, hidden_dim: 0 }).error, /hidden_dim must be >= 1/);
  assert.match(mod.trainMlpLossCurve({ ...base, nonsense: 1 }).error, /unknown setting 'nonsense'/);
});

// The MLP experiments (signal, norm-ablation, bn-eval) through the Node WASM build, as the site's
// worker runs them: resolve in quick mode, plan, run every job in slices, assemble the outputs, and
// build the chart series of each page. The claims that are properties of the maths must hold in
// WASM too. NORMLAB_WASM_NODE_DIR selects another Node build directory (relative to the repository;
// default build/wasm/node).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadNormLabNode, repoRoot } from '../lib/wasm-node.mjs';
import { makeOps } from '../../web/src/engine/ops.js';
import { runExperimentJobs } from '../lib/run-experiment.mjs';
import { buildSeries } from '../../web/src/views/lab/series.js';
import { chartSpecsFor } from '../../web/src/views/lab/chart-specs.js';

let wasm;
let ops;
const buildDir = process.env.NORMLAB_WASM_NODE_DIR
  ? path.resolve(repoRoot, process.env.NORMLAB_WASM_NODE_DIR)
  : undefined;
before(async () => {
  wasm = await loadNormLabNode(buildDir);
  ops = makeOps(wasm);
});

async function runAll(id, settings = {}) {
  const config = ops.resolveConfig({ id, settings, quick: true });
  const jobs = await runExperimentJobs(wasm, ops, id, config);
  const outputs = ops.outputs({ id, config, results: jobs.map((j) => j.result), date: '2026-01-01T00:00:00Z' });
  assert.equal(outputs.manifest.build_target, 'wasm');
  assert.equal(outputs.manifest.id, id);
  assert.ok(outputs.summary.length > 0);
  for (const c of outputs.summary) {
    assert.ok(c.claim && c.observed && (typeof c.holds === 'boolean' || c.holds === null));
    // quick mode runs one seed: an empirical claim is only indicative; exact ones are decided
    if (c.kind === 'empirical') {
      assert.equal(c.verdict, 'indicative', c.claim);
      assert.equal(c.seeds, config.seeds, c.claim);
      assert.ok(c.rule && Array.isArray(c.spread), c.claim);
    }
  }
  // every chart of the page gets one non-empty series per variant
  for (const spec of chartSpecsFor(id)) {
    const series = buildSeries(jobs, spec, config);
    assert.equal(series.length, new Set(jobs.map((j) => j.variant)).size, `${id}/${spec.id}`);
    for (const s of series) assert.ok(s.x.length + s.nonfinite.length > 0, `${id}/${spec.id}/${s.variant} has points`);
  }
  return { config, jobs, outputs };
}

const claimOf = (outputs, start) => outputs.summary.find((c) => c.claim.startsWith(start));

test('signal: default init collapses, RMSNorm holds the scale, N(0, 1) explodes (WASM)', async () => {
  const { config, jobs, outputs } = await runAll('signal');
  assert.deepEqual(
    jobs.map((j) => j.variant),
    ['pytorch_default/none', 'pytorch_default/rms', 'kaiming/none', 'kaiming/rms', 'normal/none', 'normal/rms'],
  );
  for (const j of jobs) assert.equal(j.points.act_std.length, config.layers + 1);
  const collapse = jobs.find((j) => j.variant === 'pytorch_default/none').result.metrics.act_std;
  assert.ok(collapse[config.layers] < 0.01 * collapse[0], `std at layer L ${collapse[config.layers]}`);
  // one seed: indicative, with the effect on the predicted side
  for (const start of ["PyTorch's default init", 'With RMSNorm', 'N(0, 1^2) init']) {
    const c = claimOf(outputs, start);
    assert.equal(c.verdict, 'indicative', start);
    assert.ok(c.effect > 0, `${start}: effect ${c.effect}`);
  }
  // paired: the variants of one init share their weights, all share the input
  const fp = (v, k) => jobs.find((j) => j.variant === v).result.metrics[k];
  assert.equal(fp('kaiming/none', 'weight_fingerprint'), fp('kaiming/rms', 'weight_fingerprint'));
  assert.equal(fp('kaiming/none', 'input_fingerprint'), fp('normal/none', 'input_fingerprint'));
});

test('norm-ablation: three paired variants with step times and held-out losses (WASM)', async () => {
  const { config, jobs, outputs } = await runAll('norm-ablation', {
    steps: 20,
    hidden: 64,
    val_samples: 128,
    eval_every: 10,
  });
  assert.deepEqual(
    jobs.map((j) => j.variant),
    ['none', 'layer', 'rms'],
  );
  for (const j of jobs) {
    assert.equal(j.result.train_loss.length, config.steps);
    assert.equal(j.points.step_ms.length, config.steps);
    assert.deepEqual(j.points.eval_step, [0, 10, 20]);
  }
  const m = (v) => jobs.find((j) => j.variant === v).result.metrics;
  assert.equal(m('none').init_fingerprint, m('rms').init_fingerprint);
  assert.equal(m('none').first_batch_fingerprint, m('layer').first_batch_fingerprint);
  assert.ok('rms_step_time_saving_pct' in outputs.metrics);
  assert.ok(claimOf(outputs, 'All variants train'));
});

test('bn-eval: train mode at batch 1 outputs exactly beta; eval mode ignores the batch size (WASM)', async () => {
  const { config, jobs, outputs } = await runAll('bn-eval');
  const train = jobs.find((j) => j.variant === 'train').result;
  const evalRun = jobs.find((j) => j.variant === 'eval').result;
  const i1 = config.eval_batch_sizes.indexOf(1);
  assert.ok(i1 >= 0);
  assert.equal(train.metrics.max_abs_bn_minus_beta[i1], 0);
  assert.equal(train.metrics.first_bn_max_abs_minus_beta[i1], 0);
  assert.equal(train.metrics.logit_spread[i1], 0);
  assert.deepEqual(train.train_loss, evalRun.train_loss, 'both variants train the same model');
  for (const p of evalRun.metrics.predictions) assert.deepEqual(p, evalRun.metrics.predictions[0]);
  assert.equal(claimOf(outputs, 'Evaluating in train mode at batch 1').holds, true);
  assert.equal(claimOf(outputs, 'Eval mode gives the same predictions').holds, true);
});

test('the MLP experiments reject settings that would not fit in memory, naming them', () => {
  assert.throws(() => ops.resolveConfig({ id: 'signal', settings: { layers: 200, width: 4096 } }), /layers, width/);
  assert.throws(
    () => ops.resolveConfig({ id: 'norm-ablation', settings: { hidden: 4096, layers: 64 } }),
    /layers, hidden, batch/,
  );
  assert.throws(
    () => ops.resolveConfig({ id: 'bn-eval', settings: { eval_batch_sizes: [1, 2.5] } }),
    /eval_batch_sizes/,
  );
});

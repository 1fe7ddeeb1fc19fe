// The training experiments through the Node WASM build, as the site's worker runs them: bn-cnn in
// its full quick mode, norm-compare's quick mode (shortened) on a small synthetic text, and the
// chart series that group one point per job (final accuracy by learning rate).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNormLabNode } from '../lib/wasm-node.mjs';
import { makeOps, openJob } from '../../web/src/engine/ops.js';
import { runExperimentJobs, syntheticText } from '../lib/run-experiment.mjs';
import { buildSeries } from '../../web/src/views/lab/series.js';
import { chartSpecsFor } from '../../web/src/views/lab/chart-specs.js';

let wasm;
let ops;
before(async () => {
  wasm = await loadNormLabNode(process.env.NORMLAB_NODE_BUILD || undefined);
  ops = makeOps(wasm);
});

const runAll = (id, config, text = '') => runExperimentJobs(wasm, ops, id, config, text);

test('bn-cnn quick mode runs in WASM: accuracy per learning rate, claims from the data', async () => {
  const config = ops.resolveConfig({ id: 'bn-cnn', quick: true });
  const jobs = await runAll('bn-cnn', config);
  assert.equal(jobs.length, 2 * config.lrs.length);
  for (const j of jobs) {
    assert.equal(j.points.step.length, j.result.train_loss.length, 'every step was reported');
    if (j.result.diverged_at === null) {
      assert.equal(j.result.train_loss.length, config.steps);
      assert.ok(j.result.metrics.final_val_acc >= 0 && j.result.metrics.final_val_acc <= 1);
    }
  }
  // the same first batch for every variant of the seed (paired)
  assert.equal(new Set(jobs.map((j) => j.result.metrics.first_batch_fingerprint)).size, 1);
  const outputs = ops.outputs({
    id: 'bn-cnn',
    config,
    results: jobs.map((j) => j.result),
    date: '2026-01-01T00:00:00Z',
  });
  assert.equal(outputs.manifest.build_target, 'wasm');
  assert.equal(outputs.summary.length, 2);
  for (const c of outputs.summary) {
    // one seed in quick mode: indicative, decided over seeds only with 3 or more
    assert.equal(c.kind, 'empirical');
    assert.equal(c.verdict, 'indicative');
    assert.equal(c.holds, null);
    assert.equal(typeof c.effect, 'number');
    assert.match(c.observed, /quick mode/);
  }
  // the final-accuracy-by-lr chart: one series per norm, one point per learning rate
  const spec = chartSpecsFor('bn-cnn').find((s) => s.id === 'by-lr');
  const series = buildSeries(jobs, spec, config);
  assert.deepEqual(series.map((s) => s.variant).sort(), ['batch', 'none']);
  for (const s of series) assert.equal(s.x.length + s.nonfinite.length, config.lrs.length);
});

test('norm-compare quick mode (shortened) trains on a text in WASM', async () => {
  const config = ops.resolveConfig({ id: 'norm-compare', quick: true, settings: { steps: 20, eval_every: 10 } });
  assert.equal(config.d_model, 64);
  const text = syntheticText(20000);
  const jobs = await runAll('norm-compare', config, text);
  assert.deepEqual(
    jobs.map((j) => j.variant),
    ['none', 'post/layer', 'pre/layer', 'pre/rms'],
  );
  // At the default learning rate (3e-2) a variant may diverge: it then stops at its divergence
  // step with the step recorded; every other variant trains all 20 steps with its val points.
  const full = jobs.filter((j) => j.result.diverged_at === null);
  assert.ok(full.length >= 1, 'at least one variant trains to the end');
  for (const j of jobs) {
    assert.ok(j.result.metrics.median_step_ms > 0);
    if (j.result.diverged_at !== null) {
      assert.ok(j.result.diverged_at < 20, `${j.variant} diverged at ${j.result.diverged_at}`);
      assert.equal(j.result.train_loss.length, j.result.diverged_at + 1, `${j.variant} stops where it diverged`);
      continue;
    }
    assert.equal(j.result.train_loss.length, 20);
    assert.deepEqual(
      j.result.val_loss.map((v) => v[0]),
      [0, 10, 20],
    );
    assert.deepEqual(j.points.eval_step, [0, 10, 20]);
    assert.equal(j.points.final_val_loss.length, 1);
  }
  const outputs = ops.outputs({
    id: 'norm-compare',
    config,
    results: jobs.map((j) => j.result),
    date: '2026-01-01T00:00:00Z',
  });
  // no norm diverges, Post-LN unstable early, Post-LN ends above Pre-LN, RMSNorm converges, RMS ≈ LN
  assert.equal(outputs.summary.length, 5);
  assert.ok(
    outputs.summary.every((c) => c.observed.includes('d_model 64')),
    'the observation states the settings',
  );
  // a text shorter than the context is refused with a message naming the context
  assert.throws(
    () =>
      openJob(
        wasm,
        { experiment: 'norm-compare', config, variant: 'pre/rms', seed: 1 },
        'a text much shorter than the context of 64',
      ),
    /context: context length 64/,
  );
});

test('a chart can group jobs by something other than the variant', () => {
  const jobs = [
    { variant: 'batch lr=0.1', seed: 1, points: { lr: [0.1], final_val_acc: [0.9] } },
    { variant: 'batch lr=0.3', seed: 1, points: { lr: [0.3], final_val_acc: [0.8] } },
    { variant: 'none lr=0.1', seed: 1, points: { lr: [0.1], final_val_acc: [0.7] } },
  ];
  const series = buildSeries(jobs, { x: 'lr', y: 'final_val_acc', seriesOf: (j) => j.variant.split(' ')[0] });
  assert.deepEqual(
    series.map((s) => [s.variant, s.x, s.mean, s.seeds]),
    [
      ['batch', [0.1, 0.3], [0.9, 0.8], 1],
      ['none', [0.1], [0.7], 1],
    ],
  );
});

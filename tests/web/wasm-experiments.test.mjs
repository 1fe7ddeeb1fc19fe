// The experiment calls through the real WASM build: the same catalogue, validation and outputs
// as the CLI, and a job advanced in slices as the worker does it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNormLabNode } from '../lib/wasm-node.mjs';
import { makeOps, openJob } from '../../web/src/engine/ops.js';
import { runJobInSlices } from '../../web/src/engine/job-runner.js';

let wasm;
let ops;
before(async () => {
  wasm = await loadNormLabNode();
  ops = makeOps(wasm);
});

test('the catalogue lists eps with its field table', () => {
  const eps = ops.catalogue().find((d) => d.id === 'eps');
  assert.ok(eps, 'eps is in the catalogue');
  const noise = eps.fields.find((f) => f.key === 'noise');
  assert.equal(noise.kind, 'float_list');
  assert.ok(eps.fields.every((f) => 'default' in f && f.label));
});

test('only the timing experiment asks for its jobs one at a time', () => {
  const serial = ops
    .catalogue()
    .filter((d) => d.one_job_at_a_time)
    .map((d) => d.id);
  assert.deepEqual(serial, ['norm-speed']);
});

test('the manifest records the training text of a text-trained run, and none for the others', () => {
  const config = ops.resolveConfig({ id: 'eps', quick: true });
  assert.equal('data' in ops.outputs({ id: 'eps', config, results: [], data: null }).manifest, false);
  assert.throws(
    () => ops.outputs({ id: 'eps', config, results: [], data: 'mine.txt' }),
    /data must be an object or null/,
  );
});

test('the core validates settings and names the field', () => {
  assert.throws(() => ops.resolveConfig({ id: 'eps', settings: { eps: -1 } }), /eps: the value must be greater than 0/);
  assert.throws(() => ops.resolveConfig({ id: 'eps', settings: { d: 1.5 } }), /d: expected a whole number/);
  assert.throws(() => ops.resolveConfig({ id: 'eps', settings: { bogus: 1 } }), /unknown setting "bogus"/);
  assert.throws(() => ops.resolveConfig({ id: 'eps', settings: { d: 4096, rows: 4096, seeds: 1 } }), /memory/);
  assert.throws(() => ops.resolveConfig({ id: 'nope' }), /unknown experiment "nope"/);
  const quick = ops.resolveConfig({ id: 'eps', quick: true });
  assert.equal(quick.rows, 16);
  assert.equal(quick.quick, true);
});

test('eps runs in slices in WASM and its claims come from the data', async () => {
  const config = ops.resolveConfig({ id: 'eps', settings: { seeds: 1 }, quick: true });
  const jobs = ops.plan({ id: 'eps', config });
  assert.deepEqual(
    jobs.map((j) => j.variant),
    ['inside', 'outside'],
  );
  const results = [];
  for (const j of jobs) {
    const handle = openJob(wasm, { experiment: 'eps', config, variant: j.variant, seed: j.seed });
    const reports = [];
    const out = await runJobInSlices(handle, { onProgress: (p) => reports.push(p), isCancelled: () => false });
    handle.close();
    assert.equal(out.result.metrics.noise.length, config.noise.length);
    results.push(out.result);
  }
  const outside = results.find((r) => r.variant === 'outside');
  assert.ok(
    outside.metrics.nonfinite_dx[0] > 0,
    'a constant row gives a non-finite gradient with eps outside the root',
  );
  const inside = results.find((r) => r.variant === 'inside');
  assert.ok(inside.metrics.nonfinite_dx.every((n) => n === 0));
  const outputs = ops.outputs({ id: 'eps', config, results, date: '2026-01-01T00:00:00Z' });
  assert.equal(outputs.manifest.build_target, 'wasm');
  assert.equal(outputs.manifest.eps, config.eps);
  assert.deepEqual(Object.keys(outputs.losses).sort(), ['inside', 'outside']);
  assert.equal(outputs.summary.length, 2);
  assert.ok(
    outputs.summary.every((c) => c.holds === true),
    JSON.stringify(outputs.summary),
  );
});

test('opening a job with a bad experiment id is a clear error', () => {
  assert.throws(() => openJob(wasm, { experiment: 'nope', config: {}, variant: 'a', seed: 1 }), /unknown experiment/);
});

test("the run estimate's engine calls: each variant's size in its own units, and a calibration of one job", () => {
  // norm-compare trains on a text: with none given, the stand-in text is timed (nothing is fetched)
  const config = ops.resolveConfig({ id: 'norm-compare', settings: { variants: ['none', 'pre/rms'] }, quick: true });
  const variants = ops.plan({ id: 'norm-compare', config }).map((j) => j.variant);
  assert.deepEqual(
    ops.jobSizes({ id: 'norm-compare', config, variants }),
    variants.map(() => config.steps),
  );
  const longer = { ...config, steps: config.steps * 10 };
  assert.deepEqual(
    ops.jobSizes({ id: 'norm-compare', config: longer, variants }),
    variants.map(() => longer.steps),
  );
  const c = ops.calibrate({ id: 'norm-compare', config, variant: 'pre/rms', seed: 1 });
  assert.equal(c.totalUnits, config.steps);
  assert.ok(c.timedUnits >= 1 && c.timedUnits < config.steps, `timed ${c.timedUnits} units`);
  assert.ok(c.unitMs > 0 && c.firstMs > 0 && c.openMs >= 0, JSON.stringify(c));
  assert.equal(c.whole, false);
  // signal's units are layers: a short job is timed whole
  const signal = ops.resolveConfig({ id: 'signal', quick: true });
  const [first] = ops.plan({ id: 'signal', config: signal });
  const s = ops.calibrate({ id: 'signal', config: signal, variant: first.variant, seed: first.seed });
  assert.equal(s.whole, true);
  assert.equal(s.totalUnits, signal.layers + 1);
  assert.throws(() => ops.calibrate({ id: 'norm-compare', config, variant: 'bogus', seed: 1 }), /unknown variant/);
});

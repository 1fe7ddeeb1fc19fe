// The run estimate before Run: the calibration of one job (warm-up left out, a short job timed
// whole), the arithmetic from the plan, sizes and calibrations to seconds (it follows the steps,
// the seeds, the cost of a step and the number of workers), the estimator's cache (a change of
// counts re-plans without recalibrating, a change of width recalibrates), its words, and the lab
// state that decides when Run asks first. Also the chart annotations, from the same run data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  calibrateJob,
  costKey,
  createEstimator,
  jobMs,
  makespanMs,
  runEstimate,
  variantsToTime,
} from '../../web/src/engine/estimate.js';
import { durationText, estimateWords } from '../../web/src/views/lab/estimate.js';
import {
  CONFIRM_SECONDS,
  clearEstimate,
  createLabState,
  estimateKeyOf,
  estimateStarted,
  hasEstimate,
  longRunSeconds,
  takeEstimate,
  takeFormValues,
} from '../../web/src/state/lab.js';
import { annotationsOf, annotationSentence } from '../../web/src/views/lab/annotations.js';
import { chartSpecsFor } from '../../web/src/views/lab/chart-specs.js';

// A job whose units take `unitMs` each on a fake clock, the first one `firstMs`.
function fakeJob({ total, firstMs = 50, unitMs = 10, endsAt = total }) {
  const clock = { t: 0 };
  let done = 0;
  const job = {
    totalSteps: () => total,
    finished: () => done >= Math.min(total, endsAt),
    advance(n) {
      for (let k = 0; k < n && !job.finished(); k++) {
        clock.t += done === 0 ? firstMs : unitMs;
        done++;
      }
      return {};
    },
  };
  return { job, now: () => clock.t, unitsDone: () => done };
}

const calibration = (c) => ({ openMs: 0, firstMs: 0, unitMs: 10, timedUnits: 3, totalUnits: 100, whole: false, ...c });

test('calibrateJob leaves the warm-up unit out of the unit time and stops after a few units', () => {
  const { job, now, unitsDone } = fakeJob({ total: 1000, firstMs: 500, unitMs: 20 });
  const c = calibrateJob(job, { openMs: 7, now, minUnits: 3, minMs: 100 });
  assert.equal(c.firstMs, 500);
  assert.equal(c.unitMs, 20, 'the first unit (500 ms) is not in the mean');
  assert.equal(c.openMs, 7);
  assert.equal(c.totalUnits, 1000);
  assert.equal(c.whole, false);
  assert.ok(c.timedUnits >= 3 && c.timedUnits * 20 >= 100, `timed ${c.timedUnits}`);
  assert.ok(unitsDone() < 20, 'a calibration is short');
});

test('calibrateJob: a slow unit stops it at maxMs; a short job is timed whole and its estimate is its time', () => {
  const slow = fakeJob({ total: 1000, firstMs: 100, unitMs: 800 });
  const c = calibrateJob(slow.job, { now: slow.now, minUnits: 3, minMs: 100, maxMs: 1000 });
  assert.equal(c.timedUnits, 2, 'two 800 ms units pass the 1000 ms cap');
  const short = fakeJob({ total: 4, firstMs: 30, unitMs: 5 });
  const w = calibrateJob(short.job, { openMs: 2, now: short.now });
  assert.equal(w.whole, true);
  assert.equal(jobMs(w, 4), 2 + 30 + 3 * 5, 'open + first + the rest, as measured');
});

test('calibrateJob of a job that ends early (a divergence) times what it ran and says it is not whole', () => {
  const { job, now } = fakeJob({ total: 600, firstMs: 40, unitMs: 10, endsAt: 1 });
  const c = calibrateJob(job, { now });
  assert.equal(c.unitMs, null, 'no unit after the first');
  assert.equal(c.whole, false);
  assert.equal(jobMs(c, 600, 12), 40 + 599 * 12, 'the rest at the fallback unit time: an upper bound');
});

test('makespanMs: one worker adds the jobs; more workers take the next job as they free up', () => {
  assert.equal(makespanMs([3, 4, 5], 1), 12);
  assert.equal(makespanMs([3, 4, 5], 2), 8, 'worker 1: 3 then 5; worker 2: 4');
  assert.equal(makespanMs([3, 4, 5], 8), 5, 'no more workers than jobs');
  assert.equal(makespanMs([], 2), 0);
});

test('the estimate follows the settings: twice the steps, seeds or step cost about doubles it; more workers shorten it', () => {
  const jobs = (seeds, variants) =>
    Array.from({ length: seeds }, (_, s) => variants.map((v) => ({ variant: v, seed: s + 1 }))).flat();
  const variants = ['a', 'b', 'c', 'd'];
  const sizes = (n) => Object.fromEntries(variants.map((v) => [v, n]));
  const cal = (unitMs) => ({ a: calibration({ unitMs, openMs: 20, firstMs: 30 }) });
  const base = runEstimate({ jobs: jobs(1, variants), sizes: sizes(600), calibrations: cal(10), workers: 2 });
  const steps = runEstimate({ jobs: jobs(1, variants), sizes: sizes(1200), calibrations: cal(10), workers: 2 });
  const seeds = runEstimate({ jobs: jobs(2, variants), sizes: sizes(600), calibrations: cal(10), workers: 2 });
  const wider = runEstimate({ jobs: jobs(1, variants), sizes: sizes(600), calibrations: cal(20), workers: 2 });
  const alone = runEstimate({ jobs: jobs(1, variants), sizes: sizes(600), calibrations: cal(10), workers: 1 });
  for (const [name, e] of [
    ['steps', steps],
    ['seeds', seeds],
    ['step cost', wider],
    ['one worker', alone],
  ]) {
    const ratio = e.seconds / base.seconds;
    assert.ok(ratio > 1.9 && ratio <= 2.0, `${name}: ${ratio}`);
  }
  assert.equal(base.jobs, 4);
  assert.equal(base.workers, 2);
  assert.equal(base.kinds, 4);
  assert.equal(base.calibrated, 1);
});

test('uncalibrated variants take the mean of the calibrated ones; a calibration without a unit time takes the others', () => {
  const jobs = ['small', 'big', 'other'].map((variant) => ({ variant, seed: 1 }));
  const sizes = { small: 100, big: 100, other: 100 };
  const one = (calibrations) => runEstimate({ jobs, sizes, calibrations, workers: 1 }).seconds * 1000;
  const withMean = one({ small: calibration({ unitMs: 10 }), big: calibration({ unitMs: 30 }) });
  assert.equal(withMean, 99 * 10 + 99 * 30 + 99 * 20);
  const stopped = one({
    small: calibration({ unitMs: 10 }),
    big: calibration({ unitMs: null, firstMs: 500, timedUnits: 0 }),
  });
  assert.equal(stopped, 99 * 10 + (500 + 99 * 10) + (250 + 99 * 10));
  assert.throws(() => runEstimate({ jobs, sizes, calibrations: {}, workers: 1 }), /calibration/);
});

test('variantsToTime samples across a long plan: the first, the last and between', () => {
  assert.deepEqual(variantsToTime(['a', 'b'], 3), ['a', 'b']);
  const grid = Array.from({ length: 12 }, (_, i) => `v${i}`);
  assert.deepEqual(variantsToTime(grid, 3), ['v0', 'v6', 'v11']);
  assert.deepEqual(variantsToTime(grid, 1), ['v0']);
});

test('costKey: counts (steps, seeds, first seed) do not change it; a width or a text does', () => {
  const c = { d_model: 128, steps: 600, seeds: 1, seed: 1, lrs: [0.03] };
  const k = costKey('norm-compare', c, '');
  assert.equal(costKey('norm-compare', { ...c, steps: 6000, seeds: 3, seed: 9 }, ''), k);
  assert.notEqual(costKey('norm-compare', { ...c, d_model: 256 }, ''), k);
  assert.notEqual(costKey('norm-compare', c, 'mine.txt 5000'), k);
  assert.equal(
    costKey('norm-compare', { lrs: [0.03], seed: 1, d_model: 128 }, ''),
    costKey('norm-compare', { d_model: 128, lrs: [0.03] }, ''),
  );
});

// An engine stand-in: the plan is the variants once per seed, each job's size its steps, and a
// calibration's unit time grows with d_model (counted, so the test sees what was recalibrated).
function fakeEngine() {
  const calls = [];
  const call = async (op, args) => {
    calls.push(op);
    const { config } = args;
    if (op === 'plan')
      return Array.from({ length: config.seeds }, (_, s) =>
        config.variants.map((v) => ({ variant: v, seed: 1 + s })),
      ).flat();
    if (op === 'jobSizes') return args.variants.map(() => config.steps);
    if (op === 'calibrate') return calibration({ unitMs: config.d_model / 10, totalUnits: config.steps });
    throw new Error(op);
  };
  return { call, calls, count: (op) => calls.filter((c) => c === op).length };
}

test('createEstimator: steps and seeds re-plan without recalibrating; a wider model recalibrates and costs more', async () => {
  const engine = fakeEngine();
  const estimator = createEstimator({ call: engine.call, workers: 2 });
  const config = { variants: ['none', 'pre/layer'], d_model: 64, steps: 80, seeds: 1, seed: 1 };
  const base = await estimator.estimate({ id: 'x', config });
  assert.equal(engine.count('calibrate'), 2, 'each variant timed once');
  const tenfold = await estimator.estimate({ id: 'x', config: { ...config, steps: 800 } });
  const seeds = await estimator.estimate({ id: 'x', config: { ...config, seeds: 3 } });
  assert.equal(engine.count('calibrate'), 2, 'counts reuse the calibrations');
  assert.ok(tenfold.seconds > 9 * base.seconds, `${tenfold.seconds} vs ${base.seconds}`);
  assert.ok(seeds.seconds > 2.5 * base.seconds, `${seeds.seconds} vs ${base.seconds}`);
  const wider = await estimator.estimate({ id: 'x', config: { ...config, d_model: 128 } });
  assert.equal(engine.count('calibrate'), 4, 'a wider model is timed again');
  assert.ok(wider.seconds > base.seconds);
  const oneAtATime = await estimator.estimate({ id: 'x', config, oneAtATime: true });
  assert.equal(oneAtATime.workers, 1);
  assert.ok(oneAtATime.seconds > base.seconds);
});

test('createEstimator: an estimate no longer current is abandoned between calls', async () => {
  const engine = fakeEngine();
  const estimator = createEstimator({ call: engine.call, workers: 2 });
  let current = true;
  const config = { variants: ['a', 'b', 'c'], d_model: 64, steps: 80, seeds: 1, seed: 1 };
  const promise = estimator.estimate({ id: 'x', config, isCurrent: () => current });
  current = false;
  assert.equal(await promise, null);
  assert.equal(engine.count('calibrate'), 0);
});

test('durationText: seconds under a minute, minutes under 90, then hours', () => {
  assert.equal(durationText(0.2), 'under a second');
  assert.equal(durationText(1), 'about 1 second');
  assert.equal(durationText(42.4), 'about 42 seconds');
  assert.equal(durationText(61), 'about 1 minute');
  assert.equal(durationText(25 * 60), 'about 25 minutes');
  assert.equal(durationText(150 * 60), 'about 2.5 hours');
});

test('estimateWords: what the line beside Run says in each state', () => {
  assert.match(estimateWords({ key: 'k', status: 'estimating', result: null, problem: '' }).main, /estimating/);
  const ready = estimateWords({
    key: 'k',
    status: 'ready',
    problem: '',
    result: { seconds: 300, jobs: 4, workers: 2, calibrated: 3, kinds: 4, measuredWhole: false },
  });
  assert.equal(ready.main, 'about 5 minutes on this device');
  assert.match(ready.how, /3 of 4 kinds of run timed/);
  assert.match(ready.how, /stops early ends sooner/);
  assert.equal(estimateWords({ key: '', status: 'none', result: null, problem: '' }).main, '');
});

test('estimateWords: an estimate the engine could not make says why in the page language', async () => {
  const { createI18n } = await import('../../web/src/i18n/translate.js');
  const es = createI18n('es', (await import('../../web/src/i18n/es.js')).default);
  const s = createLabState({ id: 'x', fields: FIELDS });
  assert.ok(takeFormValues(s, form(100)));
  estimateStarted(s);
  // as page.js passes a failed calibration on: the English message and the engine's message data
  takeEstimate(s, estimateKeyOf(s), {
    problem: 'the compute worker stopped unexpectedly',
    problemMessage: { key: 'engine.workerStopped', params: {} },
  });
  assert.equal(s.estimate.status, 'unavailable');
  const words = estimateWords(s.estimate, es);
  assert.equal(words.main, 'sin estimación de duración');
  assert.equal(words.how, `(${es.t('engine.workerStopped')})`);
  // a problem without data keeps the engine's English
  takeEstimate(s, estimateKeyOf(s), { problem: 'something odd' });
  assert.equal(estimateWords(s.estimate, es).how, '(something odd)');
});

const FIELDS = [{ key: 'steps', label: 'Steps', kind: 'int', default: 100, min: 1, max: 100000 }];
const form = (steps) => ({ quick: false, values: { steps: String(steps), seeds: '1', seed: '1' } });
const result = (seconds) => ({ seconds, jobs: 1, workers: 1, calibrated: 1, kinds: 1, measuredWhole: false });

test('lab state: Run asks first only for the current settings estimated over 10 minutes', () => {
  const s = createLabState({ id: 'x', fields: FIELDS });
  assert.ok(takeFormValues(s, form(100)));
  assert.equal(longRunSeconds(s), null, 'no estimate: Run does not wait for one');
  estimateStarted(s);
  assert.ok(hasEstimate(s));
  const key = estimateKeyOf(s);
  takeEstimate(s, key, { result: result(CONFIRM_SECONDS + 1) });
  assert.equal(longRunSeconds(s), CONFIRM_SECONDS + 1);
  takeFormValues(s, form(200));
  assert.equal(longRunSeconds(s), null, 'an estimate of other settings does not count');
  assert.equal(hasEstimate(s), false);
  takeEstimate(s, key, { result: result(5) });
  assert.equal(s.estimate.key, key, 'a late estimate for other settings is dropped');
  estimateStarted(s);
  takeEstimate(s, estimateKeyOf(s), { result: result(CONFIRM_SECONDS - 1) });
  assert.equal(longRunSeconds(s), null);
  takeEstimate(s, estimateKeyOf(s), { problem: 'engine failed' });
  assert.equal(s.estimate.status, 'unavailable');
  clearEstimate(s);
  assert.equal(s.estimate.status, 'none');
});

const job = (variant, seed, divergedAt = null) => ({ variant, seed, result: { diverged_at: divergedAt } });

test('annotations: a line per diverged variant at its first divergence, on charts over steps only', () => {
  const [loss, val, , byLr] = chartSpecsFor('norm-compare');
  const jobs = [job('none', 1, 12), job('none', 2, 7), job('none', 3), job('pre/layer', 1)];
  const marks = annotationsOf(loss, jobs, { early_pct: 20 });
  assert.deepEqual(
    marks.map((m) => [m.kind, m.from, m.label]),
    [['divergence', 7, 'none diverged']],
  );
  assert.match(marks[0].text, /step 7.*2 of 3 seeds.*seeds 1, 2/);
  assert.equal(annotationsOf(val, jobs, {}).length, 1, 'the validation chart is over steps too');
  assert.deepEqual(annotationsOf(byLr, jobs, {}), [], 'not on a chart by learning rate');
  assert.match(annotationSentence(marks), /^Marked on the chart: a line at step 7/);
  assert.equal(annotationSentence([]), '');
});

test("annotations: norm-compare's early window once its claim is decided; pre-post's warm-up end", () => {
  const [loss] = chartSpecsFor('norm-compare');
  const jobs = [job('post/layer', 1), job('pre/layer', 1)];
  assert.deepEqual(annotationsOf(loss, jobs, { early_pct: 20 }, null), [], 'while it runs: no window');
  const outputs = {
    metrics: { early_steps: 120 },
    summary: [{ claim: 'Post-LN is less stable early than Pre-LN: in the first 20% of steps …' }],
  };
  const [w] = annotationsOf(loss, jobs, { early_pct: 20 }, outputs);
  assert.deepEqual([w.kind, w.from, w.to, w.label], ['window', 0, 119, 'early phase (first 20%)']);
  assert.match(w.text, /steps 0 to 119.*less stable early/);
  assert.deepEqual(
    annotationsOf(loss, jobs, { early_pct: 20 }, { ...outputs, summary: [] }),
    [],
    'no claim, no window',
  );

  const [prePostLoss] = chartSpecsFor('pre-post');
  const warm = annotationsOf(prePostLoss, [job('post/warmup/L4', 1), job('post/no-warmup/L4', 1)], {
    warmup_steps: 100,
  });
  assert.deepEqual(
    warm.map((m) => [m.kind, m.from]),
    [['warmup', 100]],
  );
  assert.deepEqual(annotationsOf(prePostLoss, [job('post/no-warmup/L4', 1)], { warmup_steps: 100 }), []);
});

// Experiment configuration state: field parsing with the core's rules, URL round trip, and
// chart series built from job points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFromQuery, defaultConfig, parseField, queryFromConfig } from '../../web/src/state/config.js';
import { buildSeries, seriesCsv } from '../../web/src/views/lab/series.js';

const FIELDS = [
  { key: 'd', label: 'd', kind: 'int', default: 64, quick: 16, min: 2, max: 4096 },
  { key: 'lr', label: 'Learning rate', kind: 'float', default: 1e-3, min: 0, max: 10, min_exclusive: true },
  { key: 'noise', label: 'Noise', kind: 'float_list', default: [0, 1e-6], min: 0, max: 10 },
  { key: 'placement', label: 'Placement', kind: 'choice', default: 'pre', choices: ['pre', 'post'] },
  { key: 'warmup', label: 'Warm-up', kind: 'bool', default: false },
];

test('each field kind parses and names its problem', () => {
  assert.deepEqual(parseField(FIELDS[0], '128'), { ok: true, value: 128 });
  assert.match(parseField(FIELDS[0], '1.5').error, /whole number/);
  assert.match(parseField(FIELDS[0], '1').error, /at least 2/);
  assert.match(parseField(FIELDS[0], '99999').error, /at most 4096/);
  assert.match(parseField(FIELDS[0], '').error, /empty/);
  assert.match(parseField(FIELDS[1], '0').error, /greater than 0/);
  assert.match(parseField(FIELDS[1], 'fast').error, /must be a number/);
  assert.deepEqual(parseField(FIELDS[2], '0, 1e-3'), { ok: true, value: [0, 1e-3] });
  assert.match(parseField(FIELDS[2], '0, -1').error, /Noise: every value must be at least 0/);
  assert.match(parseField(FIELDS[3], 'middle').error, /one of pre, post/);
  assert.deepEqual(parseField(FIELDS[4], 'true'), { ok: true, value: true });
});

test('a URL round-trips the configuration, and only changed values are written', () => {
  const config = {
    ...defaultConfig(FIELDS, false),
    d: 128,
    noise: [0, 1e-4],
    placement: 'post',
    warmup: true,
    seeds: 3,
  };
  const q = queryFromConfig(FIELDS, config);
  assert.equal(q, 'd=128&noise=0,0.0001&placement=post&warmup=true&seeds=3');
  assert.deepEqual(configFromQuery(FIELDS, q), { config, errors: [], messages: [], preset: '' });
  assert.equal(queryFromConfig(FIELDS, defaultConfig(FIELDS, false)), '');
});

test('quick mode in the URL takes the quick defaults', () => {
  const { config } = configFromQuery(FIELDS, 'quick=1');
  assert.equal(config.quick, true);
  assert.equal(config.d, 16);
  assert.equal(queryFromConfig(FIELDS, config), 'quick=1');
});

const PRESETS = [{ name: 'the fix', why: 'w', settings: { placement: 'post', noise: [0] } }];

test('a preset in the URL starts from its settings, and only changes from it are written', () => {
  const { config, errors, preset } = configFromQuery(FIELDS, 'preset=the+fix&d=32', PRESETS);
  assert.deepEqual(errors, []);
  assert.equal(preset, 'the fix');
  assert.equal(config.placement, 'post');
  assert.deepEqual(config.noise, [0]);
  assert.equal(config.d, 32);
  const q = queryFromConfig(FIELDS, config, PRESETS, 'the fix');
  assert.equal(q, 'preset=the+fix&d=32');
  assert.deepEqual(configFromQuery(FIELDS, q, PRESETS), { config, errors: [], messages: [], preset: 'the fix' });
  // a change back to the default, away from the preset's value, is written too
  assert.equal(
    queryFromConfig(FIELDS, { ...config, placement: 'pre' }, PRESETS, 'the fix'),
    'preset=the+fix&d=32&placement=pre',
  );
});

test('an unknown preset in the URL is named and the defaults are used', () => {
  const { config, errors, preset } = configFromQuery(FIELDS, 'preset=nope', PRESETS);
  assert.equal(preset, '');
  assert.equal(config.placement, 'pre');
  assert.match(errors[0], /unknown preset "nope"/);
});

test('a bad or unknown URL value is ignored with a message, not a crash', () => {
  const { config, errors } = configFromQuery(FIELDS, 'd=abc&bogus=1&lr=0.01');
  assert.equal(config.d, 64);
  assert.equal(config.lr, 0.01);
  assert.equal(errors.length, 2);
  assert.match(errors.join(' '), /unknown setting "bogus"/);
  assert.match(errors.join(' '), /value for d was ignored/);
});

test('series: mean and min–max band over seeds; non-finite points marked, not drawn', () => {
  const jobs = [
    { variant: 'a', seed: 1, points: { step: [0, 1, 2], train_loss: [4, 3, 2] } },
    { variant: 'a', seed: 2, points: { step: [0, 1, 2], train_loss: [6, 5, null] } },
    { variant: 'b', seed: 1, points: { step: [0, 1], train_loss: [1, 1] } },
  ];
  const [a, b] = buildSeries(jobs, { x: 'step', y: 'train_loss' });
  assert.deepEqual(a.x, [0, 1]);
  assert.deepEqual(a.mean, [5, 4]);
  assert.deepEqual(a.lo, [4, 3]);
  assert.deepEqual(a.hi, [6, 5]);
  assert.deepEqual(a.nonfinite, [2]);
  assert.equal(b.seeds, 1);
  const csv = seriesCsv(jobs, { x: 'step', y: 'train_loss' }).trim().split('\n');
  assert.equal(csv[0], 'variant,seed,step,train_loss');
  assert.equal(csv[6], 'a,2,2,nan');
  assert.equal(csv.length, 9);
});

test('bars: the median of each run, then mean and range over seeds; non-finite values skipped', async () => {
  const { buildBars } = await import('../../web/src/views/lab/series.js');
  const jobs = [
    { variant: 'layer', seed: 1, points: { step: [0, 1, 2, 3], step_ms: [50, 2, 3, 4] } },
    { variant: 'layer', seed: 2, points: { step: [0, 1, 2], step_ms: [5, null, 7] } },
    { variant: 'rms', seed: 1, points: { step: [0, 1, 2], step_ms: [1, 9, 2] } },
    { variant: 'none', seed: 1, points: { step: [], step_ms: [] } },
  ];
  assert.deepEqual(buildBars(jobs, { y: 'step_ms', reduce: 'median' }), [
    { variant: 'layer', value: 4.75, lo: 3.5, hi: 6, seeds: 2 },
    { variant: 'rms', value: 2, lo: 2, hi: 2, seeds: 1 },
  ]);
});

test('an overlay key (a prediction) goes into the CSV next to the measurement', () => {
  const jobs = [
    { variant: 'kaiming/none', seed: 1, points: { step: [0, 1], act_std: [1, 0.9], predicted_std: [1, null] } },
  ];
  const csv = seriesCsv(jobs, {
    x: 'step',
    y: 'act_std',
    xLabel: 'layer',
    overlay: { y: 'predicted_std', label: 'predicted std' },
  });
  assert.equal(csv, 'variant,seed,layer,act_std,predicted_std\nkaiming/none,1,0,1,1\nkaiming/none,1,1,0.9,nan\n');
});

test('series can map step indices to config values (eps noise levels)', () => {
  const jobs = [{ variant: 'inside', seed: 1, points: { step: [0, 1], max_abs_dx: [1, 2] } }];
  const [s] = buildSeries(jobs, { x: 'step', y: 'max_abs_dx', xFromConfig: 'noise' }, { noise: [0, 1e-3] });
  assert.deepEqual(s.x, [0, 1e-3]);
});

test('divergence is marked at the last finite point before the step it happened', async () => {
  const { divergenceMarks } = await import('../../web/src/views/lab/series.js');
  const jobs = [
    {
      variant: 'nonorm',
      seed: 1,
      points: { step: [0, 1, 2, 3], train_loss: [4, 5, 9, null] },
      result: { diverged_at: 3 },
    },
    { variant: 'pre', seed: 1, points: { step: [0, 1], train_loss: [4, 3] }, result: { diverged_at: null } },
  ];
  assert.deepEqual(divergenceMarks(jobs, { x: 'step', y: 'train_loss' }), [
    { variant: 'nonorm', seed: 1, step: 3, x: 2, y: 9 },
  ]);
});

test('a chosen text file: empty and binary files are named as such, text passes', async () => {
  const { userTextProblem } = await import('../../web/src/state/user-text.js');
  assert.equal(userTextProblem(''), 'is empty');
  assert.equal(userTextProblem(' \n\t\n'), 'is empty');
  assert.equal(userTextProblem('PNG\0\0IHDR'), 'does not look like plain text');
  assert.equal(userTextProblem(`${'\uFFFD'.repeat(3)}${'a'.repeat(100)}`), 'does not look like plain text');
  assert.equal(userTextProblem(`caf\uFFFD ${'a'.repeat(200)}`), '', 'one stray undecodable byte is tolerated');
  assert.equal(userTextProblem('To be, or not to be.\n'), '');
});

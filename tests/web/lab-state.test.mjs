// The experiment page's state object (web/src/state/lab.js): settings checked field by field and
// by the core, a run's phases and status lines, the learner's text, a saved run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as lab from '../../web/src/state/lab.js';

const DEF = {
  id: 'demo',
  fields: [
    { key: 'd', label: 'd', kind: 'int', min: 2, max: 4096, default: 64, quick: 16 },
    { key: 'noise', label: 'noise', kind: 'float_list', min: 0, max: 10, default: [0, 1e-3] },
    { key: 'norm', label: 'norm', kind: 'choice', choices: ['layer', 'rms'], default: 'layer' },
  ],
};
const formOf = (values, quick = false) => ({
  quick,
  values: { d: '64', noise: '0, 0.001', norm: 'layer', seeds: '1', seed: '1', ...values },
});
const job = (variant, status, extra = {}) => ({
  variant,
  seed: 1,
  status,
  stepsDone: 0,
  totalSteps: 10,
  points: {},
  error: null,
  ...extra,
});

test('a fresh page takes its settings from the URL and names what the URL got wrong', () => {
  const s = lab.createLabState(DEF, 'quick=1&norm=rms&bogus=3&d=abc');
  assert.equal(s.config.quick, true);
  assert.equal(s.config.d, 16, 'quick value, the bad d ignored');
  assert.equal(s.config.norm, 'rms');
  assert.equal(s.linkErrors.length, 2);
  assert.match(s.linkErrors.join(' '), /unknown setting "bogus"/);
  assert.equal(lab.canRun(s), true);
  assert.equal(lab.queryOf(s), 'quick=1&norm=rms');
});

test("a bad field blocks Run and keeps the last valid settings; the core's verdict decides the rest", () => {
  const s = lab.createLabState(DEF);
  assert.equal(lab.takeFormValues(s, formOf({ d: '2.5' })), false);
  assert.match(s.fieldErrors.d, /whole number/);
  assert.equal(s.config.d, 64);
  assert.equal(lab.canRun(s), false);
  assert.equal(lab.takeFormValues(s, formOf({ d: '128' })), true);
  assert.deepEqual(s.fieldErrors, {});
  assert.equal(s.config.d, 128);
  lab.takeCoreVerdict(s, 'd: too large for the memory budget');
  assert.equal(lab.canRun(s), false);
  assert.equal(s.coreError, 'd: too large for the memory budget');
  lab.takeCoreVerdict(s, '');
  assert.equal(lab.canRun(s), true);
  assert.deepEqual(lab.coreSettingsOf(s), { d: 128, noise: [0, 0.001], norm: 'layer', seeds: 1, seed: 1 });
});

test('a run: one at a time, job start times for the ETA, and the status line of each ending', () => {
  const s = lab.createLabState(DEF);
  lab.startRun(s);
  assert.equal(s.phase, 'running');
  assert.equal(lab.canRun(s), false);
  assert.throws(() => lab.startRun(s), /cannot start/);
  lab.takeJobs(s, null, [job('a', 'queued'), job('b', 'queued')], 0);
  assert.deepEqual(s.jobStartedAt, {});
  lab.takeJobs(s, 1, [job('a', 'queued'), job('b', 'running')], 50);
  lab.takeJobs(s, 1, [job('a', 'queued'), job('b', 'running')], 90);
  assert.deepEqual(s.jobStartedAt, { 1: 50 }, 'the first report of running counts');

  lab.finishRun(s, { stopped: true, jobs: [job('a', 'cancelled'), job('b', 'done')] });
  assert.equal(s.phase, 'stopped');
  assert.match(s.status, /^Stopped/);

  lab.startRun(s);
  const outputs = { manifest: {}, losses: {}, timings: {}, metrics: {}, summary: [] };
  lab.finishRun(s, { jobs: [job('a', 'failed', { error: 'out of memory' }), job('b', 'done')], outputs });
  assert.equal(s.phase, 'done');
  assert.equal(s.status, '1 of 2 runs failed (see above); the results use the rest.');
  assert.equal(s.outputs, outputs);

  lab.startRun(s);
  lab.finishRun(s, {
    jobs: [job('a', 'failed', { error: 'boom' }), job('b', 'failed', { error: 'boom' })],
    outputs: null,
  });
  assert.equal(s.phase, 'error');
  assert.match(s.status, /Every run failed, so there are no results: boom\. Change/);
  assert.equal(s.outputs, outputs, 'the last results stay');

  lab.startRun(s);
  lab.failRun(s, 'the engine failed');
  assert.equal(s.status, 'The run could not start: the engine failed');
  assert.equal(lab.canRun(s), true);
});

test('why runs failed, or the core refused the settings, is kept as data and reads in Spanish', async () => {
  const { createI18n, say, sayError } = await import('../../web/src/i18n/translate.js');
  const es = createI18n('es', (await import('../../web/src/i18n/es.js')).default);
  const s = lab.createLabState(DEF);
  // a settings error of the core: its English sentence, and the same as data
  const refused = {
    key: 'core.setting.warmupAtMostSteps',
    params: { steps: 200 },
    text: 'warmup_steps: must be at most steps (200)',
  };
  lab.takeCoreVerdict(s, refused.text, refused);
  assert.equal(lab.canRun(s), false);
  assert.equal(sayError({ message: s.coreError, data: s.coreMessage }), refused.text);
  assert.equal(
    sayError({ message: s.coreError, data: s.coreMessage }, es),
    'warmup_steps: debe ser como máximo el número de pasos, steps (200)',
  );
  lab.takeCoreVerdict(s, '', refused);
  assert.equal(s.coreMessage, null, 'accepted: no message left over');
  // every job failed, two for one reason given as data and one in the core's English only
  const stopped = { key: 'engine.jobWorkerStopped' };
  lab.startRun(s);
  lab.finishRun(s, {
    jobs: [
      job('a', 'failed', { error: say(stopped), errorData: stopped }),
      job('b', 'failed', { error: say(stopped), errorData: stopped }),
      job('c', 'failed', { error: 'boom' }),
    ],
    outputs: null,
  });
  assert.equal(
    s.status,
    `Every run failed, so there are no results: ${say(stopped)}; boom. Change the settings and run again.`,
  );
  assert.match(
    say(s.statusMessage, es),
    /^Todas las ejecuciones fallaron, así que no hay resultados: El worker que ejecutaba esta tarea se detuvo .*; boom\. /,
  );
});

test("the learner's text: refused with a reason, or taken and named in the manifest data", () => {
  const s = lab.createLabState(DEF);
  assert.deepEqual(lab.trainingDataOf(s, false), null);
  assert.deepEqual(lab.trainingDataOf(s, true), { source: 'tinyshakespeare', name: 'tinyshakespeare.txt' });
  assert.equal(lab.takeUserText(s, { name: 'blank.txt', text: '  \n' }), 'is empty');
  assert.equal(s.userText, null);
  assert.equal(lab.takeUserText(s, { name: 'x.txt', text: null, readError: 'denied' }), 'could not be read (denied)');
  assert.equal(lab.takeUserText(s, { name: 'mine.txt', text: 'héllo' }), '');
  assert.deepEqual(lab.trainingDataOf(s, true), { source: 'file', name: 'mine.txt', bytes: 6 });
  lab.clearUserText(s);
  assert.equal(s.userText, null);
});

test('a finished run saves its jobs and outputs, and shows again from what was saved', () => {
  const s = lab.createLabState(DEF);
  assert.equal(lab.savedRunOf(s, '2026-01-01'), null, 'nothing finished, nothing saved');
  lab.startRun(s);
  const outputs = { manifest: { id: 'demo' }, losses: {}, timings: {}, metrics: {}, summary: [] };
  lab.finishRun(s, {
    jobs: [job('a', 'done', { stepsDone: 10, result: { variant: 'a', seed: 1 }, extra: 'not saved' })],
    outputs,
  });
  const saved = lab.savedRunOf(s, '2026-01-01T00:00:00Z');
  assert.deepEqual(Object.keys(saved.jobs[0]).sort(), [
    'points',
    'result',
    'seed',
    'status',
    'stepsDone',
    'totalSteps',
    'variant',
  ]);
  const again = lab.createLabState(DEF);
  lab.restoreRun(again, JSON.parse(JSON.stringify(saved)));
  assert.deepEqual(again.outputs, outputs);
  assert.equal(again.jobs[0].stepsDone, 10);
  assert.equal(again.status, 'Showing your last finished run (2026-01-01T00:00:00Z).');
  assert.equal(again.phase, 'idle');
});

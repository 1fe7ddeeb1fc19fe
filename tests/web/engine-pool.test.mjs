// The worker pool and the run controller: concurrency limit and queueing, progress routing,
// cancel, a dying worker failing only its own job, and a run assembling outputs from jobs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../../web/src/engine/pool.js';
import { startExperimentRun } from '../../web/src/engine/runs.js';
import { FakeWorker } from '../lib/fake-worker.mjs';
import { runJobInSlices, mergePoints } from '../../web/src/engine/job-runner.js';
import {
  progressMessage,
  doneMessage,
  cancelledMessage,
  errorMessage,
  fatalMessage,
} from '../../web/src/engine/protocol.js';

const job = (variant) => ({ experiment: 'eps', config: { d: 4 }, variant, seed: 1 });
const tick = () => new Promise((r) => setTimeout(r, 0));

test('at most `size` jobs run at once; the rest queue and start as others finish', async () => {
  const workers = [];
  const pool = new WorkerPool(() => new FakeWorker(workers), 2);
  const runs = ['a', 'b', 'c'].map((v) => pool.run(job(v)));
  assert.equal(workers.length, 2);
  assert.equal(pool.running, 2);
  assert.equal(pool.waiting, 1);
  const first = workers[0].lastStart;
  workers[0].reply(doneMessage(first.id, { variant: 'a' }));
  assert.deepEqual(await runs[0].promise, { result: { variant: 'a' } });
  assert.equal(workers[0].lastStart.job.variant, 'c', 'the freed worker takes the queued job');
  assert.equal(workers.length, 2);
});

test('progress reaches the right job; cancel of a running job asks the worker to stop', async () => {
  const workers = [];
  const pool = new WorkerPool(() => new FakeWorker(workers), 1);
  const seen = [];
  const run = pool.run(job('a'), { onProgress: (p) => seen.push(p.stepsDone) });
  const queued = pool.run(job('b'));
  const { id } = workers[0].lastStart;
  workers[0].reply(progressMessage(id, 3, 10, { step: [0, 1, 2] }));
  assert.deepEqual(seen, [3]);
  queued.cancel();
  assert.deepEqual(await queued.promise, { cancelled: true }, 'a queued job is dropped at once');
  run.cancel();
  assert.deepEqual(workers[0].sent.at(-1), { type: 'cancel', id });
  workers[0].reply(cancelledMessage(id));
  assert.deepEqual(await run.promise, { cancelled: true });
});

test('a crashing worker fails its job with a clear message, is replaced, and the queue goes on', async () => {
  const workers = [];
  const pool = new WorkerPool(() => new FakeWorker(workers), 1);
  const a = pool.run(job('a'));
  const b = pool.run(job('b'));
  workers[0].onerror({ message: 'RangeError: out of memory', preventDefault() {} });
  await assert.rejects(a.promise, /stopped unexpectedly \(RangeError: out of memory\).*other runs go on/);
  // the reason is also a catalogue message, for a page in another language
  const failure = await a.promise.catch((e) => e);
  const { createI18n, sayError } = await import('../../web/src/i18n/translate.js');
  const es = createI18n('es', (await import('../../web/src/i18n/es.js')).default);
  assert.match(sayError(failure, es), /^El worker que ejecutaba esta tarea se detuvo .*\(RangeError: out of memory\)/);
  assert.ok(workers[0].terminated);
  assert.equal(workers.length, 2, 'a new worker took over');
  workers[1].reply(doneMessage(workers[1].lastStart.id, { variant: 'b' }));
  assert.deepEqual(await b.promise, { result: { variant: 'b' } });
});

test('a job error and a fatal load failure reject with their messages', async () => {
  const workers = [];
  const pool = new WorkerPool(() => new FakeWorker(workers), 2);
  const a = pool.run(job('a'));
  const b = pool.run(job('b'));
  workers[0].reply(errorMessage(workers[0].lastStart.id, 'heads must divide d'));
  workers[1].reply(fatalMessage('The compute engine (WebAssembly) failed to load: 404'));
  await assert.rejects(a.promise, /heads must divide d/);
  await assert.rejects(b.promise, /failed to load: 404/);
});

test('a run plans jobs, collects results, and asks the core for outputs; one failure does not sink it', async () => {
  const workers = [];
  const pool = new WorkerPool(() => new FakeWorker(workers), 2);
  const calls = [];
  const call = async (op, args) => {
    calls.push(op);
    if (op === 'plan')
      return [
        { variant: 'inside', seed: 1 },
        { variant: 'outside', seed: 1 },
      ];
    if (op === 'outputs') return { summary: [{ claim: 'x', holds: true }], n: args.results.length };
    throw new Error(`unexpected ${op}`);
  };
  const updates = [];
  const run = startExperimentRun({
    call,
    pool,
    id: 'eps',
    config: { seeds: 1 },
    onJob: (i, states) => updates.push([i, states.map((s) => s.status)]),
  });
  while (workers.length < 2 || !workers[1].lastStart) await tick();
  workers[0].reply(progressMessage(workers[0].lastStart.id, 1, 2, { step: [0], max_abs_dx: [5] }));
  workers[0].reply(doneMessage(workers[0].lastStart.id, { variant: 'inside' }));
  workers[1].reply(errorMessage(workers[1].lastStart.id, 'boom'));
  const outcome = await run.promise;
  assert.deepEqual(calls, ['plan', 'outputs']);
  assert.equal(outcome.outputs.n, 1);
  assert.deepEqual(
    outcome.jobs.map((j) => j.status),
    ['done', 'failed'],
  );
  assert.equal(outcome.jobs[1].error, 'boom');
  assert.deepEqual(outcome.jobs[0].points, { step: [0], max_abs_dx: [5] });
});

test('a timing run starts each job only when the one before has ended, even with free workers', async () => {
  const workers = [];
  const pool = new WorkerPool(() => new FakeWorker(workers), 2);
  const call = async (op, args) =>
    op === 'plan'
      ? [
          { variant: 'layer', seed: 1 },
          { variant: 'rms', seed: 1 },
          { variant: 'dyt', seed: 1 },
        ]
      : { n: args.results.length };
  const run = startExperimentRun({ call, pool, id: 'norm-speed', config: {}, oneAtATime: true });
  const started = () => workers.flatMap((w) => w.sent.filter((m) => m.type === 'start').map((m) => m.job.variant));
  while (!started().length) await tick();
  for (let i = 0; i < 5; i++) await tick();
  assert.deepEqual(started(), ['layer'], 'the second job waits although a worker is free');
  const owner = (variant) => workers.find((w) => w.lastStart?.job.variant === variant);
  owner('layer').reply(doneMessage(owner('layer').lastStart.id, { variant: 'layer' }));
  while (started().length < 2) await tick();
  assert.deepEqual(started(), ['layer', 'rms']);
  owner('rms').reply(errorMessage(owner('rms').lastStart.id, 'boom')); // a failure does not stop the chain
  while (started().length < 3) await tick();
  owner('dyt').reply(doneMessage(owner('dyt').lastStart.id, { variant: 'dyt' }));
  const outcome = await run.promise;
  assert.deepEqual(
    outcome.jobs.map((j) => j.status),
    ['done', 'failed', 'done'],
  );
  assert.equal(outcome.outputs.n, 2);
});

test('stopping a run cancels its jobs and reports it stopped', async () => {
  const workers = [];
  const pool = new WorkerPool(() => new FakeWorker(workers), 1);
  const call = async (op) =>
    op === 'plan'
      ? [
          { variant: 'a', seed: 1 },
          { variant: 'b', seed: 1 },
        ]
      : {};
  const run = startExperimentRun({ call, pool, id: 'eps', config: {} });
  while (!workers[0]?.lastStart) await tick();
  run.stop();
  const { id } = workers[0].lastStart;
  assert.deepEqual(workers[0].sent.at(-1), { type: 'cancel', id });
  workers[0].reply(cancelledMessage(id));
  const outcome = await run.promise;
  assert.equal(outcome.stopped, true);
});

test('the slice runner advances until finished, reports merged points, and honours cancel', async () => {
  const fakeJob = (total) => {
    let done = 0;
    return {
      finished: () => done >= total,
      stepsDone: () => done,
      totalSteps: () => total,
      advance: (k) => {
        const pts = { step: [] };
        for (let i = 0; i < k && done < total; i++) pts.step.push(done++);
        return pts;
      },
      result: () => ({ steps: done }),
    };
  };
  let clock = 0;
  const reports = [];
  const out = await runJobInSlices(fakeJob(20), {
    onProgress: (p) => reports.push(p),
    isCancelled: () => false,
    now: () => (clock += 10),
  });
  assert.deepEqual(out, { cancelled: false, result: { steps: 20 } });
  const steps = reports.flatMap((r) => r.points.step);
  assert.deepEqual(steps, [...Array(20).keys()], 'every point is reported exactly once, in order');
  assert.equal(reports.at(-1).stepsDone, 20);
  let polls = 0;
  const stopped = await runJobInSlices(fakeJob(1000), { onProgress() {}, isCancelled: () => ++polls > 3 });
  assert.deepEqual(stopped, { cancelled: true });
  assert.deepEqual(mergePoints([{ a: [1], b: 2 }, { a: [3] }]), { a: [1, 3], b: 2 });
});

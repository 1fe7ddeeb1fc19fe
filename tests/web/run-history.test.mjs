// The saved runs of the compare view: the budget keeps the newest runs that fit, a corrupt record
// or entry is discarded with a notice while the good runs stay, and a failing store (missing,
// refusing, full) gives a notice and keeps this visit's runs in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createRunHistory,
  fitBudget,
  runBytes,
  settingsDiff,
  RUNS_KEPT,
  budgetText,
} from '../../web/src/state/run-history.js';
import { say } from '../../web/src/i18n/translate.js';

const run = (n, extra = '') => ({
  date: `2026-01-0${n}T00:00:00Z`,
  config: { quick: true, steps: n },
  jobs: [{ variant: 'none', seed: 1, points: { step: [0], loss: [n] }, note: extra }],
  outputs: { summary: [] },
});

function mapKV() {
  const map = new Map();
  return {
    map,
    get: async (k) => structuredClone(map.get(k)),
    set: async (k, v) => void map.set(k, structuredClone(v)),
    del: async (k) => void map.delete(k),
  };
}

test('fitBudget keeps the newest runs up to the count and the byte budget', () => {
  const runs = [1, 2, 3, 4, 5, 6, 7].map((n) => run(n));
  assert.deepEqual(
    fitBudget(runs).kept.map((r) => r.config.steps),
    [1, 2, 3, 4, 5].slice(0, RUNS_KEPT),
  );
  const size = runBytes(runs[0]);
  const two = fitBudget(runs, { count: 10, bytes: 2 * size + 1 });
  assert.equal(two.kept.length, 2);
  assert.equal(two.dropped, 5);
  assert.deepEqual(fitBudget([run(1, 'x'.repeat(100))], { bytes: 50 }).kept, [], 'a run larger than the budget');
  assert.match(budgetText(), new RegExp(`last ${RUNS_KEPT} runs`));
});

test('added runs come back newest first, and the oldest is evicted past the budget', async () => {
  const kv = mapKV();
  const h = createRunHistory(kv);
  for (let n = 1; n <= RUNS_KEPT + 2; n++) await h.add('eps', run(n));
  const fresh = await createRunHistory(kv).list('eps');
  assert.equal(fresh.notice, null);
  assert.deepEqual(
    fresh.runs.map((r) => r.config.steps),
    [7, 6, 5, 4, 3].slice(0, RUNS_KEPT),
  );
  assert.deepEqual((await createRunHistory(kv).list('lr-sweep')).runs, [], 'per experiment');
  await h.forget('eps');
  assert.deepEqual((await createRunHistory(kv).list('eps')).runs, []);
});

test('a corrupt entry is dropped with a notice and the good runs are kept', async () => {
  const kv = mapKV();
  kv.map.set('runs:eps', {
    version: 1,
    runs: [run(2), { date: 5, jobs: 'no' }, { ...run(3), jobs: [{ variant: 'none', points: [1, 2] }] }, run(1)],
  });
  const r = await createRunHistory(kv).list('eps');
  assert.match(say(r.notice), /^2 damaged saved runs were discarded/);
  assert.deepEqual(
    r.runs.map((x) => x.config.steps),
    [2, 1],
  );
});

test('a corrupt or foreign record is discarded with a notice', async () => {
  for (const bad of ['junk', { version: 0, runs: [] }, { version: 1, runs: 'x' }, null]) {
    const kv = mapKV();
    kv.map.set('runs:eps', bad);
    const r = await createRunHistory(kv).list('eps');
    assert.deepEqual(r.runs, []);
    assert.match(say(r.notice), /damaged/);
    assert.equal(kv.map.has('runs:eps'), false);
  }
});

test('a full, refusing or missing store gives a notice and keeps this visit in memory', async () => {
  const full = mapKV();
  full.set = async () => {
    throw new DOMException('full', 'QuotaExceededError');
  };
  const h = createRunHistory(full);
  const added = await h.add('eps', run(1));
  assert.match(say(added.notice), /storage is full/);
  assert.equal((await h.list('eps')).runs.length, 1, 'still listed this visit');

  const refusing = { get: () => Promise.reject(new Error('denied')), set: async () => {}, del: async () => {} };
  assert.match(say((await createRunHistory(refusing).list('eps')).notice), /unavailable/);

  const none = createRunHistory(null);
  const r = await none.add('eps', run(1));
  assert.match(say(r.notice), /unavailable/);
  await none.add('eps', run(2));
  assert.deepEqual(
    (await none.list('eps')).runs.map((x) => x.config.steps),
    [2, 1],
  );
});

test('settingsDiff lists only the settings that differ', () => {
  assert.deepEqual(settingsDiff({ lr: 0.1, steps: 5, quick: true }, { lr: 0.01, steps: 5 }), [
    { key: 'lr', a: 0.1, b: 0.01 },
    { key: 'quick', a: true, b: undefined },
  ]);
});

// The exercises' checks against the real core (the Node WASM build): every exercise's worked
// solution passes every check, and each planted bug fails, first at the check that names it.
// The browser test (tests/e2e/exercises.test.mjs) runs the same through the page and its workers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadNormLabNode, repoRoot } from '../lib/wasm-node.mjs';
import { makeOps } from '../../web/src/engine/ops.js';
import { TASKS, buildCases, runCase, verdicts } from '../../web/src/state/exercise-tasks.js';
import { loadExercises } from '../../web/plugins/exercises.js';
import { BUGS } from '../lib/exercise-bugs.mjs';
import { say } from '../../web/src/i18n/translate.js';

let ops;
const exercises = loadExercises(path.join(repoRoot, 'content'));
const bySlug = (slug) => exercises.find((e) => e.slug === slug);

before(async () => {
  ops = makeOps(await loadNormLabNode());
});

// What the page does, without the workers: compile, run every case, compare with the core.
function check(ex, code, seed = 1) {
  const fns = new Function(`'use strict';\n${code}\n;return { ${TASKS[ex.task].functions.join(', ')} };`)();
  const cases = buildCases(ex.task, ex.checks, seed);
  const learner = cases.map((c) => {
    try {
      return runCase(ex.task, fns, c);
    } catch (e) {
      return { error: String(e) };
    }
  });
  const core = cases.map((c) => ops.normalize(c.request));
  return verdicts(ex.checks, cases, learner, core);
}

test('there are at least six exercises, one per required topic', () => {
  assert.ok(exercises.length >= 6);
  for (const task of [
    'rms-forward',
    'rms-backward',
    'layer-backward',
    'batch-forward',
    'group-forward',
    'layer-forward',
  ])
    assert.ok(
      exercises.some((e) => e.task === task),
      `an exercise of task ${task}`,
    );
});

for (const ex of exercises) {
  test(`${ex.slug}: the worked solution passes every check, for three seeds`, () => {
    for (const seed of [1, 2, 3]) {
      const failed = check(ex, ex.solutionCode, seed).filter((v) => !v.pass);
      assert.deepEqual(
        failed.map((v) => `${v.check}: ${say(v.message)}`),
        [],
        `seed ${seed}`,
      );
    }
  });
  test(`${ex.slug}: the starter code does not pass`, () => {
    assert.ok(check(ex, ex.starter).some((v) => !v.pass));
  });
}

for (const bug of BUGS) {
  test(`planted bug fails at the expected check: ${bug.name}`, () => {
    const ex = bySlug(bug.exercise);
    const v = check(ex, bug.plant(ex.solutionCode, ex.starter));
    const first = v.find((x) => !x.pass);
    assert.ok(first, 'some check fails');
    assert.equal(first.check, bug.failsFirst, `first failure: ${first.check}: ${say(first.message)}`);
  });
}

test('a failing comparison names its case, field, index, expected and actual values', () => {
  const ex = bySlug('bug-hunt-constant-rows');
  const v = check(ex, ex.starter).find((x) => !x.pass);
  assert.equal(v.field, 'y');
  assert.ok(Number.isInteger(v.index) && v.index >= 0);
  assert.ok(v.maxDiff > 0.1, `the ε-outside error on a σ = 1e-4 row is of order one (got ${v.maxDiff})`);
  assert.equal(Math.abs(v.actual[v.index] - v.expected[v.index]), v.maxDiff);
  assert.ok(Array.isArray(v.input.x));
});

test('code that throws, or returns nothing, fails with a message instead of crashing the checks', () => {
  const ex = bySlug('rmsnorm-forward');
  const threw = check(ex, 'function rmsnormForward() { throw new Error("boom"); }');
  assert.ok(threw.every((v) => !v.pass && /boom/.test(say(v.message))));
  const nothing = check(ex, 'function rmsnormForward() {}');
  assert.ok(nothing.every((v) => !v.pass && /no y/.test(say(v.message))));
});

// @ts-check
// The coding exercises' checks, as pure data and functions shared by the page (which builds the
// cases and compares) and the learner worker (engine/learner-worker.js, which runs the learner's
// functions on them). A check is a list of cases generated from a seed; each case carries the
// request the C++ core answers (the engine's `normalize` op) and the inputs the learner's
// functions receive, rounded to float32 so both sides see the same numbers. The learner computes
// in double (JS numbers), the core in float32: the tolerances below are float32's, stated per check.
import { seededNormals } from './random.js';

// A case's label and a failure's reason are catalogue messages (the page writes them in its
// language): "exercise.case.<name>" and "exercise.why.<name>" with their params. Numbers written
// in exponent form (1.23e-5) are given as text, as the learner sees them in code.
/** @param {string} name @param {Record<string, string | number>} [params] */
const caseLabel = (name, params = {}) => ({ key: `exercise.case.${name}`, params });
/** @param {string} name @param {Record<string, string | number>} params */
const why = (name, params) => ({ key: `exercise.why.${name}`, params });

/**
 * @typedef {object} CheckCase
 * @property {string} check        the check's id
 * @property {import('../i18n/translate.js').MessageData} label  what this case is, as a catalogue message ("exercise.case.*")
 * @property {Record<string, any>} input   the learner's arguments (plain numbers and arrays)
 * @property {Record<string, any>} request the core's `normalize` request
 * @property {string[]} compare     the output fields compared with the core ([] for a gradcheck)
 * @property {boolean} [gradcheck] compare the learner's backward with finite differences of its forward
 * @property {number} [tol]        atol = rtol for this case, when not ATOL / RTOL
 */

/**
 * One check's verdict.
 * @typedef {object} CheckVerdict
 * @property {string} check
 * @property {string} name
 * @property {boolean} pass
 * @property {import('../i18n/translate.js').MessageData} [message]  why it failed, as a catalogue message ("exercise.why.*")
 * @property {import('../i18n/translate.js').MessageData} [label]  the failing case
 * @property {string} [field]        the failing output
 * @property {number[]} [expected]
 * @property {number[]} [actual]
 * @property {number} [index]        where the largest difference is
 * @property {number} [maxDiff]
 * @property {Record<string, any>} [input]
 */

// |learner - core| <= ATOL + RTOL * |core| everywhere: float32 carries about 7 digits and the core's
// sums round in float32, so agreement to 1e-4 is what a correct double implementation reaches.
export const ATOL = 1e-4;
export const RTOL = 1e-4;
// Around 1000 the spacing of float32 numbers is 6.1e-5, so the core's centred values x - mean are
// themselves only that accurate relative to a spread of 1: the large-offset check allows ten times more.
export const OFFSET_TOL = 1e-3;
// Finite differences in double: central differences with step H, error |a - n| / max(|a|, |n|, 1e-2).
export const GRAD_H = 1e-5;
export const GRAD_TOL = 1e-5;
export const EPS = 1e-5;
export const MOMENTUM = 0.1;

const f32 = (/** @type {number[]} */ a) => a.map((v) => Math.fround(v));
const normals = (seed, n, scale = 1, shift = 0) => f32(seededNormals(seed, n).map((v) => shift + scale * v));

// ---------------------------------------------------------------- row norms (rms, layer): rows x d
/** rows of x by recipe: 'random' | 'zero' | 'constant' | 'near' (sigma -> 0) | 'offset' */
function rowsOf(seed, d, recipes) {
  return recipes.flatMap((r, i) => {
    const s = seed * 101 + i;
    if (r === 'zero') return new Array(d).fill(0);
    if (r === 'constant') return new Array(d).fill(Math.fround(2.5));
    if (r === 'small') return new Array(d).fill(Math.fround(1e-3));
    if (r === 'near') return normals(s, d, 1e-4, 0.5);
    if (r === 'offset') return normals(s, d, 1, 1000);
    return normals(s, d, 1.5, 0.3);
  });
}

/**
 * @param {'rms' | 'layer'} kind
 * @param {boolean} backward
 */
function rowCase(kind, backward, seed, check, label, d, recipes) {
  const rows = recipes.length;
  const x = rowsOf(seed, d, recipes);
  const gamma = normals(seed * 7 + 1, d, 0.3, 1);
  const beta = kind === 'layer' ? normals(seed * 7 + 2, d, 0.2) : undefined;
  const dy = backward ? normals(seed * 7 + 3, rows * d) : undefined;
  const input = { x, gamma, rows, d, eps: EPS, ...(beta ? { beta } : {}), ...(dy ? { dy } : {}) };
  const request = { kind, shape: [rows, d], x, gamma, eps: EPS, ...(beta ? { beta } : {}), ...(dy ? { dy } : {}) };
  const grads = kind === 'layer' ? ['dx', 'dgamma', 'dbeta'] : ['dx', 'dgamma'];
  return { check, label, input, request, compare: backward ? ['y', ...grads] : ['y'] };
}

const rowChecks = (kind, backward) => ({
  random: (seed) => [
    rowCase(kind, backward, seed, 'random', caseLabel('randomRows', { rows: 4, d: 8 }), 8, Array(4).fill('random')),
  ],
  constant: (seed) => [
    rowCase(kind, backward, seed, 'constant', caseLabel('constantRows'), 8, ['zero', 'constant', 'small', 'near']),
  ],
  d1: (seed) => [rowCase(kind, backward, seed, 'd1', caseLabel('d1', { rows: 5 }), 1, Array(5).fill('random'))],
  offset: (seed) => [
    {
      ...rowCase(kind, backward, seed, 'offset', caseLabel('offsetRows', { d: 16 }), 16, ['offset', 'offset']),
      tol: OFFSET_TOL,
    },
  ],
  shapes: (seed) =>
    [
      [1, 3],
      [7, 5],
      [2, 33],
      [1, 64],
    ].map(([rows, d], i) =>
      rowCase(kind, backward, seed + i, 'shapes', caseLabel('rowsByD', { rows, d }), d, Array(rows).fill('random')),
    ),
  gradcheck: (seed) => [
    {
      ...rowCase(kind, true, seed, 'gradcheck', caseLabel('randomRows', { rows: 3, d: 6 }), 6, Array(3).fill('random')),
      compare: [],
      gradcheck: true,
    },
  ],
});

// ---------------------------------------------------------------- channel norms: (N, C, S)
function channelInput(seed, [N, C, S], recipe) {
  const n = N * C * S;
  let x = normals(seed * 13, n, 1.2, 0.4);
  if (recipe === 'offset') x = normals(seed * 13, n, 1, 1000);
  if (recipe === 'constant-channel') x = x.map((v, i) => (Math.floor(i / S) % C === 0 ? Math.fround(3) : v)); // channel 0 constant
  return x;
}

function batchCase(seed, check, label, shape, { training = true, recipe = 'random', compare = ['y'] } = {}) {
  const [, C] = shape;
  const x = channelInput(seed, shape, recipe);
  const gamma = normals(seed * 7 + 1, C, 0.3, 1);
  const beta = normals(seed * 7 + 2, C, 0.2);
  const runningMean = normals(seed * 7 + 4, C, 0.5);
  const runningVar = normals(seed * 7 + 5, C, 0.2, 1.5).map((v) => Math.fround(Math.abs(v) + 0.1));
  const [N, , S] = shape;
  const input = { x, gamma, beta, runningMean, runningVar, N, C, S, eps: EPS, momentum: MOMENTUM, training };
  const request = {
    kind: 'batch',
    shape: S === 1 ? [N, C] : [N, C, S],
    x,
    gamma,
    beta,
    running_mean: runningMean,
    running_var: runningVar,
    eps: EPS,
    momentum: MOMENTUM,
    training,
  };
  return { check, label, input, request, compare };
}

const batchChecks = {
  train: (seed) => [batchCase(seed, 'train', caseLabel('training', { N: 8, C: 3 }), [8, 3, 1])],
  running: (seed) => [
    batchCase(seed, 'running', caseLabel('running', { N: 8, C: 3 }), [8, 3, 1], {
      compare: ['runningMean', 'runningVar'],
    }),
  ],
  eval: (seed) => [batchCase(seed, 'eval', caseLabel('eval'), [6, 4, 1], { training: false })],
  constant: (seed) => [
    batchCase(seed, 'constant', caseLabel('constantChannel', { N: 5, C: 3 }), [5, 3, 1], {
      recipe: 'constant-channel',
      compare: ['y', 'runningMean', 'runningVar'],
    }),
  ],
  offset: (seed) => [
    {
      ...batchCase(seed, 'offset', caseLabel('offsetBatch', { N: 6, C: 2 }), [6, 2, 1], { recipe: 'offset' }),
      tol: OFFSET_TOL,
    },
  ],
  shapes: (seed) =>
    [
      [2, 3, 5],
      [4, 1, 7],
      [3, 5, 2],
    ].map((shape, i) =>
      batchCase(seed + i, 'shapes', caseLabel('shape', { N: shape[0], C: shape[1], S: shape[2] }), shape, {
        compare: ['y', 'runningMean', 'runningVar'],
      }),
    ),
};

function groupCase(seed, check, label, shape, groups, recipe = 'random') {
  const [N, C, S] = shape;
  const x = channelInput(seed, shape, recipe);
  const gamma = normals(seed * 7 + 1, C, 0.3, 1);
  const beta = normals(seed * 7 + 2, C, 0.2);
  const input = { x, gamma, beta, N, C, S, groups, eps: EPS };
  const request = { kind: 'group', shape: [N, C, S], x, gamma, beta, groups, eps: EPS };
  return { check, label, input, request, compare: ['y'] };
}

const groupChecks = {
  random: (seed) => [groupCase(seed, 'random', caseLabel('groups', { N: 2, C: 6, S: 4, groups: 3 }), [2, 6, 4], 3)],
  'groups-1': (seed) => [groupCase(seed, 'groups-1', caseLabel('oneGroup'), [2, 4, 3], 1)],
  'groups-c': (seed) => [groupCase(seed, 'groups-c', caseLabel('groupPerChannel'), [2, 4, 3], 4)],
  constant: (seed) => [groupCase(seed, 'constant', caseLabel('constantGroup'), [2, 3, 5], 3, 'constant-channel')],
  offset: (seed) => [
    {
      ...groupCase(seed, 'offset', caseLabel('offsetGroups', { N: 2, C: 4, groups: 2 }), [2, 4, 6], 2, 'offset'),
      tol: OFFSET_TOL,
    },
  ],
  shapes: (seed) =>
    [
      { shape: [1, 8, 1], groups: 2 },
      { shape: [3, 6, 2], groups: 2 },
      { shape: [2, 9, 3], groups: 3 },
    ].map(({ shape, groups }, i) =>
      groupCase(
        seed + i,
        'shapes',
        caseLabel('groups', { N: shape[0], C: shape[1], S: shape[2], groups }),
        shape,
        groups,
      ),
    ),
};

// ---------------------------------------------------------------- the tasks
const arr = (/** @type {any} */ v) => v;

/**
 * A task: the functions the learner writes, how to call them on a case's input, and its checks.
 * @typedef {object} Task
 * @property {string[]} functions
 * @property {(fns: Record<string, Function>, input: Record<string, any>) => Record<string, any>} run
 * @property {Record<string, (seed: number) => CheckCase[]>} checks
 * @property {string[]} [gradParams]  the inputs a gradcheck perturbs
 */

/** @type {Record<string, Task>} */
export const TASKS = {
  'rms-forward': {
    functions: ['rmsnormForward'],
    run: (f, i) => ({ y: f.rmsnormForward(i.x, i.gamma, i.rows, i.d, i.eps) }),
    checks: rowChecks('rms', false),
  },
  'rms-backward': {
    functions: ['rmsnormForward', 'rmsnormBackward'],
    run: (f, i) => {
      const y = f.rmsnormForward(i.x, i.gamma, i.rows, i.d, i.eps);
      const b = arr(f.rmsnormBackward(i.dy, i.x, i.gamma, i.rows, i.d, i.eps)) ?? {};
      return { y, dx: b.dx, dgamma: b.dgamma };
    },
    checks: rowChecks('rms', true),
    gradParams: ['x', 'gamma'],
  },
  'layer-backward': {
    functions: ['layernormForward', 'layernormBackward'],
    run: (f, i) => {
      const fw = arr(f.layernormForward(i.x, i.gamma, i.beta, i.rows, i.d, i.eps)) ?? {};
      const b = arr(f.layernormBackward(i.dy, i.x, i.gamma, fw.mean, fw.rstd, i.rows, i.d)) ?? {};
      return { y: fw.y, dx: b.dx, dgamma: b.dgamma, dbeta: b.dbeta };
    },
    checks: rowChecks('layer', true),
    gradParams: ['x', 'gamma', 'beta'],
  },
  'layer-forward': {
    functions: ['layerNorm'],
    run: (f, i) => ({ y: f.layerNorm(i.x, i.gamma, i.beta, i.rows, i.d, i.eps) }),
    checks: rowChecks('layer', false),
  },
  'batch-forward': {
    functions: ['batchnormForward'],
    run: (f, i) => {
      const out =
        arr(
          f.batchnormForward(
            i.x,
            i.gamma,
            i.beta,
            i.runningMean.slice(),
            i.runningVar.slice(),
            i.N,
            i.C,
            i.S,
            i.eps,
            i.momentum,
            i.training,
          ),
        ) ?? {};
      return { y: out.y, runningMean: out.runningMean, runningVar: out.runningVar };
    },
    checks: batchChecks,
  },
  'group-forward': {
    functions: ['groupnormForward'],
    run: (f, i) => ({ y: f.groupnormForward(i.x, i.gamma, i.beta, i.N, i.C, i.S, i.groups, i.eps) }),
    checks: groupChecks,
  },
};

// How the check list names each check (the page and the verdicts use these words).
export const CHECK_NAMES = {
  random: 'Random rows',
  constant: 'Constant rows (σ → 0)',
  d1: 'd = 1',
  offset: 'Large offset',
  shapes: 'Several shapes',
  gradcheck: 'Gradcheck of your own forward and backward',
  train: 'Training mode',
  running: 'Running statistics',
  eval: 'Evaluation mode',
  'groups-1': 'One group',
  'groups-c': 'One channel per group',
};

/**
 * Every case of an exercise's checks, in order. check ids the task does not know throw.
 * @param {string} task
 * @param {string[]} checks
 * @param {number} seed
 * @returns {CheckCase[]}
 */
export function buildCases(task, checks, seed) {
  const t = TASKS[task];
  if (!t) throw new Error(`unknown exercise task "${task}"`);
  return checks.flatMap((c) => {
    const make = t.checks[c];
    if (!make) throw new Error(`task "${task}" has no check "${c}"`);
    return make(seed);
  });
}

// A copy of every array in an input, so a learner's function that writes into its arguments
// spoils neither the next call nor the comparison.
const fresh = (/** @type {Record<string, any>} */ input) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, Array.isArray(v) ? v.slice() : v]));

/**
 * The learner's outputs for one case (runs in the learner worker). For a gradcheck case: the largest
 * relative error between the learner's backward and central differences of L = sum(dy * y) through
 * the learner's forward, per perturbed input, in double.
 * @param {string} task
 * @param {Record<string, Function>} fns
 * @param {CheckCase} c
 */
export function runCase(task, fns, c) {
  const t = TASKS[task];
  const out = plain(t.run(fns, fresh(c.input)));
  if (!c.gradcheck) return out;
  const loss = (/** @type {Record<string, any>} */ input) => {
    const y = toNumbers(t.run(fns, input).y, 'y');
    return y.reduce((s, v, k) => s + v * c.input.dy[k], 0);
  };
  /** @type {Record<string, {maxRelError: number, index: number, analytic: number, numeric: number}>} */
  const errors = {};
  for (const p of t.gradParams ?? []) {
    const analytic = toNumbers(out[`d${p}`], `d${p}`);
    let worst = { maxRelError: 0, index: 0, analytic: 0, numeric: 0 };
    for (let k = 0; k < c.input[p].length; k++) {
      const plus = fresh(c.input);
      const minus = fresh(c.input);
      plus[p][k] += GRAD_H;
      minus[p][k] -= GRAD_H;
      const numeric = (loss(plus) - loss(minus)) / (2 * GRAD_H);
      const a = analytic[k];
      const rel = Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), 1e-2);
      if (!(rel <= worst.maxRelError)) worst = { maxRelError: rel, index: k, analytic: a, numeric };
    }
    errors[`d${p}`] = worst;
  }
  return { ...out, gradcheck: errors };
}

function toNumbers(v, name) {
  if (v === undefined || v === null) throw new Error(`${name} is missing from what your function returned`);
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new Error(`${name} is not an array`);
  return Array.from(/** @type {ArrayLike<number>} */ (v), Number);
}

// Outputs as plain number arrays (what crosses back from the worker); a missing field stays missing.
function plain(out) {
  /** @type {Record<string, any>} */
  const r = {};
  for (const [k, v] of Object.entries(out ?? {})) {
    if (v === undefined || v === null) continue;
    r[k] = Array.isArray(v) || ArrayBuffer.isView(v) ? Array.from(/** @type {ArrayLike<number>} */ (v), Number) : v;
  }
  return r;
}

// The core's answer under the learner's field names.
const CORE_NAMES = { runningMean: 'running_mean', runningVar: 'running_var' };

/**
 * Compares one case: the learner's outputs with the core's (or the gradcheck's errors).
 * @param {CheckCase} c
 * @param {Record<string, any>} learner   runCase's result, or {error}
 * @param {Record<string, any>} core      the normalize op's result
 * @returns {Omit<CheckVerdict, 'check' | 'name'>}
 */
export function compareCase(c, learner, core) {
  const fail = (/** @type {Record<string, any>} */ extra) => ({
    pass: false,
    label: c.label,
    input: c.input,
    ...extra,
  });
  if (learner.error) return fail({ message: why('threw', { error: learner.error }) });
  if (c.gradcheck) {
    for (const [field, e] of Object.entries(learner.gradcheck ?? {})) {
      if (!(e.maxRelError <= GRAD_TOL))
        return fail({
          field,
          message: why('gradcheck', { field, error: e.maxRelError.toExponential(2), tol: GRAD_TOL }),
          expected: [e.numeric],
          actual: [e.analytic],
          index: e.index,
          maxDiff: Math.abs(e.analytic - e.numeric),
        });
    }
    return { pass: true };
  }
  for (const field of c.compare) {
    const expected = Array.from(core[CORE_NAMES[field] ?? field] ?? [], Number);
    const got = learner[field];
    if (!Array.isArray(got)) return fail({ field, expected, message: why('missing', { field }) });
    if (got.length !== expected.length)
      return fail({
        field,
        expected,
        actual: got,
        message: why('length', { field, count: got.length, expected: expected.length }),
      });
    const atol = c.tol ?? ATOL;
    const rtol = c.tol ?? RTOL;
    let worst = 0;
    let maxDiff = 0;
    let nanAt = -1;
    let bad = false;
    for (let k = 0; k < expected.length; k++) {
      const diff = Math.abs(got[k] - expected[k]);
      if (Number.isNaN(diff)) {
        if (nanAt < 0) nanAt = k;
        continue;
      }
      if (diff > atol + rtol * Math.abs(expected[k])) bad = true;
      if (diff > maxDiff) {
        maxDiff = diff;
        worst = k;
      }
    }
    if (nanAt >= 0)
      return fail({
        field,
        expected,
        actual: got,
        index: nanAt,
        maxDiff: NaN,
        message: why('nan', { field, index: nanAt }),
      });
    if (bad)
      return fail({
        field,
        expected,
        actual: got,
        index: worst,
        maxDiff,
        message: why('differs', { field, diff: maxDiff.toExponential(2), atol, rtol }),
      });
  }
  return { pass: true };
}

/**
 * Verdicts per check (in the exercise's order): a check passes when all its cases do; a failing
 * check reports its first failing case.
 * @param {string[]} checks
 * @param {CheckCase[]} cases
 * @param {Record<string, any>[]} learner   per case
 * @param {Record<string, any>[]} core      per case
 * @returns {CheckVerdict[]}
 */
export function verdicts(checks, cases, learner, core) {
  return checks.map((check) => {
    const name = CHECK_NAMES[check] ?? check;
    for (let k = 0; k < cases.length; k++) {
      if (cases[k].check !== check) continue;
      const v = compareCase(cases[k], learner[k], core[k]);
      if (!v.pass) return { check, name, ...v };
    }
    return { check, name, pass: true };
  });
}

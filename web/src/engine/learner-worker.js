// @ts-check
// The learner's code runs here and nowhere else: a dedicated worker of its own (not the engine's,
// which holds the WASM), so an exception or an endless loop costs only this worker, which the page
// ends and replaces (learner-client.js). It compiles the code with `new Function`: a worker made
// from a same-origin script URL has the Content-Security-Policy of that script's own response, not
// the page's, so the page keeps `script-src 'self' 'wasm-unsafe-eval'` (no 'unsafe-eval') while a
// host that sends no CSP header on this file lets it compile. A host that does send one gets a
// clear message (see README, hosting).
import { TASKS, runCase } from '../state/exercise-tasks.js';

/**
 * @typedef {{type: 'run', id: number, task: string, code: string, cases: import('../state/exercise-tasks.js').CheckCase[]}} RunRequest
 * @typedef {{type: 'results', id: number, results: Record<string, any>[]} | {type: 'compile-error', id: number, message: string, blocked?: boolean}} RunReply
 */

/** @param {RunReply} msg */
const post = (msg) => self.postMessage(msg);

/**
 * The learner's functions by name: the code runs in a function scope of its own, in strict mode.
 * @param {string} code
 * @param {string[]} names
 */
function compile(code, names) {
  const exports = names.map((n) => `${n}: typeof ${n} === 'function' ? ${n} : undefined`).join(', ');
  const fns = new Function(`'use strict';\n${code}\n;return { ${exports} };`)();
  const missing = names.filter((n) => typeof fns[n] !== 'function');
  if (missing.length) throw new Error(`define the function${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return fns;
}

const describe = (/** @type {any} */ e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

self.onmessage = (/** @type {MessageEvent<RunRequest>} */ event) => {
  const { id, task, code, cases } = event.data;
  const t = TASKS[task];
  let fns;
  try {
    if (!t) throw new Error(`unknown task "${task}"`);
    fns = compile(code, t.functions);
  } catch (e) {
    // an EvalError here is the host's CSP forbidding code compilation in this worker
    post({ type: 'compile-error', id, message: describe(e), ...(e instanceof EvalError ? { blocked: true } : {}) });
    return;
  }
  const results = cases.map((c) => {
    try {
      return runCase(task, fns, c);
    } catch (e) {
      return { error: describe(e) };
    }
  });
  post({ type: 'results', id, results });
};

// @ts-check
// Runs the learner's code in its own worker (learner-worker.js) with a time limit. A run that
// does not answer in time (an endless loop) or whose worker dies is ended with terminate(), and
// the next run starts a fresh worker: the page itself never runs the learner's code.

/** How long one run of all checks may take before its worker is ended. */
export const TIME_LIMIT_MS = 4000;

/** @type {Worker | null} */
let worker = null;
let nextId = 1;
/** @type {((reply: any) => void) | null} */
let settle = null;

const fresh = () => new Worker(new URL('./learner-worker.js', import.meta.url), { type: 'module' });

function stop() {
  worker?.terminate();
  worker = null;
}

/**
 * Runs every case; resolves to {results} or {error} (never rejects).
 * @param {{task: string, code: string, cases: import('../state/exercise-tasks.js').CheckCase[], timeLimitMs?: number}} request
 * @returns {Promise<{results: Record<string, any>[]} | {error: string, timeout?: boolean, blocked?: boolean}>}
 */
export function runLearnerCode({ task, code, cases, timeLimitMs = TIME_LIMIT_MS }) {
  // a new run replaces one still going: its worker is ended, its promise told so
  if (settle) {
    stop();
    settle({ error: 'This run was replaced by a newer one.' });
  }
  const id = nextId++;
  const w = (worker ??= fresh());
  return new Promise((resolve) => {
    const done = (/** @type {any} */ reply) => {
      clearTimeout(timer);
      if (settle === done) settle = null;
      resolve(reply);
    };
    settle = done;
    const timer = setTimeout(() => {
      stop();
      done({
        timeout: true,
        error: `Your code did not finish within ${timeLimitMs / 1000} s (an endless loop?), so it was stopped. Nothing else is affected: fix it and run the checks again.`,
      });
    }, timeLimitMs);
    w.onmessage = (event) => {
      const msg = event.data;
      if (msg?.id !== id) return;
      if (msg.type === 'results') done({ results: msg.results });
      else
        done({
          error: msg.blocked
            ? `This site's host does not allow code to be compiled in the exercise worker (${msg.message}). See the README's hosting section: the exercise worker's script must be served without a Content-Security-Policy that forbids 'unsafe-eval'.`
            : `Your code could not run: ${msg.message}`,
          blocked: !!msg.blocked,
        });
    };
    w.onerror = (event) => {
      event.preventDefault();
      stop();
      done({ error: `The exercise worker stopped${event.message ? `: ${event.message}` : ''}. Run the checks again.` });
    };
    w.postMessage({ type: 'run', id, task, code, cases });
  });
}

/** Ends the worker (leaving the exercise page). */
export function disposeLearner() {
  if (settle) settle({ error: 'The exercise page was left.' });
  stop();
}

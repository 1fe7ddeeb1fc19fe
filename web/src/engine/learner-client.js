// @ts-check
// Runs the learner's code in its own worker (learner-worker.js) with a time limit. A run that
// does not answer in time (an endless loop) or whose worker dies is ended with terminate(), and
// the next run starts a fresh worker: the page itself never runs the learner's code.
// Why a run failed comes as English (`error`) and as a catalogue message (`data`, "learner.*").
import { say } from '../i18n/translate.js';

/** A failed run's reply: the message in English and as data. @param {import('../i18n/translate.js').MessageData} data */
const failed = (data) => ({ error: say(data), data });

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
 * @returns {Promise<{results: Record<string, any>[]} | {error: string, data: import('../i18n/translate.js').MessageData, timeout?: boolean, blocked?: boolean}>}
 */
export function runLearnerCode({ task, code, cases, timeLimitMs = TIME_LIMIT_MS }) {
  // a new run replaces one still going: its worker is ended, its promise told so
  if (settle) {
    stop();
    settle(failed({ key: 'learner.replaced' }));
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
      done({ timeout: true, ...failed({ key: 'learner.timeout', params: { seconds: timeLimitMs / 1000 } }) });
    }, timeLimitMs);
    w.onmessage = (event) => {
      const msg = event.data;
      if (msg?.id !== id) return;
      if (msg.type === 'results') done({ results: msg.results });
      else
        done({
          ...failed({ key: msg.blocked ? 'learner.blocked' : 'learner.couldNotRun', params: { detail: msg.message } }),
          blocked: !!msg.blocked,
        });
    };
    w.onerror = (event) => {
      event.preventDefault();
      stop();
      done(
        failed(
          event.message
            ? { key: 'learner.workerStoppedDetail', params: { detail: event.message } }
            : { key: 'learner.workerStopped' },
        ),
      );
    };
    w.postMessage({ type: 'run', id, task, code, cases });
  });
}

/** Ends the worker (leaving the exercise page). */
export function disposeLearner() {
  if (settle) settle(failed({ key: 'learner.left' }));
  stop();
}

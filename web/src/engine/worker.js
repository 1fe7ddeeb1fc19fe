// @ts-check
// The engine worker: owns one WASM instance; answers calls and runs experiment jobs.
// All compute runs here, never on the page's thread.
import createNormLab from 'normlab-wasm';
import { makeOps, openJob } from './ops.js';
import { runJobInSlices } from './job-runner.js';
import {
  cancelledMessage,
  checkMessage,
  doneMessage,
  errorMessage,
  fatalMessage,
  progressMessage,
  readyMessage,
  resultMessage,
  transferablesOf,
} from './protocol.js';

/** @type {any} the Embind module, once loaded */
let wasm = null;
/** @type {Record<string, (args: any) => any> | null} the operations on it (ops.js), once loaded */
let ops = null;
const queued = [];
const cancelled = new Set();
const textCache = new Map(); // dataUrl -> Promise<string>

/**
 * Every message the worker sends goes through here, typed by the protocol.
 * @param {import('./protocol.js').FromWorkerMessage} msg
 * @param {Transferable[]} [transfer] buffers to move instead of copy
 */
const post = (msg, transfer = []) => self.postMessage(msg, { transfer });

function fetchText(url) {
  if (!textCache.has(url)) {
    textCache.set(
      url,
      fetch(url)
        .then((r) => {
          if (!r.ok)
            throw new Error(
              `the training text could not be loaded (${r.status} ${url}); run scripts/fetch_data.sh, or choose your own text file`,
            );
          return r.text();
        })
        .catch((e) => {
          textCache.delete(url);
          throw e;
        }),
    );
  }
  return textCache.get(url);
}

/** @param {import('./protocol.js').StartMessage} msg */
async function runJob(msg) {
  const { id, job } = msg;
  /** @type {ReturnType<typeof openJob> | null} */
  let handle = null;
  try {
    const text = job.text ?? (msg.dataUrl ? await fetchText(msg.dataUrl) : '');
    handle = openJob(wasm, job, text);
    const outcome = await runJobInSlices(handle, {
      onProgress: (p) => post(progressMessage(id, p.stepsDone, p.totalSteps, p.points)),
      isCancelled: () => cancelled.has(id),
    });
    post(outcome.cancelled ? cancelledMessage(id) : doneMessage(id, outcome.result));
  } catch (e) {
    post(errorMessage(id, e?.message ?? String(e), e?.data));
  } finally {
    handle?.close();
    cancelled.delete(id);
  }
}

function handle(msg) {
  const problem = checkMessage(msg);
  if (problem) {
    if (Number.isInteger(msg?.id)) post(errorMessage(msg.id, `bad message: ${problem}`));
    return;
  }
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  if (msg.type === 'start') {
    runJob(msg);
    return;
  }
  if (msg.type !== 'call' || !ops) return;
  const op = ops[msg.op];
  if (typeof op !== 'function') {
    post(errorMessage(msg.id, `unknown operation "${msg.op}"`));
    return;
  }
  try {
    const value = op(msg.args);
    post(resultMessage(msg.id, value), transferablesOf(value));
  } catch (e) {
    post(errorMessage(msg.id, e?.message ?? String(e), e?.data));
  }
}

self.onmessage = (event) => (ops ? handle(event.data) : queued.push(event.data));

createNormLab()
  .then((module) => {
    wasm = module;
    const loaded = makeOps(module);
    ops = loaded;
    post(readyMessage(loaded.version()));
    while (queued.length) handle(queued.shift());
  })
  .catch((e) => {
    // Emscripten's abort text ("Aborted(…). Build with -s ASSERTIONS=1 …") is for developers: keep the cause only
    const detail = String(e?.message ?? e)
      .replace(/\s*Build with -s ASSERTIONS=1 for more info\.?/, '')
      .replace(/\.$/, '')
      .replace(/^Aborted\((.*)\)$/s, '$1');
    // say what happened in plain words where the cause is known; keep the engine's words as detail
    // (the English here, and the same as data for the page's language: en.js "engine.loadFailed")
    const [cause, causeData] = /magic word/i.test(detail)
      ? [
          `what arrived for its file is not WebAssembly, perhaps an error page from the server (${detail})`,
          { key: 'engine.notWasm', params: { detail } },
        ]
      : /fetch|network/i.test(detail)
        ? [`its file could not be downloaded (${detail})`, { key: 'engine.notDownloaded', params: { detail } }]
        : [detail, null];
    post(
      fatalMessage(
        `The compute engine (WebAssembly) failed to load: ${cause}. Reload the page to try again; ` +
          'if it keeps failing, check your connection and that your browser allows WebAssembly. The course text and the quiz work without it.',
        { key: 'engine.loadFailed', params: { cause: causeData ?? detail } },
      ),
    );
  });

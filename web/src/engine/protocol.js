// @ts-check
// The engine's message protocol: the only shapes that cross the worker boundary.
// Pure data helpers, imported by both the worker and the UI-side clients.

/**
 * The part of an experiment job that crosses to a worker: which run, and (optionally) the
 * learner's own training text.
 * @typedef {object} JobRequest
 * @property {string} experiment   experiment id
 * @property {import('../types.js').ExperimentConfig} config
 * @property {string} variant
 * @property {number} seed
 * @property {string} [text]       the learner's own training text
 */

// UI -> worker
/** One request, one answer. @typedef {{type: 'call', id: number, op: string, args: Record<string, any>}} CallMessage */
/** Run one experiment job (variant × seed). @typedef {{type: 'start', id: number, job: JobRequest, dataUrl?: string}} StartMessage */
/** Stop that job between two slices. @typedef {{type: 'cancel', id: number}} CancelMessage */
// worker -> UI
/** The WASM has loaded. @typedef {{type: 'ready', version: string}} ReadyMessage */
/** The answer to a call. @typedef {{type: 'result', id: number, value: any}} ResultMessage */
/** A job's new metric points. @typedef {{type: 'progress', id: number, stepsDone: number, totalSteps: number, points: import('../types.js').JobPoints}} ProgressMessage */
/** A job's final result. @typedef {{type: 'done', id: number, result: import('../types.js').JobResult}} DoneMessage */
/** @typedef {{type: 'cancelled', id: number}} CancelledMessage */
/**
 * A call or a job failed: its English message and, when the engine gives one, the same as data
 * (a catalogue message, e.g. the core's "core.setting.<id>"), so the page writes it in its language.
 * @typedef {{type: 'error', id: number, message: string, data?: import('../i18n/translate.js').MessageData}} ErrorMessage
 */
/** The engine cannot run at all (the WASM failed to load). @typedef {{type: 'fatal', message: string, data?: import('../i18n/translate.js').MessageData}} FatalMessage */

/** @typedef {CallMessage | StartMessage | CancelMessage} ToWorkerMessage */
/** @typedef {ReadyMessage | ResultMessage | ProgressMessage | DoneMessage | CancelledMessage | ErrorMessage | FatalMessage} FromWorkerMessage */
/** @typedef {ToWorkerMessage | FromWorkerMessage} EngineMessage */

export const MESSAGE_TYPES = Object.freeze([
  'call',
  'start',
  'cancel',
  'ready',
  'result',
  'progress',
  'done',
  'cancelled',
  'error',
  'fatal',
]);

/** @type {(id: number, op: string, args: Record<string, any>) => CallMessage} */
export const callMessage = (id, op, args) => ({ type: 'call', id, op, args });
/** @type {(id: number, job: JobRequest, dataUrl?: string) => StartMessage} */
export const startMessage = (id, job, dataUrl) => ({ type: 'start', id, job, dataUrl });
/** @type {(id: number) => CancelMessage} */
export const cancelMessage = (id) => ({ type: 'cancel', id });
/** @type {(version: string) => ReadyMessage} */
export const readyMessage = (version) => ({ type: 'ready', version });
/** @type {(id: number, value: any) => ResultMessage} */
export const resultMessage = (id, value) => ({ type: 'result', id, value });
/** @type {(id: number, stepsDone: number, totalSteps: number, points: import('../types.js').JobPoints) => ProgressMessage} */
export const progressMessage = (id, stepsDone, totalSteps, points) => ({
  type: 'progress',
  id,
  stepsDone,
  totalSteps,
  points,
});
/** @type {(id: number, result: import('../types.js').JobResult) => DoneMessage} */
export const doneMessage = (id, result) => ({ type: 'done', id, result });
/** @type {(id: number) => CancelledMessage} */
export const cancelledMessage = (id) => ({ type: 'cancelled', id });
/** @type {(id: number, message: unknown, data?: import('../i18n/translate.js').MessageData | null) => ErrorMessage} */
export const errorMessage = (id, message, data) => ({
  type: 'error',
  id,
  message: String(message),
  ...(data ? { data } : {}),
});

/**
 * An Error with its message as data (`error.data`), as the views' sayError writes it.
 * @param {string} message   English
 * @param {import('../i18n/translate.js').MessageData | null} [data]
 * @returns {Error & {data?: import('../i18n/translate.js').MessageData}}
 */
export function errorWithData(message, data) {
  const e = /** @type {Error & {data?: import('../i18n/translate.js').MessageData}} */ (new Error(message));
  if (data) e.data = data;
  return e;
}

const isMessageData = (/** @type {any} */ d) =>
  !!d && typeof d === 'object' && typeof d.key === 'string' && (d.params === undefined || typeof d.params === 'object');
/** @type {(message: unknown, data?: import('../i18n/translate.js').MessageData | null) => FatalMessage} */
export const fatalMessage = (message, data) => ({ type: 'fatal', message: String(message), ...(data ? { data } : {}) });

const isId = (id) => Number.isInteger(id) && id >= 0;
const isCount = (n) => Number.isInteger(n) && n >= 0;

/**
 * Returns null for a well-formed message, otherwise a sentence saying what is wrong.
 * @param {any} msg
 * @returns {string | null}
 */
export function checkMessage(msg) {
  if (msg === null || typeof msg !== 'object') return 'message is not an object';
  switch (msg.type) {
    case 'call':
      if (!isId(msg.id)) return 'call needs a non-negative integer id';
      if (typeof msg.op !== 'string' || msg.op === '') return 'call needs an op name';
      if (msg.args === null || typeof msg.args !== 'object') return 'call needs an args object';
      return null;
    case 'start': {
      if (!isId(msg.id)) return 'start needs an id';
      const j = msg.job;
      if (!j || typeof j !== 'object') return 'start needs a job';
      if (typeof j.experiment !== 'string' || typeof j.variant !== 'string')
        return 'a job needs experiment and variant names';
      if (!Number.isFinite(j.seed)) return 'a job needs a seed';
      if (!j.config || typeof j.config !== 'object') return 'a job needs a config object';
      return null;
    }
    case 'cancel':
    case 'cancelled':
      return isId(msg.id) ? null : `${msg.type} needs an id`;
    case 'ready':
      return null;
    case 'result':
      return isId(msg.id) ? null : 'result needs an id';
    case 'progress':
      if (!isId(msg.id)) return 'progress needs an id';
      return isCount(msg.stepsDone) && isCount(msg.totalSteps) ? null : 'progress needs step counts';
    case 'done':
      return isId(msg.id) && msg.result && typeof msg.result === 'object' ? null : 'done needs an id and a result';
    case 'error':
      if (!isId(msg.id)) return 'error needs an id';
      if (msg.data !== undefined && !isMessageData(msg.data)) return 'error data needs a key';
      return typeof msg.message === 'string' ? null : 'error needs a message';
    case 'fatal':
      if (msg.data !== undefined && !isMessageData(msg.data)) return 'fatal data needs a key';
      return typeof msg.message === 'string' ? null : 'fatal needs a message';
    default:
      return `unknown message type ${JSON.stringify(msg.type)}`;
  }
}

/**
 * Typed-array buffers inside a value, so postMessage can transfer instead of copy.
 * @param {unknown} value
 * @returns {ArrayBufferLike[]}
 */
export function transferablesOf(value) {
  /** @type {ArrayBufferLike[]} */
  const out = [];
  /** @param {any} v */
  const visit = (v) => {
    if (ArrayBuffer.isView(v)) {
      if (!out.includes(v.buffer)) out.push(v.buffer);
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) visit(v[k]);
    }
  };
  visit(value);
  return out;
}

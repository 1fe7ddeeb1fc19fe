// The engine's message protocol: the only shapes that cross the worker boundary.
// Pure data helpers, imported by both the worker and the UI-side clients.
//
//   UI -> worker:  {type: 'call', id, op, args}             one request, one answer
//                  {type: 'start', id, job, dataUrl?}        run one experiment job (variant x seed)
//                  {type: 'cancel', id}                      stop that job between two slices
//   worker -> UI:  {type: 'ready', version}
//                  {type: 'result', id, value}               answer to a call
//                  {type: 'progress', id, stepsDone, totalSteps, points}   a job's new metric points
//                  {type: 'done', id, result}                a job's final result
//                  {type: 'cancelled', id}
//                  {type: 'error', id, message}              a call or a job failed
//                  {type: 'fatal', message}                  the engine cannot run at all (WASM failed to load)

export const MESSAGE_TYPES = Object.freeze(['call', 'start', 'cancel', 'ready', 'result', 'progress', 'done', 'cancelled', 'error', 'fatal']);

export const callMessage = (id, op, args) => ({ type: 'call', id, op, args });
export const startMessage = (id, job, dataUrl) => ({ type: 'start', id, job, dataUrl });
export const cancelMessage = (id) => ({ type: 'cancel', id });
export const readyMessage = (version) => ({ type: 'ready', version });
export const resultMessage = (id, value) => ({ type: 'result', id, value });
export const progressMessage = (id, stepsDone, totalSteps, points) => ({ type: 'progress', id, stepsDone, totalSteps, points });
export const doneMessage = (id, result) => ({ type: 'done', id, result });
export const cancelledMessage = (id) => ({ type: 'cancelled', id });
export const errorMessage = (id, message) => ({ type: 'error', id, message: String(message) });
export const fatalMessage = (message) => ({ type: 'fatal', message: String(message) });

const isId = (id) => Number.isInteger(id) && id >= 0;
const isCount = (n) => Number.isInteger(n) && n >= 0;

// Returns null for a well-formed message, otherwise a sentence saying what is wrong.
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
      if (typeof j.experiment !== 'string' || typeof j.variant !== 'string') return 'a job needs experiment and variant names';
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
      return typeof msg.message === 'string' ? null : 'error needs a message';
    case 'fatal':
      return typeof msg.message === 'string' ? null : 'fatal needs a message';
    default:
      return `unknown message type ${JSON.stringify(msg.type)}`;
  }
}

// Typed-array buffers inside a value, so postMessage can transfer instead of copy.
export function transferablesOf(value) {
  const out = [];
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

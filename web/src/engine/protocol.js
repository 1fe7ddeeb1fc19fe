// The engine's message protocol: the only shapes that cross the worker boundary.
// Pure data helpers, imported by both the worker and the UI-side client.
//
//   UI -> worker:  {type: 'call', id, op, args}
//   worker -> UI:  {type: 'ready', version}
//                  {type: 'result', id, value}
//                  {type: 'error', id, message}
//                  {type: 'fatal', message}        (the engine cannot run at all, e.g. WASM failed to load)

export const MESSAGE_TYPES = Object.freeze(['call', 'ready', 'result', 'error', 'fatal']);

export const callMessage = (id, op, args) => ({ type: 'call', id, op, args });
export const readyMessage = (version) => ({ type: 'ready', version });
export const resultMessage = (id, value) => ({ type: 'result', id, value });
export const errorMessage = (id, message) => ({ type: 'error', id, message: String(message) });
export const fatalMessage = (message) => ({ type: 'fatal', message: String(message) });

const isId = (id) => Number.isInteger(id) && id >= 0;

// Returns null for a well-formed message, otherwise a sentence saying what is wrong.
export function checkMessage(msg) {
  if (msg === null || typeof msg !== 'object') return 'message is not an object';
  switch (msg.type) {
    case 'call':
      if (!isId(msg.id)) return 'call needs a non-negative integer id';
      if (typeof msg.op !== 'string' || msg.op === '') return 'call needs an op name';
      if (msg.args === null || typeof msg.args !== 'object') return 'call needs an args object';
      return null;
    case 'ready':
      return null;
    case 'result':
      return isId(msg.id) ? null : 'result needs an id';
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

// The engine worker: owns one WASM instance and answers protocol calls. All compute runs here.
import createNormLab from './wasm/normlab.mjs';
import { makeOps } from './ops.js';
import { checkMessage, errorMessage, fatalMessage, readyMessage, resultMessage, transferablesOf } from './protocol.js';

let ops = null;
const queued = [];

function handle(msg) {
  const problem = checkMessage(msg);
  if (problem) {
    if (Number.isInteger(msg?.id)) self.postMessage(errorMessage(msg.id, `bad message: ${problem}`));
    return;
  }
  if (msg.type !== 'call') return;
  const op = ops[msg.op];
  if (typeof op !== 'function') {
    self.postMessage(errorMessage(msg.id, `unknown operation "${msg.op}"`));
    return;
  }
  try {
    const value = op(msg.args);
    self.postMessage(resultMessage(msg.id, value), transferablesOf(value));
  } catch (e) {
    self.postMessage(errorMessage(msg.id, e?.message ?? String(e)));
  }
}

self.onmessage = (event) => (ops ? handle(event.data) : queued.push(event.data));

createNormLab()
  .then((wasm) => {
    ops = makeOps(wasm);
    self.postMessage(readyMessage(ops.version()));
    while (queued.length) handle(queued.shift());
  })
  .catch((e) => {
    self.postMessage(fatalMessage(`The compute engine (WebAssembly) failed to load: ${e?.message ?? e}`));
  });

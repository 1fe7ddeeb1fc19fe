// @ts-check
// UI-side handle on one engine worker: request/response over the protocol, with ids.
// A worker that dies or cannot load rejects every pending call with a clear message,
// and the next call starts a fresh worker, so one failure never takes the page down.
import { callMessage, checkMessage, errorWithData } from './protocol.js';
import { say } from '../i18n/translate.js';

/** An Error in English that carries its message as data, for the page's language. @param {import('../i18n/translate.js').MessageData} data */
const failure = (data) => errorWithData(say(data), data);

export class EngineClient {
  // createWorker: () => Worker-like object (postMessage, terminate, onmessage, onerror).
  constructor(createWorker) {
    this.createWorker = createWorker;
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.version = null;
  }

  call(op, args = {}, transfer = []) {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(callMessage(id, op, args), transfer);
    });
  }

  ensureWorker() {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event?.preventDefault?.();
      this.fail(
        failure(
          event?.message
            ? { key: 'engine.workerStoppedDetail', params: { detail: event.message } }
            : { key: 'engine.workerStopped' },
        ),
      );
    };
    this.worker = worker;
    return worker;
  }

  receive(msg) {
    const problem = checkMessage(msg);
    if (problem) {
      this.fail(failure({ key: 'engine.malformed', params: { problem } }));
      return;
    }
    if (msg.type === 'ready') {
      this.version = msg.version;
    } else if (msg.type === 'fatal') {
      this.fail(errorWithData(msg.message, msg.data));
    } else {
      const entry = this.pending.get(msg.id);
      if (!entry) return; // a late answer to a call that already failed
      this.pending.delete(msg.id);
      if (msg.type === 'result') entry.resolve(msg.value);
      else entry.reject(errorWithData(msg.message, msg.data));
    }
  }

  // Rejects everything in flight and drops the worker; the next call starts a new one.
  /** @param {Error} error */
  fail(error) {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.worker?.terminate?.();
    this.worker = null;
    for (const { reject } of pending) reject(error);
  }

  dispose() {
    this.fail(failure({ key: 'engine.shutDown' }));
  }
}

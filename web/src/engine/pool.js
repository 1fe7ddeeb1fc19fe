// @ts-check
// A pool of engine workers for experiment jobs: each worker has its own WASM instance and runs
// one job at a time; at most `size` jobs run at once and the rest wait in a queue. A worker
// that dies fails only its own job, with a clear message, and is replaced.
import { callMessage, cancelMessage, checkMessage, errorWithData, startMessage } from './protocol.js';
import { say } from '../i18n/translate.js';

/** An Error in English that carries its message as data, for the page's language. @param {import('../i18n/translate.js').MessageData} data */
const failure = (data) => errorWithData(say(data), data);

export class WorkerPool {
  constructor(createWorker, size) {
    this.createWorker = createWorker;
    this.size = Math.max(1, size | 0);
    this.slots = [];
    this.queue = [];
    this.nextId = 1;
    /** @type {Map<number, (value: any) => void>} answers awaited from `memory` calls, by call id */
    this.probes = new Map();
  }

  /**
   * The WASM memory of every live worker, in bytes (each worker answers between two slices of its
   * job). A worker that dies before it answers is left out.
   * @returns {Promise<number[]>}
   */
  async memory() {
    const answers = this.slots.map((slot) => {
      const id = this.nextId++;
      return new Promise((resolve) => {
        this.probes.set(id, resolve);
        slot.probes.push(id);
        slot.worker.postMessage(callMessage(id, 'memory', {}));
      });
    });
    return (await Promise.all(answers)).filter((v) => v !== null).map((v) => v.wasmBytes);
  }

  /**
   * Queues one job; returns {promise, cancel()}. The promise resolves to {result} or
   * {cancelled: true}, and rejects with an Error on failure.
   * @param {import('./protocol.js').JobRequest} job
   * @param {{dataUrl?: string, onProgress?: (msg: import('./protocol.js').ProgressMessage) => void}} [options]
   */
  run(job, { dataUrl, onProgress } = {}) {
    const task = { id: this.nextId++, job, dataUrl, onProgress, cancelled: false };
    task.promise = new Promise((resolve, reject) => {
      task.resolve = resolve;
      task.reject = reject;
    });
    this.queue.push(task);
    this.pump();
    return {
      id: task.id,
      promise: task.promise,
      cancel: () => this.cancel(task),
    };
  }

  get running() {
    return this.slots.filter((s) => s.task).length;
  }
  get waiting() {
    return this.queue.length;
  }

  cancel(task) {
    if (task.settled) return;
    const queued = this.queue.indexOf(task);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(task, 'resolve', { cancelled: true });
      return;
    }
    task.cancelled = true;
    const slot = this.slots.find((s) => s.task === task);
    slot?.worker.postMessage(cancelMessage(task.id));
  }

  pump() {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.size) slot = this.addSlot();
      if (!slot) return;
      const task = this.queue.shift();
      slot.task = task;
      slot.worker.postMessage(startMessage(task.id, task.job, task.dataUrl));
    }
  }

  addSlot() {
    const slot = { worker: this.createWorker(), task: null, /** @type {number[]} */ probes: [] };
    slot.worker.onmessage = (event) => this.receive(slot, event.data);
    slot.worker.onerror = (event) => {
      event?.preventDefault?.();
      this.replace(
        slot,
        failure(
          event?.message
            ? { key: 'engine.jobWorkerStoppedDetail', params: { detail: event.message } }
            : { key: 'engine.jobWorkerStopped' },
        ),
      );
    };
    this.slots.push(slot);
    return slot;
  }

  /** @param {any} slot @param {Error} error why its job failed */
  replace(slot, error) {
    const task = slot.task;
    for (const id of slot.probes) this.answerProbe(id, null);
    slot.worker.terminate?.();
    this.slots.splice(this.slots.indexOf(slot), 1);
    if (task) this.settle(task, 'reject', error);
    this.pump();
  }

  receive(slot, msg) {
    const problem = checkMessage(msg);
    if (problem) {
      this.replace(slot, failure({ key: 'engine.malformed', params: { problem } }));
      return;
    }
    if (msg.type === 'fatal') {
      this.replace(slot, errorWithData(msg.message, msg.data));
      return;
    }
    if ((msg.type === 'result' || msg.type === 'error') && this.probes.has(msg.id)) {
      slot.probes = slot.probes.filter((id) => id !== msg.id);
      this.answerProbe(msg.id, msg.type === 'result' ? msg.value : null);
      return;
    }
    const task = slot.task;
    if (!task || msg.id !== task.id) return; // 'ready', or a late message of a finished task
    if (msg.type === 'progress') {
      task.onProgress?.(msg);
      return;
    }
    slot.task = null;
    if (msg.type === 'done') this.settle(task, 'resolve', { result: msg.result });
    else if (msg.type === 'cancelled') this.settle(task, 'resolve', { cancelled: true });
    else if (msg.type === 'error') this.settle(task, 'reject', errorWithData(msg.message, msg.data));
    this.pump();
  }

  answerProbe(id, value) {
    this.probes.get(id)?.(value);
    this.probes.delete(id);
  }

  settle(task, how, value) {
    if (task.settled) return;
    task.settled = true;
    task[how](value);
  }

  dispose() {
    for (const s of this.slots) s.worker.terminate?.();
    for (const t of [...this.queue, ...this.slots.map((s) => s.task).filter(Boolean)])
      this.settle(t, 'resolve', { cancelled: true });
    this.slots = [];
    this.queue = [];
  }
}

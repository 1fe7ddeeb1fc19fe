// @ts-check
// The operations the engine worker offers, written against the bound WASM module.
// Each op takes plain args and returns plain data (typed arrays included); a core error
// ({error: message} from the bindings) becomes a thrown Error carrying the same message, and a
// settings error the core gives as data ({error_id, error_params}) carries it as `data`, the
// catalogue's message "core.setting.<id>" (experiment.h, SettingsError); English has no entry,
// the core's sentence is its English.
import { calibrateJob } from './estimate.js';
import { errorWithData } from './protocol.js';

export function unwrap(result) {
  if (result && typeof result === 'object' && typeof result.error === 'string') {
    const data =
      typeof result.error_id === 'string'
        ? { key: `core.setting.${result.error_id}`, params: result.error_params ?? {}, text: result.error }
        : null;
    throw errorWithData(result.error, data);
  }
  return result;
}

// The experiment calls pass JSON text across the boundary.
export const unwrapJson = (text) => unwrap(JSON.parse(text));

const floats = (v) => (v === undefined || v === null || v instanceof Float32Array ? v : Float32Array.from(v));

export function makeOps(wasm) {
  return {
    version: () => wasm.version(),

    // The size of this worker's WASM memory in bytes (it only grows; a soak test watches it).
    memory: () => ({ wasmBytes: wasm.HEAP8.length }),

    // RMSNorm forward over rows of length d: {x, gamma?, rows?, d?, eps} -> {y, rstd}
    rmsnorm({ x, gamma = null, rows = 1, d = x?.length, eps = 1e-6 }) {
      return unwrap(wasm.rmsnormForward(floats(x ?? []), floats(gamma), rows, d, eps));
    },

    // Any norm, forward (+ backward when dy is given): the `normlab norm` request.
    normalize(request) {
      const r = { ...request };
      for (const k of ['x', 'gamma', 'beta', 'dy', 'running_mean', 'running_var']) if (k in r) r[k] = floats(r[k]);
      return unwrap(wasm.normalize(r));
    },

    gradcheck({ kind, rows, d, seed = 1 }) {
      return unwrap(wasm.gradcheckNorm(String(kind), rows, d, seed));
    },

    catalogue: () => unwrapJson(wasm.experimentCatalogue()),
    resolveConfig: ({ id, settings = {}, quick = false }) =>
      unwrapJson(wasm.resolveExperimentConfig(id, JSON.stringify(settings), !!quick)).config,
    plan: ({ id, config }) => unwrapJson(wasm.planExperiment(id, JSON.stringify(config))).jobs,
    // data: what a text-trained run trained on ({source, name, bytes}), recorded in the manifest
    // One small job of an experiment, run to its end in this call and returned as its result: for
    // the widgets that answer at once (e.g. one `signal` variant for the signal-through-depth
    // sliders). The core checks the settings as it does for a run; only data-free experiments.
    runJobNow({ id, settings = {}, variant, seed = 1 }) {
      const config = unwrapJson(wasm.resolveExperimentConfig(id, JSON.stringify(settings), false)).config;
      const job = openJob(wasm, { experiment: id, config, variant, seed });
      try {
        while (!job.finished()) job.advance(Math.max(1, job.totalSteps() - job.stepsDone()));
        return job.result();
      } finally {
        job.close();
      }
    },
    // The size of each variant's job in its own progress units (Job::total_steps), for the run
    // estimate: each is opened (on the stand-in text when none is given) and closed, nothing runs.
    jobSizes({ id, config, variants, seed = 1, text }) {
      return variants.map((/** @type {string} */ variant) => {
        const job = openJob(wasm, { experiment: id, config, variant, seed }, text ?? standInText());
        try {
          return job.totalSteps();
        } finally {
          job.close();
        }
      });
    },
    // Times one job of a run on this device (engine/estimate.js calibrateJob): making it, a warm-up
    // unit and a few more; the learner's own text when given, else the stand-in.
    calibrate({ id, config, variant, seed = 1, text }) {
      const t0 = performance.now();
      const job = openJob(wasm, { experiment: id, config, variant, seed }, text ?? standInText());
      try {
        return calibrateJob(job, { openMs: performance.now() - t0, now: () => performance.now() });
      } finally {
        job.close();
      }
    },
    outputs: ({ id, config, results, date = new Date().toISOString(), data = null }) =>
      unwrapJson(
        wasm.experimentOutputs(id, JSON.stringify(config), JSON.stringify(results), date, JSON.stringify(data)),
      ),
  };
}

/** @type {string | null} */
let standIn = null;
/**
 * A text to time the text-trained experiments on before their own text has loaded (TinyShakespeare
 * loads only when a run starts): 64 k pseudo-random characters over the 95 printable ASCII symbols
 * and the newline. A step's cost depends on the text only through its number of distinct symbols
 * (the embedding and output layers), and 96 is more than TinyShakespeare's 65: it errs long, by the
 * output layer's small share of a step.
 */
export function standInText() {
  if (standIn === null) {
    let x = 12345;
    const codes = new Array(65536);
    for (let i = 0; i < codes.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const k = (x >>> 16) % 96;
      codes[i] = k === 95 ? 10 : 32 + k;
    }
    standIn = String.fromCharCode(...codes.slice(0, 32768)) + String.fromCharCode(...codes.slice(32768));
  }
  return standIn;
}

// Opens one experiment job on the module: {experiment, config, variant, seed}, text (string or '').
export function openJob(wasm, { experiment, config, variant, seed }, text = '') {
  const job = new wasm.ExperimentJob();
  const problem = job.open(experiment, JSON.stringify(config), variant, seed, text);
  if (problem) {
    job.delete();
    throw new Error(problem);
  }
  return {
    advance: (steps) => unwrapJson(job.advance(steps)),
    finished: () => job.finished(),
    stepsDone: () => job.stepsDone(),
    totalSteps: () => job.totalSteps(),
    result: () => unwrapJson(job.result()),
    close: () => job.delete(),
  };
}

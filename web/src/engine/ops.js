// @ts-check
// The operations the engine worker offers, written against the bound WASM module.
// Each op takes plain args and returns plain data (typed arrays included); a core error
// ({error: message} from the bindings) becomes a thrown Error carrying the same message.

export function unwrap(result) {
  if (result && typeof result === 'object' && typeof result.error === 'string') {
    throw new Error(result.error);
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
    outputs: ({ id, config, results, date = new Date().toISOString(), data = null }) =>
      unwrapJson(
        wasm.experimentOutputs(id, JSON.stringify(config), JSON.stringify(results), date, JSON.stringify(data)),
      ),
  };
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

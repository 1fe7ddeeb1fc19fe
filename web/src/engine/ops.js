// The operations the engine worker offers, written against the bound WASM module.
// Each op takes plain args and returns plain data (typed arrays included); a core error
// ({error: message} from the bindings) becomes a thrown Error carrying the same message.

export function unwrap(result) {
  if (result && typeof result === 'object' && typeof result.error === 'string') {
    throw new Error(result.error);
  }
  return result;
}

export function makeOps(wasm) {
  return {
    version: () => wasm.version(),

    // RMSNorm forward over rows of length d: {x, gamma?, rows?, d?, eps} -> {y, rstd}
    rmsnorm({ x, gamma = null, rows = 1, d = x?.length, eps = 1e-6 }) {
      if (!(x instanceof Float32Array)) x = Float32Array.from(x ?? []);
      if (gamma && !(gamma instanceof Float32Array)) gamma = Float32Array.from(gamma);
      return unwrap(wasm.rmsnormForward(x, gamma, rows, d, eps));
    },
  };
}

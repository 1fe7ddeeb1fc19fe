// @ts-check
// One experiment run end to end: plan the jobs (variant x seed) in the core, run them in the
// worker pool in parallel, then let the core assemble the outputs and the claims from the data.
// A failing job is reported and the others go on.

// data: what a text-trained run trains on ({source, name, bytes}), for the manifest.
// oneAtATime: start each job only when the one before has ended (timing experiments).
/**
 * @param {import('../types.js').RunOptions & {call: (op: string, args: Record<string, any>) => Promise<any>, pool: import('./pool.js').WorkerPool}} options
 * @returns {import('../types.js').RunHandle}
 */
export function startExperimentRun({ call, pool, id, config, dataUrl, text, data = null, oneAtATime = false, onJob }) {
  const handles = [];
  let stopped = false;
  const promise = (async () => {
    const jobs = await call('plan', { id, config });
    const states = jobs.map((j) => ({ ...j, status: 'queued', stepsDone: 0, totalSteps: 0, points: {}, error: null }));
    onJob?.(null, states);
    // runOne never rejects (a failed job is recorded in its state), so a chain of them runs on
    let chain = Promise.resolve();
    const results = await Promise.all(
      states.map((state, index) => {
        if (!oneAtATime) return runOne(state, index);
        chain = chain.then(() => runOne(state, index));
        return chain;
      }),
    );
    async function runOne(state, index) {
      if (stopped) {
        state.status = 'cancelled';
        onJob?.(index, states);
        return null;
      }
      const handle = pool.run(
        { experiment: id, config, variant: state.variant, seed: state.seed, ...(text ? { text } : {}) },
        {
          dataUrl,
          onProgress: (p) => {
            state.status = 'running';
            state.stepsDone = p.stepsDone;
            state.totalSteps = p.totalSteps;
            for (const [k, v] of Object.entries(p.points ?? {})) {
              if (Array.isArray(v)) (state.points[k] ??= []).push(...v);
            }
            onJob?.(index, states);
          },
        },
      );
      handles.push(handle);
      try {
        const outcome = await handle.promise;
        if (outcome.cancelled) {
          state.status = 'cancelled';
          onJob?.(index, states);
          return null;
        }
        state.status = 'done';
        state.result = outcome.result;
        state.stepsDone = state.totalSteps || state.stepsDone;
        onJob?.(index, states);
        return outcome.result;
      } catch (e) {
        state.status = 'failed';
        state.error = e.message;
        if (e.data) state.errorData = e.data;
        onJob?.(index, states);
        return null;
      }
    }
    const finished = results.filter(Boolean);
    if (stopped) return { stopped: true, jobs: states };
    if (!finished.length) return { jobs: states, outputs: null };
    const outputs = await call('outputs', { id, config, results: finished, data });
    return { jobs: states, outputs };
  })();
  return {
    promise,
    stop() {
      stopped = true;
      handles.forEach((h) => h.cancel());
    },
  };
}

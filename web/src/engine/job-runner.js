// @ts-check
// Runs one experiment job in slices inside a worker: each slice advances the C++ job by a
// number of steps sized to take about `sliceMs`, then yields to the event loop so a cancel
// message can arrive, and reports the new points (at most every `reportMs`).
// Pure logic over an opened job handle (see ops.js openJob), so it is testable under Node.

export const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function runJobInSlices(
  job,
  { onProgress, isCancelled, sliceMs = 60, reportMs = 120, now = () => performance.now() },
) {
  let steps = 1;
  let pending = [];
  let lastReport = -Infinity;
  const flush = () => {
    if (pending.length)
      onProgress({ stepsDone: job.stepsDone(), totalSteps: job.totalSteps(), points: mergePoints(pending) });
    pending = [];
    lastReport = now();
  };
  while (!job.finished()) {
    if (isCancelled()) return { cancelled: true };
    const t0 = now();
    pending.push(job.advance(steps));
    const took = now() - t0;
    // aim each slice at sliceMs: grow or shrink the step count, within [1, 2x]
    if (took > 0) steps = Math.max(1, Math.min(steps * 2, Math.round(steps * (sliceMs / took))));
    else steps *= 2;
    if (now() - lastReport >= reportMs) flush();
    await yieldToEventLoop();
  }
  flush();
  return { cancelled: false, result: job.result() };
}

// Concatenates per-slice point objects {key: [..]} into one.
export function mergePoints(list) {
  const out = {};
  for (const points of list) {
    for (const [k, v] of Object.entries(points ?? {})) {
      if (Array.isArray(v)) (out[k] ??= []).push(...v);
      else out[k] = v;
    }
  }
  return out;
}

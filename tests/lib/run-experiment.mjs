// Running an experiment through the Node WASM build job by job, as the site's worker does, for
// tests that need a real run's results or outputs; and a small synthetic text for the experiments
// that train on one.
import { openJob } from '../../web/src/engine/ops.js';
import { runJobInSlices } from '../../web/src/engine/job-runner.js';

/**
 * A small text with a few dozen distinct characters: words drawn from a fixed list by an LCG.
 * @param {number} n characters
 * @param {number} [seed]
 */
export function syntheticText(n, seed = 7) {
  const words = ['the', 'king', 'shall', 'not', 'speak', 'of', 'love', 'and', 'night', 'my'];
  words.push('lord', 'good', 'sir', 'what', 'is', 'this', 'that', 'thou', 'art', 'here');
  let s = seed;
  let text = '';
  while (text.length < n) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const w = words[s % words.length];
    text += s % 7 === 0 ? `${w},\n` : `${w} `;
  }
  return text.slice(0, n);
}

/**
 * Every job of a run, in the plan's order: {variant, seed, points (what progress reported, by
 * key), result}.
 * @param {any} wasm the Node WASM module
 * @param {ReturnType<typeof import('../../web/src/engine/ops.js').makeOps>} ops
 * @param {string} id
 * @param {Record<string, any>} config a resolved config
 * @param {string} [text] the text a text-trained experiment trains on
 */
export async function runExperimentJobs(wasm, ops, id, config, text = '') {
  const jobs = [];
  for (const j of ops.plan({ id, config })) {
    const handle = openJob(wasm, { experiment: id, config, variant: j.variant, seed: j.seed }, text);
    /** @type {Record<string, any[]>} */
    const points = {};
    const out = await runJobInSlices(handle, {
      onProgress: (p) => {
        for (const [k, v] of Object.entries(p.points)) if (Array.isArray(v)) (points[k] ??= []).push(...v);
      },
      isCancelled: () => false,
    });
    handle.close();
    if (out.cancelled)
      throw new Error(`${id}: job ${j.variant} (seed ${j.seed}) reported cancelled without being asked to`);
    jobs.push({ variant: j.variant, seed: j.seed, points, result: out.result });
  }
  return jobs;
}

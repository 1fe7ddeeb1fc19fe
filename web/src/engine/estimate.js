// @ts-check
// How long a run will take on this device, before it starts: the core's plan (the jobs, variant ×
// seed), each job's size in its own progress units (steps for the training experiments, layers,
// input cases or row lengths for the others: Job::total_steps in the core), and a short calibration
// of this device's time per unit, measured in a worker of its own on the run's own settings.
//
//   calibrateJob    times one opened job: one warm-up unit, then a few more (pure, over a handle)
//   jobMs           one job's time from its calibration: open + first unit + (units - 1) × unit time
//   makespanMs      the run's wall time: the jobs in plan order on `workers` workers, each job taken
//                   by the first worker that is free (what the pool does)
//   runEstimate     the arithmetic end to end: sizes + calibrations -> seconds
//   createEstimator the page's entry: plans, sizes and calibrates through engine calls, with a cache
//
// Jobs that stop early (a divergence, the lr-sweep's stop) are counted to their last unit: the
// estimate is an upper bound for them. Validation passes every few steps are not timed apart (they
// are a few per cent of a step's cost at the defaults).

/**
 * What one calibration measured.
 * @typedef {object} Calibration
 * @property {number} openMs       making the job (model, data)
 * @property {number} firstMs      its first unit (the warm-up: first-call costs and the step-0 evaluation)
 * @property {number | null} unitMs  mean time of the units after the first; null when the job ended first
 * @property {number} timedUnits   how many units unitMs is the mean of
 * @property {number} totalUnits   the job's size
 * @property {boolean} whole       the calibration ran the whole job (its time is then measured, not extrapolated)
 */

/**
 * Times an opened job: its first unit (warm-up), then units one at a time until at least
 * `minUnits` have been timed over at least `minMs`, or `maxMs` have passed with one timed, or the
 * job ends. A short job is thus timed whole.
 * @param {{advance: (n: number) => any, finished: () => boolean, totalSteps: () => number}} job
 * @param {{openMs?: number, now: () => number, minUnits?: number, minMs?: number, maxMs?: number}} options
 * @returns {Calibration}
 */
export function calibrateJob(job, { openMs = 0, now, minUnits = 3, minMs = 150, maxMs = 1000 }) {
  const totalUnits = job.totalSteps();
  let t = now();
  job.advance(1);
  const firstMs = now() - t;
  t = now();
  let timed = 0;
  let elapsed = 0;
  while (!job.finished()) {
    job.advance(1);
    timed++;
    elapsed = now() - t;
    if ((timed >= minUnits && elapsed >= minMs) || elapsed >= maxMs) break;
  }
  return {
    openMs,
    firstMs,
    unitMs: timed > 0 ? elapsed / timed : null,
    timedUnits: timed,
    totalUnits,
    whole: job.finished() && 1 + timed >= totalUnits,
  };
}

/**
 * One job's time (ms) from a calibration of its kind and its own size: making it, its first
 * unit, and the rest at the measured unit time (`fallbackUnitMs` when the calibration timed none).
 * @param {Calibration} c
 * @param {number} totalUnits
 * @param {number} [fallbackUnitMs]
 */
export function jobMs(c, totalUnits, fallbackUnitMs) {
  const unit = c.unitMs ?? fallbackUnitMs ?? c.firstMs;
  return c.openMs + c.firstMs + Math.max(0, totalUnits - 1) * unit;
}

/**
 * The wall time of jobs (ms each, in plan order) on `workers` workers, each job starting on the
 * first worker to be free, as the pool runs them (one worker: the sum).
 * @param {number[]} jobTimes
 * @param {number} workers
 */
export function makespanMs(jobTimes, workers) {
  const free = new Array(Math.max(1, Math.min(Math.floor(workers) || 1, jobTimes.length || 1))).fill(0);
  for (const ms of jobTimes) {
    let first = 0;
    for (let i = 1; i < free.length; i++) if (free[i] < free[first]) first = i;
    free[first] += ms;
  }
  return Math.max(...free);
}

/** @typedef {import('../types.js').RunEstimate} RunEstimate */

/**
 * The estimate from the plan, each variant's size and the calibrations of some variants. A
 * variant without a calibration takes the mean time of the calibrated ones (per unit, and for
 * making the job and its first unit); a calibration that timed no unit after the first (the job
 * ended, e.g. diverged at once) takes the others' mean unit time, or its first unit's.
 * @param {{jobs: {variant: string}[], sizes: Record<string, number>, calibrations: Record<string, Calibration>, workers: number}} input
 * @returns {RunEstimate}
 */
export function runEstimate({ jobs, sizes, calibrations, workers }) {
  const list = Object.values(calibrations);
  if (!list.length) throw new Error('an estimate needs at least one calibration');
  const mean = (/** @type {number[]} */ xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const units = list.map((c) => c.unitMs).filter((u) => u !== null);
  const meanUnit = units.length ? mean(/** @type {number[]} */ (units)) : undefined;
  /** @type {Calibration} */
  const typical = {
    openMs: mean(list.map((c) => c.openMs)),
    firstMs: mean(list.map((c) => c.firstMs)),
    unitMs: meanUnit ?? null,
    timedUnits: 0,
    totalUnits: 0,
    whole: false,
  };
  const times = jobs.map((j) => jobMs(calibrations[j.variant] ?? typical, sizes[j.variant] ?? 0, meanUnit));
  const kinds = new Set(jobs.map((j) => j.variant));
  const used = jobs.length ? Math.min(Math.max(1, Math.floor(workers)), jobs.length) : 1;
  return {
    seconds: makespanMs(times, used) / 1000,
    jobs: jobs.length,
    workers: used,
    calibrated: [...kinds].filter((k) => k in calibrations).length,
    kinds: kinds.size,
    measuredWhole: [...kinds].every((k) => calibrations[k]?.whole && calibrations[k].totalUnits === sizes[k]),
  };
}

/**
 * Which variants to time: every one when there are at most `max`, else `max` spread over the
 * plan's order (the first, the last and evenly between), so that a grid (depths × learning rates)
 * is sampled across, not at one end.
 * @param {string[]} variants distinct, in plan order
 * @param {number} max
 */
export function variantsToTime(variants, max) {
  if (variants.length <= max) return [...variants];
  if (max <= 1) return variants.slice(0, 1);
  const picked = new Set();
  for (let k = 0; k < max; k++) picked.add(variants[Math.round((k * (variants.length - 1)) / (max - 1))]);
  return [...picked];
}

// Settings that only count how much is run, never how long a unit takes: a change to them
// reuses the calibration (the new sizes come from the core).
const COUNT_KEYS = ['seeds', 'seed', 'steps'];

/**
 * The cache key of a calibration: the experiment, the training text, and every setting but counts.
 * @param {string} id
 * @param {Record<string, any>} config
 * @param {string} textKey
 */
export function costKey(id, config, textKey) {
  const rest = Object.fromEntries(
    Object.entries(config)
      .filter(([k]) => !COUNT_KEYS.includes(k))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return JSON.stringify([id, textKey, rest]);
}

/**
 * The page's estimator: `estimate(options)` plans the run, asks the core for each variant's size
 * and calibrates up to `maxKinds` variants (first seed) through `call` (engine operations 'plan',
 * 'jobSizes', 'calibrate', answered by a worker that runs nothing else). Calibrations are kept for
 * the page's life, per experiment, text and settings other than counts, so changing the number of
 * steps or seeds re-plans at once and recalibrates nothing; `isCurrent()` false abandons an
 * estimate between two calls (the settings changed meanwhile).
 * @param {{call: (op: string, args: Record<string, any>) => Promise<any>, workers: number, maxKinds?: number}} engine
 */
export function createEstimator({ call, workers, maxKinds = 3 }) {
  /** @type {Map<string, Calibration>} */
  const calibrations = new Map();
  return {
    /**
     * @param {{id: string, config: Record<string, any>, oneAtATime?: boolean, text?: string, textKey?: string, isCurrent?: () => boolean}} options
     * @returns {Promise<RunEstimate | null>} null: abandoned (no longer current)
     */
    async estimate({ id, config, oneAtATime = false, text, textKey = '', isCurrent = () => true }) {
      /** @type {{variant: string, seed: number}[]} */
      const jobs = await call('plan', { id, config });
      if (!isCurrent()) return null;
      const firstSeed = jobs.length ? jobs[0].seed : 0;
      const variants = [...new Set(jobs.map((j) => j.variant))];
      /** @type {number[]} */
      const totals = await call('jobSizes', { id, config, variants, seed: firstSeed, text });
      const sizes = Object.fromEntries(variants.map((v, i) => [v, totals[i]]));
      const key = costKey(id, config, textKey);
      /** @type {Record<string, Calibration>} */
      const timed = {};
      for (const variant of variantsToTime(variants, maxKinds)) {
        if (!isCurrent()) return null;
        const k = `${key} ${variant}`;
        let c = calibrations.get(k);
        if (!c) {
          c = /** @type {Calibration} */ (await call('calibrate', { id, config, variant, seed: firstSeed, text }));
          calibrations.set(k, c);
        }
        timed[variant] = c;
      }
      if (!isCurrent()) return null;
      return runEstimate({ jobs, sizes, calibrations: timed, workers: oneAtATime ? 1 : workers });
    },
  };
}

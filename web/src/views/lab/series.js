// @ts-check
// Shapes job points into chart series: one series per variant, mean and min–max band over
// seeds, with non-finite values (null from the core) marked instead of drawn.

/** @typedef {import('./chart-specs.js').ChartSpec} ChartSpec */
/** @typedef {Pick<import('../../types.js').JobState, 'variant' | 'seed' | 'points' | 'result'>} SeriesJob */
/** @typedef {Record<string, any> | null | undefined} Config */
/** @typedef {number | string} XValue  a step, a config list entry, or a label */

/**
 * One series of a chart: mean and min–max over seeds at each x; the x where a seed went non-finite.
 * @typedef {{variant: string, x: XValue[], mean: number[], lo: number[], hi: number[], nonfinite: XValue[], seeds: number}} Series
 */

// The x value of a point: the step itself, a config list entry (xFromConfig), or a label
// computed from the config (xLabelOf(config, step)).
/**
 * @param {ChartSpec} spec
 * @param {Config} config
 * @param {number} step
 * @returns {XValue}
 */
function xValue(spec, config, step) {
  if (spec.xLabelOf) return spec.xLabelOf(config ?? {}, step);
  if (spec.xFromConfig) return config?.[spec.xFromConfig]?.[step] ?? step;
  return step;
}

// The x and y values a job reported for a chart (y: spec.y unless another key is asked for).
/**
 * @param {SeriesJob} job
 * @param {ChartSpec} spec
 * @param {string} [y]
 * @returns {{xs: number[], ys: (number | null)[]}}
 */
function pointsOf(job, spec, y = spec.y) {
  const ys = job.points?.[y] ?? [];
  // x values are steps, indices or config list positions: never non-finite
  const xs = /** @type {number[]} */ (job.points?.[spec.x ?? 'step'] ?? ys.map((_, i) => i));
  return { xs, ys };
}

// Which series a job belongs to: spec.seriesOf(job), or its variant.
/** @type {(spec: ChartSpec, job: SeriesJob) => string} */
const seriesKey = (spec, job) => (spec.seriesOf ? spec.seriesOf(job) : job.variant);

// spec.seriesOf(job) (optional) groups jobs into series by something other than their variant, e.g.
// one series per norm over jobs that each contribute one point (a final value at their own lr).
/**
 * @param {SeriesJob[]} jobs
 * @param {ChartSpec} spec
 * @param {Config} config
 * @returns {Series[]}
 */
export function buildSeries(jobs, spec, config) {
  const byVariant = new Map();
  for (const job of jobs) {
    const key = seriesKey(spec, job);
    if (!byVariant.has(key)) byVariant.set(key, []);
    byVariant.get(key).push(job);
  }
  const series = [];
  for (const [variant, list] of byVariant) {
    const steps = new Set();
    const perSeed = list.map((job) => {
      const { xs, ys } = pointsOf(job, spec);
      const map = new Map();
      xs.forEach((x, i) => {
        map.set(x, ys[i]);
        steps.add(x);
      });
      return map;
    });
    const xsSorted = [...steps].sort((a, b) => a - b);
    /** @type {Series} */
    const s = { variant, x: [], mean: [], lo: [], hi: [], nonfinite: [], seeds: new Set(list.map((j) => j.seed)).size };
    for (const x of xsSorted) {
      const seen = perSeed.map((m) => m.get(x)).filter((v) => v !== undefined);
      const xv = xValue(spec, config, x);
      /** @type {number[]} */
      const vals = seen.filter((v) => v !== null && Number.isFinite(v));
      if (vals.length < seen.length) {
        s.nonfinite.push(xv);
        continue;
      }
      if (!vals.length) continue;
      s.x.push(xv);
      s.mean.push(vals.reduce((a, b) => a + b, 0) / vals.length);
      s.lo.push(Math.min(...vals));
      s.hi.push(Math.max(...vals));
    }
    series.push(s);
  }
  return series;
}

// One bar per series for spec.reduce === 'median': each job's median over its finite y values
// (e.g. the median step time, robust to a stray slow step), then mean and min–max over seeds.
// -> [{variant, value, lo, hi, seeds}]
/**
 * @param {SeriesJob[]} jobs
 * @param {ChartSpec} spec
 * @returns {{variant: string, value: number, lo: number, hi: number, seeds: number}[]}
 */
export function buildBars(jobs, spec) {
  const bySeries = new Map();
  for (const job of jobs) {
    const key = seriesKey(spec, job);
    const ys = /** @type {number[]} */ (pointsOf(job, spec).ys.filter((v) => v !== null && Number.isFinite(v))).sort(
      (a, b) => a - b,
    );
    if (!ys.length) continue;
    const mid = ys.length >> 1;
    const median = ys.length % 2 ? ys[mid] : (ys[mid - 1] + ys[mid]) / 2;
    if (!bySeries.has(key)) bySeries.set(key, []);
    bySeries.get(key).push(median);
  }
  return [...bySeries].map(([variant, vals]) => ({
    variant,
    value: vals.reduce((a, b) => a + b, 0) / vals.length,
    lo: Math.min(...vals),
    hi: Math.max(...vals),
    seeds: vals.length,
  }));
}

/** @param {number | null | undefined} y */
const csvValue = (y) => (y === null || y === undefined || !Number.isFinite(y) ? 'nan' : y);

// CSV of every curve: variant, seed, x, y (and the overlay's y, e.g. a prediction drawn over the
// measurement), one row per point, non-finite values as "nan".
/**
 * @param {SeriesJob[]} jobs
 * @param {ChartSpec} spec
 * @param {Config} config
 */
export function seriesCsv(jobs, spec, config) {
  const overlay = spec.overlay?.y;
  /** @type {(string | number)[][]} */
  const rows = [['variant', 'seed', spec.xLabel ?? spec.x ?? 'step', spec.y, ...(overlay ? [overlay] : [])]];
  for (const job of jobs) {
    const { xs, ys } = pointsOf(job, spec);
    const os = overlay ? pointsOf(job, spec, overlay).ys : [];
    xs.forEach((x, i) => {
      rows.push([
        job.variant,
        job.seed,
        xValue(spec, config, x),
        csvValue(ys[i]),
        ...(overlay ? [csvValue(os[i])] : []),
      ]);
    });
  }
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

// Where each run went non-finite: the last finite point of its curve before the divergence,
// so the chart can mark it. -> [{variant, seed, step, x, y}]
/**
 * @param {SeriesJob[]} jobs
 * @param {ChartSpec} spec
 * @param {Config} config
 * @returns {{variant: string, seed: number, step: number, x: XValue, y: number}[]}
 */
export function divergenceMarks(jobs, spec, config) {
  const marks = [];
  for (const job of jobs) {
    const at = job.result?.diverged_at;
    if (at === null || at === undefined) continue;
    const { xs, ys } = pointsOf(job, spec);
    let last = -1;
    for (let i = 0; i < ys.length; i++) if (ys[i] !== null && Number.isFinite(ys[i]) && xs[i] <= at) last = i;
    if (last < 0) continue;
    marks.push({ variant: job.variant, seed: job.seed, step: at, x: xValue(spec, config, xs[last]), y: ys[last] });
  }
  return marks;
}

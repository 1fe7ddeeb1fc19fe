// Shapes job points into chart series: one series per variant, mean and min–max band over
// seeds, with non-finite values (null from the core) marked instead of drawn.

// The x value of a point: the step itself, a config list entry (xFromConfig), or a label
// computed from the config (xLabelOf(config, step)).
function xValue(spec, config, step) {
  if (spec.xLabelOf) return spec.xLabelOf(config ?? {}, step);
  if (spec.xFromConfig) return config?.[spec.xFromConfig]?.[step] ?? step;
  return step;
}

export function buildSeries(jobs, spec, config) {
  const byVariant = new Map();
  for (const job of jobs) {
    if (!byVariant.has(job.variant)) byVariant.set(job.variant, []);
    byVariant.get(job.variant).push(job);
  }
  const series = [];
  for (const [variant, list] of byVariant) {
    const steps = new Set();
    const perSeed = list.map((job) => {
      const ys = job.points?.[spec.y] ?? [];
      const xs = job.points?.[spec.x ?? 'step'] ?? ys.map((_, i) => i);
      const map = new Map();
      xs.forEach((x, i) => { map.set(x, ys[i]); steps.add(x); });
      return map;
    });
    const xsSorted = [...steps].sort((a, b) => a - b);
    const s = { variant, x: [], mean: [], lo: [], hi: [], nonfinite: [], seeds: list.length };
    for (const x of xsSorted) {
      const vals = perSeed.map((m) => m.get(x)).filter((v) => v !== undefined);
      const xv = xValue(spec, config, x);
      if (vals.some((v) => v === null || !Number.isFinite(v))) {
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

// CSV of every curve: variant, seed, x, y (one row per point, non-finite values as "nan").
export function seriesCsv(jobs, spec, config) {
  const rows = [['variant', 'seed', spec.xLabel ?? spec.x ?? 'step', spec.y]];
  for (const job of jobs) {
    const ys = job.points?.[spec.y] ?? [];
    const xs = job.points?.[spec.x ?? 'step'] ?? ys.map((_, i) => i);
    xs.forEach((x, i) => {
      const xv = xValue(spec, config, x);
      const y = ys[i];
      rows.push([job.variant, job.seed, xv, y === null || y === undefined || !Number.isFinite(y) ? 'nan' : y]);
    });
  }
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

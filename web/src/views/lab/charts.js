// @ts-check
// The charts of an experiment page: one Chart.js chart per spec, redrawn from the jobs' points
// (mean ± band over seeds, a dashed overlay, divergence marks, bars for reduced values), each with
// its data as a table underneath and its non-finite points named in words. Chart.js (with
// chart-setup.js) is loaded when the charts are first drawn, not with the page: a page that has not
// run yet does not load it at all.
import { esc } from '../format.js';
import { PALETTE } from '../palette.js';
import { ENGLISH } from '../../i18n/translate.js';
import { buildBars, buildSeries, divergenceMarks } from './series.js';
import { annotationPlugin, annotationsOf, annotationSentence, setAnnotations } from './annotations.js';

/** @typedef {import('./chart-specs.js').ChartSpec} ChartSpec */
/** @typedef {import('../../types.js').JobState} JobState */
/** @typedef {import('../../types.js').ExperimentConfig} ExperimentConfig */
/** @typedef {import('chart.js').Chart} Chart */
/** @typedef {typeof import('../chart-setup.js').createChart} CreateChart */
/** chart: null until the charts are first drawn (Chart.js loads then). */
/** @typedef {{spec: ChartSpec, chart: Chart | null, fig: HTMLElement, canvas: HTMLCanvasElement}} LabChart */
/** @typedef {LabChart & {chart: Chart}} DrawnChart */
/** A second run drawn over the first, dashed and lighter (the compare view). */
/** @typedef {{jobs: JobState[], config: ExperimentConfig, label: string}} OtherRun */
/** @typedef {import('./chart-specs.js').RunOutputsLike} RunOutputsLike */

/**
 * The charts section's HTML for the page's first render.
 * @param {ChartSpec[]} specs
 * @param {import('../../i18n/translate.js').I18n} [i18n]
 */
export function chartsHtml(specs, { t } = ENGLISH) {
  const figure = (/** @type {ChartSpec} */ s) => `
        <figure class="chart-figure" data-chart="${s.id}">
          <figcaption>${esc(s.title)} ${s.logY !== undefined ? `<label class="log-toggle"><input type="checkbox" data-log="${s.id}"${s.logY ? ' checked' : ''}> ${esc(t('chart.logScale'))}</label>` : ''}</figcaption>
          <div class="chart-box"><canvas role="img" aria-label="${esc(s.title)}"></canvas></div>
          <p class="chart-marks" aria-live="polite"></p>
          <p class="chart-annotations"></p>
          <div class="chart-claims"></div>
          <details class="data-table"><summary>${esc(t('chart.showTable'))}</summary><div class="table-slot"></div></details>
        </figure>`;
  return `<section aria-labelledby="charts-h"><h2 id="charts-h">${esc(t('chart.title'))}</h2>
      <div class="charts">${specs.map(figure).join('')}</div></section>`;
}

/**
 * @param {CreateChart} createChart
 * @param {ChartSpec} spec
 * @param {HTMLCanvasElement} canvas
 * @param {boolean} logY the log-scale box as the learner left it
 * @param {import('../../i18n/translate.js').I18n} i18n
 * @returns {Chart}
 */
function newChart(createChart, spec, canvas, logY, i18n) {
  return createChart(
    canvas,
    {
      type: spec.reduce || spec.bar ? 'bar' : 'line',
      data: { datasets: [] },
      plugins: spec.stepAxis ? [annotationPlugin] : [],
      options: {
        parsing: false,
        normalized: true,
        plugins: {
          decimation: { enabled: !spec.category && !spec.reduce, algorithm: 'lttb', samples: 500 },
          legend: { position: 'bottom' },
        },
        scales: {
          x: {
            type: spec.category || spec.reduce ? 'category' : spec.logX ? 'logarithmic' : 'linear',
            title: { display: true, text: spec.xLabel ?? 'step' },
          },
          y: { type: logY ? 'logarithmic' : 'linear', title: { display: true, text: spec.yLabel ?? spec.y } },
        },
      },
    },
    i18n,
  );
}

/**
 * A bar per variant of one reduced value (e.g. the median step time), with its table.
 * @param {DrawnChart} c
 * @param {JobState[]} jobs
 * @param {OtherRun | null} other
 * @param {import('../../i18n/translate.js').I18n} i18n
 */
function drawBars({ spec, chart, fig }, jobs, other, { t, number }) {
  const bars = buildBars(jobs, spec);
  const otherBars = other ? buildBars(other.jobs, spec) : [];
  chart.data.labels = [...new Set([...bars, ...otherBars].map((b) => b.variant))];
  chart.data.datasets = /** @type {any[]} */ ([
    {
      label: other ? t('compare.thisRun') : (spec.yLabel ?? spec.y),
      data: bars.map((b) => ({ x: b.variant, y: b.value })),
      backgroundColor: bars.map((_, i) => PALETTE[i % PALETTE.length]),
    },
  ]);
  if (other)
    chart.data.datasets.push(
      /** @type {any} */ ({
        label: other.label,
        data: otherBars.map((b) => ({ x: b.variant, y: b.value })),
        backgroundColor: otherBars.map((_, i) => `${PALETTE[i % PALETTE.length]}66`),
        borderColor: otherBars.map((_, i) => PALETTE[i % PALETTE.length]),
        borderWidth: 1,
        borderDash: [4, 3],
      }),
    );
  /** @type {any} */ (chart.options.plugins).legend.display = !!other;
  fig.dataset.datasets = chart.data.datasets.map((d) => d.label).join('|');
  chart.update('none');
  const range = (/** @type {typeof bars[number]} */ b) =>
    b.seeds > 1 ? t('chart.seedsRange', { lo: number(b.lo), hi: number(b.hi) }) : '';
  /** @type {HTMLElement} */ (fig.querySelector('.chart-marks')).textContent = '';
  /** @type {HTMLElement} */ (fig.querySelector('.table-slot')).innerHTML =
    `<table><thead><tr><th scope="col">${esc(t('chart.variant'))}</th><th scope="col">${esc(spec.yLabel ?? spec.y)}</th></tr></thead><tbody>${bars
      .map((b) => `<tr><td>${esc(b.variant)}</td><td>${esc(number(b.value) + range(b))}</td></tr>`)
      .join('')}</tbody></table>`;
}

/**
 * Curves: per series its mean, the min–max band when there are several seeds, the overlay dashed,
 * a cross where a run diverged and, on a chart over training steps, its annotations (annotations.js);
 * then the marks in words (also in the canvas's label and above the data table) and the data table.
 * @param {DrawnChart} c
 * @param {JobState[]} jobs
 * @param {ExperimentConfig} config
 * @param {OtherRun | null} other
 * @param {RunOutputsLike | null} outputs the finished run's outputs (null while it runs)
 * @param {import('../../i18n/translate.js').I18n} i18n
 */
function drawCurves({ spec, chart, fig }, jobs, config, other, outputs, i18n) {
  const { t, number } = i18n;
  const series = buildSeries(jobs, spec, config);
  // spec.overlay: a second key of the same jobs drawn dashed over each series (a prediction)
  const overlay = spec.overlay ? buildSeries(jobs, { ...spec, y: spec.overlay.y }, config) : [];
  const asX = (/** @type {number | string} */ x) => (spec.category ? String(x) : x);
  /** @type {any[]} */
  const datasets = [];
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    if (s.seeds > 1) {
      datasets.push({
        label: `${s.variant} (min)`,
        data: s.x.map((x, k) => ({ x: asX(x), y: s.lo[k] })),
        borderWidth: 0,
        pointRadius: 0,
        fill: false,
        backgroundColor: `${colour}33`,
      });
      datasets.push({
        label: `${s.variant} (band)`,
        data: s.x.map((x, k) => ({ x: asX(x), y: s.hi[k] })),
        borderWidth: 0,
        pointRadius: 0,
        fill: '-1',
        backgroundColor: `${colour}33`,
      });
    }
    datasets.push({
      label: s.seeds > 1 ? t('chart.meanOf', { variant: s.variant, count: s.seeds }) : s.variant,
      data: s.x.map((x, k) => ({ x: asX(x), y: s.mean[k] })),
      borderColor: colour,
      backgroundColor: colour,
      pointRadius: spec.category ? 3 : 0,
      borderWidth: 2,
    });
    const o = overlay[i];
    if (o && spec.overlay) {
      datasets.push({
        label: `${o.variant}: ${spec.overlay.label}`,
        data: o.x.map((x, k) => ({ x: asX(x), y: o.mean[k] })),
        borderColor: colour,
        backgroundColor: colour,
        borderDash: [6, 4],
        pointRadius: 0,
        borderWidth: 1.5,
      });
    }
  });
  // the compared run: the same series, dashed and lighter, named with its label
  const otherSeries = other ? buildSeries(other.jobs, spec, other.config) : [];
  otherSeries.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    datasets.push({
      label: `${s.variant} (${other?.label})`,
      data: s.x.map((x, k) => ({ x: asX(x), y: s.mean[k] })),
      borderColor: `${colour}99`,
      backgroundColor: `${colour}99`,
      borderDash: [6, 4],
      pointRadius: spec.category ? 3 : 0,
      borderWidth: 2,
    });
  });
  const marksOnChart = divergenceMarks(jobs, spec, config);
  if (marksOnChart.length) {
    datasets.push({
      label: t('chart.divergedHere'),
      type: 'scatter',
      data: marksOnChart.map((m) => ({ x: asX(m.x), y: m.y })),
      pointStyle: 'crossRot',
      pointRadius: 9,
      borderWidth: 3,
      borderColor: '#D55E00',
      backgroundColor: '#D55E00',
    });
  }
  const labels = spec.category
    ? [...new Set([...series, ...otherSeries].flatMap((s) => [...s.x, ...s.nonfinite]))]
    : undefined;
  chart.data.labels = labels?.map(String);
  chart.data.datasets = datasets;
  const annotations = annotationsOf(spec, jobs, config, outputs, i18n);
  setAnnotations(chart, annotations);
  const marked = annotationSentence(annotations, i18n);
  fig.dataset.annotations = annotations.map((a) => `${a.kind}:${a.from}`).join('|');
  /** @type {HTMLElement} */ (fig.querySelector('canvas')).setAttribute(
    'aria-label',
    marked ? `${spec.title}. ${marked}` : spec.title,
  );
  // bands and the dashed overlays share their series' colour: one legend entry per series
  const overlaySuffix = spec.overlay ? `: ${spec.overlay.label}` : null;
  /** @type {any} */ (chart.options.plugins).legend.labels = {
    filter: (/** @type {{text: string}} */ item) =>
      !/\((min|band)\)$/.test(item.text) && !(overlaySuffix && item.text.endsWith(overlaySuffix)),
  };
  chart.update('none');
  fig.dataset.datasets = datasets.map((d) => d.label).join('|');

  const marks = series
    .filter((s) => s.nonfinite.length)
    .map((s) =>
      t('chart.nonfiniteAt', {
        variant: s.variant,
        x: spec.xLabel ?? 'x',
        values: s.nonfinite.map((x) => number(x)).join(t('claims.listSeparator')),
      }),
    );
  const diverged = jobs
    .filter((j) => j.result?.diverged_at !== null && j.result?.diverged_at !== undefined)
    .map((j) => t('chart.divergedAt', { variant: j.variant, seed: j.seed, step: j.result?.diverged_at ?? null }));
  /** @type {HTMLElement} */ (fig.querySelector('.chart-marks')).textContent = [...marks, ...diverged].join('; ');
  /** @type {HTMLElement} */ (fig.querySelector('.chart-annotations')).textContent = marked;

  const overlayHead = spec.overlay ? `<th scope="col">${esc(spec.overlay.label)}</th>` : '';
  const overlayCell = (/** @type {number} */ i, /** @type {number | string} */ x) => {
    if (!spec.overlay) return '';
    const o = overlay[i];
    const k = o ? o.x.indexOf(x) : -1;
    return `<td>${esc(k >= 0 ? number(o.mean[k]) : number(null))}</td>`;
  };
  const rows = series.flatMap((s, i) =>
    s.x
      .map(
        (x, k) =>
          `<tr><td>${esc(s.variant)}</td><td>${esc(number(x))}</td><td>${esc(number(s.mean[k]))}</td>${overlayCell(i, x)}</tr>`,
      )
      .concat(
        s.nonfinite.map(
          (x) =>
            `<tr><td>${esc(s.variant)}</td><td>${esc(number(x))}</td><td>${esc(number(null))}</td>${overlayCell(i, x)}</tr>`,
        ),
      ),
  );
  // the compared run's points, after this run's, named by its label (the table is the chart for screen readers)
  const otherRows = otherSeries.flatMap((s) =>
    s.x.map(
      (x, k) =>
        `<tr><td>${esc(`${s.variant} (${other?.label})`)}</td><td>${esc(number(x))}</td><td>${esc(number(s.mean[k]))}</td>${spec.overlay ? '<td></td>' : ''}</tr>`,
    ),
  );
  rows.push(...otherRows);
  /** @type {HTMLElement} */ (fig.querySelector('.table-slot')).innerHTML =
    `<table>${marked ? `<caption>${esc(marked)}</caption>` : ''}<thead><tr><th scope="col">${esc(t('chart.variant'))}</th><th scope="col">${esc(spec.xLabel ?? 'x')}</th><th scope="col">${esc(spec.yLabel ?? spec.y)}</th>${overlayHead}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The charts of the rendered section under `root`: each is created (and Chart.js loaded) at the
 * first draw; a draw asked for while Chart.js loads is done when it has, the newest one only.
 * @param {HTMLElement} root
 * @param {ChartSpec[]} specs
 * @param {import('../../i18n/translate.js').I18n} [i18n] the page's language (numbers on the axes and in tooltips)
 */
export function mountCharts(root, specs, i18n = ENGLISH) {
  /** @type {LabChart[]} */
  const charts = specs.map((spec) => {
    const fig = /** @type {HTMLElement} */ (root.querySelector(`[data-chart="${spec.id}"]`));
    /** @type {LabChart} */
    const c = { spec, fig, canvas: /** @type {HTMLCanvasElement} */ (fig.querySelector('canvas')), chart: null };
    fig.querySelector(`[data-log="${spec.id}"]`)?.addEventListener('change', (e) => {
      const chart = c.chart;
      if (!chart) return; // not drawn yet: the chart reads the box when it is created
      /** @type {any} */ (chart.options.scales).y.type = /** @type {HTMLInputElement} */ (e.target).checked
        ? 'logarithmic'
        : 'linear';
      chart.update();
    });
    return c;
  });
  let ready = false; // the charts exist (Chart.js has loaded)
  /** @type {Promise<void> | null} */
  let loading = null;
  /** @type {[JobState[], ExperimentConfig, OtherRun | null, RunOutputsLike | null] | null} */
  let pending = null;
  let gone = false;

  /** @param {[JobState[], ExperimentConfig, OtherRun | null, RunOutputsLike | null]} args */
  const drawAll = ([jobs, config, other, outputs]) => {
    for (const c of /** @type {DrawnChart[]} */ (charts)) {
      if (c.spec.reduce) drawBars(c, jobs, other, i18n);
      else drawCurves(c, jobs, config, other, outputs, i18n);
    }
  };
  return {
    charts,
    /**
     * Redraws every chart and table from the jobs (once Chart.js has loaded, the first time).
     * @param {JobState[]} jobs
     * @param {ExperimentConfig} config
     * @param {OtherRun | null} [other] a second run to draw over this one (compare)
     * @param {RunOutputsLike | null} [outputs] the finished run's outputs, for the claims' windows
     */
    draw(jobs, config, other = null, outputs = null) {
      if (ready) return drawAll([jobs, config, other, outputs]);
      pending = [jobs, config, other, outputs];
      loading ??= import('../chart-setup.js').then(
        ({ createChart }) => {
          if (gone) return;
          for (const c of charts) {
            const box = /** @type {HTMLInputElement | null} */ (c.fig.querySelector(`[data-log="${c.spec.id}"]`));
            c.chart = newChart(createChart, c.spec, c.canvas, box ? box.checked : !!c.spec.logY, i18n);
          }
          ready = true;
          const args = pending;
          pending = null;
          if (args) drawAll(args);
        },
        (/** @type {Error} */ e) => {
          loading = null; // the next draw tries again
          if (gone) return;
          for (const c of charts)
            /** @type {HTMLElement} */ (c.fig.querySelector('.chart-marks')).textContent = i18n.t('chart.loadFailed', {
              message: e.message,
            });
        },
      );
    },
    destroy() {
      gone = true;
      charts.forEach((c) => c.chart?.destroy());
    },
  };
}

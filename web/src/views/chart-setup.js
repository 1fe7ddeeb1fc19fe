// @ts-check
// Chart.js set-up shared by every chart: only the components we use (keeps the bundle small),
// a colour-blind-safe palette, colours taken from the page's theme, and what makes a chart
// readable: tooltips on hover, a legend click that isolates one series, compact tick labels
// (1e10, 10 k), one legend entry for the dashed predictions, and nothing drawn before there is data.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import { formatNumber, decimalSeparator } from './format.js';
import { PALETTE } from './palette.js';

/** The language each chart speaks (createChart's i18n); English when none was given. */
const chartLanguage = new WeakMap();

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
);

// The palette lives apart (palette.js) so that code which only picks colours does not load Chart.js.
export { PALETTE };

function themeColour(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

// A short tick label: 1e10 rather than 10,000,000,000.0000, 10 k rather than 10000.
export function compactTick(value) {
  const v = Number(value);
  if (!Number.isFinite(v)) return String(value);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const [m, e] = v.toExponential(1).split('e');
    return `${Number(m)}e${Number(e)}`;
  }
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))} k`;
  return String(Number(v.toPrecision(3)));
}

const isPowerOfTen = (v) => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

/** @this {any} the scale */
function tickLabel(value, index, ticks) {
  if (this.type === 'category') return this.getLabelForValue(value);
  if (this.type === 'logarithmic') {
    // label the powers of ten only, unless the axis spans less than two of them
    const decades = ticks.filter((t) => isPowerOfTen(t.value)).length;
    if (decades >= 2 && !isPowerOfTen(value)) return '';
  }
  return compactTick(value);
}

const hasPoints = (chart) => chart.data.datasets.some((d) => Array.isArray(d.data) && d.data.length > 0);
const colourKey = (d) =>
  String(Array.isArray(d.borderColor) ? '' : (d.borderColor ?? d.backgroundColor ?? '')).slice(0, 7);
const isDashed = (d) => Array.isArray(d.borderDash) && d.borderDash.length > 0;

// Nothing (not even empty axes) is drawn until a dataset has a point.
const waitForData = {
  id: 'normlabWaitForData',
  beforeDraw(chart) {
    const empty = !hasPoints(chart);
    chart.canvas.dataset.empty = String(empty);
    if (empty) chart.clear();
    return !empty;
  },
};

// Clicking a legend entry shows that series alone (with its band and its dashed prediction);
// clicking it again, when it is the only one shown, shows every series again.
function isolateOnClick(_event, item, legend) {
  const chart = legend.chart;
  const datasets = chart.data.datasets;
  if (item.datasetIndex === undefined || item.datasetIndex < 0) {
    // the "dashed lines: predicted" entry toggles every dashed series
    const dashed = datasets.map((d, i) => (isDashed(d) ? i : -1)).filter((i) => i >= 0);
    const show = dashed.some((i) => !chart.isDatasetVisible(i));
    dashed.forEach((i) => chart.setDatasetVisibility(i, show));
    chart.update();
    return;
  }
  const key = colourKey(datasets[item.datasetIndex]);
  const group = (i) => i === item.datasetIndex || (key !== '' && colourKey(datasets[i]) === key);
  const alone = datasets.every((_, i) => chart.isDatasetVisible(i) === group(i));
  datasets.forEach((_, i) => chart.setDatasetVisibility(i, alone || group(i)));
  chart.update();
}

const defaultLabels = Chart.defaults.plugins.legend.labels.generateLabels;
function legendLabels(chart) {
  const items = defaultLabels(chart);
  if (chart.config.type === 'line' && chart.data.datasets.some(isDashed)) {
    items.push({
      text: chartLanguage.get(chart)?.t('chart.predicted') ?? 'dashed lines: predicted',
      datasetIndex: -1,
      lineDash: [6, 4],
      lineWidth: 2,
      strokeStyle: themeColour('--fg-muted', '#555'),
      fillStyle: 'transparent',
      fontColor: themeColour('--fg-muted', '#555'),
      hidden: false,
      pointStyle: 'line',
    });
  }
  return items;
}

const tooltipLabel = (ctx) => {
  const y = ctx.parsed?.y ?? ctx.raw;
  const number = chartLanguage.get(ctx.chart)?.number ?? formatNumber;
  return `${ctx.dataset.label ?? ''}: ${number(typeof y === 'number' ? y : Number(y))}`;
};

// As defaults, so that a view that later replaces its legend or tooltip options keeps them.
Chart.defaults.plugins.legend.onClick = isolateOnClick;
Chart.defaults.plugins.legend.labels.generateLabels = legendLabels;
Chart.defaults.plugins.tooltip.callbacks.label = tooltipLabel;
// bands (min/max over seeds) are shown by the mean's entry, not twice
Chart.defaults.plugins.tooltip.filter = (item) => !/\((min|band)\)$/.test(item.dataset.label ?? '');

/**
 * A Chart.js chart with the site's defaults; with `i18n`, its numbers (ticks, tooltips) and its
 * own words are in that language.
 * @param {any} canvas @param {any} config
 * @param {import('../i18n/translate.js').I18n | null} [i18n]
 */
export function createChart(canvas, config, i18n = null) {
  const sep = decimalSeparator(i18n?.lang);
  /** @this {any} */
  const tick = function (value, index, ticks) {
    const label = tickLabel.call(this, value, index, ticks);
    return sep === '.' || this.type === 'category' ? label : String(label).replace('.', sep);
  };
  const text = themeColour('--fg-muted', '#555');
  const grid = themeColour('--grid', 'rgba(0,0,0,0.1)');
  Chart.defaults.color = text;
  Chart.defaults.borderColor = grid;
  const options = config.options ?? {};
  const scales = { x: {}, y: {}, ...(options.scales ?? {}) };
  for (const id of Object.keys(scales)) {
    const s = scales[id];
    scales[id] = { ...s, ticks: { callback: tick, maxRotation: 0, autoSkip: true, ...(s.ticks ?? {}) } };
  }
  const plugins = options.plugins ?? {};
  const chart = new Chart(canvas, {
    ...config,
    plugins: [...(config.plugins ?? []), waitForData],
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      ...options,
      interaction: { mode: 'nearest', axis: 'x', intersect: false, ...(options.interaction ?? {}) },
      scales,
      plugins: {
        ...plugins,
        tooltip: { enabled: true, ...(plugins.tooltip ?? {}) },
      },
    },
  });
  if (i18n) chartLanguage.set(chart, i18n);
  return chart;
}

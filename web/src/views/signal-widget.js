// @ts-check
// The activation scale through depth, live: sliders for depth and init scale, a choice of activation and norm;
// the engine runs one variant of the core's `signal` experiment (a stack of Linear(D -> D) layers
// fed N(0, 1) inputs) in its worker and the chart redraws the activation std per layer on a log
// axis, measured (solid) and as variance propagation predicts it (dashed). One request at a time:
// while one is computing, further changes only mark the settings stale, and the newest settings
// are sent when it returns, so the chart follows the slider without a queue of outdated answers.
import { decimalSeparator, esc } from './format.js';
import { ENGLISH, sayError } from '../i18n/translate.js';
import { whenNear } from './visible.js';

// Small enough that one forward and backward pass answers within a frame or two.
export const SIGNAL_WIDTH = 64;
export const SIGNAL_BATCH = 32;
// each choice's label: a name, or a catalogue key (`key`) for a word of the page's language
const NORMS = [
  { value: 'none', key: 'signal.normNone' },
  { value: 'layer', label: 'LayerNorm' },
  { value: 'rms', label: 'RMSNorm' },
];
const ACTIVATIONS = [
  { value: 'relu', label: 'ReLU' },
  { value: 'tanh', label: 'tanh' },
  { value: 'none', key: 'signal.activationNone' },
];
/** @param {{label?: string, key?: string}} o @param {import('../i18n/translate.js').I18n} i18n */
const labelOf = (o, i18n) => (o.key ? i18n.t(o.key) : (o.label ?? ''));
let uid = 0;

/**
 * The `signal` experiment's settings for one widget state: weights ~ N(0, g²/D), so that
 * D·Var(w) = g², the per-layer variance gain of a linear layer (ReLU halves it).
 * @param {{layers: number, gain: number, activation: string, norm: string}} s
 */
export function signalSettings({ layers, gain, activation, norm }) {
  return {
    layers,
    width: SIGNAL_WIDTH,
    batch: SIGNAL_BATCH,
    activation,
    inits: ['normal'],
    norms: [norm],
    placement: 'after',
    sigma: gain / Math.sqrt(SIGNAL_WIDTH),
    bias: false,
    seeds: 1,
  };
}

/**
 * One sentence on what the chart shows, for screen readers and as the chart's summary, in
 * `i18n`'s language.
 * @param {{layers: number, norm: string}} s
 * @param {(number | null)[]} measured
 * @param {(number | null)[]} predicted
 * @param {import('../i18n/translate.js').I18n} [i18n]
 */
export function signalSummary({ layers, norm }, measured, predicted, i18n = ENGLISH) {
  const { t } = i18n;
  const last = measured[layers];
  const chosen = NORMS.find((n) => n.value === norm);
  const what = norm === 'none' || !chosen ? t('signal.noNorm') : t('signal.with', { name: labelOf(chosen, i18n) });
  const end =
    last === null || last === undefined
      ? t('signal.overflowed')
      : predicted[layers] !== null && predicted[layers] !== undefined
        ? t('signal.endPredicted', { last, predicted: predicted[layers] ?? null })
        : t('signal.end', { last });
  return t('signal.summary', { what, first: measured[0] ?? null, count: layers, end });
}

/**
 * @param {HTMLElement} el
 * @param {{compute: (op: string, args: any) => Promise<any>, i18n?: import('../i18n/translate.js').I18n}} ctx
 */
export function mountSignalWidget(el, { compute, i18n = ENGLISH }) {
  const { t } = i18n;
  const id = `sig${++uid}`;
  const options = (
    /** @type {{value: string, label?: string, key?: string}[]} */ list,
    /** @type {string} */ selected,
  ) =>
    list
      .map(
        (o) => `<option value="${o.value}"${o.value === selected ? ' selected' : ''}>${esc(labelOf(o, i18n))}</option>`,
      )
      .join('');
  el.innerHTML = `
    <h3 class="widget-title">${esc(t('signal.title'))}</h3>
    <p>${esc(t('signal.intro', { width: SIGNAL_WIDTH, batch: SIGNAL_BATCH }))}</p>
    <div class="inline-fields">
      <div class="form-row"><label for="${id}-layers">${esc(t('signal.depth'))}</label>
        <input id="${id}-layers" type="range" min="1" max="50" step="1" value="20" data-key="layers">
        <output for="${id}-layers" data-out="layers"></output></div>
      <div class="form-row"><label for="${id}-gain">${esc(t('signal.gain'))}</label>
        <input id="${id}-gain" type="range" min="0.5" max="2.5" step="0.01" value="1" data-key="gain">
        <output for="${id}-gain" data-out="gain"></output></div>
      <div class="form-row"><label for="${id}-act">${esc(t('signal.activation'))}</label>
        <select id="${id}-act" data-key="activation">${options(ACTIVATIONS, el.dataset.activation ?? 'relu')}</select></div>
      <div class="form-row"><label for="${id}-norm">${esc(t('signal.normAfter'))}</label>
        <select id="${id}-norm" data-key="norm">${options(NORMS, el.dataset.norm ?? 'none')}</select></div>
    </div>
    <p class="widget-note" data-role="summary" aria-live="polite"></p>
    <div class="chart-box"><canvas role="img" aria-label="${esc(t('signal.chartLabel'))}"></canvas></div>
    <details class="data-table">
      <summary>${esc(t('chart.showTable'))}</summary>
      <table><thead><tr><th scope="col">${esc(t('signal.layer'))}</th><th scope="col">${esc(t('signal.measured'))}</th><th scope="col">${esc(t('signal.predicted'))}</th></tr></thead><tbody></tbody></table>
    </details>
    <p class="engine-error" role="alert"></p>`;
  // the init scale with two decimals, in the page's language ("1.00", "1,00"): the slider stays
  // below 10, so no digit grouping, and no Intl.NumberFormat to make (format.js says why)
  const twoDecimals = (/** @type {number} */ x) => x.toFixed(2).replace('.', decimalSeparator(i18n.lang));
  const $ = (/** @type {string} */ s) => /** @type {HTMLElement} */ (el.querySelector(s));
  const controls = /** @type {(HTMLInputElement | HTMLSelectElement)[]} */ ([...el.querySelectorAll('[data-key]')]);
  const read = () => {
    const v = Object.fromEntries(controls.map((c) => [c.dataset.key, c.value]));
    return { layers: Number(v.layers), gain: Number(v.gain), activation: v.activation, norm: v.norm };
  };
  const showValues = () => {
    const s = read();
    $('[data-out="layers"]').textContent = String(s.layers);
    const gainText = t('signal.gainText', { g: twoDecimals(s.gain), variance: s.gain * s.gain });
    $('[data-out="gain"]').textContent = gainText;
    $(`#${id}-gain`).setAttribute('aria-valuetext', gainText);
  };

  // the chart (and Chart.js) is made when the widget first comes near the screen; until then
  // the summary and the table show the answers, and the chart draws the newest one when it is made
  const canvas = /** @type {HTMLCanvasElement} */ (el.querySelector('canvas'));
  const near = whenNear(canvas);
  let gone = false;
  /** @type {import('chart.js').Chart | null} */
  let chart = null;
  /** @type {{measured: (number | null)[], predicted: (number | null)[]} | null} */
  let shown = null;
  // a log axis cannot show 0 or a non-finite value: those points are left as gaps
  const plot = (/** @type {number | null} */ v) => (typeof v === 'number' && v > 0 ? v : null);
  const drawChart = () => {
    if (!chart || !shown) return;
    chart.data.labels = shown.measured.map((_, l) => String(l));
    chart.data.datasets[0].data = shown.measured.map(plot);
    chart.data.datasets[1].data = shown.predicted.map(plot);
    chart.update();
  };
  near.promise
    .then(() => import('./chart-setup.js'))
    .then(
      ({ createChart, PALETTE }) => {
        if (gone) return;
        chart = createChart(canvas, {
          type: 'line',
          data: {
            labels: [],
            datasets: [
              {
                label: t('signal.measured'),
                data: [],
                borderColor: PALETTE[0],
                backgroundColor: PALETTE[0],
                pointRadius: 2,
              },
              {
                label: t('signal.predicted'),
                data: [],
                borderColor: PALETTE[1],
                backgroundColor: PALETTE[1],
                borderDash: [6, 4],
                pointRadius: 0,
              },
            ],
          },
          options: {
            scales: {
              x: { title: { display: true, text: t('signal.axisLayer') } },
              y: { type: 'logarithmic', title: { display: true, text: t('signal.axisStd') } },
            },
          },
        });
        drawChart();
      },
      (/** @type {Error} */ e) => {
        if (!gone) $('.engine-error').textContent = t('chart.loadFailedOnce', { message: e.message });
      },
    );

  let busy = false;
  let stale = false;

  async function update() {
    if (busy) {
      stale = true;
      return;
    }
    busy = true;
    stale = false;
    const s = read();
    el.dataset.state = 'computing';
    try {
      const r = await compute('runJobNow', {
        id: 'signal',
        settings: signalSettings(s),
        variant: `normal/${s.norm}`,
        seed: 1,
      });
      if (gone) return;
      const measured = /** @type {(number | null)[]} */ (r.metrics.act_std);
      const predicted = /** @type {(number | null)[]} */ (r.metrics.predicted_std);
      shown = { measured, predicted };
      drawChart();
      $('[data-role="summary"]').textContent = signalSummary(s, measured, predicted, i18n);
      $('tbody').innerHTML = measured
        .map((v, l) => `<tr><td>${l}</td><td>${i18n.number(v, 4)}</td><td>${i18n.number(predicted[l], 4)}</td></tr>`)
        .join('');
      $('.engine-error').textContent = '';
      el.dataset.values = measured.map((v) => (v === null ? 'null' : v.toPrecision(6))).join(' ');
      el.dataset.state = 'ready';
    } catch (e) {
      if (gone) return;
      $('.engine-error').textContent = t('engine.failed', { message: sayError(/** @type {any} */ (e), i18n) });
      el.dataset.state = 'error';
    } finally {
      busy = false;
      if (stale && !gone) update();
    }
  }

  const changed = () => {
    showValues();
    update();
  };
  el.addEventListener('input', changed);
  showValues();
  update();
  return {
    destroy() {
      gone = true;
      near.cancel();
      chart?.destroy();
    },
  };
}

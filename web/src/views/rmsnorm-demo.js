// @ts-check
// The home page's live RMSNorm demo: the learner edits a vector, the engine normalises it
// (in a worker), and a bar chart and a table show input and output side by side. The chart is
// plain SVG (bar-chart.js), drawn at the width of its box, whose height is fixed by the style
// sheet: the home page loads no chart library, and nothing moves when the first numbers arrive.
// Hovering (or touching) the chart names the pair under the pointer in a line below it.
import { parseNumberList, parseNumberField } from '../state/number-list.js';
import { esc } from './format.js';
import { say, sayError } from '../i18n/translate.js';
import { PALETTE } from './palette.js';
import { indexAt, pairedBarsSvg } from './bar-chart.js';

const swatch = (/** @type {string} */ colour) =>
  `<svg class="bc-swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${colour}"/></svg>`;

// The edge cases that explain ε, read from the engine's rstd = 1/√(mean(x²) + ε).
/**
 * @param {number[]} x @param {number} rstd @param {number} eps
 * @param {import('../i18n/translate.js').I18n} i18n
 */
export function epsilonNote(x, rstd, eps, { t }) {
  const denominator = 1 / rstd;
  const allZero = x.every((v) => v === 0);
  if (allZero && !(denominator > 0)) return t('demo.zeroNoEps');
  const share = eps / (denominator * denominator); // ε's part of mean(x²) + ε
  if (allZero) return t('demo.zeroEps', { divisor: denominator });
  if (share > 0.5) return t('demo.epsDominates', { cap: 1 / Math.sqrt(eps) });
  return '';
}

export function mountRmsNormDemo(root, { compute, i18n }) {
  const { t, html } = i18n;
  const fmt = i18n.number;
  root.innerHTML = `
    <section class="demo" aria-labelledby="demo-title">
      <h2 id="demo-title">${esc(t('demo.title'))}</h2>
      <p>${html('demo.intro', { formula: '<span class="formula">y = x / √(mean(x²) + ε)</span>' })}</p>
      <div class="form-row">
        <label for="demo-x">${esc(t('demo.x'))}</label>
        <input id="demo-x" name="x" type="text" inputmode="decimal" autocomplete="off"
               value="2, -1, 0.5, 3, -2.5, 1" aria-describedby="demo-x-error">
        <p class="field-error" id="demo-x-error" role="alert" aria-live="polite"></p>
      </div>
      <div class="form-row">
        <label for="demo-eps">${esc(t('demo.eps'))}</label>
        <input id="demo-eps" name="eps" type="text" inputmode="decimal" autocomplete="off"
               value="1e-6" aria-describedby="demo-eps-error">
        <p class="field-error" id="demo-eps-error" role="alert" aria-live="polite"></p>
      </div>
      <p class="demo-stats" aria-live="polite"><span data-role="rms">rms = …</span></p>
      <p class="demo-note" data-role="note" aria-live="polite" hidden></p>
      <ul class="bc-legend">
        <li>${swatch(PALETTE[0])} ${esc(t('demo.seriesX'))}</li>
        <li>${swatch(PALETTE[1])} ${esc(t('demo.seriesY'))}</li>
      </ul>
      <div class="chart-box"><svg id="demo-chart" class="bar-chart" role="img" aria-label="${esc(t('demo.chartLabel'))}"></svg></div>
      <p class="bc-readout" data-role="readout"></p>
      <details class="data-table">
        <summary>${esc(t('chart.showTable'))}</summary>
        <table><thead><tr><th scope="col">i</th><th scope="col">x</th><th scope="col">y</th></tr></thead><tbody></tbody></table>
      </details>
      <p class="engine-error" role="alert"></p>
    </section>`;

  const xInput = root.querySelector('#demo-x');
  const epsInput = root.querySelector('#demo-eps');
  const xError = root.querySelector('#demo-x-error');
  const epsError = root.querySelector('#demo-eps-error');
  const engineError = root.querySelector('.engine-error');
  const rmsOut = root.querySelector('[data-role="rms"]');
  const note = root.querySelector('[data-role="note"]');
  const tbody = root.querySelector('tbody');
  const section = root.querySelector('section');

  const svg = /** @type {SVGSVGElement} */ (root.querySelector('#demo-chart'));
  const readout = /** @type {HTMLElement} */ (root.querySelector('[data-role="readout"]'));
  /** @type {{x: number[], y: number[]} | null} */
  let shown = null; // the numbers on the chart
  /** @type {number | null} */
  let hovered = null;
  let width = 0;

  function drawChart() {
    if (!shown || width <= 0) return;
    const height = Math.round(svg.getBoundingClientRect().height) || 260;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.innerHTML = pairedBarsSvg({
      a: shown.x,
      b: shown.y,
      colours: [PALETTE[0], PALETTE[1]],
      titles: { a: 'x', b: 'y', index: t('demo.axisIndex') },
      width,
      height,
      number: fmt,
      highlight: hovered,
    });
    readout.textContent =
      hovered === null ? '' : t('demo.readout', { i: hovered, x: shown.x[hovered], y: shown.y[hovered] });
  }
  // drawn at the box's width, and again when it changes (a phone turned, a window resized)
  const resize =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          const w = Math.round(svg.getBoundingClientRect().width);
          if (w === width) return;
          width = w;
          drawChart();
        });
  resize?.observe(svg);
  const hover = (/** @type {PointerEvent} */ e) => {
    if (!shown) return;
    const box = svg.getBoundingClientRect();
    const i = indexAt(e.clientX - box.left, shown.x.length, box.width);
    if (i === hovered) return;
    hovered = i;
    drawChart();
  };
  svg.addEventListener('pointermove', hover);
  svg.addEventListener('pointerdown', hover);
  svg.addEventListener('pointerleave', () => {
    hovered = null;
    drawChart();
  });

  let latest = 0; // only the newest request may draw: answers can arrive out of order

  async function update() {
    const parsedX = parseNumberList(xInput.value);
    const parsedEps = parseNumberField(epsInput.value, { name: 'ε', min: 0, max: 1 });
    xError.textContent = parsedX.ok ? '' : say(parsedX.message, i18n);
    epsError.textContent = parsedEps.ok ? '' : say(parsedEps.message, i18n);
    xInput.setAttribute('aria-invalid', String(!parsedX.ok));
    epsInput.setAttribute('aria-invalid', String(!parsedEps.ok));
    if (!parsedX.ok || !parsedEps.ok) return;

    const ticket = ++latest;
    section.dataset.state = 'computing';
    try {
      const x = parsedX.values;
      const { y, rstd } = await compute('rmsnorm', { x, eps: parsedEps.value });
      if (ticket !== latest) return;
      engineError.textContent = '';
      shown = { x, y: Array.from(y) };
      if (hovered !== null && hovered >= x.length) hovered = null;
      width ||= Math.round(svg.getBoundingClientRect().width);
      drawChart();
      rmsOut.textContent = `rms = ${fmt(1 / rstd[0])}`;
      const why = epsilonNote(x, rstd[0], parsedEps.value, i18n);
      note.textContent = why;
      note.hidden = why === '';
      section.dataset.edge = why === '' ? '' : 'true';
      tbody.innerHTML = x.map((v, i) => `<tr><td>${i}</td><td>${fmt(v)}</td><td>${fmt(y[i])}</td></tr>`).join('');
      section.dataset.state = 'ready';
    } catch (e) {
      if (ticket !== latest) return;
      engineError.textContent = t('engine.failed', { message: sayError(e, i18n) });
      section.dataset.state = 'error';
    }
  }

  xInput.addEventListener('input', update);
  epsInput.addEventListener('input', update);
  update();
  return {
    destroy: () => resize?.disconnect(),
  };
}

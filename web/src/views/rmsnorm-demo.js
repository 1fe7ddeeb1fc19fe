// @ts-check
// The home page's live RMSNorm demo: the learner edits a vector, the engine normalises it
// (in a worker), and a bar chart and a table show input and output side by side. Chart.js is
// loaded on demand, alongside the engine's WASM, so it does not hold up the page's first paint.
import { parseNumberList, parseNumberField } from '../state/number-list.js';
import { esc } from './format.js';
import { say, sayError } from '../i18n/translate.js';

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
      <div class="chart-box"><canvas id="demo-chart" role="img" aria-label="${esc(t('demo.chartLabel'))}"></canvas></div>
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

  const chartReady = import('./chart-setup.js').then(({ createChart, PALETTE }) =>
    createChart(
      root.querySelector('#demo-chart'),
      {
        type: 'bar',
        data: {
          labels: [],
          datasets: [
            { label: t('demo.seriesX'), data: [], backgroundColor: PALETTE[0], yAxisID: 'y' },
            { label: t('demo.seriesY'), data: [], backgroundColor: PALETTE[1], yAxisID: 'yOut' },
          ],
        },
        // input and output on their own axes: with x = (100, …, −100) the output bars stay visible
        options: {
          scales: {
            x: { title: { display: true, text: t('demo.axisIndex') } },
            y: { position: 'left', title: { display: true, text: 'x' } },
            yOut: { position: 'right', title: { display: true, text: 'y' }, grid: { drawOnChartArea: false } },
          },
        },
      },
      i18n,
    ),
  );

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
      const [{ y, rstd }, chart] = await Promise.all([compute('rmsnorm', { x, eps: parsedEps.value }), chartReady]);
      if (ticket !== latest) return;
      engineError.textContent = '';
      chart.data.labels = x.map((_, i) => String(i));
      chart.data.datasets[0].data = x;
      chart.data.datasets[1].data = Array.from(y);
      chart.update();
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
    destroy: () => {
      chartReady.then(
        (chart) => chart.destroy(),
        () => {},
      );
    },
  };
}

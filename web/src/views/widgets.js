// @ts-check
// Live widgets placed in theory pages by ```widget fences: each is mounted on a
// <div class="widget" data-widget="name" data-...> and computes through `compute` (the worker).
import { parseMatrix, parseNumberField } from '../state/number-list.js';
import { NORM_KINDS, reductionOf, sameGroup2d } from '../state/norm-axes.js';
import { esc } from './format.js';
import { say, sayError } from '../i18n/translate.js';
import { mountSignalWidget } from './signal-widget.js';

/** @typedef {import('../i18n/translate.js').I18n} I18n */
let uid = 0;

/**
 * @param {ArrayLike<number>} values
 * @param {number} rows
 * @param {number} cols
 * @param {{caption?: string, highlight?: (r: number, c: number) => boolean}} [options]
 */
function matrixTable(values, rows, cols, { caption, highlight } = {}, fmt = (/** @type {number} */ v) => String(v)) {
  let html = `<table class="matrix">${caption ? `<caption>${caption}</caption>` : ''}<tbody>`;
  for (let r = 0; r < rows; r++) {
    html += '<tr>';
    for (let c = 0; c < cols; c++)
      html += `<td${highlight?.(r, c) ? ' class="hl"' : ''}>${fmt(values[r * cols + c])}</td>`;
    html += '</tr>';
  }
  return `${html}</tbody></table>`;
}

// a norm's name: DyT's says it has no statistics, in the page's language
const kindName = (k, { t }) => (k.kind === 'dyt' ? t('widget.dytName') : k.name);
const kindOptions = (selected, i18n, kinds = NORM_KINDS) =>
  kinds
    .map((k) => `<option value="${k.kind}"${k.kind === selected ? ' selected' : ''}>${esc(kindName(k, i18n))}</option>`)
    .join('');
// what a norm's statistics are, in the page's language
const kindNote = (kind, { t }) => t(`widget.note.${kind}`);

// Normalize this: edit a (B, d) tensor, pick a norm, see mu, sigma, y and the gradient of one output.
export function mountNormalizeWidget(el, { compute, i18n }) {
  const { t } = i18n;
  const fmt = i18n.number;
  // a list of numbers: "1.5, 2" in English, "1,5; 2" where the comma is the decimal mark
  const listSep = fmt(0.5).includes(',') ? '; ' : ', ';
  const id = `w${++uid}`;
  const kind0 = el.dataset.kind ?? 'layer';
  el.innerHTML = `
    <h3 class="widget-title">${esc(t('widget.normalizeTitle'))}</h3>
    <div class="form-row"><label for="${id}-x">${esc(t('widget.inputX'))}</label>
      <textarea id="${id}-x" rows="3" spellcheck="false">1, 2, 3, 4\n2, 0, -2, 8\n0.5, 0.5, 0.5, 0.6</textarea>
      <p class="field-error" role="alert" data-for="x"></p></div>
    <div class="inline-fields">
      <div class="form-row"><label for="${id}-kind">${esc(t('widget.norm'))}</label><select id="${id}-kind">${kindOptions(kind0, i18n)}</select></div>
      <div class="form-row"><label for="${id}-eps">ε</label><input id="${id}-eps" type="text" value="1e-5" size="8">
        <p class="field-error" role="alert" data-for="eps"></p></div>
      <div class="form-row" data-show="group"><label for="${id}-groups">${esc(t('widget.groups'))}</label><input id="${id}-groups" type="text" value="2" size="4">
        <p class="field-error" role="alert" data-for="groups"></p></div>
      <div class="form-row"><label for="${id}-out">${esc(t('widget.gradOf'))}</label><input id="${id}-out" type="text" value="0, 0" size="6">
        <p class="field-error" role="alert" data-for="out"></p></div>
    </div>
    <p class="widget-note" aria-live="polite"></p>
    <div class="widget-results" aria-live="polite"></div>
    <p class="engine-error" role="alert"></p>`;
  const $ = (s) => el.querySelector(s);
  const err = (name, text) => {
    el.querySelector(`[data-for="${name}"]`).textContent = text ?? '';
  };
  let latest = 0;

  async function update() {
    const kind = $(`#${id}-kind`).value;
    el.querySelector('[data-show="group"]').hidden = kind !== 'group';
    const m = parseMatrix($(`#${id}-x`).value, { maxRows: 8, maxCols: 12 });
    const eps = parseNumberField($(`#${id}-eps`).value, { name: 'ε', min: 0, max: 1 });
    const groups = parseNumberField($(`#${id}-groups`).value, { name: 'G', min: 1, max: 12 });
    const outParts = $(`#${id}-out`)
      .value.split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    err('x', m.ok ? '' : say(m.message, i18n));
    err('eps', eps.ok ? '' : say(eps.message, i18n));
    err('groups', '');
    err('out', '');
    if (!m.ok || !eps.ok) return;
    if (kind === 'group') {
      if (!groups.ok || !Number.isInteger(groups.value))
        return err('groups', groups.ok ? t('widget.gWhole') : say(groups.message, i18n));
      if (m.cols % groups.value !== 0) return err('groups', t('widget.gDivides', { g: groups.value, d: m.cols }));
    }
    const [or, oc] = outParts;
    if (
      outParts.length !== 2 ||
      !Number.isInteger(or) ||
      !Number.isInteger(oc) ||
      or < 0 ||
      oc < 0 ||
      or >= m.rows ||
      oc >= m.cols
    ) {
      return err('out', t('widget.outRange', { rows: m.rows - 1, cols: m.cols - 1 }));
    }
    const dy = new Array(m.rows * m.cols).fill(0);
    dy[or * m.cols + oc] = 1;
    const ticket = ++latest;
    el.dataset.state = 'computing';
    try {
      const r = await compute('normalize', {
        kind,
        shape: [m.rows, m.cols],
        x: m.values,
        eps: eps.value,
        groups: groups.ok ? groups.value : 1,
        dy,
      });
      if (ticket !== latest) return;
      const hl = (rr, cc) =>
        kind !== 'dyt' && sameGroup2d(kind, rr, cc, or, oc, { d: m.cols, groups: groups.ok ? groups.value : 1 });
      const k = NORM_KINDS.find((n) => n.kind === kind);
      $('.widget-note').textContent = t('widget.normalizeNote', {
        name: k ? kindName(k, i18n) : kind,
        note: kindNote(kind, i18n),
        cell: `${or}, ${oc}`,
      });
      const stats =
        r.mean || r.rstd
          ? `<p class="stats">${r.mean ? `μ = [${Array.from(r.mean, (v) => fmt(v)).join(listSep)}] ` : ''}${r.rstd ? `σ = [${Array.from(r.rstd, (s) => fmt(1 / s)).join(listSep)}]` : ''}</p>`
          : '';
      $('.widget-results').innerHTML = `${stats}
        <div class="matrices">${matrixTable(r.y, m.rows, m.cols, { caption: esc(t('widget.outputY')), highlight: hl }, fmt)}
        ${matrixTable(r.dx, m.rows, m.cols, { caption: `∂y[${or},${oc}] / ∂x`, highlight: (rr, cc) => Math.abs(r.dx[rr * m.cols + cc]) > 0 }, fmt)}</div>`;
      $('.engine-error').textContent = '';
      el.dataset.state = 'ready';
    } catch (e) {
      if (ticket !== latest) return;
      $('.engine-error').textContent = t('engine.failed', { message: sayError(e, i18n) });
      el.dataset.state = 'error';
    }
  }
  el.addEventListener('input', update);
  el.addEventListener('change', update);
  update();
}

// Axes diagram: pick a norm, see which axes of (N, C, H, W) and (B, d) it reduces over.
export function mountAxesWidget(el, { i18n }) {
  const { t } = i18n;
  const id = `w${++uid}`;
  const N = 3;
  const C = 4;
  const G = 2;
  const B = 3;
  const d = 6;
  el.innerHTML = `
    <h3 class="widget-title">${esc(t('widget.axesTitle'))}</h3>
    <div class="form-row"><label for="${id}-kind">${esc(t('widget.norm'))}</label><select id="${id}-kind">${kindOptions(el.dataset.kind ?? 'batch', i18n)}</select></div>
    <p class="widget-note" aria-live="polite"></p>
    <div class="axes-grids"></div>`;
  const select = el.querySelector('select');
  function draw() {
    const kind = select.value;
    const red = reductionOf(kind);
    el.querySelector('.widget-note').textContent =
      kind === 'dyt'
        ? kindNote(kind, i18n)
        : t('widget.axesNote', { axes: red.axes.join(', '), shape: red.statShape, note: kindNote(kind, i18n) });
    // (N, C, H×W) as N blocks of C rows × 4 spatial cells; the reference cell is sample 0, channel 0.
    let html = `<figure><figcaption>${esc(t('widget.nchwCaption', { n: N, c: C }))}</figcaption><div class="nchw">`;
    for (let n = 0; n < N; n++) {
      html += `<div class="sample"><span class="axis-label">n = ${n}</span>`;
      for (let c = 0; c < C; c++) {
        html += '<div class="chan">';
        for (let s = 0; s < 4; s++) {
          const same =
            kind === 'dyt'
              ? n === 0 && c === 0 && s === 0
              : kind === 'batch'
                ? c === 0
                : kind === 'layer' || kind === 'rms'
                  ? n === 0
                  : kind === 'group'
                    ? n === 0 && Math.floor(c / (C / G)) === 0
                    : n === 0 && c === 0;
          html += `<span class="cell${same ? ' hl' : ''}${n === 0 && c === 0 && s === 0 ? ' ref' : ''}"></span>`;
        }
        html += `<span class="axis-label">c = ${c}</span></div>`;
      }
      html += '</div>';
    }
    html += `</div></figure><figure><figcaption>(B, d) = (${B}, ${d})${kind === 'group' ? esc(t('widget.groupsOf', { g: G, size: d / G })) : ''}</figcaption><div class="bd">`;
    for (let b = 0; b < B; b++) {
      html += '<div class="row">';
      for (let j = 0; j < d; j++) {
        const same = sameGroup2d(kind, b, j, 0, 0, { d, groups: G });
        html += `<span class="cell${same ? ' hl' : ''}${b === 0 && j === 0 ? ' ref' : ''}"></span>`;
      }
      html += '</div>';
    }
    el.querySelector('.axes-grids').innerHTML = `${html}</div></figure>`;
  }
  select.addEventListener('change', draw);
  draw();
}

// Live gradcheck: the core's analytic backward against central finite differences in double precision.
export function mountGradcheckWidget(el, { compute, i18n }) {
  const { t } = i18n;
  const id = `w${++uid}`;
  el.innerHTML = `
    <h3 class="widget-title">${esc(t('widget.gradcheckTitle'))}</h3>
    <p>${esc(t('widget.gradcheckIntro'))}</p>
    <div class="inline-fields">
      <div class="form-row"><label for="${id}-kind">${esc(t('widget.norm'))}</label><select id="${id}-kind">${kindOptions(el.dataset.kind ?? 'layer', i18n)}</select></div>
      <div class="form-row"><label for="${id}-rows">${esc(t('widget.rows'))}</label><input id="${id}-rows" type="text" value="3" size="3"></div>
      <div class="form-row"><label for="${id}-d">${esc(t('widget.features'))}</label><input id="${id}-d" type="text" value="5" size="3"></div>
      <div class="form-row"><label for="${id}-seed">${esc(t('exercise.seed'))}</label><input id="${id}-seed" type="text" value="1" size="5"></div>
    </div>
    <p class="field-error" role="alert"></p>
    <button type="button">${esc(t('widget.runGradcheck'))}</button>
    <div class="widget-results" aria-live="polite"></div>`;
  const $ = (s) => el.querySelector(s);
  $('button').addEventListener('click', async () => {
    const rows = parseNumberField($(`#${id}-rows`).value, { name: t('widget.rows'), min: 1, max: 64 });
    const d = parseNumberField($(`#${id}-d`).value, { name: 'd', min: 1, max: 256 });
    const seed = parseNumberField($(`#${id}-seed`).value, { name: t('exercise.seed'), min: 0, max: 2 ** 31 });
    const bad = [rows, d, seed].find((p) => !p.ok || !Number.isInteger(p.value));
    $('.field-error').textContent = bad ? (bad.ok ? t('widget.wholeNumbers') : say(bad.message, i18n)) : '';
    if (bad) return;
    el.dataset.state = 'computing';
    try {
      const r = await compute('gradcheck', {
        kind: $(`#${id}-kind`).value,
        rows: rows.value,
        d: d.value,
        seed: seed.value,
      });
      $('.widget-results').innerHTML =
        `<table class="gradcheck"><thead><tr><th scope="col">${esc(t('widget.gradient'))}</th><th scope="col">${esc(t('widget.entries'))}</th><th scope="col">${esc(t('widget.maxRelError'))}</th><th scope="col">${esc(t('results.verdict'))}</th></tr></thead><tbody>
        ${r.results.map((g) => `<tr><td>${esc(g.name)}</td><td>${g.count}</td><td>${i18n.number(g.maxRelError)}</td><td>${esc(t(g.maxRelError < 1e-6 ? 'widget.agrees' : 'widget.disagrees'))}</td></tr>`).join('')}
        </tbody></table>`;
      el.dataset.state = 'ready';
    } catch (e) {
      $('.widget-results').innerHTML =
        `<p class="engine-error" role="alert">${esc(t('engine.failed', { message: sayError(e, i18n) }))}</p>`;
      el.dataset.state = 'error';
    }
  });
}

export const WIDGET_MOUNTS = {
  normalize: mountNormalizeWidget,
  axes: mountAxesWidget,
  gradcheck: mountGradcheckWidget,
  signal: mountSignalWidget,
};

// Mounts every widget of a page; destroy() releases what they hold (a widget's chart).
export function mountWidgets(root, ctx) {
  const mounted = [...root.querySelectorAll('.widget[data-widget]')].map((el) =>
    WIDGET_MOUNTS[el.dataset.widget]?.(el, ctx),
  );
  return { destroy: () => mounted.forEach((w) => w?.destroy?.()) };
}

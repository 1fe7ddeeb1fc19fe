// @ts-check
// Live checks under drills: the learner tries the claim of the drill on numbers of their own,
// computed by the core in the worker.
import { parseNumberField } from '../state/number-list.js';
import { seededNormals } from '../state/random.js';
import { mountGradcheckWidget } from './widgets.js';
import { esc } from './format.js';
import { say, sayError } from '../i18n/translate.js';

// float32 carries about seven significant digits: the checks show them all
const DIGITS = 7;
const maxAbs = (a) =>
  Array.from(a).reduce((m, v) => (Number.isFinite(v) && Number.isFinite(m) ? Math.max(m, Math.abs(v)) : NaN), 0);
const maxAbsDiff = (a, b) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

function fields(el, specs, i18n) {
  const { t } = i18n;
  el.innerHTML = `<h3 class="widget-title">${esc(t('drillCheck.title'))}</h3><div class="inline-fields">${specs
    .map(
      (s) =>
        `<div class="form-row"><label for="${s.id}">${esc(s.label)}</label><input id="${s.id}" type="text" value="${s.value}" size="8"></div>`,
    )
    .join('')}</div>
    <p class="field-error" role="alert"></p><div class="check-result" aria-live="polite"></div>`;
  return () => {
    const out = {};
    for (const s of specs) {
      const p = parseNumberField(el.querySelector(`#${s.id}`).value, { name: s.label, ...s.range });
      if (!p.ok) {
        el.querySelector('.field-error').textContent = say(p.message, i18n);
        return null;
      }
      out[s.key] = p.value;
    }
    el.querySelector('.field-error').textContent = '';
    return out;
  };
}

function runner(el, read, body, i18n) {
  const { t } = i18n;
  let latest = 0;
  const go = async () => {
    const v = read();
    if (!v) return;
    const ticket = ++latest;
    el.dataset.state = 'computing';
    try {
      const html = await body(v);
      if (ticket !== latest) return;
      el.querySelector('.check-result').innerHTML = html;
      el.dataset.state = 'ready';
    } catch (e) {
      if (ticket !== latest) return;
      el.querySelector('.check-result').innerHTML =
        `<p class="engine-error">${esc(t('engine.failed', { message: sayError(e, i18n) }))}</p>`;
      el.dataset.state = 'error';
    }
  };
  el.addEventListener('input', go);
  go();
}

const CHECKS = {
  'ln-d1'(el, { compute, i18n }) {
    const fmt = (/** @type {number} */ v) => i18n.number(v, DIGITS);
    const read = fields(
      el,
      [
        { id: 'ld1-x', key: 'x', label: 'x', value: '3.7' },
        { id: 'ld1-g', key: 'gamma', label: 'γ', value: '2' },
        { id: 'ld1-b', key: 'beta', label: 'β', value: '0.25' },
        { id: 'ld1-eps', key: 'eps', label: 'ε', value: '1e-5', range: { min: 0, max: 1 } },
      ],
      i18n,
    );
    runner(
      el,
      read,
      async ({ x, gamma, beta, eps }) => {
        const r = await compute('normalize', {
          kind: 'layer',
          shape: [1, 1],
          x: [x],
          gamma: [gamma],
          beta: [beta],
          eps,
          dy: [1],
        });
        return `<p>${i18n.html('drillCheck.lnD1', {
          y: `<strong data-role="y">${fmt(r.y[0])}</strong>`,
          same: esc(i18n.t(r.y[0] === Math.fround(beta) ? 'drillCheck.betaExactly' : 'drillCheck.notBeta')),
          dx: `<span data-role="dx">${fmt(r.dx[0])}</span>`,
        })}</p>`;
      },
      i18n,
    );
  },
  'gradcheck-rms'(el, ctx) {
    el.dataset.kind = 'rms';
    mountGradcheckWidget(el, ctx);
  },
  'gradcheck-layer'(el, ctx) {
    el.dataset.kind = 'layer';
    mountGradcheckWidget(el, ctx);
  },
  'groupnorm-identity'(el, { compute, i18n }) {
    const read = fields(
      el,
      [
        { id: 'gi-n', key: 'N', label: 'N', value: '2', range: { min: 1, max: 8 } },
        { id: 'gi-c', key: 'C', label: 'C', value: '6', range: { min: 1, max: 32 } },
        { id: 'gi-hw', key: 'HW', label: 'H = W', value: '3', range: { min: 1, max: 8 } },
        { id: 'gi-seed', key: 'seed', label: i18n.t('drillCheck.seed'), value: '7', range: { min: 0 } },
      ],
      i18n,
    );
    runner(
      el,
      read,
      async ({ N, C, HW, seed }) => {
        const shape = [N, C, HW, HW];
        const x = seededNormals(seed, N * C * HW * HW);
        const g1 = await compute('normalize', { kind: 'group', shape, x, groups: 1 });
        const ln = await compute('normalize', { kind: 'layer', shape: [N, C * HW * HW], x });
        const gc = await compute('normalize', { kind: 'group', shape, x, groups: C });
        const inn = await compute('normalize', { kind: 'instance', shape, x });
        return `<p>${i18n.html('drillCheck.g1', { value: `<strong data-role="g1">${i18n.number(maxAbsDiff(g1.y, ln.y))}</strong>` })}</p>
        <p>max |GroupNorm(G = C) − InstanceNorm| = <strong data-role="gc">${i18n.number(maxAbsDiff(gc.y, inn.y))}</strong></p>`;
      },
      i18n,
    );
  },
  // starts from the worked solution's own numbers: d = 2, x = (1 + δ, 1 − δ), ε = 1e-5, L = y₁
  // (upstream gradient (1, 0, …)), δ = 0, where the solution's table gives ∂L/∂x₁ = 158.1 inside
  'eps-gradient'(el, { compute, i18n }) {
    const { t } = i18n;
    const fmt = (/** @type {number} */ v) => i18n.number(v, DIGITS);
    const read = fields(
      el,
      [
        {
          id: 'eg-delta',
          key: 'delta',
          label: t('drillCheck.delta'),
          value: '0',
          range: { min: 0, max: 10 },
        },
        { id: 'eg-eps', key: 'eps', label: 'ε', value: '1e-5', range: { min: 0, max: 1 } },
        { id: 'eg-d', key: 'd', label: 'd', value: '2', range: { min: 2, max: 64 } },
      ],
      i18n,
    );
    runner(
      el,
      read,
      async ({ delta, eps, d }) => {
        const x = Array.from({ length: d }, (_, i) =>
          d % 2 === 1 && i === d - 1 ? 1 : 1 + (i % 2 === 0 ? delta : -delta),
        );
        const dy = Array.from({ length: d }, (_, i) => (i === 0 ? 1 : 0));
        const inside = await compute('normalize', { kind: 'layer', shape: [1, d], x, eps, dy });
        const outside = await compute('normalize', { kind: 'layer_eps_outside', shape: [1, d], x, eps, dy });
        return `<table><thead><tr><th scope="col">${esc(t('drillCheck.placement'))}</th><th scope="col">∂L/∂x₁</th><th scope="col">max |∂L/∂x|</th></tr></thead><tbody>
        <tr><td>${esc(t('drillCheck.inside'))}: (x − μ)/√(σ² + ε)</td><td data-role="inside-first">${fmt(inside.dx[0])}</td><td data-role="inside">${fmt(maxAbs(inside.dx))}</td></tr>
        <tr><td>${esc(t('drillCheck.outside'))}: (x − μ)/(√σ² + ε)</td><td data-role="outside-first">${fmt(outside.dx[0])}</td><td data-role="outside">${fmt(maxAbs(outside.dx))}</td></tr></tbody></table>`;
      },
      i18n,
    );
  },
};

export function mountDrillCheck(el, name, ctx) {
  CHECKS[name]?.(el, ctx);
}

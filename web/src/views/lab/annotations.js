// @ts-check
// Annotations on the charts whose x axis is the training step: where a run diverged (or was
// stopped), where the warm-up ends, and the window of steps a claim looked at. Each has a short
// label drawn on the chart and a sentence for the chart's text (its marks line, the canvas's label
// and its table), so the mark is never colour alone. `annotationsOf` is pure (it is unit tested);
// `annotationPlugin` draws them (a small Chart.js plugin: a shaded window under the curves, dashed
// vertical lines over them, each label on a background of the page's colour).

import { ENGLISH } from '../../i18n/translate.js';

/** @typedef {import('./chart-specs.js').ChartSpec} ChartSpec */
/** @typedef {Pick<import('../../types.js').JobState, 'variant' | 'seed' | 'result'>} AnnotatedJob */

/**
 * @typedef {object} Annotation
 * @property {'divergence' | 'warmup' | 'window'} kind
 * @property {number} from    the step of a line, or the first step of a window
 * @property {number} to      the last step of a window (= from for a line)
 * @property {string} label   short, drawn on the chart
 * @property {string} text    a sentence for the chart's text alternative and table
 */

/** Vermillion (Okabe–Ito), as the divergence crosses: distinct for every kind of colour vision. */
export const DIVERGENCE_COLOUR = '#D55E00';

/**
 * A chart's annotations. Divergences: one line per variant at its earliest diverged step over its
 * seeds (every seed is named in the sentence). Warm-up and claim windows: from the spec, given the
 * run's settings and (when the run has finished) its outputs.
 * @param {ChartSpec} spec
 * @param {AnnotatedJob[]} jobs
 * @param {Record<string, any>} config
 * @param {{metrics?: Record<string, any>, summary?: {claim: string}[]} | null} [outputs]
 * @param {import('../../i18n/translate.js').I18n} [i18n] the language of the labels and sentences
 * @returns {Annotation[]}
 */
export function annotationsOf(spec, jobs, config, outputs = null, i18n = ENGLISH) {
  if (!spec.stepAxis) return [];
  const { t } = i18n;
  /** @type {Annotation[]} */
  const out = [...(spec.marks?.(config, jobs, outputs ?? null, i18n) ?? [])];
  /** @typedef {{step: number, seeds: number[], of: number}} Diverged */
  /** @type {Map<string, Diverged>} */
  const diverged = new Map();
  /** @type {Map<string, number>} */
  const seedsOf = new Map();
  for (const j of jobs) seedsOf.set(j.variant, (seedsOf.get(j.variant) ?? 0) + 1);
  for (const j of jobs) {
    const at = j.result?.diverged_at;
    if (at === null || at === undefined || !Number.isFinite(at)) continue;
    /** @type {Diverged} */
    const d = diverged.get(j.variant) ?? { step: at, seeds: [], of: seedsOf.get(j.variant) ?? 1 };
    d.step = Math.min(d.step, at);
    d.seeds.push(j.seed);
    diverged.set(j.variant, d);
  }
  for (const [variant, d] of diverged) {
    const which = d.of > 1 ? t('annotation.divergedOf', { count: d.seeds.length, of: d.of }) : '';
    out.push({
      kind: 'divergence',
      from: d.step,
      to: d.step,
      label: t('annotation.diverged', { variant }),
      text: t('annotation.divergedText', {
        step: d.step,
        variant,
        which,
        seeds: t('annotation.seeds', { count: d.seeds.length, list: d.seeds.join(', ') }),
      }),
    });
  }
  return out;
}

/**
 * The annotations in words, for the text under the chart and its table.
 * @param {Annotation[]} list
 * @param {import('../../i18n/translate.js').I18n} [i18n]
 */
export const annotationSentence = (list, { t } = ENGLISH) =>
  list.length ? t('annotation.sentence', { list: list.map((a) => a.text).join('; ') }) : '';

/**
 * @param {string} name a CSS custom property of the page's theme
 * @param {string} fallback
 */
function themeColour(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** @type {WeakMap<object, Annotation[]>} each chart's annotations, drawn at its next update */
const shown = new WeakMap();

/**
 * @param {object} chart
 * @param {Annotation[]} list
 */
export function setAnnotations(chart, list) {
  shown.set(chart, list);
}

/** Draws the annotations `setAnnotations` gave a chart. */
export const annotationPlugin = {
  id: 'normlabAnnotations',
  /** @param {any} chart */
  beforeDatasetsDraw(chart) {
    const items = shown.get(chart) ?? [];
    const { ctx, chartArea: area, scales } = chart;
    const muted = themeColour('--fg-muted', '#555');
    ctx.save();
    for (const a of items.filter((i) => i.kind === 'window')) {
      const x0 = Math.max(area.left, scales.x.getPixelForValue(a.from));
      const x1 = Math.min(area.right, scales.x.getPixelForValue(a.to));
      if (!(x1 > x0)) continue;
      ctx.globalAlpha = 0.12;
      ctx.fillStyle = muted;
      ctx.fillRect(x0, area.top, x1 - x0, area.bottom - area.top);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = muted;
      ctx.setLineDash([2, 3]);
      ctx.strokeRect(x0, area.top, x1 - x0, area.bottom - area.top);
    }
    ctx.restore();
  },
  /** @param {any} chart */
  afterDatasetsDraw(chart) {
    const items = shown.get(chart) ?? [];
    if (!items.length) return;
    const { ctx, chartArea: area, scales } = chart;
    const muted = themeColour('--fg-muted', '#555');
    const background = themeColour('--bg', '#fff');
    ctx.save();
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    items.forEach((a, k) => {
      const colour = a.kind === 'divergence' ? DIVERGENCE_COLOUR : muted;
      const x = scales.x.getPixelForValue(a.from);
      if (!(x >= area.left - 1 && x <= area.right + 1)) return;
      if (a.kind !== 'window') {
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2;
        ctx.setLineDash(a.kind === 'divergence' ? [6, 3] : [2, 3]);
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
      }
      // labels stack down from the top, left of the mark when it is in the right half
      const width = ctx.measureText(a.label).width;
      const right = x > (area.left + area.right) / 2;
      const lx = right ? x - 4 - width : x + 4;
      const ly = area.top + 4 + k * 16;
      ctx.fillStyle = background;
      ctx.globalAlpha = 0.85;
      ctx.fillRect(lx - 2, ly - 1, width + 4, 15);
      ctx.globalAlpha = 1;
      ctx.fillStyle = colour;
      ctx.fillText(a.label, lx, ly);
    });
    ctx.restore();
  },
};

// @ts-check
// lr-sweep's stability map: the final loss of every (learning rate, depth) run as a heatmap per
// variant, on one shared colour scale so variants compare; each cell names its numbers on hover
// (an SVG <title>) and the same numbers stand in a table for screen readers (in a visually hidden
// box: a table itself will not shrink to the 1 px of .sr-only and would widen a phone's page). The palette is
// viridis, a sequential scale that stays ordered for the common colour-vision deficiencies and in
// grey; lower loss is darker. Drawn as plain SVG: no chart library is loaded for it.
import { esc } from '../format.js';
import { ENGLISH } from '../../i18n/translate.js';

/** @typedef {import('../../i18n/translate.js').I18n} I18n */

/** @typedef {import('../../types.js').JobState} JobState */

/** Viridis at nine even stops, dark (low loss) to light (high loss). */
export const VIRIDIS = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21918c',
  '#28ae80',
  '#5ec962',
  '#addc30',
  '#fde725',
];

/**
 * @typedef {object} StabilityGrid
 * @property {number[]} lrs      ascending
 * @property {number[]} depths   ascending
 * @property {{variant: string, cells: ({score: number, seeds: number, stopped: number} | null)[][]}[]} variants
 *   cells[depth index][lr index]: the mean score over the seeds that finished, how many stopped early
 * @property {number} lo the lowest score of the map
 * @property {number} hi the highest
 */

/**
 * The map's numbers from the finished jobs' results (metrics: variant, depth, lr, score,
 * steps_run; diverged_at when stopped). Null when no job has finished.
 * @param {JobState[]} jobs
 * @returns {StabilityGrid | null}
 */
export function stabilityGrid(jobs) {
  /** @type {{variant: string, depth: number, lr: number, score: number, stopped: boolean}[]} */
  const runs = [];
  for (const j of jobs) {
    const m = /** @type {Record<string, unknown> | undefined} */ (j.result?.metrics);
    if (!m || typeof m.score !== 'number' || typeof m.lr !== 'number' || typeof m.depth !== 'number') continue;
    runs.push({
      variant: String(m.variant ?? j.variant),
      depth: m.depth,
      lr: m.lr,
      score: m.score,
      stopped: j.result?.diverged_at !== null && j.result?.diverged_at !== undefined,
    });
  }
  if (!runs.length) return null;
  const sorted = (/** @type {number[]} */ xs) => [...new Set(xs)].sort((a, b) => a - b);
  const lrs = sorted(runs.map((r) => r.lr));
  const depths = sorted(runs.map((r) => r.depth));
  const names = [...new Set(runs.map((r) => r.variant))];
  const variants = names.map((variant) => ({
    variant,
    cells: depths.map((depth) =>
      lrs.map((lr) => {
        const here = runs.filter((r) => r.variant === variant && r.depth === depth && r.lr === lr);
        if (!here.length) return null;
        return {
          score: here.reduce((a, r) => a + r.score, 0) / here.length,
          seeds: here.length,
          stopped: here.filter((r) => r.stopped).length,
        };
      }),
    ),
  }));
  const scores = runs.map((r) => r.score);
  return { lrs, depths, variants, lo: Math.min(...scores), hi: Math.max(...scores) };
}

/**
 * A score's colour on the map's scale (lo darkest, hi lightest), and a text colour readable on it.
 * @param {number} score
 * @param {number} lo
 * @param {number} hi
 */
export function cellColour(score, lo, hi) {
  const t = hi > lo ? Math.min(1, Math.max(0, (score - lo) / (hi - lo))) : 0;
  const i = Math.round(t * (VIRIDIS.length - 1));
  return { fill: VIRIDIS[i], text: i >= 5 ? '#000000' : '#ffffff' };
}

/** @param {{score: number, seeds: number, stopped: number}} c @param {I18n} i18n */
const cellWords = (c, { t }) =>
  t('sm.cell', { score: c.score }) +
  (c.seeds > 1 ? t('sm.meanOf', { count: c.seeds }) : '') +
  (c.stopped
    ? c.stopped === c.seeds
      ? t('sm.stopped')
      : t('sm.someStopped', { count: c.stopped, seeds: c.seeds })
    : '');

/**
 * One variant's heatmap as SVG: depths down, learning rates across, a number in every cell.
 * @param {StabilityGrid} g
 * @param {StabilityGrid['variants'][number]} v
 * @param {I18n} i18n
 */
function variantSvg(g, v, i18n) {
  const { t, number } = i18n;
  const cw = 56;
  const ch = 30;
  const left = 58;
  const top = 8;
  const width = left + cw * g.lrs.length + 4;
  const height = top + ch * g.depths.length + 34;
  const rects = v.cells.flatMap((row, di) =>
    row.map((c, li) => {
      const x = left + li * cw;
      const y = top + di * ch;
      if (!c)
        return `<rect x="${x}" y="${y}" width="${cw - 2}" height="${ch - 2}" class="sm-empty"><title>${esc(t('sm.noRun'))}</title></rect>`;
      const { fill, text } = cellColour(c.score, g.lo, g.hi);
      const what = t('sm.what', { variant: v.variant, depth: g.depths[di], lr: g.lrs[li], words: cellWords(c, i18n) });
      return `<g><title>${esc(what)}</title><rect x="${x}" y="${y}" width="${cw - 2}" height="${ch - 2}" fill="${fill}"/>
        <text x="${x + (cw - 2) / 2}" y="${y + ch / 2 + 3}" text-anchor="middle" fill="${text}" class="sm-num">${esc(
          number(c.score, 3),
        )}${c.stopped ? '×' : ''}</text></g>`;
    }),
  );
  const xLabels = g.lrs.map(
    (lr, li) =>
      `<text x="${left + li * cw + (cw - 2) / 2}" y="${top + ch * g.depths.length + 14}" text-anchor="middle" class="sm-label">${esc(number(lr))}</text>`,
  );
  const yLabels = g.depths.map(
    (d, di) =>
      `<text x="${left - 6}" y="${top + di * ch + ch / 2 + 3}" text-anchor="end" class="sm-label">${esc(t('sm.depth', { depth: d }))}</text>`,
  );
  return `<svg class="sm-svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-hidden="true">
      ${rects.join('')}${xLabels.join('')}${yLabels.join('')}
      <text x="${left + (cw * g.lrs.length) / 2}" y="${height - 4}" text-anchor="middle" class="sm-label">${esc(t('sm.lr'))}</text></svg>`;
}

/**
 * The whole map: a heatmap per variant (drawn for sighted readers, hidden from screen readers)
 * and one table of the same numbers (for screen readers and anyone who wants the figures).
 * @param {StabilityGrid} g
 * @param {I18n} [i18n]
 */
export function stabilityMapHtml(g, i18n = ENGLISH) {
  const { t } = i18n;
  const maps = g.variants
    .map(
      (v) => `<figure class="sm-variant"><figcaption>${esc(v.variant)}</figcaption>${variantSvg(g, v, i18n)}</figure>`,
    )
    .join('');
  const head = g.lrs.map((lr) => `<th scope="col">${esc(t('sm.lrColumn', { lr }))}</th>`).join('');
  const rows = g.variants.flatMap((v) =>
    v.cells.map(
      (row, di) =>
        `<tr><th scope="row">${esc(t('sm.row', { variant: v.variant, depth: g.depths[di] }))}</th>${row
          .map((c) => `<td>${esc(c ? cellWords(c, i18n) : t('sm.noRun'))}</td>`)
          .join('')}</tr>`,
    ),
  );
  return `<p class="sm-key">${esc(t('sm.key', { lo: g.lo, hi: g.hi }))}</p>
    <div class="sm-maps">${maps}</div>
    <div class="sr-only"><table class="sm-table"><caption>${esc(t('sm.caption'))}</caption>
      <thead><tr><th scope="col">${esc(t('sm.rowHead'))}</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/**
 * The map's section for the page's first render (its space reserved, filled after a run).
 * @param {I18n} [i18n]
 */
export const stabilityMapSectionHtml = ({ t } = ENGLISH) =>
  `<section class="stability-map" aria-labelledby="sm-h"><h2 id="sm-h">${esc(t('sm.title'))}</h2>
    <div class="sm-slot"><p>${esc(t('sm.placeholder'))}</p></div></section>`;

/**
 * Fills the map from the run's jobs (leaves the placeholder when none has finished).
 * @param {HTMLElement} root
 * @param {JobState[]} jobs
 * @param {I18n} [i18n]
 */
export function drawStabilityMap(root, jobs, i18n = ENGLISH) {
  const slot = /** @type {HTMLElement | null} */ (root.querySelector('.stability-map .sm-slot'));
  const g = stabilityGrid(jobs);
  if (slot && g) slot.innerHTML = stabilityMapHtml(g, i18n);
}

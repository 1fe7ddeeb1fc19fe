// @ts-check
// Each claim of a run beside the chart whose data decides it: its verdict, its numbers (effect,
// the seeds' range, the number of seeds, the rule that decided it) and a sentence of what the
// outcome means; an indicative claim offers a rerun with 3 seeds. Which chart: the claim's own
// `chart` key when the core gives one, else the first chart spec whose `claims` pattern matches
// the claim's text, else the only chart of a one-chart page. A claim no chart decides stays in the
// results table only: it is never put beside a chart that does not show its data.
import { esc, formatNumber } from '../format.js';

/** @typedef {import('../../types.js').Claim} Claim */
/** @typedef {import('./chart-specs.js').ChartSpec} ChartSpec */

/** The number of seeds from which a claim's verdict is decided rather than indicative. */
export const SEEDS_FOR_VERDICT = 3;

/**
 * A claim's verdict: the core's word, or the older boolean's.
 * @param {Claim} c
 * @returns {string}
 */
export function verdictOf(c) {
  if (c.verdict) return c.verdict;
  return c.holds === true ? 'holds' : c.holds === false ? 'does not hold' : 'not decided';
}

/**
 * What the outcome means, in one sentence, for the verdict that happened.
 * @param {Claim} c
 */
export function meaningOf(c) {
  switch (verdictOf(c)) {
    case 'holds':
      return c.kind === 'exact'
        ? 'This run shows the property the maths predicts.'
        : (c.seeds ?? 0) > 1
          ? `Every one of the ${c.seeds} seeds moved the way the course says: this run supports the claim.`
          : 'This run agrees with the course’s claim.';
    case 'does not hold':
      return (c.seeds ?? 0) > 1
        ? `Every one of the ${c.seeds} seeds moved against the course’s claim: at these settings it is contradicted.`
        : 'This run contradicts the course’s claim at these settings: look at the chart to see how.';
    case 'inconclusive':
      return 'The seeds disagree, or the effect is within the noise: this run cannot say either way.';
    case 'indicative':
      return (c.seeds ?? 0) <= 1
        ? 'Indicative, one seed: a single run is an anecdote. Run it with 3 seeds to decide it.'
        : `Indicative, ${c.seeds} seeds: too few to decide. Run it with ${SEEDS_FOR_VERDICT} seeds.`;
    default:
      return 'This run does not have the data to decide it (a variant it needs was not selected, or a run failed).';
  }
}

/**
 * Which chart a claim sits beside ('' none): see the module comment.
 * @param {Claim} c
 * @param {ChartSpec[]} specs
 */
export function chartOfClaim(c, specs) {
  if (c.chart && specs.some((s) => s.id === c.chart)) return c.chart;
  const matched = specs.find((s) => s.claims?.test(c.claim));
  if (matched) return matched.id;
  return specs.length === 1 ? specs[0].id : '';
}

/**
 * The numbers behind an empirical claim's verdict: seeds, effect and the seeds' range ('' for an
 * exact claim), so the noise is next to the verdict.
 * @param {Claim} c
 */
export function effectText(c) {
  if (c.kind !== 'empirical') return '';
  const n = c.seeds ?? 0;
  const seeds = `${n} seed${n === 1 ? '' : 's'}`;
  const range =
    c.spread && typeof c.spread[0] === 'number' && typeof c.spread[1] === 'number' && n > 1
      ? `, seeds' range ${formatNumber(c.spread[0], 3)} to ${formatNumber(c.spread[1], 3)}`
      : '';
  const effect = typeof c.effect === 'number' ? `effect ${formatNumber(c.effect, 3)}${range}` : 'no finite effect';
  return `${seeds}: ${effect}`;
}

/**
 * A claim's verdict in one line, as the results table shows it: the word and, for a claim decided
 * over seeds, its numbers; an indicative one says how to get a verdict.
 * @param {Claim} c
 */
export function verdictText(c) {
  const word = verdictOf(c);
  if (c.kind !== 'empirical') return `${word} here`;
  const more = word === 'indicative' ? `; run with ${SEEDS_FOR_VERDICT} or more seeds for a verdict` : '';
  return `${word} (${effectText(c)})${more}`;
}

/**
 * One claim as a card.
 * @param {Claim} c
 * @param {boolean} offerSeeds whether to offer the rerun with more seeds
 */
export function claimCardHtml(c, offerSeeds) {
  const v = verdictOf(c);
  const small =
    typeof c.negligible === 'number' && c.negligible > 0 ? `; negligible below ${formatNumber(c.negligible)}` : '';
  const numbers = effectText(c) + (effectText(c) ? small : '');
  const fewSeeds = v === 'indicative' && (c.seeds ?? 1) < SEEDS_FOR_VERDICT;
  return `<div class="claim-card" data-verdict="${esc(v)}">
      <p class="claim-verdict"><span class="verdict-badge">${esc(v)}</span> ${esc(c.claim)}</p>
      <p class="claim-meaning">${esc(meaningOf(c))}</p>
      ${numbers ? `<p class="claim-numbers">${esc(numbers)}</p>` : ''}
      <p class="claim-observed">Observed: ${esc(c.observed)}</p>
      ${c.rule ? `<details class="claim-rule"><summary>How it was decided</summary><p>${esc(c.rule)}</p></details>` : ''}
      ${fewSeeds && offerSeeds ? `<button type="button" class="rerun-seeds">Run again with ${SEEDS_FOR_VERDICT} seeds</button>` : ''}
    </div>`;
}

/**
 * Puts every claim beside its chart (each figure's `.chart-claims` slot), emptying the slots of
 * charts without one. Returns how many claims found a chart.
 * @param {HTMLElement} root the page
 * @param {Claim[]} claims
 * @param {ChartSpec[]} specs
 * @param {boolean} offerSeeds
 */
export function drawClaimsBesideCharts(root, claims, specs, offerSeeds) {
  /** @type {Record<string, string[]>} */
  const byChart = {};
  for (const c of claims) {
    const id = chartOfClaim(c, specs);
    if (id) (byChart[id] ??= []).push(claimCardHtml(c, offerSeeds));
  }
  let placed = 0;
  for (const s of specs) {
    const slot = /** @type {HTMLElement | null} */ (root.querySelector(`[data-chart="${s.id}"] .chart-claims`));
    if (!slot) continue;
    const cards = byChart[s.id] ?? [];
    placed += cards.length;
    slot.innerHTML = cards.length ? `<h3 class="chart-claims-h">What this chart decides</h3>${cards.join('')}` : '';
  }
  return placed;
}

// @ts-check
// Each claim of a run beside the chart whose data decides it: its verdict, its numbers (effect,
// the seeds' range, the number of seeds, the rule that decided it) and a sentence of what the
// outcome means; an indicative claim offers a rerun with 3 seeds. Which chart: the claim's own
// `chart` key when the core gives one, else the first chart spec whose `claims` pattern matches
// the claim's text, else the only chart of a one-chart page. A claim no chart decides stays in the
// results table only: it is never put beside a chart that does not show its data.
// Every sentence comes from the page's catalogue (English by default); the results table and the
// cards beside the charts render a verdict the same way, through verdictText/meaningOf here.
import { esc } from '../format.js';
import { ENGLISH } from '../../i18n/translate.js';

/** @typedef {import('../../types.js').Claim} Claim */
/** @typedef {import('./chart-specs.js').ChartSpec} ChartSpec */
/** @typedef {import('../../i18n/translate.js').I18n} I18n */

const VERDICT_KEYS = /** @type {Record<string, string>} */ ({
  holds: 'verdict.holds',
  'does not hold': 'verdict.doesNotHold',
  inconclusive: 'verdict.inconclusive',
  indicative: 'verdict.indicative',
  'not decided': 'verdict.notDecided',
});

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
 * The verdict in the page's language.
 * @param {Claim} c
 * @param {I18n} [i18n]
 */
export function verdictWord(c, { t } = ENGLISH) {
  const verdict = verdictOf(c);
  return VERDICT_KEYS[verdict] ? t(VERDICT_KEYS[verdict]) : verdict;
}

/**
 * What the outcome means, in one sentence, for the verdict that happened.
 * @param {Claim} c
 * @param {I18n} [i18n]
 */
export function meaningOf(c, { t } = ENGLISH) {
  const count = c.seeds ?? 0;
  switch (verdictOf(c)) {
    case 'holds':
      return c.kind === 'exact'
        ? t('meaning.exactHolds')
        : count > 1
          ? t('meaning.holdsSeeds', { count })
          : t('meaning.holds');
    case 'does not hold':
      return count > 1 ? t('meaning.doesNotHoldSeeds', { count }) : t('meaning.doesNotHold');
    case 'inconclusive':
      return t('meaning.inconclusive');
    case 'indicative':
      return count <= 1
        ? t('meaning.indicativeOne', { needed: SEEDS_FOR_VERDICT })
        : t('meaning.indicativeFew', { count, needed: SEEDS_FOR_VERDICT });
    default:
      return t('meaning.notDecided');
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
 * @param {I18n} [i18n]
 */
export function effectText(c, { t } = ENGLISH) {
  if (c.kind !== 'empirical') return '';
  const n = c.seeds ?? 0;
  return t('verdict.numbers', { seeds: t('verdict.seeds', { count: n }), effect: effectOnly(c, t) });
}

/** @param {Claim} c @param {I18n['t']} t */
function effectOnly(c, t) {
  const n = c.seeds ?? 0;
  const range =
    c.spread && typeof c.spread[0] === 'number' && typeof c.spread[1] === 'number' && n > 1
      ? t('verdict.range', { lo: c.spread[0], hi: c.spread[1] })
      : '';
  return typeof c.effect === 'number' ? t('verdict.effect', { effect: c.effect, range }) : t('verdict.noEffect');
}

/**
 * A claim's verdict in one line, as the results table shows it: the word and, for a claim decided
 * over seeds, its numbers; an indicative one says how to get a verdict.
 * @param {Claim} c
 * @param {I18n} [i18n]
 */
export function verdictText(c, i18n = ENGLISH) {
  const { t } = i18n;
  const word = verdictWord(c, i18n);
  if (c.kind !== 'empirical') return t('verdict.exact', { word });
  const more = verdictOf(c) === 'indicative' ? t('verdict.more', { needed: SEEDS_FOR_VERDICT }) : '';
  return (
    t('verdict.empirical', { word, seeds: t('verdict.seeds', { count: c.seeds ?? 0 }), effect: effectOnly(c, t) }) +
    more
  );
}

/**
 * A claim's sentence and its observation in the page's language: a claim the core gives as data
 * (an `id` and its `params`) is written from the catalogue ("claim.<id>.claim" / ".observed");
 * English, or a claim without an id or an entry, shows the core's own English text. A param that
 * is an object is a sentence of its own (see paramsInWords); a catalogue missing one of those
 * (the unit tests forbid it) gives the core's English too, never a half-translated sentence.
 * @param {Claim} c
 * @param {I18n} [i18n]
 */
export function claimText(c, i18n = ENGLISH) {
  const say = (/** @type {'claim' | 'observed'} */ part) => {
    const key = `claim.${c.id}.${part}`;
    if (!c.id || !i18n.has(key)) return c[part];
    try {
      return i18n.t(key, paramsInWords(c.id, c.params ?? {}, i18n));
    } catch {
      return c[part];
    }
  };
  return { claim: say('claim'), observed: say('observed') };
}

/**
 * A claim's params as its messages take them: numbers, strings, booleans and null as they are; an
 * object written by its own message, "claim.<id>.<name>" or, shared by an experiment's claims,
 * "claim.<experiment>.<name>" (its own object params written the same way); a list, one item
 * after the other, joined by the language's list separator: an object item by that message, a
 * number by that message as {value} when there is one (a unit: "{value:3} %"), else to 3
 * significant digits as the core writes it. E.g. {runs: [{seed: 1, run: {...}}]} with
 * "claim.x.y.runs": "seed {seed}: {run}" and "claim.x.run": "...".
 * @param {string} id the claim's id
 * @param {Record<string, any>} params
 * @param {I18n} i18n
 * @returns {import('../../i18n/translate.js').Params}
 */
export function paramsInWords(id, params, i18n) {
  const own = (/** @type {string} */ name) => `claim.${id}.${name}`;
  const shared = (/** @type {string} */ name) => `claim.${id.split('.')[0]}.${name}`;
  /** @param {string} name the message of `name`'s items: the claim's own, else the experiment's ('' none) */
  const messageOf = (name) => (i18n.has(own(name)) ? own(name) : i18n.has(shared(name)) ? shared(name) : '');
  /** @param {string} name @param {any} value @returns {string | number | boolean | null} */
  const word = (name, value) => {
    if (Array.isArray(value)) return value.map((item) => itemText(name, item)).join(i18n.t('claims.listSeparator'));
    if (value === null || typeof value !== 'object') return value;
    return i18n.t(messageOf(name) || own(name), paramsInWords(id, value, i18n));
  };
  /** @param {string} name @param {any} item */
  const itemText = (name, item) => {
    if (item !== null && typeof item === 'object') return String(word(name, item));
    const key = messageOf(name);
    if (key) return i18n.t(key, { value: item });
    return typeof item === 'number' || item === null ? i18n.number(item, 3) : String(item);
  };
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, word(name, value)]));
}

/**
 * How empirical claims are decided, in the page's language (the core's English rule otherwise).
 * @param {string | undefined} rule the core's rule
 * @param {I18n} [i18n]
 */
export function ruleText(rule, i18n = ENGLISH) {
  return rule && i18n.has('core.verdictRule') ? i18n.t('core.verdictRule') : rule;
}

/**
 * One claim as a card.
 * @param {Claim} c
 * @param {boolean} offerSeeds whether to offer the rerun with more seeds
 * @param {I18n} [i18n]
 */
export function claimCardHtml(c, offerSeeds, i18n = ENGLISH) {
  const { t } = i18n;
  const v = verdictOf(c);
  const text = claimText(c, i18n);
  const rule = ruleText(c.rule, i18n);
  const effect = effectText(c, i18n);
  const small =
    typeof c.negligible === 'number' && c.negligible > 0 ? t('claims.negligible', { value: c.negligible }) : '';
  const numbers = effect + (effect ? small : '');
  const fewSeeds = v === 'indicative' && (c.seeds ?? 1) < SEEDS_FOR_VERDICT;
  return `<div class="claim-card" data-verdict="${esc(v)}">
      <p class="claim-verdict"><span class="verdict-badge">${esc(verdictWord(c, i18n))}</span> ${esc(text.claim)}</p>
      <p class="claim-meaning">${esc(meaningOf(c, i18n))}</p>
      ${numbers ? `<p class="claim-numbers">${esc(numbers)}</p>` : ''}
      <p class="claim-observed">${esc(t('claims.observed', { text: text.observed }))}</p>
      ${rule ? `<details class="claim-rule"><summary>${esc(t('claims.howDecided'))}</summary><p>${esc(rule)}</p></details>` : ''}
      ${fewSeeds && offerSeeds ? `<button type="button" class="rerun-seeds">${esc(t('claims.rerun', { count: SEEDS_FOR_VERDICT }))}</button>` : ''}
    </div>`;
}

/**
 * Puts every claim beside its chart (each figure's `.chart-claims` slot), emptying the slots of
 * charts without one. Returns how many claims found a chart.
 * @param {HTMLElement} root the page
 * @param {Claim[]} claims
 * @param {ChartSpec[]} specs
 * @param {boolean} offerSeeds
 * @param {I18n} [i18n]
 */
export function drawClaimsBesideCharts(root, claims, specs, offerSeeds, i18n = ENGLISH) {
  /** @type {Record<string, string[]>} */
  const byChart = {};
  for (const c of claims) {
    const id = chartOfClaim(c, specs);
    if (id) (byChart[id] ??= []).push(claimCardHtml(c, offerSeeds, i18n));
  }
  let placed = 0;
  for (const s of specs) {
    const slot = /** @type {HTMLElement | null} */ (root.querySelector(`[data-chart="${s.id}"] .chart-claims`));
    if (!slot) continue;
    const cards = byChart[s.id] ?? [];
    placed += cards.length;
    slot.innerHTML = cards.length
      ? `<h3 class="chart-claims-h">${esc(i18n.t('claims.heading'))}</h3>${cards.join('')}`
      : '';
  }
  return placed;
}

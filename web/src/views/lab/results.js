// @ts-check
// The results of a run: the course's claims checked against its data, and every measurement.
// A claim the core gives as data (an `id` and its `params`) is written in the page's language
// from the catalogue ("claim.<id>.claim" / ".observed"); English, or a claim without an id or an
// entry, shows the core's own English text.
import { esc } from '../format.js';
import { ENGLISH } from '../../i18n/translate.js';

/** @typedef {import('../../types.js').RunOutputs} RunOutputs */
/** @typedef {import('../../i18n/translate.js').I18n} I18n */

/** @param {I18n} [i18n] */
export const resultsHtml = ({ t } = ENGLISH) =>
  `<section aria-labelledby="results-h"><h2 id="results-h">${esc(t('results.title'))}</h2><div class="results"><p>${esc(t('results.none'))}</p></div>
      <div class="downloads" hidden><h3>${esc(t('results.downloads'))}</h3><div class="download-buttons"></div></div></section>`;

/** @typedef {import('../../types.js').Claim} Claim */

const VERDICT_KEYS = /** @type {Record<string, string>} */ ({
  holds: 'verdict.holds',
  'does not hold': 'verdict.doesNotHold',
  inconclusive: 'verdict.inconclusive',
  indicative: 'verdict.indicative',
  'not decided': 'verdict.notDecided',
});

/**
 * The verdict cell: the core's verdict word (from the holds boolean for older results) and, for a
 * claim decided over seeds, its effect and the seeds' range, so the noise is next to the verdict.
 * @param {Claim} c
 * @param {I18n} [i18n]
 */
export function verdictText(c, { t } = ENGLISH) {
  const verdict = c.verdict ?? (c.holds === true ? 'holds' : c.holds === false ? 'does not hold' : 'not decided');
  const word = VERDICT_KEYS[verdict] ? t(VERDICT_KEYS[verdict]) : verdict;
  if (c.kind !== 'empirical') return t('verdict.exact', { word });
  const n = c.seeds ?? 0;
  const range =
    c.spread && typeof c.spread[0] === 'number' && typeof c.spread[1] === 'number' && n > 1
      ? t('verdict.range', { lo: c.spread[0], hi: c.spread[1] })
      : '';
  const effect =
    typeof c.effect === 'number' ? t('verdict.effect', { effect: c.effect, range }) : t('verdict.noEffect');
  const more = verdict === 'indicative' ? t('verdict.more') : '';
  return t('verdict.empirical', { word, seeds: t('verdict.seeds', { count: n }), effect }) + more;
}

/**
 * A claim's sentence and its observation in the page's language.
 * @param {Claim} c
 * @param {I18n} i18n
 */
export function claimText(c, i18n) {
  const say = (/** @type {'claim' | 'observed'} */ part) => {
    const key = `claim.${c.id}.${part}`;
    return c.id && i18n.has(key) ? i18n.t(key, c.params ?? {}) : c[part];
  };
  return { claim: say('claim'), observed: say('observed') };
}

/**
 * @param {HTMLElement} root the page
 * @param {RunOutputs} outputs
 * @param {I18n} [i18n]
 */
export function drawResults(root, outputs, i18n = ENGLISH) {
  const { t } = i18n;
  const claims = outputs.summary ?? [];
  const rule = claims.find((c) => c.rule)?.rule;
  const ruleText = rule && i18n.has('core.verdictRule') ? t('core.verdictRule') : rule;
  const row = (/** @type {Claim} */ c) => {
    const text = claimText(c, i18n);
    return `<tr data-holds="${c.holds}"><td>${esc(text.claim)}</td><td>${esc(text.observed)}</td><td>${esc(verdictText(c, i18n))}</td></tr>`;
  };
  /** @type {HTMLElement} */ (root.querySelector('.results')).innerHTML = `
      <table class="claims"><caption>${esc(t('results.caption'))}</caption>
        <thead><tr><th scope="col">${esc(t('results.claim'))}</th><th scope="col">${esc(t('results.observed'))}</th><th scope="col">${esc(t('results.verdict'))}</th></tr></thead>
        <tbody>${claims.map(row).join('')}</tbody></table>
      ${ruleText ? `<p class="verdict-rule">${esc(t('results.rule', { rule: ruleText }))}</p>` : ''}
      <details><summary>${esc(t('results.metrics'))}</summary><pre>${esc(JSON.stringify(outputs.metrics, null, 1))}</pre></details>`;
}

// @ts-check
// The results of a run: the course's claims checked against its data, and every measurement.
// The verdicts and claim sentences are written by verdicts.js, in the page's language.
import { esc } from '../format.js';
import { ENGLISH } from '../../i18n/translate.js';
import { claimText, ruleText, verdictText } from './verdicts.js';

/** @typedef {import('../../types.js').RunOutputs} RunOutputs */
/** @typedef {import('../../i18n/translate.js').I18n} I18n */
/** @typedef {import('../../types.js').Claim} Claim */

/** @param {I18n} [i18n] */
export const resultsHtml = ({ t } = ENGLISH) =>
  `<section aria-labelledby="results-h"><h2 id="results-h">${esc(t('results.title'))}</h2><div class="results"><p>${esc(t('results.none'))}</p></div>
      <div class="downloads" hidden><h3>${esc(t('results.downloads'))}</h3><div class="download-buttons"></div></div></section>`;

/**
 * @param {HTMLElement} root the page
 * @param {RunOutputs} outputs
 * @param {I18n} [i18n]
 */
export function drawResults(root, outputs, i18n = ENGLISH) {
  const { t } = i18n;
  const claims = outputs.summary ?? [];
  const rule = claims.find((c) => c.rule)?.rule;
  const shownRule = ruleText(rule, i18n);
  const row = (/** @type {Claim} */ c) => {
    const text = claimText(c, i18n);
    return `<tr data-holds="${c.holds}"><td>${esc(text.claim)}</td><td>${esc(text.observed)}</td><td>${esc(verdictText(c, i18n))}</td></tr>`;
  };
  /** @type {HTMLElement} */ (root.querySelector('.results')).innerHTML = `
      <table class="claims"><caption>${esc(t('results.caption'))}</caption>
        <thead><tr><th scope="col">${esc(t('results.claim'))}</th><th scope="col">${esc(t('results.observed'))}</th><th scope="col">${esc(t('results.verdict'))}</th></tr></thead>
        <tbody>${claims.map(row).join('')}</tbody></table>
      ${shownRule ? `<p class="verdict-rule">${esc(t('results.rule', { rule: shownRule }))}</p>` : ''}
      <details><summary>${esc(t('results.metrics'))}</summary><pre>${esc(JSON.stringify(outputs.metrics, null, 1))}</pre></details>`;
}

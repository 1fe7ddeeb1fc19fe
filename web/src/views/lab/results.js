// @ts-check
// The results of a run: the course's claims checked against its data, and every measurement.
import { esc } from '../format.js';
import { verdictText } from './verdicts.js';

/** @typedef {import('../../types.js').RunOutputs} RunOutputs */

export const resultsHtml =
  () => `<section aria-labelledby="results-h"><h2 id="results-h">Results</h2><div class="results"><p>Run the experiment to see what happens.</p></div>
      <div class="downloads" hidden><h3>Downloads</h3><div class="download-buttons"></div></div></section>`;

/**
 * @param {HTMLElement} root the page
 * @param {RunOutputs} outputs
 */
export function drawResults(root, outputs) {
  const claims = outputs.summary ?? [];
  const rule = claims.find((c) => c.rule)?.rule;
  /** @type {HTMLElement} */ (root.querySelector('.results')).innerHTML = `
      <table class="claims"><caption>The course's claims, checked against this run</caption>
        <thead><tr><th scope="col">claim</th><th scope="col">observed</th><th scope="col">verdict</th></tr></thead>
        <tbody>${claims.map((c) => `<tr data-holds="${c.holds}"><td>${esc(c.claim)}</td><td>${esc(c.observed)}</td><td>${esc(verdictText(c))}</td></tr>`).join('')}</tbody></table>
      ${rule ? `<p class="verdict-rule">How empirical claims are decided: ${esc(rule)}.</p>` : ''}
      <details><summary>All measurements (metrics.json)</summary><pre>${esc(JSON.stringify(outputs.metrics, null, 1))}</pre></details>`;
}

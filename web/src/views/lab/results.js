// @ts-check
// The results of a run: the course's claims checked against its data, and every measurement.
import { esc, formatNumber } from '../format.js';

/** @typedef {import('../../types.js').RunOutputs} RunOutputs */

export const resultsHtml =
  () => `<section aria-labelledby="results-h"><h2 id="results-h">Results</h2><div class="results"><p>Run the experiment to see what happens.</p></div>
      <div class="downloads" hidden><h3>Downloads</h3><div class="download-buttons"></div></div></section>`;

/** @typedef {import('../../types.js').Claim} Claim */

/**
 * The verdict cell: the core's verdict word (from the holds boolean for older results) and, for a
 * claim decided over seeds, its effect and the seeds' range, so the noise is next to the verdict.
 * @param {Claim} c
 */
export function verdictText(c) {
  const word = c.verdict ?? (c.holds === true ? 'holds' : c.holds === false ? 'does not hold' : 'not decided');
  if (c.kind !== 'empirical') return `${word} here`;
  const n = c.seeds ?? 0;
  const seeds = `${n} seed${n === 1 ? '' : 's'}`;
  const range =
    c.spread && typeof c.spread[0] === 'number' && typeof c.spread[1] === 'number' && n > 1
      ? `, seeds' range ${formatNumber(c.spread[0], 3)} to ${formatNumber(c.spread[1], 3)}`
      : '';
  const effect = typeof c.effect === 'number' ? `effect ${formatNumber(c.effect, 3)}${range}` : 'no finite effect';
  const more = word === 'indicative' ? '; run with 3 or more seeds for a verdict' : '';
  return `${word} (${seeds}: ${effect})${more}`;
}

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

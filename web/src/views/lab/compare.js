// @ts-check
// The compare view of an experiment page: the runs this browser kept (and the one on screen), two
// pickers, "overlay" (the charts draw the second run dashed and lighter), the settings the two
// differ in, the stated storage budget, a "forget" control and a notice for storage problems.
// It knows nothing of storage: the page hands it runs and takes its choices.
import { esc, formatNumber } from '../format.js';

/** @typedef {{key: string, label: string}} RunChoice */

/** @param {string} budget the stored runs' budget in words */
export const compareHtml = (budget) => `
    <section class="compare" aria-labelledby="compare-h"><h2 id="compare-h">Compare runs</h2>
      <p class="compare-budget">${esc(budget)}</p>
      <p class="notice compare-notice" role="status" hidden></p>
      <div class="compare-pick">
        <label>Run <select id="compare-a"></select></label>
        <label>against <select id="compare-b"></select></label>
        <button type="button" id="compare-go">Overlay</button>
        <button type="button" id="compare-stop" hidden>Show one run</button>
        <button type="button" id="compare-forget">Forget saved runs</button>
      </div>
      <div class="compare-diff" aria-live="polite"></div>
    </section>`;

/** @param {unknown} v */
const shown = (v) =>
  v === undefined ? '(not set)' : typeof v === 'number' ? formatNumber(v) : Array.isArray(v) ? v.join(', ') : String(v);

/**
 * @param {HTMLElement} root the page
 * @param {{onOverlay: (a: string, b: string) => void, onStop: () => void, onForget: () => void}} on
 */
export function mountCompare(root, on) {
  const box = /** @type {HTMLElement} */ (root.querySelector('.compare'));
  const a = /** @type {HTMLSelectElement} */ (box.querySelector('#compare-a'));
  const b = /** @type {HTMLSelectElement} */ (box.querySelector('#compare-b'));
  const go = /** @type {HTMLButtonElement} */ (box.querySelector('#compare-go'));
  const stop = /** @type {HTMLButtonElement} */ (box.querySelector('#compare-stop'));
  const forget = /** @type {HTMLButtonElement} */ (box.querySelector('#compare-forget'));
  const notice = /** @type {HTMLElement} */ (box.querySelector('.compare-notice'));
  const diff = /** @type {HTMLElement} */ (box.querySelector('.compare-diff'));
  go.addEventListener('click', () => on.onOverlay(a.value, b.value));
  stop.addEventListener('click', () => on.onStop());
  forget.addEventListener('click', () => on.onForget());
  return {
    /**
     * The runs to choose from (the one on screen first, then the saved ones, newest first).
     * @param {RunChoice[]} choices
     */
    showRuns(choices) {
      const options = choices.map((c) => `<option value="${esc(c.key)}">${esc(c.label)}</option>`).join('');
      a.innerHTML = options;
      b.innerHTML = options;
      if (choices.length > 1) b.value = choices[1].key;
      go.disabled = choices.length < 2;
      forget.disabled = !choices.some((c) => c.key !== 'current');
      if (choices.length < 2)
        diff.innerHTML = '<p>Finish two runs (or keep one and run again) to put them on the same charts.</p>';
    },
    /** @param {string | null} text */
    showNotice(text) {
      notice.hidden = !text;
      notice.textContent = text ?? '';
    },
    /**
     * The two runs on the charts and the settings they differ in; null: one run again.
     * @param {{labelA: string, labelB: string, diff: {key: string, a: unknown, b: unknown}[]} | null} c
     */
    showComparison(c) {
      stop.hidden = !c;
      if (!c) {
        diff.innerHTML = '';
        return;
      }
      const rows = c.diff
        .map((d) => `<tr><th scope="row">${esc(d.key)}</th><td>${esc(shown(d.a))}</td><td>${esc(shown(d.b))}</td></tr>`)
        .join('');
      diff.innerHTML = `<p>The charts show <strong>${esc(c.labelA)}</strong> solid and <strong>${esc(c.labelB)}</strong> dashed and lighter.</p>
        ${
          c.diff.length
            ? `<table class="compare-settings"><caption>Settings that differ</caption><thead><tr><th scope="col">setting</th><th scope="col">${esc(c.labelA)}</th><th scope="col">${esc(c.labelB)}</th></tr></thead><tbody>${rows}</tbody></table>`
            : '<p>The two runs used the same settings.</p>'
        }`;
    },
  };
}

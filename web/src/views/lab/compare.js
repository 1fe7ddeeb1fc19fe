// @ts-check
// The compare view of an experiment page: the runs this browser kept (and the one on screen), two
// pickers, "overlay" (the charts draw the second run dashed and lighter), the settings the two
// differ in, the stated storage budget, a "forget" control and a notice for storage problems.
// It knows nothing of storage: the page hands it runs and takes its choices.
import { esc } from '../format.js';
import { ENGLISH } from '../../i18n/translate.js';

/** @typedef {{key: string, label: string}} RunChoice */
/** @typedef {import('../../i18n/translate.js').I18n} I18n */

/**
 * @param {string} budget the stored runs' budget in words
 * @param {I18n} [i18n]
 */
export const compareHtml = (budget, { t } = ENGLISH) => `
    <section class="compare" aria-labelledby="compare-h"><h2 id="compare-h">${esc(t('compare.title'))}</h2>
      <p class="compare-budget">${esc(budget)}</p>
      <p class="notice compare-notice" role="status" hidden></p>
      <div class="compare-pick">
        <label>${esc(t('compare.run'))} <select id="compare-a"></select></label>
        <label>${esc(t('compare.against'))} <select id="compare-b"></select></label>
        <button type="button" id="compare-go">${esc(t('compare.overlay'))}</button>
        <button type="button" id="compare-stop" hidden>${esc(t('compare.showOne'))}</button>
        <button type="button" id="compare-forget">${esc(t('compare.forget'))}</button>
      </div>
      <div class="compare-diff" aria-live="polite"></div>
    </section>`;

/** @param {unknown} v @param {I18n} i18n */
const shown = (v, { t, number }) =>
  v === undefined
    ? t('compare.notSet')
    : typeof v === 'number'
      ? number(v)
      : Array.isArray(v)
        ? v.join(t('claims.listSeparator'))
        : String(v);

/**
 * @param {HTMLElement} root the page
 * @param {I18n} i18n
 * @param {{onOverlay: (a: string, b: string) => void, onStop: () => void, onForget: () => void}} on
 */
export function mountCompare(root, i18n, on) {
  const { t, html } = i18n;
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
      if (choices.length < 2) diff.innerHTML = `<p>${esc(t('compare.needTwo'))}</p>`;
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
        .map(
          (d) =>
            `<tr><th scope="row">${esc(d.key)}</th><td>${esc(shown(d.a, i18n))}</td><td>${esc(shown(d.b, i18n))}</td></tr>`,
        )
        .join('');
      const shows = html('compare.shown', {
        a: `<strong>${esc(c.labelA)}</strong>`,
        b: `<strong>${esc(c.labelB)}</strong>`,
      });
      diff.innerHTML = `<p>${shows}</p>
        ${
          c.diff.length
            ? `<table class="compare-settings"><caption>${esc(t('compare.differCaption'))}</caption><thead><tr><th scope="col">${esc(t('compare.setting'))}</th><th scope="col">${esc(c.labelA)}</th><th scope="col">${esc(c.labelB)}</th></tr></thead><tbody>${rows}</tbody></table>`
            : `<p>${esc(t('compare.same'))}</p>`
        }`;
    },
  };
}

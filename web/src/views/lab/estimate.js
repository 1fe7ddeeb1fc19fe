// @ts-check
// The run's estimate beside the Run button ("about 4 minutes on this device", "estimating…"),
// and the in-page confirmation Run asks for when the estimate is over the limit: it says the
// estimate, suggests quick mode or a preset, and Cancel leaves everything as it was.

import { ENGLISH, sayError } from '../../i18n/translate.js';
import { esc } from '../format.js';

/** @typedef {import('../../state/lab.js').LabState} LabState */
/** @typedef {import('../../i18n/translate.js').I18n} I18n */

/**
 * A duration in words: "under a second", "about 40 seconds", "about 3 minutes", "about 2.5 hours".
 * @param {number} seconds
 * @param {I18n} [i18n]
 */
export function durationText(seconds, i18n = ENGLISH) {
  if (!(seconds >= 1)) return i18n.t('estimate.underSecond');
  if (seconds < 59.5) return i18n.t('estimate.seconds', { count: Math.round(seconds) });
  if (seconds < 90 * 60) return i18n.t('estimate.minutes', { count: Math.max(1, Math.round(seconds / 60)) });
  return i18n.t('estimate.hours', { count: Math.round(seconds / 360) / 10 });
}

/** The estimate's place in the form's actions. @param {I18n} [i18n] */
export const estimateHtml = (i18n = ENGLISH) =>
  `<span class="run-estimate" role="status" data-estimate="estimating"><span class="estimate-main">${esc(i18n.t('estimate.estimating'))}</span> <span class="estimate-how"></span></span>`;

/** The confirmation, closed until a long run is asked for. @param {I18n} [i18n] */
export const confirmHtml = (
  i18n = ENGLISH,
) => `<dialog class="run-confirm" aria-labelledby="run-confirm-h" aria-describedby="run-confirm-text">
    <h2 id="run-confirm-h">${esc(i18n.t('confirm.title'))}</h2>
    <p id="run-confirm-text"></p>
    <div class="lab-actions"><button type="button" class="confirm-run">${esc(i18n.t('confirm.run'))}</button>
      <button type="button" class="confirm-cancel" autofocus>${esc(i18n.t('confirm.cancel'))}</button></div>
  </dialog>`;

/**
 * What the estimate line says for the state's estimate.
 * @param {LabState['estimate']} e
 * @param {I18n} [i18n]
 * @returns {{main: string, how: string}}
 */
export function estimateWords(e, i18n = ENGLISH) {
  const { t } = i18n;
  if (e.status === 'estimating') return { main: t('estimate.estimating'), how: '' };
  if (e.status === 'unavailable')
    return {
      main: t('estimate.none'),
      how: e.problem
        ? t('estimate.problem', { problem: sayError({ message: e.problem, data: e.problemMessage }, i18n) })
        : '',
    };
  if (e.status !== 'ready' || !e.result) return { main: '', how: '' };
  const r = e.result;
  const sampled =
    r.calibrated < r.kinds ? t('estimate.sampled', { calibrated: r.calibrated, kinds: r.kinds }) : t('estimate.timed');
  const how = r.measuredWhole
    ? t('estimate.howWhole', { sampled })
    : t('estimate.howJobs', {
        sampled,
        jobs: t('estimate.runs', { count: r.jobs }),
        workers: t('estimate.workers', { count: r.workers }),
      });
  return { main: t('estimate.onDevice', { duration: durationText(r.seconds, i18n) }), how };
}

/**
 * Wires the estimate line and the confirmation under `root`.
 * @param {HTMLElement} root
 * @param {I18n} i18n
 * @param {{onConfirm: () => void}} events
 */
export function mountEstimate(root, i18n, { onConfirm }) {
  const line = /** @type {HTMLElement} */ (root.querySelector('.run-estimate'));
  const dialog = /** @type {HTMLDialogElement} */ (root.querySelector('dialog.run-confirm'));
  const runButton = /** @type {HTMLButtonElement} */ (root.querySelector('#run'));
  const close = () => {
    dialog.close();
    runButton.focus();
  };
  /** @type {HTMLElement} */ (dialog.querySelector('.confirm-cancel')).addEventListener('click', close);
  /** @type {HTMLElement} */ (dialog.querySelector('.confirm-run')).addEventListener('click', () => {
    dialog.close();
    onConfirm();
  });
  // Escape closes it as Cancel does
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  return {
    /** @param {LabState['estimate']} e */
    draw(e) {
      const words = estimateWords(e, i18n);
      line.dataset.estimate = e.status;
      if (e.status === 'ready' && e.result) line.dataset.seconds = String(e.result.seconds);
      else delete line.dataset.seconds;
      /** @type {HTMLElement} */ (line.querySelector('.estimate-main')).textContent = words.main;
      /** @type {HTMLElement} */ (line.querySelector('.estimate-how')).textContent = words.how;
    },
    /**
     * Asks before a long run.
     * @param {number} seconds the estimate
     * @param {boolean} quick whether quick mode is already on
     */
    confirm(seconds, quick) {
      /** @type {HTMLElement} */ (dialog.querySelector('#run-confirm-text')).textContent = i18n.t('confirm.text', {
        duration: durationText(seconds, i18n),
        suggestion: i18n.t(quick ? 'confirm.suggestQuick' : 'confirm.suggestNotQuick'),
      });
      dialog.showModal();
    },
    get open() {
      return dialog.open;
    },
  };
}

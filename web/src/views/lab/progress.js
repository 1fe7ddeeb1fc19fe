// @ts-check
// The progress of a run: a bar per job (variant × seed) with its step count and an estimate of
// the time left, and the run's status line.
import { esc } from '../format.js';
import { ENGLISH, say, sayError } from '../../i18n/translate.js';

/** @typedef {import('../../state/lab.js').LabState} LabState */
/** @typedef {import('../../i18n/translate.js').I18n} I18n */

/** @param {I18n} [i18n] */
export const progressHtml = ({ t } = ENGLISH) =>
  `<section aria-labelledby="progress-h"><h2 id="progress-h">${esc(t('progress.title'))}</h2><div class="jobs" aria-live="polite"></div>
      <p class="run-status" role="status"></p></section>`;

/**
 * Seconds left for a running job, from its pace so far; '' when there is no pace yet.
 * @param {{status: string, stepsDone: number}} job
 * @param {number} total
 * @param {number | undefined} startedAt when it started running (ms)
 * @param {number} now (ms)
 * @param {I18n} i18n
 */
function eta(job, total, startedAt, now, { t }) {
  if (job.status !== 'running' || job.stepsDone <= 0 || startedAt === undefined) return '';
  const elapsed = (now - startedAt) / 1000;
  return t('progress.eta', { seconds: Math.max(0, Math.round((elapsed / job.stepsDone) * (total - job.stepsDone))) });
}

/**
 * Draws every job's bar and the status line, and marks the page with the run's phase.
 * @param {HTMLElement} root the page
 * @param {LabState} s
 * @param {number} now (ms, performance.now())
 * @param {I18n} [i18n]
 */
export function drawProgress(root, s, now, i18n = ENGLISH) {
  const { t } = i18n;
  /** @type {HTMLElement} */ (root.querySelector('.jobs')).innerHTML = s.jobs
    .map((j, i) => {
      const total = j.totalSteps || 0;
      const pct = total ? Math.round((100 * j.stepsDone) / total) : 0;
      const label = t('progress.job', { variant: j.variant, seed: j.seed });
      const text =
        j.status === 'failed'
          ? esc(t('progress.failed', { error: sayError({ message: j.error, data: j.errorData }, i18n) }))
          : esc(
              t('progress.step', {
                status: t(`progress.status.${j.status}`),
                done: j.stepsDone,
                total: total || '…',
              }) + eta(j, total, s.jobStartedAt[i], now, i18n),
            );
      return `<div class="job" data-status="${j.status}"><span class="job-label">${esc(label)}</span>
        <div class="bar" role="progressbar" aria-label="${esc(label)}" aria-valuemin="0" aria-valuemax="${total}" aria-valuenow="${j.stepsDone}"><span style="width:${pct}%"></span></div>
        <span class="job-text">${text}</span></div>`;
    })
    .join('');
}

/**
 * The status line in the page's language, and the phase on the page (`data-run`, which the
 * browser tests wait on).
 * @param {HTMLElement} root the page
 * @param {LabState} s
 * @param {I18n} [i18n]
 */
export function drawStatus(root, s, i18n = ENGLISH) {
  /** @type {HTMLElement} */ (root.querySelector('.run-status')).textContent = s.statusMessage
    ? say(s.statusMessage, i18n)
    : s.status;
  if (s.phase !== 'idle') root.dataset.run = s.phase;
}

// @ts-check
// The run's estimate beside the Run button ("about 4 minutes on this device", "estimating…"),
// and the in-page confirmation Run asks for when the estimate is over the limit: it says the
// estimate, suggests quick mode or a preset, and Cancel leaves everything as it was.

/** @typedef {import('../../state/lab.js').LabState} LabState */

/**
 * A duration in words: "under a second", "about 40 seconds", "about 3 minutes", "about 2.5 hours".
 * @param {number} seconds
 */
export function durationText(seconds) {
  if (!(seconds >= 1)) return 'under a second';
  if (seconds < 59.5) {
    const s = Math.round(seconds);
    return `about ${s} second${s === 1 ? '' : 's'}`;
  }
  if (seconds < 90 * 60) {
    const m = Math.max(1, Math.round(seconds / 60));
    return `about ${m} minute${m === 1 ? '' : 's'}`;
  }
  const h = Math.round(seconds / 360) / 10;
  return `about ${h} hour${h === 1 ? '' : 's'}`;
}

/** The estimate's place in the form's actions. */
export const estimateHtml = () =>
  `<span class="run-estimate" role="status" data-estimate="estimating"><span class="estimate-main">estimating the run time…</span> <span class="estimate-how"></span></span>`;

/** The confirmation, closed until a long run is asked for. */
export const confirmHtml =
  () => `<dialog class="run-confirm" aria-labelledby="run-confirm-h" aria-describedby="run-confirm-text">
    <h2 id="run-confirm-h">A long run</h2>
    <p id="run-confirm-text"></p>
    <div class="lab-actions"><button type="button" class="confirm-run">Run anyway</button>
      <button type="button" class="confirm-cancel" autofocus>Cancel</button></div>
  </dialog>`;

/**
 * What the estimate line says for the state's estimate.
 * @param {LabState['estimate']} e
 * @returns {{main: string, how: string}}
 */
export function estimateWords(e) {
  if (e.status === 'estimating') return { main: 'estimating the run time…', how: '' };
  if (e.status === 'unavailable') return { main: 'no time estimate', how: e.problem ? `(${e.problem})` : '' };
  if (e.status !== 'ready' || !e.result) return { main: '', how: '' };
  const r = e.result;
  const sampled = r.calibrated < r.kinds ? `${r.calibrated} of ${r.kinds} kinds of run timed` : 'timed';
  const how = r.measuredWhole
    ? `(${sampled} whole in a worker)`
    : `(${sampled} in a worker; ${r.jobs} run${r.jobs === 1 ? '' : 's'} on ${r.workers} worker${r.workers === 1 ? '' : 's'}; at most: a run that stops early ends sooner)`;
  return { main: `${durationText(r.seconds)} on this device`, how };
}

/**
 * Wires the estimate line and the confirmation under `root`.
 * @param {HTMLElement} root
 * @param {{onConfirm: () => void}} events
 */
export function mountEstimate(root, { onConfirm }) {
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
      const words = estimateWords(e);
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
      /** @type {HTMLElement} */ (dialog.querySelector('#run-confirm-text')).textContent =
        `This run is estimated at ${durationText(seconds)} on this device. ${
          quick
            ? 'Fewer steps, seeds or variants, or one of the presets, would show the lesson sooner.'
            : 'Quick mode (smaller, for a first look) or one of the presets would show the lesson sooner.'
        } Cancel keeps your settings as they are.`;
      dialog.showModal();
    },
    get open() {
      return dialog.open;
    },
  };
}

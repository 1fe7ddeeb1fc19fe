// @ts-check
// The downloads of a run: the core's five JSON files, each chart's data as CSV and each chart as PNG.
import { esc } from '../format.js';
import { seriesCsv } from './series.js';

/** @typedef {import('../../types.js').RunOutputs} RunOutputs */
/** @typedef {import('../../types.js').JobState} JobState */
/** @typedef {import('../../types.js').ExperimentConfig} ExperimentConfig */
/** @typedef {import('./charts.js').LabChart} LabChart */
/** @typedef {{name: string, make: () => Blob | Promise<Blob | null>}} DownloadFile */

/** The JSON files the core assembles for a run, in the order they are offered. */
export const OUTPUT_FILES = /** @type {const} */ (['manifest', 'losses', 'timings', 'metrics', 'summary']);

/**
 * @param {string} name
 * @param {Blob} blob
 */
function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** @param {unknown} v */
const jsonBlob = (v) => new Blob([JSON.stringify(v, null, 2)], { type: 'application/json' });

/**
 * Every file of a run, made when its button is pressed.
 * @param {RunOutputs} outputs
 * @param {LabChart[]} charts
 * @param {JobState[]} jobs
 * @param {ExperimentConfig} config
 * @returns {DownloadFile[]}
 */
export function runFiles(outputs, charts, jobs, config) {
  return [
    ...OUTPUT_FILES.map((n) => ({ name: `${n}.json`, make: () => jsonBlob(outputs[n]) })),
    ...charts.map(({ spec }) => ({
      name: `${spec.id}.csv`,
      make: () => new Blob([seriesCsv(jobs, spec, config)], { type: 'text/csv' }),
    })),
    ...charts.map(({ spec, canvas }) => ({
      name: spec.file,
      make: () => /** @type {Promise<Blob | null>} */ (new Promise((r) => canvas.toBlob(r, 'image/png'))),
    })),
  ];
}

/**
 * Shows a button per file under the results.
 * @param {HTMLElement} root the page
 * @param {DownloadFile[]} files
 */
export function drawDownloads(root, files) {
  const dl = /** @type {HTMLElement} */ (root.querySelector('.downloads'));
  dl.hidden = false;
  const box = /** @type {HTMLElement} */ (dl.querySelector('.download-buttons'));
  box.innerHTML = files.map((f, i) => `<button type="button" data-file="${i}">${esc(f.name)}</button>`).join(' ');
  box.querySelectorAll('button').forEach((b) =>
    b.addEventListener('click', async () => {
      const f = files[Number(b.dataset.file)];
      const blob = await f.make();
      if (blob) download(f.name, blob);
    }),
  );
}

// The experiment catalogue as the site shows it before any WASM has loaded: each experiment's
// id, title, question, what-to-look-for text and theory section, read at build time from the core
// itself (the Node variant of the WASM build, the same C++ as the site's engine), so that text has
// one home, the C++ catalogue. The home page lists the experiments from this small module, with
// no engine call and no network: the built site stays static files that work offline.
import { readFileSync } from 'node:fs';
import { loadNormLabNode, nodeBuildDir } from './wasm-node.js';

export const EXPERIMENTS_ID = 'virtual:normlab-experiments';

/** The catalogue keys the site shows as text, in the core's words. */
export const EXPERIMENT_TEXT_KEYS = Object.freeze(['title', 'question', 'look']);

/**
 * The core's full catalogue (ids, text, sections, field tables), as its binding returns it.
 * @param {string} [dir] the Node WASM build directory
 * @returns {Promise<any[]>}
 */
export async function loadCoreCatalogue(dir = nodeBuildDir) {
  const wasm = await loadNormLabNode(dir);
  const catalogue = JSON.parse(wasm.experimentCatalogue());
  if (!Array.isArray(catalogue))
    throw new Error(`the core's experiment catalogue failed: ${catalogue?.error ?? 'not a list'}`);
  return catalogue;
}

/**
 * The typical run times measured on the project's machine (content/run_times.json:
 * {"measured", "how", "experiments": {id: {"default_s", "quick_s"}}}), checked: a time is a
 * positive number of seconds or absent. Throws naming the file and the entry that is wrong.
 * @param {string} file
 * @returns {{measured: string, how: string, experiments: Record<string, {default_s?: number, quick_s?: number}>}}
 */
export function loadRunTimes(file) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (!data || typeof data !== 'object' || typeof data.experiments !== 'object' || data.experiments === null)
    throw new Error(`${file}: needs an "experiments" object`);
  for (const [id, t] of Object.entries(data.experiments)) {
    for (const key of ['default_s', 'quick_s']) {
      const v = t?.[key];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0))
        throw new Error(`${file}: experiments.${id}.${key} must be a positive number of seconds`);
    }
  }
  return { measured: String(data.measured ?? ''), how: String(data.how ?? ''), experiments: data.experiments };
}

/**
 * What the site needs before the engine runs: id, section and the text keys the core has,
 * in the core's order, and the measured run times when the file has them (never made up).
 * Throws when an entry lacks its id, title, question or section.
 * @param {any[]} catalogue
 * @param {Record<string, {default_s?: number, quick_s?: number}>} [runTimes] by experiment id
 * @returns {import('../src/types.js').ExperimentText[]}
 */
export function experimentIndex(catalogue, runTimes = {}) {
  return catalogue.map((def) => {
    for (const key of ['id', 'title', 'question', 'section']) {
      if (typeof def[key] !== 'string' || def[key] === '')
        throw new Error(`the core's catalogue entry ${def.id ?? '?'} has no ${key}`);
    }
    const entry = { id: def.id, section: def.section, title: def.title, question: def.question };
    if (typeof def.look === 'string' && def.look !== '') entry.look = def.look;
    const t = runTimes[def.id];
    if (t && (t.default_s || t.quick_s)) entry.run_time = { default_s: t.default_s, quick_s: t.quick_s };
    return entry;
  });
}

/**
 * `virtual:normlab-experiments`: the experiment index as a module (default export).
 * @param {{catalogue: () => Promise<any[]>, runTimesFile?: string}} options the core's catalogue,
 *   loaded once per build, and the measured run times (content/run_times.json)
 */
export function experimentsPlugin({ catalogue, runTimesFile }) {
  const resolved = '\0' + EXPERIMENTS_ID;
  return {
    name: 'normlab-experiments',
    resolveId: (id) => (id === EXPERIMENTS_ID ? resolved : null),
    async load(id) {
      if (id !== resolved) return null;
      if (runTimesFile) this.addWatchFile(runTimesFile);
      const times = runTimesFile ? loadRunTimes(runTimesFile).experiments : {};
      return `export default ${JSON.stringify(experimentIndex(await catalogue(), times))};`;
    },
  };
}

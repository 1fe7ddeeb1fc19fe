// The experiment catalogue as the site shows it before any WASM has loaded: each experiment's
// id, title, question, what-to-look-for text and theory section, read at build time from the core
// itself (the Node variant of the WASM build, the same C++ as the site's engine), so that text has
// one home, the C++ catalogue. The home page lists the experiments from this small module, with
// no engine call and no network: the built site stays static files that work offline.
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
 * What the site needs before the engine runs: id, section and the text keys the core has,
 * in the core's order. Throws when an entry lacks its id, title, question or section.
 * @param {any[]} catalogue
 * @returns {import('../src/types.js').ExperimentText[]}
 */
export function experimentIndex(catalogue) {
  return catalogue.map((def) => {
    for (const key of ['id', 'title', 'question', 'section']) {
      if (typeof def[key] !== 'string' || def[key] === '')
        throw new Error(`the core's catalogue entry ${def.id ?? '?'} has no ${key}`);
    }
    const entry = { id: def.id, section: def.section, title: def.title, question: def.question };
    if (typeof def.look === 'string' && def.look !== '') entry.look = def.look;
    return entry;
  });
}

/**
 * `virtual:normlab-experiments`: the experiment index as a module (default export).
 * @param {{catalogue: () => Promise<any[]>}} options the core's catalogue, loaded once per build
 */
export function experimentsPlugin({ catalogue }) {
  const resolved = '\0' + EXPERIMENTS_ID;
  return {
    name: 'normlab-experiments',
    resolveId: (id) => (id === EXPERIMENTS_ID ? resolved : null),
    async load(id) {
      if (id !== resolved) return null;
      return `export default ${JSON.stringify(experimentIndex(await catalogue()))};`;
    },
  };
}

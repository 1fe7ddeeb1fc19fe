// Loads the Node (CommonJS) variant of the WASM build, for the site build (the experiment
// catalogue's text), the tests and the benchmarks. Emscripten 3.1.6's loader would try fetch() on
// a file path under Node 20, so the binary is read here and handed over.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// NORMLAB_WASM_NODE_DIR (relative to the repository) selects another Node build, e.g. of a changed core.
export const nodeBuildDir = process.env.NORMLAB_WASM_NODE_DIR
  ? path.resolve(repoRoot, process.env.NORMLAB_WASM_NODE_DIR)
  : path.join(repoRoot, 'build/wasm/node');

/**
 * @param {string} [dir] another Node build directory, e.g. a private build for a comparison
 * @returns {Promise<any>} the instantiated Embind module
 */
export async function loadNormLabNode(dir = nodeBuildDir) {
  const gluePath = path.join(dir, 'normlab_node.js');
  const wasmPath = path.join(dir, 'normlab_node.wasm');
  if (!existsSync(gluePath) || !existsSync(wasmPath)) {
    throw new Error(`WASM Node build missing at ${dir}: run scripts/build.sh first`);
  }
  const require = createRequire(import.meta.url);
  const createNormLab = require(gluePath);
  return createNormLab({ wasmBinary: readFileSync(wasmPath) });
}

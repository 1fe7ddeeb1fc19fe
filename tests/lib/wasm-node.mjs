// Loads the Node (CommonJS) WASM build for tests and benchmarks. Emscripten 3.1.6's loader
// would try fetch() on a file path under Node 20, so the binary is read here and handed over.
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const nodeBuildDir = path.join(repoRoot, 'build/wasm/node');

// dir (optional): another Node build directory, e.g. build/engine-a-wasm/node for a private build.
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

// Resolves npm packages installed in web/ (the project's one package.json) from test files.
export const requireFromWeb = createRequire(path.join(repoRoot, 'web/package.json'));

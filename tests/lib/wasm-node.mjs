// The Node WASM build for tests and benchmarks: the site build's own loader (web/plugins/wasm-node.js),
// and npm packages resolved from web/ (the project's one package.json).
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../../web/plugins/wasm-node.js';

export { loadNormLabNode, nodeBuildDir, repoRoot } from '../../web/plugins/wasm-node.js';

export const requireFromWeb = createRequire(path.join(repoRoot, 'web/package.json'));

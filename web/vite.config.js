import { defineConfig } from 'vite';
import path from 'node:path';
import { coursePlugin, dataFlagPlugin, sizeReportPlugin } from './plugins/normlab.js';
import { experimentsPlugin, loadCoreCatalogue } from './plugins/experiments.js';
import { nodeBuildDir } from './plugins/wasm-node.js';
import { i18nPlugin } from './plugins/i18n.js';

const here = path.dirname(new URL(import.meta.url).pathname);
// The WASM module as built by the `wasm` CMake preset (scripts/build.sh); override with NORMLAB_WASM_DIR.
const wasmDir = path.resolve(process.env.NORMLAB_WASM_DIR ?? path.join(here, '../build/wasm/web'));
// Its Node variant, which the build asks for the experiment catalogue's text (the core's own words);
// NORMLAB_WASM_NODE_DIR (relative to the repository, as for the tests) selects another.
const wasmNodeDir = process.env.NORMLAB_WASM_NODE_DIR ? nodeBuildDir : path.join(wasmDir, '../node');
let catalogue = null;
const coreCatalogue = () => (catalogue ??= loadCoreCatalogue(wasmNodeDir));

export default defineConfig({
  base: './', // relative URLs: the built site works from any sub-path of any static host
  publicDir: path.join(here, 'public'),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0, // no data: URLs, so the CSP needs no data: sources for scripts or fonts
    chunkSizeWarningLimit: 600,
  },
  worker: { format: 'es' },
  resolve: { alias: { 'normlab-wasm': path.join(wasmDir, 'normlab.mjs') } },
  server: { host: '127.0.0.1', fs: { allow: [here, path.resolve(here, '../content'), wasmDir] } },
  preview: { host: '127.0.0.1' },
  plugins: [
    coursePlugin({ contentRoot: path.resolve(here, '../content'), catalogue: coreCatalogue }),
    experimentsPlugin({ catalogue: coreCatalogue }),
    i18nPlugin({ contentRoot: path.resolve(here, '../content'), dir: path.join(here, 'src/i18n') }),
    dataFlagPlugin({ publicDir: path.join(here, 'public') }),
    sizeReportPlugin(),
  ],
});

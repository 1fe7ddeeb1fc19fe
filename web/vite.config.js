import { defineConfig } from 'vite';
import path from 'node:path';
import { coursePlugin, dataFlagPlugin, sizeReportPlugin } from './plugins/normlab.js';
import { experimentsPlugin, loadCoreCatalogue } from './plugins/experiments.js';
import { nodeBuildDir } from './plugins/wasm-node.js';
import { i18nPlugin } from './plugins/i18n.js';
import { ICONS, iconsPlugin } from './plugins/icons.js';
import { VitePWA } from 'vite-plugin-pwa';

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
    // dist/.vite/manifest.json: which chunk imports which, so a test can check the code split
    // (tests/e2e/code-split.test.mjs: no lab code or Chart.js in the start-up bundle)
    manifest: true,
  },
  worker: { format: 'es' },
  resolve: { alias: { 'normlab-wasm': path.join(wasmDir, 'normlab.mjs') } },
  server: { host: '127.0.0.1', fs: { allow: [here, path.resolve(here, '../content'), wasmDir] } },
  preview: { host: '127.0.0.1' },
  plugins: [
    coursePlugin({ contentRoot: path.resolve(here, '../content'), catalogue: coreCatalogue }),
    experimentsPlugin({ catalogue: coreCatalogue, runTimesFile: path.resolve(here, '../content/run_times.json') }),
    i18nPlugin({ contentRoot: path.resolve(here, '../content'), dir: path.join(here, 'src/i18n') }),
    dataFlagPlugin({ publicDir: path.join(here, 'public') }),
    sizeReportPlugin(),
    iconsPlugin(),
    // Offline: a Workbox service worker generated at build time. It precaches the whole site (every
    // course chunk, the engine, the WASM, fonts, icons) with a revision per file, so a visit is served
    // from one consistent version; a new build installs in the background and waits (registerType
    // 'prompt': web/src/offline.js shows a quiet notice) until the old version's pages are closed or
    // the learner chooses to update, so no page ever mixes old and new files. The data set
    // (public/data, 1 MB) is not precached: lab pages that train on it cache it on first use.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false, // registered from the bundled module (web/src/offline.js): no inline script under the CSP
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        name: 'NormLab — normalization in deep learning, hands-on',
        short_name: 'NormLab',
        description:
          'An interactive course on normalization in deep learning, with real training experiments in your browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5cad',
        icons: ICONS,
      },
      workbox: {
        // all formats of the KaTeX fonts would double the download; browsers that run the WASM read woff2
        globPatterns: ['**/*.{html,js,css,wasm,woff2,svg,png,webmanifest}'],
        globIgnores: ['data/**'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024, // the WASM module is ~0.8 MB today
        cleanupOutdatedCaches: true,
        clientsClaim: true, // the first visit's page is controlled once the cache is filled (same version)
        navigateFallback: null, // one page, hash routes: index.html is precached as itself and as ./
        ignoreURLParametersMatching: [/.*/], // ./?anything is still the course page
        runtimeCaching: [
          {
            // the training text: fetched by a lab's worker the first time a run needs it, then kept
            urlPattern: /\/data\/[^/]+\.txt$/,
            handler: 'CacheFirst',
            options: { cacheName: 'normlab-data', cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
});

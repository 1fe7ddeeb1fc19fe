// The code split that keeps the first paint light (issue 14, Lighthouse): the start-up bundle (what
// index.html loads before any page code runs) carries no lab code, no Chart.js, no KaTeX style
// sheet and no language but the reference one; Chart.js is reached only through dynamic imports (a
// lab page loads it when its charts are first drawn; the home page's demo draws its bars in SVG and
// never loads it); every lazily loaded chunk is in the service worker's precache (offline). Checked
// from the build's own manifest (web/dist/.vite/manifest.json), then in the browser: the home page
// and a theory page, opened and left alone, request no lab chunk and no Chart.js (the theory page's
// one chart is far below the fold and is made when it comes near the screen).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startSite, distDir } from './browser.mjs';

const manifestFile = path.join(distDir, '.vite/manifest.json');
const read = (file) => fs.readFileSync(path.join(distDir, file), 'utf8');

/** @type {Record<string, {file: string, isEntry?: boolean, isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[]}>} */
let manifest;
let entryKey;
let chartFile; // the chunk that holds Chart.js
let site;

// the manifest keys a chunk loads before it runs: itself and its static imports, transitively
function staticClosure(key) {
  const seen = new Set();
  const walk = (k) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of manifest[k]?.imports ?? []) walk(i);
  };
  walk(key);
  return seen;
}
const filesOf = (keys) => new Set([...keys].map((k) => manifest[k].file));
const cssOf = (keys) => new Set([...keys].flatMap((k) => manifest[k].css ?? []));

before(async () => {
  if (!fs.existsSync(manifestFile)) throw new Error(`no build manifest at ${manifestFile}: run scripts/build.sh`);
  manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith('index.html'));
  const js = [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith('.js'));
  // a string of Chart.js's own (its constructor's error message), which minification keeps
  const withChart = js.filter((f) => read(f).includes('Canvas is already in use'));
  assert.equal(withChart.length, 1, `Chart.js is in one chunk: ${withChart.join(', ')}`);
  chartFile = withChart[0];
  site = await startSite();
});
after(() => site?.close());

test('the start-up bundle has no lab code, no Chart.js, no widgets, quiz or drill checks', () => {
  assert.ok(entryKey, 'the manifest names the index.html entry');
  const startup = staticClosure(entryKey);
  const startupFiles = filesOf(startup);
  assert.ok(!startupFiles.has(chartFile), `Chart.js (${chartFile}) is not loaded at start-up`);
  for (const lazy of [
    'src/views/lab/page.js',
    'src/views/chart-setup.js',
    'src/views/widgets.js',
    'src/views/drill-checks.js',
    'src/views/quiz.js',
    'src/views/exercise.js',
  ]) {
    assert.ok(manifest[lazy], `${lazy} is a chunk of its own`);
    assert.ok(manifest[lazy].isDynamicEntry, `${lazy} is loaded by a dynamic import`);
    assert.ok(!startupFiles.has(manifest[lazy].file), `${lazy} is not in the start-up bundle`);
  }
});

test("the start-up bundle speaks the reference language only: another language's catalogue and course index load when used", () => {
  const startupFiles = filesOf(staticClosure(entryKey));
  for (const lazy of ['src/i18n/es.js', 'virtual:normlab-course/es/index']) {
    assert.ok(manifest[lazy], `${lazy} is a chunk of its own`);
    assert.ok(manifest[lazy].isDynamicEntry, `${lazy} is loaded by a dynamic import`);
    assert.ok(!startupFiles.has(manifest[lazy].file), `${lazy} is not in the start-up bundle`);
  }
  // a string of the Spanish catalogue (the skip link's text) and one of the Spanish course index
  const startupText = [...startupFiles]
    .filter((f) => f.endsWith('.js'))
    .map(read)
    .join('\n');
  assert.ok(!startupText.includes('Saltar al contenido'), 'no Spanish interface text at start-up');
  assert.ok(read(manifest['src/i18n/es.js'].file).includes('Saltar al contenido'), 'the Spanish chunk has it');
});

test('Chart.js is reached only through a dynamic import, and a lab page does not load it with the page', () => {
  assert.ok(filesOf(staticClosure('src/views/chart-setup.js')).has(chartFile), 'chart-setup.js brings Chart.js');
  assert.ok(
    !filesOf(staticClosure('src/views/lab/page.js')).has(chartFile),
    'the lab page chunk and its static imports do not hold Chart.js',
  );
  // the chunks that load Chart.js before they run: chart-setup.js and shared chunks it imports, no page
  const holders = Object.keys(manifest).filter((k) => filesOf(staticClosure(k)).has(chartFile));
  assert.deepEqual(
    holders.filter((k) => !k.startsWith('_')),
    ['src/views/chart-setup.js'],
    'Chart.js is loaded through chart-setup.js only',
  );
});

test("KaTeX's style sheet is not render-blocking: it comes with the pages that show math", () => {
  const startupCss = [...cssOf(staticClosure(entryKey))];
  assert.ok(startupCss.length > 0, 'the site has its own style sheet');
  for (const f of startupCss)
    assert.ok(!read(f).includes('KaTeX_Main'), `${f} (loaded at start-up) has no KaTeX rules`);
  const theoryKeys = Object.keys(manifest).filter((k) => /normlab-course\/[a-z-]+\/theory\//i.test(k));
  assert.ok(theoryKeys.length > 0, 'the theory pages are chunks of their own');
  for (const k of theoryKeys) {
    const css = [...cssOf(staticClosure(k))];
    assert.ok(
      css.some((f) => read(f).includes('KaTeX_Main')),
      `${k} brings KaTeX's style sheet (${css.join(', ') || 'none'})`,
    );
  }
});

test("every script and style sheet chunk is in the service worker's precache", () => {
  const sw = read('sw.js');
  // (the manifest also lists KaTeX's .woff and .ttf fonts, which are left out on purpose: vite.config.js)
  const files = new Set(
    Object.values(manifest)
      .flatMap((c) => [c.file, ...(c.css ?? [])])
      .filter((f) => /\.(js|css)$/.test(f)),
  );
  assert.ok(files.size > 20, `${files.size} chunks and style sheets`);
  const missing = [...files].filter((f) => !sw.includes(`"${f}"`));
  assert.deepEqual(missing, []);
});

// the page's requests until it has settled (the engine answered, nothing loading for a while)
async function requestsOf(hash, ready) {
  const { page, context, problems } = await site.newPage({ serviceWorkers: 'block' });
  const urls = [];
  page.on('request', (r) => urls.push(new URL(r.url()).pathname));
  await page.goto(`${site.server.url}${hash}`);
  await page.waitForSelector(ready, { timeout: 60000 });
  await page.waitForLoadState('networkidle');
  await context.close();
  assert.deepEqual(problems, []);
  return urls;
}

test('in the browser: the home page loads neither lab code nor Chart.js; a theory page, unscrolled, neither', async () => {
  const labFile = manifest['src/views/lab/page.js'].file;
  const setupFile = manifest['src/views/chart-setup.js'].file;
  const home = await requestsOf('#/', '#demo section[data-state="ready"]');
  assert.ok(
    home.some((u) => u.endsWith('.wasm')),
    'the home page ran the engine (its demo)',
  );
  // its demo's chart is SVG drawn by a view module (views/bar-chart.js), no chart library
  for (const f of [labFile, chartFile, setupFile])
    assert.ok(!home.some((u) => u.endsWith(f)), `the home page requested ${f}: ${home.join(' ')}`);

  const theory = await requestsOf('#/theory/why-normalize', '.widget[data-widget="signal"][data-state="ready"]');
  for (const f of [labFile, chartFile])
    assert.ok(!theory.some((u) => u.endsWith(f)), `the theory page requested ${f}: ${theory.join(' ')}`);
  assert.ok(
    theory.some((u) => u.endsWith(manifest['src/views/widgets.js'].file)),
    'the theory page loaded its widgets',
  );
});

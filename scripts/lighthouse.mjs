#!/usr/bin/env node
// Lighthouse (the npm package, mobile profile: its default emulation and simulated throttling)
// over one page of each kind of the built site: the home page, a theory page and an experiment
// page. The site is served from web/dist by the plain static server the browser tests use, on
// 127.0.0.1, and audited in Debian's Chromium (headless). Prints each page's category scores, the
// performance metrics the issue names (largest paint, total blocking time, layout shift) and the
// 1-minute load average when the page was audited (a loaded machine inflates blocking time).
//
// Usage: node scripts/lighthouse.mjs [options] [hash ...]
//   default pages: #/ #/theory/why-normalize #/lab/norm-compare
//   --all-labs      every experiment page (#/lab/<id> for each id of the core's catalogue), one row each
//   --runs N        audit each page N times and print the run with the median performance score,
//                   with each audit's blocking time and their median
//   --details       after each row, the diagnostics that say what to cut: main-thread work by kind,
//                   start-up time by script, unused JavaScript, render-blocking resources
//   --json FILE     also write the rows (and the details) as JSON
// Needs the built site (scripts/build.sh); --all-labs also the Node WASM build. CHROME_PATH
// overrides /usr/bin/chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startStaticServer } from '../tests/e2e/static-server.mjs';
import { distDir } from '../tests/e2e/browser.mjs';
import { repoRoot } from '../tests/lib/wasm-node.mjs';
import { median } from '../tests/lib/stats.mjs';

const require = createRequire(path.join(repoRoot, 'web/package.json'));
const { default: lighthouse } = await import(require.resolve('lighthouse'));
const chromeLauncher = await import(require.resolve('chrome-launcher'));
const { version } = require('lighthouse/package.json');

const DEFAULT_PAGES = ['#/', '#/theory/why-normalize', '#/lab/norm-compare'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = {
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
};

function parseArgs(argv) {
  const opts = { pages: [], allLabs: false, runs: 1, details: false, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--all-labs') opts.allLabs = true;
    else if (a === '--details') opts.details = true;
    else if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--json') opts.json = argv[++i];
    else if (a.startsWith('--')) throw new Error(`unknown option ${a} (see the usage at the top of this file)`);
    else opts.pages.push(a);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('--runs needs a whole number >= 1');
  if (opts.json === undefined) throw new Error('--json needs a file name');
  return opts;
}

// The experiment pages: one per id of the core's catalogue (the same list the site is built from).
async function labPages() {
  const { loadCoreCatalogue } = await import('../web/plugins/experiments.js');
  return (await loadCoreCatalogue()).map((d) => `#/lab/${d.id}`);
}

const ms = (v) => `${Math.round(v)} ms`;
// What Lighthouse says costs the main thread, in a few lines: the items of four diagnostics.
function details(lhr) {
  const items = (id) => lhr.audits[id]?.details?.items ?? [];
  const short = (url) => String(url).replace(/^https?:\/\/[^/]+\//, '');
  return {
    mainthread: items('mainthread-work-breakdown').map((i) => `${i.groupLabel ?? i.group}: ${ms(i.duration)}`),
    bootup: items('bootup-time')
      .slice(0, 6)
      .map((i) => `${short(i.url)}: ${ms(i.total)} (script ${ms(i.scripting)}, parse ${ms(i.scriptParseCompile)})`),
    unusedJs: items('unused-javascript').map(
      (i) => `${short(i.url)}: ${Math.round(i.wastedBytes / 1024)} of ${Math.round(i.totalBytes / 1024)} KiB unused`,
    ),
    renderBlocking: items('render-blocking-resources').map((i) => `${short(i.url)}: ${ms(i.wastedMs)}`),
    longTasks: items('long-tasks')
      .slice(0, 6)
      .map((i) => `${short(i.url)} at ${ms(i.startTime)}: ${ms(i.duration)}`),
  };
}

const opts = parseArgs(process.argv.slice(2));
const pages = [...opts.pages, ...(opts.allLabs ? await labPages() : [])];
if (!pages.length) pages.push(...DEFAULT_PAGES);

const server = await startStaticServer(distDir);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const rows = [];
try {
  for (const hash of pages) {
    const url = `${server.url}${hash}`;
    const runs = [];
    for (let r = 0; r < opts.runs; r++) {
      const load = os.loadavg()[0];
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`no Lighthouse report for ${url}`);
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      const score = (c) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100));
      runs.push({
        page: hash,
        load: Number(load.toFixed(1)),
        scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])),
        metrics: Object.fromEntries(
          Object.entries(METRICS).map(([id, name]) => [name, lhr.audits[id]?.displayValue ?? 'n/a']),
        ),
        tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? NaN),
        details: opts.details ? details(lhr) : undefined,
      });
    }
    // the run with the median performance score (the middle one of an odd count, the lower middle of an even)
    const sorted = [...runs].sort((a, b) => (a.scores.performance ?? -1) - (b.scores.performance ?? -1));
    const row = { ...sorted[Math.floor((sorted.length - 1) / 2)] };
    if (opts.runs > 1) {
      row.performanceRuns = runs.map((x) => x.scores.performance);
      // blocking time moves between audits on its own: each audit's, and their median
      row.tbtRuns = runs.map((x) => x.tbtMs);
      row.tbtMedian = Math.round(median(row.tbtRuns));
    }
    rows.push(row);
  }
} finally {
  await chrome.kill();
  await server.close();
}

const header = [
  'page',
  ...CATEGORIES,
  ...Object.values(METRICS),
  'load',
  ...(opts.runs > 1 ? ['runs', 'TBT runs (ms)', 'TBT median'] : []),
];
console.log(`Lighthouse ${version} (mobile profile), Chromium, served from ${distDir}; ${opts.runs} run(s) a page`);
console.log(header.join('\t'));
for (const r of rows) {
  const cells = [
    r.page,
    ...CATEGORIES.map((c) => r.scores[c] ?? 'n/a'),
    ...Object.values(r.metrics),
    r.load,
    ...(r.performanceRuns ? [r.performanceRuns.join(','), r.tbtRuns.join(','), `${r.tbtMedian} ms`] : []),
  ];
  console.log(cells.join('\t'));
  if (r.details)
    for (const [k, lines] of Object.entries(r.details)) if (lines.length) console.log(`  ${k}: ${lines.join('; ')}`);
}
if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ lighthouse: version, runs: opts.runs, rows }, null, 2));

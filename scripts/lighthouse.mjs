#!/usr/bin/env node
// Lighthouse (the npm package, mobile profile: its default emulation and simulated throttling)
// over one page of each kind of the built site: the home page, a theory page and an experiment
// page. The site is served from web/dist by the plain static server the browser tests use, on
// 127.0.0.1, and audited in Debian's Chromium (headless). Prints each page's category scores and
// the performance metrics the issue names (largest paint, total blocking time, layout shift).
//
// Usage: node scripts/lighthouse.mjs [hash ...]   (default: #/ #/theory/why-normalize #/lab/norm-compare)
//   needs the built site (scripts/build.sh); CHROME_PATH overrides /usr/bin/chromium.
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startStaticServer } from '../tests/e2e/static-server.mjs';
import { distDir } from '../tests/e2e/browser.mjs';
import { repoRoot } from '../tests/lib/wasm-node.mjs';

const require = createRequire(path.join(repoRoot, 'web/package.json'));
const { default: lighthouse } = await import(require.resolve('lighthouse'));
const chromeLauncher = await import(require.resolve('chrome-launcher'));
const { version } = require('lighthouse/package.json');

const pages = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['#/', '#/theory/why-normalize', '#/lab/norm-compare'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = {
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
};

const server = await startStaticServer(distDir);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const rows = [];
try {
  for (const hash of pages) {
    const url = `${server.url}${hash}`;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`no Lighthouse report for ${url}`);
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
    const score = (c) => (lhr.categories[c]?.score == null ? 'n/a' : Math.round(lhr.categories[c].score * 100));
    const metric = (id) => lhr.audits[id]?.displayValue ?? 'n/a';
    rows.push([hash, ...CATEGORIES.map(score), ...Object.keys(METRICS).map(metric)]);
  }
} finally {
  await chrome.kill();
  await server.close();
}
const header = ['page', ...CATEGORIES, ...Object.values(METRICS)];
console.log(`Lighthouse ${version} (mobile profile), Chromium, served from ${distDir}; load average ${os.loadavg()[0].toFixed(1)}`);
console.log(header.join('\t'));
for (const r of rows) console.log(r.join('\t'));

// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, the built
// site served under a sub-path, and a page that records every console error, page error,
// failed request and request that leaves the site's origin.
import path from 'node:path';
import fs from 'node:fs';
import { requireFromWeb, repoRoot } from '../lib/wasm-node.mjs';
import { startStaticServer } from './static-server.mjs';

const { chromium } = requireFromWeb('playwright-core');
let axeSource = '';
/**
 * axe's serious or critical violations on the page as it is, each as "id: the elements' selectors".
 * @param {import('playwright-core').Page} page
 */
export async function seriousViolations(page) {
  axeSource ||= fs.readFileSync(requireFromWeb.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

// Debian's headless Chromium (CHROMIUM_PATH selects another), as the tests and bench/bench_browser.mjs run it
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

// NORMLAB_DIST: test another build of the site (e.g. vite build --outDir elsewhere)
export const distDir = process.env.NORMLAB_DIST
  ? path.resolve(process.env.NORMLAB_DIST)
  : path.join(repoRoot, 'web/dist');

// server: options of the static server (e.g. {headers} a host sends with every file)
export async function startSite(serverOptions = {}) {
  if (!fs.existsSync(path.join(distDir, 'index.html')))
    throw new Error(`no built site at ${distDir}: run scripts/build.sh`);
  const server = await startStaticServer(distDir, serverOptions);
  const browser = await launchChromium();
  return {
    server,
    browser,
    // contextOptions: options of the browser context (playwright-core's browser.newContext), e.g.
    // {serviceWorkers: 'block'} for a test that intercepts requests with page.route: a request the
    // service worker makes (its precache, or a fetch it answers) never reaches the page's routes.
    async newPage(contextOptions = {}) {
      const context = await browser.newContext(contextOptions);
      const page = await context.newPage();
      const problems = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => {
        // ERR_ABORTED is a request the browser dropped because the test navigated away (a reload
        // while the WASM was still loading), not a failure of the site
        if (r.failure()?.errorText !== 'net::ERR_ABORTED')
          problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
      });
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
      });
      page.on('request', (r) => {
        const u = r.url();
        if (!u.startsWith(server.origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
          problems.push(`off-origin request: ${u}`);
      });
      return { page, context, problems };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

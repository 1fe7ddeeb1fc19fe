// Layout shift while a page loads (issue 14: Lighthouse's CLS under 0.1 on every lab page): every
// experiment page, the home page and a theory page, opened on a phone-sized screen (Lighthouse's
// mobile viewport) and left alone until it has settled (engine answered, estimate made, nothing
// loading), must add up less than 0.1 of layout shift, as the browser itself reports it to a
// PerformanceObserver('layout-shift') registered before the page's first script. The sum of every
// shift is checked, which is at least Lighthouse's CLS (the worst window of shifts). A failure
// names the elements that moved, from the browser's own attribution.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';
import { loadCoreCatalogue } from '../../web/plugins/experiments.js';

const LIMIT = 0.1;
const LAB_IDS = (await loadCoreCatalogue()).map((d) => d.id);
// Lighthouse's mobile screen (a Moto G Power): 412 × 823 CSS pixels at 1.75 device pixels each
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

// Registered before the page's scripts: every layout shift not caused by input, with the elements
// the browser says moved (tag, id, classes) and how far.
function recordShifts() {
  /** @type {{value: number, at: number, sources: string[]}[]} */
  const shifts = [];
  /** @type {any} */ (window).__shifts = shifts;
  const name = (/** @type {Node | null} */ n) => {
    if (!n || !(n instanceof Element)) return n?.nodeName ?? '?';
    const cls = typeof n.className === 'string' && n.className ? `.${n.className.trim().split(/\s+/).join('.')}` : '';
    return `${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}${cls}`;
  };
  new PerformanceObserver((list) => {
    for (const e of /** @type {any[]} */ (list.getEntries())) {
      if (e.hadRecentInput) continue;
      shifts.push({
        value: e.value,
        at: Math.round(e.startTime),
        sources: (e.sources ?? []).map(
          (/** @type {any} */ s) => `${name(s.node)} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`,
        ),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/**
 * Opens a page on the phone screen, waits until it has settled, and returns its layout shifts.
 * @param {string} hash
 * @param {(page: import('playwright-core').Page) => Promise<unknown>} ready what "loaded" means for this page
 */
async function shiftsOf(hash, ready) {
  const { page, context, problems } = await site.newPage(PHONE);
  await page.addInitScript(recordShifts);
  await page.goto(`${site.server.url}${hash}`);
  await ready(page);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500); // a shift drawn in the frame after the last change is reported too
  const shifts = await page.evaluate(() => /** @type {any} */ (window).__shifts);
  await context.close();
  assert.deepEqual(problems, [], hash);
  return shifts;
}

const total = (/** @type {{value: number}[]} */ shifts) => shifts.reduce((s, e) => s + e.value, 0);
const described = (/** @type {{value: number, at: number, sources: string[]}[]} */ shifts) =>
  shifts.map((e) => `${e.value.toFixed(3)} at ${e.at} ms: ${e.sources.join(', ')}`).join('; ');

// an experiment page has loaded when its form can run and its estimate has been made (or given up)
const labReady = async (/** @type {import('playwright-core').Page} */ page) => {
  await page.waitForSelector('#lab-form', { timeout: 60000 });
  await page.waitForFunction(
    () => !(/** @type {HTMLButtonElement} */ (document.querySelector('#run')).disabled),
    null,
    {
      timeout: 60000,
    },
  );
  await page.waitForFunction(
    () => document.querySelector('.run-estimate')?.getAttribute('data-estimate') !== 'estimating',
    null,
    { timeout: 120000 },
  );
};

for (const id of LAB_IDS) {
  test(`#/lab/${id}: layout shift while loading stays under ${LIMIT}`, async (t) => {
    const shifts = await shiftsOf(`#/lab/${id}`, labReady);
    t.diagnostic(`layout shift ${total(shifts).toFixed(3)}`);
    assert.ok(total(shifts) < LIMIT, `layout shift ${total(shifts).toFixed(3)}: ${described(shifts)}`);
  });
}

test(`the home page (its demo computed) and a theory page (in Spanish) shift less than ${LIMIT}`, async (t) => {
  const pages = [
    ['#/', (page) => page.waitForSelector('#demo section[data-state="ready"]', { timeout: 60000 })],
    [
      '?lang=es#/theory/why-normalize',
      (page) => page.waitForSelector('.widget[data-widget="signal"][data-state="ready"]', { timeout: 60000 }),
    ],
  ];
  for (const [hash, ready] of pages) {
    const shifts = await shiftsOf(hash, ready);
    t.diagnostic(`${hash}: layout shift ${total(shifts).toFixed(3)}`);
    assert.ok(total(shifts) < LIMIT, `${hash}: layout shift ${total(shifts).toFixed(3)}: ${described(shifts)}`);
  }
});

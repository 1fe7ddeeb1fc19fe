// The lab as a lesson, in a real browser: a preset click loads its settings and runs to the end
// with its verdicts beside their charts; every experiment page shows at most 6 settings before
// "advanced" is opened; no page scrolls sideways at a phone's 390 px; a failing storage leaves the
// page working with a notice; two saved runs overlay on one chart; axe finds no serious or
// critical violation on the new views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations, startSite } from './browser.mjs';
import { loadCoreCatalogue } from '../../web/plugins/experiments.js';

const EXPERIMENT_IDS = (await loadCoreCatalogue()).map((d) => d.id);

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const runDone = (page) =>
  page.waitForFunction(() => document.querySelector('main').dataset.run === 'done', null, { timeout: 60000 });

async function openLab(page, id, query = '') {
  await page.goto(`${site.server.url}#/lab/${id}${query ? `?${query}` : ''}`);
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 30000 });
}

// eps: two presets' runs one after the other, then the two overlaid on the charts
async function twoRunsOverlaid(page) {
  await page.click('button.preset:has-text("constant rows")');
  await runDone(page);
  await page.click('button.preset:has-text("a larger ε")');
  // the second run is listed once it has finished (a quick run can end between two polls of run state)
  await page.waitForFunction(() => document.querySelectorAll('#compare-a option').length === 2, null, {
    timeout: 60000,
  });
  await runDone(page);
  await page.click('#compare-go');
}

test('a preset click loads its settings, runs to the end, and its verdicts sit beside their charts', async () => {
  const { page, problems } = await site.newPage();
  await openLab(page, 'eps', 'quick=1');
  await page.click('button.preset:has-text("a larger ε")');
  await runDone(page);
  assert.match(decodeURIComponent(page.url()), /preset=a\+larger\+ε|preset=a larger ε/);
  assert.equal(await page.inputValue('#f-eps'), '0.01');
  assert.match(await page.textContent('.preset-status'), /a larger ε/);
  const cards = await page.$$eval('[data-chart="gradients"] .chart-claims .claim-card', (cs) =>
    cs.map((c) => [c.dataset.verdict, c.querySelector('.claim-meaning').textContent]),
  );
  const rows = await page.$$eval('table.claims tbody tr', (trs) => trs.length);
  assert.equal(cards.length, rows, 'every claim of the one-chart page sits beside its chart');
  for (const [verdict, meaning] of cards) {
    assert.ok(['holds', 'does not hold', 'inconclusive', 'indicative', 'not decided'].includes(verdict), verdict);
    assert.ok(meaning.length > 20, 'a sentence of what it means');
  }
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(problems, []);
});

test('every experiment page shows at most 6 settings before "advanced" is opened', async () => {
  const { page, problems } = await site.newPage();
  for (const id of EXPERIMENT_IDS) {
    await openLab(page, id);
    const visible = await page.$$eval('#lab-form input, #lab-form select', (els) =>
      // checkVisibility: a closed <details> hides its content with content-visibility, which keeps
      // layout boxes (offsetParent, client rects) but is not shown
      els.filter((e) => e.checkVisibility()).map((e) => e.id),
    );
    assert.ok(visible.length <= 6, `${id}: ${visible.join(', ')}`);
    assert.ok(visible.length >= 3, `${id}: quick mode, the primary settings and seeds show`);
    // the same test of "shown" as the settings': the form sits in a content-visibility: auto box, which
    // is laid out only near the view, so whether Playwright's isVisible saw it depended on timing
    assert.ok(await page.$eval('details.advanced > summary', (e) => e.checkVisibility()), `${id}: the advanced group`);
    assert.ok((await page.$$('button.preset')).length >= 2, `${id}: presets`);
    const modes = await page.$$eval('#lab-form input[inputmode]', (els) => els.map((e) => e.inputMode));
    assert.ok(modes.every((m) => m === 'numeric' || m === 'decimal'));
  }
  assert.deepEqual(problems, []);
});

test('no experiment page scrolls sideways at 390 px', async () => {
  const { page, problems } = await site.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const id of EXPERIMENT_IDS) {
    await openLab(page, id);
    await page.click('details.advanced > summary');
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    assert.ok(scroll <= client, `${id}: scrollWidth ${scroll} > ${client}`);
  }
  assert.deepEqual(problems, []);
});

test('a storage that refuses every write leaves the page working', async () => {
  const { page, context } = await site.newPage();
  await context.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    Object.defineProperty(window, 'indexedDB', { get: () => undefined });
  });
  await openLab(page, 'eps', 'quick=1');
  await page.click('button.preset:has-text("constant rows")');
  await runDone(page);
  assert.ok((await page.$$('.chart-claims .claim-card')).length > 0, 'the verdicts show');
  assert.ok((await page.$$('.download-buttons button')).length > 0, 'the downloads show');
  assert.match(await page.textContent('.compare-notice'), /unavailable/, 'the compare view says why');
  assert.ok(await page.isVisible('.compare-notice'));
});

test('two saved runs overlay on one chart, with the settings they differ in; they survive a reload; forget clears them', async () => {
  const { page, problems } = await site.newPage();
  await openLab(page, 'eps', 'quick=1');
  await twoRunsOverlaid(page);
  const labels = (await page.getAttribute('[data-chart="gradients"]', 'data-datasets')).split('|');
  const second = labels.filter((l) => / \(run of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)$/.test(l));
  assert.ok(second.length > 0, `the second run's datasets are on the chart: ${labels.join(' | ')}`);
  assert.ok(labels.length > second.length, 'and the first run is still drawn');
  const differing = await page.$$eval('table.compare-settings tbody th', (ths) => ths.map((t) => t.textContent));
  assert.ok(differing.length > 0, 'the settings the presets change are listed');
  assert.match(await page.textContent('.compare-budget'), /last 5 runs/);
  assert.deepEqual(await seriousViolations(page), []);

  await page.reload();
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => document.querySelectorAll('#compare-a option').length === 2);
  assert.ok(await page.isHidden('.compare-notice'), 'the saved runs came back whole');
  await page.click('#compare-forget');
  await page.waitForFunction(() => document.querySelector('#compare-go').disabled);
  await page.reload();
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => document.querySelector('#compare-go')?.disabled);
  assert.equal(await page.$$eval('#compare-a option', (os) => os.filter((o) => o.value !== 'current').length), 0);
  assert.deepEqual(problems, []);
});

test("an IndexedDB that refuses to open: a notice, the page runs, and this visit's runs still compare", async () => {
  const { page, context, problems } = await site.newPage();
  await context.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('refused', 'InvalidStateError');
    };
  });
  await openLab(page, 'eps', 'quick=1');
  await page.waitForFunction(() => !document.querySelector('.compare-notice').hidden);
  assert.match(await page.textContent('.compare-notice'), /unavailable/);
  await twoRunsOverlaid(page);
  assert.match(await page.getAttribute('[data-chart="gradients"]', 'data-datasets'), /\(run of /);
  assert.ok((await page.$$('.chart-claims .claim-card')).length > 0, 'the verdicts show');
  assert.deepEqual(problems, []);
});

test("lr-sweep's stability map: a heatmap per variant with numbers on hover and in a table; axe clean, no sideways scroll", async () => {
  const { page, problems } = await site.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page, 'lr-sweep', 'quick=1&variants=none,pre/rms&lrs=0.001,0.1&steps=20');
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('main').dataset.run === 'done', null, { timeout: 300000 });
  const captions = await page.$$eval('.stability-map .sm-variant figcaption', (cs) => cs.map((c) => c.textContent));
  assert.deepEqual(captions.sort(), ['none', 'pre/rms']);
  const titles = await page.$$eval('.stability-map .sm-variant svg title', (ts) => ts.map((t) => t.textContent));
  assert.equal(titles.length, 4, 'one cell per (variant, lr) at the one quick depth');
  assert.ok(
    titles.every((t) => /final loss \d/.test(t)),
    titles.join(' | '),
  );
  const rows = await page.$$eval('.stability-map table.sm-table tbody tr', (trs) => trs.length);
  assert.equal(rows, 2);
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  assert.ok(scroll <= client, `scrollWidth ${scroll} > ${client}`);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(problems, []);
});

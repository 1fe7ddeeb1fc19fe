// Every experiment page of the catalogue in a real browser: a bad value in its form is named and
// blocks Run, then a quick run completes, its charts receive data and its claims are shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';
import { loadCoreCatalogue } from '../../web/plugins/experiments.js';

// every experiment of the core's catalogue
const EXPERIMENT_IDS = (await loadCoreCatalogue()).map((d) => d.id);

// What some pages draw beyond curves, checked from the chart's data table.
const tableOf = (page, chart) =>
  page.$$eval(`[data-chart="${chart}"] .table-slot tr`, (trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent)),
  );
const EXTRA_CHECKS = {
  // the variance-propagation prediction is drawn over the measured std, layer by layer
  async signal(page) {
    const [head, ...rows] = await tableOf(page, 'std');
    assert.deepEqual(head, ['variant', 'layer', 'std of the layer output', 'predicted std']);
    assert.ok(rows.length >= 11);
    for (const [, , measured, predicted] of rows) {
      assert.ok(Number(measured) > 0, `measured std ${measured}`);
      assert.ok(predicted === 'non-finite' || Number(predicted) > 0, `predicted std ${predicted}`);
    }
  },
  // the lab's timing_bar.png: one bar per norm, the median step time
  async 'norm-ablation'(page) {
    const [head, ...rows] = await tableOf(page, 'timing');
    assert.deepEqual(head, ['variant', 'median ms per step']);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['none', 'layer', 'rms'],
    );
    for (const [, ms] of rows) assert.ok(Number(ms) > 0, `median step time ${ms}`);
    assert.ok(await page.isVisible('.download-buttons button:has-text("timing_bar.png")'));
  },
};

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

for (const id of EXPERIMENT_IDS) {
  test(`${id}: bad value rejected, quick run completes with chart data and claims`, async (t) => {
    const { page, problems } = await site.newPage();
    await page.goto(`${site.server.url}#/lab/${id}?quick=1`);
    await page.waitForSelector('#lab-form');
    await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 30000 });
    // the seeds field exists on every form: a non-number is named next to it and blocks Run
    await page.fill('#f-seeds', 'many');
    assert.match(await page.textContent('#f-seeds-error'), /must be a number/);
    assert.equal(await page.isDisabled('#run'), true);
    await page.fill('#f-seeds', '1');
    await page.waitForFunction(() => !document.querySelector('#run').disabled);
    const started = Date.now();
    await page.click('#run');
    await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('main').dataset.run), null, {
      timeout: 240000,
    });
    t.diagnostic(`${id}: quick run took ${((Date.now() - started) / 1000).toFixed(1)} s in the browser`);
    assert.equal(await page.getAttribute('main', 'data-run'), 'done', await page.textContent('.run-status'));
    const failed = await page.$$eval('.job[data-status="failed"] .job-text', (els) => els.map((e) => e.textContent));
    assert.deepEqual(failed, []);
    // every chart of the page received data: a chart spec that names a key the jobs do not report stays empty
    const rows = await page.$$eval('.chart-figure', (figs) =>
      figs.map((f) => [f.dataset.chart, f.querySelectorAll('.table-slot tbody tr').length]),
    );
    assert.ok(rows.length > 0, 'the page has charts');
    for (const [chart, n] of rows) assert.ok(n > 0, `chart ${chart} received no data`);
    const claims = await page.$$eval('table.claims tbody tr', (trs) => trs.map((tr) => tr.dataset.holds));
    assert.ok(claims.length > 0, 'claims are shown');
    assert.ok(claims.every((h) => ['true', 'false', 'null'].includes(h)));
    await EXTRA_CHECKS[id]?.(page);
    assert.deepEqual(problems, []);
  });
}

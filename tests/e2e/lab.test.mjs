// Experiment pages in a real browser: a quick run completes and fills its chart and claims,
// Stop stops, bad values are named and block Run, a copied URL restores the settings, finished
// results survive a reload, and the downloads are the lab's files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const runDone = (page, state = 'done') =>
  page.waitForFunction((s) => document.querySelector('main').dataset.run === s, state, { timeout: 60000 });

async function openLab(page, id, query = '') {
  await page.goto(`${site.server.url}#/lab/${id}${query ? `?${query}` : ''}`);
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => !document.querySelector('#run').disabled);
  // the tests below set fields of the "advanced" group too
  await page.click('details.advanced > summary');
}

test('eps runs in quick mode to completion: progress, chart data, claims from the run, downloads', async () => {
  const { page, problems } = await site.newPage();
  await openLab(page, 'eps', 'quick=1');
  await page.click('#run');
  await runDone(page);
  const bars = await page.$$eval('[role="progressbar"]', (bs) =>
    bs.map((b) => [b.getAttribute('aria-valuenow'), b.getAttribute('aria-valuemax')]),
  );
  assert.equal(bars.length, 2);
  for (const [now, max] of bars) assert.equal(now, max);
  const points = await page.$$eval('[data-chart="gradients"] .table-slot tbody tr', (rows) => rows.length);
  assert.equal(points, 12, 'two variants x six noise levels in the data table');
  assert.match(
    await page.textContent('[data-chart="gradients"] .chart-marks'),
    /outside: non-finite at noise σ of the row = 0/,
  );
  const verdicts = await page.$$eval('table.claims tbody tr', (rows) => rows.map((r) => r.dataset.holds));
  assert.deepEqual(verdicts, ['true', 'true']);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.download-buttons button:has-text("manifest.json")'),
  ]);
  assert.equal(download.suggestedFilename(), 'manifest.json');
  const manifest = JSON.parse(
    await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
  );
  assert.equal(manifest.id, 'eps');
  assert.equal(manifest.build_target, 'wasm');
  assert.equal(manifest.config.quick, true);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.download-buttons button:has-text("eps_gradients.png")'),
  ]);
  assert.equal(png.suggestedFilename(), 'eps_gradients.png');
  // finished results survive a reload
  await page.reload();
  await page.waitForSelector('table.claims');
  assert.match(await page.textContent('.run-status'), /Showing your last finished run/);
  assert.deepEqual(problems, []);
});

test('Stop stops a long run', async () => {
  const { page, problems } = await site.newPage();
  const noise = Array.from({ length: 60 }, (_, i) => (i * 1e-4).toPrecision(2)).join(',');
  await openLab(page, 'eps', `rows=4096&d=1024&noise=${noise}`);
  await page.click('#run');
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[role="progressbar"]')].some((b) => Number(b.getAttribute('aria-valuenow')) > 0),
    null,
    { timeout: 30000 },
  );
  await page.click('#stop');
  await runDone(page, 'stopped');
  assert.match(await page.textContent('.run-status'), /Stopped/);
  const states = await page.$$eval('.job', (js) => js.map((j) => j.dataset.status));
  assert.ok(states.includes('cancelled'), states.join());
  assert.equal(await page.isDisabled('#run'), false, 'Run is available again');
  assert.deepEqual(problems, []);
});

test('bad values are named next to the field and disable Run; the core names what it rejects', async () => {
  const { page, problems } = await site.newPage();
  await openLab(page, 'eps');
  for (const [field, value, message] of [
    ['d', '', /empty/],
    ['d', 'abc', /must be a number/],
    ['d', '-4', /at least 2/],
    ['d', '2.5', /whole number/],
    ['eps', '0', /greater than 0/],
    ['noise', '0, oops', /not a number/],
    ['seeds', '1000', /at most 16/],
  ]) {
    await page.fill(`#f-${field}`, value);
    assert.match(await page.textContent(`#f-${field}-error`), message, `${field}=${value}`);
    assert.equal(await page.isDisabled('#run'), true, `Run disabled for ${field}=${value}`);
    await page.click('#reset');
    await page.waitForFunction(() => !document.querySelector('#run').disabled);
  }
  // a size that would not fit memory: each field is in range, the core rejects the product
  await page.fill('#f-rows', '4096');
  await page.fill('#f-d', '4096');
  await page.waitForFunction(() => /memory/.test(document.querySelector('.core-error').textContent));
  assert.equal(await page.isDisabled('#run'), true);
  assert.deepEqual(problems, []);
});

test('the URL carries the settings: a copied link restores them', async () => {
  const { page, problems } = await site.newPage();
  await openLab(page, 'eps');
  await page.fill('#f-d', '32');
  await page.fill('#f-noise', '0, 0.001');
  await page.waitForFunction(() => location.hash.includes('d=32'));
  const url = page.url();
  assert.match(url, /#\/lab\/eps\?.*d=32/);
  assert.match(url, /noise=0,0.001/);
  const other = await site.newPage();
  await other.page.goto(url);
  await other.page.waitForSelector('#lab-form');
  assert.equal(await other.page.inputValue('#f-d'), '32');
  assert.equal(await other.page.inputValue('#f-noise'), '0, 0.001');
  // a broken link value is reported, not fatal
  await other.page.goto(`${site.server.url}#/lab/eps?d=zzz`);
  await other.page.waitForSelector('#lab-form');
  assert.match(await other.page.textContent('main'), /value for Features per row d was ignored/);
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
});

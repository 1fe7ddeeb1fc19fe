// The home page's RMSNorm demo end to end: the built site loads from a sub-path, the demo
// computes in a worker, edits update the chart (SVG bars), bad input is named, and nothing errors.
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

const tableValues = async (page, column) =>
  page.$$eval(`#demo tbody tr td:nth-child(${column})`, (tds) => tds.map((td) => Number(td.textContent)));

test('home page renders the RMSNorm demo with worker-computed values', async (t) => {
  const { page, problems } = await site.newPage();
  await page.goto(site.server.url);
  await page.waitForSelector('#demo section[data-state="ready"]');
  // a measurement, reported, not asserted: from navigation start to the demo's first computed output
  const usableMs = await page.evaluate(() => performance.now());
  t.diagnostic(`home page usable (demo computed in the worker) after ${Math.round(usableMs)} ms`);
  const y = await tableValues(page, 3);
  // default x = (2, -1, 0.5, 3, -2.5, 1): mean(x^2) = 21.5/6
  const rms = Math.sqrt(21.5 / 6 + 1e-6);
  const expected = [2, -1, 0.5, 3, -2.5, 1].map((v) => v / rms);
  assert.equal(y.length, expected.length);
  y.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-4, `y[${i}] = ${v}, expected ${expected[i]}`));
  assert.deepEqual(problems, []);
});

test('editing the vector updates chart and table', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.server.url);
  await page.waitForSelector('#demo section[data-state="ready"]');
  await page.fill('#demo-x', '3, 4');
  await page.waitForFunction(() => document.querySelectorAll('#demo tbody tr').length === 2);
  // y = (3, 4) / 3.5355 at the site's five significant digits
  assert.deepEqual(await tableValues(page, 3), [0.84853, 1.1314]);
  assert.equal(await page.textContent('#demo [data-role="rms"]'), 'rms = 3.5355');
  // the chart itself was redrawn: two pairs of bars (x_i then y_i), the x bars in proportion 3 : 4,
  // and each y bar as tall as its x bar (y is x scaled by one factor, on an axis of its own)
  const heights = await page.$$eval('#demo-chart rect[fill]', (rs) => rs.map((r) => r.getBBox().height));
  assert.equal(heights.length, 4, `bars: ${heights.join(', ')}`);
  assert.ok(
    heights.every((h) => h > 10),
    `bars have height: ${heights.join(', ')}`,
  );
  assert.ok(Math.abs(heights[2] / heights[0] - 4 / 3) < 0.02, `x bars in proportion 3 : 4: ${heights.join(', ')}`);
  assert.ok(Math.abs(heights[1] - heights[0]) < 0.2 && Math.abs(heights[3] - heights[2]) < 0.2, heights.join(', '));
  assert.deepEqual(problems, []);
});

test('bad input is named next to the field and nothing throws', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.server.url);
  await page.waitForSelector('#demo section[data-state="ready"]');
  for (const [value, expected] of [
    ['', /at least one number/],
    ['1, abc, 3', /Item 2 \("abc"\) is not a number/],
    [Array(5000).fill('1').join(','), /at most 1024/],
    ['1e39', /too large/],
  ]) {
    await page.fill('#demo-x', value);
    assert.match(await page.textContent('#demo-x-error'), expected);
    assert.equal(await page.getAttribute('#demo-x', 'aria-invalid'), 'true');
  }
  await page.fill('#demo-eps', '-1');
  assert.match(await page.textContent('#demo-eps-error'), /at least 0/);
  await page.fill('#demo-eps', '1e-6');
  await page.fill('#demo-x', '0, 0, 0');
  await page.waitForFunction(() => document.querySelectorAll('#demo tbody tr').length === 3);
  assert.deepEqual(await tableValues(page, 3), [0, 0, 0]); // all-zero input: zeros, not NaN
  assert.deepEqual(problems, []);
});

// The estimate before Run and the chart annotations, in a real browser: a lab page shows "about
// N … on this device" once its calibration is done, ten times the steps gives a larger estimate
// (two estimates compared with each other, never with a clock), a run estimated over 10 minutes
// asks first in an in-page dialog whose Cancel leaves the form as it was, and a quick run in
// which a variant diverges marks the divergence on its loss chart, in words as well.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations, startSite } from './browser.mjs';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

async function openLab(page, id, query = '') {
  await page.goto(`${site.server.url}#/lab/${id}${query ? `?${query}` : ''}`);
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 30000 });
}

// The estimate once it is ready and differs from `previous` (a settings change first shows the
// old one, then "estimating…", then the new one).
async function estimateSeconds(page, previous = null) {
  await page.waitForFunction(
    (prev) => {
      const e = document.querySelector('.run-estimate');
      return e.dataset.estimate === 'ready' && e.dataset.seconds !== prev;
    },
    previous === null ? null : String(previous),
    { timeout: 120000 },
  );
  return Number(await page.getAttribute('.run-estimate', 'data-seconds'));
}

const formState = (page) =>
  page.$$eval('#lab-form input, #lab-form select', (els) =>
    els.map((e) => [e.id, e.type === 'checkbox' ? e.checked : e.value]),
  );

test('a lab page shows an estimate beside Run, and ten times the steps raises it', async () => {
  const { page, problems } = await site.newPage();
  await openLab(page, 'norm-compare', 'quick=1');
  // while the calibration runs the line says so
  assert.match(await page.textContent('.run-estimate'), /estimating|on this device/);
  const first = await estimateSeconds(page);
  assert.ok(first > 0);
  assert.match(
    await page.textContent('.run-estimate .estimate-main'),
    /^(about \d+(\.\d)? (seconds?|minutes?|hours?)|under a second) on this device$/,
  );
  assert.ok(await page.isVisible('.run-estimate'));
  await page.click('details.advanced > summary');
  const steps = Number(await page.inputValue('#f-steps'));
  await page.fill('#f-steps', String(steps * 10));
  const tenfold = await estimateSeconds(page, first);
  assert.ok(tenfold > 2 * first, `10x the steps: ${tenfold} s against ${first} s`);
  assert.deepEqual(problems, []);
});

test('a run estimated over 10 minutes asks first; Cancel leaves the form as it was and starts nothing', async () => {
  const { page, problems } = await site.newPage();
  // the default settings with the largest number of steps: hours on any device
  await openLab(page, 'norm-compare', 'steps=100000');
  const seconds = await estimateSeconds(page);
  assert.ok(seconds > 600, `estimated ${seconds} s`);
  const before = await formState(page);
  const url = page.url();
  await page.click('#run');
  await page.waitForSelector('dialog.run-confirm[open]');
  const text = await page.textContent('#run-confirm-text');
  assert.match(text, /estimated at about \d+(\.\d)? (minutes|hours) on this device/);
  assert.match(text, /Quick mode|preset/);
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('dialog.run-confirm .confirm-cancel');
  await page.waitForFunction(() => !document.querySelector('dialog.run-confirm').open);
  assert.deepEqual(await formState(page), before, 'every setting as it was');
  assert.equal(page.url(), url);
  assert.equal(await page.evaluate(() => document.querySelector('main').dataset.run ?? ''), '', 'no run started');
  assert.equal(await page.$$eval('.jobs .job', (js) => js.length), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'run', 'focus back on Run');
  assert.equal(await page.isEnabled('#run'), true);
  // Escape is a Cancel too
  await page.click('#run');
  await page.waitForSelector('dialog.run-confirm[open]');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog.run-confirm').open);
  assert.equal(await page.evaluate(() => document.querySelector('main').dataset.run ?? ''), '');
  assert.deepEqual(problems, []);
});

test('a quick run in which a variant diverges marks the divergence on its loss chart, in words too', async () => {
  const { page, problems } = await site.newPage();
  await openLab(page, 'norm-compare', 'quick=1');
  await page.click('button.preset:has-text("see it break")');
  await page.waitForFunction(() => document.querySelector('main').dataset.run === 'done', null, {
    timeout: 240000,
  });
  const marks = (await page.getAttribute('[data-chart="loss"]', 'data-annotations')).split('|');
  assert.ok(
    marks.some((m) => /^divergence:\d+$/.test(m)),
    `the loss chart marks a divergence: ${marks.join(' | ')}`,
  );
  assert.match(await page.textContent('[data-chart="loss"] .chart-annotations'), /line at step \d+: none diverged/);
  assert.match(
    await page.getAttribute('[data-chart="loss"] canvas', 'aria-label'),
    /Marked on the chart: .*none diverged/,
  );
  assert.match(await page.textContent('[data-chart="loss"] .table-slot caption'), /none diverged/);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(problems, []);
});

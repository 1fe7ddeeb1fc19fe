// lr-sweep's stability map: the grid averages each (variant, depth, lr) over its seeds from the
// jobs' results, one colour scale spans the whole map (dark = low loss), every cell's numbers
// are on hover and in the screen-reader table, and a missing run shows as "no run".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VIRIDIS, cellColour, stabilityGrid, stabilityMapHtml } from '../../web/src/views/lab/stability-map.js';

const job = (variant, depth, lr, score, seed = 1, stopped = false) => ({
  variant: `${variant}/L${depth}/lr${lr}`,
  seed,
  status: 'done',
  stepsDone: 10,
  totalSteps: 10,
  points: {},
  result: {
    variant: `${variant}/L${depth}/lr${lr}`,
    seed,
    diverged_at: stopped ? 3 : null,
    metrics: { variant, depth, lr, score },
  },
});

test('the grid: sorted axes, the mean over seeds, stopped runs counted, missing cells null', () => {
  const jobs = [
    job('pre/rms', 2, 0.1, 4.17, 1, true),
    job('pre/rms', 2, 0.001, 2.5, 1),
    job('pre/rms', 2, 0.001, 2.7, 2),
    job('none', 4, 0.001, 3.0),
    { variant: 'x', seed: 1, status: 'running', stepsDone: 1, totalSteps: 10, points: {} },
  ];
  const g = stabilityGrid(jobs);
  assert.deepEqual(g.lrs, [0.001, 0.1]);
  assert.deepEqual(g.depths, [2, 4]);
  assert.deepEqual(
    g.variants.map((v) => v.variant),
    ['pre/rms', 'none'],
  );
  const rms = g.variants[0].cells;
  assert.ok(Math.abs(rms[0][0].score - 2.6) < 1e-12);
  assert.equal(rms[0][0].seeds, 2);
  assert.deepEqual(rms[0][1], { score: 4.17, seeds: 1, stopped: 1 });
  assert.equal(rms[1][0], null, 'pre/rms never ran at depth 4');
  assert.equal(g.lo, 2.5);
  assert.equal(g.hi, 4.17);
  assert.equal(stabilityGrid([]), null);
});

test('one sequential scale: the lowest loss darkest, the highest lightest, readable text on each', () => {
  assert.deepEqual(cellColour(1, 1, 5), { fill: VIRIDIS[0], text: '#ffffff' });
  assert.deepEqual(cellColour(5, 1, 5), { fill: VIRIDIS[VIRIDIS.length - 1], text: '#000000' });
  assert.equal(cellColour(3, 3, 3).fill, VIRIDIS[0], 'a flat map does not divide by zero');
});

test('every cell has its numbers on hover and in the table', () => {
  const g = stabilityGrid([
    job('pre/rms', 2, 0.1, 4.17, 1, true),
    job('pre/rms', 2, 0.001, 2.5),
    job('none', 4, 0.001, 3),
  ]);
  const html = stabilityMapHtml(g);
  assert.match(html, /<title>pre\/rms, depth 2, lr 0\.1: final loss 4\.17, stopped early<\/title>/);
  assert.match(html, /<title>no run<\/title>/);
  assert.match(html, /<div class="sr-only"><table class="sm-table">/);
  assert.match(html, /<th scope="row">none, depth 4<\/th><td>final loss 3<\/td><td>no run<\/td>/);
  assert.match(html, /aria-hidden="true"/, 'the drawing is not read twice');
});

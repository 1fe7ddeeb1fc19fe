// The home demo's SVG bar chart (web/src/views/bar-chart.js): round tick steps, two axes whose
// zeros lie on one line and which hold every finite value, one bar per finite value with its
// height proportional to the value on its own axis, and the pointer mapped to the right index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BAR_MARGIN, indexAt, niceStep, pairedBarsSvg, sharedZeroAxes } from '../../web/src/views/bar-chart.js';

test('niceStep: 1, 2, 2.5 or 5 times a power of ten, at least span / count', () => {
  for (const [span, count, step] of [
    [10, 4, 2.5],
    [7, 4, 2],
    [1, 4, 0.25],
    [0.003, 4, 0.001],
    [900, 4, 250],
    [3, 3, 1],
    [11, 2, 10],
  ])
    assert.equal(niceStep(span, count), step, `niceStep(${span}, ${count})`);
  for (let span = 0.013; span < 2e6; span *= 3.7) {
    const s = niceStep(span, 4);
    assert.ok(s >= span / 4 - 1e-12 * span, `${s} >= ${span} / 4`);
    const m = s / 10 ** Math.floor(Math.log10(s) + 1e-12);
    assert.ok(
      [1, 2, 2.5, 5].some((r) => Math.abs(m - r) < 1e-9),
      `${s} is a round step`,
    );
  }
});

// where zero sits on an axis, as a share of its range from the bottom
const zeroShare = (a) => (0 - a.lo) / (a.hi - a.lo);

test('sharedZeroAxes: every value fits, both zeros at one height, ticks within range and round', () => {
  const cases = [
    [
      [2, -1, 0.5, 3, -2.5, 1],
      [0.95, -0.47, 0.24, 1.42, -1.18, 0.47],
    ],
    [
      [100, 1, -100],
      [1.22, 0.012, -1.22],
    ],
    [
      [1, 2, 3],
      [10, -50, 20],
    ],
    [
      [-1, -2],
      [-0.1, -0.2],
    ],
  ];
  for (const series of cases) {
    const axes = sharedZeroAxes(series);
    axes.forEach((a, i) => {
      for (const v of series[i]) assert.ok(v >= a.lo && v <= a.hi, `${v} within [${a.lo}, ${a.hi}]`);
      assert.ok(a.ticks.length >= 2, `${a.ticks.length} ticks`);
      assert.ok(a.ticks.includes(0) || a.lo > 0 || a.hi < 0, 'zero is a tick');
      for (const tk of a.ticks) assert.ok(tk >= a.lo - 1e-12 && tk <= a.hi + 1e-12, `tick ${tk} in range`);
    });
    assert.ok(Math.abs(zeroShare(axes[0]) - zeroShare(axes[1])) < 1e-12, 'the zeros are at one height');
  }
  // non-negative data: zero at the bottom of both axes
  const [a, b] = sharedZeroAxes([
    [1, 2],
    [0, 5],
  ]);
  assert.equal(a.lo, 0);
  assert.equal(b.lo, 0);
  // all zeros, or nothing finite: a unit range rather than a division by zero
  for (const s of [[[0, 0]], [[NaN]], [[]]]) {
    const [z] = sharedZeroAxes(s);
    assert.ok(Number.isFinite(z.lo) && Number.isFinite(z.hi) && z.hi > z.lo, JSON.stringify(z));
  }
});

const bars = (svg) =>
  [...svg.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)" fill="([^"]+)"\/>/g)].map(
    (m) => ({ x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]), fill: m[5] }),
  );
const options = (a, b, extra = {}) => ({
  a,
  b,
  colours: ['#0072B2', '#E69F00'],
  titles: { a: 'x', b: 'y', index: 'feature index' },
  width: 400,
  height: 260,
  number: (v) => String(v),
  ...extra,
});

test('pairedBarsSvg: a bar per finite value, heights proportional on each axis, signs on the right side of zero', () => {
  const x = [2, -1, 0.5, 3, -2.5, 1];
  const rms = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
  const y = x.map((v) => v / rms);
  const svg = pairedBarsSvg(options(x, y));
  const all = bars(svg);
  const xs = all.filter((r) => r.fill === '#0072B2');
  const ys = all.filter((r) => r.fill === '#E69F00');
  assert.equal(xs.length, x.length);
  assert.equal(ys.length, y.length);
  // height / value is one constant per series (0.1 px rounding in the markup)
  for (const [rects, values] of [
    [xs, x],
    [ys, y],
  ]) {
    const perUnit = rects[3].h / Math.abs(values[3]);
    rects.forEach((r, i) => assert.ok(Math.abs(r.h - perUnit * Math.abs(values[i])) < 0.2, `bar ${i}: ${r.h}`));
  }
  // the zeros aligned: each pair's bars start from one line
  const zeroY = (r, v) => (v >= 0 ? r.y + r.h : r.y);
  xs.forEach((r, i) => assert.ok(Math.abs(zeroY(r, x[i]) - zeroY(ys[i], y[i])) < 0.2, 'one zero line'));
  // bars go left to right in index order, inside the plot
  xs.forEach((r, i) => {
    assert.ok(r.x > BAR_MARGIN.left && r.x + r.w < 400 - BAR_MARGIN.right);
    if (i) assert.ok(r.x > xs[i - 1].x);
    assert.ok(ys[i].x > r.x, 'y beside x');
  });
  assert.match(svg, /feature index/);
  assert.match(svg, /class="bc-grid bc-zero"/);
});

test('pairedBarsSvg: non-finite values draw no bar, text is escaped, a highlighted index is marked', () => {
  const svg = pairedBarsSvg(
    options([0, 0, 0], [NaN, NaN, NaN], { titles: { a: 'x', b: 'y', index: '<i>' }, highlight: 1 }),
  );
  assert.equal(bars(svg).filter((r) => r.fill === '#E69F00').length, 0);
  assert.doesNotMatch(svg, /NaN/);
  assert.match(svg, /&lt;i&gt;/);
  assert.equal((svg.match(/class="bc-hover"/g) ?? []).length, 1);
  assert.doesNotMatch(pairedBarsSvg(options([1], [1], { highlight: 5 })), /bc-hover/);
});

test('indexAt: the pair under the pointer, null outside the plot', () => {
  const width = 400;
  const plot = width - BAR_MARGIN.left - BAR_MARGIN.right;
  assert.equal(indexAt(BAR_MARGIN.left + 1, 6, width), 0);
  assert.equal(indexAt(BAR_MARGIN.left + plot * 0.5 + 1, 6, width), 3);
  assert.equal(indexAt(BAR_MARGIN.left + plot - 1, 6, width), 5);
  assert.equal(indexAt(BAR_MARGIN.left - 1, 6, width), null);
  assert.equal(indexAt(width - 1, 6, width), null);
  assert.equal(indexAt(100, 0, width), null);
});

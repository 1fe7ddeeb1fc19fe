// @ts-check
// A small bar chart drawn as plain SVG, with no chart library: two series as pairs of bars, one
// pair per index, each series on a vertical axis of its own (the first on the left, the second on
// the right) whose zeros lie on one line, so a bar's sign reads the same on both sides. The home
// page's RMSNorm demo draws x and y = RMSNorm(x) with it, so that the home page loads no Chart.js.
// Pure: numbers and a size in, SVG markup out (the view picks the size and wires the hover).
import { esc } from './format.js';

/**
 * A round step for about `count` intervals over `span`: 1, 2, 2.5 or 5 times a power of ten.
 * @param {number} span > 0
 * @param {number} count
 */
export function niceStep(span, count) {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const m = raw / magnitude;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * magnitude;
}

/** @typedef {{lo: number, hi: number, ticks: number[]}} Axis */

/**
 * One axis per series, with their zeros at the same height: each series' share of its range
 * above zero is the mean of the series' own shares (every series fits, none is squeezed to a
 * sliver), a little headroom, and round ticks. Non-finite values are left out (no bar is drawn).
 * @param {number[][]} series
 * @param {number} [tickCount] about this many intervals
 * @returns {Axis[]}
 */
export function sharedZeroAxes(series, tickCount = 4) {
  const finite = series.map((s) => s.filter(Number.isFinite));
  const above = finite.map((s) => Math.max(0, ...s));
  const below = finite.map((s) => Math.max(0, ...s.map((v) => -v)));
  const shares = above.map((p, i) => p / (p + below[i])).filter(Number.isFinite);
  // the share of each axis above zero: all non-negative data gives 1 (zero at the bottom)
  const up = shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : 1;
  return above.map((p, i) => {
    const n = below[i];
    const span = Math.max(up > 0 ? p / up : 0, up < 1 ? n / (1 - up) : 0) * 1.05 || 1;
    const hi = span * up;
    const lo = up < 1 ? -span * (1 - up) : 0;
    const step = niceStep(span, tickCount);
    const ticks = [];
    for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * span; k++) ticks.push(k * step || 0);
    return { lo, hi, ticks };
  });
}

/**
 * @typedef {object} PairedBars
 * @property {number[]} a          the first series (left axis)
 * @property {number[]} b          the second series (right axis), as long as `a`
 * @property {[string, string]} colours
 * @property {{a: string, b: string, index: string}} titles  the two axes' titles and the index axis's
 * @property {number} width        in CSS pixels
 * @property {number} height
 * @property {(v: number, digits?: number) => string} number  the page's number format
 * @property {number | null} [highlight]  the index whose pair is highlighted (hovered)
 */

/** Margins of the plot inside the SVG, in pixels: room for the tick labels and axis titles. */
export const BAR_MARGIN = Object.freeze({ left: 50, right: 50, top: 10, bottom: 42 });

/**
 * Which index a point `px` pixels from the SVG's left edge is over, or null outside the plot.
 * @param {number} px
 * @param {number} count the number of pairs
 * @param {number} width the SVG's width
 */
export function indexAt(px, count, width) {
  const plot = width - BAR_MARGIN.left - BAR_MARGIN.right;
  const i = Math.floor(((px - BAR_MARGIN.left) / plot) * count);
  return count > 0 && plot > 0 && i >= 0 && i < count ? i : null;
}

/**
 * The chart's inner SVG markup (the caller's <svg> holds it, with its role and label).
 * @param {PairedBars} o
 */
export function pairedBarsSvg({ a, b, colours, titles, width, height, number, highlight = null }) {
  const { left, right, top, bottom } = BAR_MARGIN;
  const plotW = Math.max(1, width - left - right);
  const plotH = Math.max(1, height - top - bottom);
  const [axisA, axisB] = sharedZeroAxes([a, b]);
  const yOf = (/** @type {Axis} */ axis, /** @type {number} */ v) =>
    top + ((axis.hi - v) / (axis.hi - axis.lo)) * plotH;
  const n = a.length;
  const group = plotW / Math.max(1, n);
  const bar = group * 0.4;
  const parts = [];
  // grid lines at the left axis's ticks, the zero line darker; tick labels on both sides
  for (const v of axisA.ticks) {
    const y = yOf(axisA, v).toFixed(1);
    parts.push(
      `<line class="bc-grid${v === 0 ? ' bc-zero' : ''}" x1="${left}" x2="${left + plotW}" y1="${y}" y2="${y}"/>`,
      `<text class="bc-tick" x="${left - 5}" y="${y}" dy="0.32em" text-anchor="end">${esc(number(v, 3))}</text>`,
    );
  }
  for (const v of axisB.ticks)
    parts.push(
      `<text class="bc-tick" x="${left + plotW + 5}" y="${yOf(axisB, v).toFixed(1)}" dy="0.32em">${esc(number(v, 3))}</text>`,
    );
  if (highlight !== null && highlight >= 0 && highlight < n)
    parts.push(
      `<rect class="bc-hover" x="${(left + highlight * group).toFixed(1)}" y="${top}" width="${group.toFixed(1)}" height="${plotH}"/>`,
    );
  const rect = (
    /** @type {Axis} */ axis,
    /** @type {number} */ v,
    /** @type {number} */ x,
    /** @type {string} */ fill,
  ) => {
    if (!Number.isFinite(v)) return '';
    const y0 = yOf(axis, 0);
    const y1 = yOf(axis, v);
    return `<rect x="${x.toFixed(1)}" y="${Math.min(y0, y1).toFixed(1)}" width="${bar.toFixed(2)}" height="${Math.abs(y1 - y0).toFixed(1)}" fill="${fill}"/>`;
  };
  // every k-th index is labelled, so that labels stay about 28 px apart
  const every = Math.max(1, Math.ceil(28 / group));
  for (let i = 0; i < n; i++) {
    const x = left + i * group + group * 0.1;
    parts.push(rect(axisA, a[i], x, colours[0]), rect(axisB, b[i], x + bar, colours[1]));
    if (i % every === 0)
      parts.push(
        `<text class="bc-tick" x="${(left + (i + 0.5) * group).toFixed(1)}" y="${top + plotH + 15}" text-anchor="middle">${i}</text>`,
      );
  }
  const midY = top + plotH / 2;
  parts.push(
    `<line class="bc-axis" x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}"/>`,
    `<line class="bc-axis" x1="${left + plotW}" x2="${left + plotW}" y1="${top}" y2="${top + plotH}"/>`,
    `<text class="bc-title" x="12" y="${midY}" text-anchor="middle" transform="rotate(-90 12 ${midY})">${esc(titles.a)}</text>`,
    `<text class="bc-title" x="${width - 8}" y="${midY}" text-anchor="middle" transform="rotate(-90 ${width - 8} ${midY})">${esc(titles.b)}</text>`,
    `<text class="bc-title" x="${left + plotW / 2}" y="${height - 6}" text-anchor="middle">${esc(titles.index)}</text>`,
  );
  return parts.join('');
}

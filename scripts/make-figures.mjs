// Writes the theory figures (content/en/figures/*.svg). Plain SVG with classes only, styled by
// web/src/styles.css (.figure-art .f-*), so the figures follow the page's colours and dark mode.
// Curves are computed here from the formulas the sections state; run: node scripts/make-figures.mjs
import fs from 'node:fs';
import path from 'node:path';

const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'content', 'en', 'figures');
fs.mkdirSync(out, { recursive: true });
const r = (v) => Math.round(v * 10) / 10;
const svg = (w, h, body) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">\n${body}\n</svg>\n`;
const text = (x, y, s, cls = 'f-text', anchor = 'middle') =>
  `<text x="${r(x)}" y="${r(y)}" class="${cls}" text-anchor="${anchor}">${s}</text>`;
const rect = (x, y, w, h, cls) => `<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" class="${cls}"/>`;
const line = (x1, y1, x2, y2, cls = 'f-line') =>
  `<line x1="${r(x1)}" y1="${r(y1)}" x2="${r(x2)}" y2="${r(y2)}" class="${cls}"/>`;
const poly = (pts, cls) => `<polyline points="${pts.map(([x, y]) => `${r(x)},${r(y)}`).join(' ')}" class="${cls}"/>`;
const arrowHead = (x, y, dir, cls = 'f-head') => {
  const d = { down: [-5, -9, 5, -9], up: [-5, 9, 5, 9], right: [-9, -5, -9, 5], left: [9, -5, 9, 5] }[dir];
  return `<polygon points="${r(x)},${r(y)} ${r(x + d[0])},${r(y + d[1])} ${r(x + d[2])},${r(y + d[3])}" class="${cls}"/>`;
};
const write = (name, content) => fs.writeFileSync(path.join(out, name), content);

// A simple line chart: series [{pts:[[x,y]], cls, label}], linear axes in data units.
function chart({ w = 520, h = 300, xr, yr, xl, yl, xt, yt, series, legend }) {
  const L = 62,
    R = 16,
    T = 16,
    B = 46;
  const X = (x) => L + ((x - xr[0]) / (xr[1] - xr[0])) * (w - L - R);
  const Y = (y) => h - B - ((y - yr[0]) / (yr[1] - yr[0])) * (h - T - B);
  const parts = [line(L, h - B, w - R, h - B), line(L, T, L, h - B)];
  for (const [v, s] of xt) parts.push(line(X(v), h - B, X(v), h - B + 5), text(X(v), h - B + 19, s, 'f-small'));
  for (const [v, s] of yt)
    parts.push(line(L - 5, Y(v), L, Y(v)), text(L - 8, Y(v) + 4, s, 'f-small', 'end'), line(L, Y(v), w - R, Y(v), 'f-grid'));
  parts.push(text((L + w - R) / 2, h - 8, xl), `<text x="16" y="${r((T + h - B) / 2)}" class="f-text" text-anchor="middle" transform="rotate(-90 16 ${r((T + h - B) / 2)})">${yl}</text>`);
  for (const s of series) parts.push(poly(s.pts.map(([x, y]) => [X(x), Y(y)]), s.cls));
  legend.forEach(([cls, label], i) => {
    const y = T + 10 + i * 20;
    parts.push(line(L + 16, y, L + 44, y, cls), text(L + 50, y + 4, label, 'f-small', 'start'));
  });
  return svg(w, h, parts.join('\n'));
}
const range = (a, b, n) => Array.from({ length: n + 1 }, (_, i) => a + ((b - a) * i) / n);

// 1. why-normalize: variance after L layers is (n sigma_w^2)^L times the input's.
{
  const gains = [
    [1.25, 'f-s1', 'n·Var(w) = 1.25: explodes'],
    [1.0, 'f-s2', 'n·Var(w) = 1: stays (at step 0 only)'],
    [0.8, 'f-s3', 'n·Var(w) = 0.8: vanishes'],
  ];
  const series = gains.map(([a, cls]) => ({ cls, pts: range(0, 20, 20).map((l) => [l, l * Math.log10(a)]) }));
  series.push({ cls: 'f-s4', pts: range(0, 20, 20).map((l) => [l, 0.06]) });
  write(
    'variance-depth.svg',
    chart({
      xr: [0, 20],
      yr: [-2, 2],
      xl: 'layer l',
      yl: 'variance (log scale)',
      xt: [0, 5, 10, 15, 20].map((v) => [v, String(v)]),
      yt: [
        [-2, '0.01'],
        [-1, '0.1'],
        [0, '1'],
        [1, '10'],
        [2, '100'],
      ],
      series,
      legend: [...gains.map(([, cls, label]) => [cls, label]), ['f-s4', 'a norm after each layer: back to 1']],
    }),
  );
}

// An N x C grid (each cell one example's H x W map of one channel), cells of one statistic shaded.
function grid(x0, y0, title, shade, { N = 4, C = 6, cw = 22, ch = 18 } = {}) {
  const parts = [text(x0 + (C * cw) / 2, y0 - 8, title, 'f-bold')];
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++) parts.push(rect(x0 + c * cw, y0 + n * ch, cw, ch, shade(n, c) ? 'f-hl' : 'f-cell'));
  parts.push(text(x0 + (C * cw) / 2, y0 + N * ch + 16, 'C (channels) →', 'f-small'));
  parts.push(`<text x="${r(x0 - 6)}" y="${r(y0 + (N * ch) / 2)}" class="f-small" text-anchor="middle" transform="rotate(-90 ${r(x0 - 6)} ${r(y0 + (N * ch) / 2)})">N ↓</text>`);
  return parts.join('\n');
}
const NORMS = {
  BatchNorm: (n, c) => c === 1,
  LayerNorm: (n) => n === 1,
  InstanceNorm: (n, c) => n === 1 && c === 1,
  'GroupNorm (G = 3)': (n, c) => n === 1 && c < 2,
  RMSNorm: (n) => n === 1,
};
function axesFigure(names, name) {
  const cols = Math.min(names.length, 3);
  const rows = Math.ceil(names.length / cols);
  const cellW = 180;
  const parts = [];
  names.forEach((nm, i) => {
    parts.push(grid(30 + (i % cols) * cellW, 30 + Math.floor(i / cols) * 140, nm, NORMS[nm]));
  });
  parts.push(text((cols * cellW) / 2 + 10, rows * 140 + 20, 'Each cell: one example’s H × W map of one channel. Shaded: one set of statistics.', 'f-small'));
  write(name, svg(cols * cellW + 20, rows * 140 + 30, parts.join('\n')));
}
axesFigure(['BatchNorm', 'LayerNorm', 'InstanceNorm', 'GroupNorm (G = 3)'], 'norm-axes-gn.svg');
axesFigure(['BatchNorm', 'LayerNorm', 'RMSNorm', 'InstanceNorm', 'GroupNorm (G = 3)'], 'norm-axes-all.svg');

// 2/3. batchnorm and layernorm on a (B, d) matrix: columns vs rows.
function matrixFigure(name, kind) {
  const B = 4,
    d = 6,
    cw = 34,
    ch = 26,
    x0 = 60,
    y0 = 40;
  const parts = [text(x0 + (d * cw) / 2, 22, kind === 'bn' ? 'BatchNorm: one mean and variance per feature (column)' : 'LayerNorm: one mean and variance per example (row)', 'f-bold')];
  for (let b = 0; b < B; b++)
    for (let j = 0; j < d; j++) {
      const on = kind === 'bn' ? j === 2 : b === 1;
      parts.push(rect(x0 + j * cw, y0 + b * ch, cw, ch, on ? 'f-hl' : 'f-cell'));
    }
  parts.push(text(x0 + (d * cw) / 2, y0 + B * ch + 20, 'd features →', 'f-small'));
  parts.push(text(x0 - 10, y0 + (B * ch) / 2 + 4, 'B', 'f-small', 'end'));
  parts.push(
    text(
      x0 + d * cw + 14,
      y0 + (B * ch) / 2 + 4,
      kind === 'bn' ? 'depends on the other examples' : 'independent of the batch',
      'f-small',
      'start',
    ),
  );
  write(name, svg(520, y0 + B * ch + 34, parts.join('\n')));
}
matrixFigure('bn-columns.svg', 'bn');
matrixFigure('ln-rows.svg', 'ln');

// 4. rmsnorm: the same vector through LayerNorm and RMSNorm (gamma = 1, eps = 0).
{
  const x = [3, 1, 2, 6];
  const mu = x.reduce((a, b) => a + b) / x.length;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mu) ** 2, 0) / x.length);
  const rms = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / x.length);
  const sets = [
    ['x', x],
    ['LayerNorm(x)', x.map((v) => (v - mu) / sd)],
    ['RMSNorm(x)', x.map((v) => v / rms)],
  ];
  const parts = [];
  sets.forEach(([label, v], k) => {
    const x0 = 30 + k * 170;
    const zero = 120;
    const scale = k === 0 ? 14 : 40;
    parts.push(text(x0 + 60, 20, label, 'f-bold'), line(x0, zero, x0 + 130, zero));
    v.forEach((val, i) => {
      const hgt = val * scale;
      parts.push(rect(x0 + 8 + i * 30, hgt >= 0 ? zero - hgt : zero, 22, Math.abs(hgt), 'f-bar'));
      parts.push(text(x0 + 19 + i * 30, hgt >= 0 ? zero + 16 : zero - hgt + 14, val.toFixed(2), 'f-tiny'));
    });
  });
  parts.push(text(270, 210, `μ = ${mu}, σ = ${sd.toFixed(2)}, rms = ${rms.toFixed(2)}`, 'f-small'));
  write('ln-vs-rms.svg', svg(540, 222, parts.join('\n')));
}

// 7. pre-post: the two residual blocks, the gradient path drawn in the accent colour.
{
  const parts = [];
  const block = (x0, title, pre) => {
    const cx = x0 + 60;
    parts.push(text(x0 + 90, 20, title, 'f-bold'));
    // stream: x_l at the bottom, x_{l+1} at the top
    parts.push(text(cx, 318, 'xₗ', 'f-text'), text(cx, 44, 'xₗ₊₁', 'f-text'));
    const add = 140;
    parts.push(`<circle cx="${cx}" cy="${add}" r="11" class="f-node"/>`, text(cx, add + 5, '+', 'f-bold'));
    // branch on the right: F (and LN before it in Pre-LN)
    const bx = x0 + 110;
    parts.push(rect(bx, 165, 64, 30, 'f-box'), text(bx + 32, 185, 'Fₗ', 'f-text'));
    if (pre) parts.push(rect(bx, 225, 64, 30, 'f-box'), text(bx + 32, 245, 'LN', 'f-text'));
    parts.push(poly([[cx, 290], [cx, 272], [bx + 32, 272], [bx + 32, pre ? 255 : 195]], 'f-wire'));
    if (pre) parts.push(line(bx + 32, 225, bx + 32, 195, 'f-wire'));
    parts.push(poly([[bx + 32, 165], [bx + 32, add], [cx + 11, add]], 'f-wire'), arrowHead(cx + 11, add, 'left'));
    if (pre) {
      // identity path: straight from x_l to +, then to x_{l+1}: the gradient highway
      parts.push(line(cx, 300, cx, add + 11, 'f-grad'), line(cx, add - 11, cx, 55, 'f-grad'));
      parts.push(text(x0 - 8, 215, 'identity', 'f-small-acc', 'end'), text(x0 - 8, 231, 'path', 'f-small-acc', 'end'));
    } else {
      parts.push(line(cx, 300, cx, add + 11, 'f-wire'));
      parts.push(rect(cx - 32, 70, 64, 30, 'f-box-acc'), text(cx, 90, 'LN', 'f-text'));
      parts.push(line(cx, add - 11, cx, 100, 'f-wire'), line(cx, 70, cx, 55, 'f-wire'));
      parts.push(text(x0 - 8, 82, 'every gradient', 'f-small-acc', 'end'), text(x0 - 8, 98, 'crosses this LN', 'f-small-acc', 'end'));
    }
  };
  block(110, 'Post-LN: xₗ₊₁ = LN(xₗ + Fₗ(xₗ))', false);
  block(440, 'Pre-LN: xₗ₊₁ = xₗ + Fₗ(LN(xₗ))', true);
  write('pre-post-blocks.svg', svg(660, 330, parts.join('\n')));
}

// 8. epsilon: the gain 1/sqrt(sigma^2 + eps) vs 1/(sigma + eps), on log-log axes, eps = 1e-5.
{
  const eps = 1e-5;
  const xs = range(-6, 0, 60);
  const inside = xs.map((lx) => [lx, -0.5 * Math.log10(10 ** (2 * lx) + eps)]);
  const outside = xs.map((lx) => [lx, -Math.log10(10 ** lx + eps)]);
  const floor = xs.map((lx) => [lx, -0.5 * Math.log10(eps)]);
  write(
    'eps-floor.svg',
    chart({
      xr: [-6, 0],
      yr: [0, 6],
      xl: 'σ, the row’s standard deviation (log scale)',
      yl: 'gain on x − μ (log scale)',
      xt: [-6, -4, -2, 0].map((v) => [v, `1e${v}`]),
      yt: [0, 2, 4, 6].map((v) => [v, `1e${v}`]),
      series: [
        { cls: 'f-s3', pts: floor },
        { cls: 'f-s1', pts: inside },
        { cls: 'f-s2', pts: outside },
      ],
      legend: [
        ['f-s1', 'inside: 1/√(σ² + ε), at most 1/√ε ≈ 316'],
        ['f-s2', 'outside: 1/(σ + ε), up to 1/ε = 1e5'],
        ['f-s3', 'the floor 1/√ε (ε = 1e-5)'],
      ],
    }),
  );
}

// 9. choosing: DyT's tanh(alpha x) for a few alphas, next to the identity.
{
  const xs = range(-4, 4, 80);
  write(
    'dyt-tanh.svg',
    chart({
      xr: [-4, 4],
      yr: [-1.5, 1.5],
      xl: 'x',
      yl: 'DyT(x) with γ = 1, β = 0',
      xt: [-4, -2, 0, 2, 4].map((v) => [v, String(v)]),
      yt: [-1, 0, 1].map((v) => [v, String(v)]),
      series: [
        { cls: 'f-s4', pts: xs.filter((x) => Math.abs(x) <= 1.5).map((x) => [x, x]) },
        { cls: 'f-s3', pts: xs.map((x) => [x, Math.tanh(0.5 * x)]) },
        { cls: 'f-s1', pts: xs.map((x) => [x, Math.tanh(2 * x)]) },
      ],
      legend: [
        ['f-s3', 'tanh(0.5 x): α₀ = 0.5, nearly linear near 0'],
        ['f-s1', 'tanh(2 x): squashes extremes sooner'],
        ['f-s4', 'identity, for comparison'],
      ],
    }),
  );
}
console.log(`figures written to ${out}`);

// Writes the theory figures, once per language: content/<lang>/figures/*.svg. Plain SVG with
// classes only, styled by web/src/styles.css (.figure-art .f-*), so the figures follow the page's
// colours and dark mode. Curves are computed here from the formulas the sections state; every
// word on a figure goes through T(), whose table (LABELS below, one per language other than
// English) must have it. Run: node scripts/make-figures.mjs
import fs from 'node:fs';
import path from 'node:path';

const contentDir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'content');
// The words on the figures in each language other than English: content/<lang>/figures/labels.json,
// keyed by the English label as written here ({name} placeholders are filled from vars). A
// language is a folder of content/ with such a file; a label missing from it stops the script.
/** @type {Record<string, Record<string, string>>} */
const LABELS = Object.fromEntries(
  fs
    .readdirSync(contentDir)
    .filter((l) => l !== 'en' && fs.existsSync(path.join(contentDir, l, 'figures', 'labels.json')))
    .sort()
    .map((l) => [l, JSON.parse(fs.readFileSync(path.join(contentDir, l, 'figures', 'labels.json'), 'utf8'))]),
);
let lang = 'en';
let out = '';
// A label in the current language: English as written, else the language's table entry (a
// missing entry stops the script, so no figure of another language keeps an English label).
// {name} placeholders are filled from vars.
function T(en, vars = {}) {
  const table = LABELS[lang];
  const s = lang === 'en' ? en : table?.[en];
  if (s === undefined) throw new Error(`content/${lang}/figures/labels.json: no label for "${en}"`);
  return s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k]));
}
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

function drawAll() {
// 1. why-normalize: variance after L layers is (n sigma_w^2)^L times the input's.
{
  const gains = [
    [1.25, 'f-s1', T('n·Var(w) = 1.25: explodes')],
    [1.0, 'f-s2', T('n·Var(w) = 1: stays (at step 0 only)')],
    [0.8, 'f-s3', T('n·Var(w) = 0.8: vanishes')],
  ];
  const series = gains.map(([a, cls]) => ({ cls, pts: range(0, 20, 20).map((l) => [l, l * Math.log10(a)]) }));
  series.push({ cls: 'f-s4', pts: range(0, 20, 20).map((l) => [l, 0.06]) });
  write(
    'variance-depth.svg',
    chart({
      xr: [0, 20],
      yr: [-2, 2],
      xl: T('layer l'),
      yl: T('variance (log scale)'),
      xt: [0, 5, 10, 15, 20].map((v) => [v, String(v)]),
      yt: [
        [-2, '0.01'],
        [-1, '0.1'],
        [0, '1'],
        [1, '10'],
        [2, '100'],
      ],
      series,
      legend: [...gains.map(([, cls, label]) => [cls, label]), ['f-s4', T('a norm after each layer: back to 1')]],
    }),
  );
}

// An N x C grid (each cell one example's H x W map of one channel), cells of one statistic shaded.
function grid(x0, y0, title, shade, { N = 4, C = 6, cw = 22, ch = 18 } = {}) {
  const parts = [text(x0 + (C * cw) / 2, y0 - 8, title, 'f-bold')];
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++) parts.push(rect(x0 + c * cw, y0 + n * ch, cw, ch, shade(n, c) ? 'f-hl' : 'f-cell'));
  parts.push(text(x0 + (C * cw) / 2, y0 + N * ch + 16, T('C (channels) →'), 'f-small'));
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
  parts.push(text((cols * cellW) / 2 + 10, rows * 140 + 20, T('Each cell: one example’s H × W map of one channel. Shaded: one set of statistics.'), 'f-small'));
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
  const parts = [text(x0 + (d * cw) / 2, 22, kind === 'bn' ? T('BatchNorm: one mean and variance per feature (column)') : T('LayerNorm: one mean and variance per example (row)'), 'f-bold')];
  for (let b = 0; b < B; b++)
    for (let j = 0; j < d; j++) {
      const on = kind === 'bn' ? j === 2 : b === 1;
      parts.push(rect(x0 + j * cw, y0 + b * ch, cw, ch, on ? 'f-hl' : 'f-cell'));
    }
  parts.push(text(x0 + (d * cw) / 2, y0 + B * ch + 20, T('d features →'), 'f-small'));
  parts.push(text(x0 - 10, y0 + (B * ch) / 2 + 4, 'B', 'f-small', 'end'));
  parts.push(
    text(
      x0 + d * cw + 14,
      y0 + (B * ch) / 2 + 4,
      kind === 'bn' ? T('depends on the other examples') : T('independent of the batch'),
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
      parts.push(text(x0 - 8, 215, T('identity'), 'f-small-acc', 'end'), text(x0 - 8, 231, T('path'), 'f-small-acc', 'end'));
    } else {
      parts.push(line(cx, 300, cx, add + 11, 'f-wire'));
      parts.push(rect(cx - 32, 70, 64, 30, 'f-box-acc'), text(cx, 90, 'LN', 'f-text'));
      parts.push(line(cx, add - 11, cx, 100, 'f-wire'), line(cx, 70, cx, 55, 'f-wire'));
      parts.push(text(x0 - 8, 82, T('every gradient'), 'f-small-acc', 'end'), text(x0 - 8, 98, T('crosses this LN'), 'f-small-acc', 'end'));
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
      xl: T('σ, the row’s standard deviation (log scale)'),
      yl: T('gain on x − μ (log scale)'),
      xt: [-6, -4, -2, 0].map((v) => [v, `1e${v}`]),
      yt: [0, 2, 4, 6].map((v) => [v, `1e${v}`]),
      series: [
        { cls: 'f-s3', pts: floor },
        { cls: 'f-s1', pts: inside },
        { cls: 'f-s2', pts: outside },
      ],
      legend: [
        ['f-s1', T('inside: 1/√(σ² + ε), at most 1/√ε ≈ 316')],
        ['f-s2', T('outside: 1/(σ + ε), up to 1/ε = 1e5')],
        ['f-s3', T('the floor 1/√ε (ε = 1e-5)')],
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
      yl: T('DyT(x) with γ = 1, β = 0'),
      xt: [-4, -2, 0, 2, 4].map((v) => [v, String(v)]),
      yt: [-1, 0, 1].map((v) => [v, String(v)]),
      series: [
        { cls: 'f-s4', pts: xs.filter((x) => Math.abs(x) <= 1.5).map((x) => [x, x]) },
        { cls: 'f-s3', pts: xs.map((x) => [x, Math.tanh(0.5 * x)]) },
        { cls: 'f-s1', pts: xs.map((x) => [x, Math.tanh(2 * x)]) },
      ],
      legend: [
        ['f-s3', T('tanh(0.5 x): α₀ = 0.5, nearly linear near 0')],
        ['f-s1', T('tanh(2 x): squashes extremes sooner')],
        ['f-s4', T('identity, for comparison')],
      ],
    }),
  );
}
// An arrow from (x1, y1) to (x2, y2) with its head at the end, in any direction.
const arrow = (x1, y1, x2, y2, cls = 'f-wire', head = 'f-head') => {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const p = (d, s) => [x2 - 9 * Math.cos(a) + s * 5 * Math.sin(a), y2 - 9 * Math.sin(a) - s * 5 * Math.cos(a)].map(r).join(',');
  return `${line(x1, y1, x2 - 8 * Math.cos(a), y2 - 8 * Math.sin(a), cls)}\n<polygon points="${r(x2)},${r(y2)} ${p(0, 1)} ${p(0, -1)}" class="${head}"/>`;
};
// A box with one or more centred lines of text.
const box = (x, y, w, h, lines, cls = 'f-box', tcls = 'f-small') => {
  const parts = [rect(x, y, w, h, cls)];
  const ls = Array.isArray(lines) ? lines : [lines];
  ls.forEach((s, i) => parts.push(text(x + w / 2, y + h / 2 + 4 + (i - (ls.length - 1) / 2) * 15, s, tcls)));
  return parts.join('\n');
};

// 10. bn-practice: BatchNorm with frozen statistics folded into the convolution before it.
{
  const parts = [text(140, 22, T('training graph, evaluation mode'), 'f-bold'), text(490, 22, T('inference graph'), 'f-bold')];
  parts.push(text(140, 52, 'x', 'f-text'), arrow(140, 58, 140, 78));
  parts.push(box(60, 80, 160, 36, T('conv: weights W, bias b')));
  parts.push(arrow(140, 116, 140, 134));
  parts.push(box(40, 136, 200, 44, [T('BN, frozen: γ, β, μ̂, σ̂²'), 'y = γ (z − μ̂)/√(σ̂² + ε) + β']));
  parts.push(arrow(140, 180, 140, 200), text(140, 216, 'y', 'f-text'));
  parts.push(arrow(262, 130, 372, 130, 'f-grad'), text(317, 120, T('fold'), 'f-small-acc'));
  parts.push(text(490, 78, 'x', 'f-text'), arrow(490, 84, 490, 108));
  parts.push(box(400, 110, 180, 40, T('conv: weights W′, bias b′'), 'f-box-acc'));
  parts.push(arrow(490, 150, 490, 174), text(490, 190, T('y (the same y, exactly)'), 'f-text'));
  parts.push(text(320, 246, T('per output channel c:  sₖ = γₖ / √(σ̂ₖ² + ε),   W′ₖ = sₖ · Wₖ,   b′ₖ = (bₖ − μ̂ₖ) · sₖ + βₖ').replaceAll('ₖ', '_c'), 'f-small'));
  parts.push(text(320, 266, T('valid only with frozen statistics (evaluation mode); BatchNorm then costs nothing at inference'), 'f-small'));
  write('bn-fold.svg', svg(640, 280, parts.join('\n')));
}

// 11. weight-side: w = g v/||v||; the gradient with respect to v is orthogonal to v, so a step grows ||v||.
{
  const O = [70, 250];
  const ang = (-24 * Math.PI) / 180;
  const u = [Math.cos(ang), Math.sin(ang)];
  const n = [Math.sin(ang), -Math.cos(ang)]; // perpendicular, pointing up-left of v
  const at = (len, off = 0) => [O[0] + u[0] * len + n[0] * off, O[1] + u[1] * len + n[1] * off];
  const V = 330, G = 200, step = 110;
  const parts = [];
  const vEnd = at(V);
  const tip = [vEnd[0] + n[0] * step, vEnd[1] + n[1] * step];
  parts.push(arrow(...at(0, -14), ...at(G, -14), 'f-grad', 'f-head'));
  parts.push(text(at(G, -14)[0] + 12, at(G, -14)[1] + 16, T('w = g · v/‖v‖, length g'), 'f-small-acc', 'start'));
  parts.push(arrow(...O, ...vEnd, 'f-wire'));
  parts.push(text(...at(V * 0.6, 14).map((v, i) => v + (i ? 4 : 0)), T('v (trained)'), 'f-small'));
  parts.push(arrow(...vEnd, ...tip, 'f-wire'));
  parts.push(text(tip[0] + 22, tip[1] + 30, T('−η∇ᵥL: orthogonal to v'), 'f-small', 'start'));
  parts.push(line(...O, ...tip, 'f-grid'), text(...[O[0] + (tip[0] - O[0]) * 0.55 - 8, O[1] + (tip[1] - O[1]) * 0.55 - 8], T('v after the step: longer'), 'f-small', 'end'));
  const c1 = at(V - 14), c2 = [c1[0] + n[0] * 14, c1[1] + n[1] * 14], c3 = [vEnd[0] + n[0] * 14, vEnd[1] + n[1] * 14];
  parts.push(poly([c1, c2, c3], 'f-line'));
  parts.push(`<circle cx="${O[0]}" cy="${O[1]}" r="3" class="f-node"/>`, text(O[0] - 6, O[1] + 18, '0', 'f-small'));
  const lv = Math.sqrt(V * V + step * step);
  parts.push(text(330, 292, T('‖v + Δ‖² = ‖v‖² + ‖Δ‖²: here {a} → {b}, so the next step in direction is scaled by g/‖v‖, smaller', { a: V, b: Math.round(lv) }), 'f-small'));
  write('weight-norm.svg', svg(660, 306, parts.join('\n')));
}

// 12. transformer-stability: a Pre-LN block with QK-norm inside attention, and the z-loss at the output.
{
  const S = 110; // the residual stream's x
  const parts = [];
  parts.push(text(S, 470, 'xₗ', 'f-text'), line(S, 456, S, 246, 'f-grad'));
  parts.push(`<circle cx="${S}" cy="${235}" r="11" class="f-node"/>`, text(S, 240, '+', 'f-bold'));
  parts.push(poly([[S, 430], [320, 430], [320, 412]], 'f-wire'), arrowHead(320, 412, 'up'));
  parts.push(box(280, 386, 80, 26, 'LN'));
  parts.push(arrow(320, 386, 320, 364));
  parts.push(box(250, 338, 140, 26, 'W_q, W_k, W_v'));
  parts.push(arrow(280, 338, 240, 312), arrow(320, 338, 340, 312), arrow(370, 338, 450, 262));
  parts.push(box(180, 286, 110, 26, 'RMSNorm(q)', 'f-box-acc'), box(300, 286, 110, 26, 'RMSNorm(k)', 'f-box-acc'));
  parts.push(text(394, 334, 'v', 'f-small', 'start'));
  parts.push(text(462, 290, T('QK-norm, per head:'), 'f-small-acc', 'start'), text(462, 305, T('|s| ≤ √dₕ when γ = 1'), 'f-small-acc', 'start'));
  parts.push(arrow(235, 286, 280, 262), arrow(355, 286, 330, 262));
  parts.push(box(220, 236, 260, 26, 'softmax(q·k/√dₕ) v'));
  parts.push(arrow(350, 236, 350, 214));
  parts.push(box(310, 188, 80, 26, 'W_o'));
  parts.push(poly([[310, 201], [250, 201], [250, 235], [S + 11, 235]], 'f-wire'), arrowHead(S + 11, 235, 'left'));
  parts.push(text(S - 14, 330, 'Pre-LN', 'f-small', 'end'), text(S - 14, 345, T('block'), 'f-small', 'end'));
  parts.push(line(S, 224, S, 200, 'f-grad'), text(S, 188, T('⋮ N blocks'), 'f-small'), line(S, 176, S, 160, 'f-grad'));
  parts.push(box(S - 50, 134, 100, 26, T('final LN')), arrow(S, 134, S, 116));
  parts.push(box(S - 70, 90, 140, 26, T('unembed: logits z')), arrow(S, 90, S, 70));
  parts.push(box(S - 90, 30, 300, 40, ['loss = CE(z) + 10⁻⁴ · log² Z', 'Z = Σᵥ exp(zᵥ)'], 'f-box-acc'));
  parts.push(text(S + 220, 46, T('z-loss: pulls log Z to 0,'), 'f-small-acc', 'start'), text(S + 220, 61, T('the level CE cannot see'), 'f-small-acc', 'start'));
  write('qk-norm-zloss.svg', svg(620, 484, parts.join('\n')));
}

// 13. generative-vision: a DiT block with adaLN-Zero; the condition sets scale, shift and gate.
{
  const parts = [];
  const y0 = 270; // the stream
  parts.push(text(24, y0 + 5, 'x', 'f-text', 'start'), line(40, y0, 559, y0, 'f-grad'), arrowHead(630, y0, 'right'), line(581, y0, 622, y0, 'f-grad'));
  parts.push(`<circle cx="570" cy="${y0}" r="11" class="f-node"/>`, text(570, y0 + 5, '+', 'f-bold'));
  parts.push(poly([[70, y0], [70, 200], [84, 200]], 'f-wire'), arrowHead(92, 200, 'right'));
  parts.push(box(92, 184, 100, 32, ['LN', T('no γ, β of its own')]));
  parts.push(arrow(192, 200, 214, 200));
  parts.push(box(214, 184, 130, 32, '(1 + γ₁) ⊙ h + β₁', 'f-box-acc'));
  parts.push(arrow(344, 200, 366, 200), box(366, 184, 70, 32, 'Attn'));
  parts.push(arrow(436, 200, 458, 200), box(458, 184, 70, 32, 'α₁ ⊙', 'f-box-acc'));
  parts.push(poly([[528, 200], [570, 200], [570, y0 - 20]], 'f-wire'), arrowHead(570, y0 - 11, 'down'));
  parts.push(text(318, 28, T('condition c = emb(t) + emb(class)'), 'f-text'));
  parts.push(arrow(318, 36, 318, 56));
  parts.push(box(208, 58, 220, 40, [T('SiLU → Linear, zero-initialised'), T('outputs γ₁, β₁, α₁, γ₂, β₂, α₂')]));
  parts.push(arrow(279, 98, 279, 184), text(272, 146, 'γ₁, β₁', 'f-small', 'end'));
  parts.push(arrow(400, 98, 493, 184), text(456, 136, 'α₁', 'f-small', 'start'));
  parts.push(text(330, 310, T('At initialisation γ = β = α = 0, so x ← x + 0 ⊙ Attn(LN(x)) = x: every block is the identity.'), 'f-small'));
  parts.push(text(330, 328, T('The MLP branch repeats the pattern with γ₂, β₂, α₂.'), 'f-small'));
  write('adaln-zero.svg', svg(660, 340, parts.join('\n')));
}

// 14. kernels: two partial (n, mean, M2) merged with Chan, Golub & LeVeque's formula; values computed.
{
  const stats = (xs) => {
    const n = xs.length;
    const m = xs.reduce((a, b) => a + b, 0) / n;
    return { n, m, M2: xs.reduce((a, b) => a + (b - m) ** 2, 0) };
  };
  const merge = (a, b) => {
    const n = a.n + b.n;
    const d = b.m - a.m;
    return { n, m: a.m + (d * b.n) / n, M2: a.M2 + b.M2 + (d * d * a.n * b.n) / n, d };
  };
  const A = [1, 2, 3], B = [6];
  const a = stats(A), b = stats(B), ab = merge(a, b), direct = stats([...A, ...B]);
  if (Math.abs(ab.M2 - direct.M2) > 1e-12 || Math.abs(ab.m - direct.m) > 1e-12) throw new Error('merge disagrees with the direct statistics');
  const fmt = (v) => String(Math.round(v * 1000) / 1000);
  const statBox = (x, y, title, s, cls) =>
    box(x, y, 170, 70, [title, `n = ${s.n},  x̄ = ${fmt(s.m)}`, `M₂ = ${fmt(s.M2)}`], cls);
  const parts = [];
  parts.push(statBox(30, 30, `a = (${A.join(', ')})`, a), statBox(30, 140, `b = (${B.join(', ')})`, b));
  parts.push(arrow(200, 65, 290, 110), arrow(200, 175, 290, 130));
  parts.push(statBox(292, 85, T('a ∪ b, merged'), ab, 'f-box-acc'));
  parts.push(text(480, 106, T('variance M₂/n = {v}', { v: fmt(ab.M2 / ab.n) }), 'f-small', 'start'), text(480, 124, `δ = x̄_b − x̄_a = ${fmt(ab.d)}`, 'f-small', 'start'));
  parts.push(text(330, 240, 'n = n_a + n_b,   δ = x̄_b − x̄_a,   x̄ = x̄_a + δ · n_b / n,   M₂ = M₂,a + M₂,b + δ² · n_a n_b / n', 'f-small'));
  parts.push(text(330, 260, T('here M₂ = {sum}, the same as from all four values at once', { sum: `${fmt(a.M2)} + ${fmt(b.M2)} + ${fmt(ab.d ** 2)} · ${a.n}·${b.n}/${ab.n} = ${fmt(ab.M2)}` }), 'f-small'));
  write('variance-merge.svg', svg(660, 274, parts.join('\n')));
}
}

for (lang of ['en', ...Object.keys(LABELS)]) {
  out = path.join(contentDir, lang, 'figures');
  fs.mkdirSync(out, { recursive: true });
  drawAll();
  console.log(`figures written to ${out}`);
}

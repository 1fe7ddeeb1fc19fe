// @ts-check
// The charts' colours, colour-blind safe: Okabe–Ito first, then Tol's muted colours; no black (it
// vanishes in dark mode), no two alike. Apart from chart-setup.js, so picking a colour loads no Chart.js.
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#999933',
  '#882255',
  '#44AA99',
  '#8C8C8C',
  '#AA4499',
  '#DDCC77',
];

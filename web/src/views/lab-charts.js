// What each experiment page draws: chart specs over the points its jobs report.
// x / y name keys of the job points; xFromConfig maps a step index to a config list value.
export const CHART_SPECS = {
  eps: [
    { id: 'gradients', title: 'Largest |∂L/∂x| of a row, by the row\'s noise level', x: 'step', y: 'max_abs_dx',
      xFromConfig: 'noise', xLabel: 'noise σ of the row', yLabel: 'max |∂L/∂x|', logX: false, logY: true, category: true,
      file: 'eps_gradients.png' },
  ],
  precision: [
    { id: 'error', title: 'Largest output error against a double-precision reference, per input case', x: 'step', y: 'max_abs_error',
      xLabelOf: (c, i) => `μ ${c.offsets?.[Math.floor(i / c.scales.length)]}, σ ${c.scales?.[i % c.scales.length]}`,
      xLabel: 'input offset μ and scale σ', yLabel: 'max |y − y_ref|', logY: true, category: true, file: 'precision_error.png' },
  ],
  'norm-speed': [
    { id: 'fwd', title: 'Forward: effective bandwidth by row length', x: 'step', y: 'fwd_gbps', xFromConfig: 'ds',
      xLabel: 'row length d', yLabel: 'GB/s', logY: false, category: true, file: 'forward_gbps.png' },
    { id: 'fwdbwd', title: 'Forward + backward: effective bandwidth by row length', x: 'step', y: 'fwdbwd_gbps', xFromConfig: 'ds',
      xLabel: 'row length d', yLabel: 'GB/s', logY: false, category: true, file: 'timing_bar.png' },
  ],
  default: [
    { id: 'loss', title: 'Training loss', x: 'step', y: 'train_loss', xLabel: 'step', yLabel: 'loss', logY: false,
      file: 'loss_curves.png' },
  ],
};

export const chartSpecsFor = (id) => CHART_SPECS[id] ?? CHART_SPECS.default;

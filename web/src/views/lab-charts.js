// What each experiment page draws: chart specs over the points its jobs report.
// x / y name keys of the job points; xFromConfig maps a step index to a config list value.
export const CHART_SPECS = {
  eps: [
    { id: 'gradients', title: 'Largest |∂L/∂x| of a row, by the row\'s noise level', x: 'step', y: 'max_abs_dx',
      xFromConfig: 'noise', xLabel: 'noise σ of the row', yLabel: 'max |∂L/∂x|', logX: false, logY: true, category: true,
      file: 'eps_gradients.png' },
  ],
  default: [
    { id: 'loss', title: 'Training loss', x: 'step', y: 'train_loss', xLabel: 'step', yLabel: 'loss', logY: false,
      file: 'loss_curves.png' },
  ],
};

export const chartSpecsFor = (id) => CHART_SPECS[id] ?? CHART_SPECS.default;

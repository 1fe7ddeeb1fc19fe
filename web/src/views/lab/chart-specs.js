// @ts-check
// What each experiment page draws: chart specs over the points its jobs report.
// One series per word before the first space of the variant ("batch lr=0.1" -> "batch").
import { ENGLISH } from '../../i18n/translate.js';
import { claimText } from './verdicts.js';

/**
 * One chart of an experiment page. The keys name what the core reports in each job's points
 * (`x`, `y`, `overlay.y`): a misspelled one draws nothing, so the tests run every experiment and
 * check that each spec's keys are among the points its jobs report.
 * @typedef {object} ChartSpec
 * @property {string} id           the chart's id on the page, and its CSV download's name
 * @property {string} title
 * @property {string} [x]          the point key along x (default "step")
 * @property {string} y            the point key along y
 * @property {string} [xFromConfig]  x is that config list's entry at the point's index
 * @property {(config: Record<string, any>, index: number) => string} [xLabelOf]  x is a label made from the config
 * @property {string} [xLabel]
 * @property {string} [yLabel]
 * @property {boolean} [logX]
 * @property {boolean} [logY]      log y axis (a checkbox toggles it); undefined: no toggle
 * @property {boolean} [category]  x is a category axis (one tick per value)
 * @property {boolean} [bar]       grouped bars instead of lines
 * @property {'median'} [reduce]   one bar per series: each job's median of y, then mean over seeds
 * @property {(job: {variant: string, seed: number}) => string} [seriesOf]  which series a job belongs to (default: its variant)
 * @property {{y: string, label: string}} [overlay]  a second key drawn dashed over each series (a prediction)
 * @property {string} file         the PNG download's file name
 * @property {RegExp} [claims]     the claims (by their text) this chart's data decides, shown beside it
 * @property {boolean} [stepAxis]   x is the training step: divergences are marked as lines (annotations.js)
 * @property {(config: Record<string, any>, jobs: {variant: string}[], outputs: RunOutputsLike | null, i18n?: import('../../i18n/translate.js').I18n) => import('./annotations.js').Annotation[]} [marks]
 *   the chart's other annotations: a warm-up's end, the window a claim looked at (outputs: the
 *   finished run's, null while it runs; i18n: the language of its words, English when not given)
 */

/** @typedef {{metrics?: Record<string, any>, summary?: {claim: string}[]}} RunOutputsLike */

/** @param {{variant: string}} job */
const byFirstWord = (job) => job.variant.split(' ')[0];

/**
 * The training loss per step, which every training experiment draws (changes: what differs).
 * @param {Partial<ChartSpec>} [changes]
 * @returns {ChartSpec}
 */
const trainingLoss = (changes = {}) => ({
  id: 'loss',
  title: 'Training loss per step',
  x: 'step',
  y: 'train_loss',
  xLabel: 'step',
  yLabel: 'train loss',
  logY: false,
  file: 'loss_curves.png',
  stepAxis: true,
  ...changes,
});

/**
 * norm-compare: the early phase over which "Post-LN is less stable early" compares the two
 * placements, once the run has decided the claim (the core's metrics give its length in steps,
 * the first `early_steps` steps: 0 to early_steps - 1).
 * @type {ChartSpec['marks']}
 */
const earlyWindow = (config, _jobs, outputs, i18n = ENGLISH) => {
  const steps = outputs?.metrics?.early_steps;
  const claim = outputs?.summary?.find((c) => /less stable early/.test(c.claim));
  if (!claim || !Number.isFinite(steps) || steps < 1) return [];
  const pct = config.early_pct;
  return [
    {
      kind: 'window',
      from: 0,
      to: steps - 1,
      label: Number.isFinite(pct) ? i18n.t('annotation.earlyPct', { pct }) : i18n.t('annotation.early'),
      text: i18n.t('annotation.earlyText', {
        last: steps - 1,
        claim: claimText(/** @type {any} */ (claim), i18n).claim,
      }),
    },
  ];
};

/**
 * pre-post: where the runs with warm-up reach the full learning rate.
 * @type {ChartSpec['marks']}
 */
const warmupEnd = (config, jobs, _outputs, i18n = ENGLISH) => {
  const n = config.warmup_steps;
  if (!Number.isFinite(n) || !jobs.some((j) => /\/warmup\//.test(j.variant))) return [];
  return [
    {
      kind: 'warmup',
      from: n,
      to: n,
      label: i18n.t('annotation.warmup'),
      text: i18n.t('annotation.warmupText', { step: n }),
    },
  ];
};

/** @type {Record<string, ChartSpec[]>} */
export const CHART_SPECS = {
  eps: [
    {
      id: 'gradients',
      title: "Largest |∂L/∂x| of a row, by the row's noise level",
      x: 'step',
      y: 'max_abs_dx',
      xFromConfig: 'noise',
      xLabel: 'noise σ of the row',
      yLabel: 'max |∂L/∂x|',
      logX: false,
      logY: true,
      category: true,
      file: 'eps_gradients.png',
    },
  ],
  precision: [
    {
      id: 'error',
      title: 'Largest output error against a double-precision reference, per input case',
      x: 'step',
      y: 'max_abs_error',
      xLabelOf: (c, i) => `μ ${c.offsets?.[Math.floor(i / c.scales.length)]}, σ ${c.scales?.[i % c.scales.length]}`,
      xLabel: 'input offset μ and scale σ',
      yLabel: 'max |y − y_ref|',
      logY: true,
      category: true,
      file: 'precision_error.png',
    },
  ],
  'norm-speed': [
    {
      id: 'fwd',
      title: 'Forward: effective bandwidth by row length',
      x: 'step',
      y: 'fwd_gbps',
      xFromConfig: 'ds',
      xLabel: 'row length d',
      yLabel: 'GB/s',
      logY: false,
      category: true,
      bar: true,
      file: 'forward_gbps.png',
    },
    {
      id: 'fwdbwd',
      title: 'Forward + backward: effective bandwidth by row length',
      x: 'step',
      y: 'fwdbwd_gbps',
      xFromConfig: 'ds',
      xLabel: 'row length d',
      yLabel: 'GB/s',
      logY: false,
      category: true,
      bar: true,
      file: 'fwdbwd_gbps.png',
    },
  ],
  'norm-compare': [
    trainingLoss({ claims: /diverges|less stable early|converges stably/, marks: earlyWindow }),
    {
      id: 'val',
      title: 'Validation loss',
      x: 'eval_step',
      y: 'eval_val_loss',
      xLabel: 'step',
      yLabel: 'val loss',
      logY: false,
      stepAxis: true,
      claims: /same loss as LayerNorm/,
      file: 'val_loss.png',
    },
    {
      id: 'grad',
      title: 'Gradient norm (no clipping is applied)',
      x: 'step',
      y: 'grad_norm',
      xLabel: 'step',
      yLabel: '‖∂L/∂θ‖',
      logY: true,
      stepAxis: true,
      file: 'grad_norm.png',
    },
    {
      id: 'by-lr',
      title: 'Final validation loss by learning rate',
      x: 'lr',
      y: 'final_val_loss',
      seriesOf: byFirstWord,
      xLabel: 'learning rate',
      yLabel: 'final val loss',
      logY: false,
      category: true,
      file: 'final_val_by_lr.png',
    },
  ],
  'pre-post': [
    trainingLoss({ marks: warmupEnd }),
    {
      id: 'init-grad',
      claims: /^At initialisation/,
      title: 'Gradient norm per layer at initialisation (step 0)',
      x: 'layer',
      y: 'init_grad_norm',
      xLabel: 'layer (0 = embedding, then the blocks, last = head)',
      yLabel: '‖∂L/∂θ_layer‖',
      logY: true,
      category: true,
      file: 'init_grad_norm.png',
    },
    {
      id: 'expected-grad',
      title:
        "Xiong et al.'s expected gradient at initialisation: ‖mean over batches of ∂L/∂W_fc2‖ per block (solid), mean per-batch norm (dashed)",
      x: 'block',
      y: 'ffn_grad_expected',
      overlay: { y: 'ffn_grad_per_batch', label: 'per-batch norm' },
      xLabel: 'block (1 = nearest the input)',
      yLabel: '‖∂L/∂W_fc2‖_F',
      logY: true,
      category: true,
      file: 'expected_ffn_gradient.png',
    },
    {
      id: 'by-depth',
      claims: /warm-up/,
      title: 'Final validation loss by depth',
      x: 'depth',
      y: 'final_val_loss',
      seriesOf: (job) => job.variant.replace(/\/L\d+$/, ''),
      xLabel: 'blocks',
      yLabel: 'final val loss',
      logY: false,
      category: true,
      file: 'final_val_by_depth.png',
    },
  ],
  'lr-sweep': [
    {
      id: 'by-lr',
      title: 'Final loss by learning rate (mean of the last steps, clipped at ln V; a stopped run scores ln V)',
      x: 'lr',
      y: 'score',
      seriesOf: byFirstWord,
      xLabel: 'learning rate (log scale)',
      yLabel: 'final train loss',
      logX: true,
      logY: false,
      file: 'final_loss_by_lr.png',
    },
    {
      id: 'attn-logit',
      title: 'Largest attention logit of each run, by learning rate',
      x: 'lr',
      y: 'max_attn_logit',
      seriesOf: byFirstWord,
      xLabel: 'learning rate (log scale)',
      yLabel: 'max q·k / √d_head',
      logX: true,
      logY: true,
      file: 'max_attention_logit_by_lr.png',
    },
    {
      id: 'logit-rms',
      title: 'RMS of the output logits at the end of each run, by learning rate',
      x: 'lr',
      y: 'logit_rms',
      seriesOf: byFirstWord,
      xLabel: 'learning rate (log scale)',
      yLabel: 'output-logit RMS',
      logX: true,
      logY: true,
      file: 'logit_rms_by_lr.png',
    },
  ],
  'bn-cnn': [
    {
      id: 'val-acc',
      title: 'Validation accuracy (eval mode)',
      x: 'eval_step',
      stepAxis: true,
      y: 'val_acc',
      xLabel: 'step',
      yLabel: 'val accuracy',
      logY: false,
      file: 'accuracy_curves.png',
    },
    {
      id: 'by-lr',
      claims: /learning rate/,
      title: 'Final validation accuracy by learning rate',
      x: 'lr',
      y: 'final_val_acc',
      seriesOf: byFirstWord,
      xLabel: 'learning rate',
      yLabel: 'final val accuracy',
      logY: false,
      category: true,
      file: 'final_acc_by_lr.png',
    },
    trainingLoss({ logY: true }),
  ],
  'bn-vs-gn': [
    {
      id: 'by-batch',
      claims: /^GroupNorm's accuracy is flat|^BatchNorm's eval-mode accuracy|^Precise BatchNorm|^Comparing batch sizes/,
      title:
        'Final validation accuracy by batch size: eval mode with running statistics (solid), precise BatchNorm (dashed)',
      x: 'batch',
      y: 'final_val_acc',
      overlay: { y: 'final_val_acc_precise', label: 'precise BN' },
      seriesOf: byFirstWord,
      xLabel: 'batch size',
      yLabel: 'final val accuracy',
      logX: true,
      logY: false,
      file: 'final_acc_by_batch.png',
    },
    {
      id: 'batch-stats',
      title: 'BatchNorm evaluated with the statistics of held-out batches of the training batch size',
      x: 'batch',
      y: 'final_val_acc_batch_stats',
      seriesOf: byFirstWord,
      xLabel: 'batch size',
      yLabel: 'final val accuracy',
      logX: true,
      logY: false,
      file: 'final_acc_batch_stats.png',
    },
    {
      id: 'val-acc',
      title: 'Validation accuracy by samples seen',
      x: 'eval_samples',
      y: 'val_acc',
      xLabel: 'training samples',
      yLabel: 'val accuracy',
      logY: false,
      file: 'accuracy_curves.png',
    },
  ],
  signal: [
    {
      id: 'std',
      title:
        'Activation std per layer (layer 0 = the N(0, 1) input): measured (solid) and predicted by variance propagation (dashed)',
      x: 'step',
      y: 'act_std',
      overlay: { y: 'predicted_std', label: 'predicted std' },
      xLabel: 'layer',
      yLabel: 'std of the layer output',
      logY: true,
      file: 'activation_std.png',
    },
    {
      id: 'grad',
      claims: /^Gradients vanish/,
      title: 'Gradient norm ‖∂L/∂y_l‖ per layer, L = mean over the batch of y_L · g (g fixed, random)',
      x: 'step',
      y: 'grad_norm',
      xLabel: 'layer',
      yLabel: '‖∂L/∂y_l‖',
      logY: true,
      file: 'grad_norm.png',
    },
  ],
  'norm-ablation': [
    trainingLoss(),
    {
      id: 'val',
      claims: /^All variants train|same final loss|jittery/,
      title: 'Held-out loss',
      x: 'eval_step',
      stepAxis: true,
      y: 'eval_val_loss',
      xLabel: 'step',
      yLabel: 'held-out loss',
      logY: false,
      file: 'val_loss.png',
    },
    {
      id: 'timing',
      claims: /step time/,
      title: 'Median wall-clock time of a training step (the bars the summary compares)',
      x: 'step',
      y: 'step_ms',
      reduce: 'median',
      xLabel: 'variant',
      yLabel: 'median ms per step',
      logY: false,
      file: 'timing_bar.png',
    },
    {
      id: 'step-times',
      title: 'Wall-clock time of each training step',
      x: 'step',
      stepAxis: true,
      y: 'step_ms',
      xLabel: 'step',
      yLabel: 'ms per step',
      logY: false,
      file: 'step_times.png',
    },
  ],
  'bn-eval': [
    {
      id: 'accuracy',
      claims: /accuracy degrades/,
      title: 'Held-out accuracy by evaluation batch size',
      x: 'eval_index',
      y: 'accuracy',
      xFromConfig: 'eval_batch_sizes',
      xLabel: 'evaluation batch size',
      yLabel: 'accuracy',
      logY: false,
      category: true,
      file: 'accuracy_by_batch.png',
    },
    {
      id: 'spread',
      title: 'Spread of the logits over the held-out inputs (0: the same output for every input)',
      x: 'eval_index',
      y: 'logit_spread',
      xFromConfig: 'eval_batch_sizes',
      xLabel: 'evaluation batch size',
      yLabel: 'max over classes of (max − min) logit',
      logY: false,
      category: true,
      file: 'logit_spread.png',
    },
    trainingLoss({ title: 'Training loss (both variants train the same model)' }),
  ],
  default: [trainingLoss({ title: 'Training loss', yLabel: 'loss' })],
};

/** @param {string} id */
export const chartSpecsFor = (id) => CHART_SPECS[id] ?? CHART_SPECS.default;

/**
 * Every text of an experiment's charts with its message key, [key, English]: each chart's title
 * and axis labels under "spec.<experiment>.<chart>.<title|x|y>", and the label of its dashed
 * overlay under ".overlay" ("default" for an experiment
 * without its own charts). English is this file's own text; another language's catalogue gives
 * each one (tests/web/experiment-i18n.test.mjs).
 * @param {string} id
 * @returns {[string, string][]}
 */
export function chartTextKeys(id) {
  const table = id in CHART_SPECS ? id : 'default';
  return CHART_SPECS[table].flatMap((s) => {
    /** @type {[string, string][]} */
    const texts = [
      [`spec.${table}.${s.id}.title`, s.title],
      [`spec.${table}.${s.id}.x`, s.xLabel ?? 'step'],
      [`spec.${table}.${s.id}.y`, s.yLabel ?? s.y],
    ];
    if (s.overlay) texts.push([`spec.${table}.${s.id}.overlay`, s.overlay.label]);
    return texts;
  });
}

/**
 * The charts of an experiment with their title and axis labels in the page's language (English,
 * or a text the catalogue lacks, stays as written here).
 * @param {string} id
 * @param {import('../../i18n/translate.js').I18n} i18n
 * @returns {ChartSpec[]}
 */
export function chartSpecsIn(id, i18n) {
  const table = id in CHART_SPECS ? id : 'default';
  const say = (/** @type {string} */ key, /** @type {string} */ english) => (i18n.has(key) ? i18n.t(key) : english);
  return chartSpecsFor(id).map((s) => ({
    ...s,
    title: say(`spec.${table}.${s.id}.title`, s.title),
    xLabel: say(`spec.${table}.${s.id}.x`, s.xLabel ?? 'step'),
    yLabel: say(`spec.${table}.${s.id}.y`, s.yLabel ?? s.y),
    ...(s.overlay ? { overlay: { ...s.overlay, label: say(`spec.${table}.${s.id}.overlay`, s.overlay.label) } } : {}),
  }));
}

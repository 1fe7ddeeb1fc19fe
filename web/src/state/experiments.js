// The experiment catalogue as the site knows it: ids (as in the C++ core and the CLI),
// the question each answers, and the theory section it belongs to. Form fields and defaults
// are added per experiment as the core's experiments land.

export const EXPERIMENTS = [
  { id: 'signal', look: 'how the activation std changes from layer to layer (solid) against what variance propagation predicts (dashed): without a norm it shrinks or explodes with depth; with one it stays put.', title: 'Signal through depth', section: 'why-normalize',
    question: 'What happens to activation and gradient scale through a deep stack, with and without normalization?' },
  { id: 'norm-compare', look: 'whether any curve goes flat or turns into NaN, how early Post-LN wobbles, and how close the LayerNorm and RMSNorm curves end up.', title: 'Norms in a char transformer', section: 'pre-post',
    question: 'At one learning rate, which norm placements and kinds train a small transformer on TinyShakespeare stably?' },
  { id: 'pre-post', look: 'the gap between warm-up and no warm-up for Post-LN as depth grows, and the per-layer gradient norms at initialisation.', title: 'Pre-LN vs Post-LN with depth', section: 'pre-post',
    question: 'Does Post-LN need warm-up, more so as the network gets deeper, while Pre-LN trains without it?' },
  { id: 'norm-ablation', look: 'whether all three train, the final-loss gap between LayerNorm and RMSNorm, and the step-time bars.', title: 'None vs LayerNorm vs RMSNorm', section: 'rmsnorm',
    question: 'In a 12-layer MLP, do LayerNorm and RMSNorm train equally well, and how much time does RMSNorm save?' },
  { id: 'bn-cnn', look: 'the range of learning rates where each network still reaches good accuracy.', title: 'BatchNorm and the learning rate', section: 'batchnorm',
    question: 'Does BatchNorm let a CNN train at higher learning rates and make it less sensitive to the choice?' },
  { id: 'bn-vs-gn', look: 'BatchNorm\'s accuracy falling off at the smallest batches while GroupNorm\'s stays.', title: 'BatchNorm vs GroupNorm at small batches', section: 'group-instance',
    question: 'How do BatchNorm and GroupNorm behave as the batch shrinks from 32 to 2?' },
  { id: 'bn-eval', look: 'the gap between train-mode and eval-mode evaluation, and the batch-1 output that equals β.', title: 'The train/eval footgun', section: 'batchnorm',
    question: 'What goes wrong when a BatchNorm network is evaluated in training mode, especially at batch size 1?' },
  { id: 'eps', look: 'the noise level where the ε-outside gradients blow up (or turn non-finite at σ = 0) while the correct placement stays bounded.', title: 'Where ε goes', section: 'epsilon',
    question: 'What happens to the gradients of near-constant rows when ε sits outside the square root?' },
  { id: 'precision', look: 'which cases overflow in fp16, how bf16\'s coarse mantissa shows up as error, and whether RMSNorm or LayerNorm is more accurate.', title: 'Half precision', section: 'epsilon',
    question: 'How accurate are LayerNorm and RMSNorm in fp16 and bf16, and when do they overflow?' },
  { id: 'norm-speed', look: 'the GB/s of each norm against your machine\'s memory bandwidth, and RMSNorm\'s saving over LayerNorm at each d.', title: 'How fast are the norms?', section: 'rmsnorm',
    question: 'How long do the norms take on your machine, and how much does RMSNorm save over LayerNorm?' },
];

export const EXPERIMENT_IDS = EXPERIMENTS.map((e) => e.id);

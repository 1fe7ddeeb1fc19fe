// The experiment catalogue as the site knows it: ids (as in the C++ core and the CLI),
// the question each answers, and the theory section it belongs to. Form fields and defaults
// are added per experiment as the core's experiments land.

export const EXPERIMENTS = [
  { id: 'signal', title: 'Signal through depth', section: 'why-normalize',
    question: 'What happens to activation and gradient scale through a deep stack, with and without normalization?' },
  { id: 'norm-compare', title: 'Norms in a char transformer', section: 'pre-post',
    question: 'At one learning rate, which norm placements and kinds train a small transformer on TinyShakespeare stably?' },
  { id: 'pre-post', title: 'Pre-LN vs Post-LN with depth', section: 'pre-post',
    question: 'Does Post-LN need warm-up, more so as the network gets deeper, while Pre-LN trains without it?' },
  { id: 'norm-ablation', title: 'None vs LayerNorm vs RMSNorm', section: 'rmsnorm',
    question: 'In a 12-layer MLP, do LayerNorm and RMSNorm train equally well, and how much time does RMSNorm save?' },
  { id: 'bn-cnn', title: 'BatchNorm and the learning rate', section: 'batchnorm',
    question: 'Does BatchNorm let a CNN train at higher learning rates and make it less sensitive to the choice?' },
  { id: 'bn-vs-gn', title: 'BatchNorm vs GroupNorm at small batches', section: 'group-instance',
    question: 'How do BatchNorm and GroupNorm behave as the batch shrinks from 32 to 2?' },
  { id: 'bn-eval', title: 'The train/eval footgun', section: 'batchnorm',
    question: 'What goes wrong when a BatchNorm network is evaluated in training mode, especially at batch size 1?' },
  { id: 'eps', title: 'Where ε goes', section: 'epsilon',
    question: 'What happens to the gradients of near-constant rows when ε sits outside the square root?' },
  { id: 'precision', title: 'Half precision', section: 'epsilon',
    question: 'How accurate are LayerNorm and RMSNorm in fp16 and bf16, and when do they overflow?' },
  { id: 'norm-speed', title: 'How fast are the norms?', section: 'rmsnorm',
    question: 'How long do the norms take on your machine, and how much does RMSNorm save over LayerNorm?' },
];

export const EXPERIMENT_IDS = EXPERIMENTS.map((e) => e.id);

// Planted bugs for the exercise checks' tests (Node and browser): each turns an exercise's worked
// solution into a wrong one, and names the check that must fail first.

// replace() that insists on finding its target, so a changed solution cannot make a bug vanish
const swap = (code, from, to) => {
  if (!code.includes(from)) throw new Error(`planted bug: "${from}" is not in the solution any more`);
  return code.replace(from, to);
};

export const BUGS = [
  {
    name: 'ε outside the root (RMSNorm forward)',
    exercise: 'rmsnorm-forward',
    plant: (code) => swap(code, '1 / Math.sqrt(ms + eps)', '1 / (Math.sqrt(ms) + eps)'),
    failsFirst: 'constant',
  },
  {
    name: 'ε outside the root (the bug hunt as given)',
    exercise: 'bug-hunt-constant-rows',
    plant: (_code, starter) => starter,
    failsFirst: 'constant',
  },
  {
    name: 'a missing backward term (RMSNorm, the path through the root mean square)',
    exercise: 'rmsnorm-backward',
    plant: (code) => swap(code, ' - (x[o + j] * rstd * rstd * rstd * gx) / d', ''),
    failsFirst: 'gradcheck',
  },
  {
    name: 'a missing backward term (LayerNorm, the path through σ)',
    exercise: 'layernorm-forward-backward',
    plant: (code) => swap(code, 'g - gMean - xhat * gxMean', 'g - gMean'),
    failsFirst: 'gradcheck',
  },
  {
    name: 'population instead of sample variance in the running variance (BatchNorm)',
    exercise: 'batchnorm-train-eval',
    plant: (code) => swap(code, '(momentum * variance * count) / (count - 1)', 'momentum * variance'),
    failsFirst: 'running',
  },
  {
    name: 'sample instead of population variance to normalise (BatchNorm)',
    exercise: 'batchnorm-train-eval',
    plant: (code) => swap(code, 'variance /= count; // population', 'variance /= count - 1; // sample'),
    failsFirst: 'train',
  },
  {
    name: 'the wrong axis: statistics per sample over its channels, not per channel over the batch (BatchNorm)',
    exercise: 'batchnorm-train-eval',
    plant: () => `function batchnormForward(x, gamma, beta, runningMean, runningVar, N, C, S, eps, momentum, training) {
  const y = new Array(N * C * S);
  for (let n = 0; n < N; n++) {
    const o = n * C * S;
    let mean = 0;
    for (let k = 0; k < C * S; k++) mean += x[o + k];
    mean /= C * S;
    let variance = 0;
    for (let k = 0; k < C * S; k++) variance += (x[o + k] - mean) ** 2;
    variance /= C * S;
    for (let k = 0; k < C * S; k++) {
      const c = Math.floor(k / S);
      y[o + k] = gamma[c] * (x[o + k] - mean) / Math.sqrt(variance + eps) + beta[c];
    }
  }
  return { y, runningMean, runningVar };
}
`,
    failsFirst: 'train',
  },
  {
    name: 'γ and β taken from the wrong channel (GroupNorm)',
    exercise: 'groupnorm-forward',
    plant: (code) =>
      swap(code, 'const c = g * cpg + Math.floor(k / S);', 'const c = (g + groups * Math.floor(k / S)) % C;'),
    failsFirst: 'random',
  },
];

// @ts-check
// Which axes each norm reduces over, for (B, d) and (N, C, H, W) tensors: the data behind the
// shapes diagram and the normalize widget's descriptions.

export const NORM_KINDS = [
  { kind: 'batch', name: 'BatchNorm' },
  { kind: 'layer', name: 'LayerNorm' },
  { kind: 'rms', name: 'RMSNorm' },
  { kind: 'group', name: 'GroupNorm' },
  { kind: 'instance', name: 'InstanceNorm' },
  { kind: 'dyt', name: 'DyT (no statistics)' },
];

// For an (N, C, H, W) tensor: the axes averaged over and the shape of mu / sigma.
export function reductionOf(kind, { N = 'N', C = 'C', G = 'G' } = {}) {
  switch (kind) {
    case 'batch':
      return {
        axes: ['N', 'H', 'W'],
        statShape: `(${C})`,
        perSample: false,
        note: 'one mean and variance per channel, shared by the whole batch',
      };
    case 'layer':
      return {
        axes: ['C', 'H', 'W'],
        statShape: `(${N})`,
        perSample: true,
        note: 'one mean and variance per sample, over all its features',
      };
    case 'rms':
      return {
        axes: ['C', 'H', 'W'],
        statShape: `(${N})`,
        perSample: true,
        note: 'one root-mean-square per sample; no mean is subtracted',
      };
    case 'group':
      return {
        axes: ['C/G', 'H', 'W'],
        statShape: `(${N}, ${G})`,
        perSample: true,
        note: 'one mean and variance per sample and group of C/G channels',
      };
    case 'instance':
      return {
        axes: ['H', 'W'],
        statShape: `(${N}, ${C})`,
        perSample: true,
        note: 'one mean and variance per sample and channel',
      };
    case 'dyt':
      return { axes: [], statShape: 'none', perSample: true, note: 'no statistics: y = γ·tanh(αx) + β elementwise' };
    default:
      throw new Error(`unknown norm kind "${kind}"`);
  }
}

// For a 2-D (B, d) tensor (B rows, d features): is element (b, j) in the same reduction group as (b0, j0)?
/**
 * @param {string} kind
 * @param {number} b
 * @param {number} j
 * @param {number} b0
 * @param {number} j0
 * @param {{d: number, groups?: number}} shape
 */
export function sameGroup2d(kind, b, j, b0, j0, { d, groups = 1 }) {
  switch (kind) {
    case 'batch':
      return j === j0;
    case 'layer':
    case 'rms':
      return b === b0;
    case 'group': {
      const size = d / groups;
      return b === b0 && Math.floor(j / size) === Math.floor(j0 / size);
    }
    case 'instance':
      return b === b0 && j === j0;
    case 'dyt':
      return b === b0 && j === j0;
    default:
      throw new Error(`unknown norm kind "${kind}"`);
  }
}

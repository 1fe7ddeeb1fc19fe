// @ts-check
// Small statistics for the measuring scripts (benchmarks, Lighthouse, timings).

/**
 * The middle value of `values` (the mean of the two middle ones for an even count); the input is not
 * reordered.
 * @param {number[]} values
 */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// @ts-check
// How often a running experiment's charts are redrawn: at most every REDRAW_MS, and never more
// than DRAW_SHARE of the page's thread, so drawing does not take a core from the workers.

/** While jobs report progress, the charts are redrawn at most this often (ms). */
export const REDRAW_MS = 150;
/** The largest share of the page's thread that redrawing may take while a run goes. */
export const DRAW_SHARE = 0.1;

/**
 * The wait before the next redraw, from the cost of the last one: a redraw that took 40 ms (many
 * points, a slow phone) waits 400 ms for the next; a cheap one waits REDRAW_MS.
 * @param {number} lastDrawMs how long the last redraw took
 * @returns {number} ms
 */
export function nextDrawInterval(lastDrawMs) {
  return Math.max(REDRAW_MS, lastDrawMs / DRAW_SHARE);
}

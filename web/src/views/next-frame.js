// @ts-check
// "After the next frame": work that should share neither a task nor a frame's style and layout
// with what was just drawn. Lighthouse's blocking time counts each task's length over 50 ms, and a
// frame's style and layout is one task: a page drawn in two parts, a frame apart, costs two shorter
// tasks instead of one long one. A hidden tab draws no frames: then after `fallbackMs` at most.

/**
 * @param {() => void} fn
 * @param {number} [fallbackMs] how long to wait for a frame at most
 */
export function afterNextFrame(fn, fallbackMs = 100) {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    fn();
  };
  const timer = setTimeout(go, fallbackMs);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(go));
}

// @ts-check
// "When this element first comes near the screen": a chart below the fold loads its chart library
// then, not with the page. Where IntersectionObserver is missing, at once.

/**
 * @param {Element} el
 * @param {string} [margin] how far outside the viewport counts as near (a CSS margin)
 * @returns {{promise: Promise<void>, cancel: () => void}} cancel: stop watching (the promise then never settles)
 */
export function whenNear(el, margin = '300px') {
  if (typeof IntersectionObserver === 'undefined') return { promise: Promise.resolve(), cancel() {} };
  /** @type {IntersectionObserver | null} */
  let observer = null;
  const promise = new Promise((resolve) => {
    observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer?.disconnect();
        resolve(undefined);
      },
      { rootMargin: margin },
    );
    observer.observe(el);
  });
  return { promise, cancel: () => observer?.disconnect() };
}

// @ts-check
// The site's one HTML escape and its one number formatter: every view that writes text into HTML
// or shows a number goes through these two.

const HTML_ESCAPES = /** @type {Record<string, string>} */ ({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/**
 * Text made safe to place inside HTML, in element content and in quoted attribute values.
 * null and undefined become the empty string; anything else is converted with String().
 * @param {unknown} value
 * @returns {string}
 */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Significant digits shown unless a caller asks for others. */
export const DEFAULT_DIGITS = 5;

/** Words and separators of one language for formatNumber; English when not given. */
/** @typedef {{locale?: string, nonFinite?: string}} NumberLocale */

/** @type {Map<string, string>} */
const decimalSeparators = new Map();
/** The decimal separator of a locale ("." in English, "," in Spanish), from Intl. */
export function decimalSeparator(locale = 'en') {
  let sep = decimalSeparators.get(locale);
  if (sep === undefined) {
    sep = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    decimalSeparators.set(locale, sep);
  }
  return sep;
}

/**
 * A number as a learner reads it: `digits` significant digits, trailing zeros dropped;
 * scientific notation (mantissa also to `digits` significant digits, zeros dropped) when the
 * magnitude is 1e4 or more, or below 1e-3 and not zero. -0 is shown as 0. The decimal separator
 * is the locale's (0.5 in English, 0,5 in Spanish); no digit grouping, as large values are in
 * scientific notation. Downloads do not use this: they keep JavaScript's own number format.
 *
 * Values that are not finite numbers, explicitly:
 * - NaN → "NaN", +∞ → "Infinity", −∞ → "-Infinity" (the words JavaScript itself prints, so a
 *   learner who sees one knows the computation went non-finite);
 * - null → "non-finite" (or the language's word, `nonFinite`): that is how the core's JSON
 *   carries a NaN or an infinity;
 * - undefined → "" (nothing was measured there);
 * - a string is returned unchanged: chart tables mix numeric x values and category labels
 *   ("μ 0, σ 1") in one column.
 * @param {number | string | null | undefined} value
 * @param {number} [digits] significant digits, 1 to 21
 * @param {NumberLocale} [lang] the locale and its word for a non-finite value
 * @returns {string}
 */
export function formatNumber(value, digits = DEFAULT_DIGITS, lang = {}) {
  if (typeof value === 'string') return value;
  if (value === null) return lang.nonFinite ?? 'non-finite';
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  let text;
  if (magnitude >= 1e4 || magnitude < 1e-3) {
    const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
    text = `${Number(mantissa)}e${exponent}`;
  } else text = String(Number(value.toPrecision(digits)));
  const sep = decimalSeparator(lang.locale);
  return sep === '.' ? text : text.replace('.', sep);
}

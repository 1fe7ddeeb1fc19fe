// @ts-check
// The site's one HTML escape, its one number formatter and its one duration wording: every view
// that writes text into HTML, shows a number or says how long something takes goes through these.

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

/**
 * The site's languages' decimal separators, known without asking Intl: making a page's first
 * Intl.NumberFormat loads its locale's data, one of the longest tasks of a page's start on a slow
 * phone. tests/web/format.test.mjs checks them against Intl.
 * @type {Map<string, string>}
 */
const decimalSeparators = new Map([
  ['en', '.'],
  ['es', ','],
]);
/** The decimal separator of a locale ("." in English, "," in Spanish); from Intl for a locale the site does not know. */
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

/**
 * The words of a duration, in the page's language (English when not given).
 * @typedef {{seconds: (n: number) => string, minutes: (n: number) => string, both: (full: string, quick: string) => string, quickOnly: (quick: string) => string}} DurationWords
 */

/** @type {DurationWords} */
const ENGLISH_DURATIONS = {
  seconds: (n) => `about ${n} s`,
  minutes: (n) => `about ${n} min`,
  both: (full, quick) => `${full} (quick: ${quick})`,
  quickOnly: (quick) => `quick run: ${quick}`,
};

/**
 * A duration as a rough figure: "about 40 s" under a minute and a half (to 5 s, at least 1 s),
 * else "about 3 min" (whole minutes). '' for a value that is not a positive finite number.
 * @param {number | undefined} seconds
 * @param {DurationWords} [words]
 */
export function aboutDuration(seconds, words = ENGLISH_DURATIONS) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return '';
  if (seconds < 90) return words.seconds(seconds < 5 ? Math.max(1, Math.round(seconds)) : Math.round(seconds / 5) * 5);
  return words.minutes(Math.round(seconds / 60));
}

/**
 * An experiment's typical run time as measured on the project's machine: "about 4 min (quick:
 * about 20 s)"; '' when it was not measured.
 * @param {{default_s?: number, quick_s?: number} | undefined} t
 * @param {DurationWords} [words]
 */
export function runTimeText(t, words = ENGLISH_DURATIONS) {
  const full = aboutDuration(t?.default_s, words);
  const quick = aboutDuration(t?.quick_s, words);
  if (full && quick) return words.both(full, quick);
  return full || (quick ? words.quickOnly(quick) : '');
}

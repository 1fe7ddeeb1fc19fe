// @ts-check
// The site's words in one language: a plain message map per language (web/src/i18n/<lang>.js,
// the same keys in every one) read through t(), with plurals chosen by Intl.PluralRules and
// numbers written by the one formatter (views/format.js) in the language's locale.
//
// A message is a string with {name} placeholders ({name:3}: a number to 3 significant digits;
// {name:int}: a whole number written out in full, as a step count or a seed), or,
// when it depends on a count, an object {one, other, ...} (the plural categories of
// Intl.PluralRules) chosen by the `count` parameter, or by the parameter named in its `by` key; a
// `by` object may also name exact values ({by: 'ok', true: '...', false: '...'}).
// Messages are plain text: t() returns text (escape it into HTML), html() returns HTML with the
// message's own text escaped and the parameters inserted as given (the caller builds them safely).
import { esc, formatNumber, DEFAULT_DIGITS } from '../views/format.js';
import en from './en.js';

/** @typedef {string | Record<string, string>} Message */
/** @typedef {Record<string, Message>} Messages */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Params */

/**
 * @typedef {object} I18n
 * @property {string} lang                 the language code, e.g. "es"
 * @property {(key: string, params?: Params) => string} t       a message as text
 * @property {(key: string, params?: Params) => string} html    a message as HTML (params inserted as given)
 * @property {(key: string) => boolean} has
 * @property {(value: number | string | null | undefined, digits?: number) => string} number  a number for the screen
 */

/**
 * @param {string} lang
 * @param {Messages} messages     the language's catalogue
 * @param {Messages} [fallback]   the reference catalogue, for a key a catalogue lacks (the unit tests forbid that)
 * @returns {I18n}
 */
export function createI18n(lang, messages, fallback = messages) {
  /** @type {Intl.PluralRules | null} made at the first plural (making one loads the locale's data) */
  let plural = null;
  const numberLocale = { locale: lang, nonFinite: text('number.nonFinite') };
  const number = (value, digits = DEFAULT_DIGITS) => formatNumber(value, digits, numberLocale);
  /** @param {string} key @param {Params} [params] */
  function pick(key, params = {}) {
    const m = messages[key] ?? fallback[key];
    if (m === undefined) throw new Error(`no message "${key}"`);
    if (typeof m === 'string') return m;
    const value = params[m.by ?? 'count'];
    if (m.by !== undefined && String(value) in m) return m[String(value)];
    plural ??= new Intl.PluralRules(lang);
    return m[plural.select(Number(value))] ?? m.other;
  }
  /** @param {string} key @param {Params} [params] @param {(s: string) => string} [literal] */
  function fill(key, params = {}, literal = (s) => s) {
    const parts = pick(key, params).split(/\{(\w+(?::(?:\d+|int))?)\}/);
    return parts
      .map((part, i) => {
        if (i % 2 === 0) return literal(part);
        const [name, digits] = part.split(':');
        const v = params[name];
        if (v === undefined) throw new Error(`message "${key}" needs {${name}}`);
        if (digits === 'int' && typeof v === 'number' && Number.isInteger(v)) return literal(String(v));
        if (typeof v === 'number' || v === null)
          return literal(number(v, digits && digits !== 'int' ? Number(digits) : undefined));
        return String(v);
      })
      .join('');
  }
  /** @param {string} key */
  function text(key) {
    const m = messages[key] ?? fallback[key];
    return typeof m === 'string' ? m : key;
  }
  return {
    lang,
    t: (key, params) => fill(key, params),
    html: (key, params) => fill(key, params, esc),
    has: (key) => key in messages,
    number,
  };
}

/** Every placeholder name a message uses (for the catalogue tests). @param {Message} m */
export function placeholders(m) {
  const texts = typeof m === 'string' ? [m] : Object.entries(m).flatMap(([k, s]) => (k === 'by' ? [] : [s]));
  return [...new Set(texts.flatMap((s) => [...s.matchAll(/\{(\w+)(?::(?:\d+|int))?\}/g)].map((x) => x[1])))].sort();
}

/** The reference language, for code that is not (yet) given the page's language. */
export const ENGLISH = createI18n('en', en);

/**
 * A message as data, for text decided before the page's language is known (a field's error, a
 * status line, an engine's error, a storage notice): the catalogue key and its params, any of
 * which may itself be a message, or a list of texts and messages (written one after the other,
 * joined by the language's list separator). `text` is its English where the English catalogue has
 * no entry because the sentence's home is elsewhere (the core's settings errors, "core.setting.*").
 * @typedef {string | number | boolean | null | undefined} Plain
 * @typedef {{key: string, params?: Record<string, Plain | MessageData | (string | MessageData)[]>, text?: string}} MessageData
 */

/**
 * A message given as data, written in `i18n`'s language (its message params written first).
 * @param {MessageData} message
 * @param {I18n} [i18n]
 * @returns {string}
 */
export function say(message, i18n = ENGLISH) {
  if (message.text !== undefined && !i18n.has(message.key) && !ENGLISH.has(message.key)) return message.text;
  /** @type {Params} */
  const params = {};
  const written = (/** @type {Plain | MessageData} */ v) => (v !== null && typeof v === 'object' ? say(v, i18n) : v);
  for (const [k, v] of Object.entries(message.params ?? {}))
    params[k] = Array.isArray(v) ? v.map((x) => String(written(x))).join(i18n.t('claims.listSeparator')) : written(v);
  return i18n.t(message.key, params);
}

/**
 * Why something failed, in `i18n`'s language: an Error (or a job's state) the engine gave as data
 * (`data`, a message of the catalogue) is written from the catalogue; any other keeps its own
 * English text (the engine's, for a problem it gives no id for).
 * @param {{message?: string | null, data?: MessageData | null} | null | undefined} error
 * @param {I18n} [i18n]
 */
export function sayError(error, i18n = ENGLISH) {
  const data = error?.data;
  if (data && typeof data.key === 'string' && (i18n.has(data.key) || ENGLISH.has(data.key) || data.text !== undefined))
    return say(data, i18n);
  return error?.message ?? '';
}

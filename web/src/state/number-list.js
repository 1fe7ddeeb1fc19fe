// @ts-check
// Parsing of the numbers a learner types ("1, -2.5  3e-2"), with messages that name the problem:
// `error` in English, `message` as data for the page's language (i18n/translate.js's say).
import { say } from '../i18n/translate.js';

/** @typedef {import('../i18n/translate.js').MessageData} MessageData */

/**
 * A failed parse: the message as data and in English.
 * @param {string} key
 * @param {MessageData['params']} [params]
 * @returns {{ok: false, error: string, message: MessageData}}
 */
export function failure(key, params = {}) {
  const message = { key, params };
  return { ok: false, error: say(message), message };
}

export const MAX_VECTOR_LENGTH = 1024;

/**
 * @param {unknown} text
 * @param {{maxLength?: number, minLength?: number}} [options]
 * @returns {{ok: true, values: number[], error?: undefined, message?: undefined} | {ok: false, error: string, message: MessageData, values?: undefined}}
 */
export function parseNumberList(text, { maxLength = MAX_VECTOR_LENGTH, minLength = 1 } = {}) {
  const tokens = String(text ?? '')
    .split(/[\s,;]+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) return failure('input.listEmpty');
  if (tokens.length > maxLength) return failure('input.listTooLong', { count: tokens.length, max: maxLength });
  if (tokens.length < minLength) return failure('input.listTooShort', { min: minLength });
  const values = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // Number('') and Number('0x10') are too permissive; accept plain decimal notation only.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token)) {
      return failure('input.itemNotNumber', { n: i + 1, token });
    }
    const v = Number(token);
    if (!Number.isFinite(v) || Math.abs(v) > 3.4e38) {
      return failure('input.itemTooLarge', { n: i + 1, token });
    }
    values.push(v);
  }
  return { ok: true, values };
}

/**
 * A single number field: -> {ok: true, value} | {ok: false, error}
 * @param {unknown} text
 * @param {{name?: string, min?: number, max?: number, minExclusive?: boolean}} [options]
 * @returns {{ok: true, value: number, error?: undefined, message?: undefined} | {ok: false, error: string, message: MessageData, value?: undefined}}
 */
export function parseNumberField(text, { name, min = -Infinity, max = Infinity, minExclusive = false } = {}) {
  const t = String(text ?? '').trim();
  if (t === '') return failure('input.empty', { name });
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return failure('input.notNumber', { name });
  const value = Number(t);
  if (!Number.isFinite(value)) return failure('input.tooLarge', { name });
  // the bounds as written (a whole-number bound such as 4294967295 in full)
  if (minExclusive ? value <= min : value < min)
    return failure(minExclusive ? 'input.greaterThan' : 'input.atLeast', { name, min: String(min) });
  if (value > max) return failure('input.atMost', { name, max: String(max) });
  return { ok: true, value };
}

// A small matrix typed as lines (or ';'-separated rows) of numbers, all rows the same length.
/**
 * -> {ok: true, rows, cols, values: number[] (row-major)} | {ok: false, error}
 * @param {unknown} text
 * @param {{maxRows?: number, maxCols?: number}} [options]
 * @returns {{ok: true, rows: number, cols: number, values: number[], error?: undefined, message?: undefined} | {ok: false, error: string, message: MessageData}}
 */
export function parseMatrix(text, { maxRows = 16, maxCols = 16 } = {}) {
  const lines = String(text ?? '')
    .split(/[\n;]+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return failure('input.noRows');
  if (lines.length > maxRows) return failure('input.tooManyRows', { count: lines.length, max: maxRows });
  /** @type {number[]} */
  const values = [];
  /** @type {number | null} */
  let cols = null;
  for (let r = 0; r < lines.length; r++) {
    const row = parseNumberList(lines[r], { maxLength: maxCols });
    if (!row.ok) return failure('input.row', { n: r + 1, error: row.message });
    if (cols === null) cols = row.values.length;
    else if (row.values.length !== cols) {
      return failure('input.rowLength', { n: r + 1, count: row.values.length, cols });
    }
    values.push(...row.values);
  }
  return { ok: true, rows: lines.length, cols: cols ?? 0, values };
}

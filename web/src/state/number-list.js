// @ts-check
// Parsing of the numbers a learner types ("1, -2.5  3e-2"), with messages that name the problem.

export const MAX_VECTOR_LENGTH = 1024;

/**
 * @param {unknown} text
 * @param {{maxLength?: number, minLength?: number}} [options]
 * @returns {{ok: true, values: number[], error?: undefined} | {ok: false, error: string, values?: undefined}}
 */
export function parseNumberList(text, { maxLength = MAX_VECTOR_LENGTH, minLength = 1 } = {}) {
  const tokens = String(text ?? '')
    .split(/[\s,;]+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) return { ok: false, error: 'Enter at least one number, e.g. 1, 2, 3.' };
  if (tokens.length > maxLength) {
    return { ok: false, error: `That is ${tokens.length} numbers; at most ${maxLength} are allowed here.` };
  }
  if (tokens.length < minLength) {
    return { ok: false, error: `Enter at least ${minLength} numbers.` };
  }
  const values = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // Number('') and Number('0x10') are too permissive; accept plain decimal notation only.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token)) {
      return { ok: false, error: `Item ${i + 1} ("${token}") is not a number.` };
    }
    const v = Number(token);
    if (!Number.isFinite(v) || Math.abs(v) > 3.4e38) {
      return { ok: false, error: `Item ${i + 1} (${token}) is too large for float32.` };
    }
    values.push(v);
  }
  return { ok: true, values };
}

/**
 * A single number field: -> {ok: true, value} | {ok: false, error}
 * @param {unknown} text
 * @param {{name?: string, min?: number, max?: number, minExclusive?: boolean}} [options]
 * @returns {{ok: true, value: number, error?: undefined} | {ok: false, error: string, value?: undefined}}
 */
export function parseNumberField(text, { name, min = -Infinity, max = Infinity, minExclusive = false } = {}) {
  const t = String(text ?? '').trim();
  if (t === '') return { ok: false, error: `${name} is empty.` };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { ok: false, error: `${name} must be a number.` };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, error: `${name} is too large.` };
  if (minExclusive ? value <= min : value < min) {
    return { ok: false, error: `${name} must be ${minExclusive ? 'greater than' : 'at least'} ${min}.` };
  }
  if (value > max) return { ok: false, error: `${name} must be at most ${max}.` };
  return { ok: true, value };
}

// A small matrix typed as lines (or ';'-separated rows) of numbers, all rows the same length.
/**
 * -> {ok: true, rows, cols, values: number[] (row-major)} | {ok: false, error}
 * @param {unknown} text
 * @param {{maxRows?: number, maxCols?: number}} [options]
 * @returns {{ok: true, rows: number, cols: number, values: number[], error?: undefined} | {ok: false, error: string}}
 */
export function parseMatrix(text, { maxRows = 16, maxCols = 16 } = {}) {
  const lines = String(text ?? '')
    .split(/[\n;]+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return { ok: false, error: 'Enter at least one row of numbers.' };
  if (lines.length > maxRows)
    return { ok: false, error: `That is ${lines.length} rows; at most ${maxRows} are allowed here.` };
  /** @type {number[]} */
  const values = [];
  /** @type {number | null} */
  let cols = null;
  for (let r = 0; r < lines.length; r++) {
    const row = parseNumberList(lines[r], { maxLength: maxCols });
    if (!row.ok) return { ok: false, error: `Row ${r + 1}: ${row.error}` };
    if (cols === null) cols = row.values.length;
    else if (row.values.length !== cols) {
      return {
        ok: false,
        error: `Row ${r + 1} has ${row.values.length} numbers but row 1 has ${cols}; every row needs the same length.`,
      };
    }
    values.push(...row.values);
  }
  return { ok: true, rows: lines.length, cols: cols ?? 0, values };
}

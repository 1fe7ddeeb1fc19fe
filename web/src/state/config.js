// @ts-check
// An experiment's configuration as one validated object, built from the core's field table
// (kind, range, choices, default): parsed from what the learner types, and serialised to and
// from the URL hash query so a copied URL reproduces the run setup.
import { failure, parseNumberField, parseNumberList } from './number-list.js';
import { say } from '../i18n/translate.js';

// The message for "every value of a list" from one value's range error (the list's numbers parsed).
const EVERY = /** @type {Record<string, string>} */ ({
  'input.atLeast': 'input.everyAtLeast',
  'input.greaterThan': 'input.everyGreaterThan',
  'input.atMost': 'input.everyAtMost',
});

// The text shown in a field for a value: numbers written in full (String), so the text parses
// back to the same value and a URL reproduces the settings exactly.
export function fieldText(field, value) {
  if (field.kind === 'bool') return value ? 'true' : 'false';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

// -> {ok: true, value} | {ok: false, error, message}; the same rules as the core's resolve_config
// (error in English, message as data for the page's language).
/**
 * @param {any} field
 * @param {any} text
 * @returns {{ok: true, value: any, error?: undefined, message?: undefined} | {ok: false, error: string, message: import('../i18n/translate.js').MessageData, value?: undefined}}
 */
export function parseField(field, text) {
  const name = field.label || field.key;
  const range = { name, min: field.min ?? -Infinity, max: field.max ?? Infinity, minExclusive: !!field.min_exclusive };
  switch (field.kind) {
    case 'int': {
      const p = parseNumberField(text, { name });
      if (p.ok && !Number.isInteger(p.value)) return failure('input.whole', { name });
      return p.ok ? parseNumberField(text, range) : p;
    }
    case 'float':
      return parseNumberField(text, range);
    case 'bool':
      if (text === true || text === 'true' || text === '1') return { ok: true, value: true };
      if (text === false || text === 'false' || text === '0') return { ok: true, value: false };
      return failure('input.bool', { name });
    case 'choice':
      return field.choices.includes(text)
        ? { ok: true, value: text }
        : failure('input.choice', { name, choices: field.choices.join(', ') });
    case 'float_list': {
      const p = parseNumberList(text, { maxLength: 64 });
      if (!p.ok) return failure('input.list', { name, error: p.message });
      for (const v of p.values) {
        const c = parseNumberField(String(v), range);
        if (!c.ok) return failure(EVERY[c.message.key] ?? 'input.list', { ...c.message.params, error: c.message });
      }
      return { ok: true, value: p.values };
    }
    case 'choice_list': {
      const items = String(text ?? '')
        .split(/[\s,]+/)
        .filter(Boolean);
      if (!items.length) return failure('input.chooseOne', { name });
      const bad = items.find((i) => !field.choices.includes(i));
      return bad
        ? failure('input.notChoice', { name, bad, choices: field.choices.join(', ') })
        : { ok: true, value: items };
    }
    default:
      return failure('input.unknownKind', { name, kind: field.kind });
  }
}

export const SEEDS_FIELD = { key: 'seeds', label: 'Seeds', kind: 'int', min: 1, max: 16, default: 1 };
export const SEED_FIELD = { key: 'seed', label: 'First seed', kind: 'int', min: 0, max: 4294967295, default: 1 };

// Every field of an experiment form, in order: the experiment's own, then quick/seeds/seed.
export const formFields = (fields) => [...fields, SEEDS_FIELD, SEED_FIELD];

// Defaults for a form: quick mode takes each field's quick value where it has one.
export function defaultConfig(fields, quick) {
  const c = { quick: !!quick };
  for (const f of formFields(fields)) c[f.key] = quick && f.quick !== undefined ? f.quick : f.default;
  return c;
}

// The settings a preset starts from: the defaults (quick values in quick mode) with the preset's
// own settings over them. presets: the core's [{name, why, settings}]; an unknown name gives null.
export function presetBase(fields, presets, name, quick) {
  const base = defaultConfig(fields, quick);
  if (!name) return base;
  const preset = (presets ?? []).find((p) => p.name === name);
  return preset ? { ...base, ...preset.settings, quick: !!quick } : null;
}

// Query string ("preset=the fix&d=64&noise=0,1e-7&quick=1") -> {config, errors, preset}: the
// preset's settings (if the link names one), then the link's own values over them. Unknown keys
// are ignored with an error message so a mistyped URL is named, not silently dropped.
export function configFromQuery(fields, query, presets = []) {
  const params = new URLSearchParams(query ?? '');
  const quick = params.get('quick') === '1';
  /** @type {import('../i18n/translate.js').MessageData[]} */
  const messages = [];
  let preset = params.get('preset') ?? '';
  let config = presetBase(fields, presets, preset, quick);
  if (!config) {
    messages.push({ key: 'link.unknownPreset', params: { preset } });
    preset = '';
    config = defaultConfig(fields, quick);
  }
  const byKey = new Map(formFields(fields).map((f) => [f.key, f]));
  for (const [key, raw] of params) {
    if (key === 'quick' || key === 'preset') continue;
    const field = byKey.get(key);
    if (!field) {
      messages.push({ key: 'link.unknownSetting', params: { key } });
      continue;
    }
    const p = parseField(field, raw);
    if (p.ok) config[key] = p.value;
    else messages.push({ key: 'link.badValue', params: { name: field.label || key, error: p.message } });
  }
  return { config, errors: messages.map((m) => say(m)), messages, preset };
}

// Only what differs from the defaults (or from the preset's settings, when the link names a
// preset) goes into the URL, so links stay short and readable.
export function queryFromConfig(fields, config, presets = [], preset = '') {
  const base = presetBase(fields, presets, preset, config.quick);
  const defaults = base ?? defaultConfig(fields, config.quick);
  const params = new URLSearchParams();
  if (base && preset) params.set('preset', preset);
  if (config.quick) params.set('quick', '1');
  for (const f of formFields(fields)) {
    if (JSON.stringify(config[f.key]) !== JSON.stringify(defaults[f.key]))
      params.set(f.key, fieldText(f, config[f.key]).replace(/\s+/g, ''));
  }
  return params.toString().replace(/%2C/g, ',');
}

// The settings object the core's resolve takes (quick is passed separately).
export function settingsOf(config) {
  const { quick, ...settings } = config;
  return settings;
}

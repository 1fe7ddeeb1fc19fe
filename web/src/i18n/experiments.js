// @ts-check
// The experiments' text in the page's language. The core's catalogue is written in English (its
// one home, wasm/core/experiments); another language's catalogue gives each text under
// "exp.<id>.<title|question|look>", each setting's under "exp.<id>.field.<key>.<label|help>" and
// each preset's under "exp.<id>.preset.<name>.<name|why>" (its name stays its id in the URL; the
// page shows the translated one as its label).
// English, or a text a language lacks (the unit tests forbid that), stays the core's.

/** @typedef {import('./translate.js').I18n} I18n */

/**
 * Every text of one catalogue entry with its message key: [key, the core's English text].
 * @param {{id: string, title?: string, question?: string, look?: string, fields?: {key: string, label?: string, help?: string}[], presets?: {name: string, why?: string}[]}} def
 * @returns {[string, string][]}
 */
export function experimentTextKeys(def) {
  /** @type {[string, string][]} */
  const out = [];
  for (const k of /** @type {const} */ (['title', 'question', 'look']))
    if (typeof def[k] === 'string' && def[k] !== '') out.push([`exp.${def.id}.${k}`, def[k]]);
  for (const f of def.fields ?? [])
    for (const k of /** @type {const} */ (['label', 'help']))
      if (typeof f[k] === 'string' && f[k] !== '') out.push([`exp.${def.id}.field.${f.key}.${k}`, f[k]]);
  for (const p of def.presets ?? [])
    for (const k of /** @type {const} */ (['name', 'why']))
      if (typeof p[k] === 'string' && p[k] !== '') out.push([`exp.${def.id}.preset.${p.name}.${k}`, p[k]]);
  return out;
}

/**
 * A copy of a catalogue entry (the site's index or the engine's full entry) in `i18n`'s language.
 * @template {{id: string, title?: string, question?: string, look?: string, fields?: any[], presets?: any[]}} T
 * @param {T} def
 * @param {I18n} i18n
 * @returns {T}
 */
export function localiseExperiment(def, i18n) {
  const say = (/** @type {string} */ key, /** @type {string | undefined} */ english) =>
    english && i18n.has(key) ? i18n.t(key) : english;
  const out = { ...def };
  for (const k of /** @type {const} */ (['title', 'question', 'look']))
    if (def[k] !== undefined) out[k] = say(`exp.${def.id}.${k}`, def[k]);
  if (Array.isArray(def.fields))
    out.fields = def.fields.map((f) => ({
      ...f,
      label: say(`exp.${def.id}.field.${f.key}.label`, f.label),
      ...(f.help ? { help: say(`exp.${def.id}.field.${f.key}.help`, f.help) } : {}),
    }));
  if (Array.isArray(def.presets))
    out.presets = def.presets.map((p) => {
      const label = `exp.${def.id}.preset.${p.name}.name`;
      return {
        ...p,
        ...(i18n.has(label) ? { label: i18n.t(label) } : {}),
        why: say(`exp.${def.id}.preset.${p.name}.why`, p.why),
      };
    });
  return out;
}

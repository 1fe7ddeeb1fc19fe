// The interface catalogues (web/src/i18n/<lang>.js): every language has exactly the reference
// language's keys, with the same placeholders and plural forms its rules need; text with no HTML;
// plurals and numbers through Intl; and every language has both a course and a catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/wasm-node.mjs';
import { createI18n, placeholders, say } from '../../web/src/i18n/translate.js';
import { catalogueLanguages, languageProblems } from '../../web/plugins/i18n.js';

const dir = path.join(repoRoot, 'web/src/i18n');
const langs = catalogueLanguages(dir);
const catalogues = Object.fromEntries(
  await Promise.all(langs.map(async (l) => [l, (await import(path.join(dir, `${l}.js`))).default])),
);
const en = catalogues.en;

test('there is a catalogue per course language, and a course per catalogue', () => {
  // the languages are the catalogue files (a third one is one more file, registered nowhere)
  assert.ok(langs.includes('en') && langs.includes('es'), langs.join(' '));
  assert.deepEqual(languageProblems(path.join(repoRoot, 'content'), dir), []);
});

for (const lang of langs.filter((l) => l !== 'en')) {
  test(`${lang}: the same keys as English, the same placeholders, every plural form`, () => {
    // text from the core (exp.*, claim.*, core.*) and the charts' (spec.*) is checked against its
    // English home (experiment-i18n.test.mjs)
    const messages = Object.fromEntries(
      Object.entries(catalogues[lang]).filter(([k]) => !/^(exp|claim|core|spec)\./.test(k)),
    );
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(en).sort());
    const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const [key, m] of Object.entries(en)) {
      const x = messages[key];
      assert.deepEqual(placeholders(x), placeholders(m), `${lang} ${key}: placeholders`);
      assert.equal(typeof x, typeof m, `${lang} ${key}: plural in one language only`);
      if (typeof x === 'object')
        for (const f of forms) if (f !== 'many') assert.ok(f in x || 'other' in x, `${key}: ${f}`);
    }
  });
}

test('messages are text: no HTML, no empty string, no leftover English in Spanish', () => {
  for (const [lang, messages] of Object.entries(catalogues))
    for (const [key, m] of Object.entries(messages))
      for (const s of typeof m === 'string' ? [m] : Object.values(m)) {
        assert.doesNotMatch(s, /<[a-z/]/i, `${lang} ${key} has HTML`);
        assert.notEqual(s.trim(), '', `${lang} ${key} is empty`);
      }
  // a Spanish message identical to the English one is either language-free or an oversight
  const sameOnPurpose = new Set(['lang.switchLabel', 'nav.label']);
  for (const [key, m] of Object.entries(catalogues.es))
    if (typeof m === 'string' && m === en[key] && key in en && /[a-z]{3,} [a-z]{3,}/.test(m) && !sameOnPurpose.has(key))
      assert.fail(`es ${key} is the English text`);
});

test('t() fills placeholders, picks the plural by count and writes numbers in the locale', () => {
  const es = createI18n('es', catalogues.es, en);
  const english = createI18n('en', en);
  assert.equal(english.t('map.total', { done: 1, count: 1 }), '1 of 1 step done.');
  assert.equal(english.t('map.total', { done: 2, count: 5 }), '2 of 5 steps done.');
  assert.equal(es.t('map.total', { done: 1, count: 1 }), '1 de 1 paso hecho.');
  assert.equal(es.t('map.total', { done: 0, count: 3 }), '0 de 3 pasos hechos.');
  assert.equal(es.t('demo.zeroEps', { divisor: 0.001 }).includes('√ε = 0,001'), true);
  assert.equal(english.t('demo.zeroEps', { divisor: 0.001 }).includes('√ε = 0.001'), true);
  assert.equal(es.number(1.5), '1,5');
  assert.equal(es.number(null), 'no finito');
  assert.throws(() => es.t('no.such.key'), /no message/);
  assert.throws(() => es.t('map.total', { count: 1 }), /needs \{done\}/);
  // {name:3}: three significant digits; a `by` message picks by a named parameter's value
  const m = createI18n('es', {
    'x.n': 'r = {r:3}',
    'x.by': { by: 'ok', true: 'sí {n}', false: 'no {n}' },
    'x.k': { by: 'k', 0: 'ninguno', one: 'uno', other: '{k}' },
  });
  assert.equal(m.t('x.n', { r: 3.14159 }), 'r = 3,14');
  assert.equal(m.t('x.by', { ok: true, n: 1 }), 'sí 1');
  assert.equal(m.t('x.by', { ok: false, n: 1 }), 'no 1');
  assert.deepEqual(
    [0, 1, 7].map((k) => m.t('x.k', { k })),
    ['ninguno', 'uno', '7'],
  );
});

test('a message given as data (a form error decided before the page language is known) reads in either language', async () => {
  const { parseMatrix, parseNumberField } = await import('../../web/src/state/number-list.js');
  const { parseField } = await import('../../web/src/state/config.js');
  const es = createI18n('es', catalogues.es, en);
  const row = parseMatrix('1 2\n3 x');
  assert.equal(row.error, 'Row 2: Item 2 ("x") is not a number.', 'English, as before');
  assert.equal(say(row.message, es), 'Fila 2: El elemento 2 («x») no es un número.');
  assert.equal(say(row.message), row.error);
  const field = parseNumberField('-1', { name: 'ε', min: 0 });
  assert.equal(say(field.message, es), 'El campo ε debe ser como mínimo 0.');
  const list = parseField({ key: 'noise', label: 'Ruido', kind: 'float_list', min: 0 }, '0, -1');
  assert.equal(say(list.message, es), 'Ruido: cada valor debe ser como mínimo 0.');
  assert.equal(list.error, 'Ruido: every value must be at least 0.');
});

test('html() escapes the message and inserts its parameters as given', () => {
  const messages = { 'x.link': 'Read {link} & more' };
  const i18n = createI18n('en', messages);
  assert.equal(i18n.html('x.link', { link: '<a href="#/">here</a>' }), 'Read <a href="#/">here</a> &amp; more');
  assert.equal(i18n.t('x.link', { link: 'here' }), 'Read here & more');
});

test('the language catalogue files are named by language code only', () => {
  for (const f of fs.readdirSync(dir)) assert.ok(/^([a-z]{2,3}(-[A-Z]{2})?|translate|experiments)\.js$/.test(f), f);
});

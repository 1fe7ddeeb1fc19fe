// The site's one HTML escape and one number formatter (web/src/views/format.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { esc, formatNumber, decimalSeparator } from '../../web/src/views/format.js';
import { catalogueLanguages } from '../../web/plugins/i18n.js';
import { repoRoot } from '../lib/wasm-node.mjs';

test('esc escapes the five HTML-special characters, and nothing else', () => {
  assert.equal(esc(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  assert.equal(esc('μ = 0, σ² + ε'), 'μ = 0, σ² + ε');
  assert.equal(esc('&amp;'), '&amp;amp;', 'escaping twice shows the entity, it does not unescape');
});

test('esc turns null and undefined into nothing, other values into their text', () => {
  assert.equal(esc(null), '');
  assert.equal(esc(undefined), '');
  assert.equal(esc(0), '0');
  assert.equal(esc(false), 'false');
  assert.equal(esc(NaN), 'NaN');
});

test('formatNumber: significant digits, trailing zeros dropped', () => {
  assert.equal(formatNumber(3.5355339), '3.5355');
  assert.equal(formatNumber(0.84852814), '0.84853');
  assert.equal(formatNumber(12), '12');
  assert.equal(formatNumber(-2.5), '-2.5');
  assert.equal(formatNumber(1234.5678), '1234.6');
  assert.equal(formatNumber(0.001), '0.001');
  assert.equal(formatNumber(3.5355339, 3), '3.54');
  assert.equal(formatNumber(0.25, 7), '0.25');
  assert.equal(formatNumber(1 / 3, 7), '0.3333333');
});

test('formatNumber: scientific notation from 1e4 up and below 1e-3, zero as 0', () => {
  assert.equal(formatNumber(12345.678), '1.2346e+4');
  assert.equal(formatNumber(1e4), '1e+4');
  assert.equal(formatNumber(-3.2e-7), '-3.2e-7');
  assert.equal(formatNumber(0.00099999999), '1e-3');
  assert.equal(formatNumber(1.2345678e-9, 3), '1.23e-9');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(-0), '0');
  // what it writes reads back as the number, to the digits shown
  for (const v of [7.123456e-5, 98765.4321, -0.5, 1e-30, 3e38])
    assert.ok(Math.abs(Number(formatNumber(v)) - v) <= Math.abs(v) * 1e-4, `${v}`);
});

test('formatNumber: non-finite values and missing ones say so, explicitly', () => {
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(Infinity), 'Infinity');
  assert.equal(formatNumber(-Infinity), '-Infinity');
  assert.equal(formatNumber(null), 'non-finite', "the core's JSON writes a non-finite value as null");
  assert.equal(formatNumber(undefined), '');
});

test('formatNumber passes labels through, so a table column can mix numbers and labels', () => {
  assert.equal(formatNumber('μ 0, σ 1'), 'μ 0, σ 1');
  assert.equal(formatNumber('12'), '12');
});

test('formatNumber in a locale: its decimal separator, its word for a non-finite value', () => {
  const es = { locale: 'es', nonFinite: 'no finito' };
  assert.equal(decimalSeparator('es'), ',');
  assert.equal(decimalSeparator('en'), '.');
  assert.equal(formatNumber(3.5355339, 5, es), '3,5355');
  assert.equal(formatNumber(-3.2e-7, 5, es), '-3,2e-7');
  assert.equal(formatNumber(12345.678, 5, es), '1,2346e+4');
  assert.equal(formatNumber(12, 5, es), '12');
  assert.equal(formatNumber(null, 5, es), 'no finito');
  assert.equal(formatNumber('μ 0, σ 1', 5, es), 'μ 0, σ 1', 'a label is not a number');
  assert.equal(formatNumber(0.25, 5, { locale: 'en' }), '0.25');
});

test("decimalSeparator: the site's languages' separators (known without Intl) are Intl's; other locales ask Intl", () => {
  const intl = (locale) => new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal').value;
  const dir = path.join(repoRoot, 'web/src/i18n');
  const langs = catalogueLanguages(dir);
  assert.ok(langs.length >= 2, langs.join(', '));
  for (const lang of [...langs, 'fr', 'de-CH', 'hi'])
    assert.equal(decimalSeparator(lang), intl(lang), `the decimal separator of ${lang}`);
});

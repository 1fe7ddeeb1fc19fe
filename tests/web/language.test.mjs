// Which language the site speaks: the URL's ?lang= first, then the remembered choice, then the
// browser's preferred languages, then English; and the URL of the same page in another language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseLanguage, searchWithLanguage, loadLanguage, saveLanguage } from '../../web/src/state/language.js';

const available = ['en', 'es'];

test('the URL wins, then the remembered choice, then the browser, then English', () => {
  assert.equal(chooseLanguage({ search: '?lang=es', stored: 'en', preferred: ['en'], available }), 'es');
  assert.equal(chooseLanguage({ search: '', stored: 'es', preferred: ['en'], available }), 'es');
  assert.equal(chooseLanguage({ search: '', stored: null, preferred: ['es-MX', 'en'], available }), 'es');
  assert.equal(chooseLanguage({ search: '', stored: null, preferred: ['de-DE', 'es'], available }), 'es');
  assert.equal(chooseLanguage({ search: '', stored: null, preferred: ['de', 'fr'], available }), 'en');
  assert.equal(
    chooseLanguage({ search: '?lang=xx', stored: 'yy', preferred: [], available }),
    'en',
    'unknown codes are ignored',
  );
});

test('the same page in another language keeps the other query parameters', () => {
  assert.equal(searchWithLanguage('', 'es'), '?lang=es');
  assert.equal(searchWithLanguage('?lang=en', 'es'), '?lang=es');
  assert.equal(searchWithLanguage('?x=1&lang=en', 'es'), '?x=1&lang=es');
});

test('the choice is remembered, and storage that refuses is no error', () => {
  const map = new Map();
  const storage = /** @type {any} */ ({ getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, v) });
  assert.equal(loadLanguage(storage), null);
  saveLanguage(storage, 'es');
  assert.equal(loadLanguage(storage), 'es');
  const broken = /** @type {any} */ ({
    getItem: () => {
      throw new Error('denied');
    },
    setItem: () => {
      throw new Error('denied');
    },
  });
  assert.equal(loadLanguage(broken), null);
  saveLanguage(broken, 'es');
  assert.equal(loadLanguage(null), null);
});

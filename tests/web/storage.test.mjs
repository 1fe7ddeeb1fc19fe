// Progress storage: versioned records, corrupt or old entries discarded with a notice, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore, clearAllProgress, STORAGE_PREFIX } from '../../web/src/state/storage.js';
import { createI18n, say } from '../../web/src/i18n/translate.js';
import es from '../../web/src/i18n/es.js';

class MemoryStorage {
  constructor() {
    this.map = new Map();
  }
  get length() {
    return this.map.size;
  }
  key(i) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null;
  }
  setItem(k, v) {
    this.map.set(k, String(v));
  }
  removeItem(k) {
    this.map.delete(k);
  }
}

test('a saved record loads back', () => {
  const s = new MemoryStorage();
  const store = createStore(s, 'quiz', 1);
  assert.deepEqual(store.load(), { data: null, notice: null });
  store.save({ a: 1 });
  assert.deepEqual(createStore(s, 'quiz', 1).load(), { data: { a: 1 }, notice: null });
});

test('corrupt JSON is discarded with a notice', () => {
  const s = new MemoryStorage();
  s.setItem(`${STORAGE_PREFIX}quiz`, '{not json');
  const r = createStore(s, 'quiz', 1).load();
  assert.equal(r.data, null);
  assert.match(say(r.notice), /^Saved quiz progress was damaged/);
  // the notice is a message, written in the page's language
  assert.equal(
    say(r.notice, createI18n('es', es)),
    'El progreso guardado del cuestionario estaba dañado y se ha descartado.',
  );
  assert.equal(s.getItem(`${STORAGE_PREFIX}quiz`), null);
});

test('an older version is discarded with a notice', () => {
  const s = new MemoryStorage();
  s.setItem(`${STORAGE_PREFIX}quiz`, JSON.stringify({ version: 0, data: {} }));
  assert.match(say(createStore(s, 'quiz', 1).load().notice), /older version/);
});

test('a payload failing validation is discarded with a notice', () => {
  const s = new MemoryStorage();
  s.setItem(`${STORAGE_PREFIX}quiz`, JSON.stringify({ version: 1, data: 'oops' }));
  assert.match(say(createStore(s, 'quiz', 1, (d) => typeof d === 'object').load().notice), /not in the expected form/);
});

test('storage that throws (privacy mode, quota) degrades to memory', () => {
  const broken = {
    getItem() {
      throw new Error('denied');
    },
    setItem() {
      throw new Error('denied');
    },
    removeItem() {},
    key() {
      return null;
    },
    length: 0,
  };
  const store = createStore(broken, 'quiz', 1);
  store.save({ a: 2 });
  assert.deepEqual(store.load(), { data: { a: 2 }, notice: null });
});

test('reset removes every NormLab record and nothing else', () => {
  const s = new MemoryStorage();
  createStore(s, 'quiz', 1).save({});
  createStore(s, 'drills', 1).save([]);
  s.setItem('other-app', 'keep');
  assert.equal(clearAllProgress(s), 2);
  assert.equal(s.getItem('other-app'), 'keep');
  assert.equal(s.length, 1);
});

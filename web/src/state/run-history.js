// @ts-check
// The learner's last runs of each experiment, kept in IndexedDB (through idb-keyval) so two of them
// can be compared. One record per experiment: {version, runs: [newest first]}. The budget is stated
// on the page: at most RUNS_KEPT runs per experiment and BYTES_KEPT bytes (as JSON) per experiment;
// the oldest runs go first. Every storage problem (no IndexedDB, private mode refusing it, quota
// exceeded, a corrupt record or entry) comes back as a notice and loses nothing else: the runs of
// this visit stay in memory, and a corrupt entry is dropped while the good ones are kept.
import { ENGLISH } from '../i18n/translate.js';
import { createStore, get, set, del } from 'idb-keyval';

export const RUNS_KEPT = 5;
export const BYTES_KEPT = 4 * 1024 * 1024;
const VERSION = 1;

/** @typedef {import('./lab.js').SavedRun & {config: import('../types.js').ExperimentConfig}} StoredRun */
/**
 * The three calls the history needs; idb-keyval's in the browser, a Map in tests.
 * @typedef {{get: (key: string) => Promise<any>, set: (key: string, value: any) => Promise<void>, del: (key: string) => Promise<void>}} KeyValue
 */

/**
 * The stated budget, in words, for the page (in its language).
 * @param {import('../i18n/translate.js').I18n} [i18n]
 */
export function budgetText({ t } = ENGLISH) {
  return t('compare.budget', { runs: RUNS_KEPT, megabytes: BYTES_KEPT / (1024 * 1024) });
}

/** Bytes a run takes as JSON. @param {unknown} run */
export function runBytes(run) {
  return new TextEncoder().encode(JSON.stringify(run)).length;
}

/** A well-formed stored run. @param {any} r @returns {r is StoredRun} */
export function isStoredRun(r) {
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.date === 'string' &&
    !!r.config &&
    typeof r.config === 'object' &&
    Array.isArray(r.jobs) &&
    r.jobs.every(
      (/** @type {any} */ j) =>
        j &&
        typeof j.variant === 'string' &&
        !!j.points &&
        typeof j.points === 'object' &&
        Object.values(j.points).every(Array.isArray),
    ) &&
    !!r.outputs &&
    typeof r.outputs === 'object'
  );
}

/**
 * Keeps the newest runs that fit the budget: at most `count` runs and `bytes` bytes in all.
 * A run larger than the whole budget is not kept.
 * @template T
 * @param {T[]} runs newest first
 * @param {{count?: number, bytes?: number}} [budget]
 * @returns {{kept: T[], dropped: number}}
 */
export function fitBudget(runs, { count = RUNS_KEPT, bytes = BYTES_KEPT } = {}) {
  /** @type {T[]} */
  const kept = [];
  let used = 0;
  for (const run of runs) {
    const size = runBytes(run);
    if (kept.length >= count || used + size > bytes) continue;
    kept.push(run);
    used += size;
  }
  return { kept, dropped: runs.length - kept.length };
}

/**
 * The settings two runs differ in: [{key, a, b}], keys in a stable order.
 * @param {Record<string, any>} a
 * @param {Record<string, any>} b
 */
export function settingsDiff(a, b) {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => ({ key: k, a: a[k], b: b[k] }));
}

/** idb-keyval on its own database; null when this browser has no IndexedDB. @returns {KeyValue | null} */
export function browserKeyValue() {
  try {
    if (typeof indexedDB === 'undefined' || !indexedDB) return null;
  } catch {
    return null; // a sandbox that forbids even looking
  }
  const store = createStore('normlab', 'runs');
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
  };
}

/** @typedef {ReturnType<typeof createRunHistory>} RunHistory */

/**
 * createRunHistory(kv) -> {list(id), add(id, run), forget(id)}; each resolves to {runs, notice}.
 * @param {KeyValue | null} kv null: IndexedDB is missing, runs live in memory for this visit
 */
export function createRunHistory(kv) {
  /** @type {Map<string, StoredRun[]>} runs of this visit, and the fallback when storage fails */
  const memory = new Map();
  // notices are catalogue messages as data ("runs.*"), written in the page's language
  const unavailable = { key: 'runs.unavailable' };
  const keyOf = (/** @type {string} */ id) => `runs:${id}`;

  /** @param {string} id @returns {Promise<{runs: StoredRun[], notice: import('../i18n/translate.js').MessageData | null}>} */
  async function read(id) {
    const seen = memory.get(id); // this visit's list is the newest (it survives a failed write)
    if (seen) return { runs: seen, notice: kv ? null : unavailable };
    if (!kv) return { runs: memory.get(id) ?? [], notice: unavailable };
    let record;
    try {
      record = await kv.get(keyOf(id));
    } catch {
      return { runs: memory.get(id) ?? [], notice: unavailable };
    }
    if (record === undefined) return { runs: memory.get(id) ?? [], notice: null };
    if (!record || typeof record !== 'object' || record.version !== VERSION || !Array.isArray(record.runs)) {
      await kv.del(keyOf(id)).catch(() => {});
      return { runs: memory.get(id) ?? [], notice: { key: 'runs.damaged' } };
    }
    const good = record.runs.filter(isStoredRun);
    memory.set(id, good);
    const notice =
      good.length < record.runs.length
        ? { key: 'runs.someDamaged', params: { count: record.runs.length - good.length } }
        : null;
    return { runs: good, notice };
  }

  return {
    /** @param {string} id */
    list: read,
    /**
     * Adds a finished run (newest first) and drops what the budget cannot hold.
     * @param {string} id
     * @param {StoredRun} run
     */
    async add(id, run) {
      const before = await read(id);
      const { kept } = fitBudget([run, ...before.runs]);
      memory.set(id, kept);
      if (!kept.includes(run)) return { runs: kept, notice: { key: 'runs.tooLarge' } };
      if (!kv) return { runs: kept, notice: unavailable };
      try {
        await kv.set(keyOf(id), { version: VERSION, runs: kept });
      } catch (e) {
        const full = /** @type {Error} */ (e)?.name === 'QuotaExceededError';
        return {
          runs: kept,
          notice: { key: full ? 'runs.full' : 'runs.notSaved' },
        };
      }
      return { runs: kept, notice: before.notice };
    },
    /** Forgets every saved run of one experiment. @param {string} id */
    async forget(id) {
      memory.set(id, []);
      if (!kv) return { runs: [], notice: null };
      try {
        await kv.del(keyOf(id));
      } catch {
        return { runs: [], notice: { key: 'runs.notRemoved' } };
      }
      return { runs: [], notice: null };
    },
  };
}

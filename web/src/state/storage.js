// @ts-check
// The learner's progress in localStorage: one versioned record per concern (quiz answers,
// drill reveals, finished results). A corrupt, foreign or old record is discarded with a notice
// the page shows, never a crash; storage that is unavailable (private mode) degrades to memory.
// A notice is a catalogue message as data ("storage.*", its store named by "storage.store.<name>"),
// which the page writes in its language.

export const STORAGE_PREFIX = 'normlab:';

function safeStorage(storage) {
  try {
    const probe = `${STORAGE_PREFIX}probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

/**
 * createStore(storage, name, version, validate) -> {load(), save(data), clear()}
 * @param {Storage | null} storage
 * @param {string} name
 * @param {number} version
 * @param {(data: any) => boolean} [validate] true for a well-formed payload of this version
 */
export function createStore(storage, name, version, validate = () => true) {
  const key = `${STORAGE_PREFIX}${name}`;
  const backend = storage ? safeStorage(storage) : null;
  /** @type {string | null} */
  let memory = null;
  return {
    key,
    // -> {data: payload | null, notice: MessageData | null}
    load() {
      const store = { key: `storage.store.${name}` };
      let raw;
      try {
        raw = backend ? backend.getItem(key) : memory;
      } catch {
        return { data: null, notice: { key: 'storage.unreadable' } };
      }
      if (raw === null || raw === undefined) return { data: null, notice: null };
      let record;
      try {
        record = JSON.parse(raw);
      } catch {
        this.clear();
        return { data: null, notice: { key: 'storage.damaged', params: { store } } };
      }
      if (!record || typeof record !== 'object' || record.version !== version) {
        this.clear();
        return { data: null, notice: { key: 'storage.older', params: { store } } };
      }
      if (!validate(record.data)) {
        this.clear();
        return { data: null, notice: { key: 'storage.badForm', params: { store } } };
      }
      return { data: record.data, notice: null };
    },
    save(data) {
      const raw = JSON.stringify({ version, data });
      try {
        if (backend) backend.setItem(key, raw);
        else memory = raw;
        return true;
      } catch {
        memory = raw; // quota or privacy mode: keep it for this visit at least
        return false;
      }
    },
    clear() {
      memory = null;
      try {
        backend?.removeItem(key);
      } catch {
        /* nothing to clear */
      }
    },
  };
}

// Removes every NormLab record (the "reset my progress" control).
export function clearAllProgress(storage) {
  const backend = storage ? safeStorage(storage) : null;
  if (!backend) return 0;
  const keys = [];
  for (let i = 0; i < backend.length; i++) {
    const k = backend.key(i);
    if (k?.startsWith(STORAGE_PREFIX)) keys.push(k);
  }
  keys.forEach((k) => backend.removeItem(k));
  return keys.length;
}

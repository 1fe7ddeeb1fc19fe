// @ts-check
// Which language the site speaks. The language is part of the URL, as the query string before the
// hash ("?lang=es#/theory/rmsnorm"): the page's own links are hash links, so it stays across every
// page without touching them, and a shared link opens in the same language. Without one in the
// URL, the language the learner chose last (remembered in storage) wins, then the first of the
// browser's preferred languages the site has, then English.

export const DEFAULT_LANGUAGE = 'en';

/** The language named by a URL's query string ("?lang=es"), or null. @param {string} search */
export function languageInSearch(search) {
  return new URLSearchParams(String(search ?? '')).get('lang');
}

/**
 * @param {{search?: string, stored?: string | null, preferred?: readonly string[], available: readonly string[]}} where
 * @returns {string} one of `available`
 */
export function chooseLanguage({ search = '', stored = null, preferred = [], available }) {
  const has = (l) => typeof l === 'string' && available.includes(l);
  const fromUrl = languageInSearch(search);
  if (has(fromUrl)) return /** @type {string} */ (fromUrl);
  if (has(stored)) return /** @type {string} */ (stored);
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (has(base)) return base;
  }
  return has(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : available[0];
}

/**
 * The query string of the same page in `lang`: the other parameters kept, `lang` set.
 * @param {string} search  the current query string
 * @param {string} lang
 */
export function searchWithLanguage(search, lang) {
  const params = new URLSearchParams(String(search ?? ''));
  params.set('lang', lang);
  return `?${params}`;
}

/** Where the learner's chosen language is remembered (apart from progress: a reset keeps it). */
export const LANGUAGE_KEY = 'normlab-language';

/** The remembered language, or null (no storage, nothing saved). @param {Storage | null} storage */
export function loadLanguage(storage) {
  try {
    return storage?.getItem(LANGUAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Remembers the language; storage that refuses (private mode) is no error. */
export function saveLanguage(/** @type {Storage | null} */ storage, /** @type {string} */ lang) {
  try {
    storage?.setItem(LANGUAGE_KEY, lang);
  } catch {
    // the URL still carries the language
  }
}

// The interface catalogues as a build-time virtual module: `virtual:normlab-i18n` knows every
// web/src/i18n/<lang>.js (a language code as the file name). Only the reference language's
// catalogue is in the start-up bundle (it is every other language's fallback); each other
// language's is a chunk of its own, loaded when a page is shown in it. The module exports
// `reference` (its code), `names` ({lang: the language's name in itself, read at build time, for
// the language switch}) and `load` ({lang: () => Promise<messages>}); its default export is the
// reference catalogue.
// A language needs both halves, its course (content/<lang>/) and its catalogue: the build fails
// when one is missing, naming it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { courseLanguages } from './normlab.js';

export const I18N_ID = 'virtual:normlab-i18n';
const LANG_FILE = /^([a-z]{2,3}(?:-[A-Z]{2})?)\.js$/;

/** The languages that have a catalogue file in `dir`. @param {string} dir */
export function catalogueLanguages(dir) {
  return fs
    .readdirSync(dir)
    .map((f) => LANG_FILE.exec(f)?.[1])
    .filter((l) => l !== undefined)
    .sort();
}

/** Problems with the languages: one that has a course and no catalogue, or the reverse. */
export function languageProblems(contentRoot, dir) {
  const courses = courseLanguages(contentRoot);
  const catalogues = catalogueLanguages(dir);
  return [
    ...courses.filter((l) => !catalogues.includes(l)).map((l) => `content/${l}/ has no catalogue web/src/i18n/${l}.js`),
    ...catalogues.filter((l) => !courses.includes(l)).map((l) => `web/src/i18n/${l}.js has no course content/${l}/`),
  ];
}

export function i18nPlugin({ contentRoot, dir }) {
  const resolved = '\0' + I18N_ID;
  return {
    name: 'normlab-i18n',
    resolveId: (id) => (id === I18N_ID ? resolved : null),
    async load(id) {
      if (id !== resolved) return null;
      const problems = languageProblems(contentRoot, dir);
      if (problems.length) this.error(`The site's languages do not match:\n  ${problems.join('\n  ')}`);
      // the reference language first: the site falls back to it
      const langs = courseLanguages(contentRoot);
      const file = (/** @type {string} */ l) => JSON.stringify(path.join(dir, `${l}.js`));
      const names = {};
      for (const l of langs) {
        const name = (await import(pathToFileURL(path.join(dir, `${l}.js`)).href)).default['lang.name'];
        if (typeof name !== 'string' || !name) this.error(`web/src/i18n/${l}.js has no 'lang.name'`);
        names[l] = name;
        this.addWatchFile(path.join(dir, `${l}.js`));
      }
      const [reference, ...others] = langs;
      return `import messages from ${file(reference)};
export const reference = ${JSON.stringify(reference)};
export const names = ${JSON.stringify(names)};
export const load = {${[
        `${JSON.stringify(reference)}: () => Promise.resolve(messages)`,
        ...others.map((l) => `${JSON.stringify(l)}: () => import(${file(l)}).then((m) => m.default)`),
      ].join(', ')}};
export default messages;`;
    },
  };
}

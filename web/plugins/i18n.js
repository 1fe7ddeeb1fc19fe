// The interface catalogues as a build-time virtual module: `virtual:normlab-i18n` imports every
// web/src/i18n/<lang>.js (a language code as the file name) and exports them as {lang: messages}.
// A language needs both halves, its course (content/<lang>/) and its catalogue: the build fails
// when one is missing, naming it.
import fs from 'node:fs';
import path from 'node:path';
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
    load(id) {
      if (id !== resolved) return null;
      const problems = languageProblems(contentRoot, dir);
      if (problems.length) this.error(`The site's languages do not match:\n  ${problems.join('\n  ')}`);
      // the reference language first: the site falls back to it
      const langs = courseLanguages(contentRoot);
      const name = (l) => `lang_${l.replace('-', '_')}`;
      return `${langs.map((l) => `import ${name(l)} from ${JSON.stringify(path.join(dir, `${l}.js`))};`).join('\n')}
export default {${langs.map((l) => `${JSON.stringify(l)}: ${name(l)}`).join(', ')}};`;
    },
  };
}

// Vite plugins of NormLab: the course as a build-time virtual module, the data-set flag,
// and a size report of the built site.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { loadCourse } from './render-content.js';
import { validateCourse, compareLanguages } from './validate-content.js';
import { loadExercises, validateExercises } from './exercises.js';

// The verdicts of scripts/check_pytorch_claims.py (content/pytorch_claims.json), or null.
export function loadPytorchClaims(contentRoot) {
  const file = path.join(contentRoot, 'pytorch_claims.json');
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${e.message}`, { cause: e });
  }
}

// Loads, renders and checks the course; throws with every problem listed. experimentIds: the
// core's experiment ids, which the course's links and predict questions must name.
export function buildCourse(contentRoot, { experimentIds, lang = 'en' }) {
  if (!Array.isArray(experimentIds)) throw new Error("buildCourse needs the core's experiment ids");
  const widgetsUsed = [];
  const course = loadCourse(contentRoot, lang, {
    onWidget: (name, _attrs, env) => widgetsUsed.push({ name, file: env?.file }),
  });
  const exercises = loadExercises(contentRoot, lang);
  const problems = [
    ...validateCourse(course, { experimentIds, widgetsUsed, pytorchClaims: loadPytorchClaims(contentRoot) }),
    ...validateExercises(exercises, course),
  ];
  if (problems.length)
    throw new Error(`The course content has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  // each theory section and drill links to its exercises (in its own lazily loaded page data)
  const link = ({ slug, title }) => ({ slug, title });
  for (const t of course.theory) t.exercises = exercises.filter((e) => e.section === t.slug).map(link);
  for (const d of course.drills) d.exercises = exercises.filter((e) => e.drills?.includes(d.slug)).map(link);
  return { ...course, exercises };
}

// The languages of the course: every folder content/<lang>/ that has a theory/ folder, the
// reference language first. Every other language is built and checked against it.
export const REFERENCE_LANG = 'en';
export function courseLanguages(contentRoot) {
  if (!fs.existsSync(contentRoot)) return [REFERENCE_LANG];
  const found = fs
    .readdirSync(contentRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(e.name))
    .filter((e) => fs.existsSync(path.join(contentRoot, e.name, 'theory')))
    .map((e) => e.name)
    .sort();
  return [REFERENCE_LANG, ...found.filter((l) => l !== REFERENCE_LANG)];
}

// Every language of the course, built and checked (each on its own, then each against the
// reference language: same pages, questions, drills, exercises, sections). Throws with every
// problem listed. Returns {lang: course}.
export function buildCourses(contentRoot, { experimentIds }) {
  const langs = courseLanguages(contentRoot);
  const courses = {};
  const problems = [];
  for (const lang of langs) {
    try {
      courses[lang] = buildCourse(contentRoot, { experimentIds, lang });
    } catch (e) {
      problems.push(`[${lang}] ${e.message}`);
    }
  }
  const ref = courses[REFERENCE_LANG];
  if (ref) for (const lang of langs.slice(1)) if (courses[lang]) problems.push(...compareLanguages(ref, courses[lang]));
  if (problems.length) throw new Error(problems.join('\n'));
  return courses;
}

const COURSE_ID = 'virtual:normlab-course';
// The quiz's predict-before-you-run questions of one experiment, and the experiments that have some.
const predictQuestions = (c, id) => c.quiz.filter((q) => q.type === 'predict' && q.experiment === id);
const predictIds = (c) => [...new Set(c.quiz.filter((q) => q.type === 'predict').map((q) => q.experiment))];
// KaTeX's style sheet (and, through it, its fonts): imported by the page chunks whose HTML has
// math, so it loads with the first such page and does not hold up the first paint of the others.
// A chunk without math (most experiments' predict questions) does not import it: parsing it and
// restyling the page with its rules would cost the lab page's start for nothing.
const KATEX_CSS = createRequire(import.meta.url).resolve('katex/dist/katex.min.css');
/** A page module's source: its data as the default export, with KaTeX's style sheet when its HTML has math. */
const pageModule = (data) => {
  const json = JSON.stringify(data);
  return `${json.includes('class=\\"katex') ? `import ${JSON.stringify(KATEX_CSS)};\n` : ''}export default ${json};`;
};

// The source of one language's course index module (see coursePlugin).
const courseIndexSource = (c) => {
  const mod = (kind, slug) => JSON.stringify(`${COURSE_ID}/${c.lang}/${kind}${slug ? `/${slug}` : ''}`);
  const entry = (kind, item, keys) => {
    const fields = Object.fromEntries(keys.filter((k) => item[k] !== undefined).map((k) => [k, item[k]]));
    return `{...${JSON.stringify(fields)}, load: () => import(${mod(kind, item.slug)}).then((m) => m.default)}`;
  };
  return `{
  lang: ${JSON.stringify(c.lang)},
  theory: [${c.theory.map((t) => entry('theory', t, ['slug', 'title', 'order', 'summary', 'try', 'core'])).join(',\n')}],
  drills: [${c.drills.map((d) => entry('drills', d, ['slug', 'title', 'order', 'section', 'check'])).join(',\n')}],
  quizIndex: ${JSON.stringify(c.quiz.map((q) => ({ id: q.id, section: q.section })))},
  exerciseIndex: ${JSON.stringify(c.exercises.map((e) => ({ slug: e.slug, title: e.title, section: e.section })))},
  loadQuiz: () => import(${mod('quiz')}).then((m) => m.default),
  // an experiment page's predict-before-you-run questions, without the rest of the quiz
  loadPredict: (id) => ({${predictIds(c)
    .map((id) => `${JSON.stringify(id)}: () => import(${mod('predict', id)})`)
    .join(', ')}})[id]?.().then((m) => m.default) ?? Promise.resolve([]),
  loadExercises: () => import(${mod('exercises')}).then((m) => m.default),
}`;
};

// The course as virtual modules: a small index per language (titles, slugs, links) whose entries
// load their rendered page lazily (`load()`), so each page's HTML is its own chunk
// (virtual:normlab-course/<lang>/<kind>/<slug>) and the first page does not wait for the whole
// course. `virtual:normlab-course` holds the reference language's index (its default export) and
// `load` ({lang: () => Promise<index>}): every other language's index is a chunk of its own
// (virtual:normlab-course/<lang>/index), loaded when a page is shown in that language. catalogue: the core's experiment catalogue (see
// experiments.js), whose ids the course is checked against.
export function coursePlugin({ contentRoot, catalogue }) {
  const PREFIX = '\0' + COURSE_ID;
  let courses = null;
  const get = async () => {
    const experimentIds = (await catalogue()).map((d) => d.id);
    return (courses ??= buildCourses(contentRoot, { experimentIds }));
  };
  return {
    name: 'normlab-course',
    resolveId: (id) => (id === COURSE_ID || id.startsWith(COURSE_ID + '/') ? '\0' + id : null),
    handleHotUpdate(hmr) {
      if (hmr.file.startsWith(contentRoot)) courses = null;
    },
    buildStart() {
      courses = null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      if (fs.existsSync(contentRoot)) {
        for (const f of fs.readdirSync(contentRoot, { recursive: true })) this.addWatchFile(path.join(contentRoot, f));
      }
      const all = await get();
      const rest = id.slice(PREFIX.length);
      if (rest === '') {
        const [ref, ...others] = Object.values(all);
        const loadIndex = (c) =>
          `() => import(${JSON.stringify(`${COURSE_ID}/${c.lang}/index`)}).then((m) => m.default)`;
        return `const index = ${courseIndexSource(ref)};
export const reference = ${JSON.stringify(ref.lang)};
export const load = {${[
          `${JSON.stringify(ref.lang)}: () => Promise.resolve(index)`,
          ...others.map((c) => `${JSON.stringify(c.lang)}: ${loadIndex(c)}`),
        ].join(', ')}};
export default index;`;
      }
      const [, lang, kind, slug] = rest.split('/');
      const c = all[lang];
      if (!c) this.error(`no course in "${lang}"`);
      if (kind === 'index' && slug === undefined) return `export default ${courseIndexSource(c)};`;
      if (kind === 'quiz') return pageModule(c.quiz);
      if (kind === 'exercises') return pageModule(c.exercises);
      if (kind === 'predict') {
        if (!predictIds(c).includes(slug)) this.error(`no predict questions for the experiment "${slug}" in "${lang}"`);
        return pageModule(predictQuestions(c, slug));
      }
      const item = (kind === 'theory' ? c.theory : c.drills).find((x) => x.slug === slug);
      if (!item) this.error(`no ${kind} page "${slug}" in "${lang}"`);
      return pageModule(item);
    },
  };
}

// Whether TinyShakespeare was fetched into public/data, known at build time, so the site
// can say "missing, here is how to get it" without a failing request.
export function dataFlagPlugin({ publicDir }) {
  const file = path.join(publicDir, 'data', 'tinyshakespeare.txt');
  return {
    name: 'normlab-data-flag',
    config: () => ({ define: { __NORMLAB_HAS_SHAKESPEARE__: JSON.stringify(fs.existsSync(file)) } }),
  };
}

// Prints the gzipped size of the site's own code (JS + CSS + WASM + HTML) apart from the course
// text (the lazily loaded page chunks), data and fonts, and writes dist/size-report.json.
export function sizeReportPlugin() {
  let outDir;
  const contentChunks = new Set();
  let isPageBuild = false; // Vite also bundles the worker with these plugins; report once, for the page
  return {
    name: 'normlab-size-report',
    apply: 'build',
    configResolved: (c) => {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    generateBundle(_options, bundle) {
      if (Object.values(bundle).some((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId?.endsWith('.html')))
        isPageBuild = true;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.facadeModuleId?.startsWith('\0' + COURSE_ID + '/'))
          contentChunks.add(chunk.fileName);
      }
    },
    closeBundle(error) {
      if (error || !isPageBuild || !fs.existsSync(outDir)) return; // a failed build speaks for itself
      const rows = [];
      const walk = (dir) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) walk(p);
          else if (/\.(js|mjs|css|wasm|html)$/.test(e.name)) {
            const buf = fs.readFileSync(p);
            const file = path.relative(outDir, p);
            rows.push({
              file,
              kind: contentChunks.has(file) ? 'course' : 'code',
              bytes: buf.length,
              gzip: zlib.gzipSync(buf, { level: 9 }).length,
            });
          }
        }
      };
      walk(outDir);
      const sum = (kind) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + r.gzip, 0);
      const report = { code_gzip_bytes: sum('code'), course_gzip_bytes: sum('course'), files: rows };
      fs.writeFileSync(path.join(outDir, 'size-report.json'), JSON.stringify(report, null, 2));
      console.log(
        `NormLab site: own JS + CSS + WASM + HTML = ${(report.code_gzip_bytes / 1024).toFixed(1)} KB gzipped; ` +
          `course text (loaded per page) = ${(report.course_gzip_bytes / 1024).toFixed(1)} KB gzipped`,
      );
    },
  };
}

// The coding exercises (content/<lang>/exercises/*.md), loaded, rendered and checked at build time
// like the rest of the course. A file is front matter (slug, title, order, section, drills, task,
// checks, hints) and a body: the task in Markdown with a ```js starter block (the editor's first
// content, not shown as text), a "<!-- solution -->" line, then the worked solution with a
// ```js solution block (its code is kept as text too, for the tests).
import fs from 'node:fs';
import path from 'node:path';
import { ContentError, collectLinks, createRenderer, splitFrontMatter } from './render-content.js';
import { TASKS, CHECK_NAMES, ATOL, RTOL, OFFSET_TOL, GRAD_TOL, GRAD_H, EPS } from '../src/state/exercise-tasks.js';

const SOLUTION_MARKER = '<!-- solution -->';
const fence = (info) => new RegExp('```' + info + '\\r?\\n([\\s\\S]*?)\\r?\\n```');

export function loadExercises(contentRoot, lang = 'en') {
  const dir = path.join(contentRoot, lang, 'exercises');
  if (!fs.existsSync(dir)) return [];
  const r = createRenderer();
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const file = path.relative(contentRoot, path.join(dir, f));
      const { meta, body } = splitFrontMatter(fs.readFileSync(path.join(dir, f), 'utf8'), file);
      const at = body.indexOf(SOLUTION_MARKER);
      if (at < 0) throw new ContentError(`${file}: no "${SOLUTION_MARKER}" line between task and solution`);
      const task = body.slice(0, at);
      const solution = body.slice(at + SOLUTION_MARKER.length);
      const starter = fence('js starter').exec(task);
      const solutionCode = fence('js solution').exec(solution);
      if (!starter) throw new ContentError(`${file}: no \`\`\`js starter block in the task`);
      if (!solutionCode) throw new ContentError(`${file}: no \`\`\`js solution block in the solution`);
      const env = { file };
      const links = [];
      for (const text of [task, solution, ...(Array.isArray(meta.hints) ? meta.hints : [])])
        links.push(...collectLinks(r, String(text)));
      return {
        ...meta,
        file,
        taskHtml: r.markdown(task.replace(starter[0], ''), env),
        starter: starter[1] + '\n',
        hintsHtml: Array.isArray(meta.hints) ? meta.hints.map((h) => r.inline(String(h), env)) : [],
        solutionHtml: r.markdown(solution.replace(solutionCode[0], '```js\n' + solutionCode[1] + '\n```'), env),
        solutionCode: solutionCode[1] + '\n',
        checkList: (Array.isArray(meta.checks) ? meta.checks : []).map((id) => ({
          id,
          name: CHECK_NAMES[id] ?? id,
        })),
        tolerance:
          `|yours − core| ≤ ${ATOL} + ${RTOL} × |core| for every value (the large-offset check: ` +
          `${OFFSET_TOL} + ${OFFSET_TOL} × |core|, as float32 around 1000 is itself only that accurate); ε = ${EPS}. ` +
          `Gradcheck: central differences with step ${GRAD_H} in double, relative error ≤ ${GRAD_TOL}.`,
        links,
      };
    })
    .sort((a, b) => a.order - b.order);
}

const isText = (v) => typeof v === 'string' && v.trim() !== '';
const isSlug = (v) => typeof v === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v);

// Every problem with the exercises (empty when sound): fields, known task and checks, sections
// and drills that exist, internal links that resolve.
export function validateExercises(exercises, course) {
  const problems = [];
  const say = (where, what) => problems.push(`${where}: ${what}`);
  const theory = new Set(course.theory.map((t) => t.slug));
  const drills = new Set(course.drills.map((d) => d.slug));
  const slugs = new Set();
  for (const e of exercises) {
    if (slugs.has(e.slug)) say(e.file, `duplicate exercise slug "${e.slug}"`);
    slugs.add(e.slug);
    if (!isText(e.title)) say(e.file, 'missing title');
    if (!isSlug(e.slug)) say(e.file, `slug "${e.slug}" is not kebab-case`);
    if (typeof e.order !== 'number') say(e.file, 'order must be a number');
    if (!theory.has(e.section)) say(e.file, `section "${e.section}" is not a theory page`);
    for (const d of e.drills ?? []) if (!drills.has(d)) say(e.file, `drills names unknown drill "${d}"`);
    const task = TASKS[e.task];
    if (!task) say(e.file, `unknown task "${e.task}" (one of ${Object.keys(TASKS).join(', ')})`);
    if (!Array.isArray(e.checks) || e.checks.length === 0) say(e.file, 'checks must list at least one check');
    for (const c of e.checks ?? []) if (task && !task.checks[c]) say(e.file, `task "${e.task}" has no check "${c}"`);
    if (!Array.isArray(e.hints) || e.hints.length === 0 || !e.hints.every(isText))
      say(e.file, 'hints must be a list of texts');
    for (const fn of task?.functions ?? []) {
      if (!new RegExp(`function\\s+${fn}\\s*\\(`).test(e.starter)) say(e.file, `the starter does not define ${fn}`);
      if (!new RegExp(`function\\s+${fn}\\s*\\(`).test(e.solutionCode))
        say(e.file, `the solution does not define ${fn}`);
    }
  }
  for (const e of exercises)
    for (const href of e.links) {
      if (typeof href !== 'string' || !href.startsWith('#')) continue;
      const [page, id, extra] = href.replace(/^#\/?/, '').split('/');
      const ok =
        extra === undefined &&
        ((page === 'theory' && (id === undefined || theory.has(id))) ||
          (page === 'drills' && (id === undefined || drills.has(id))) ||
          (page === 'exercises' && (id === undefined || slugs.has(id))));
      if (!ok) say(e.file, `broken internal link ${href}`);
    }
  return problems;
}

// Build-time checks of the course: every field a page relies on is there and well-formed,
// every quiz answer is valid, every internal link resolves. Returns a list of problems
// (empty when the course is sound); the build and the tests fail on any.
//
// Statements about PyTorch: a theory page or drill lists the ids of the PyTorch statements it
// makes in its front matter (`pytorch_claims: [id, ...]`), a quiz question in its own
// `pytorch_claims` field. scripts/check_pytorch_claims.py checks each id with PyTorch and writes
// content/pytorch_claims.json; an id that has no entry there, or whose check did not pass, is a
// problem, so no page can carry a PyTorch statement that PyTorch contradicts.
export const WIDGETS = ['normalize', 'axes', 'gradcheck', 'signal'];
export const DRILL_CHECKS = ['ln-d1', 'gradcheck-rms', 'gradcheck-layer', 'groupnorm-identity', 'eps-gradient'];
const QUESTION_TYPES = ['single', 'multiple', 'numeric', 'predict'];
const isText = (v) => typeof v === 'string' && v.trim() !== '';
const isSlug = (v) => typeof v === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v);

// The ids named by a content item that have no passing check in the claims file (`claims` is
// the parsed pytorch_claims.json, or null when there is none), each with the reason.
export function unverifiedClaims(ids, claims) {
  const out = [];
  for (const id of ids) {
    const entry = claims?.claims?.[id];
    if (!claims) out.push(`"${id}": there is no content/pytorch_claims.json (run scripts/check_pytorch_claims.py)`);
    else if (!entry) out.push(`"${id}": no such check in pytorch_claims.json`);
    else if (entry.passed !== true) out.push(`"${id}": its check failed (observed ${JSON.stringify(entry.observed)})`);
  }
  return out;
}

export function validateCourse(course, { experimentIds, widgetsUsed = [], pytorchClaims = null }) {
  const problems = [];
  const say = (where, what) => problems.push(`${where}: ${what}`);
  const theorySlugs = new Set(course.theory.map((t) => t.slug));
  const drillSlugs = new Set(course.drills.map((d) => d.slug));
  const experiments = new Set(experimentIds);

  const unique = (items, key, kind) => {
    const seen = new Set();
    for (const it of items) {
      if (seen.has(it[key])) say(it.file ?? kind, `duplicate ${kind} ${key} "${it[key]}"`);
      seen.add(it[key]);
    }
  };
  unique(course.theory, 'slug', 'theory');
  unique(course.drills, 'slug', 'drill');
  unique(course.quiz, 'id', 'question');

  for (const t of course.theory) {
    if (!isText(t.title)) say(t.file, 'missing title');
    if (!isSlug(t.slug)) say(t.file, `slug "${t.slug}" is not kebab-case`);
    if (typeof t.order !== 'number') say(t.file, 'order must be a number');
    if (!isText(t.summary)) say(t.file, 'missing summary');
    if (!Array.isArray(t.try) || t.try.length === 0) say(t.file, 'try must list at least one experiment');
    for (const id of t.try ?? []) if (!experiments.has(id)) say(t.file, `try names unknown experiment "${id}"`);
    if (!Array.isArray(t.core)) say(t.file, 'core must list the C++ functions the page explains');
    if (!isText(t.html)) say(t.file, 'empty body');
  }
  for (const d of course.drills) {
    if (!isText(d.title)) say(d.file, 'missing title');
    if (!isSlug(d.slug)) say(d.file, `slug "${d.slug}" is not kebab-case`);
    if (!theorySlugs.has(d.section)) say(d.file, `section "${d.section}" is not a theory page`);
    if (d.check !== undefined && !DRILL_CHECKS.includes(d.check)) say(d.file, `unknown live check "${d.check}"`);
    if (!isText(d.problemHtml) || !isText(d.solutionHtml)) say(d.file, 'problem or solution is empty');
  }
  for (const q of course.quiz) {
    const where = `quiz ${q.id ?? '(no id)'}`;
    if (!isSlug(q.id)) say(where, 'id must be kebab-case');
    if (!theorySlugs.has(q.section)) say(where, `section "${q.section}" is not a theory page`);
    if (!QUESTION_TYPES.includes(q.type)) {
      say(where, `type "${q.type}" is not one of ${QUESTION_TYPES.join(', ')}`);
      continue;
    }
    if (!isText(q.prompt)) say(where, 'missing prompt');
    if (!isText(q.explanation)) say(where, 'missing explanation');
    // the quiz teaches: a first wrong try gets a hint, so every question that is not a prediction
    // needs one; a prediction states the run it is about and what quick mode shows of it
    if (q.hint !== undefined ? !isText(q.hint) : q.type !== 'predict')
      say(where, 'needs a hint (a non-empty text shown after a first wrong try)');
    for (const k of ['settings', 'quick'])
      if (q.type === 'predict' ? !isText(q[k]) : q[k] !== undefined)
        say(where, `${k} is a text that predict questions need (and only they have)`);
    // quick_answers: false says quick mode cannot answer the question as asked (the page then warns)
    if (q.quick_answers !== undefined && (q.type !== 'predict' || typeof q.quick_answers !== 'boolean'))
      say(where, 'quick_answers is true or false, for predict questions');
    if (q.type === 'numeric') {
      if (typeof q.answer !== 'number' || !Number.isFinite(q.answer)) say(where, 'numeric answer must be a number');
      if (q.tolerance !== undefined && !(typeof q.tolerance === 'number' && q.tolerance >= 0))
        say(where, 'tolerance must be a number >= 0');
      continue;
    }
    const n = Array.isArray(q.choices) ? q.choices.length : 0;
    if (n < 2) {
      say(where, 'needs at least two choices');
      continue;
    }
    const inRange = (i) => Number.isInteger(i) && i >= 0 && i < n;
    if (q.type === 'multiple') {
      if (!Array.isArray(q.answer) || q.answer.length === 0 || !q.answer.every(inRange))
        say(where, 'answer must list valid choice indices');
      else if (new Set(q.answer).size !== q.answer.length) say(where, 'answer repeats a choice');
    } else if (!inRange(q.answer)) {
      say(where, `answer ${JSON.stringify(q.answer)} is not a valid choice index (0..${n - 1})`);
    }
    if (q.type === 'predict' && !experiments.has(q.experiment))
      say(where, `predict question names unknown experiment "${q.experiment}"`);
  }

  const checkLink = (where, href) => {
    if (typeof href !== 'string') return;
    if (/^javascript:/i.test(href)) {
      say(where, `unsafe link ${href}`);
      return;
    }
    if (!href.startsWith('#')) {
      // external references (papers) are plain links, not requests; only https ones
      if (!/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//i.test(href)) say(where, `external link ${href} is not an https URL`);
      return;
    }
    const [page, id, extra] = href.replace(/^#\/?/, '').split('/');
    const ok =
      (page === '' && id === undefined) ||
      (page === 'theory' && (id === undefined || theorySlugs.has(id))) ||
      (page === 'drills' && (id === undefined || drillSlugs.has(id))) ||
      (page === 'lab' && (id === undefined || experiments.has(id))) ||
      (page === 'quiz' && id === undefined);
    if (!ok || extra !== undefined) say(where, `broken internal link ${href}`);
  };
  for (const t of course.theory) t.links.forEach((h) => checkLink(t.file, h));
  for (const d of course.drills) d.links.forEach((h) => checkLink(d.file, h));
  for (const q of course.quiz) q.links.forEach((h) => checkLink(`quiz ${q.id}`, h));
  for (const { name, file } of widgetsUsed) if (!WIDGETS.includes(name)) say(file, `unknown widget "${name}"`);
  const claimsOf = (where, item) => {
    const ids = item.pytorch_claims;
    if (ids === undefined) return;
    if (!Array.isArray(ids) || !ids.every(isSlug)) {
      say(where, 'pytorch_claims must be a list of kebab-case claim ids');
      return;
    }
    for (const why of unverifiedClaims(ids, pytorchClaims)) say(where, `states a PyTorch claim ${why}`);
  };
  for (const t of course.theory) claimsOf(t.file, t);
  for (const d of course.drills) claimsOf(d.file, d);
  for (const q of course.quiz) claimsOf(`quiz ${q.id}`, q);
  return problems;
}

// The structure of a rendered page that every language must share: its headings (level by
// level), its figures, widgets and display formulas, in order.
function pageShape(html) {
  const all = (re) => [...String(html ?? '').matchAll(re)].map((m) => m[1]).join(',');
  return {
    headings: all(/<(h[1-6])[\s>]/g),
    figures: all(/data-figure="([^"]*)"/g),
    widgets: all(/data-widget="([^"]*)"/g),
    formulas: String((String(html ?? '').match(/class="math-display"/g) ?? []).length),
  };
}

// Checks a translated course against the reference one: the same theory pages, drills, quiz
// questions and exercises (same slugs and ids, in the same order), each with the same section,
// the same language-free fields (experiments, core functions, answers, tolerances, checks) and
// the same page structure. Returns a list of problems, each naming the language and the item.
export function compareLanguages(ref, other) {
  const problems = [];
  const say = (where, what) => problems.push(`[${other.lang}] ${where}: ${what}`);
  const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const compareList = (kind, key, refItems, items, fields, shapes = []) => {
    const ids = items.map((x) => x[key]);
    const refIds = refItems.map((x) => x[key]);
    for (const id of refIds) if (!ids.includes(id)) say(kind, `missing ${kind} "${id}" (it is in ${ref.lang})`);
    for (const id of ids) if (!refIds.includes(id)) say(kind, `${kind} "${id}" is not in ${ref.lang}`);
    if (refIds.every((id) => ids.includes(id)) && !same(ids, refIds))
      say(kind, `${kind} are not in the same order as in ${ref.lang}`);
    for (const r of refItems) {
      const x = items.find((i) => i[key] === r[key]);
      if (!x) continue;
      const where = `${kind} "${r[key]}"`;
      for (const f of fields)
        if (!same(r[f], x[f])) say(where, `${f} is ${JSON.stringify(x[f])}, in ${ref.lang} ${JSON.stringify(r[f])}`);
      for (const h of shapes) {
        const a = pageShape(r[h]);
        const b = pageShape(x[h]);
        for (const part of Object.keys(a))
          if (a[part] !== b[part])
            say(where, `${part} differ from ${ref.lang} (${b[part] || 'none'} vs ${a[part] || 'none'})`);
      }
    }
  };
  compareList('theory', 'slug', ref.theory, other.theory, ['order', 'try', 'core', 'pytorch_claims'], ['html']);
  compareList(
    'drills',
    'slug',
    ref.drills,
    other.drills,
    ['order', 'section', 'check', 'pytorch_claims'],
    ['problemHtml', 'solutionHtml'],
  );
  compareList('quiz', 'id', ref.quiz, other.quiz, [
    'section',
    'type',
    'answer',
    'tolerance',
    'experiment',
    'quick_answers',
    'pytorch_claims',
  ]);
  for (const r of ref.quiz) {
    const x = other.quiz.find((q) => q.id === r.id);
    if (x && (r.choices?.length ?? 0) !== (x.choices?.length ?? 0))
      say(`quiz "${r.id}"`, 'has a different number of choices');
    for (const k of ['hint', 'settings', 'quick'])
      if (x && (r[k] === undefined) !== (x[k] === undefined)) say(`quiz "${r.id}"`, `${k} is in one language only`);
  }
  compareList('exercises', 'slug', ref.exercises ?? [], other.exercises ?? [], [
    'order',
    'section',
    'drills',
    'task',
    'checks',
  ]);
  return problems;
}

// Build-time checks of the course content: the real course passes them, and each kind of
// mistake in a course is caught with a message naming the file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../lib/wasm-node.mjs';
import { buildCourse, buildCourses, courseLanguages, loadPytorchClaims } from '../../web/plugins/normlab.js';
import { loadCoreCatalogue } from '../../web/plugins/experiments.js';
import { unverifiedClaims } from '../../web/plugins/validate-content.js';
import { checkAnswer, quizScore, isValidQuizRecord } from '../../web/src/state/quiz.js';

// the course is checked against the core's experiment ids, as the site build does
let experimentIds;
before(async () => {
  experimentIds = (await loadCoreCatalogue()).map((d) => d.id);
});

test('the real course parses, renders its math and passes every check', () => {
  const course = buildCourse(path.join(repoRoot, 'content'), { experimentIds });
  assert.ok(course.theory.length >= 9, `${course.theory.length} theory sections`);
  assert.ok(course.quiz.length >= 20, `${course.quiz.length} quiz questions`);
  assert.ok(course.drills.length >= 8, `${course.drills.length} drills`);
  const types = new Set(course.quiz.map((q) => q.type));
  for (const t of ['single', 'multiple', 'numeric', 'predict']) assert.ok(types.has(t), `no ${t} question`);
  for (const t of course.theory) assert.match(t.html, /class="katex/, `${t.file} has no rendered math`);
  for (const t of course.theory)
    assert.ok(
      t.links.some((h) => h.startsWith('#/lab/')),
      `${t.file} has no "try it" link to an experiment`,
    );
});

function courseWith(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-content-'));
  const good = {
    'en/theory/01-a.md':
      '---\ntitle: A\nslug: a\norder: 1\nsummary: S\ntry: [signal]\ncore: [rmsnorm_forward]\n---\n## Body\n\n$x^2$ and [try](#/lab/signal)\n',
    'en/drills/01-d.md': '---\ntitle: D\nslug: d\norder: 1\nsection: a\n---\nProblem.\n<!-- solution -->\nSolution.\n',
    'en/quiz.yaml':
      '- id: q1\n  section: a\n  type: single\n  prompt: P\n  choices: [x, y]\n  answer: 1\n  explanation: E\n  hint: H\n' +
      '- id: q2\n  section: a\n  type: predict\n  experiment: signal\n  prompt: P\n  choices: [x, y]\n  answer: 0\n' +
      '  explanation: E\n  settings: S\n  quick: Q\n  quick_answers: false\n',
  };
  for (const [rel, text] of Object.entries({ ...good, ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    if (text !== null) fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

test('a minimal sound course passes', () => {
  const c = buildCourse(courseWith({}), { experimentIds });
  assert.equal(c.theory[0].slug, 'a');
  assert.match(c.theory[0].html, /katex/);
});

const bad = [
  ['missing front matter', { 'en/theory/01-a.md': '## no front matter\n' }, /missing front matter/],
  [
    'KaTeX error',
    {
      'en/theory/01-a.md': '---\ntitle: A\nslug: a\norder: 1\nsummary: S\ntry: [signal]\ncore: []\n---\n$\\frac{1}{$\n',
    },
    /KaTeX cannot render/,
  ],
  [
    'answer out of range',
    {
      'en/quiz.yaml':
        '- id: q1\n  section: a\n  type: single\n  prompt: P\n  choices: [x, y]\n  answer: 2\n  explanation: E\n',
    },
    /not a valid choice index/,
  ],
  [
    'unknown section',
    { 'en/quiz.yaml': '- id: q1\n  section: nope\n  type: numeric\n  prompt: P\n  answer: 2\n  explanation: E\n' },
    /section "nope" is not a theory page/,
  ],
  [
    'broken link',
    {
      'en/drills/01-d.md':
        '---\ntitle: D\nslug: d\norder: 1\nsection: a\n---\n[x](#/theory/missing)\n<!-- solution -->\nS\n',
    },
    /broken internal link #\/theory\/missing/,
  ],
  [
    'unknown widget',
    {
      'en/theory/01-a.md':
        '---\ntitle: A\nslug: a\norder: 1\nsummary: S\ntry: [signal]\ncore: []\n---\n```widget\nbogus\n```\n',
    },
    /unknown widget "bogus"/,
  ],
  [
    'unknown experiment',
    { 'en/theory/01-a.md': '---\ntitle: A\nslug: a\norder: 1\nsummary: S\ntry: [nope]\ncore: []\n---\nx\n' },
    /unknown experiment "nope"/,
  ],
  [
    'no solution marker',
    { 'en/drills/01-d.md': '---\ntitle: D\nslug: d\norder: 1\nsection: a\n---\nProblem only\n' },
    /no "<!-- solution -->"/,
  ],
  [
    'multiple without answers',
    {
      'en/quiz.yaml':
        '- id: q1\n  section: a\n  type: multiple\n  prompt: P\n  choices: [x, y]\n  answer: []\n  explanation: E\n',
    },
    /valid choice indices/,
  ],
  [
    'quick_answers that is not a boolean',
    {
      'en/quiz.yaml':
        '- id: q1\n  section: a\n  type: predict\n  experiment: signal\n  prompt: P\n  choices: [x, y]\n  answer: 1\n  explanation: E\n  quick_answers: "no"\n',
    },
    /quiz q1: quick_answers is true or false/,
  ],
  [
    'a question without a hint',
    {
      'en/quiz.yaml':
        '- id: q1\n  section: a\n  type: single\n  prompt: P\n  choices: [x, y]\n  answer: 1\n  explanation: E\n',
    },
    /quiz q1: needs a hint/,
  ],
  [
    'a predict question that does not state its run or quick mode',
    {
      'en/quiz.yaml':
        '- id: q1\n  section: a\n  type: predict\n  experiment: signal\n  prompt: P\n  choices: [x, y]\n  answer: 1\n  explanation: E\n  settings: S\n',
    },
    /quiz q1: quick is a text that predict questions need/,
  ],
  [
    'settings on a question that is not a prediction',
    {
      'en/quiz.yaml':
        '- id: q1\n  section: a\n  type: numeric\n  prompt: P\n  answer: 2\n  explanation: E\n  hint: H\n  settings: S\n',
    },
    /quiz q1: settings is a text that predict questions need \(and only they have\)/,
  ],
  ['bad yaml', { 'en/quiz.yaml': '- id: [unclosed\n' }, /not valid YAML/],
];
for (const [name, files, message] of bad) {
  test(`content check catches: ${name}`, () => {
    assert.throws(() => buildCourse(courseWith(files), { experimentIds }), message);
  });
}

// Statements about PyTorch: a page names the claim ids it states; the build accepts only ids
// whose check (scripts/check_pytorch_claims.py) passed.
const claimPage = (ids) =>
  `---\ntitle: A\nslug: a\norder: 1\nsummary: S\ntry: [signal]\ncore: []\npytorch_claims: ${ids}\n---\n$x$ [t](#/lab/signal)\n`;
const claimsFile = JSON.stringify({
  claims: {
    'bn-eps': { statement: 'eps is 1e-5', passed: true, observed: 1e-5 },
    'bn-wrong': { statement: 'eps is 1e-3', passed: false, observed: 1e-5 },
  },
});
const claimCases = [
  [
    'a claim id with no check',
    { 'en/theory/01-a.md': claimPage('[bn-eps, bn-missing]'), 'pytorch_claims.json': claimsFile },
    /en\/theory\/01-a\.md: states a PyTorch claim "bn-missing": no such check/,
  ],
  [
    'a claim whose check failed',
    { 'en/theory/01-a.md': claimPage('[bn-wrong]'), 'pytorch_claims.json': claimsFile },
    /states a PyTorch claim "bn-wrong": its check failed \(observed 0\.00001\)/,
  ],
  [
    'a claim without any claims file',
    { 'en/theory/01-a.md': claimPage('[bn-eps]') },
    /there is no content\/pytorch_claims\.json/,
  ],
  [
    'a quiz claim that failed',
    {
      'en/quiz.yaml':
        '- id: q1\n  section: a\n  type: numeric\n  prompt: P\n  answer: 2\n  explanation: E\n  pytorch_claims: [bn-wrong]\n',
      'pytorch_claims.json': claimsFile,
    },
    /quiz q1: states a PyTorch claim "bn-wrong"/,
  ],
  [
    'a drill claim list that is not a list',
    {
      'en/drills/01-d.md':
        '---\ntitle: D\nslug: d\norder: 1\nsection: a\npytorch_claims: bn-eps\n---\nP\n<!-- solution -->\nS\n',
      'pytorch_claims.json': claimsFile,
    },
    /pytorch_claims must be a list/,
  ],
];
for (const [name, files, message] of claimCases) {
  test(`content check catches: ${name}`, () => {
    assert.throws(() => buildCourse(courseWith(files), { experimentIds }), message);
  });
}

test('a page whose PyTorch claims all passed builds', () => {
  const c = buildCourse(courseWith({ 'en/theory/01-a.md': claimPage('[bn-eps]'), 'pytorch_claims.json': claimsFile }), {
    experimentIds,
  });
  assert.deepEqual(c.theory[0].pytorch_claims, ['bn-eps']);
  assert.deepEqual(
    unverifiedClaims(['bn-eps', 'bn-wrong', 'nope'], JSON.parse(claimsFile)).map((s) => s.split(':')[0]),
    ['"bn-wrong"', '"nope"'],
  );
});

test('the committed PyTorch claims: every check passed, and every check is named by some page', () => {
  const root = path.join(repoRoot, 'content');
  const claims = loadPytorchClaims(root);
  assert.ok(claims, 'content/pytorch_claims.json exists');
  const ids = Object.keys(claims.claims);
  assert.ok(ids.length >= 10, `${ids.length} claims`);
  for (const id of ids)
    assert.equal(claims.claims[id].passed, true, `${id}: ${JSON.stringify(claims.claims[id].observed)}`);
  const course = buildCourse(root, { experimentIds });
  const named = new Set([...course.theory, ...course.drills, ...course.quiz].flatMap((x) => x.pytorch_claims ?? []));
  assert.deepEqual(
    ids.filter((id) => !named.has(id)),
    [],
    'checks that no page names',
  );
});

test('raw HTML in content is escaped, not rendered', () => {
  const c = buildCourse(
    courseWith({
      'en/theory/01-a.md':
        '---\ntitle: A\nslug: a\norder: 1\nsummary: S\ntry: [signal]\ncore: []\n---\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n',
    }),
    { experimentIds },
  );
  assert.doesNotMatch(c.theory[0].html, /<script|<img/);
  assert.match(c.theory[0].html, /&lt;script&gt;/);
});

test('quiz answers are checked per question type', () => {
  assert.equal(checkAnswer({ type: 'single', answer: 1 }, 1).correct, true);
  assert.equal(checkAnswer({ type: 'single', answer: 1 }, 0).correct, false);
  assert.match(checkAnswer({ type: 'single', answer: 1 }, null).error, /Choose one/);
  assert.equal(checkAnswer({ type: 'multiple', answer: [0, 2] }, [2, 0]).correct, true);
  assert.equal(checkAnswer({ type: 'multiple', answer: [0, 2] }, [0]).correct, false);
  assert.match(checkAnswer({ type: 'multiple', answer: [0] }, []).error, /at least one/);
  assert.equal(checkAnswer({ type: 'numeric', answer: 1536, tolerance: 0 }, '1,536').correct, true);
  assert.equal(checkAnswer({ type: 'numeric', answer: 0.5, tolerance: 0.01 }, '0.505').correct, true);
  assert.equal(checkAnswer({ type: 'numeric', answer: 0.5, tolerance: 0.01 }, '0.52').correct, false);
  assert.match(checkAnswer({ type: 'numeric', answer: 1 }, 'abc').error, /not a number/);
  assert.match(checkAnswer({ type: 'numeric', answer: 1 }, ' ').error, /Type a number/);
});

test('quiz score counts answered and correct', () => {
  const qs = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  assert.deepEqual(quizScore(qs, { a: { correct: true, response: 1 }, b: { correct: false, response: 0 } }), {
    answered: 2,
    correct: 1,
    missed: ['b'],
    total: 3,
  });
  assert.equal(isValidQuizRecord({ a: { correct: true, response: 1 } }), true);
  assert.equal(isValidQuizRecord({ a: { correct: 'yes' } }), false);
  assert.equal(isValidQuizRecord([]), false);
});

test('every language of the real course builds and matches English item for item', () => {
  const root = path.join(repoRoot, 'content');
  // the languages are the folders of content/ (a third one is added there, nowhere else)
  const langs = courseLanguages(root);
  assert.equal(langs[0], 'en');
  assert.ok(langs.includes('es'), langs.join(' '));
  const courses = buildCourses(root, { experimentIds });
  const { en, es } = courses;
  for (const lang of langs) {
    assert.deepEqual(
      courses[lang].quiz.map((q) => [q.id, q.answer]),
      en.quiz.map((q) => [q.id, q.answer]),
      lang,
    );
    assert.deepEqual(
      courses[lang].theory.map((t) => t.slug),
      en.theory.map((t) => t.slug),
      lang,
    );
  }
  // the Spanish pages show the Spanish figures (their own files, their own words)
  const figure = (c) => c.theory.find((t) => t.slug === 'bn-practice').html;
  assert.match(figure(es), /grafo de inferencia/);
  assert.doesNotMatch(figure(es), /inference graph/);
  assert.match(figure(en), /inference graph/);
});

const es = {
  'es/theory/01-a.md':
    '---\ntitle: A es\nslug: a\norder: 1\nsummary: S\ntry: [signal]\ncore: [rmsnorm_forward]\n---\n## Cuerpo\n\n$x^2$ y [prueba](#/lab/signal)\n',
  'es/drills/01-d.md': '---\ntitle: D\nslug: d\norder: 1\nsection: a\n---\nProblema.\n<!-- solution -->\nSolución.\n',
  'es/quiz.yaml':
    '- id: q1\n  section: a\n  type: single\n  prompt: P es\n  choices: [x, y]\n  answer: 1\n  explanation: E es\n  hint: H es\n' +
    '- id: q2\n  section: a\n  type: predict\n  experiment: signal\n  prompt: P es\n  choices: [x, y]\n  answer: 0\n' +
    '  explanation: E es\n  settings: S es\n  quick: Q es\n  quick_answers: false\n',
};

test('a second language that matches the first passes', () => {
  const c = buildCourses(courseWith(es), { experimentIds });
  assert.deepEqual(Object.keys(c), ['en', 'es']);
  assert.equal(c.es.theory[0].title, 'A es');
});

const badTranslations = [
  ['a missing question', { 'es/quiz.yaml': es['es/quiz.yaml'].split('- id: q2')[0] }, /\[es\] quiz: missing quiz "q2"/],
  [
    'another answer',
    { 'es/quiz.yaml': es['es/quiz.yaml'].replace('answer: 1', 'answer: 0') },
    /quiz "q1": answer is 0/,
  ],
  [
    'a missing page',
    { 'es/theory/01-a.md': null, 'es/drills/01-d.md': null, 'es/quiz.yaml': '[]\n' },
    /missing theory "a"/,
  ],
  ['another section', { 'es/drills/01-d.md': es['es/drills/01-d.md'].replace('section: a', 'section: b') }, /section/],
  [
    'a heading less',
    { 'es/theory/01-a.md': es['es/theory/01-a.md'].replace('## Cuerpo', 'Cuerpo') },
    /theory "a": headings differ/,
  ],
  [
    'a broken link in the language',
    { 'es/theory/01-a.md': es['es/theory/01-a.md'].replace('#/lab/signal', '#/theory/nope') },
    /\[es\][\s\S]*broken internal link #\/theory\/nope/,
  ],
  [
    'a KaTeX error in the language',
    { 'es/theory/01-a.md': es['es/theory/01-a.md'].replace('$x^2$', '$\\frac{x$') },
    /\[es\][\s\S]*KaTeX/,
  ],
];
for (const [name, files, message] of badTranslations) {
  test(`a translation with ${name} fails the build`, () => {
    assert.throws(() => buildCourses(courseWith({ ...es, ...files }), { experimentIds }), message);
  });
}

// The course's virtual modules (web/plugins/normlab.js, coursePlugin) as the site build loads them:
// an experiment page gets its own predict questions (in its page's language) and not the whole quiz, and every page module
// whose HTML can hold math brings KaTeX's style sheet (which is not in the start-up CSS any more).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { repoRoot } from '../lib/wasm-node.mjs';
import { buildCourse, coursePlugin, courseLanguages } from '../../web/plugins/normlab.js';
import { loadCoreCatalogue } from '../../web/plugins/experiments.js';

const contentRoot = path.join(repoRoot, 'content');
let catalogue;
let course;
let plugin;
// the plugin's load hook with the bits of Rollup's context it uses
const load = (id) =>
  plugin.load.call(
    {
      addWatchFile() {},
      error(message) {
        throw new Error(message);
      },
    },
    plugin.resolveId(id),
  );
// a module's default export, read back from its source (JSON after "export default")
const exported = (code) => JSON.parse(/export default ([\s\S]*);\s*$/.exec(code)[1]);

before(async () => {
  catalogue = await loadCoreCatalogue();
  course = buildCourse(contentRoot, { experimentIds: catalogue.map((d) => d.id) });
  plugin = coursePlugin({ contentRoot, catalogue: async () => catalogue });
});

test("an experiment's predict module holds its predict questions, and only those", async () => {
  const withPredict = [...new Set(course.quiz.filter((q) => q.type === 'predict').map((q) => q.experiment))];
  assert.ok(withPredict.length > 0, 'the course has predict questions');
  const index = await load('virtual:normlab-course');
  for (const id of withPredict) {
    assert.ok(index.includes(`virtual:normlab-course/en/predict/${id}`), `the index can load ${id}'s questions`);
    const questions = exported(await load(`virtual:normlab-course/en/predict/${id}`));
    const expected = course.quiz.filter((q) => q.type === 'predict' && q.experiment === id).map((q) => q.id);
    assert.deepEqual(
      questions.map((q) => q.id),
      expected,
    );
  }
  const without = catalogue.map((d) => d.id).find((id) => !withPredict.includes(id));
  if (without) {
    assert.ok(!index.includes(`virtual:normlab-course/en/predict/${without}"`), `${without} has no predict module`);
    await assert.rejects(load(`virtual:normlab-course/en/predict/${without}`), /no predict questions/);
  }
});

test("the page modules whose HTML has math bring KaTeX's style sheet; the others and the index do not", async () => {
  const css = /^import "[^"]*katex\.min\.css";$/m;
  assert.doesNotMatch(await load('virtual:normlab-course'), /katex/);
  const predictIds = [...new Set(course.quiz.filter((q) => q.type === 'predict').map((q) => q.experiment))];
  for (const lang of courseLanguages(contentRoot)) {
    const pages = [
      `theory/${course.theory[0].slug}`,
      `drills/${course.drills[0].slug}`,
      'quiz',
      'exercises',
      ...predictIds.map((id) => `predict/${id}`),
    ];
    const seen = { math: 0, plain: 0 };
    for (const p of pages) {
      const code = await load(`virtual:normlab-course/${lang}/${p}`);
      const hasMath = JSON.stringify(exported(code)).includes('class=\\"katex');
      seen[hasMath ? 'math' : 'plain']++;
      if (hasMath) assert.match(code, css, `${lang}/${p} has math: it brings the style sheet`);
      else assert.doesNotMatch(code, /katex/, `${lang}/${p} has no math: no style sheet`);
    }
    // both kinds exist: a theory page has math, and some experiment's predict questions have none
    assert.ok(seen.math > 0 && seen.plain > 0, `${lang}: ${JSON.stringify(seen)}`);
  }
});

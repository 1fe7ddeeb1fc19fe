// Theory figures: every section has one, each inlined SVG is labelled by its text alternative,
// and a figure that is missing, unlabelled or not inert fails the build with the file named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse, unsafeSvg } from '../../web/plugins/render-content.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test('every theory section has a labelled SVG figure with a caption', () => {
  const course = loadCourse(path.join(repoRoot, 'content'), 'en');
  for (const t of course.theory) {
    const figures = t.html.match(/<figure class="figure"[\s\S]*?<\/figure>/g) ?? [];
    assert.ok(figures.length >= 1, `${t.file} has no figure`);
    for (const f of figures) {
      assert.match(f, /<svg role="img" aria-label="[^"]{20,}"/, `${t.file}: figure without a text alternative`);
      assert.match(f, /<figcaption>/, `${t.file}: figure without a caption`);
      assert.doesNotMatch(f, /<script|\son\w+=/i, `${t.file}: figure is not inert`);
    }
  }
});

test('unsafe SVG is refused', () => {
  const ok = '<svg viewBox="0 0 10 10"><rect x="1" y="1" width="2" height="2" class="f-cell"/></svg>';
  assert.equal(unsafeSvg(ok), null);
  assert.match(unsafeSvg('<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>'), /forbidden/);
  assert.match(unsafeSvg('<svg viewBox="0 0 1 1" onload="x()"></svg>'), /event handler/);
  assert.match(unsafeSvg('<svg viewBox="0 0 1 1"><a href="https://x.test">l</a></svg>'), /forbidden|outside/);
  assert.match(unsafeSvg('<svg viewBox="0 0 1 1"><rect fill="url(https://x.test/a)"/></svg>'), /outside/);
  assert.match(unsafeSvg('<svg><rect/></svg>'), /viewBox/);
  assert.match(unsafeSvg('<div></div>'), /does not start/);
});

function courseWithFigure(block, svg) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-fig-'));
  fs.mkdirSync(path.join(root, 'en', 'theory'), { recursive: true });
  fs.mkdirSync(path.join(root, 'en', 'figures'), { recursive: true });
  if (svg) fs.writeFileSync(path.join(root, 'en', 'figures', 'a.svg'), svg);
  fs.writeFileSync(
    path.join(root, 'en', 'theory', '01-a.md'),
    `---\ntitle: A\nslug: a\norder: 1\n---\nText.\n\n\`\`\`figure\n${block}\n\`\`\`\n`,
  );
  return () => loadCourse(root, 'en');
}

test('a figure block that is missing its file, its alt text or is unsafe fails with the file named', () => {
  const svg = '<svg viewBox="0 0 10 10"><rect class="f-cell"/></svg>';
  const alt = 'alt: "A square that stands for a whole tensor of activations."';
  assert.match(courseWithFigure(`src: a.svg\n${alt}`, svg)().theory[0].html, /role="img" aria-label="A square/);
  assert.throws(courseWithFigure(`src: b.svg\n${alt}`, svg), /01-a\.md: figure b\.svg not found/);
  assert.throws(courseWithFigure('src: a.svg', svg), /01-a\.md: figure a\.svg needs an alt text/);
  assert.throws(courseWithFigure(`src: ../x.svg\n${alt}`, svg), /must be a file name/);
  assert.throws(courseWithFigure(`src: a.svg\n${alt}`, '<svg viewBox="0 0 1 1" onclick="x()"></svg>'), /event handler/);
});

test('every theory section ends with references that link the papers (arXiv, DOI or proceedings)', () => {
  const course = loadCourse(path.join(repoRoot, 'content'), 'en');
  for (const t of course.theory) {
    const at = t.html.lastIndexOf('<h2>References</h2>');
    assert.ok(at > 0, `${t.file} has no References section`);
    const refs = t.html.slice(at).match(/href="([^"]+)"/g) ?? [];
    assert.ok(refs.length >= 1, `${t.file}: references without a link`);
    for (const r of refs)
      assert.match(
        r,
        /href="https:\/\/(arxiv\.org\/abs\/\d{4}\.\d{4,5}|doi\.org\/10\.|proceedings\.mlr\.press\/)/,
        `${t.file}: ${r}`,
      );
  }
});

// The experiments' text has one home, the core's catalogue: the site's build-time index carries
// the core's words unchanged, and no source file of the site holds a copy of them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/wasm-node.mjs';
import { EXPERIMENT_TEXT_KEYS, experimentIndex, loadCoreCatalogue } from '../../web/plugins/experiments.js';

let catalogue;
before(async () => {
  catalogue = await loadCoreCatalogue();
});

test("the site's experiment index is the core's catalogue text, in its order", () => {
  const index = experimentIndex(catalogue);
  assert.deepEqual(
    index.map((e) => e.id),
    catalogue.map((d) => d.id),
  );
  for (const [i, e] of index.entries()) {
    const def = catalogue[i];
    assert.equal(e.section, def.section);
    for (const key of EXPERIMENT_TEXT_KEYS) assert.equal(e[key], def[key] || undefined, `${def.id}.${key}`);
    assert.deepEqual(Object.keys(e).sort(), ['id', 'section', ...EXPERIMENT_TEXT_KEYS.filter((k) => def[k])].sort());
  }
});

test('an entry without its text is refused at build time, naming it', () => {
  assert.throws(
    () => experimentIndex([{ id: 'x', title: 'T', question: '', section: 's' }]),
    /entry x has no question/,
  );
  assert.throws(() => experimentIndex([{ title: 'T', question: 'Q', section: 's' }]), /entry \? has no id/);
});

const sourceFiles = (dir) =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(js|mjs|html|css)$/.test(e.name))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));

test("no source file of the site holds a copy of an experiment's title, question or what-to-look-for text", () => {
  const files = [...sourceFiles(path.join(repoRoot, 'web/src')), path.join(repoRoot, 'web/index.html')];
  assert.ok(files.length > 10, `${files.length} files`);
  const texts = catalogue.flatMap((d) => EXPERIMENT_TEXT_KEYS.filter((k) => d[k]).map((k) => [`${d.id}.${k}`, d[k]]));
  assert.ok(texts.length >= 2 * catalogue.length);
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    // a question copied and then edited is still a copy: its first words give it away
    for (const [name, text] of texts) {
      const head = text.split(' ').slice(0, 6).join(' ');
      assert.ok(
        !source.includes(text) && !source.includes(head),
        `${path.relative(repoRoot, file)} holds ${name}: "${head}…"`,
      );
    }
  }
});

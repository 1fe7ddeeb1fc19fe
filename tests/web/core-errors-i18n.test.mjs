// What the core rejects in a learner's settings, as data: through the real WASM build, each
// settings error carries a stable id and its params ("core.setting.<id>"); an English page shows
// the core's own sentence (the CLI's), a Spanish page the Spanish catalogue's, every placeholder
// filled from the params. An error the core gives no id for keeps its English.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadNormLabNode, repoRoot } from '../lib/wasm-node.mjs';
import { makeOps } from '../../web/src/engine/ops.js';
import { createI18n, sayError, ENGLISH } from '../../web/src/i18n/translate.js';
import en from '../../web/src/i18n/en.js';
import es from '../../web/src/i18n/es.js';

const SPANISH = createI18n('es', es, en);
let ops;
before(async () => {
  ops = makeOps(await loadNormLabNode());
});

/** The Error resolveConfig throws for these settings. */
function rejection(id, settings) {
  try {
    ops.resolveConfig({ id, settings });
  } catch (e) {
    return e;
  }
  assert.fail(`${id} accepted ${JSON.stringify(settings)}`);
}

// one bad setting per kind of settings error, each of a different check
const CASES = [
  ['eps', { d: 4096, rows: 4096 }, 'rowsTimesD'],
  ['norm-compare', { variants: ['none', 'none'] }, 'listedTwice'],
  ['norm-compare', { n_heads: 3 }, 'headsDivide'],
  ['pre-post', { depths: [2, 2.5] }, 'wholeItems'],
  ['pre-post', { steps: 20, warmup_steps: 40 }, 'warmupAtMostSteps'],
  ['lr-sweep', { depths: [1, 2, 3, 4, 5] }, 'atMostDepths'],
  ['signal', { norms: ['none', 'none'] }, 'eachChoiceOnce'],
  ['norm-speed', { ds: [64.5] }, 'dsWhole'],
  ['bn-vs-gn', { samples: 1000, batch_sizes: [3] }, 'samplesMultiple'],
];

for (const [id, settings, error] of CASES) {
  test(`${id} ${JSON.stringify(settings)}: ${error}, in the core's English and in Spanish`, () => {
    const e = rejection(id, settings);
    assert.equal(e.data?.key, `core.setting.${error}`, e.message);
    assert.equal(sayError(e, ENGLISH), e.message, "English is the core's own sentence");
    const spanish = sayError(e, SPANISH);
    assert.notEqual(spanish, e.message, 'written in Spanish');
    assert.doesNotMatch(spanish, /[{}]/, 'every placeholder filled');
  });
}

test('a setting rejected by a check without an id keeps the core’s English', () => {
  const e = rejection('eps', { bogus: 1 });
  assert.equal(e.data, undefined);
  assert.match(sayError(e, SPANISH), /^unknown setting "bogus"/);
});

test('every settings error id the core can give has a Spanish sentence, and no entry is stale', () => {
  const dir = path.join(repoRoot, 'wasm/core');
  const sources = fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => /\.(cpp|h)$/.test(String(f)))
    .map((f) => fs.readFileSync(path.join(dir, String(f)), 'utf8'))
    .join('\n');
  const ids = [...new Set([...sources.matchAll(/SettingsError\("(\w+)"/g)].map((m) => m[1]))].sort();
  assert.ok(ids.length >= CASES.length, ids.join(' '));
  const own = (/** @type {Record<string, unknown>} */ c) =>
    Object.keys(c)
      .filter((k) => k.startsWith('core.setting.'))
      .map((k) => k.slice('core.setting.'.length))
      .sort();
  assert.deepEqual(own(en), [], "English is the core's own sentence, never copied");
  assert.deepEqual(own(es), ids);
});

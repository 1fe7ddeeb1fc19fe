// The experiments' text in every language: each text of the core's catalogue (title, question,
// what to look for, every setting's label and help) has an entry in each non-English catalogue,
// keyed by experiment id and field key, and no entry names a text the core does not have.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { repoRoot } from '../lib/wasm-node.mjs';
import { loadCoreCatalogue } from '../../web/plugins/experiments.js';
import { catalogueLanguages } from '../../web/plugins/i18n.js';
import { experimentTextKeys, localiseExperiment } from '../../web/src/i18n/experiments.js';
import { createI18n } from '../../web/src/i18n/translate.js';

const dir = path.join(repoRoot, 'web/src/i18n');
let catalogue;
before(async () => {
  catalogue = await loadCoreCatalogue();
});

for (const lang of catalogueLanguages(dir)) {
  test(`${lang}: every experiment text of the core has an entry, and no entry is stale`, async () => {
    const messages = (await import(path.join(dir, `${lang}.js`))).default;
    const keys = catalogue.flatMap((d) => experimentTextKeys(d).map(([k]) => k));
    assert.ok(keys.length > 100, `${keys.length} texts`);
    const own = Object.keys(messages).filter((k) => k.startsWith('exp.'));
    if (lang === 'en') {
      assert.deepEqual(own, [], "English experiment text is the core's own, never copied");
      return;
    }
    assert.deepEqual(
      keys.filter((k) => !(k in messages)),
      [],
      'texts without a translation',
    );
    assert.deepEqual(
      own.filter((k) => !keys.includes(k)),
      [],
      'translations of texts the core does not have',
    );
    for (const d of catalogue)
      for (const [key, english] of experimentTextKeys(d))
        assert.notEqual(messages[key], english, `${key} is the English text`);
  });
}

test('an experiment entry is shown in the language, its ids, kinds and defaults untouched', async () => {
  const es = createI18n('es', (await import(path.join(dir, 'es.js'))).default);
  const def = catalogue.find((d) => d.id === 'eps');
  const local = localiseExperiment(def, es);
  assert.equal(local.title, 'Dónde va épsilon');
  assert.notEqual(local.question, def.question);
  assert.deepEqual(
    local.fields.map((f) => [f.key, f.kind, f.default]),
    def.fields.map((f) => [f.key, f.kind, f.default]),
  );
  assert.equal(local.fields.find((f) => f.key === 'd').label, 'Características por fila d');
  assert.equal(def.title, 'Where epsilon goes', 'the core entry itself is not changed');
  const en = createI18n('en', (await import(path.join(dir, 'en.js'))).default);
  assert.deepEqual(localiseExperiment(def, en), def);
});

test('every claim the core gives as data has its sentences in Spanish, written from its params (eps, run in WASM)', async () => {
  const { loadNormLabNode } = await import('../lib/wasm-node.mjs');
  const { makeOps, openJob } = await import('../../web/src/engine/ops.js');
  const { runJobInSlices } = await import('../../web/src/engine/job-runner.js');
  const { claimText } = await import('../../web/src/views/lab/verdicts.js');
  const wasm = await loadNormLabNode();
  const ops = makeOps(wasm);
  const messages = (await import(path.join(dir, 'es.js'))).default;
  const es = createI18n('es', messages);
  const config = ops.resolveConfig({ id: 'eps', settings: { seeds: 1 }, quick: true });
  const results = [];
  for (const j of ops.plan({ id: 'eps', config })) {
    const handle = openJob(wasm, { experiment: 'eps', config, variant: j.variant, seed: j.seed });
    results.push((await runJobInSlices(handle, { onProgress: () => {}, isCancelled: () => false })).result);
    handle.close();
  }
  const { summary } = ops.outputs({ id: 'eps', config, results });
  const ids = summary.map((c) => c.id);
  assert.deepEqual(ids, ['eps.outside', 'eps.inside']);
  for (const c of summary) {
    const text = claimText(c, es);
    assert.notEqual(text.claim, c.claim, `${c.id}: the claim in Spanish`);
    assert.notEqual(text.observed, c.observed, `${c.id}: the observation in Spanish`);
    assert.doesNotMatch(text.observed, /undefined|\{/);
  }
  const stale = Object.keys(messages).filter(
    (k) => k.startsWith('claim.eps.') && !ids.some((id) => k.startsWith(`claim.${id}.`)),
  );
  assert.deepEqual(stale, []);
});

test('a translation keeps every number of the English text (a changed default shows up as a stale translation)', async () => {
  const messages = (await import(path.join(dir, 'es.js'))).default;
  const numbers = (s) => (s.match(/\d+(?:[.,]\d+)?(?:e[+-]?\d+)?/g) ?? []).map((n) => n.replace(',', '.'));
  const stale = [];
  for (const d of catalogue)
    for (const [key, english] of experimentTextKeys(d)) {
      const spanish = new Set(numbers(messages[key] ?? ''));
      const missing = numbers(english).filter((n) => !spanish.has(n));
      if (missing.length) stale.push(`${key}: ${missing.join(' ')}`);
    }
  assert.deepEqual(stale, []);
});

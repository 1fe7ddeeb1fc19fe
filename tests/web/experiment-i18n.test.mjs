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

for (const lang of catalogueLanguages(dir)) {
  test(`${lang}: every claim id the core can give has its two sentences, and no claim entry is stale`, async () => {
    const messages = (await import(path.join(dir, `${lang}.js`))).default;
    const ids = catalogue.flatMap((d) => d.claims);
    const own = Object.keys(messages).filter((k) => k.startsWith('claim.'));
    if (lang === 'en') {
      assert.deepEqual(own, [], "English claims are the core's own text, never copied");
      return;
    }
    assert.ok(ids.includes('eps.outside'), ids.join(' '));
    for (const d of catalogue) for (const id of d.claims) assert.match(id, new RegExp(`^${d.id}\\.[a-z0-9-]+$`));
    assert.deepEqual(
      ids.flatMap((id) => [`claim.${id}.claim`, `claim.${id}.observed`]).filter((k) => !(k in messages)),
      [],
      'claims without a sentence',
    );
    // the rest: a claim's sentence or the sentence of one of its params, named after a claim or
    // an experiment the core has
    const experiments = catalogue.map((d) => d.id);
    const stale = own.filter((k) => {
      const [, exp, rest] = /^claim\.([^.]+)\.(.*)$/.exec(k) ?? [];
      const [name, part] = rest.split('.');
      if (part === undefined) return !experiments.includes(exp);
      return !ids.includes(`${exp}.${name}`);
    });
    assert.deepEqual(stale, [], 'entries for claims the core does not have');
  });
}

for (const lang of catalogueLanguages(dir)) {
  test(`${lang}: every chart's title, axis labels and overlay have an entry, and no chart entry is stale`, async () => {
    const { CHART_SPECS, chartTextKeys } = await import('../../web/src/views/lab/chart-specs.js');
    const messages = (await import(path.join(dir, `${lang}.js`))).default;
    const texts = Object.keys(CHART_SPECS).flatMap((id) => chartTextKeys(id));
    const own = Object.keys(messages).filter((k) => k.startsWith('spec.'));
    if (lang === 'en') {
      assert.deepEqual(own, [], "English chart text is chart-specs.js's own, never copied");
      return;
    }
    assert.deepEqual(
      texts.filter(([k]) => !(k in messages)).map(([k]) => k),
      [],
      'chart texts without a translation',
    );
    assert.deepEqual(
      own.filter((k) => !texts.some(([key]) => key === k)),
      [],
      'translations of chart texts that do not exist',
    );
    // a text with words is translated (a unit or a formula may stay as it is)
    for (const [key, english] of texts)
      if (/[a-z]{3,}/i.test(english.replace(/d_head|fc2|ln V|max|RMS/g, '')))
        assert.notEqual(messages[key], english, `${key} is the English text`);
  });
}

// Small real runs of each experiment whose claims are data, in WASM (together reaching every claim
// it lists), and every claim they give written in Spanish from its params: each is a claim the core
// lists, its sentences are Spanish, complete, and say every number the English says (so the params
// carry what the sentence needs).
const CLAIM_RUNS = [
  { id: 'eps', settings: { seeds: 1 } },
  { id: 'eps', settings: { seeds: 1, noise: [1e-3] } },
  { id: 'norm-compare', settings: { steps: 12, eval_every: 6, seeds: 2, lrs: [3e-2, 1] }, text: true },
  { id: 'norm-compare', settings: { steps: 6, eval_every: 3, variants: ['pre/layer'] }, text: true },
  { id: 'pre-post', settings: { depths: [1, 2], steps: 20, grad_batches: 2 }, text: true },
  { id: 'pre-post', settings: { placements: ['pre'], steps: 20 }, text: true },
  { id: 'lr-sweep', settings: { depths: [1, 2], steps: 20 }, text: true },
  { id: 'lr-sweep', settings: { variants: ['none'], steps: 10, warmup_steps: 10 }, text: true },
  { id: 'bn-vs-gn', settings: { batch_sizes: [2, 8], samples: 64 } },
  { id: 'bn-vs-gn', settings: { batch_sizes: [8, 16], samples: 64 } },
  { id: 'bn-vs-gn', settings: { batch_sizes: [8], samples: 64 } },
  { id: 'norm-ablation', settings: { steps: 40, eval_every: 20 } },
  { id: 'norm-ablation', settings: { norms: ['none', 'layer'], steps: 20, eval_every: 10 } },
  { id: 'bn-cnn', settings: { steps: 20, eval_every: 10, train_images: 128, val_images: 64 } },
  { id: 'bn-cnn', settings: { norms: ['batch'], steps: 10, eval_every: 10, train_images: 128, val_images: 64 } },
  { id: 'signal', settings: { bias: true } },
  { id: 'signal', settings: { activation: 'tanh', norms: ['rms'], inits: ['xavier'] } },
  { id: 'signal', settings: { norms: ['none'], inits: ['xavier'] } },
  { id: 'bn-eval', settings: {} },
  { id: 'bn-eval', settings: { eval_batch_sizes: [4] } },
  { id: 'precision', settings: {} },
  { id: 'precision', settings: { offsets: [1000], scales: [1], accumulate: 'format' } },
  { id: 'precision', settings: { offsets: [0], scales: [1] } },
  { id: 'norm-speed', settings: {} },
];

test('the claims of real runs, written in Spanish from their params, say what the English says', async () => {
  const { loadNormLabNode } = await import('../lib/wasm-node.mjs');
  const { makeOps } = await import('../../web/src/engine/ops.js');
  const { runExperimentJobs, syntheticText } = await import('../lib/run-experiment.mjs');
  const { claimText } = await import('../../web/src/views/lab/verdicts.js');
  const wasm = await loadNormLabNode();
  const ops = makeOps(wasm);
  const es = createI18n('es', (await import(path.join(dir, 'es.js'))).default);
  const round = (/** @type {string} */ n) => Number(Number(n.replace(/(\d),(\d)/, '$1.$2')).toPrecision(3));
  const numbers = (/** @type {string} */ s) => (s.match(/\d+(?:[.,]\d+)?(?:e[+-]?\d+)?/g) ?? []).map(round);
  const seen = new Set();
  for (const run of CLAIM_RUNS) {
    const config = ops.resolveConfig({ id: run.id, settings: run.settings, quick: true });
    const text = run.text ? syntheticText(20000) : '';
    const jobs = await runExperimentJobs(wasm, ops, run.id, config, text);
    const { summary } = ops.outputs({ id: run.id, config, results: jobs.map((j) => j.result) });
    const listed = catalogue.find((d) => d.id === run.id).claims;
    for (const c of summary) {
      assert.ok(listed.includes(c.id), `${run.id}: claim id ${c.id} is in the core's list`);
      seen.add(c.id);
      const local = claimText(c, es);
      for (const part of /** @type {const} */ (['claim', 'observed'])) {
        const where = `${c.id} ${part}: ${local[part]}`;
        assert.notEqual(local[part], c[part], `${where}: in Spanish`);
        assert.doesNotMatch(local[part], /undefined|\{|\}|\[object/, where);
        // the same number to 3 significant digits; an exact tie (e.g. -3.125) may differ by one in
        // the third digit: the core's printf rounds binary ties to even, JavaScript's toPrecision up
        const spanish = numbers(local[part]);
        const unit = (/** @type {number} */ n) => 10 ** (Math.floor(Math.log10(Math.abs(n) || 1)) - 2);
        const same = (/** @type {number} */ a, /** @type {number} */ b) => Math.abs(a - b) <= unit(a) * 1.0001;
        assert.deepEqual(
          numbers(c[part]).filter((n) => !spanish.some((x) => x === n || same(n, x))),
          [],
          `${where}\n  English: ${c[part]}`,
        );
      }
    }
  }
  // the runs above reach every claim of the experiments they run
  const reached = catalogue.filter((d) => CLAIM_RUNS.some((r) => r.id === d.id)).flatMap((d) => d.claims);
  assert.deepEqual(
    reached.filter((id) => !seen.has(id)),
    [],
    'claims no run above reaches',
  );
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

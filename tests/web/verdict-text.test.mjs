// The results table's verdict cell: the core's verdict word, with the effect and the seeds' range
// beside an empirical verdict, and the offer of more seeds when a result is only indicative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verdictText } from '../../web/src/views/lab/verdicts.js';

test('an exact claim shows its verdict word', () => {
  assert.equal(verdictText({ claim: 'c', observed: 'o', holds: true, verdict: 'holds', kind: 'exact' }), 'holds here');
  assert.equal(verdictText({ claim: 'c', observed: 'o', holds: false }), 'does not hold here');
  assert.equal(verdictText({ claim: 'c', observed: 'o', holds: null }), 'not decided here');
});

test('an empirical claim shows the effect and the seeds range next to its verdict', () => {
  const c = {
    claim: 'c',
    observed: 'o',
    holds: null,
    verdict: 'inconclusive',
    kind: 'empirical',
    effect: 0.125,
    spread: [-0.1, 0.3],
    seeds: 3,
  };
  assert.equal(verdictText(c), "inconclusive (3 seeds: effect 0.125, seeds' range -0.1 to 0.3)");
});

test('one seed is indicative and the cell says how to get a verdict', () => {
  const c = {
    claim: 'c',
    observed: 'o',
    holds: null,
    verdict: 'indicative',
    kind: 'empirical',
    effect: 2,
    spread: [2, 2],
    seeds: 1,
  };
  assert.equal(verdictText(c), 'indicative (1 seed: effect 2); run with 3 or more seeds for a verdict');
});

test('no finite effect is said, not drawn as a number', () => {
  const c = {
    claim: 'c',
    observed: 'o',
    holds: null,
    verdict: 'inconclusive',
    kind: 'empirical',
    effect: null,
    spread: [null, null],
    seeds: 0,
  };
  assert.equal(verdictText(c), 'inconclusive (0 seeds: no finite effect)');
});

test('in Spanish: the verdict words, the seeds, the numbers and the claim from its id and params', async () => {
  const { createI18n } = await import('../../web/src/i18n/translate.js');
  const { claimText } = await import('../../web/src/views/lab/verdicts.js');
  const es = createI18n('es', (await import('../../web/src/i18n/es.js')).default);
  assert.equal(
    verdictText({ claim: 'c', observed: 'o', holds: true, verdict: 'holds', kind: 'exact' }, es),
    'se cumple aquí',
  );
  const c = {
    claim: 'c',
    observed: 'o',
    holds: null,
    verdict: 'inconclusive',
    kind: 'empirical',
    effect: 0.125,
    spread: [-0.1, 0.3],
    seeds: 3,
  };
  assert.equal(
    verdictText(/** @type {any} */ (c), es),
    'no concluyente (3 semillas: efecto 0,125, rango entre semillas de -0,1 a 0,3)',
  );
  const one = { ...c, verdict: 'indicative', seeds: 1, spread: [2, 2], effect: 2 };
  assert.equal(
    verdictText(/** @type {any} */ (one), es),
    'orientativo (1 semilla: efecto 2); ejecuta con 3 semillas o más para obtener un veredicto',
  );
  const claim = {
    id: 'eps.inside',
    claim: 'With eps inside the square root, every gradient stays finite',
    observed: 'max |dx| = 12.3, bound = 400, all finite',
    holds: true,
    params: { max_dx: 12.345, bound: 400, ok: true },
  };
  assert.deepEqual(claimText(/** @type {any} */ (claim), es), {
    claim:
      'Con épsilon dentro de la raíz cuadrada, todo gradiente se mantiene finito y por debajo de max|dy|(2 + sqrt(d))/sqrt(eps)',
    observed: 'max |dx| = 12,3, cota = 400, todos finitos',
  });
  const outside = {
    id: 'eps.outside',
    claim: 'x',
    observed: 'y',
    holds: true,
    params: { nonfinite: 64, ratio: null, noise: 0 },
  };
  assert.match(
    claimText(/** @type {any} */ (outside), es).observed,
    /^64 componentes no finitas .* = no finito con ruido 0$/,
  );
  // a claim the catalogue does not know stays in the core's English
  const unknown = { id: 'x.y', claim: 'English claim', observed: 'English observed', holds: true, params: {} };
  assert.deepEqual(claimText(/** @type {any} */ (unknown), es), {
    claim: 'English claim',
    observed: 'English observed',
  });
});

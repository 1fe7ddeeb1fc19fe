// The results table's verdict cell: the core's verdict word, with the effect and the seeds' range
// beside an empirical verdict, and the offer of more seeds when a result is only indicative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verdictText } from '../../web/src/views/lab/results.js';

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

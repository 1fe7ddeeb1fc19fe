// The lab as a lesson: which settings show before "advanced", the phone keypad of each field,
// each claim's verdict and meaning, and which chart a claim sits beside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formFields } from '../../web/src/state/config.js';
import { createLabState, choosePreset, queryOf, takeFormValues } from '../../web/src/state/lab.js';
import { inputModeOf, splitFields } from '../../web/src/views/lab/form.js';
import { chartOfClaim, claimCardHtml, meaningOf, verdictOf } from '../../web/src/views/lab/verdicts.js';

const FIELDS = [
  {
    key: 'lr',
    label: 'Learning rate',
    kind: 'float',
    default: 1e-3,
    min: 0,
    max: 1,
    min_exclusive: true,
    primary: true,
  },
  { key: 'depth', label: 'Depth', kind: 'int', default: 2, min: 1, max: 24, primary: true },
  { key: 'offset', label: 'Offset', kind: 'float', default: 1, min: -1e4, max: 1e4 },
  { key: 'lrs', label: 'Rates', kind: 'float_list', default: [1e-3], min: 0, max: 1 },
  { key: 'placement', label: 'Placement', kind: 'choice', default: 'pre', choices: ['pre', 'post'] },
];
const PRESETS = [{ name: 'see it break', why: 'w', settings: { lr: 0.01, depth: 12 } }];

test('primary settings and the number of seeds come first; the rest are advanced', () => {
  const { first, advanced } = splitFields(formFields(FIELDS));
  assert.deepEqual(
    first.map((f) => f.key),
    ['lr', 'depth', 'seeds'],
  );
  assert.deepEqual(
    advanced.map((f) => f.key),
    ['offset', 'lrs', 'placement', 'seed'],
  );
  // with no primary marks nothing is hidden
  const plain = FIELDS.map(({ primary, ...f }) => f);
  assert.equal(splitFields(formFields(plain)).advanced.length, 0);
});

test('numeric fields get a keypad only where the keypad can type every valid value', () => {
  assert.equal(inputModeOf(FIELDS[0]), 'decimal');
  assert.equal(inputModeOf(FIELDS[1]), 'numeric');
  assert.equal(inputModeOf(FIELDS[2]), '', 'a negative value needs the minus sign');
  assert.equal(inputModeOf(FIELDS[3]), '', 'a list needs commas');
  assert.equal(inputModeOf(FIELDS[4]), '');
});

test('a preset sets its values; the URL carries its name and only what changed after', () => {
  const s = createLabState({ id: 'x', fields: FIELDS, presets: PRESETS });
  const config = choosePreset(s, 'see it break');
  assert.equal(config.lr, 0.01);
  assert.equal(config.depth, 12);
  const values = Object.fromEntries(
    formFields(FIELDS).map((f) => [
      f.key,
      Array.isArray(config[f.key]) ? config[f.key].join(',') : String(config[f.key]),
    ]),
  );
  assert.ok(takeFormValues(s, { quick: false, values: { ...values, placement: 'post' } }));
  assert.equal(queryOf(s), 'preset=see+it+break&placement=post');
  assert.equal(choosePreset(s, 'unknown'), null);
  assert.equal(s.preset, 'see it break');
  // a link with the preset reproduces the settings
  const again = createLabState({ id: 'x', fields: FIELDS, presets: PRESETS }, queryOf(s));
  assert.deepEqual(again.config, s.config);
});

test('verdicts: the core word first, the old boolean as a fallback, and a meaning for each', () => {
  assert.equal(verdictOf({ claim: 'c', observed: 'o', holds: true }), 'holds');
  assert.equal(verdictOf({ claim: 'c', observed: 'o', holds: false }), 'does not hold');
  assert.equal(verdictOf({ claim: 'c', observed: 'o', holds: null }), 'not decided');
  assert.equal(verdictOf({ claim: 'c', observed: 'o', holds: null, verdict: 'inconclusive' }), 'inconclusive');
  const one = { claim: 'c', observed: 'o', holds: null, verdict: 'indicative', kind: 'empirical', seeds: 1 };
  assert.match(meaningOf(one), /one seed/);
  const card = claimCardHtml({ ...one, effect: 0.25, spread: [0.25, 0.25], rule: 'the rule' }, true);
  assert.match(card, /effect 0\.25/);
  assert.match(card, /1 seed\b/);
  assert.match(card, /the rule/);
  assert.match(card, /class="rerun-seeds"/);
  assert.doesNotMatch(claimCardHtml(one, false), /rerun-seeds/);
  assert.doesNotMatch(claimCardHtml({ ...one, verdict: 'holds', seeds: 3 }, true), /rerun-seeds/);
});

test('a claim sits beside its chart: the core key, then the spec pattern, else the only chart', () => {
  const specs = [
    { id: 'loss', title: '', y: 'l', file: 'a', claims: /diverges/ },
    { id: 'val', title: '', y: 'v', file: 'b' },
  ];
  assert.equal(chartOfClaim({ claim: 'Without a norm the run diverges', observed: '', holds: true }, specs), 'loss');
  assert.equal(chartOfClaim({ claim: 'x', observed: '', holds: true, chart: 'val' }, specs), 'val');
  assert.equal(chartOfClaim({ claim: 'something else', observed: '', holds: true }, specs), '', 'no guess');
  assert.equal(chartOfClaim({ claim: 'anything', observed: '', holds: true }, [specs[1]]), 'val');
});

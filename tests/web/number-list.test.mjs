import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNumberList, parseNumberField, MAX_VECTOR_LENGTH } from '../../web/src/state/number-list.js';
import { parseRoute, routeHref } from '../../web/src/state/route.js';

test('number lists accept commas, spaces, signs and exponents', () => {
  assert.deepEqual(parseNumberList('1, -2.5  3e-2;+4 .5'), { ok: true, values: [1, -2.5, 0.03, 4, 0.5] });
});

test('number lists name the bad item', () => {
  assert.match(parseNumberList('').error, /at least one number/);
  assert.match(parseNumberList('   ').error, /at least one number/);
  assert.match(parseNumberList('1, two, 3').error, /Item 2 \("two"\)/);
  assert.match(parseNumberList('0x10').error, /not a number/);
  assert.match(parseNumberList('NaN').error, /not a number/);
  assert.match(parseNumberList('1e39').error, /too large/);
  assert.match(
    parseNumberList(
      Array(MAX_VECTOR_LENGTH + 1)
        .fill(1)
        .join(','),
    ).error,
    /at most 1024/,
  );
});

test('number fields check range', () => {
  assert.deepEqual(parseNumberField('1e-5', { name: 'eps', min: 0 }), { ok: true, value: 1e-5 });
  assert.match(parseNumberField('', { name: 'eps' }).error, /eps is empty/);
  assert.match(parseNumberField('-1', { name: 'eps', min: 0 }).error, /at least 0/);
  assert.match(parseNumberField('0', { name: 'lr', min: 0, minExclusive: true }).error, /greater than 0/);
  assert.match(parseNumberField('5', { name: 'eps', max: 1 }).error, /at most 1/);
});

test('hash routes round-trip', () => {
  assert.deepEqual(parseRoute(''), { page: 'home', query: '' });
  assert.deepEqual(parseRoute('#/'), { page: 'home', query: '' });
  assert.deepEqual(parseRoute('#/theory/rmsnorm'), { page: 'theory', id: 'rmsnorm', query: '' });
  assert.deepEqual(parseRoute(routeHref('lab', 'eps', 'd=8&quick=1')), {
    page: 'lab',
    id: 'eps',
    query: 'd=8&quick=1',
  });
  assert.deepEqual(parseRoute(routeHref('lab', 'bn eval')), { page: 'lab', id: 'bn eval', query: '' });
});

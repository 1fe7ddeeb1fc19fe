// tests/lib/stats.mjs: the median the measuring scripts report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median } from '../lib/stats.mjs';

test('the median is the middle value, or the mean of the two middle ones, and leaves its input as it was', () => {
  const values = [5, 1, 3];
  assert.equal(median(values), 3);
  assert.deepEqual(values, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.equal(median([10, 2]), 6);
});

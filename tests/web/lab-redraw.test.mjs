// The lab page's redraw budget (web/src/views/lab/redraw.js): cheap redraws keep the floor, a
// slow one spaces out the next so drawing takes at most DRAW_SHARE of the page's thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DRAW_SHARE, nextDrawInterval, REDRAW_MS } from '../../web/src/views/lab/redraw.js';

test('a cheap redraw waits the floor interval', () => {
  assert.equal(nextDrawInterval(0), REDRAW_MS);
  assert.equal(nextDrawInterval(REDRAW_MS * DRAW_SHARE), REDRAW_MS);
});

test('a slow redraw spaces out the next: drawing stays within its share of the thread', () => {
  for (const cost of [20, 40, 250]) {
    const wait = nextDrawInterval(cost);
    assert.ok(wait > REDRAW_MS, `${cost} ms redraw`);
    assert.ok(cost / wait <= DRAW_SHARE + 1e-12, `${cost} ms redraw every ${wait} ms`);
  }
  assert.equal(nextDrawInterval(40), 400);
});

// views/next-frame.js: afterNextFrame runs its function once, after the next frame when frames come,
// after the fallback delay when none does (a hidden tab, or here: Node has no requestAnimationFrame).
import test from 'node:test';
import assert from 'node:assert/strict';
import { afterNextFrame } from '../../web/src/views/next-frame.js';

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('without frames it runs once, after the fallback delay and not before', async () => {
  assert.equal(typeof globalThis.requestAnimationFrame, 'undefined');
  let calls = 0;
  afterNextFrame(() => calls++, 30);
  await wait(5);
  assert.equal(calls, 0);
  await wait(60);
  assert.equal(calls, 1);
});

test('with a frame it runs once, in the task after the frame, and the fallback adds no second call', async () => {
  /** @type {(() => void) | null} */
  let frame = null;
  globalThis.requestAnimationFrame = (cb) => {
    frame = cb;
    return 1;
  };
  try {
    let calls = 0;
    afterNextFrame(() => calls++, 40);
    assert.equal(calls, 0);
    frame();
    assert.equal(calls, 0, 'not inside the frame callback itself');
    await wait(0);
    assert.equal(calls, 1);
    await wait(80);
    assert.equal(calls, 1);
  } finally {
    delete globalThis.requestAnimationFrame;
  }
});

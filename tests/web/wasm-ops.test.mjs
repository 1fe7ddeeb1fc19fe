// The engine's ops against the real WASM build (the Node variant of the same core and bindings).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNormLabNode } from '../lib/wasm-node.mjs';
import { makeOps } from '../../web/src/engine/ops.js';

let ops;
before(async () => {
  ops = makeOps(await loadNormLabNode());
});

test('rmsnorm through WASM matches the formula', () => {
  const { y, rstd } = ops.rmsnorm({ x: [3, 4], eps: 1e-5 });
  const rms = Math.sqrt(12.5 + 1e-5);
  assert.ok(y instanceof Float32Array);
  assert.ok(Math.abs(y[0] - 3 / rms) < 1e-6 && Math.abs(y[1] - 4 / rms) < 1e-6);
  assert.ok(Math.abs(rstd[0] - 1 / rms) < 1e-7);
});

test('rmsnorm normalises several rows with gamma', () => {
  const { y } = ops.rmsnorm({ x: new Float32Array([1, 1, 2, 2]), gamma: [1, 3], rows: 2, d: 2, eps: 0 });
  assert.deepEqual(Array.from(y), [1, 3, 1, 3]);
});

test('core errors become JS Errors with the core message', () => {
  assert.throws(() => ops.rmsnorm({ x: [1, 2], rows: 1, d: 3 }), /x has 2 values but rows\*d = 3/);
  assert.throws(() => ops.rmsnorm({ x: [1, 2], gamma: [1], eps: 1e-5 }), /gamma has 1 values but d = 2/);
  assert.throws(() => ops.rmsnorm({ x: [1], eps: NaN }), /eps must be a finite number/);
  assert.throws(() => ops.rmsnorm({ x: [], d: 0 }), /at least 1/);
});

test('runJobNow runs one experiment job to its end at once (the signal widget)', async () => {
  const { signalSettings } = await import('../../web/src/views/signal-widget.js');
  const run = (s) =>
    ops.runJobNow({ id: 'signal', settings: signalSettings(s), variant: `normal/${s.norm}`, seed: 1 }).metrics;
  // ReLU, no norm, g = 1: variance halves per layer; the measured std follows the prediction
  const plain = run({ layers: 12, gain: 1, activation: 'relu', norm: 'none' });
  assert.equal(plain.act_std.length, 13);
  assert.ok(plain.act_std[12] < 0.05 * plain.act_std[0], `shrinks: ${plain.act_std[12]}`);
  for (let l = 1; l <= 12; l++) {
    const q = plain.act_std[l] / plain.predicted_std[l];
    assert.ok(q > 0.5 && q < 2, `layer ${l}: measured / predicted = ${q}`);
  }
  // a LayerNorm after each layer holds the std at 1 whatever the scale
  const normed = run({ layers: 12, gain: 2.5, activation: 'relu', norm: 'layer' });
  for (let l = 1; l <= 12; l++) assert.ok(Math.abs(normed.act_std[l] - 1) < 0.01, `layer ${l}: ${normed.act_std[l]}`);
  // the same settings, the same numbers (a fixed seed)
  assert.deepEqual(run({ layers: 12, gain: 1, activation: 'relu', norm: 'none' }).act_std, plain.act_std);
  // the core checks the settings as for a run
  assert.throws(() => ops.runJobNow({ id: 'signal', settings: { layers: 0 }, variant: 'normal/none' }), /layers/i);
});

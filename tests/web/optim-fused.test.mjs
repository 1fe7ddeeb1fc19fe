// engine/optim.cpp runs SGD and Adam in WASM as one fused SIMD pass per four elements (update, zeroed
// gradient, metric sums); it must give the bits of the same formulas applied one element at a time,
// for every variant (weight decay, momentum, dampening, Nesterov, L2, AdamW) and every tail length.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNormLabNode } from '../lib/wasm-node.mjs';

let mod;
before(async () => {
  mod = await loadNormLabNode();
});

test('the fused WASM optimizers equal the element-by-element formulas, bit for bit', () => {
  const r = mod.optimizerFusedCheck();
  assert.equal(r.error, undefined);
  assert.ok(r.checked >= 150);
  assert.equal(r.mismatches, 0, `first mismatch: ${r.firstMismatch}`);
});

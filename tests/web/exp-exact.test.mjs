// kernels/fast_math.h's exp_exact (the attention softmax's and the cross-entropy's exponentials) must
// give the bits of libm's expf, here musl's in the WASM build: a sweep over every 61st float bit
// pattern (about 70 million floats: both signs, subnormals, infinities, NaNs) plus the edges of
// expf's special cases. Natively tests/cpp/kernels/test_fast_math.cpp checks it against glibc.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNormLabNode } from '../lib/wasm-node.mjs';

let mod;
before(async () => {
  mod = await loadNormLabNode();
});

const bitsOf = (x) => {
  const v = new DataView(new ArrayBuffer(4));
  v.setFloat32(0, x);
  return v.getUint32(0);
};

test('exp_exact equals musl expf on a sweep of every 61st float', () => {
  const r = mod.expExactCheck(0, Math.ceil(2 ** 32 / 61), 61);
  assert.equal(r.error, undefined);
  assert.ok(r.checked > 7e7);
  assert.equal(r.mismatches, 0, `first mismatch at bits 0x${r.firstMismatch.toString(16)}`);
});

test('exp_exact equals musl expf at the edges of its special cases', () => {
  // bit patterns: ±0, ±1, ±88 (where the special path starts), ln(2^128) and ln(2^-150) as expf
  // writes them (0x1.62e42ep6f, -0x1.9fe368p6f), 89, -104, the smallest subnormals, ±infinity, NaN
  const edges = [0, -0, 1, -1, 88, -88, 89, -104, 1e-45, -1e-45, Infinity, -Infinity, NaN].map(bitsOf);
  edges.push(0x42b17217, 0xc2cff1b4);
  for (const bits of edges) {
    // each edge and its 64 neighbours on either side
    const r = mod.expExactCheck((bits - 64 + 2 ** 32) % 2 ** 32, 129, 1);
    assert.equal(r.mismatches, 0, `near 0x${bits.toString(16)}: first mismatch at 0x${r.firstMismatch.toString(16)}`);
  }
});

test('expExactCheck refuses a bad range', () => {
  assert.match(mod.expExactCheck(0, 10, 0).error, /stride/);
});

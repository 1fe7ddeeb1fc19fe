// The synthetic shape images (the CNN experiments' data) through the WASM build: the same seed
// gives bit-identical images natively and in WASM (the C++ data tests pin the same fingerprint).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNormLabNode } from '../lib/wasm-node.mjs';

let mod;
before(async () => {
  mod = await loadNormLabNode(process.env.NORMLAB_NODE_BUILD || undefined);
});

function call(name, ...args) {
  const r = mod[name](...args);
  if (r && r.error) throw new Error(r.error);
  return r;
}

// FNV-1a over the little-endian bytes of the images' float32 bits, then the labels' int32 bytes:
// the same definition as shape_images_fingerprint in wasm/core/data/image_data.cpp.
function fingerprint(images, labels) {
  let h = 2166136261;
  const add = (bytes) => {
    for (const b of bytes) h = Math.imul(h ^ b, 16777619) >>> 0;
  };
  add(new Uint8Array(images.buffer, images.byteOffset, images.byteLength));
  add(new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
  return h >>> 0;
}

test('shape images are bit-identical to the native build', () => {
  const d = call('makeShapeImages', { count: 20, channels: 3, seed: 2024 });
  assert.equal(d.images.length, 20 * 3 * 16 * 16);
  assert.equal(d.labels.length, 20);
  assert.equal(fingerprint(d.images, d.labels), d.fingerprint);
  assert.equal(d.fingerprint, 3690702746); // the native value (tests/cpp/data/test_text_and_image_data.cpp)
});

test('shape image labels are balanced and errors become messages', () => {
  const d = call('makeShapeImages', { count: 50, seed: 1 });
  const counts = [0, 0, 0, 0, 0];
  for (const l of d.labels) counts[l] += 1;
  assert.deepEqual(counts, [10, 10, 10, 10, 10]);
  assert.throws(() => call('makeShapeImages', { channels: 2 }), /channels must be 1 or 3/);
});

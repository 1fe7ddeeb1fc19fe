// Typical run times: read from content/run_times.json at build time, shown only for the
// experiments the file measures (never a made-up figure), in rough words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { experimentIndex, loadRunTimes } from '../../web/plugins/experiments.js';
import { aboutDuration, runTimeText } from '../../web/src/views/format.js';
import { repoRoot } from '../lib/wasm-node.mjs';

const CATALOGUE = [
  { id: 'a', title: 'A', question: 'Qa?', section: 's' },
  { id: 'b', title: 'B', question: 'Qb?', section: 's' },
];

function tempFile(data) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runtimes-')), 'run_times.json');
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

test('the repository has a run-times file the build can read', () => {
  const t = loadRunTimes(path.join(repoRoot, 'content/run_times.json'));
  assert.equal(typeof t.experiments, 'object');
});

test('an experiment the file measures gets its times; one it does not, none', () => {
  const file = tempFile({ measured: '2026-11-29', how: 'native', experiments: { a: { default_s: 240, quick_s: 20 } } });
  const index = experimentIndex(CATALOGUE, loadRunTimes(file).experiments);
  assert.deepEqual(index[0].run_time, { default_s: 240, quick_s: 20 });
  assert.equal(index[1].run_time, undefined);
  assert.equal(runTimeText(index[0].run_time), 'about 4 min (quick: about 20 s)');
  assert.equal(runTimeText(index[1].run_time), '');
});

test('a malformed time is refused with the entry named', () => {
  assert.throws(() => loadRunTimes(tempFile({ experiments: { a: { default_s: -3 } } })), /experiments\.a\.default_s/);
  assert.throws(() => loadRunTimes(tempFile({ experiments: { a: { quick_s: 'soon' } } })), /experiments\.a\.quick_s/);
  assert.throws(() => loadRunTimes(tempFile({ measured: 'x' })), /"experiments"/);
  assert.throws(() => loadRunTimes(tempFile('{not json')));
});

test('durations in rough words', () => {
  assert.equal(aboutDuration(0.4), 'about 1 s');
  assert.equal(aboutDuration(3.4), 'about 3 s');
  assert.equal(aboutDuration(42), 'about 40 s');
  assert.equal(aboutDuration(89), 'about 90 s');
  assert.equal(aboutDuration(150), 'about 3 min');
  assert.equal(aboutDuration(0), '');
  assert.equal(aboutDuration(NaN), '');
  assert.equal(aboutDuration(undefined), '');
  assert.equal(runTimeText({ default_s: 30 }), 'about 30 s');
  assert.equal(runTimeText({ quick_s: 12 }), 'quick run: about 10 s');
});

// The worker message layer: message checks, request/response correlation, and failure paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeWorker } from '../lib/fake-worker.mjs';
import {
  callMessage,
  checkMessage,
  errorMessage,
  fatalMessage,
  readyMessage,
  resultMessage,
  transferablesOf,
} from '../../web/src/engine/protocol.js';
import { EngineClient } from '../../web/src/engine/client.js';

test('well-formed messages pass the check, malformed ones are named', () => {
  assert.equal(checkMessage(callMessage(1, 'rmsnorm', { x: [1] })), null);
  assert.equal(checkMessage(readyMessage('0.1.0')), null);
  assert.equal(checkMessage(resultMessage(3, { y: 1 })), null);
  assert.equal(checkMessage(errorMessage(3, 'bad')), null);
  assert.equal(checkMessage(fatalMessage('no wasm')), null);
  const data = { key: 'core.setting.atMostDepths', params: { max: 8 } };
  assert.equal(checkMessage(errorMessage(3, 'depths: at most 8 depths', data)), null);
  assert.match(checkMessage({ ...errorMessage(3, 'bad'), data: { params: {} } }), /error data needs a key/);
  assert.match(checkMessage(null), /not an object/);
  assert.match(checkMessage({ type: 'call', id: -1, op: 'x', args: {} }), /id/);
  assert.match(checkMessage({ type: 'call', id: 1, op: '', args: {} }), /op/);
  assert.match(checkMessage({ type: 'call', id: 1, op: 'x', args: null }), /args/);
  assert.match(checkMessage({ type: 'result' }), /id/);
  assert.match(checkMessage({ type: 'nope' }), /unknown message type "nope"/);
});

test('transferablesOf finds each typed-array buffer once', () => {
  const a = new Float32Array(4);
  const value = { y: a, again: a, nested: { r: new Float32Array(1) }, n: 3 };
  const t = transferablesOf(value);
  assert.equal(t.length, 2);
  assert.ok(t.includes(a.buffer));
});

test('answers reach the right caller, whatever their order', async () => {
  const workers = [];
  const client = new EngineClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const p1 = client.call('rmsnorm', { x: [1] });
  const p2 = client.call('rmsnorm', { x: [2] });
  const [w] = workers;
  assert.equal(workers.length, 1, 'one worker serves many calls');
  const [m1, m2] = w.sent;
  assert.notEqual(m1.id, m2.id);
  w.reply(readyMessage('0.1.0'));
  w.reply(resultMessage(m2.id, 'second'));
  w.reply(resultMessage(m1.id, 'first'));
  assert.equal(await p1, 'first');
  assert.equal(await p2, 'second');
  assert.equal(client.version, '0.1.0');
});

test('an error answer rejects only its own call, with the core message', async () => {
  const workers = [];
  const client = new EngineClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const bad = client.call('rmsnorm', { x: [] });
  const good = client.call('rmsnorm', { x: [1] });
  const [w] = workers;
  w.reply(errorMessage(w.sent[0].id, 'x has 0 values but rows*d = 1'));
  w.reply(resultMessage(w.sent[1].id, 42));
  await assert.rejects(bad, /x has 0 values/);
  assert.equal(await good, 42);
  // an error the engine gives as data keeps it across the worker boundary
  const data = { key: 'core.setting.atMostDepths', params: { max: 8 }, text: 'depths: at most 8 depths' };
  const refused = client.call('resolveConfig', { id: 'pre-post' });
  w.reply(errorMessage(w.sent[2].id, data.text, data));
  const e = await refused.catch((x) => x);
  assert.equal(e.message, data.text);
  assert.deepEqual(e.data, data);
});

test('a dying worker rejects everything pending and the next call gets a fresh worker', async () => {
  const workers = [];
  const client = new EngineClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const a = client.call('op', {});
  const b = client.call('op', {});
  workers[0].onerror({ message: 'out of memory', preventDefault() {} });
  await assert.rejects(a, /stopped unexpectedly: out of memory/);
  await assert.rejects(b, /stopped unexpectedly/);
  assert.ok(workers[0].terminated);
  const c = client.call('op', {});
  assert.equal(workers.length, 2);
  workers[1].reply(resultMessage(workers[1].sent[0].id, 'ok'));
  assert.equal(await c, 'ok');
});

test('a fatal message (WASM failed to load) fails pending calls with its text', async () => {
  const workers = [];
  const client = new EngineClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const a = client.call('op', {});
  workers[0].reply(fatalMessage('The compute engine (WebAssembly) failed to load: 404'));
  await assert.rejects(a, /failed to load: 404/);
});

test('a malformed message from the worker fails loudly instead of hanging', async () => {
  const workers = [];
  const client = new EngineClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const a = client.call('op', {});
  workers[0].reply({ type: 'bogus' });
  await assert.rejects(a, /malformed message/);
});

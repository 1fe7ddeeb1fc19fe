// A stand-in for an engine worker in the JS unit tests: it records what it is sent, and the test
// plays the worker's side with reply(). registry (optional): a list every new one is pushed to.
export class FakeWorker {
  constructor(registry) {
    this.sent = [];
    this.terminated = false;
    registry?.push(this);
  }
  postMessage(msg) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(msg) {
    this.onmessage({ data: msg });
  }
  // the last job it was asked to start
  get lastStart() {
    return [...this.sent].reverse().find((m) => m.type === 'start');
  }
}

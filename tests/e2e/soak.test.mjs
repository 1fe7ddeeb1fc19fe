// Soak: many experiment runs in one tab. 21 runs of the eps experiment alternate quick runs that
// finish with long runs that are stopped in the middle (each switch re-renders the lab page, so
// charts and listeners are built and destroyed every time); one long run loses its workers
// mid-run (an uncaught error thrown inside them) and the run after it must succeed on fresh
// workers. After run 1 and after the last run the test forces a garbage collection (CDP) and reads
// the page's JS heap and every engine worker's WASM memory: both must be back within a stated
// margin of their level after run 1. The figures are printed for the README.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';

const RUNS = 21;
const KILL_AT = 15; // the run (0-based) whose workers die; a stopped (long) run
// Margins, stated before measuring: the JS heap may end at most 25% + 2 MiB above its level after
// run 1 (chart instances, listeners or stored runs kept per run would add up over 20 runs);
// each experiment worker's WASM memory may not grow past the largest after run 2, the first long run (a job's buffers are freed
// when it ends, so a leak would grow the heap run after run; WASM memory never shrinks).
const HEAP_FACTOR = 1.25;
const HEAP_SLACK = 2 * 1024 * 1024;

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const QUICK = 'quick=1';
const noise = Array.from({ length: 60 }, (_, i) => (i * 1e-4).toPrecision(2)).join(',');
const LONG = `rows=4096&d=1024&noise=${noise}`;

test(`soak: ${RUNS} runs in one tab, some stopped, one with its workers killed; memory returns`, async () => {
  const { page, context, problems } = await site.newPage();
  const cdp = await context.newCDPSession(page);
  const t0 = Date.now();

  // switches the page to other settings (a hash change: the lab view is destroyed and built anew)
  async function openLab(query) {
    await page.evaluate((h) => {
      document.querySelector('#lab-form').dataset.soakOld = '1';
      location.hash = h;
    }, `#/lab/eps?${query}`);
    // !!: a boolean, not the form; waitForFunction hands back its truthy value as a handle, which
    // would keep every old lab page (form, charts, canvases) alive in the page for DevTools
    await page.waitForFunction(() => !!document.querySelector('#lab-form:not([data-soak-old])'));
    await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 60000 });
  }
  // starts a run and waits for its end; `during` runs once a job has made progress
  async function run(during) {
    await page.evaluate(() => (document.querySelector('main').dataset.run = 'soak-started'));
    await page.click('#run');
    if (during) {
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('[role="progressbar"]')].some(
            (b) => Number(b.getAttribute('aria-valuenow')) > 0,
          ),
        null,
        { timeout: 60000 },
      );
      await during();
    }
    await page.waitForFunction(
      () => ['done', 'stopped', 'error'].includes(document.querySelector('main').dataset.run),
      null,
      {
        timeout: 120000,
      },
    );
    return page.evaluate(() => ({
      phase: document.querySelector('main').dataset.run,
      jobs: [...document.querySelectorAll('.job')].map((j) => j.dataset.status),
    }));
  }
  async function measure() {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.normlabEngine.memory());
    return { heap: usedSize, wasm };
  }

  await page.goto(`${site.server.url}#/lab/eps?${QUICK}`);
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 60000 });
  const outcomes = [];
  let first = null;
  let firstLong = null; // after run 2, the first long run: the WASM level of the long runs' size
  for (let i = 0; i < RUNS; i++) {
    const long = i % 2 === 1;
    if (i > 0) await openLab(long ? LONG : QUICK);
    let outcome;
    if (!long) {
      outcome = await run();
      assert.equal(outcome.phase, 'done', `run ${i + 1}`);
      assert.ok(
        outcome.jobs.every((s) => s === 'done'),
        `run ${i + 1}: ${outcome.jobs}`,
      );
      assert.equal((await page.locator('table.claims tbody tr').count()) > 0, true, `run ${i + 1} has claims`);
    } else if (i === KILL_AT) {
      const before = page.workers().length;
      outcome = await run(async () => {
        // every worker but the first (the quick-call engine worker) runs a job of this run
        for (const w of page.workers().slice(1))
          await w.evaluate(() =>
            setTimeout(() => {
              throw new Error('soak: worker killed');
            }),
          );
      });
      assert.ok(outcome.jobs.includes('failed'), `killed run: ${outcome.jobs}`);
      assert.match(await page.textContent('.jobs, main'), /stopped unexpectedly/);
      assert.ok(before >= 2);
    } else {
      outcome = await run(() => page.click('#stop'));
      assert.equal(outcome.phase, 'stopped', `run ${i + 1}`);
      assert.ok(outcome.jobs.includes('cancelled'), `run ${i + 1}: ${outcome.jobs}`);
    }
    outcomes.push(outcome.phase);
    if (process.env.SOAK_TRACE && i % 2 === 0) console.log(`run ${i + 1}: heap ${(await measure()).heap}`);
    if (i === 0) first = await measure();
    if (i === 1) firstLong = await measure();
  }
  const last = await measure();
  const seconds = (Date.now() - t0) / 1000;
  const mib = (b) => (b / 1024 / 1024).toFixed(1);
  console.log(
    `soak figures: ${RUNS} runs in ${seconds.toFixed(0)} s; JS heap after run 1 ${mib(first.heap)} MiB, ` +
      `after run ${RUNS} ${mib(last.heap)} MiB; WASM memory after run 1: engine ${mib(first.wasm.engine)} MiB, ` +
      `pool [${first.wasm.pool.map(mib).join(', ')}] MiB; after run 2: pool [${firstLong.wasm.pool.map(mib).join(', ')}] MiB; after run ${RUNS}: engine ${mib(last.wasm.engine)} MiB, ` +
      `pool [${last.wasm.pool.map(mib).join(', ')}] MiB`,
  );
  assert.equal(outcomes[KILL_AT + 1], 'done', 'the run after the one whose workers died succeeds');
  assert.equal(outcomes.at(-1), 'done');
  assert.ok(
    last.heap <= first.heap * HEAP_FACTOR + HEAP_SLACK,
    `JS heap ${last.heap} B after run ${RUNS} vs ${first.heap} B after run 1`,
  );
  assert.ok(last.wasm.engine <= first.wasm.engine, `engine worker WASM memory grew: ${last.wasm.engine}`);
  // the long runs need more memory than the quick run 1: compare with the level after the first long run
  const ceiling = Math.max(...firstLong.wasm.pool);
  for (const bytes of last.wasm.pool) assert.ok(bytes <= ceiling, `pool worker WASM memory ${bytes} B > ${ceiling} B`);
  const expected = (p) => !/soak: worker killed|stopped unexpectedly/.test(p);
  assert.deepEqual(problems.filter(expected), []);
});

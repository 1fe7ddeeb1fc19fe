#!/usr/bin/env node
// Times every experiment in headless Chromium as a learner's browser runs it: the lab page with its
// pool of workers (one per core, two on this project's machine), in default and quick mode. Writes
// content/run_times.json, which the home page and the experiments index show, and prints a table.
//
// On a busy machine wall time says little, so the script also reads from /proc the CPU time of the
// page's worker threads ("DedicatedWorker" threads of the Chromium processes this script started).
// A run whose busiest worker computed W seconds cannot finish sooner than W on an idle machine, and
// finishes in about W when the jobs keep both workers busy; nor sooner than all the page's compute
// (workers and the page's main thread, which draws the charts) shared out over the cores. The
// typical time it records is the wall time when the machine was idle during the run (load average
// below the number of workers), and otherwise the larger of those two CPU figures, a lower bound;
// each entry says which ("basis"), with the wall time under load (an upper bound) beside it.
// Each run also records the estimate the page showed before Run (page_estimate_s), so the
// estimate's accuracy is measured on the same run.
//
// Usage: node scripts/time-experiments.mjs [--modes quick,default] [--out FILE] [--keep]
//                                         [--timeout MINUTES] [id ...]
//   (needs the built site in web/dist: scripts/build.sh; --keep keeps the other entries of FILE; a run
//   still going after --timeout minutes of wall time (default 30) is recorded as "timeout" with the
//   CPU time it had used, and gets no typical time)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startSite } from '../tests/e2e/browser.mjs';
import { repoRoot } from '../tests/lib/wasm-node.mjs';

const args = process.argv.slice(2);
let modes = ['quick', 'default'];
let out = path.join(repoRoot, 'content/run_times.json');
let keep = false;
let timeoutMinutes = 30;
const ids = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--modes') modes = args[++i].split(',');
  else if (args[i] === '--out') out = path.resolve(args[++i]);
  else if (args[i] === '--keep') keep = true;
  else if (args[i] === '--timeout') timeoutMinutes = Number(args[++i]);
  else ids.push(args[i]);
}
if (!ids.length) {
  const list = execFileSync(path.join(repoRoot, 'build/native/normlab'), ['list'], { encoding: 'utf8' });
  // one experiment a line, id first; its presets follow on indented lines
  for (const line of list.split('\n')) if (/^\S/.test(line)) ids.push(line.split(/\s+/)[0]);
}

const TICKS_PER_SECOND = 100; // USER_HZ: /proc reports CPU time in these ticks on Linux

// Every process descended from this one (the Chromium browser and its renderers).
function descendants(root) {
  const parent = new Map();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent)
      if (found.has(ppid) && !found.has(pid)) {
        found.add(pid);
        grew = true;
      }
  }
  found.delete(root);
  return [...found];
}

// CPU seconds (user + system) of every worker thread and page main thread of our Chromium, keyed
// by "worker|main pid/tid".
function threadCpu() {
  const cpu = new Map();
  for (const pid of descendants(process.pid)) {
    let tids = [];
    let renderer = false;
    try {
      tids = fs.readdirSync(`/proc/${pid}/task`);
      renderer = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const comm = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        // a renderer's main thread keeps the process's name (its tid is the pid)
        const kind = comm.startsWith('DedicatedWorker') ? 'worker' : renderer && tid === String(pid) ? 'main' : null;
        if (!kind) continue;
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpu.set(`${kind} ${pid}/${tid}`, (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND);
      } catch {
        // the thread ended while we looked
      }
    }
  }
  return cpu;
}

async function timeRun(site, id, mode) {
  const { page, context } = await site.newPage();
  try {
    await page.goto(`${site.server.url}#/lab/${id}${mode === 'quick' ? '?quick=1' : ''}`);
    // generous: on a busy machine loading the page and the engine can take a while
    await page.waitForSelector('#lab-form', { timeout: 180000 });
    await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 180000 });
    // the page's run-time estimate calibrates in a worker of its own: let it finish, so its CPU time
    // is not counted as the run's
    await page.waitForFunction(() => document.querySelector('.run-estimate')?.dataset.estimate !== 'estimating',
      null, { timeout: 180000 });
    // what the page told the learner before Run (seconds; absent when it could not estimate)
    const pageEstimate = Number(await page.getAttribute('.run-estimate', 'data-seconds')) || null;
    const before = threadCpu();
    const seen = new Map(); // the largest CPU time seen per thread: a worker that ends keeps its time
    const sample = () => {
      for (const [k, v] of threadCpu()) seen.set(k, Math.max(seen.get(k) ?? 0, v));
    };
    const timer = setInterval(sample, 500);
    const load = os.loadavg()[0];
    const started = Date.now();
    await page.click('#run');
    // a run estimated over 10 minutes asks first
    if (await page.isVisible('dialog.run-confirm[open]')) await page.click('dialog.run-confirm .confirm-run');
    let status;
    try {
      await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('main').dataset.run), null, {
        timeout: timeoutMinutes * 60 * 1000,
        polling: 250,
      });
      status = await page.getAttribute('main', 'data-run');
    } catch {
      status = 'timeout';
    }
    const wall = (Date.now() - started) / 1000;
    clearInterval(timer);
    sample();
    const used = (kind) =>
      [...seen].filter(([k]) => k.startsWith(kind)).map(([k, v]) => v - (before.get(k) ?? 0)).filter((x) => x > 0.05);
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    const workers = used('worker'), main = sum(used('main'));
    // on an idle machine the run takes at least as long as its busiest worker computes, and at least
    // as long as all the page's compute shared out over the cores
    const estimate = Math.max(Math.max(0, ...workers), (sum(workers) + main) / os.cpus().length);
    return {
      status,
      wall_s: Number(wall.toFixed(1)),
      busiest_worker_cpu_s: Number(Math.max(0, ...workers).toFixed(1)),
      workers_cpu_s: Number(sum(workers).toFixed(1)),
      page_main_cpu_s: Number(main.toFixed(1)),
      cpu_estimate_s: Number(estimate.toFixed(1)),
      page_estimate_s: pageEstimate === null ? null : Number(pageEstimate.toFixed(1)),
      workers: workers.length,
      load_before: Number(load.toFixed(2)),
      load_after: Number(os.loadavg()[0].toFixed(2)),
    };
  } finally {
    await context.close();
  }
}

const previous = keep && fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : null;
const result = {
  measured: new Date().toISOString().slice(0, 10),
  how:
    `headless Chromium (${chromiumVersion()}), the lab page's own worker pool on ${os.cpus().length} cores ` +
    `(${os.cpus()[0]?.model?.trim() ?? 'unknown CPU'}); typical time = wall time if the machine was idle, ` +
    `else estimated from the CPU time of the page's threads`,
  experiments: previous?.experiments ?? {},
};

function chromiumVersion() {
  try {
    return execFileSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'Chromium';
  }
}

const site = await startSite();
const rows = [];
try {
  for (const id of ids) {
    const entry = (result.experiments[id] = result.experiments[id] ?? {});
    for (const mode of modes) {
      const r = await timeRun(site, id, mode);
      // idle: the load before and after stayed below the number of workers that ran
      const idle = Math.max(r.load_before, r.load_after) < Math.max(1, r.workers) + 0.5;
      r.basis = idle ? 'wall' : 'cpu';
      entry[mode] = r;
      // a CPU estimate that rounds to 0 (under 0.05 s, below the tick) is recorded as 0.1 s, its upper
      // bound at the file's resolution: the site takes only positive times
      if (r.status === 'done') entry[`${mode}_s`] = idle ? r.wall_s : Math.max(r.cpu_estimate_s, 0.1);
      else delete entry[`${mode}_s`];
      rows.push([id, mode, r.status, r.wall_s, r.busiest_worker_cpu_s, r.workers_cpu_s, r.page_main_cpu_s, r.cpu_estimate_s, r.page_estimate_s ?? '–', r.load_before, r.basis]);
      console.error(`${id} ${mode}: ${r.status}, wall ${r.wall_s} s, CPU estimate ${r.cpu_estimate_s} s`);
      fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    }
  }
} finally {
  await site.close();
}
console.log(
  "\n| experiment | mode | status | wall (s) | busiest worker CPU (s) | all workers CPU (s) | page main thread CPU (s) | idle estimate from CPU (s) | page's estimate before Run (s) | load | typical from |",
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`\nwritten: ${path.relative(repoRoot, out)}`);

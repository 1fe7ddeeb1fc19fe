#!/usr/bin/env node
// The long tasks of a page's start, and what is in them: loads each page of the built site in
// Debian's Chromium (a fresh context each time, a phone's viewport as Lighthouse's mobile profile
// has it, the CPU slowed RATE times through the DevTools protocol), records a trace, and prints
// every main-thread task of the renderer longer than MIN ms of unslowed time (its traced length
// divided by RATE), with the longest events inside it: scripts (by file and line), style, layout,
// HTML parsing, paint. Lighthouse's blocking time counts, per task, its length at 4x less 50 ms,
// so a task over 12.5 ms here is one that costs blocking time in an audit.
//
// Usage: node scripts/startup-tasks.mjs [--rate R] [--min MS] [--wait MS] [--runs N] hash...
//   --rate R   CPU slowdown (default 4, Lighthouse's)          --min MS   unslowed length to list (default 12)
//   --wait MS  how long to record after navigating (default 6000)  --runs N  loads of each page (default 1)
// Needs the built site (scripts/build.sh; NORMLAB_DIST selects another build). A measurement: run it
// alone on the machine (see the notes on sharing the cores).
import { startSite } from '../tests/e2e/browser.mjs';

function parseArgs(argv) {
  const opts = { rate: 4, min: 12, wait: 6000, runs: 1, pages: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a number >= 0`);
      return v;
    };
    if (a === '--rate') opts.rate = Math.max(1, num());
    else if (a === '--min') opts.min = num();
    else if (a === '--wait') opts.wait = num();
    else if (a === '--runs') opts.runs = Math.max(1, Math.round(num()));
    else if (a.startsWith('--')) throw new Error(`unknown option ${a} (see the usage at the top of this file)`);
    else opts.pages.push(a);
  }
  if (!opts.pages.length) opts.pages.push('#/lab/norm-compare');
  return opts;
}

// Lighthouse's mobile profile: a Moto G Power's screen
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel'];
const TASK = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
// events worth naming inside a task, and how to say what they are about
const short = (url) => String(url ?? '').replace(/^.*\//, '');
function what(e) {
  const d = e.args?.data ?? e.args?.beginData ?? {};
  if (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compile')
    return `${short(d.url)}${d.lineNumber ? `:${d.lineNumber}` : ''}${d.functionName ? ` ${d.functionName}` : ''}`;
  if (e.name === 'TimerFire' || e.name === 'FireAnimationFrame') return '';
  if (e.name === 'EventDispatch') return d.type ?? '';
  if (e.name === 'ParseHTML') return short(d.url);
  return '';
}
const NAMED = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'EventDispatch',
  'TimerFire',
  'RunMicrotasks',
  'ParseHTML',
  'ParseAuthorStyleSheet',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'UpdateLayer',
  'HitTest',
  'v8.gc',
  'MajorGC',
  'MinorGC',
]);

/** One load of `hash`: the renderer's main-thread tasks of at least min ms unslowed, with their contents. */
async function traceOnce(site, hash, opts) {
  const { page, context } = await site.newPage(PHONE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: opts.rate });
  await site.browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(site.server.url + hash);
  await page.waitForTimeout(opts.wait);
  const events = JSON.parse((await site.browser.stopTracing()).toString()).traceEvents;
  await context.close();
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const starts = events.filter((e) => e.name === 'navigationStart').map((e) => e.ts);
  const t0 = starts.length ? Math.min(...starts) : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const out = [];
  for (const m of mains) {
    const on = events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.dur != null);
    // the outermost tasks only (a RunTask may hold another)
    const tasks = on.filter((e) => TASK.has(e.name));
    const outer = tasks.filter((e) => !tasks.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur));
    for (const task of outer.filter((e) => e.dur / 1000 / opts.rate >= opts.min)) {
      const end = task.ts + task.dur;
      const inside = on
        .filter((e) => e !== task && NAMED.has(e.name) && e.ts >= task.ts && e.ts + e.dur <= end)
        .filter((e) => e.dur >= task.dur * 0.05)
        .sort((a, b) => a.ts - b.ts)
        .slice(0, 16);
      out.push({ at: (task.ts - t0) / 1000, ms: task.dur / 1000, inside });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

const opts = parseArgs(process.argv.slice(2));
const site = await startSite();
const f = (v) => v.toFixed(0).padStart(5);
try {
  console.log(`tasks over ${opts.min} ms unslowed, CPU slowed ${opts.rate}x (ms: traced / unslowed)`);
  for (const hash of opts.pages) {
    for (let r = 0; r < opts.runs; r++) {
      const tasks = await traceOnce(site, hash, opts);
      // Lighthouse's way: each task's (slowed length - 50 ms), at a 4x slowdown
      const blocking = tasks.reduce((s, t) => s + Math.max(0, (t.ms / opts.rate) * 4 - 50), 0);
      console.log(`${hash}${opts.runs > 1 ? ` (load ${r + 1})` : ''}: ${tasks.length} task(s), blocking at 4x ~${blocking.toFixed(0)} ms`);
      for (const t of tasks) {
        console.log(`  at ${f(t.at)} ms: ${f(t.ms)} / ${f(t.ms / opts.rate)} ms`);
        for (const e of t.inside)
          console.log(`      ${(e.dur / 1000).toFixed(1).padStart(6)} ms  ${e.name} ${what(e)}`.trimEnd());
      }
    }
  }
} finally {
  await site.browser.close();
  await site.server.close();
}

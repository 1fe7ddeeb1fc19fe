// The coding exercises in a real browser: the worked solutions pass every check through the page,
// its engine worker (the C++ core) and the learner worker; planted bugs fail at the check that
// names them; an endless loop is stopped with a message and the page stays usable; the code
// survives a reload; the page works by keyboard alone; the page's CSP is unchanged and forbids
// eval while the learner's code compiles in its own worker — unless the host sends a CSP header
// that forbids it there too, which the page then says in words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startSite, distDir } from './browser.mjs';
import { repoRoot, requireFromWeb } from '../lib/wasm-node.mjs';
import { loadExercises } from '../../web/plugins/exercises.js';
import { BUGS } from '../lib/exercise-bugs.mjs';

// The page's policy as index.html states it; an exercise page must not need more.
const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";
// web/src/engine/learner-client.js TIME_LIMIT_MS, and a generous allowance for a loaded machine
const TIME_LIMIT_MS = 4000;
const exercises = loadExercises(path.join(repoRoot, 'content'));
const bySlug = (slug) => exercises.find((e) => e.slug === slug);
const axeSource = fs.readFileSync(requireFromWeb.resolve('axe-core/axe.min.js'), 'utf8');

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

async function open(page, slug) {
  await page.goto(`${site.server.url}#/exercises/${slug}`);
  await page.waitForSelector('.cm-content');
}

// Replaces the editor's text the way a learner would: select all, then type (insert) the code.
async function setCode(page, code) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(code);
}

const editorText = (page) => page.evaluate(() => document.querySelector('.cm-content').innerText);

async function runChecks(page) {
  await page.click('#run-checks');
  await page.waitForFunction(() => document.querySelector('.check-list')?.dataset.state !== 'running', null, {
    timeout: 30000,
  });
  return page.getAttribute('.check-list', 'data-state');
}

test('the exercises index lists every exercise, and theory sections and drills link to theirs', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/exercises`);
  await page.waitForSelector('ol.exercises');
  const hrefs = await page.$$eval('ol.exercises a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(
    hrefs,
    exercises.map((e) => `#/exercises/${e.slug}`),
  );
  assert.ok(hrefs.length >= 6);
  for (const [where, slug] of [
    ['#/theory/rmsnorm', 'rmsnorm-forward'],
    ['#/theory/epsilon', 'bug-hunt-constant-rows'],
    ['#/drills/rmsnorm-backward', 'rmsnorm-backward'],
    ['#/drills/bn-running-var', 'batchnorm-train-eval'],
  ]) {
    await page.goto(site.server.url + where);
    await page.waitForSelector(`.exercise-links a[href="#/exercises/${slug}"]`);
  }
  assert.ok(await page.isVisible('#site-nav a[href="#/exercises"]'));
  assert.deepEqual(problems, []);
});

test('the editor and the exercise code load only with an exercise page', async () => {
  const { page, problems } = await site.newPage();
  const scripts = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.js')) scripts.push(path.basename(new URL(r.url()).pathname));
  });
  await page.goto(site.server.url);
  await page.waitForSelector('#demo section[data-state="ready"]');
  assert.ok(scripts.length > 0);
  assert.deepEqual(
    scripts.filter((s) => /^(exercise|learner|exercises)-/.test(s)),
    [],
  );
  await page.goto(`${site.server.url}#/exercises/rmsnorm-forward`);
  await page.waitForSelector('.cm-content');
  assert.ok(scripts.some((s) => s.startsWith('exercise-')));
  assert.deepEqual(problems, []);
});

for (const ex of exercises) {
  test(`${ex.slug}: the worked solution passes every check and the exercise is marked done`, async () => {
    const { page, problems } = await site.newPage();
    await open(page, ex.slug);
    assert.match(await page.textContent('.exercise-status'), /Not done/);
    await setCode(page, ex.solutionCode);
    assert.equal(await runChecks(page), 'passed', await page.textContent('.check-report'));
    const states = await page.$$eval('.check-list li', (lis) => lis.map((li) => li.dataset.state));
    assert.deepEqual(
      states,
      ex.checks.map(() => 'pass'),
    );
    assert.match(await page.textContent('.exercise-status'), /Done/);
    await page.goto(`${site.server.url}#/exercises`);
    await page.waitForSelector(`ol.exercises a[href="#/exercises/${ex.slug}"] + .done-mark`);
    assert.deepEqual(problems, []);
  });
}

for (const bug of BUGS) {
  test(`planted bug, ${bug.name}: fails at "${bug.failsFirst}", with its input, values and largest difference`, async () => {
    const { page, problems } = await site.newPage();
    const ex = bySlug(bug.exercise);
    await open(page, ex.slug);
    await setCode(page, bug.plant(ex.solutionCode, ex.starter));
    assert.equal(await runChecks(page), 'failed');
    assert.equal(await page.getAttribute('.check-failure', 'data-check'), bug.failsFirst);
    assert.equal(await page.getAttribute(`.check-list li[data-check="${bug.failsFirst}"]`, 'data-state'), 'fail');
    const report = await page.textContent('.check-failure');
    assert.match(report, /failed/);
    assert.match(report, /Largest difference at d?[a-zA-Z]+\[\d+\]/);
    assert.ok(await page.isVisible('.check-failure caption:text("Input")'));
    assert.match(await page.textContent('.exercise-status'), /Not done/);
    assert.deepEqual(problems, []);
  });
}

test('an endless loop is stopped with a message, the page stays usable, and a fresh worker runs the next attempt', async () => {
  const { page, problems } = await site.newPage();
  const ex = bySlug('rmsnorm-forward');
  await open(page, ex.slug);
  await setCode(page, 'function rmsnormForward(x, gamma, rows, d, eps) {\n  while (true) {}\n}\n');
  await page.click('#run-checks');
  // while the loop runs in its worker, the page answers: a hint opens
  await page.click('#next-hint');
  await page.waitForSelector('.hints li');
  assert.equal(await page.getAttribute('.check-list', 'data-state'), 'running');
  await page.waitForSelector('.check-error', { timeout: TIME_LIMIT_MS + 15000 });
  assert.match(await page.textContent('.check-error'), /did not finish within 4 s/);
  // the next run gets a fresh worker and passes
  await setCode(page, ex.solutionCode);
  assert.equal(await runChecks(page), 'passed');
  assert.deepEqual(problems, []);
});

test('an exception and a syntax error end in a message, not a broken page', async () => {
  const { page, problems } = await site.newPage();
  await open(page, 'rmsnorm-forward');
  await setCode(page, 'function rmsnormForward() { throw new RangeError("my own error"); }\n');
  assert.equal(await runChecks(page), 'failed');
  assert.match(await page.textContent('.check-failure'), /RangeError: my own error/);
  await setCode(page, 'function rmsnormForward( {\n');
  assert.equal(await runChecks(page), 'error');
  assert.match(await page.textContent('.check-error'), /could not run: SyntaxError/);
  await setCode(page, 'function somethingElse() {}\n');
  assert.equal(await runChecks(page), 'error');
  assert.match(await page.textContent('.check-error'), /define the function rmsnormForward/);
  assert.deepEqual(problems, []);
});

test("the learner's code survives a reload, per exercise; the starter comes back on request and undo", async () => {
  const { page, problems } = await site.newPage();
  await open(page, 'groupnorm-forward');
  await setCode(page, '// my attempt at GroupNorm\nfunction groupnormForward() { return []; }\n');
  await page.reload();
  await page.waitForSelector('.cm-content');
  assert.match(await editorText(page), /my attempt at GroupNorm/);
  // another exercise keeps its own code
  await open(page, 'rmsnorm-forward');
  assert.doesNotMatch(await editorText(page), /my attempt/);
  await open(page, 'groupnorm-forward');
  await page.click('#reset-code');
  assert.doesNotMatch(await editorText(page), /my attempt/);
  await page.keyboard.press('Control+Z');
  assert.match(await editorText(page), /my attempt at GroupNorm/);
  assert.deepEqual(problems, []);
});

test('keyboard only: Tab reaches the editor, Tab indents there, Escape then Tab leaves it, Enter runs the checks', async () => {
  const { page, problems } = await site.newPage();
  const ex = bySlug('rmsnorm-forward');
  await open(page, ex.slug);
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      return a?.classList.contains('cm-content') ? 'editor' : a?.id || a?.tagName;
    });
  let steps = 0;
  while ((await focused()) !== 'editor' && steps++ < 60) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'editor', 'Tab reaches the editor');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(ex.solutionCode);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Tab'); // indents: focus stays
  assert.equal(await focused(), 'editor');
  assert.match(await editorText(page), /\n\s+$/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'run-checks', 'Escape then Tab leaves the editor');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.check-list')?.dataset.state === 'passed', null, {
    timeout: 30000,
  });
  // hints open by keyboard, one at a time
  while ((await focused()) !== 'next-hint' && steps++ < 80) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal((await page.$$('.hints li')).length, 1);
  assert.deepEqual(problems, []);
});

test('axe-core finds no serious or critical violation on the index and on an exercise with a failure, hints and solution shown', async () => {
  const { page, problems } = await site.newPage();
  const failures = [];
  const audit = async (where) => {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        failures.push(`${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  };
  await page.goto(`${site.server.url}#/exercises`);
  await page.waitForSelector('ol.exercises');
  await audit('index');
  const ex = bySlug('bug-hunt-constant-rows');
  await open(page, ex.slug);
  assert.equal(await runChecks(page), 'failed');
  for (let i = 0; i < ex.hints.length; i++) await page.click('#next-hint');
  await page.click('details.solution summary');
  await audit(ex.slug);
  assert.deepEqual(failures, []);
  assert.deepEqual(problems, []);
});

test("the page's CSP is unchanged and forbids eval; the learner's code compiles in its own worker only", async () => {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  assert.equal(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1], PAGE_CSP);
  const { page, problems } = await site.newPage();
  await open(page, 'rmsnorm-forward');
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.equal(meta, PAGE_CSP);
  // DevTools' own evaluation may compile code under any CSP, so the probe is a string timer,
  // which the page's policy judges when it fires: a violation of script-src, the eval never runs
  const onPage = await page.evaluate(
    () =>
      new Promise((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (e) => resolve(`${e.effectiveDirective} ${e.blockedURI}`),
          {
            once: true,
          },
        );
        // @ts-ignore a string handler on purpose
        setTimeout('window.__compiled = true; ', 0);
      }),
  );
  assert.equal(await page.evaluate(() => window.__compiled), undefined);
  assert.equal(onPage, 'script-src eval', 'the page itself may not compile code');
  await setCode(page, bySlug('rmsnorm-forward').solutionCode);
  assert.equal(await runChecks(page), 'passed', 'the learner worker compiles it');
  // the page's console carries one CSP report: our probe above, nothing from the exercise
  assert.ok(problems.every((p) => /unsafe-eval|Content Security Policy/i.test(p)));
});

test('a host whose CSP header forbids eval on every file: the exercise says what the host must allow', async () => {
  const strict = await startSite({
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" },
  });
  try {
    const { page } = await strict.newPage();
    await page.goto(`${strict.server.url}#/exercises/rmsnorm-forward`);
    await page.waitForSelector('.cm-content');
    await setCode(page, bySlug('rmsnorm-forward').solutionCode);
    await page.click('#run-checks');
    await page.waitForSelector('.check-error', { timeout: 30000 });
    assert.match(await page.textContent('.check-error'), /does not allow code to be compiled in the exercise worker/);
  } finally {
    await strict.close();
  }
});

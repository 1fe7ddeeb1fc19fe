// Access in a real browser: the site works with the keyboard alone (skip link, nav, an experiment
// run, a quiz answer), every Tab stop is rendered and shows a focus ring, and focus is never
// trapped or dropped; a learner's own text file is read, named and trained on (and a bad one is
// refused with a message); a WebAssembly module that fails to load gives a message that says
// what to do, while the rest of the page stays usable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';
import { loadCoreCatalogue } from '../../web/plugins/experiments.js';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const runDone = (page, state = 'done') =>
  page.waitForFunction((s) => document.querySelector('main').dataset.run === s, state, { timeout: 120000 });

async function openLab(page, id, query = '') {
  await page.goto(`${site.server.url}#/lab/${id}${query ? `?${query}` : ''}`);
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 30000 });
}

async function downloadJson(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`.download-buttons button:has-text("${name}")`),
  ]);
  assert.equal(download.suggestedFilename(), name);
  return JSON.parse(Buffer.concat(await (await download.createReadStream()).toArray()).toString());
}

// The focused element: whether it matches `selector`, whether it is rendered inside the viewport,
// and whether it shows a focus indicator (a non-zero, non-transparent outline, or a box shadow).
const focusState = (page, selector = null) =>
  page.evaluate((sel) => {
    const el = document.activeElement;
    if (!el || el === document.body) return { body: true, is: false, name: 'body' };
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const outline =
      cs.outlineStyle !== 'none' &&
      parseFloat(cs.outlineWidth) >= 1 &&
      !/^rgba\(.*,\s*0\)$|^transparent$/.test(cs.outlineColor);
    const text = (el.textContent || el.value || el.getAttribute('aria-label') || '')
      .trim()
      .replace(/\s+/g, ' ')
      .slice(0, 30);
    return {
      body: false,
      is: sel ? el.matches(sel) : false,
      tag: el.tagName.toLowerCase(),
      name: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : ''} "${text}"`,
      shown:
        r.width > 0 &&
        r.height > 0 &&
        cs.visibility === 'visible' &&
        r.bottom > 0 &&
        r.right > 0 &&
        r.top < innerHeight &&
        r.left < innerWidth,
      ring: outline || cs.boxShadow !== 'none',
    };
  }, selector);

// Presses `key` until the focus lands on `selector`, checking every stop on the way: rendered, in
// view, with a focus ring. A wrap to the page itself (body) is allowed. Returns the stops passed.
async function tabTo(page, selector, { key = 'Tab', max = 120 } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focusState(page, selector);
    stops.push(f);
    if (f.body) continue;
    assert.ok(f.shown, `focus landed on an element that is not visible: ${f.name}`);
    assert.ok(f.ring, `no visible focus indicator on ${f.name}`);
    if (f.is) return stops;
  }
  throw new Error(`${key} never reached ${selector} in ${max} presses; stops: ${stops.map((s) => s.name).join(' | ')}`);
}

const focusIs = (page, selector) =>
  page.waitForFunction((sel) => document.activeElement?.matches(sel), selector, { timeout: 30000 });

test('keyboard: the skip link skips the nav, every Tab stop on the home page shows a focus ring, focus is not trapped', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.server.url);
  await page.waitForSelector('#demo section[data-state="ready"]');
  await tabTo(page, '.skip-link', { max: 1 });
  await page.keyboard.press('Enter');
  assert.ok(['', '#/'].includes(await page.evaluate(() => location.hash)), 'the route is untouched');
  assert.match(
    await page.textContent('main h1'),
    /Normalization in deep learning/,
    'the skip link does not change the page',
  );
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await tabTo(page, '#demo-x', { max: 1 }); // past the nav, straight into the content
  // and back to the header's last link, the language switch, then past its other language to the nav's last link
  await tabTo(page, '#lang-switch a[data-lang="es"]', { key: 'Shift+Tab', max: 1 });
  await tabTo(page, '#site-nav a[href="#/quiz"]', { key: 'Shift+Tab', max: 2 });
  // one full round of the page: to the end, out of the document, and back to the first stop
  const stops = [...(await tabTo(page, '#reset-progress')), ...(await tabTo(page, '.skip-link', { max: 3 }))];
  assert.ok(
    stops.some((s) => s.body),
    'focus leaves the page after the last stop: nothing traps it',
  );
  const tags = new Set(stops.filter((s) => !s.body).map((s) => s.tag));
  for (const tag of ['a', 'button', 'input', 'summary'])
    assert.ok(tags.has(tag), `a ${tag} is a Tab stop (${[...tags]})`);
  assert.ok(
    stops.some((s) => s.name.includes('[href="#/lab/eps"]')),
    'the experiment links are Tab stops',
  );
  assert.deepEqual(problems, []);
});

test('keyboard: nav to the eps experiment, quick mode with Space, Run with Enter; the run completes, focus follows, a file downloads', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.server.url);
  await page.waitForSelector('#demo section[data-state="ready"]');
  await tabTo(page, 'nav a[href="#/lab"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Experiments');
  await tabTo(page, 'main a[href="#/lab/eps"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => !document.querySelector('#run').disabled, null, { timeout: 30000 });
  // the predict-before-you-run questions arrive later and push the form down: let the page settle first
  await page.waitForSelector('.predict:not([hidden]) .question');
  await tabTo(page, '#f-quick');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#f-quick'), true);
  await page.waitForFunction(() => /[?&]quick=1/.test(location.hash) && !document.querySelector('#run').disabled);
  await tabTo(page, '#run');
  await tabTo(page, '#reset', { max: 1 }); // Stop is disabled, so it is no Tab stop yet
  await tabTo(page, '#run', { key: 'Shift+Tab', max: 1 });
  // where the focus goes from here on (a quick run can end before a poll would see Stop focused)
  await page.evaluate(() => {
    window.focusLog = [];
    document.addEventListener('focusin', (e) => window.focusLog.push(e.target.id || e.target.tagName));
  });
  await page.keyboard.press('Enter');
  await runDone(page);
  await focusIs(page, '#run');
  // Run is disabled while running: focus moved to Stop, not to the page, and back to Run at the end
  assert.deepEqual(await page.evaluate(() => window.focusLog), ['stop', 'run']);
  assert.equal(await page.textContent('.run-status'), 'Done.');
  const bars = await page.$$eval('[role="progressbar"]', (bs) =>
    bs.map((b) => [b.getAttribute('aria-valuenow'), b.getAttribute('aria-valuemax')]),
  );
  assert.ok(bars.length > 0);
  for (const [now, max] of bars) assert.equal(now, max);
  assert.ok((await page.$$('table.claims tbody tr')).length > 0, 'the claims are shown');
  // the results by keyboard: Tab to the first download and press Enter
  await tabTo(page, '.download-buttons button[data-file="0"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), 'manifest.json');
  const manifest = JSON.parse(Buffer.concat(await (await download.createReadStream()).toArray()).toString());
  assert.equal(manifest.id, 'eps');
  assert.equal(manifest.config.quick, true);
  // the rest of the finished page: every stop visible with a ring, and focus leaves the page at the end
  const rest = await tabTo(page, '.skip-link');
  assert.ok(
    rest.some((s) => s.body),
    'focus is not trapped in the results',
  );
  assert.deepEqual(problems, []);
});

test('keyboard: answer a quiz question with Space, arrows, Tab and Enter; focus goes to the verdict; retry until correct', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.server.url);
  await page.waitForSelector('#site-nav a');
  await tabTo(page, 'nav a[href="#/quiz"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.question');
  const sid = await page.$eval('.question[data-type="single"]', (q) => q.dataset.id);
  const q = `.question[data-id="${sid}"]`;
  const n = (await page.$$(`${q} input[type=radio]`)).length;
  await tabTo(page, `${q} input[type=radio]`);
  let result = null;
  for (let i = 0; i < n; i++) {
    // the first choice with Space; after a retry the focus is on choice A again and the arrows pick the next
    if (i === 0) await page.keyboard.press('Space');
    for (let k = 0; k < i; k++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.$eval(`${q} input:checked`, (el) => Number(el.value)), i, `choice ${i} is selected`);
    await tabTo(page, `${q} button[type=submit]`, { max: 1 });
    await page.keyboard.press('Enter');
    result = await page.getAttribute(q, 'data-result');
    assert.ok(['correct', 'wrong'].includes(result), `graded (${result})`);
    // the submit button is disabled now: focus is on the verdict, visible, not dropped to the page
    const f = await focusState(page, `${q} .verdict`);
    assert.ok(f.is && f.shown && f.ring, `focus after answering: ${f.name}`);
    assert.equal(await page.textContent(`${q} .verdict`), result === 'correct' ? 'Correct.' : 'Not quite.');
    if (result === 'correct') break;
    await tabTo(page, `${q} button.retry`, { key: 'Shift+Tab', max: 1 });
    await page.keyboard.press('Enter');
    await focusIs(page, `${q} input[type=radio][value="0"]`);
  }
  assert.equal(result, 'correct', 'one of the choices is graded correct');
  const first = (await page.textContent(`${q} .try-note`)).includes('first try') ? 1 : 0;
  assert.match(await page.textContent('.score'), new RegExp(`First-try score: ${first} of \\d+ \\(1 answered\\)`));
  assert.deepEqual(problems, []);
});

test('own text file: named with its length, a quick run trains on it, TinyShakespeare is never requested', async () => {
  const { page, problems } = await site.newPage();
  const shakespeare = [];
  page.on('request', (r) => {
    if (/tinyshakespeare/i.test(r.url())) shakespeare.push(r.url());
  });
  // GPT-2's small initialisation starts every variant at near-uniform predictions, so the first
  // validation loss is about ln(vocabulary) (the check below); at 1e-3 no variant diverges at once.
  // Two variants and 20 steps: what is checked (the text named, trained on from the first
  // validation, never TinyShakespeare) needs no more. The quick run's four variants × 80 steps
  // took 70–93 s at load average 15–17 on 2 cores, with or without the service worker, and
  // passed the 120 s limit when the machine was busier.
  await openLab(page, 'norm-compare', 'quick=1&init=gpt2&lrs=0.001&variants=pre/layer,pre/rms&steps=20&eval_every=10');
  const text = 'To be, or not to be, that is the question: whether tis nobler in the mind to suffer.\n'.repeat(60);
  const vocab = new Set(text).size; // 23 symbols; TinyShakespeare has 65
  await page.setInputFiles('#user-text', { name: 'mine.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForFunction(() => /mine\.txt/.test(document.querySelector('#user-text-status').textContent));
  assert.equal(await page.textContent('#user-text-status'), `Using your text "mine.txt" (${text.length} characters).`);
  await page.click('#run');
  await runDone(page);
  assert.equal(await page.textContent('.run-status'), 'Done.');
  assert.deepEqual(
    await page.$$eval('.job[data-status="failed"] .job-text', (els) => els.map((e) => e.textContent)),
    [],
  );
  const manifest = await downloadJson(page, 'manifest.json');
  assert.equal(manifest.id, 'norm-compare');
  assert.equal(manifest.config.quick, true);
  // The run trained on this text: the model's vocabulary is the text's symbols, so the loss at
  // initialisation (near-uniform predictions) is about ln(23) = 3.1, not ln(65) = 4.2 as on TinyShakespeare.
  const metrics = await downloadJson(page, 'metrics.json');
  const initial = Object.entries(metrics.variants).map(([v, m]) => [v, m.initial_val_loss]);
  assert.ok(initial.length > 0);
  for (const [v, loss] of initial)
    assert.ok(
      Math.abs(loss - Math.log(vocab)) < 0.4,
      `${v}: initial validation loss ${loss}, expected about ln(${vocab})`,
    );
  assert.deepEqual(shakespeare, [], 'the default text was not fetched');
  // the manifest says which text the run trained on
  assert.deepEqual(manifest.data, { source: 'file', name: 'mine.txt', bytes: Buffer.byteLength(text) });
  assert.deepEqual(problems, []);
});

test('own text file: an empty or a binary file is refused with a clear message; the page goes on', async () => {
  const { page, problems } = await site.newPage();
  await openLab(page, 'norm-compare', 'quick=1');
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    Buffer.alloc(500, 0xff),
    Buffer.alloc(100),
  ]);
  for (const [name, mimeType, buffer, problem] of [
    ['empty.txt', 'text/plain', Buffer.alloc(0), /"empty\.txt" is empty/],
    ['blank.txt', 'text/plain', Buffer.from(' \n\n\t \n'), /"blank\.txt" is empty/],
    ['photo.png', 'image/png', png, /"photo\.png" does not look like plain text/],
  ]) {
    await page.setInputFiles('#user-text', { name, mimeType, buffer });
    await page.waitForFunction((nm) => document.querySelector('#user-text-status').textContent.includes(nm), name);
    const status = await page.textContent('#user-text-status');
    assert.match(status, problem);
    assert.match(status, /choose a plain-text \(\.txt\) file/);
    assert.match(status, /TinyShakespeare|no text to train on/, 'says what the run will use instead');
    assert.equal(await page.$eval('#user-text', (el) => el.files.length), 0, `${name} is not kept as the chosen file`);
    assert.equal(await page.isDisabled('#run'), false, 'Run is still available');
  }
  // a good file after the bad ones is taken
  await page.setInputFiles('#user-text', {
    name: 'ok.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Some text.\n'.repeat(10)),
  });
  await page.waitForFunction(() => document.querySelector('#user-text-status').textContent.includes('ok.txt'));
  assert.equal(await page.textContent('#user-text-status'), 'Using your text "ok.txt" (110 characters).');
  // too short to hold a training context and a validation split: every run fails, the page says why once
  await page.click('#run');
  await runDone(page, 'error');
  const status = await page.textContent('.run-status');
  assert.match(status, /^Every run failed, so there are no results: .+\. Change the settings and run again\.$/);
  assert.match(status, /text/i, `the reason names the text: ${status}`);
  assert.equal(await page.isDisabled('#run'), false, 'Run is available again');
  assert.deepEqual(problems, []);
});

// The WASM failure tests intercept the page's requests (page.route). A service worker would fetch
// the WASM itself (its precache, then a worker created after it took control loads the module from
// that cache), where the page's routes never see it; they run as in a browser without service workers.
const NO_SERVICE_WORKER = { serviceWorkers: 'block' };

// The problems of a page whose WASM request fails on purpose: only those of the .wasm URL are expected.
function onlyWasmFailures(problems) {
  const wasm = problems.filter((p) => /\.wasm\b/.test(p) && /^(request failed|HTTP 404)/.test(p));
  assert.ok(wasm.length > 0, 'the .wasm request was intercepted');
  assert.deepEqual(
    problems.filter((p) => !wasm.includes(p)),
    [],
  );
}

test('WASM fails to load on an experiment page (request aborted): the page says so and what to do, and stays usable', async () => {
  const { page, problems } = await site.newPage(NO_SERVICE_WORKER);
  await page.route('**/*.wasm', (r) => r.abort('failed'));
  await page.goto(`${site.server.url}#/lab/eps`);
  const alert = page.locator('main .engine-error[role="alert"]');
  await alert.waitFor({ timeout: 30000 });
  const message = await alert.textContent();
  assert.match(message, /This experiment cannot run: The compute engine \(WebAssembly\) failed to load/);
  assert.match(message, /could not be downloaded|not WebAssembly/, `the cause in plain words: ${message}`);
  assert.match(message, /Reload the page to try again/);
  assert.doesNotMatch(message, /ASSERTIONS|\.\./, 'no developer jargon or doubled full stops');
  const eps = (await loadCoreCatalogue()).find((d) => d.id === 'eps');
  assert.equal(await page.textContent('main h1'), eps.title, "the title, in the core's words, needs no WASM");
  assert.ok(await page.isVisible('main .lede'), 'the question is still shown');
  assert.equal(await page.$('main [role="status"]'), null, 'no "Loading…" left behind');
  // not frozen: the nav still works and the theory (no WASM needed for its text) renders
  await page.click('nav a[href="#/theory"]');
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Theory');
  assert.ok((await page.$$('main .toc a')).length > 0);
  onlyWasmFailures(problems);
});

test('WASM fails to load on the home page (HTTP 404): the demo says so and what to do; the rest of the page works', async () => {
  const { page, problems } = await site.newPage(NO_SERVICE_WORKER);
  await page.route('**/*.wasm', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
  await page.goto(site.server.url);
  await page.waitForSelector('#demo section[data-state="error"]', { timeout: 30000 });
  const message = await page.textContent('#demo .engine-error');
  assert.match(
    message,
    /The compute engine \(WebAssembly\) failed to load: what arrived for its file is not WebAssembly, perhaps an error page from the server/,
  );
  assert.match(message, /Reload the page to try again/);
  assert.doesNotMatch(message, /ASSERTIONS|Aborted\(/, 'no developer jargon');
  assert.equal(await page.getAttribute('#demo .engine-error', 'role'), 'alert');
  for (const sel of [
    'main h1',
    '#site-nav a[href="#/theory"]',
    'main .course-map a[href^="#/theory/"]',
    'main a[href="#/lab/eps"]',
    '#reset-progress',
  ]) {
    assert.ok(await page.isVisible(sel), `${sel} is still shown`);
  }
  // not frozen: an edit retries (and fails the same clear way), and the other controls respond
  await page.fill('#demo-x', '1, 2, 3');
  await page.waitForSelector('#demo section[data-state="error"]', { timeout: 30000 });
  await page.click('#reset-progress');
  assert.match(await page.textContent('#reset-status'), /progress/);
  onlyWasmFailures(problems);
});

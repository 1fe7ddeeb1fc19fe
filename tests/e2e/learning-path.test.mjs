// The course as a learning path, in a real browser: every theory route has a labelled figure,
// the quiz hints before it explains and scores first tries only, 1/6 is accepted where 0.1667 is,
// the home page counts progress, the RMSNorm demo explains x = 0 with ε = 0, and at a phone's
// 390 px no page scrolls sideways (every route's own title: course.test.mjs's walk).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

async function theoryRoutes(page) {
  await page.goto(`${site.server.url}#/theory`);
  await page.waitForSelector('main h1');
  return page.$$eval('main a[href^="#/theory/"]', (as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
}

const loaded = (page) =>
  page.waitForFunction(() => !document.querySelector('main [role="status"]')?.textContent.startsWith('Loading'));

test('every theory route has an SVG figure with a text alternative and linked references', async () => {
  const { page, problems } = await site.newPage();
  const routes = await theoryRoutes(page);
  assert.ok(routes.length >= 9, `${routes.length} theory routes`);
  for (const href of routes) {
    await page.goto(site.server.url + href);
    await page.waitForSelector('main figure.figure svg[role="img"]');
    const figs = await page.$$eval('main figure.figure', (fs) =>
      fs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg.getBoundingClientRect();
        return { alt: svg.getAttribute('aria-label') ?? '', w: box.width, h: box.height };
      }),
    );
    for (const f of figs) {
      assert.ok(f.alt.length >= 20, `${href}: figure without a text alternative`);
      assert.ok(f.w > 100 && f.h > 50, `${href}: figure not drawn (${f.w} x ${f.h})`);
    }
    const refs = await page.$$eval('main h2', (hs) => {
      const h = hs.find((x) => x.textContent === 'References');
      return h ? [...h.nextElementSibling.querySelectorAll('a')].map((a) => a.href) : [];
    });
    assert.ok(refs.length >= 1 && refs.every((r) => r.startsWith('https://')), `${href}: references ${refs}`);
  }
  assert.deepEqual(problems, []);
});

test('quiz: wrong then right shows the hint first and scores as missed; 1/6 is accepted', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/quiz`);
  await page.waitForSelector('.question');
  const q = '.question[data-id="kaiming-variance"]';
  const wrong = 0;
  await page.check(`${q} input[value="${wrong}"]`);
  await page.click(`${q} button[type=submit]`);
  assert.equal(await page.getAttribute(q, 'data-result'), 'wrong');
  assert.ok(await page.isVisible(`${q} .hint`), 'the hint after a first wrong try');
  assert.ok(!(await page.isVisible(`${q} .explanation`)), 'no explanation yet');
  assert.match(await page.textContent(`${q} .choice[data-choice="${wrong}"] .mark`), /wrong/);
  await page.click(`${q} button.retry`);
  const n = (await page.$$(`${q} input[type=radio]`)).length;
  let right = null;
  for (let i = 0; i < n && right === null; i++) {
    if (i === wrong) continue;
    await page.check(`${q} input[value="${i}"]`);
    await page.click(`${q} button[type=submit]`);
    if ((await page.getAttribute(q, 'data-result')) === 'correct') right = i;
    else await page.click(`${q} button.retry`);
  }
  assert.notEqual(right, null);
  assert.ok(await page.isVisible(`${q} .explanation`), 'the explanation after the second try');
  assert.match(await page.textContent(`${q} .choice[data-choice="${right}"] .mark`), /right/);
  assert.match(await page.textContent('.score'), /First-try score: 0 of \d+ \(1 answered\)/);
  // the review lists it, and takes you back to it
  assert.ok(await page.isVisible('.quiz-review'));
  assert.equal(await page.$$eval('.quiz-review li', (l) => l.length), 1);
  assert.match(
    await page.textContent('.quiz-section[data-section="why-normalize"] .qs-progress'),
    /1 of \d+ answered · 0 right on the first try/,
  );

  // the numeric question whose key is 0.1667 takes 1/6 as well, on the first try
  const num = '.question[data-id="pytorch-default-gain"]';
  await page.fill(`${num} input`, '1/6');
  await page.click(`${num} button[type=submit]`);
  assert.equal(await page.getAttribute(num, 'data-result'), 'correct');
  assert.match(await page.textContent('.score'), /First-try score: 1 of \d+ \(2 answered\)/);

  // the explanation on request, after a first wrong try
  const other = '.question[data-id="santurkar-finding"]';
  await page.check(`${other} input[value="0"]`);
  await page.click(`${other} button[type=submit]`);
  assert.ok(!(await page.isVisible(`${other} .explanation`)));
  await page.click(`${other} button.reveal`);
  assert.ok(await page.isVisible(`${other} .explanation`));
  assert.deepEqual(problems, []);
});

test('the home page shows the course map with counts after some answers and a section read', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/`);
  await page.waitForSelector('.course-map');
  const before = await page.textContent('.map-total');
  assert.match(before, /^0 of \d+ steps done/);
  await page.goto(`${site.server.url}#/theory/why-normalize`);
  await page.waitForSelector('main figure');
  await page.goto(`${site.server.url}#/quiz`);
  await page.waitForSelector('.question');
  const q = '.question[data-id="pytorch-default-gain"]';
  await page.fill(`${q} input`, '0.1667');
  await page.click(`${q} button[type=submit]`);
  await page.goto(`${site.server.url}#/`);
  await page.waitForSelector('.course-map');
  assert.match(await page.textContent('.map-total'), /^1 of \d+ steps done/);
  const topic = await page.textContent('.course-map .topic:first-child');
  assert.match(topic, /Quiz: 1 of \d+ answered, 1 right on the first try/);
  assert.match(topic, /Read the section ✓ done/);
  assert.deepEqual(problems, []);
});

test('the RMSNorm demo explains x = 0 with ε = 0, and hovering the chart names the pair under the pointer', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.server.url);
  await page.waitForSelector('#demo section[data-state="ready"]');
  assert.ok(!(await page.isVisible('#demo [data-role="note"]')), 'no note for an ordinary vector');
  // hover the chart over the fourth pair (x = 3, of six): the line under it names that pair, and
  // the pair is highlighted; leaving the chart clears both
  await page.$eval('#demo-chart', (c) => c.scrollIntoView({ block: 'center' }));
  const bar = await page.$eval('#demo-chart', (c) => {
    const r = c.querySelectorAll('rect[fill]')[6].getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  assert.equal(await page.textContent('#demo [data-role="readout"]'), '');
  await page.mouse.move(bar.x, bar.y);
  await page.waitForFunction(() => document.querySelector('#demo [data-role="readout"]')?.textContent !== '');
  assert.match(await page.textContent('#demo [data-role="readout"]'), /^index 3: x = 3, y = 1\.58/);
  assert.equal(await page.locator('#demo-chart .bc-hover').count(), 1);
  await page.mouse.move(1, 1);
  await page.waitForFunction(() => document.querySelector('#demo [data-role="readout"]')?.textContent === '');
  assert.equal(await page.locator('#demo-chart .bc-hover').count(), 0);

  await page.fill('#demo-x', '0, 0, 0');
  await page.fill('#demo-eps', '0');
  // wait for the note of ε = 0, not any note: with x all zero and ε still at its default, the demo
  // first shows the "not 0" note (the failure of a fresh-clone run when the two inputs drew apart)
  await page.waitForFunction(() => {
    const note = document.querySelector('#demo [data-role="note"]');
    return note?.hidden === false && /This is why ε exists/.test(note.textContent);
  });
  assert.match(await page.textContent('#demo [data-role="note"]'), /0 \/ 0.*This is why ε exists/s);
  await page.fill('#demo-eps', '1e-6');
  await page.waitForFunction(() => /not 0/.test(document.querySelector('#demo [data-role="note"]')?.textContent));
  assert.deepEqual(problems, []);
});

test('at 390 px wide no page scrolls sideways', async () => {
  const { page, problems, context } = await site.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const routes = ['#/', '#/theory', '#/drills', '#/quiz', '#/lab', ...(await theoryRoutes(page))];
  await page.goto(`${site.server.url}#/drills`);
  await page.waitForSelector('main h1');
  routes.push(...(await page.$$eval('main a[href^="#/drills/"]', (as) => as.map((a) => a.getAttribute('href')))));
  routes.push('#/lab/eps', '#/lab/signal', '#/exercises', '#/exercises/rmsnorm-forward');
  const wide = [];
  for (const href of routes) {
    await page.goto(site.server.url + href);
    await page.waitForSelector('main h1');
    await loaded(page);
    await page.waitForTimeout(50);
    const w = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      culprit: [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((e) => !e.closest('.math-display, table, .katex, pre, .chart-box'))
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    }));
    if (w.scroll > w.client) wide.push(`${href}: ${w.scroll} > ${w.client} (${w.culprit.join(', ')})`);
  }
  assert.deepEqual(wide, []);
  // a display formula too wide for the screen scrolls inside its frame, with a Tab stop
  await page.goto(`${site.server.url}#/theory/epsilon`);
  await page.waitForSelector('main figure');
  const framed = await page.$$eval('.math-display[data-scrolls="true"]', (els) =>
    els.map((e) => ({ tab: e.getAttribute('tabindex'), border: getComputedStyle(e).borderRightWidth })),
  );
  assert.ok(framed.length >= 1, 'the epsilon page has a formula wider than 390 px');
  assert.ok(framed.every((f) => f.tab === '0' && f.border !== '0px'));
  await context.close();
  assert.deepEqual(problems, []);
});

test('signal through depth answers at once: the sliders redraw the per-layer std from the engine', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/theory/why-normalize`);
  const w = '.widget[data-widget="signal"]';
  await page.waitForSelector(`${w}[data-state="ready"]`);
  const values = async () =>
    (await page.getAttribute(w, 'data-values')).split(' ').map((v) => (v === 'null' ? null : Number(v)));
  const changedFrom = (before) =>
    page.waitForFunction(
      ([sel, b]) => {
        const el = document.querySelector(sel);
        return el.dataset.state === 'ready' && el.dataset.values !== b;
      },
      [w, before],
    );
  // labelled, keyboard-operable controls; the chart is drawn, with a text alternative beside it
  for (const label of ['Depth L (layers)', 'Init scale g', 'Activation', 'Norm after each layer'])
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, `a control labelled "${label}"`);
  // the chart is made (and Chart.js loaded) when the widget comes near the screen, then drawn
  await page.$eval(`${w} canvas`, (c) => c.scrollIntoView({ block: 'center' }));
  await page.waitForFunction((sel) => document.querySelector(`${sel} canvas`)?.dataset.empty === 'false', w);
  assert.match(await page.textContent(`${w} [data-role="summary"]`), /after 20 layers it is/);

  // ReLU, no norm, g = 1: the variance halves per layer, so after 20 layers the std is ~2^-10
  const start = await values();
  assert.equal(start.length, 21);
  assert.ok(start[20] < 0.01 * start[0], `g = 1 shrinks the signal: ${start[20]} vs ${start[0]}`);
  assert.equal(await page.$$eval(`${w} tbody tr`, (r) => r.length), 21);

  // the init scale up, from the keyboard: PageUp is a tenth of the range (0.2), ArrowRight one step
  // (0.01); g = 1.5 makes the signal grow
  const gain = page.getByLabel('Init scale g', { exact: true });
  await gain.focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press('PageUp');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    (sel) => document.querySelector(sel).getAttribute('aria-valuetext')?.startsWith('g = 1.50'),
    `${w} input[data-key="gain"]`,
  );
  await changedFrom(start.map((v) => v.toPrecision(6)).join(' '));
  await page.waitForFunction((sel) => document.querySelector(sel).dataset.state === 'ready', w);
  const grown = await values();
  // g = 1.5: n·Var(w)/2 = 1.125 per layer, so the std grows (by ~3x over 20 layers) instead of shrinking
  assert.ok(grown[20] > 1.5 * grown[0], `g = 1.5 grows the signal: ${grown[20]} vs ${grown[0]}`);
  assert.ok(grown[20] > 100 * start[20], `g = 1.5 vs g = 1 after 20 layers: ${grown[20]} vs ${start[20]}`);

  // depth from the keyboard: Home puts it at 1 layer
  const depth = page.getByLabel('Depth L (layers)', { exact: true });
  await depth.focus();
  await page.keyboard.press('Home');
  await page.waitForFunction((sel) => document.querySelector(sel).dataset.values.split(' ').length === 2, w);

  // a LayerNorm after every layer holds the std at 1 whatever the init scale
  await page.keyboard.press('End');
  await page.selectOption(`${w} select[data-key="norm"]`, 'layer');
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el.dataset.state === 'ready' && el.dataset.values.split(' ').length === 51;
  }, w);
  await page.waitForFunction(
    (sel) => /LayerNorm/.test(document.querySelector(sel).textContent),
    `${w} [data-role="summary"]`,
  );
  const normed = await values();
  for (let l = 1; l <= 50; l++) assert.ok(Math.abs(normed[l] - 1) < 0.01, `layer ${l}: std ${normed[l]}`);
  assert.deepEqual(problems, []);
});

test('the drills index shows which drills are done or opened, with counts', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/drills`);
  await page.waitForSelector('.drill-list');
  const n = await page.$$eval('.drill-list li', (l) => l.length);
  assert.equal(await page.textContent('.drill-total'), `0 of ${n} drills done.`);
  const [first, second] = await page.$$eval('.drill-list a', (as) => as.map((a) => a.getAttribute('href')));
  await page.goto(site.server.url + first);
  await page.waitForSelector('details.solution');
  await page.goto(site.server.url + second);
  await page.waitForSelector('details.solution');
  await page.click('details.solution summary');
  await page.goto(`${site.server.url}#/drills`);
  await page.waitForSelector('.drill-list');
  assert.equal(await page.textContent('.drill-total'), `1 of ${n} drills done, 1 more opened.`);
  assert.equal(await page.getAttribute(`.drill-list li:has(a[href="${first}"])`, 'data-status'), 'opened');
  assert.equal(await page.getAttribute(`.drill-list li:has(a[href="${second}"])`, 'data-status'), 'done');
  assert.match(await page.textContent(`.drill-list li:has(a[href="${second}"])`), /✓ done/);
  // the course map counts the same drill as done
  await page.goto(`${site.server.url}#/`);
  await page.waitForSelector('.course-map');
  assert.match(await page.textContent('.map-total'), /^1 of \d+ steps done/);
  assert.deepEqual(problems, []);
});

test('the course map has an exercise step per topic that has exercises, done once its checks passed', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/exercises`);
  await page.waitForSelector('main h1');
  const exercises = await page.$$eval('main a[href^="#/exercises/"]', (as) => [
    ...new Set(as.map((a) => a.getAttribute('href'))),
  ]);
  await page.goto(`${site.server.url}#/`);
  await page.waitForSelector('.course-map');
  const mapped = await page.$$eval('.course-map .step a[href^="#/exercises/"]', (as) =>
    as.map((a) => a.getAttribute('href')),
  );
  assert.deepEqual([...mapped].sort(), [...exercises].sort(), 'every exercise once on the map');
  const rms = '.course-map .topic:has(a[href="#/theory/rmsnorm"])';
  assert.match(await page.textContent(rms), /Exercise: Implement RMSNorm forward/);
  // the exercise page records a solved exercise in this store; the map reads it
  await page.evaluate(() =>
    localStorage.setItem('normlab:exercises', JSON.stringify({ version: 1, data: ['rmsnorm-forward'] })),
  );
  await page.reload();
  await page.waitForSelector('.course-map');
  assert.equal(
    await page.getAttribute('.course-map .step:has(a[href="#/exercises/rmsnorm-forward"])', 'data-done'),
    'true',
  );
  assert.match(await page.textContent('.map-total'), /^1 of \d+ steps done/);
  assert.deepEqual(problems, []);
});

test('a predict question on an experiment page states its run; the quick-mode note shows in quick mode', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/lab/pre-post`);
  await page.waitForSelector('.predict:not([hidden]) .question');
  const q = '.predict .question[data-id="predict-postln-depth"]';
  assert.ok(await page.isVisible(`${q} .predict-settings`), 'the run it is about');
  assert.match(await page.textContent(`${q} .predict-settings`), /^The run this is about: The default run: .*depth/);
  const quickOn = await page.isChecked('#f-quick');
  const noteShown = () => page.isVisible(`${q} .predict-quick`);
  assert.equal(await noteShown(), quickOn, 'the quick-mode note follows the mode');
  await page.click('#f-quick');
  await page.waitForFunction(
    (on) => document.querySelector('.predict').dataset.mode === (on ? 'quick' : 'default'),
    !quickOn,
  );
  assert.equal(await noteShown(), !quickOn);
  if (quickOn) await page.click('#f-quick');
  await page.waitForFunction(() => document.querySelector('.predict').dataset.mode === 'quick');
  assert.match(await page.textContent(`${q} .predict-quick`), /quick mode.*depths 2 and 4/i);
  assert.deepEqual(problems, []);
});

test('leaving an experiment page while the core still checks its settings raises no error', async () => {
  const { page, problems } = await site.newPage();
  for (let i = 0; i < 15; i++) {
    await page.goto(`${site.server.url}#/lab/signal`);
    await page.waitForSelector('#f-quick');
    // a settings change starts the core's check; the route changes before its answer arrives
    await page.evaluate(() => {
      /** @type {HTMLElement} */ (document.querySelector('#f-quick')).click();
      location.hash = '#/theory';
    });
    await page.waitForSelector('main h1:text("Theory")');
    await page.waitForTimeout(30);
  }
  assert.deepEqual(problems, []);
});

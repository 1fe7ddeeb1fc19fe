// The course in a real browser: every route renders without an error, the quiz gives the right
// feedback and keeps the score across a reload, drill solutions reveal and stay revealed, each
// widget computes in the worker, and an axe-core audit finds no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, seriousViolations } from './browser.mjs';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

async function routes(page) {
  await page.goto(site.server.url);
  await page.waitForSelector('#demo section[data-state="ready"]');
  const hrefs = await page.$$eval('a[href^="#/"]', (as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  const more = [];
  for (const index of ['#/theory', '#/drills', '#/lab', '#/exercises']) {
    await page.goto(site.server.url + index);
    await page.waitForSelector('main h1');
    more.push(...(await page.$$eval('main a[href^="#/"]', (as) => as.map((a) => a.getAttribute('href')))));
  }
  return [...new Set([...hrefs, ...more])].map((h) => h.split('?')[0]);
}

// One walk over every route (each page load is the slow part, so the checks of a page share it):
// it renders a page, not "not found"; it has a title of its own; axe finds no serious or
// critical violation; and nothing on the way logs an error or fails a request.
test('every page is reachable from the home page, renders with a title of its own, and axe passes', async () => {
  const { page, problems } = await site.newPage();
  const all = await routes(page);
  for (const prefix of ['#/theory/', '#/drills/', '#/lab/', '#/quiz', '#/exercises/'])
    assert.ok(
      all.some((h) => h.startsWith(prefix)),
      `no link to ${prefix}`,
    );
  const titles = new Map();
  const failures = [];
  for (const href of ['#/', ...all.filter((h) => h !== '#/')]) {
    await page.goto(site.server.url + href);
    await page.waitForFunction(
      () => !document.querySelector('main [role="status"]')?.textContent.startsWith('Loading'),
    );
    const h1 = await page.textContent('main h1');
    assert.ok(h1 && !/not found/i.test(h1), `${href} renders a page (h1: ${h1})`);
    const title = await page.title();
    assert.ok(title.includes('NormLab'), `${href}: ${title}`);
    assert.ok(!titles.has(title), `${href} and ${titles.get(title)} share the title "${title}"`);
    titles.set(title, href);
    await page.waitForTimeout(100);
    failures.push(...(await seriousViolations(page)).map((v) => `${href}: ${v}`));
  }
  assert.ok(titles.size >= 20, `${titles.size} routes`);
  assert.deepEqual(failures, []);
  assert.deepEqual(problems, []);
});

test('an unknown route says so and links home', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/nowhere`);
  assert.match(await page.textContent('main h1'), /Page not found/);
  assert.deepEqual(problems, []);
});

test('quiz: right and wrong answers get the right feedback, the score survives a reload, retry works', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/quiz`);
  await page.waitForSelector('.question');
  const q = await page.$('.question[data-type="numeric"]');
  const id = await q.getAttribute('data-id');
  const sel = `.question[data-id="${id}"]`;
  // a non-number is named, not graded
  await page.fill(`${sel} input`, 'abc');
  await page.click(`${sel} button[type=submit]`);
  assert.match(await page.textContent(`${sel} .field-error`), /not a number/);
  await page.fill(`${sel} input`, '-123456789');
  await page.click(`${sel} button[type=submit]`);
  assert.equal(await page.getAttribute(sel, 'data-result'), 'wrong');
  assert.match(await page.textContent(`${sel} .verdict`), /Not quite/);
  // a first wrong try gets the hint, not the explanation
  assert.ok(await page.isVisible(`${sel} .hint`));
  assert.ok(!(await page.isVisible(`${sel} .explanation`)));
  // the single-choice question: pick the right one using the answer key in the built course
  const single = await page.$('.question[data-type="single"]');
  const sid = await single.getAttribute('data-id');
  const ssel = `.question[data-id="${sid}"]`;
  const n = (await page.$$(`${ssel} input[type=radio]`)).length;
  let correct = false;
  let tries = 0;
  for (let i = 0; i < n && !correct; i++, tries++) {
    if (i > 0) await page.click(`${ssel} button.retry`);
    await page.check(`${ssel} input[value="${i}"]`);
    await page.click(`${ssel} button[type=submit]`);
    correct = (await page.getAttribute(ssel, 'data-result')) === 'correct';
  }
  assert.ok(correct, 'one of the choices is graded correct');
  const score = await page.textContent('.score');
  // only first tries score: the numeric one was missed, the single one counts if it was right at once
  assert.match(score, new RegExp(`First-try score: ${tries === 1 ? 1 : 0} of \\d+ \\(2 answered\\)`));
  await page.reload();
  await page.waitForSelector('.question');
  assert.equal(await page.textContent('.score'), score, 'the score persists across a reload');
  assert.equal(await page.getAttribute(sel, 'data-result'), 'wrong');
  // a retry opens the question again and keeps the first try's result in the score
  await page.click(`${sel} button.retry`);
  assert.ok(await page.isEnabled(`${sel} input`));
  assert.equal(await page.textContent('.score'), score);
  assert.deepEqual(problems, []);
});

test('a drill solution reveals and stays revealed; its live check computes', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/drills/ln-d1`);
  await page.waitForSelector('details.solution');
  assert.equal(await page.$eval('details.solution', (d) => d.open), false);
  await page.click('details.solution summary');
  await page.waitForSelector('.drill-check[data-state="ready"]');
  assert.match(await page.textContent('.drill-check .check-result'), /= β exactly/);
  await page.fill('#ld1-b', '-3.5');
  await page.waitForFunction(() => document.querySelector('[data-role="y"]')?.textContent.startsWith('-3.5'));
  await page.reload();
  await page.waitForSelector('details.solution');
  assert.equal(await page.$eval('details.solution', (d) => d.open), true, 'the reveal persists');
  // reset my progress clears it
  await page.goto(site.server.url);
  await page.click('#reset-progress');
  await page.goto(`${site.server.url}#/drills/ln-d1`);
  await page.waitForSelector('details.solution');
  assert.equal(await page.$eval('details.solution', (d) => d.open), false);
  assert.deepEqual(problems, []);
});

test('a corrupt saved record is discarded with a notice, never a crash', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.server.url);
  await page.evaluate(() => localStorage.setItem('normlab:quiz', '{broken'));
  await page.goto(`${site.server.url}#/quiz`);
  await page.waitForSelector('.question');
  assert.match(await page.textContent('main .notice'), /damaged and has been discarded/);
  assert.deepEqual(problems, []);
});

test('widgets: normalize shows coupled gradients, gradcheck agrees, axes highlight', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}#/theory/layernorm`);
  const w = '.widget[data-widget="normalize"]';
  await page.waitForSelector(`${w}[data-state="ready"]`);
  // LayerNorm: the gradient of y[0,0] touches every feature of row 0 and nothing else
  const nonzero = await page.$$eval(`${w} table.matrix:nth-of-type(2) td.hl`, (tds) => tds.length);
  assert.equal(nonzero, 4);
  await page.selectOption(`${w} select`, 'batch');
  await page.waitForFunction((sel) => /per channel/.test(document.querySelector(`${sel} .widget-note`).textContent), w);
  await page.fill(`${w} textarea`, '1, 2\n3, x');
  assert.match(await page.textContent(`${w} [data-for="x"]`), /Row 2: Item 2 \("x"\) is not a number/);
  const g = '.widget[data-widget="gradcheck"]';
  await page.click(`${g} button`);
  await page.waitForSelector(`${g}[data-state="ready"]`);
  const verdicts = await page.$$eval(`${g} tbody td:last-child`, (tds) => tds.map((t) => t.textContent));
  assert.ok(verdicts.length >= 2 && verdicts.every((v) => v === 'agrees'), verdicts.join());
  await page.goto(`${site.server.url}#/theory/shapes`);
  const a = '.widget[data-widget="axes"]';
  await page.waitForSelector(`${a} .cell`);
  await page.selectOption(`${a} select`, 'instance');
  assert.match(await page.textContent(`${a} .widget-note`), /\(N, C\)/);
  assert.deepEqual(problems, []);
});

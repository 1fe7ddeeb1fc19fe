// The course in two languages, in a real browser: the language switch keeps the page, its
// settings and the learner's state (a theory page, a quiz with answers given, a lab page with a
// finished quick run whose verdicts then read in Spanish, an exercise with edited code); a shared
// Spanish link opens in Spanish, the choice is remembered and a first visit follows the browser;
// every route in Spanish shows no text of the English catalogue; axe passes in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations, startSite } from './browser.mjs';
import en from '../../web/src/i18n/en.js';
import es from '../../web/src/i18n/es.js';
import path from 'node:path';
import { repoRoot } from '../lib/wasm-node.mjs';
import { loadExercises } from '../../web/plugins/exercises.js';
import { BUGS } from '../lib/exercise-bugs.mjs';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const loaded = (page) =>
  page.waitForFunction(() => {
    const status = document.querySelector('main [role="status"]')?.textContent ?? '';
    return document.querySelector('main h1') && !/^(Loading|Cargando)/.test(status);
  });

async function switchTo(page, lang) {
  await page.click(`#lang-switch a[data-lang="${lang}"]`);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  await loaded(page);
}

const h1 = (page) => page.textContent('main h1');

test('switching language on a theory page keeps the page; the URL carries the language', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}?lang=en#/theory/layernorm`);
  await loaded(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const english = await h1(page);
  await switchTo(page, 'es');
  assert.equal(await h1(page), 'Normalización de capa (Layer Normalization)');
  assert.notEqual(await h1(page), english);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('lang'), 'es');
  assert.equal(url.hash, '#/theory/layernorm');
  assert.equal(await page.textContent('#site-nav a[aria-current="page"]'), 'Teoría');
  assert.equal(await page.getAttribute('#lang-switch a[data-lang="es"]', 'aria-current'), 'true');
  // the Spanish page shows the Spanish figure
  assert.doesNotMatch(await page.textContent('main figure'), /independent of the batch/);
  // a link inside the page keeps the language
  await page.click('main nav.pager a[rel="next"]');
  await loaded(page);
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'es');
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  // back to the English page through the browser's history
  await page.goBack();
  await page.goBack();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await loaded(page);
  assert.equal(await h1(page), english);
  assert.deepEqual(problems, []);
});

test('a shared Spanish link opens in Spanish; the choice is remembered; a first visit follows the browser', async () => {
  const { page, context, problems } = await site.newPage();
  await page.goto(`${site.server.url}?lang=es#/quiz`);
  await loaded(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.equal(await h1(page), 'Cuestionario');
  assert.match(await page.title(), /^Cuestionario · NormLab$/);
  // the same browser, a link without a language: the remembered one
  await page.goto(`${site.server.url}#/drills`);
  await loaded(page);
  assert.equal(await h1(page), 'Problemas de práctica');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'es', 'the URL is completed, so it can be shared');
  await context.close();
  // a first visit (a fresh browser profile) whose browser prefers `locale`: the theory index's <html lang> and title
  const firstVisit = async (locale) => {
    const fresh = await site.browser.newContext({ locale });
    const p = await fresh.newPage();
    await p.goto(`${site.server.url}#/theory`);
    await loaded(p);
    const seen = [await p.getAttribute('html', 'lang'), await h1(p)];
    await fresh.close();
    return seen;
  };
  assert.deepEqual(await firstVisit('es-ES'), ['es', 'Teoría']);
  // a language the site does not have: English
  assert.deepEqual(await firstVisit('de-DE'), ['en', 'Theory']);
  assert.deepEqual(problems, []);
});

test('a quiz with answers given keeps them across the switch; Spanish reads a decimal comma', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}?lang=en#/quiz`);
  await loaded(page);
  const q = '#q-bn-running-mean';
  await page.$eval(q, (li) => {
    li.closest('details').open = true;
  });
  await page.fill(`${q} input`, '5');
  await page.click(`${q} button[type=submit]`);
  assert.equal(await page.textContent(`${q} .verdict`), 'Not quite.');
  await switchTo(page, 'es');
  await page.$eval(q, (li) => {
    li.closest('details').open = true;
  });
  assert.equal(await page.textContent(`${q} .verdict`), 'No exactamente.', 'the answer given is still there');
  assert.equal(await page.inputValue(`${q} input`), '5');
  await page.click(`${q} .retry`);
  await page.fill(`${q} input`, '0,5');
  await page.click(`${q} button[type=submit]`);
  assert.equal(await page.textContent(`${q} .verdict`), 'Correcto.', '"0,5" is one half in Spanish');
  assert.match(await page.textContent('.score'), /^Puntuación al primer intento: 0 de \d+ \(1 respondidas\)/);
  // and back in English the same record: right on the second try
  await switchTo(page, 'en');
  await page.$eval(q, (li) => {
    li.closest('details').open = true;
  });
  assert.equal(await page.textContent(`${q} .verdict`), 'Correct.');
  assert.equal(await page.inputValue(`${q} input`), '0.5');
  assert.deepEqual(problems, []);
});

test('a lab page with a finished quick run: the switch keeps the settings and the run, its verdicts in Spanish', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}?lang=en#/lab/eps?quick=1&d=32`);
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => !document.querySelector('#run').disabled);
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('main').dataset.run === 'done', null, { timeout: 120000 });
  const englishCells = await page.$$eval('table.claims tbody td', (tds) => tds.map((td) => td.textContent));
  assert.match(englishCells[0], /^With eps outside the square root/);
  assert.equal(englishCells[2], 'holds here');
  await switchTo(page, 'es');
  await page.waitForSelector('table.claims tbody tr');
  assert.equal(new URL(page.url()).hash, '#/lab/eps?quick=1&d=32', 'the settings stay in the URL');
  assert.equal(await page.inputValue('#lab-form [name="d"]'), '32');
  assert.equal(await h1(page), 'Dónde va épsilon');
  const rows = await page.$$eval('table.claims tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  );
  assert.equal(rows.length, 2);
  assert.match(rows[0][0], /^Con épsilon fuera de la raíz cuadrada/);
  assert.match(rows[0][1], /componentes no finitas del gradiente/);
  assert.match(rows[1][1], /cota = .*todos finitos$/);
  assert.deepEqual(
    rows.map((r) => r[2]),
    ['se cumple aquí', 'se cumple aquí'],
  );
  assert.equal(await page.textContent('#results-h'), 'Resultados');
  assert.deepEqual(problems, []);
});

test('an exercise keeps its page and the learner’s code across the switch', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}?lang=en#/exercises/rmsnorm-forward`);
  await page.waitForSelector('.cm-content');
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('// my attempt\n');
  await switchTo(page, 'es');
  await page.waitForSelector('.cm-content');
  assert.equal(await h1(page), 'Implementa la pasada hacia delante de RMSNorm');
  assert.match(await page.evaluate(() => document.querySelector('.cm-content').innerText), /my attempt/);
  assert.deepEqual(problems, []);
});

// The English catalogue's plain texts (no placeholder), which must not be seen on a Spanish page.
// Exceptions: names. (English terms the Spanish prose glosses on purpose are recognised by their
// form, in visibleTexts, not exempted everywhere.)
const SAME_IN_BOTH = new Set(['NormLab', 'English']);
const englishTexts = Object.entries(en)
  .filter(([k, v]) => typeof v === 'string' && !v.includes('{') && es[k] !== v && !SAME_IN_BOTH.has(v))
  .map(([, v]) => v);

async function allRoutes(page) {
  const hrefs = new Set(['#/']);
  for (const index of ['#/theory', '#/drills', '#/lab', '#/exercises', '#/quiz']) {
    hrefs.add(index);
    await page.goto(`${site.server.url}?lang=es${index}`);
    await loaded(page);
    for (const h of await page.$$eval('main a[href^="#/"]', (as) => as.map((a) => a.getAttribute('href'))))
      hrefs.add(h.split('?')[0]);
  }
  return [...hrefs];
}

// Every visible text node and every accessible name or label of the page, whole.
const visibleTexts = (page) =>
  page.evaluate(() => {
    // The content guide's gloss of an English term (notes/ES_GUIDE.md): an italic term of a
    // section's prose in parentheses right after the Spanish one, alone or after a comma, and
    // closed or followed by another item ("tasa de aprendizaje (*learning rate*)", "(*queries*,
    // *keys*)", "(el paso hacia atrás, *backward pass*)"); or a parenthesis that defines a
    // formula's English words ("(En la fórmula, *inside* significa «dentro» de la raíz y
    // *outside*, «fuera».)"). Any other italic English, in prose or not, is still caught.
    const isGloss = (el) => {
      if (el.tagName !== 'EM' || !el.closest('.prose') || el.children.length) return false;
      const range = document.createRange();
      range.setStart(el.parentNode, 0);
      range.setEndBefore(el);
      const before = range.toString();
      range.setStartAfter(el);
      range.setEnd(el.parentNode, el.parentNode.childNodes.length);
      const after = range.toString();
      const open = before.lastIndexOf('(');
      if (open < 0 || open < before.lastIndexOf(')')) return false; // not inside a parenthesis
      const head = before.slice(open + 1);
      const tail = after.includes(')') ? after.slice(0, after.indexOf(')')) : after;
      const afterTheSpanish = /^(?:|[^()]*,\s*)$/.test(head) && /^\s*[),]/.test(after);
      const definition = / significa /.test(`${head}${el.textContent}${tail}`);
      return afterTheSpanish || definition;
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // maths stays as written in every language (KaTeX's \text{inside} is a formula, not interface)
      if (el && el.offsetParent !== null && !el.closest('.katex') && !isGloss(el) && n.textContent.trim())
        out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]'))
      for (const a of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    out.push(document.title);
    return out;
  });

test('every route in Spanish: no text of the English catalogue is visible, and axe passes', async () => {
  const { page, problems } = await site.newPage();
  const routes = await allRoutes(page);
  assert.ok(routes.length > 40, `${routes.length} routes`);
  const found = [];
  const failures = [];
  for (const href of routes) {
    await page.goto(`${site.server.url}?lang=es${href}`);
    await loaded(page);
    await page.waitForTimeout(50);
    for (const t of await visibleTexts(page)) if (englishTexts.includes(t)) found.push(`${href}: "${t}"`);
    for (const v of await seriousViolations(page)) failures.push(`${href}: ${v}`);
  }
  assert.deepEqual(found, []);
  assert.deepEqual(failures, []);
  assert.deepEqual(problems, []);
});

test('a lab page with a finished run in Spanish: its form, progress, charts, claims and compare view show no English', async () => {
  const { page, problems } = await site.newPage();
  // signal: a quick run of a few seconds whose claims are data, with two charts and their claim cards
  await page.goto(`${site.server.url}?lang=en#/lab/signal?quick=1`);
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => !document.querySelector('#run').disabled);
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('main').dataset.run === 'done', null, { timeout: 120000 });
  const cells = () => page.$$eval('table.claims tbody td', (tds) => tds.map((td) => td.textContent));
  const english = await cells();
  await switchTo(page, 'es');
  await page.waitForSelector('table.claims tbody tr');
  await page.waitForSelector('.chart-claims .claim-card');
  const spanish = await cells();
  assert.equal(spanish.length, english.length);
  // every claim, observation and verdict is written in Spanish (the numbers differ only in their commas)
  spanish.forEach((s, i) => assert.notEqual(s, english[i], `cell ${i}: ${s}`));
  assert.match(spanish[0], /PyTorch/);
  const found = (await visibleTexts(page)).filter((t) => englishTexts.includes(t));
  assert.deepEqual(found, []);
  assert.equal(await page.textContent('#run'), 'Ejecutar');
  assert.equal(await page.textContent('#compare-h'), 'Comparar ejecuciones');
  assert.match(await page.textContent('.run-status'), /^Se muestra tu última ejecución terminada/);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(problems, []);
});

test('a setting the core rejects shows its reason in Spanish on a Spanish lab page, and the core’s English in English', async () => {
  const { page, problems } = await site.newPage();
  // each field alone is in range; together they are more memory than a run may take
  await page.goto(`${site.server.url}?lang=es#/lab/eps?d=4096&rows=4096`);
  await page.waitForSelector('#lab-form');
  await page.waitForFunction(() => document.querySelector('#lab-form .core-error')?.textContent !== '');
  assert.equal(
    await page.textContent('#lab-form .core-error'),
    'rows * d debe ser como máximo 4194304 (memoria): reduce rows o d',
  );
  assert.equal(await page.isDisabled('#run'), true);
  const spanish = await page.textContent('#lab-form .core-error');
  await switchTo(page, 'en');
  // the page is drawn again in English: wait for the new reason, not the Spanish one still showing
  await page.waitForFunction(
    (before) => !['', before].includes(document.querySelector('#lab-form .core-error')?.textContent ?? ''),
    spanish,
  );
  assert.equal(
    await page.textContent('#lab-form .core-error'),
    'rows * d must be at most 4194304 (memory): lower rows or d',
  );
  assert.deepEqual(problems, []);
});

test('the signal widget in Spanish: its controls, sentence, chart and table, with decimal commas', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}?lang=es#/theory/why-normalize`);
  const w = '.widget[data-widget="signal"]';
  await page.waitForSelector(`${w}[data-state="ready"]`);
  for (const label of [
    'Profundidad L (capas)',
    'Escala de inicialización g',
    'Activación',
    'Normalización tras cada capa',
  ])
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, `a control labelled "${label}"`);
  assert.equal(
    await page.textContent(`${w} .widget-title`),
    'La escala de las activaciones a lo largo de la profundidad, en vivo',
  );
  assert.match(
    await page.textContent(`${w} [data-role="summary"]`),
    /^Sin normalización, la desviación estándar de la entrada es [^;]+; tras 20 capas es \S+ \(la propagación de la varianza predice \S+\)\.$/,
  );
  assert.equal(await page.getAttribute(`${w} input[data-key="gain"]`, 'aria-valuetext'), 'g = 1,00, n·Var(w) = 1');
  assert.deepEqual(await page.$$eval(`${w} thead th`, (ths) => ths.map((th) => th.textContent)), [
    'capa',
    'desviación estándar medida',
    'desviación estándar predicha',
  ]);
  assert.match(await page.$eval(`${w} tbody tr:nth-child(2) td:nth-child(2)`, (td) => td.textContent), /,/);
  await page.selectOption(`${w} select[data-key="norm"]`, 'layer');
  await page.waitForFunction(
    (sel) => /^Con LayerNorm, /.test(document.querySelector(`${sel} [data-role="summary"]`).textContent),
    w,
  );
  const inWidget = await page.$eval(w, (el) => el.innerText);
  for (const english of englishTexts) assert.ok(!inWidget.split('\n').includes(english), `"${english}" in the widget`);
  assert.deepEqual(problems, []);
});

test('a failing exercise check in Spanish: its report, case, reason and values', async () => {
  const { page, problems } = await site.newPage();
  const bug = BUGS[0];
  const ex = loadExercises(path.join(repoRoot, 'content')).find((e) => e.slug === bug.exercise);
  await page.goto(`${site.server.url}?lang=es#/exercises/${ex.slug}`);
  await page.waitForSelector('.cm-content');
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(bug.plant(ex.solutionCode, ex.starter));
  await page.click('#run-checks');
  await page.waitForFunction(() => document.querySelector('.check-list')?.dataset.state === 'failed', null, {
    timeout: 30000,
  });
  const report = await page.textContent('.check-failure');
  assert.match(report, / falló \(\d+ de \d+ comprobaciones superadas, semilla \d+\): /);
  assert.match(report, /Caso: /);
  assert.match(
    report,
    /Mayor diferencia en d?[a-zA-Z]+\[\d+\]: (núcleo|diferencias finitas) \S+, tuyo \S+, diferencia \S+\./,
  );
  assert.ok(await page.isVisible('.check-failure caption:text("Entrada")'));
  const found = (await visibleTexts(page)).filter((t) => englishTexts.includes(t));
  assert.deepEqual(found, []);
  assert.doesNotMatch(report, /failed|differs|Largest|Case:|yours/);
  assert.deepEqual(problems, []);
});

test('the route walk catches italic English in Spanish prose unless it is a gloss of the Spanish term', async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.server.url}?lang=es#/theory/why-normalize`);
  await loaded(page);
  await page.$eval('main .prose', (prose) => {
    const p = document.createElement('p');
    p.id = 'probe';
    p.innerHTML =
      'La tasa de aprendizaje (<em>learning rate</em>) importa; ajusta la <em>learning rate</em> con cuidado. ' +
      'Las (<em>queries</em>, <em>keys</em>) y el paso hacia atrás (el paso, <em>backward pass</em>).';
    prose.append(p);
  });
  const seen = (await visibleTexts(page)).filter((t) =>
    ['learning rate', 'queries', 'keys', 'backward pass'].includes(t),
  );
  assert.deepEqual(seen, ['learning rate'], 'only the italic term that is not a gloss');
  assert.deepEqual(problems, []);
});

test('axe passes in English with the language switch in the header', async () => {
  const { page, problems } = await site.newPage();
  const failures = [];
  for (const href of ['#/', '#/theory/rmsnorm', '#/quiz', '#/lab/eps', '#/exercises/rmsnorm-forward']) {
    await page.goto(`${site.server.url}?lang=en${href}`);
    await loaded(page);
    for (const v of await seriousViolations(page)) failures.push(`${href}: ${v}`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(problems, []);
});

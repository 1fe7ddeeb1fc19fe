// @ts-check
// The exercise pages (#/exercises and #/exercises/<slug>), loaded with their editor only when one
// is opened. The learner's code is run by ctx.runLearnerCode (its own worker, with a time limit),
// the reference by the core (ctx.call('normalize')); this view builds the seeded cases, compares,
// and shows every check's verdict with the first failure in detail.
import { buildCases, verdicts, ATOL, RTOL, OFFSET_TOL, GRAD_TOL, GRAD_H, EPS } from '../state/exercise-tasks.js';
import { mountCodeEditor } from './code-editor.js';
import { esc } from './format.js';
import { say, sayError } from '../i18n/translate.js';

const SHOWN = 12; // values of an array shown in a failure report

/**
 * @param {HTMLElement} main
 * @param {import('../types.js').PageContext} ctx
 * @param {any[]} exercises   the rendered exercises (virtual:normlab-course/exercises)
 * @param {string | undefined} slug
 */
export function mountExercises(main, ctx, exercises, slug) {
  const { t, html } = ctx.i18n;
  const done = new Set(ctx.exerciseProgress.load().data ?? []);
  if (slug === undefined) {
    main.innerHTML = `<h1>${esc(t('nav.exercises'))}</h1><p>${esc(t('exercise.intro'))}</p>
      <ol class="toc exercises">${exercises
        .map(
          (e) =>
            `<li><a href="#/exercises/${esc(e.slug)}">${esc(e.title)}</a>${done.has(e.slug) ? ` <span class="done-mark">${esc(t('exercise.doneMark'))}</span>` : ''}</li>`,
        )
        .join('')}</ol>`;
    return null;
  }
  const ex = exercises.find((e) => e.slug === slug);
  if (!ex) {
    main.innerHTML = `<h1>${esc(t('title.notFound'))}</h1><p>${html('exercise.noSuch', { link: `<a href="#/exercises">${esc(t('exercise.all'))}</a>` })}</p>`;
    return null;
  }
  return exercisePage(main, ctx, ex, done);
}

function exercisePage(main, ctx, ex, done) {
  const { t, html } = ctx.i18n;
  const saved = ctx.exerciseCode.load().data ?? {};
  const section = ctx.course.theory.find((t) => t.slug === ex.section);
  const drills = (ex.drills ?? [])
    .map((d) => ctx.course.drills.find((x) => x.slug === d))
    .filter(Boolean)
    .map((d) => `<a href="#/drills/${esc(d.slug)}">${esc(d.title)}</a>`);
  main.innerHTML = `<article class="prose exercise" data-exercise="${esc(ex.slug)}">
    <h1>${esc(ex.title)}</h1>
    <p class="exercise-status" role="status">${esc(t(done.has(ex.slug) ? 'exercise.done' : 'exercise.notDone'))}</p>
    ${ex.taskHtml}
    <section aria-labelledby="code-title"><h2 id="code-title">${esc(t('exercise.yourCode'))}</h2>
      <p id="editor-help" class="help">${esc(t('exercise.editorHelp'))}</p>
      <div class="code-editor"></div>
      <div class="exercise-actions">
        <button type="button" id="run-checks">${esc(t('exercise.run'))}</button>
        <label for="exercise-seed">${esc(t('exercise.seed'))}</label> <input id="exercise-seed" type="number" min="1" step="1" value="1" size="6">
        <button type="button" id="reset-code">${esc(t('exercise.reset'))}</button>
      </div>
    </section>
    <section aria-labelledby="checks-title"><h2 id="checks-title">${esc(t('exercise.checks'))}</h2>
      <p class="tolerance">${esc(t('exercise.tolerance', { atol: ATOL, rtol: RTOL, offset: OFFSET_TOL, eps: EPS, h: GRAD_H, gradTol: GRAD_TOL }))}</p>
      <ol class="check-list">${ex.checkList
        .map(
          (c) =>
            `<li data-check="${esc(c.id)}" data-state="not-run"><span class="check-name">${esc(ctx.i18n.has(`exercise.check.${c.id}`) ? t(`exercise.check.${c.id}`) : c.name)}</span>: <span class="check-state">${esc(t('exercise.notRun'))}</span></li>`,
        )
        .join('')}</ol>
      <div class="check-report" aria-live="polite"></div>
    </section>
    <section aria-labelledby="hints-title"><h2 id="hints-title">${esc(t('exercise.hints'))}</h2>
      <ol class="hints"></ol>
      <button type="button" id="next-hint">${esc(t('exercise.showHint', { n: 1, count: ex.hintsHtml.length }))}</button>
    </section>
    <details class="solution"><summary>${esc(t('drills.showSolution'))}</summary>${ex.solutionHtml}</details>
    <p>${section ? `<a href="#/theory/${esc(section.slug)}">${esc(t('exercise.backTo', { title: section.title }))}</a> · ` : ''}${
      drills.length ? `${html('exercise.drills', { count: drills.length, links: drills.join(', ') })} · ` : ''
    }<a href="#/exercises">${esc(t('exercise.all'))}</a></p></article>`;

  const $ = (/** @type {string} */ s) => /** @type {HTMLElement} */ (main.querySelector(s));
  const editor = mountCodeEditor($('.code-editor'), {
    doc: typeof saved[ex.slug] === 'string' ? saved[ex.slug] : ex.starter,
    label: t('exercise.editorLabel', { title: ex.title }),
    describedBy: 'editor-help',
    onChange: (code) => {
      const all = ctx.exerciseCode.load().data ?? {};
      all[ex.slug] = code;
      ctx.exerciseCode.save(all);
    },
  });

  let shownHints = 0;
  const hintButton = /** @type {HTMLButtonElement} */ ($('#next-hint'));
  hintButton.addEventListener('click', () => {
    const li = document.createElement('li');
    li.innerHTML = ex.hintsHtml[shownHints++];
    $('.hints').append(li);
    if (shownHints >= ex.hintsHtml.length) {
      hintButton.hidden = true;
      li.tabIndex = -1;
      li.focus();
    } else hintButton.textContent = t('exercise.showHint', { n: shownHints + 1, count: ex.hintsHtml.length });
  });

  $('#reset-code').addEventListener('click', () => {
    editor.setCode(ex.starter); // one undoable change: Ctrl+Z brings the learner's code back
    editor.focus();
  });

  let ticket = 0;
  let gone = false;
  const runButton = /** @type {HTMLButtonElement} */ ($('#run-checks'));
  const report = $('.check-report');
  const list = $('.check-list');
  const setCheck = (id, state, text) => {
    const li = /** @type {HTMLElement} */ (list.querySelector(`[data-check="${id}"]`));
    li.dataset.state = state;
    /** @type {HTMLElement} */ (li.querySelector('.check-state')).textContent = text;
  };
  runButton.addEventListener('click', async () => {
    const mine = ++ticket;
    const seed = Math.max(1, Math.floor(Number(/** @type {HTMLInputElement} */ ($('#exercise-seed')).value) || 1));
    const cases = buildCases(ex.task, ex.checks, seed);
    list.dataset.state = 'running';
    ex.checks.forEach((c) => setCheck(c, 'running', t('exercise.running')));
    report.innerHTML = `<p>${esc(t('exercise.runningBoth'))}</p>`;
    const [core, learner] = await Promise.all([
      Promise.all(cases.map((c) => ctx.call('normalize', c.request))).catch((e) => e),
      ctx.runLearnerCode({ task: ex.task, code: editor.getCode(), cases }),
    ]);
    if (gone || mine !== ticket) return;
    if (core instanceof Error || 'error' in learner) {
      ex.checks.forEach((c) => setCheck(c, 'not-run', t('exercise.notRun')));
      const message =
        core instanceof Error
          ? t('exercise.coreFailed', { message: sayError(core, ctx.i18n) })
          : sayError({ message: learner.error, data: learner.data }, ctx.i18n);
      list.dataset.state = 'error';
      report.innerHTML = `<p class="engine-error check-error" role="alert">${esc(message)}</p>`;
      return;
    }
    const results = verdicts(ex.checks, cases, learner.results, core);
    results.forEach((v) =>
      setCheck(v.check, v.pass ? 'pass' : 'fail', t(v.pass ? 'exercise.passed' : 'exercise.failed')),
    );
    const failed = results.find((v) => !v.pass);
    list.dataset.state = failed ? 'failed' : 'passed';
    if (!failed) {
      done.add(ex.slug);
      ctx.exerciseProgress.save([...done]);
      $('.exercise-status').textContent = t('exercise.done');
      report.innerHTML = `<p class="check-summary" data-result="pass">${esc(t('exercise.allPassed', { count: results.length, seed }))}</p>`;
      return;
    }
    report.innerHTML = failureReport(failed, results, seed, ctx.i18n);
  });

  return {
    destroy() {
      gone = true;
      editor.destroy();
      ctx.disposeLearnerCode();
    },
  };
}

// SHOWN values of an array: from the start, or, for an array as long as the failing output,
// around the index of the largest difference (so the bad values are in view)
/** @param {number[] | undefined} a @param {import('../i18n/translate.js').I18n} i18n */
function numbers(a, i18n, at = -1, length = -1) {
  if (a === undefined) return '—';
  const from = at >= 0 && a.length === length ? Math.max(0, Math.min(a.length - SHOWN, at - 3)) : 0;
  // a list separator that a decimal comma cannot be confused with
  const separator = i18n.number(0.5).includes(',') ? '; ' : ', ';
  const shown = a
    .slice(from, from + SHOWN)
    .map((v) => i18n.number(v, 7))
    .join(separator);
  if (a.length <= SHOWN) return shown;
  return `[${from}..${Math.min(a.length, from + SHOWN) - 1}] ${shown} ${i18n.t('exercise.report.ofValues', { count: a.length })}`;
}

/**
 * @param {import('../state/exercise-tasks.js').CheckVerdict} v
 * @param {import('../state/exercise-tasks.js').CheckVerdict[]} results
 * @param {number} seed
 * @param {import('../i18n/translate.js').I18n} i18n
 */
function failureReport(v, results, seed, i18n) {
  const { t, html } = i18n;
  const fmt = (/** @type {number | undefined} */ x, digits = 7) => i18n.number(x ?? null, digits);
  const passed = results.filter((r) => r.pass).length;
  const input = v.input ?? {};
  const at = v.check === 'gradcheck' ? -1 : (v.index ?? -1);
  const length = v.expected?.length ?? -1;
  const inputRows = Object.entries(input)
    .filter(([k, val]) => Array.isArray(val) && ['x', 'dy', 'gamma', 'beta', 'runningMean', 'runningVar'].includes(k))
    .map(([k, val]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(numbers(val, i18n, at, length))}</td></tr>`)
    .join('');
  const sizes = Object.entries(input)
    .filter(([, val]) => typeof val === 'number' || typeof val === 'boolean')
    .map(([k, val]) => `${k} = ${val}`)
    .join(', ');
  // a gradcheck failure carries the one worst entry; a comparison, whole arrays
  const single = v.check === 'gradcheck';
  const i = v.index ?? 0;
  const expectedAt = single ? v.expected?.[0] : v.expected?.[i];
  const actualAt = single ? v.actual?.[0] : v.actual?.[i];
  const reference = t(single ? 'exercise.report.finiteDifferences' : 'exercise.report.core');
  const largest =
    v.index !== undefined && v.expected && v.actual
      ? `<p class="largest-difference">${html('exercise.report.largest', {
          where: esc(`${v.field}[${i}]`),
          reference: esc(reference),
          expected: esc(fmt(expectedAt)),
          actual: esc(fmt(actualAt)),
          diff: esc(fmt(v.maxDiff, 3)),
        })}</p>`
      : '';
  const name = i18n.has(`exercise.check.${v.check}`) ? t(`exercise.check.${v.check}`) : v.name;
  return `<div class="check-failure" data-check="${esc(v.check)}" role="alert">
    <p class="check-summary" data-result="fail">${html('exercise.report.failed', {
      name: `<strong>${esc(name)}</strong>`,
      passed,
      total: results.length,
      seed,
      why: esc(v.message ? say(v.message, i18n) : ''),
    })}</p>
    <p>${html('exercise.report.case', { label: esc(v.label ? say(v.label, i18n) : ''), sizes: sizes ? ` (${esc(sizes)})` : '' })}</p>
    <table class="check-values"><caption>${esc(t('exercise.report.input'))}</caption><tbody>${inputRows}</tbody></table>
    ${
      v.expected
        ? `<table class="check-values"><caption>${esc(v.field ?? t('exercise.report.output'))}</caption><tbody>
      <tr><th scope="row">${esc(reference)}</th><td>${esc(numbers(v.expected, i18n, at, length))}</td></tr>
      <tr><th scope="row">${esc(t('exercise.report.yours'))}</th><td>${esc(numbers(v.actual, i18n, at, length))}</td></tr></tbody></table>`
        : ''
    }
    ${largest}</div>`;
}

// @ts-check
// An experiment page: the question, a validated form whose settings live in the URL, Run / Stop /
// Reset, per-job progress with ETA, live charts (mean ± band over seeds, non-finite points
// marked), the claims computed from this run's data, and downloads of every file.
//
// This module only wires: the page's state is one object (state/lab.js) that changes through its
// own functions, and small views draw it: form.js, charts.js, progress.js, results.js,
// downloads.js. Compute happens in the engine, reached through ctx.call and ctx.startRun.
import { routeHref } from '../../state/route.js';
import * as lab from '../../state/lab.js';
import { esc } from '../format.js';
import { say } from '../../i18n/translate.js';
import { mountQuestions, setPredictMode } from '../quiz.js';
import { chartSpecsIn } from './chart-specs.js';
import { chartsHtml, mountCharts } from './charts.js';
import { runFiles, drawDownloads } from './downloads.js';
import { formHtml, mountForm, userTextHtml } from './form.js';
import { drawProgress, drawStatus, progressHtml } from './progress.js';
import { drawResults, resultsHtml } from './results.js';
import { drawClaimsBesideCharts } from './verdicts.js';
import { drawStabilityMap, stabilityMapSectionHtml } from './stability-map.js';
import { compareHtml, mountCompare } from './compare.js';
import { confirmHtml, mountEstimate } from './estimate.js';
import { budgetText, settingsDiff } from '../../state/run-history.js';
import { nextDrawInterval, REDRAW_MS } from './redraw.js';
import { afterNextFrame } from '../next-frame.js';

/** @typedef {import('../../types.js').ExperimentText} ExperimentText */
/** @typedef {import('../../types.js').ExperimentDef} ExperimentDef */

/** A new estimate waits for the settings to rest this long (ms). */
const ESTIMATE_DEBOUNCE_MS = 400;

/**
 * An experiment's predict-before-you-run questions, drawn (answers kept from earlier visits marked)
 * into an element that is not in the page yet: pages.js makes it in the task before mountLab, which
 * puts it in its place, so that drawing the page is two shorter tasks instead of one long one.
 * @param {import('../../types.js').PageContext} ctx
 * @param {any[]} predict the questions (none: null, the page has no such section)
 * @returns {HTMLElement | null}
 */
export function predictQuestions(ctx, predict) {
  if (!predict.length) return null;
  const box = document.createElement('div');
  box.className = 'predict-questions';
  mountQuestions(box, { questions: predict, progress: ctx.quizProgress, showScore: false, i18n: ctx.i18n });
  return box;
}

/**
 * @param {HTMLElement} main
 * @param {import('../../types.js').PageContext} ctx what main.js hands every page
 * @param {ExperimentText} text the experiment's text, in the core's words
 * @param {ExperimentDef} def the core's catalogue entry: fields and how it runs
 * @param {string} query the URL's settings
 * @param {HTMLElement | null} [questions] the experiment's predict-before-you-run questions, drawn by
 *   predictQuestions (none: no such section)
 */
export function mountLab(main, ctx, text, def, query, questions = null) {
  const { hasShakespeare } = ctx;
  const state = lab.createLabState(def, query);
  const specs = chartSpecsIn(def.id, ctx.i18n);
  const section = ctx.course.theory.find((/** @type {{slug: string}} */ t) => t.slug === text.section);
  const { t, html } = ctx.i18n;

  // the page is drawn in two parts, a frame apart: the head and the predict questions (on a phone,
  // what the first screen shows), then the presets, the form, the charts and the rest, into a box
  // a screen tall (nothing on the first screen moves when they arrive)
  main.innerHTML = `
    <h1>${esc(text.title)}</h1>
    <p class="lede">${esc(text.question)}</p>
    ${text.look ? `<p class="look"><strong>${esc(t('lab.look'))}</strong> ${esc(text.look)}</p>` : ''}
    ${section ? `<p>${html('lab.theory', { link: `<a href="#/theory/${esc(section.slug)}">${esc(section.title)}</a>` })}</p>` : ''}
    ${state.linkMessages.map((m) => `<p class="notice" role="status">${esc(say(m, ctx.i18n))}</p>`).join('')}
    ${def.needs_text ? userTextHtml(hasShakespeare, ctx.i18n) : ''}
    ${def.one_job_at_a_time ? `<p class="notice" role="note">${esc(t('lab.oneAtATime'))}</p>` : ''}
    <section class="predict" aria-labelledby="predict-h"${questions ? '' : ' hidden'}><h2 id="predict-h">${esc(t('lab.predictTitle'))}</h2>
      <p>${esc(t('lab.predictIntro'))}</p><div class="predict-questions"></div></section>
    <div class="lab-rest"></div>`;
  // the predict-before-you-run questions of this experiment, when the course has some (drawn before)
  if (questions) main.querySelector('.predict .predict-questions')?.replaceWith(questions);
  let gone = false;
  /** @type {{destroy: () => void} | null} */
  let body = null;
  afterNextFrame(() => {
    if (!gone) body = mountLabBody(main, ctx, def, state, specs);
  });
  return {
    destroy() {
      gone = true;
      body?.destroy();
    },
  };
}

/**
 * The experiment page below its predict questions: presets, form, charts, results, compare, and
 * everything that runs them. Drawn in place of mountLab's .lab-rest box.
 * @param {HTMLElement} main
 * @param {import('../../types.js').PageContext} ctx
 * @param {ExperimentDef} def
 * @param {import('../../state/lab.js').LabState} state
 * @param {ReturnType<typeof chartSpecsIn>} specs
 */
function mountLabBody(main, ctx, def, state, specs) {
  const { call, startRun, estimateRun, stopEstimating, dataUrl, hasShakespeare, resultsStore, runHistory } = ctx;
  const { t } = ctx.i18n;
  /** @type {HTMLElement} */ (main.querySelector('.lab-rest')).outerHTML = `
    ${formHtml(state, ctx.i18n)}
    ${confirmHtml(ctx.i18n)}
    ${progressHtml(ctx.i18n)}
    ${chartsHtml(specs, ctx.i18n)}
    ${def.id === 'lr-sweep' ? stabilityMapSectionHtml(ctx.i18n) : ''}
    ${resultsHtml(ctx.i18n)}
    ${compareHtml(budgetText(ctx.i18n), ctx.i18n)}`;

  const charts = mountCharts(main, specs, ctx.i18n);
  /** @type {import('../../types.js').RunHandle | null} */
  let run = null;
  let coreCheck = 0; // only the newest check of the settings may give its verdict
  let lastDraw = 0;
  let drawInterval = REDRAW_MS;
  let gone = false;

  // the outputs of the run on screen once it has finished (a claim's window is drawn from them)
  const finishedOutputs = () => (state.phase === 'done' || state.phase === 'idle' ? state.outputs : null);
  const drawCharts = () => charts.draw(state.jobs, state.config, null, finishedOutputs());
  const drawRun = () => {
    drawProgress(main, state, performance.now(), ctx.i18n);
    drawCharts();
  };

  // compare: the run on screen and the saved ones; two of them on the same charts
  /** @type {import('../../state/run-history.js').StoredRun[]} */
  let savedRuns = [];
  let shownDate = ''; // the date of the finished run on screen, to list it once
  const labelOf = (/** @type {{date: string}} */ r) =>
    t('compare.runOf', { date: r.date.slice(0, 19).replace('T', ' ') });
  const runOf = (/** @type {string} */ key) =>
    key === 'current'
      ? { jobs: state.jobs, config: state.config, label: t('compare.thisRun'), outputs: finishedOutputs() }
      : (() => {
          const r = savedRuns[Number(key)];
          return r ? { jobs: r.jobs, config: r.config, label: labelOf(r), outputs: r.outputs } : null;
        })();
  const showSaved = (
    /** @type {{runs: typeof savedRuns, notice: import('../../i18n/translate.js').MessageData | null}} */ listed,
  ) => {
    if (gone) return;
    savedRuns = listed.runs;
    const stored = savedRuns.some((r) => r.date === shownDate);
    const current =
      state.outputs && !lab.isRunning(state) && !stored ? [{ key: 'current', label: t('compare.onScreen') }] : [];
    compare.showRuns([...current, ...savedRuns.map((r, i) => ({ key: String(i), label: labelOf(r) }))]);
    if (listed.notice) compare.showNotice(say(listed.notice, ctx.i18n));
  };
  const compare = mountCompare(main, ctx.i18n, {
    onOverlay(keyA, keyB) {
      const a = runOf(keyA);
      const b = runOf(keyB);
      if (!a || !b || keyA === keyB) return compare.showNotice(t('compare.chooseTwo'));
      if (lab.isRunning(state)) return;
      charts.draw(a.jobs, a.config, b, a.outputs);
      compare.showComparison({ labelA: a.label, labelB: b.label, diff: settingsDiff(a.config, b.config) });
    },
    onStop() {
      compare.showComparison(null);
      drawCharts();
    },
    async onForget() {
      showSaved(await runHistory.forget(def.id));
      compare.showComparison(null);
      drawCharts();
    },
  });
  const drawOutputs = () => {
    if (!state.outputs) return;
    drawResults(main, state.outputs, ctx.i18n);
    drawClaimsBesideCharts(main, state.outputs.summary ?? [], specs, (state.config.seeds ?? 1) < 3, ctx.i18n);
    if (def.id === 'lr-sweep') drawStabilityMap(main, state.jobs, ctx.i18n);
    drawDownloads(main, runFiles(state.outputs, charts.charts, state.jobs, state.config));
  };

  // the form: validate as the learner types; the URL always carries the settings
  const form = mountForm(main, def.fields, def.presets ?? [], ctx.i18n, {
    onChange: () => validate(),
    onReset() {
      lab.forgetPreset(state);
      form.showPreset('');
      form.fill(lab.createLabState(def).config);
      validate();
    },
    async onPreset(name) {
      if (lab.isRunning(state)) return;
      const config = lab.choosePreset(state, name);
      if (!config) return;
      form.fill(config);
      form.showPreset(name);
      await validate();
      if (lab.canRun(state)) start();
    },
    onRun: () => askThenStart(),
    onStop() {
      run?.stop();
      lab.stopRequested(state);
      drawStatus(main, state, ctx.i18n);
    },
    async onUserText(file) {
      await takeFile(file);
      // the estimate times the learner's text (or the default one): it changed
      if (state.settingsOk && !lab.isRunning(state)) scheduleEstimate();
    },
  });

  /** @param {File | null} file */
  async function takeFile(file) {
    lab.clearUserText(state);
    if (!file) return form.showUserText('');
    /** @type {string | null} */
    let text = null;
    let readError = '';
    try {
      text = await file.text();
    } catch (err) {
      readError = /** @type {Error} */ (err).message;
    }
    const problem = lab.takeUserText(state, { name: file.name, text, readError });
    if (!problem) return form.showUserText(t('form.usingText', { name: file.name, count: text?.length ?? 0 }));
    form.clearFile(); // refused, not trained on
    form.showUserText(
      t('form.fileRefused', {
        name: file.name,
        problem,
        until: t(hasShakespeare ? 'form.untilShakespeare' : 'form.untilNothing'),
      }),
    );
  }

  /** @returns {Promise<void>} */
  async function validate() {
    if (gone) return;
    const values = form.read();
    const fieldsOk = lab.takeFormValues(state, values);
    setPredictMode(main.querySelector('.predict'), values.quick);
    form.showErrors(state);
    if (!fieldsOk) {
      dropEstimate();
      return form.setRunEnabled(false);
    }
    history.replaceState(null, '', routeHref('lab', def.id, lab.queryOf(state)));
    const ticket = ++coreCheck;
    let error = '';
    let message = null;
    try {
      await call('resolveConfig', { id: def.id, settings: lab.coreSettingsOf(state), quick: state.config.quick });
    } catch (e) {
      error = /** @type {Error} */ (e).message;
      message = /** @type {any} */ (e).data ?? null;
    }
    // a newer check, or the learner has left the page (main now holds another page's form)
    if (gone || ticket !== coreCheck) return;
    lab.takeCoreVerdict(state, error, message);
    form.showErrors(state);
    form.setRunEnabled(lab.canRun(state));
    if (state.settingsOk) scheduleEstimate();
    else dropEstimate();
  }

  // the run-time estimate: made in the engine's estimator worker once the settings have rested,
  // never while a run goes on (it would share the cores); only the newest settings' one is shown
  const estimate = mountEstimate(main, ctx.i18n, { onConfirm: () => start() });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let estimateTimer;
  let firstEstimate = true;
  function dropEstimate() {
    clearTimeout(estimateTimer);
    lab.clearEstimate(state);
    estimate.draw(state.estimate);
  }
  function scheduleEstimate() {
    if (gone || lab.isRunning(state) || lab.hasEstimate(state)) return;
    lab.estimateStarted(state);
    estimate.draw(state.estimate);
    clearTimeout(estimateTimer);
    const go = () => makeEstimate(state.estimate.key);
    if (firstEstimate && typeof requestIdleCallback === 'function') {
      // on opening, once the page has drawn: the calibration's worker starts after the page's own work
      estimateTimer = setTimeout(() => requestIdleCallback(go, { timeout: 2000 }), ESTIMATE_DEBOUNCE_MS);
    } else estimateTimer = setTimeout(go, ESTIMATE_DEBOUNCE_MS);
    firstEstimate = false;
  }
  /** @param {string} key the settings it is for */
  function makeEstimate(key) {
    const isCurrent = () => !gone && !lab.isRunning(state) && lab.estimateKeyOf(state) === key;
    if (!isCurrent()) return;
    estimateRun({
      id: def.id,
      config: state.config,
      oneAtATime: !!def.one_job_at_a_time,
      text: state.userText?.text,
      textKey: state.userText ? `${state.userText.name} ${state.userText.text.length}` : '',
      isCurrent,
    })
      .then((result) => {
        if (result) lab.takeEstimate(state, key, { result });
      })
      .catch((/** @type {any} */ e) => {
        if (isCurrent()) lab.takeEstimate(state, key, { problem: e.message, problemMessage: e.data ?? null });
      })
      .finally(() => {
        if (gone) return;
        // abandoned while its settings are still the ones shown (a run started): the next check asks again
        if (state.estimate.key === key && state.estimate.status === 'estimating') lab.clearEstimate(state);
        estimate.draw(state.estimate);
      });
  }

  // Run: a run estimated over 10 minutes asks first (the estimate, and shorter ways to see the
  // lesson); without an estimate yet it starts at once, so estimating never delays a run
  function askThenStart() {
    if (!lab.canRun(state)) return;
    const long = lab.longRunSeconds(state);
    if (long !== null) estimate.confirm(long, !!state.config.quick);
    else start();
  }

  function start() {
    if (!lab.canRun(state)) return;
    // the run gets the cores: a calibration under way ends, and none starts until the run has ended
    stopEstimating();
    if (state.estimate.status === 'estimating') dropEstimate();
    lab.startRun(state);
    compare.showComparison(null);
    form.runStarted();
    drawStatus(main, state, ctx.i18n);
    const needsText = !!def.needs_text;
    run = startRun({
      id: def.id,
      config: state.config,
      dataUrl: needsText && !state.userText ? dataUrl : undefined,
      text: state.userText?.text,
      oneAtATime: !!def.one_job_at_a_time,
      data: lab.trainingDataOf(state, needsText),
      onJob: (/** @type {number | null} */ index, /** @type {import('../../types.js').JobState[]} */ jobs) => {
        const now = performance.now();
        lab.takeJobs(state, index, jobs, now);
        if (index === null || jobs[index].status !== 'running' || now - lastDraw > drawInterval) {
          lastDraw = now;
          drawRun();
          drawInterval = nextDrawInterval(performance.now() - now);
        }
      },
    });
    /** @type {import('../../types.js').RunHandle} */ (run).promise
      .then((outcome) => {
        lab.finishRun(state, outcome);
        drawRun();
        if (state.phase === 'done') {
          drawOutputs();
          const saved = lab.savedRunOf(state, new Date().toISOString());
          if (saved) {
            shownDate = saved.date;
            resultsStore.save({ ...(resultsStore.load().data ?? {}), [def.id]: saved });
            runHistory.add(def.id, { ...saved, config: { ...state.config } }).then(showSaved);
          }
        }
      })
      .catch((err) => lab.failRun(state, err.message, err.data))
      .finally(() => {
        run = null;
        drawStatus(main, state, ctx.i18n);
        const focusBack = form.runEnded();
        validate().then(focusBack);
      });
  }

  // an indicative claim's "run again with 3 seeds": the same settings, 3 seeds, run at once
  main.addEventListener('click', async (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    if (!target.closest?.('.rerun-seeds') || lab.isRunning(state)) return;
    form.fill({ ...state.config, seeds: 3 });
    await validate();
    if (lab.canRun(state)) start();
  });

  // the last finished run of this experiment, as saved in this browser
  const saved = resultsStore.load().data?.[def.id];
  if (saved) {
    lab.restoreRun(state, saved);
    shownDate = saved.date;
    drawRun();
    drawOutputs();
    drawStatus(main, state, ctx.i18n);
  }
  // the checks of the settings (the core's verdict, the estimate) and the list of saved runs wait
  // for the next task: the page is drawn first, and its start is not one long task
  // (each in a task of its own)
  setTimeout(() => {
    if (gone) return;
    validate();
    setTimeout(() => gone || runHistory.list(def.id).then(showSaved));
  });
  return {
    destroy() {
      gone = true;
      clearTimeout(estimateTimer);
      run?.stop();
      charts.destroy();
    },
  };
}

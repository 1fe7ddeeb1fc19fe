// @ts-check
// Page views: home, theory sections, drills, quiz, experiments. Each returns an object with destroy().
// The experiments' titles and questions are the core's (ctx.experiments, built from its catalogue).
// The views of one kind of page (a theory section's widgets, a drill's check, the quiz, the lab)
// load with the first page of that kind, so the start-up bundle carries only what every page needs.
import { mountRmsNormDemo } from './rmsnorm-demo.js';
import { esc, runTimeText } from './format.js';
import { say, sayError } from '../i18n/translate.js';

/** @typedef {import('../types.js').ExperimentText} ExperimentText */
/** @typedef {import('../i18n/translate.js').I18n} I18n */

// the site's sections, each labelled by the catalogue's "nav.<page>"
const NAV = [
  { page: 'home', href: '#/' },
  { page: 'theory', href: '#/theory' },
  { page: 'lab', href: '#/lab' },
  { page: 'drills', href: '#/drills' },
  { page: 'exercises', href: '#/exercises' },
  { page: 'quiz', href: '#/quiz' },
];

// Links to the exercises a theory section or a drill belongs to (built into its page data).
const exerciseLinks = (list, { html }) =>
  list?.length
    ? `<p class="exercise-links">${html('page.implementIt', { links: list.map((e) => `<a href="#/exercises/${esc(e.slug)}">${esc(e.title)}</a>`).join(', ') })}</p>`
    : '';

/** @param {any} nav @param {{page: string}} route @param {import('../i18n/translate.js').I18n} i18n */
export function renderNav(nav, route, { t }) {
  nav.setAttribute('aria-label', t('nav.label'));
  nav.innerHTML = `<ul>${NAV.map(
    (n) =>
      `<li><a href="${n.href}"${n.page === route.page ? ' aria-current="page"' : ''}>${esc(t(`nav.${n.page}`))}</a></li>`,
  ).join('')}</ul>`;
}

/**
 * The words of a run time in the page's language (views/format.js's runTimeText).
 * @param {I18n} i18n
 * @returns {import('./format.js').DurationWords}
 */
const durationWords = ({ t }) => ({
  seconds: (n) => t('runTime.seconds', { n }),
  minutes: (n) => t('runTime.minutes', { n }),
  both: (full, quick) => t('runTime.both', { full, quick }),
  quickOnly: (quick) => t('runTime.quickOnly', { quick }),
});

/** @param {ExperimentText[]} experiments @param {I18n} i18n */
const experimentLinks = (experiments, i18n) =>
  `<ul class="toc experiments">${experiments
    .map((e) => {
      const time = runTimeText(e.run_time, durationWords(i18n));
      return `<li><a href="#/lab/${esc(e.id)}">${esc(e.title)}</a> — <span class="question">${esc(e.question)}</span>${
        time ? ` <span class="run-time">${esc(i18n.t('runTime.line', { time }))}</span>` : ''
      }</li>`;
    })
    .join('')}</ul>`;

// A drill's key in the visited store: theory sections are stored by slug, drills as drills/<slug>.
const drillVisitKey = (slug) => `drills/${slug}`;

// The course map: per theory section, its drills, experiments, exercises and quiz questions, each
// marked done from the progress stores (section opened, solution revealed, run saved, exercise's
// checks passed, question answered).
export function courseMap({
  course,
  experiments,
  quizProgress,
  drillProgress,
  resultsStore,
  visitedStore,
  exerciseProgress,
  i18n,
}) {
  const { html } = i18n;
  const visited = new Set(visitedStore.load().data ?? []);
  const revealed = new Set(drillProgress.load().data ?? []);
  const runs = resultsStore.load().data ?? {};
  const answers = quizProgress.load().data ?? {};
  const solved = new Set(exerciseProgress.load().data ?? []);
  const index = course.quizIndex ?? [];
  const title = (id) => experiments.find((e) => e.id === id)?.title ?? id;
  const step = (done, html) =>
    `<li class="step" data-done="${done}">${html}${done ? ` <span class="done">${esc(i18n.t('map.done'))}</span>` : ''}</li>`;
  let steps = 0;
  let doneSteps = 0;
  const rows = course.theory.map((t, i) => {
    const drills = course.drills.filter((d) => d.section === t.slug);
    const qs = index.filter((q) => q.section === t.slug);
    const answered = qs.filter((q) => answers[q.id]);
    const firstTry = answered.filter((q) => answers[q.id].firstTry ?? answers[q.id].correct);
    const items = [
      step(
        visited.has(t.slug),
        html('map.read', { link: `<a href="#/theory/${esc(t.slug)}">${esc(i18n.t('map.theSection'))}</a>` }),
      ),
      ...drills.map((d) =>
        step(
          revealed.has(d.slug),
          html('map.drill', { link: `<a href="#/drills/${esc(d.slug)}">${esc(d.title)}</a>` }),
        ),
      ),
      ...(t.try ?? []).map((id) =>
        step(!!runs[id], html('map.experiment', { link: `<a href="#/lab/${esc(id)}">${esc(title(id))}</a>` })),
      ),
      ...(course.exerciseIndex ?? [])
        .filter((e) => e.section === t.slug)
        .map((e) =>
          step(
            solved.has(e.slug),
            html('map.exercise', { link: `<a href="#/exercises/${esc(e.slug)}">${esc(e.title)}</a>` }),
          ),
        ),
      ...(qs.length
        ? [
            step(
              answered.length === qs.length,
              html('map.quiz', {
                link: `<a href="#/quiz">${esc(i18n.t('map.answered', { count: qs.length, answered: answered.length }))}</a>`,
                count: firstTry.length,
              }),
            ),
          ]
        : []),
    ];
    const done = (items.join('').match(/data-done="true"/g) ?? []).length;
    steps += items.length;
    doneSteps += done;
    return `<li class="topic"><h3><span class="topic-n">${i + 1}.</span> <a href="#/theory/${esc(t.slug)}">${esc(t.title)}</a>
      <span class="topic-count">${esc(i18n.t('map.topicCount', { done, count: items.length }))}</span></h3><ol class="steps">${items.join('')}</ol></li>`;
  });
  return `<p class="map-total">${esc(i18n.t('map.total', { done: doneSteps, count: steps }))}</p><ol class="course-map">${rows.join('')}</ol>`;
}

const SITE = 'NormLab';
// Every route its own tab title: the page's own name first, then the site.
export function pageTitle(route, { course, experiments, i18n }) {
  const { t } = i18n;
  const { page, id } = route;
  const named = (name) => `${name} · ${SITE}`;
  const notFound = t('title.notFound');
  if (page === 'home') return t('title.home', { site: SITE });
  if (page === 'theory') {
    const x = id && course.theory.find((s) => s.slug === id);
    return id ? named(x ? t('title.theoryPage', { title: x.title }) : notFound) : named(t('nav.theory'));
  }
  if (page === 'drills') {
    const d = id && course.drills.find((s) => s.slug === id);
    return id ? named(d ? t('title.drillPage', { title: d.title }) : notFound) : named(t('nav.drills'));
  }
  if (page === 'quiz') return named(t('nav.quiz'));
  if (page === 'exercises') {
    const e = id && (course.exerciseIndex ?? []).find((x) => x.slug === id);
    return id ? named(e ? t('title.exercisePage', { title: e.title }) : notFound) : named(t('nav.exercises'));
  }
  if (page === 'lab') {
    const e = id && experiments.find((s) => s.id === id);
    return id ? named(e ? t('title.labPage', { title: e.title }) : notFound) : named(t('nav.lab'));
  }
  return named(notFound);
}

function home(main, ctx) {
  const { compute, experiments, hasShakespeare, resetProgress, i18n } = ctx;
  const { t, html } = i18n;
  main.innerHTML = `
    <h1>${esc(t('home.title'))}</h1>
    <p class="lede">${esc(t('home.lede'))}</p>
    <div id="demo"></div>
    <section aria-labelledby="course-title">
      <h2 id="course-title">${esc(t('home.courseTitle'))}</h2>
      <p>${esc(t('home.courseIntro'))}</p>
      <div class="map-root">${courseMap(ctx)}</div>
      <p><a href="#/drills">${esc(t('home.allDrills'))}</a> · <a href="#/quiz">${esc(t('home.wholeQuiz'))}</a></p>
    </section>
    <section aria-labelledby="labs-title"><h2 id="labs-title">${esc(t('nav.lab'))}</h2>${experimentLinks(experiments, ctx.i18n)}</section>
    ${
      hasShakespeare
        ? ''
        : `<p class="notice" role="note">${html('home.noData', { script: '<code>scripts/fetch_data.sh</code>' })}</p>`
    }
    <section aria-labelledby="progress-title"><h2 id="progress-title">${esc(t('home.startOver'))}</h2>
      <p>${esc(t('home.keptHere'))}</p>
      <button type="button" id="reset-progress">${esc(t('home.reset'))}</button> <span role="status" id="reset-status"></span></section>`;
  main.querySelector('#reset-progress').addEventListener('click', () => {
    const n = resetProgress();
    main.querySelector('#reset-status').textContent = t(n ? 'home.resetDone' : 'home.resetNothing');
    main.querySelector('.map-root').innerHTML = courseMap(ctx);
  });
  return mountRmsNormDemo(main.querySelector('#demo'), { compute, i18n });
}

function theoryIndex(main, { course, i18n }) {
  main.innerHTML = `<h1>${esc(i18n.t('nav.theory'))}</h1><ol class="toc">${course.theory
    .map((t) => `<li><a href="#/theory/${esc(t.slug)}">${esc(t.title)}</a><p>${esc(t.summary)}</p></li>`)
    .join('')}</ol>`;
}

// Renders a page whose content loads lazily; a route change before it arrives wins.
function lazyPage(main, { t }, load, render) {
  let gone = false;
  /** @type {{destroy?: () => void} | void | null} */
  let view = null;
  main.innerHTML = `<p role="status">${esc(t('page.loading'))}</p>`;
  load()
    .then((data) => {
      if (!gone) view = render(data) ?? null;
    })
    .catch((e) => {
      if (!gone)
        main.innerHTML = `<p class="engine-error" role="alert">${esc(t('page.loadFailed', { message: e.message }))}</p>`;
    });
  return {
    destroy() {
      gone = true;
      view?.destroy?.();
    },
  };
}

function theoryPage(main, ctx, slug) {
  const { course, i18n } = ctx;
  const { t } = i18n;
  const i = course.theory.findIndex((s) => s.slug === slug);
  if (i < 0) return notFound(main, i18n);
  const prev = course.theory[i - 1];
  const next = course.theory[i + 1];
  const seen = new Set(ctx.visitedStore.load().data ?? []);
  if (!seen.has(slug)) ctx.visitedStore.save([...seen, slug]);
  const load = () => Promise.all([course.theory[i].load(), import('./widgets.js')]);
  return lazyPage(main, i18n, load, ([page, { mountWidgets }]) => {
    main.innerHTML = `<article class="prose"><h1>${esc(page.title)}</h1>${page.html}
      ${exerciseLinks(page.exercises, i18n)}
      ${page.core?.length ? `<p class="core-note">${i18n.html('page.computedBy', { functions: page.core.map((f) => `<code>${esc(f)}</code>`).join(', ') })}</p>` : ''}
      <nav class="pager" aria-label="${esc(t('page.sections'))}">${prev ? `<a href="#/theory/${esc(prev.slug)}" rel="prev">← ${esc(prev.title)}</a>` : '<span></span>'}
      ${next ? `<a href="#/theory/${esc(next.slug)}" rel="next">${esc(next.title)} →</a>` : ''}</nav></article>`;
    markScrollingFormulas(main, i18n);
    return mountWidgets(main, ctx);
  });
}

// A display formula wider than the screen scrolls inside its frame: it gets a Tab stop and a name,
// so keyboard users can scroll it too, and a visible "scroll sideways" hint (styles.css).
function markScrollingFormulas(root, { t }) {
  root.querySelectorAll('.math-display').forEach((el) => {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    el.dataset.scrolls = String(scrolls);
    if (scrolls) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', t('page.formulaScrolls'));
    }
  });
}

// The drills, each marked done (its worked solution opened: what the course map counts) or opened,
// with the counts, from the same stores the course map reads.
function drillsIndex(main, { course, drillProgress, visitedStore, i18n }) {
  const { t } = i18n;
  const revealed = new Set(drillProgress.load().data ?? []);
  const visited = new Set(visitedStore.load().data ?? []);
  const status = (d) => (revealed.has(d.slug) ? 'done' : visited.has(drillVisitKey(d.slug)) ? 'opened' : 'new');
  const done = course.drills.filter((d) => status(d) === 'done').length;
  const opened = course.drills.filter((d) => status(d) === 'opened').length;
  const mark = {
    done: ` <span class="done">${esc(t('map.done'))}</span>`,
    opened: ` <span class="opened">${esc(t('drills.opened'))}</span>`,
    new: '',
  };
  main.innerHTML = `<h1>${esc(t('nav.drills'))}</h1><p>${esc(t('drills.intro'))} ${esc(t('drills.countsWhen'))}</p>
    <p class="drill-total">${esc(t('drills.total', { done, count: course.drills.length }))}${opened ? esc(t('drills.moreOpened', { count: opened })) : ''}.</p>
    <ol class="toc drill-list">${course.drills
      .map(
        (d) =>
          `<li class="step" data-status="${status(d)}"><a href="#/drills/${esc(d.slug)}">${esc(d.title)}</a>${mark[status(d)]}</li>`,
      )
      .join('')}</ol>`;
}

function drillPage(main, ctx, slug) {
  const { course, drillProgress, i18n } = ctx;
  const { t } = i18n;
  const entry = course.drills.find((s) => s.slug === slug);
  if (!entry) return notFound(main, i18n);
  const seen = new Set(ctx.visitedStore.load().data ?? []);
  if (!seen.has(drillVisitKey(slug))) ctx.visitedStore.save([...seen, drillVisitKey(slug)]);
  const load = () => Promise.all([entry.load(), entry.check ? import('./drill-checks.js') : null]);
  return lazyPage(main, i18n, load, ([d, checks]) => {
    const { data, notice } = drillProgress.load();
    const revealed = new Set(data ?? []);
    main.innerHTML = `<article class="prose"><h1>${esc(d.title)}</h1>
      ${notice ? `<p class="notice" role="status">${esc(say(notice, i18n))}</p>` : ''}
      ${d.problemHtml}
      ${d.check ? '<div class="widget drill-check"></div>' : ''}
      <details class="solution"${revealed.has(d.slug) ? ' open' : ''}><summary>${esc(t('drills.showSolution'))}</summary>${d.solutionHtml}</details>
      ${exerciseLinks(d.exercises, i18n)}
      <p><a href="#/theory/${esc(d.section)}">${esc(t('drills.backToSection'))}</a> · <a href="#/drills">${esc(t('home.allDrills'))}</a></p></article>`;
    main.querySelector('details.solution').addEventListener('toggle', (e) => {
      if (!e.target.open) return;
      revealed.add(d.slug);
      drillProgress.save([...revealed]);
    });
    markScrollingFormulas(main, i18n);
    if (d.check && checks) checks.mountDrillCheck(main.querySelector('.drill-check'), d.check, ctx);
  });
}

function labIndex(main, { experiments, i18n }) {
  main.innerHTML = `<h1>${esc(i18n.t('nav.lab'))}</h1>${experimentLinks(experiments, i18n)}`;
}

function labPage(main, ctx, id, query) {
  /** @type {ExperimentText | undefined} */
  const text = ctx.experiments.find((/** @type {ExperimentText} */ x) => x.id === id);
  const { t } = ctx.i18n;
  if (!text) return notFound(main, ctx.i18n);
  // the head as the lab view draws it (lab/page.js), so the largest text is painted now, not after the engine
  main.innerHTML = `<h1>${esc(text.title)}</h1><p class="lede">${esc(text.question)}</p>
    ${text.look ? `<p class="look"><strong>${esc(t('lab.look'))}</strong> ${esc(text.look)}</p>` : ''}
    <p role="status">${esc(t('lab.loading'))}</p>`;
  /** @type {{destroy?: () => void} | void | null} */
  let view = null;
  let gone = false;
  // the lab view is loaded with the first experiment page, not the home page (Chart.js later still:
  // when its charts are first drawn); its predict questions load alongside, so that the lab view
  // draws them with the page and its form does not move down when they arrive (the quiz is optional
  // here: the quiz page reports load errors)
  // (asked for in the task after the head is drawn: starting the loads, links to preload included,
  // is work of its own)
  new Promise((resolve) => setTimeout(resolve))
    .then(() => Promise.all([ctx.catalogue(), import('./lab/page.js'), ctx.course.loadPredict(id).catch(() => [])]))
    // the lab view draws in a task of its own, not in the one that received the engine's catalogue
    // (and compiled the view's module), which draws the predict questions apart from the page:
    // two shorter tasks instead of one long one
    .then(
      ([catalogue, lab, predict]) =>
        new Promise((resolve) => {
          const questions = gone ? null : lab.predictQuestions(ctx, predict);
          setTimeout(() => resolve([catalogue, lab, questions]));
        }),
    )
    .then(([catalogue, { mountLab }, questions]) => {
      if (gone) return;
      const def = catalogue.find((/** @type {{id: string}} */ d) => d.id === id);
      // the page's text and the engine come from one build of the core: a mismatch is a stale engine file
      if (!def) throw new Error(t('lab.staleEngine', { id }));
      view = mountLab(main, ctx, text, def, query, questions);
    })
    .catch((e) => {
      if (gone) return;
      // the title and the question stay; the loading note becomes the error and what to do about it
      const message = String(sayError(e, ctx.i18n)).replace(/\.?$/, '.');
      main.querySelector('[role="status"]').outerHTML =
        `<p class="engine-error" role="alert">${esc(t('lab.cannotRun', { message }))}${
          /reload|recarga/i.test(message) ? '' : ` ${esc(t('lab.reloadToRetry'))}`
        }</p>`;
    });
  return {
    destroy() {
      gone = true;
      view?.destroy?.();
    },
  };
}

function notFound(main, { t, html }) {
  main.innerHTML = `<h1>${esc(t('title.notFound'))}</h1><p>${html('page.noSuchPage', { link: `<a href="#/">${esc(t('page.backToStart'))}</a>` })}</p>`;
}

export function renderPage(main, route, ctx) {
  const { page, id } = route;
  if (page === 'home') return home(main, ctx);
  if (page === 'theory') return id ? theoryPage(main, ctx, id) : theoryIndex(main, ctx);
  if (page === 'drills') return id ? drillPage(main, ctx, id) : drillsIndex(main, ctx);
  if (page === 'quiz')
    return lazyPage(
      main,
      ctx.i18n,
      () => Promise.all([ctx.course.loadQuiz(), import('./quiz.js')]),
      ([quiz, { mountQuiz }]) =>
        mountQuiz(main, { quiz, progress: ctx.quizProgress, sections: ctx.course.theory, i18n: ctx.i18n }),
    );
  if (page === 'lab') return id ? labPage(main, ctx, id, route.query) : labIndex(main, ctx);
  // the exercises and their editor load with the first exercise page, not the home page
  if (page === 'exercises')
    return lazyPage(
      main,
      ctx.i18n,
      () => Promise.all([import('./exercise.js'), ctx.course.loadExercises()]),
      ([m, exercises]) => m.mountExercises(main, ctx, exercises, id),
    );
  return notFound(main, ctx.i18n);
}

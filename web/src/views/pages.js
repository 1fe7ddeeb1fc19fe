// @ts-check
// Page views: home, theory sections, drills, quiz, experiments. Each returns an object with destroy().
// The experiments' titles and questions are the core's (ctx.experiments, built from its catalogue).
// The views of one kind of page (a theory section's widgets, a drill's check, the quiz, the lab)
// load with the first page of that kind, so the start-up bundle carries only what every page needs.
import { mountRmsNormDemo } from './rmsnorm-demo.js';
import { esc, runTimeText } from './format.js';

/** @typedef {import('../types.js').ExperimentText} ExperimentText */

const NAV = [
  { page: 'home', label: 'Home', href: '#/' },
  { page: 'theory', label: 'Theory', href: '#/theory' },
  { page: 'lab', label: 'Experiments', href: '#/lab' },
  { page: 'drills', label: 'Drills', href: '#/drills' },
  { page: 'exercises', label: 'Exercises', href: '#/exercises' },
  { page: 'quiz', label: 'Quiz', href: '#/quiz' },
];

// Links to the exercises a theory section or a drill belongs to (built into its page data).
const exerciseLinks = (list) =>
  list?.length
    ? `<p class="exercise-links">Implement it yourself: ${list.map((e) => `<a href="#/exercises/${esc(e.slug)}">${esc(e.title)}</a>`).join(', ')}.</p>`
    : '';

export function renderNav(nav, route) {
  nav.innerHTML = `<ul>${NAV.map(
    (n) => `<li><a href="${n.href}"${n.page === route.page ? ' aria-current="page"' : ''}>${n.label}</a></li>`,
  ).join('')}</ul>`;
}

/** @param {ExperimentText[]} experiments */
const experimentLinks = (experiments) =>
  `<ul class="toc experiments">${experiments
    .map(
      (e) =>
        `<li><a href="#/lab/${esc(e.id)}">${esc(e.title)}</a> — <span class="question">${esc(e.question)}</span>${
          runTimeText(e.run_time)
            ? ` <span class="run-time">Typical run on the project's machine: ${esc(runTimeText(e.run_time))}.</span>`
            : ''
        }</li>`,
    )
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
}) {
  const visited = new Set(visitedStore.load().data ?? []);
  const revealed = new Set(drillProgress.load().data ?? []);
  const runs = resultsStore.load().data ?? {};
  const answers = quizProgress.load().data ?? {};
  const solved = new Set(exerciseProgress.load().data ?? []);
  const index = course.quizIndex ?? [];
  const title = (id) => experiments.find((e) => e.id === id)?.title ?? id;
  const step = (done, html) =>
    `<li class="step" data-done="${done}">${html}${done ? ' <span class="done">✓ done</span>' : ''}</li>`;
  let steps = 0;
  let doneSteps = 0;
  const rows = course.theory.map((t, i) => {
    const drills = course.drills.filter((d) => d.section === t.slug);
    const qs = index.filter((q) => q.section === t.slug);
    const answered = qs.filter((q) => answers[q.id]);
    const firstTry = answered.filter((q) => answers[q.id].firstTry ?? answers[q.id].correct);
    const items = [
      step(visited.has(t.slug), `Read <a href="#/theory/${esc(t.slug)}">the section</a>`),
      ...drills.map((d) => step(revealed.has(d.slug), `Drill: <a href="#/drills/${esc(d.slug)}">${esc(d.title)}</a>`)),
      ...(t.try ?? []).map((id) => step(!!runs[id], `Experiment: <a href="#/lab/${esc(id)}">${esc(title(id))}</a>`)),
      ...(course.exerciseIndex ?? [])
        .filter((e) => e.section === t.slug)
        .map((e) => step(solved.has(e.slug), `Exercise: <a href="#/exercises/${esc(e.slug)}">${esc(e.title)}</a>`)),
      ...(qs.length
        ? [
            step(
              answered.length === qs.length,
              `Quiz: <a href="#/quiz">${answered.length} of ${qs.length} answered</a>, ${firstTry.length} right on the first try`,
            ),
          ]
        : []),
    ];
    const done = (items.join('').match(/data-done="true"/g) ?? []).length;
    steps += items.length;
    doneSteps += done;
    return `<li class="topic"><h3><span class="topic-n">${i + 1}.</span> <a href="#/theory/${esc(t.slug)}">${esc(t.title)}</a>
      <span class="topic-count">${done} of ${items.length} done</span></h3><ol class="steps">${items.join('')}</ol></li>`;
  });
  return `<p class="map-total">${doneSteps} of ${steps} steps done.</p><ol class="course-map">${rows.join('')}</ol>`;
}

const SITE = 'NormLab';
// Every route its own tab title: the page's own name first, then the site.
export function pageTitle(route, { course, experiments }) {
  const { page, id } = route;
  const named = (name) => `${name} · ${SITE}`;
  if (page === 'home') return `${SITE}: normalization in deep learning, hands-on`;
  if (page === 'theory') {
    const t = id && course.theory.find((x) => x.slug === id);
    return id ? named(t ? `${t.title} (theory)` : 'Page not found') : named('Theory');
  }
  if (page === 'drills') {
    const d = id && course.drills.find((x) => x.slug === id);
    return id ? named(d ? `Drill: ${d.title}` : 'Page not found') : named('Drills');
  }
  if (page === 'quiz') return named('Quiz');
  if (page === 'exercises') {
    const e = id && (course.exerciseIndex ?? []).find((x) => x.slug === id);
    return id ? named(e ? `Exercise: ${e.title}` : 'Page not found') : named('Exercises');
  }
  if (page === 'lab') {
    const e = id && experiments.find((x) => x.id === id);
    return id ? named(e ? `Experiment: ${e.title}` : 'Page not found') : named('Experiments');
  }
  return named('Page not found');
}

function home(main, ctx) {
  const { compute, experiments, hasShakespeare, resetProgress } = ctx;
  main.innerHTML = `
    <h1>Normalization in deep learning, hands-on</h1>
    <p class="lede">NormLab teaches why deep networks need normalization — BatchNorm, LayerNorm, RMSNorm,
      GroupNorm, InstanceNorm, Pre-LN vs Post-LN, where ε goes — and lets you run the real experiments
      in your browser. Every number on these pages is computed by a C++ core compiled to WebAssembly.</p>
    <div id="demo"></div>
    <section aria-labelledby="course-title">
      <h2 id="course-title">The course, and your progress</h2>
      <p>Each topic is a path: read the section, do its drills, run its experiments, answer its quiz questions.
        Progress is kept in this browser only.</p>
      <div class="map-root">${courseMap(ctx)}</div>
      <p><a href="#/drills">All drills</a> · <a href="#/quiz">The whole quiz</a></p>
    </section>
    <section aria-labelledby="labs-title"><h2 id="labs-title">Experiments</h2>${experimentLinks(experiments)}</section>
    ${
      hasShakespeare
        ? ''
        : `<p class="notice" role="note">The TinyShakespeare data set is not part of this build, so the
      language-model experiments cannot run. Get it with <code>scripts/fetch_data.sh</code> and rebuild.</p>`
    }
    <section aria-labelledby="progress-title"><h2 id="progress-title">Start over</h2>
      <p>Quiz answers, sections read, revealed drill solutions and saved runs are kept in this browser only.</p>
      <button type="button" id="reset-progress">Reset my progress</button> <span role="status" id="reset-status"></span></section>`;
  main.querySelector('#reset-progress').addEventListener('click', () => {
    const n = resetProgress();
    main.querySelector('#reset-status').textContent = n
      ? 'Your saved progress was cleared.'
      : 'There was no saved progress.';
    main.querySelector('.map-root').innerHTML = courseMap(ctx);
  });
  return mountRmsNormDemo(main.querySelector('#demo'), { compute });
}

function theoryIndex(main, { course }) {
  main.innerHTML = `<h1>Theory</h1><ol class="toc">${course.theory
    .map((t) => `<li><a href="#/theory/${esc(t.slug)}">${esc(t.title)}</a><p>${esc(t.summary)}</p></li>`)
    .join('')}</ol>`;
}

// Renders a page whose content loads lazily; a route change before it arrives wins.
function lazyPage(main, load, render) {
  let gone = false;
  /** @type {{destroy?: () => void} | void | null} */
  let view = null;
  main.innerHTML = '<p role="status">Loading…</p>';
  load()
    .then((data) => {
      if (!gone) view = render(data) ?? null;
    })
    .catch((e) => {
      if (!gone)
        main.innerHTML = `<p class="engine-error" role="alert">This page could not be loaded (${esc(e.message)}). Reload to try again.</p>`;
    });
  return {
    destroy() {
      gone = true;
      view?.destroy?.();
    },
  };
}

function theoryPage(main, ctx, slug) {
  const { course } = ctx;
  const i = course.theory.findIndex((s) => s.slug === slug);
  if (i < 0) return notFound(main);
  const prev = course.theory[i - 1];
  const next = course.theory[i + 1];
  const seen = new Set(ctx.visitedStore.load().data ?? []);
  if (!seen.has(slug)) ctx.visitedStore.save([...seen, slug]);
  const load = () => Promise.all([course.theory[i].load(), import('./widgets.js')]);
  return lazyPage(main, load, ([t, { mountWidgets }]) => {
    main.innerHTML = `<article class="prose"><h1>${esc(t.title)}</h1>${t.html}
      ${exerciseLinks(t.exercises)}
      ${t.core?.length ? `<p class="core-note">Computed in the core by ${t.core.map((f) => `<code>${esc(f)}</code>`).join(', ')}.</p>` : ''}
      <nav class="pager" aria-label="Sections">${prev ? `<a href="#/theory/${esc(prev.slug)}" rel="prev">← ${esc(prev.title)}</a>` : '<span></span>'}
      ${next ? `<a href="#/theory/${esc(next.slug)}" rel="next">${esc(next.title)} →</a>` : ''}</nav></article>`;
    markScrollingFormulas(main);
    return mountWidgets(main, ctx);
  });
}

// A display formula wider than the screen scrolls inside its frame: it gets a Tab stop and a name,
// so keyboard users can scroll it too, and a visible "scroll sideways" hint (styles.css).
function markScrollingFormulas(root) {
  root.querySelectorAll('.math-display').forEach((el) => {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    el.dataset.scrolls = String(scrolls);
    if (scrolls) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', 'Formula (scrolls sideways)');
    }
  });
}

// The drills, each marked done (its worked solution opened: what the course map counts) or opened,
// with the counts, from the same stores the course map reads.
function drillsIndex(main, { course, drillProgress, visitedStore }) {
  const revealed = new Set(drillProgress.load().data ?? []);
  const visited = new Set(visitedStore.load().data ?? []);
  const status = (d) => (revealed.has(d.slug) ? 'done' : visited.has(drillVisitKey(d.slug)) ? 'opened' : 'new');
  const done = course.drills.filter((d) => status(d) === 'done').length;
  const opened = course.drills.filter((d) => status(d) === 'opened').length;
  const mark = { done: ' <span class="done">✓ done</span>', opened: ' <span class="opened">opened</span>', new: '' };
  main.innerHTML = `<h1>Drills</h1><p>Short problems with worked solutions; most have a live check computed by the core.
    A drill counts as done once you open its worked solution.</p>
    <p class="drill-total">${done} of ${course.drills.length} drills done${opened ? `, ${opened} more opened` : ''}.</p>
    <ol class="toc drill-list">${course.drills
      .map(
        (d) =>
          `<li class="step" data-status="${status(d)}"><a href="#/drills/${esc(d.slug)}">${esc(d.title)}</a>${mark[status(d)]}</li>`,
      )
      .join('')}</ol>`;
}

function drillPage(main, ctx, slug) {
  const { course, drillProgress } = ctx;
  const entry = course.drills.find((s) => s.slug === slug);
  if (!entry) return notFound(main);
  const seen = new Set(ctx.visitedStore.load().data ?? []);
  if (!seen.has(drillVisitKey(slug))) ctx.visitedStore.save([...seen, drillVisitKey(slug)]);
  const load = () => Promise.all([entry.load(), entry.check ? import('./drill-checks.js') : null]);
  return lazyPage(main, load, ([d, checks]) => {
    const { data, notice } = drillProgress.load();
    const revealed = new Set(data ?? []);
    main.innerHTML = `<article class="prose"><h1>${esc(d.title)}</h1>
      ${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}
      ${d.problemHtml}
      ${d.check ? '<div class="widget drill-check"></div>' : ''}
      <details class="solution"${revealed.has(d.slug) ? ' open' : ''}><summary>Show the worked solution</summary>${d.solutionHtml}</details>
      ${exerciseLinks(d.exercises)}
      <p><a href="#/theory/${esc(d.section)}">Back to the section</a> · <a href="#/drills">All drills</a></p></article>`;
    main.querySelector('details.solution').addEventListener('toggle', (e) => {
      if (!e.target.open) return;
      revealed.add(d.slug);
      drillProgress.save([...revealed]);
    });
    markScrollingFormulas(main);
    if (d.check && checks) checks.mountDrillCheck(main.querySelector('.drill-check'), d.check, ctx);
  });
}

function labIndex(main, { experiments }) {
  main.innerHTML = `<h1>Experiments</h1>${experimentLinks(experiments)}`;
}

function labPage(main, ctx, id, query) {
  /** @type {ExperimentText | undefined} */
  const text = ctx.experiments.find((/** @type {ExperimentText} */ x) => x.id === id);
  if (!text) return notFound(main);
  // the head as the lab view draws it (lab/page.js), so the largest text is painted now, not after the engine
  main.innerHTML = `<h1>${esc(text.title)}</h1><p class="lede">${esc(text.question)}</p>
    ${text.look ? `<p class="look"><strong>What to look for:</strong> ${esc(text.look)}</p>` : ''}
    <p role="status">Loading the experiment…</p>`;
  /** @type {{destroy?: () => void} | void | null} */
  let view = null;
  let gone = false;
  // the lab view is loaded with the first experiment page, not the home page (Chart.js later still:
  // when its charts are first drawn); its predict questions load alongside, so that the lab view has
  // them at once and its form does not move down when they arrive
  Promise.all([ctx.catalogue(), import('./lab/page.js'), ctx.course.loadPredict(id).catch(() => [])])
    .then(([catalogue, { mountLab }]) => {
      if (gone) return;
      const def = catalogue.find((/** @type {{id: string}} */ d) => d.id === id);
      // the page's text and the engine come from one build of the core: a mismatch is a stale engine file
      if (!def)
        throw new Error(
          `the compute engine this page loaded does not know the experiment "${id}"; it may be an older copy`,
        );
      view = mountLab(main, ctx, text, def, query);
    })
    .catch((e) => {
      if (gone) return;
      // the title and the question stay; the loading note becomes the error and what to do about it
      const message = String(e.message).replace(/\.?$/, '.');
      main.querySelector('[role="status"]').outerHTML =
        `<p class="engine-error" role="alert">This experiment cannot run: ${esc(message)}${
          /reload/i.test(message) ? '' : ' Reload the page to try again.'
        }</p>`;
    });
  return {
    destroy() {
      gone = true;
      view?.destroy?.();
    },
  };
}

function notFound(main) {
  main.innerHTML = `<h1>Page not found</h1><p>There is no such page. <a href="#/">Back to the start</a>.</p>`;
}

export function renderPage(main, route, ctx) {
  const { page, id } = route;
  if (page === 'home') return home(main, ctx);
  if (page === 'theory') return id ? theoryPage(main, ctx, id) : theoryIndex(main, ctx);
  if (page === 'drills') return id ? drillPage(main, ctx, id) : drillsIndex(main, ctx);
  if (page === 'quiz')
    return lazyPage(
      main,
      () => Promise.all([ctx.course.loadQuiz(), import('./quiz.js')]),
      ([quiz, { mountQuiz }]) => mountQuiz(main, { quiz, progress: ctx.quizProgress, sections: ctx.course.theory }),
    );
  if (page === 'lab') return id ? labPage(main, ctx, id, route.query) : labIndex(main, ctx);
  // the exercises and their editor load with the first exercise page, not the home page
  if (page === 'exercises')
    return lazyPage(
      main,
      () => Promise.all([import('./exercise.js'), ctx.course.loadExercises()]),
      ([m, exercises]) => m.mountExercises(main, ctx, exercises, id),
    );
  return notFound(main);
}

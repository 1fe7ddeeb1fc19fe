// @ts-check
// Composition root: creates the engine (one worker for quick calls, a pool for experiment
// jobs) and the progress stores, then routes hash changes to views. Views never import the
// engine; they receive `compute`/`call` and `startRun` from here, and the experiments' text
// (the core's catalogue, built into the site) as `experiments`. The language (state/language.js)
// picks the course and the interface catalogue; switching it re-renders the page in place. Only
// the reference language's catalogue and course index come with the start-up bundle: another
// language's are loaded (once) before a page is first shown in it.
import './styles.css';
import referenceCourse, { load as loadCourse } from 'virtual:normlab-course';
import referenceMessages, { reference, names as languageNames, load as loadMessages } from 'virtual:normlab-i18n';
import experiments from 'virtual:normlab-experiments';
import { createI18n } from './i18n/translate.js';
import { localiseExperiment } from './i18n/experiments.js';
import { chooseLanguage, languageInSearch, searchWithLanguage, loadLanguage, saveLanguage } from './state/language.js';
import { esc } from './views/format.js';
import { EngineClient } from './engine/client.js';
import { WorkerPool } from './engine/pool.js';
import { startExperimentRun } from './engine/runs.js';
import { createEstimator } from './engine/estimate.js';
import { parseRoute } from './state/route.js';
import { createStore, clearAllProgress } from './state/storage.js';
import { browserKeyValue, createRunHistory } from './state/run-history.js';
import { QUIZ_STORE_VERSION, isValidQuizRecord } from './state/quiz.js';
import { renderPage, renderNav, pageTitle } from './views/pages.js';
import { afterNextFrame } from './views/next-frame.js';
import { startOffline } from './offline.js';

const newWorker = () => new Worker(new URL('./engine/worker.js', import.meta.url), { type: 'module' });
const engine = new EngineClient(newWorker);
// Start the engine worker now, not at the first call: fetching and compiling the WASM then
// overlaps with rendering the page instead of following it.
engine.ensureWorker();
const pool = new WorkerPool(newWorker, Math.min(navigator.hardwareConcurrency || 2, 8));
// Run-time estimates calibrate in a worker of their own (started at the first estimate), so they
// never hold up the page's quick calls; a run that starts ends it (a calibration under way, and
// the memory its models took), and the next estimate starts a new one.
const estimatorEngine = new EngineClient(newWorker);
const estimator = createEstimator({ call: (op, args) => estimatorEngine.call(op, args), workers: pool.size });
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
const call = (op, args) => engine.call(op, args);
/** @type {Promise<any> | null} */
let catalogue = null;
const engineCatalogue = () =>
  (catalogue ??= call('catalogue', {}).catch((e) => {
    catalogue = null;
    throw e;
  }));

const languages = Object.keys(languageNames);
/** @type {Record<string, import('./i18n/translate.js').Messages>} the catalogues loaded so far */
const catalogues = { [reference]: referenceMessages };
/** @type {Record<string, any>} the course indexes loaded so far */
const courses = { [reference]: referenceCourse };
/** Loads a language's catalogue and course index, once (the reference language's are there from the start). @param {string} l */
async function loadLanguagePack(l) {
  const [messages, course] = await Promise.all([loadMessages[l](), loadCourse[l]()]);
  catalogues[l] = messages;
  courses[l] = course;
}
const languageOf = () =>
  chooseLanguage({
    search: location.search,
    stored: loadLanguage(storage),
    preferred: navigator.languages ?? [navigator.language],
    available: languages,
  });
let lang = reference;
const i18nOf = (/** @type {string} */ l) => createI18n(l, catalogues[l], referenceMessages);

/** @type {import('./types.js').PageContext} */
const ctx = {
  lang,
  i18n: i18nOf(lang),
  course: courses[lang],
  experiments: experiments.map((e) => localiseExperiment(e, i18nOf(lang))),
  compute: call,
  call,
  // the engine's catalogue (fields and all), its text in the page's language
  catalogue: () =>
    engineCatalogue().then((list) => list.map((/** @type {any} */ d) => localiseExperiment(d, ctx.i18n))),
  startRun: (options) => startExperimentRun({ call, pool, ...options }),
  estimateRun: (options) => estimator.estimate(options),
  stopEstimating: () => estimatorEngine.dispose(),
  dataUrl: new URL('data/tinyshakespeare.txt', document.baseURI).href,
  hasShakespeare: __NORMLAB_HAS_SHAKESPEARE__,
  quizProgress: createStore(storage, 'quiz', QUIZ_STORE_VERSION, isValidQuizRecord),
  drillProgress: createStore(storage, 'drills', 1, (d) => Array.isArray(d) && d.every((s) => typeof s === 'string')),
  resultsStore: createStore(storage, 'results', 1, (d) => !!d && typeof d === 'object' && !Array.isArray(d)),
  runHistory: createRunHistory(browserKeyValue()),
  exerciseProgress: createStore(
    storage,
    'exercises',
    1,
    (d) => Array.isArray(d) && d.every((s) => typeof s === 'string'),
  ),
  exerciseCode: createStore(storage, 'exercise-code', 1, (d) => !!d && typeof d === 'object' && !Array.isArray(d)),
  // the learner's code runs in a worker of its own (engine/learner-client.js), loaded on first use
  runLearnerCode: (request) => import('./engine/learner-client.js').then((m) => m.runLearnerCode(request)),
  disposeLearnerCode: () => void import('./engine/learner-client.js').then((m) => m.disposeLearner()),
  visitedStore: createStore(storage, 'visited', 1, (d) => Array.isArray(d) && d.every((s) => typeof s === 'string')),
  resetProgress: () => clearAllProgress(storage),
};

// Diagnostics, for the browser console and the soak test (tests/e2e/soak.test.mjs): the WASM memory
// of the quick-call worker and of each experiment worker, in bytes.
/** @type {any} */ (window).normlabEngine = Object.freeze({
  memory: async () => ({ engine: (await call('memory', {})).wasmBytes, pool: await pool.memory() }),
});

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const langNav = /** @type {HTMLElement} */ (document.getElementById('lang-switch'));

// Sets the page's language (its catalogue loaded): the course and the catalogue in ctx, <html lang>,
// the text outside <main>, the URL (?lang=, history entry replaced) and the remembered choice.
function applyLanguage(/** @type {string} */ l) {
  lang = l;
  ctx.lang = l;
  ctx.i18n = i18nOf(l);
  ctx.course = courses[l];
  ctx.experiments = experiments.map((e) => localiseExperiment(e, ctx.i18n));
  const { t } = ctx.i18n;
  document.documentElement.lang = l;
  const setText = (/** @type {string} */ selector, /** @type {string} */ value) => {
    const el = document.querySelector(selector);
    if (el) el.textContent = value;
  };
  setText('.skip-link', t('site.skip'));
  setText('.site-footer p', t('site.footer'));
  document.querySelector('meta[name="description"]')?.setAttribute('content', t('site.description'));
  langNav.setAttribute('aria-label', t('lang.switchLabel'));
  if (languageInSearch(location.search) !== l)
    history.replaceState(history.state, '', searchWithLanguage(location.search, l) + location.hash);
  saveLanguage(storage, l);
}

// The language switch: one link per language to this same page in it (a real URL, so it can be
// opened in a new tab or copied), each named in its own language.
function renderLanguageSwitch() {
  langNav.innerHTML = `<ul>${languages
    .map((l) => {
      const href = searchWithLanguage(location.search, l) + location.hash;
      const here = l === lang ? ' aria-current="true"' : '';
      return `<li><a href="${esc(href)}" hreflang="${l}" lang="${l}" data-lang="${l}"${here}>${esc(languageNames[l])}</a></li>`;
    })
    .join('')}</ul>`;
}

langNav.addEventListener('click', (event) => {
  const mouse = /** @type {MouseEvent} */ (event);
  const link = /** @type {HTMLElement} */ (event.target).closest?.('a[data-lang]');
  if (!(link instanceof HTMLAnchorElement) || mouse.button !== 0 || mouse.metaKey || mouse.ctrlKey || mouse.shiftKey)
    return;
  event.preventDefault();
  const l = link.dataset.lang ?? reference;
  if (l === lang) return;
  // the same page, its settings (in the hash) and the learner's progress (stored by id) are kept
  history.pushState(history.state, '', link.getAttribute('href'));
  showIn(l, { keepFocus: true }).then(() =>
    /** @type {HTMLElement | null} */ (langNav.querySelector(`a[data-lang="${l}"]`))?.focus(),
  );
});

// back and forward across a language switch
window.addEventListener('popstate', () => {
  const l = languageOf();
  if (l !== lang) showIn(l, { keepFocus: true });
});
/** @type {{destroy?: () => void} | void | null} */
let current = null;
/** @type {string | null} */
let currentPath = null;

function show({ keepFocus = false } = {}) {
  const route = parseRoute(location.hash);
  const path = `${route.page}/${route.id ?? ''}`;
  current?.destroy?.();
  current = renderPage(main, route, ctx);
  renderNav(document.getElementById('site-nav'), route, ctx.i18n);
  renderLanguageSwitch();
  document.title = pageTitle(route, ctx);
  if (path !== currentPath && route.page !== 'home' && !keepFocus) {
    // the first page's focus waits for its first frame: focusing lays the page out, which would
    // otherwise happen at once inside the start-up task, and again when the frame is drawn
    const focusMain = () => main.focus({ preventScroll: true });
    if (currentPath === null) afterNextFrame(focusMain);
    else focusMain();
  }
  // a new page starts at its top; the first one already does (scrolling would lay the page out at
  // once, inside the start-up task, instead of in the frame after it)
  if (path !== currentPath && currentPath !== null) window.scrollTo(0, 0);
  currentPath = path;
}

// The skip link's "#main" would otherwise be routed as a page called "main" (not found):
// it moves focus to the content instead and leaves the route alone.
document.querySelector('.skip-link')?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
  main.scrollIntoView();
});

/** @type {string | null} the language last asked for: a slower load must not undo a newer choice */
let wanted = null;
/**
 * Shows the page in language `l` once its catalogue and course index have loaded (at once when they
 * are). If they cannot load (offline before they were cached), the page stays in the language it
 * is in, or, when nothing is shown yet, opens in the reference language.
 * @param {string} l @param {{keepFocus?: boolean}} [options]
 */
async function showIn(l, options = {}) {
  wanted = l;
  if (!courses[l]) {
    try {
      await loadLanguagePack(l);
    } catch (e) {
      console.warn(`the ${l} version of the site could not load: ${/** @type {Error} */ (e).message}`);
      if (wanted !== l || current) return;
      l = wanted = reference;
    }
    if (wanted !== l) return; // a newer choice is shown, or on its way
  }
  applyLanguage(l);
  show(options);
}

window.addEventListener('hashchange', () => show());
// the first page is drawn in the task after the one that evaluates this bundle: two shorter tasks at
// start-up instead of one long one (Lighthouse's blocking time counts each task's length over 50 ms)
setTimeout(() => showIn(languageOf()));
// The service worker and its precache (the whole site, fetched and stored at the first visit) start
// once the page has loaded and gone quiet, so that they do not compete with its own start for the
// network and the cores.
const offlineWhenIdle = () => {
  const go = () => startOffline(/** @type {HTMLElement} */ (document.getElementById('update-notice')), () => ctx.i18n);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 5000 });
  else setTimeout(go, 1000);
};
if (document.readyState === 'complete') offlineWhenIdle();
else window.addEventListener('load', offlineWhenIdle, { once: true });

// @ts-check
// Composition root: creates the engine (one worker for quick calls, a pool for experiment
// jobs) and the progress stores, then routes hash changes to views. Views never import the
// engine; they receive `compute`/`call` and `startRun` from here, and the experiments' text
// (the core's catalogue, built into the site) as `experiments`.
import './styles.css';
import course from 'virtual:normlab-course';
import experiments from 'virtual:normlab-experiments';
import { EngineClient } from './engine/client.js';
import { WorkerPool } from './engine/pool.js';
import { startExperimentRun } from './engine/runs.js';
import { createEstimator } from './engine/estimate.js';
import { parseRoute } from './state/route.js';
import { createStore, clearAllProgress } from './state/storage.js';
import { browserKeyValue, createRunHistory } from './state/run-history.js';
import { QUIZ_STORE_VERSION, isValidQuizRecord } from './state/quiz.js';
import { renderPage, renderNav, pageTitle } from './views/pages.js';
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

/** @type {import('./types.js').PageContext} */
const ctx = {
  course,
  experiments,
  compute: call,
  call,
  catalogue: () =>
    (catalogue ??= call('catalogue', {}).catch((e) => {
      catalogue = null;
      throw e;
    })),
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
/** @type {{destroy?: () => void} | void | null} */
let current = null;
/** @type {string | null} */
let currentPath = null;

function show() {
  const route = parseRoute(location.hash);
  const path = `${route.page}/${route.id ?? ''}`;
  current?.destroy?.();
  current = renderPage(main, route, ctx);
  renderNav(document.getElementById('site-nav'), route);
  document.title = pageTitle(route, ctx);
  if (path !== currentPath && route.page !== 'home') main.focus({ preventScroll: true });
  if (path !== currentPath) window.scrollTo(0, 0);
  currentPath = path;
}

// The skip link's "#main" would otherwise be routed as a page called "main" (not found):
// it moves focus to the content instead and leaves the route alone.
document.querySelector('.skip-link')?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
  main.scrollIntoView();
});

window.addEventListener('hashchange', show);
show();
startOffline(/** @type {HTMLElement} */ (document.getElementById('update-notice')));

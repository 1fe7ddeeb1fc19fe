// Composition root: creates the engine client and the progress stores, then routes hash
// changes to views. Views never import the engine; they receive `compute(op, args)` from here.
import './styles.css';
import course from 'virtual:normlab-course';
import { EngineClient } from './engine/client.js';
import { parseRoute } from './state/route.js';
import { createStore, clearAllProgress } from './state/storage.js';
import { QUIZ_STORE_VERSION, isValidQuizRecord } from './state/quiz.js';
import { renderPage, renderNav } from './views/pages.js';

const engine = new EngineClient(() => new Worker(new URL('./engine/worker.js', import.meta.url), { type: 'module' }));
const storage = (() => { try { return window.localStorage; } catch { return null; } })();

const ctx = {
  course,
  compute: (op, args) => engine.call(op, args),
  hasShakespeare: __NORMLAB_HAS_SHAKESPEARE__,
  quizProgress: createStore(storage, 'quiz', QUIZ_STORE_VERSION, isValidQuizRecord),
  drillProgress: createStore(storage, 'drills', 1, (d) => Array.isArray(d) && d.every((s) => typeof s === 'string')),
  resetProgress: () => clearAllProgress(storage),
};

const main = document.getElementById('main');
let current = null;

function show() {
  current?.destroy?.();
  const route = parseRoute(location.hash);
  current = renderPage(main, route, ctx);
  renderNav(document.getElementById('site-nav'), route);
  if (route.page !== 'home') main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

window.addEventListener('hashchange', show);
show();

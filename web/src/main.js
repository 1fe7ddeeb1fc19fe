// Composition root: creates the engine client, then routes hash changes to views.
// Views never import the engine; they receive `compute(op, args)` from here.
import './styles.css';
import course from 'virtual:normlab-course';
import { EngineClient } from './engine/client.js';
import { parseRoute } from './state/route.js';
import { renderPage, renderNav } from './views/pages.js';

const engine = new EngineClient(() => new Worker(new URL('./engine/worker.js', import.meta.url), { type: 'module' }));
const compute = (op, args) => engine.call(op, args);

const main = document.getElementById('main');
let current = null;

function show() {
  current?.destroy?.();
  const route = parseRoute(location.hash);
  current = renderPage(main, route, { course, compute, hasShakespeare: __NORMLAB_HAS_SHAKESPEARE__ });
  renderNav(document.getElementById('site-nav'), route);
  if (document.activeElement !== document.body && route.page !== 'home') main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

window.addEventListener('hashchange', show);
show();

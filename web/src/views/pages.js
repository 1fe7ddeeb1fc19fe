// Page views: home, theory sections, drills, quiz. Each returns an object with destroy().
import { mountRmsNormDemo } from './rmsnorm-demo.js';

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const NAV = [
  { page: 'home', label: 'Home', href: '#/' },
  { page: 'theory', label: 'Theory', href: '#/theory' },
  { page: 'drills', label: 'Drills', href: '#/drills' },
  { page: 'quiz', label: 'Quiz', href: '#/quiz' },
];

export function renderNav(nav, route) {
  nav.innerHTML = `<ul>${NAV.map((n) =>
    `<li><a href="${n.href}"${n.page === route.page ? ' aria-current="page"' : ''}>${n.label}</a></li>`).join('')}</ul>`;
}

function home(main, { course, compute, hasShakespeare }) {
  main.innerHTML = `
    <h1>Normalization in deep learning, hands-on</h1>
    <p class="lede">NormLab teaches why deep networks need normalization — BatchNorm, LayerNorm, RMSNorm,
      GroupNorm, InstanceNorm, Pre-LN vs Post-LN, where ε goes — and lets you run the real experiments
      in your browser. Every number on these pages is computed by a C++ core compiled to WebAssembly.</p>
    <div id="demo"></div>
    <section aria-labelledby="course-title">
      <h2 id="course-title">The course</h2>
      <ol class="toc">${course.theory.map((t) => `<li><a href="#/theory/${esc(t.slug)}">${esc(t.title)}</a></li>`).join('')}</ol>
      <p><a href="#/drills">Drills</a> · <a href="#/quiz">Quiz</a></p>
    </section>
    ${hasShakespeare ? '' : `<p class="notice" role="note">The TinyShakespeare data set is not part of this build, so the
      language-model experiments cannot run. Get it with <code>scripts/fetch_data.sh</code> and rebuild.</p>`}`;
  return mountRmsNormDemo(main.querySelector('#demo'), { compute });
}

function theoryIndex(main, { course }) {
  main.innerHTML = `<h1>Theory</h1><ol class="toc">${course.theory.map((t) =>
    `<li><a href="#/theory/${esc(t.slug)}">${esc(t.title)}</a><p>${esc(t.summary)}</p></li>`).join('')}</ol>`;
}

function theoryPage(main, { course }, slug) {
  const t = course.theory.find((s) => s.slug === slug);
  if (!t) return notFound(main);
  main.innerHTML = `<article class="prose"><h1>${esc(t.title)}</h1>${t.html}</article>`;
}

function drillsIndex(main, { course }) {
  main.innerHTML = `<h1>Drills</h1><ol class="toc">${course.drills.map((d) =>
    `<li><a href="#/drills/${esc(d.slug)}">${esc(d.title)}</a></li>`).join('')}</ol>`;
}

function drillPage(main, { course }, slug) {
  const d = course.drills.find((s) => s.slug === slug);
  if (!d) return notFound(main);
  main.innerHTML = `<article class="prose"><h1>${esc(d.title)}</h1>${d.problemHtml}
    <details class="solution"><summary>Show the worked solution</summary>${d.solutionHtml}</details></article>`;
}

function quizPage(main, { course }) {
  main.innerHTML = `<h1>Quiz</h1><ol class="quiz">${course.quiz.map((q) => `<li>${q.promptHtml}</li>`).join('')}</ol>`;
}

function notFound(main) {
  main.innerHTML = `<h1>Page not found</h1><p>There is no such page. <a href="#/">Back to the start</a>.</p>`;
}

export function renderPage(main, route, ctx) {
  const { page, id } = route;
  if (page === 'home') return home(main, ctx);
  if (page === 'theory') return id ? theoryPage(main, ctx, id) : theoryIndex(main, ctx);
  if (page === 'drills') return id ? drillPage(main, ctx, id) : drillsIndex(main, ctx);
  if (page === 'quiz') return quizPage(main, ctx);
  return notFound(main);
}

// @ts-check
// The quiz page: questions rendered from the course, answers checked by state/quiz.js. A first
// wrong try gets a hint and marks the options chosen; the explanation comes after a second try or
// on request; the score counts first tries only. The page is split by theory section, each with
// its progress, and lists the questions missed on the first try for review.
import { checkAnswer, quizScore, recordAnswer, feedbackStage } from '../state/quiz.js';
import { esc } from './format.js';

function questionHtml(q, n) {
  const name = `q-${q.id}`;
  let input;
  if (q.type === 'numeric') {
    input = `<label for="${name}-value">Your answer (a number, or an expression such as 1/6, 2^-3, 1e-5, sqrt(2)/2)</label>
      <input id="${name}-value" name="${name}" type="text" inputmode="text" autocomplete="off" spellcheck="false">`;
  } else {
    const kind = q.type === 'multiple' ? 'checkbox' : 'radio';
    input = `<fieldset><legend>${q.type === 'multiple' ? 'Choose all that apply' : 'Choose one'}</legend>
      ${q.choicesHtml
        .map(
          (c, i) => `<label class="choice" data-choice="${i}"><input type="${kind}" name="${name}" value="${i}"
        aria-label="Choice ${String.fromCharCode(65 + i)}" aria-describedby="${name}-c${i} ${name}-m${i}"> <span id="${name}-c${i}">${c}</span>
        <span class="mark" id="${name}-m${i}"></span></label>`,
        )
        .join('')}
      </fieldset>`;
  }
  const tag =
    q.type === 'predict'
      ? `<p class="tag">Predict before you run <a href="#/lab/${esc(q.experiment)}">the experiment</a></p>${
          q.settings ? `<p class="predict-settings"><strong>The run this is about:</strong> ${esc(q.settings)}</p>` : ''
        }${q.quick ? `<p class="predict-quick"><strong>In quick mode:</strong> ${esc(q.quick)}</p>` : ''}`
      : '';
  const hint = q.hintHtml
    ? `<strong>Hint:</strong> ${q.hintHtml}`
    : '<strong>Hint:</strong> reread the section this question is about, then try again.';
  return `<li class="question" id="${name}" data-id="${esc(q.id)}" data-type="${q.type}">
    <form class="quiz-form" novalidate aria-labelledby="${name}-prompt">
      <div class="prompt" id="${name}-prompt"><span class="qnum">Question ${n}.</span> ${q.promptHtml}</div>
      ${tag}${input}
      <p class="field-error" role="alert"></p>
      <div class="quiz-actions"><button type="submit">Check answer</button>
        <button type="button" class="reveal" hidden>Show the explanation</button>
        <button type="button" class="retry" hidden>Try again</button></div>
      <div class="feedback" aria-live="polite" hidden>
        <p class="verdict" tabindex="-1"></p><p class="try-note"></p>
        <div class="hint" hidden>${hint}</div>
        <div class="explanation" hidden>${q.explanationHtml}</div>
        <p><a href="#/theory/${esc(q.section)}">Read the section on this</a></p>
      </div>
    </form></li>`;
}

const scoreText = (s) =>
  `First-try score: ${s.correct} of ${s.total} (${s.answered} answered). Only an answer right on the first try counts; ` +
  'one you get after a hint goes to the review list.';

export function mountQuiz(main, { quiz, progress, sections = [] }) {
  const titled = sections.filter((s) => quiz.some((q) => q.section === s.slug));
  for (const q of quiz)
    if (!titled.some((s) => s.slug === q.section)) titled.push({ slug: q.section, title: q.section });
  main.innerHTML = `<h1>Quiz</h1>
    <p class="lede">A wrong first answer gets a hint and another try; the explanation follows the second try, or
    whenever you ask for it. Questions are grouped by section; open one to answer it.</p>
    <div class="quiz-root"></div>`;
  mountQuestions(main.querySelector('.quiz-root'), { questions: quiz, progress, sections: titled });
}

// Renders questions with answer checking, persisted answers and a running score into `root`
// (the quiz page, or the predict-before-you-run questions of an experiment page). With
// `sections`, the questions are grouped into one collapsible part per section plus a review list.
/**
 * @param {any} root  the element to render into (untyped like the other views' DOM code)
 * @param {{questions: any[], progress: any, showScore?: boolean, sections?: {slug: string, title: string}[] | null}} options
 */
export function mountQuestions(root, { questions, progress, showScore: withScore = true, sections = null }) {
  let { data: record, notice } = progress.load();
  record = record ?? {};
  const number = new Map(questions.map((q, i) => [q.id, i + 1]));
  const list = (qs) => `<ol class="quiz">${qs.map((q) => questionHtml(q, number.get(q.id))).join('')}</ol>`;
  const firstOpen = sections?.find((s) => questions.some((q) => q.section === s.slug && !record[q.id]))?.slug;
  const body = sections
    ? sections
        .map(
          (s) => `<details class="quiz-section" data-section="${esc(s.slug)}" ${
            s.slug === (firstOpen ?? sections[0]?.slug) ? 'open' : ''
          }>
          <summary><span class="qs-title">${esc(s.title)}</span> <span class="qs-progress"></span></summary>
          ${list(questions.filter((q) => q.section === s.slug))}</details>`,
        )
        .join('')
    : list(questions);
  root.innerHTML = `
    ${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}
    ${withScore ? '<p class="score" aria-live="polite"></p>' : ''}
    ${sections ? '<section class="quiz-review" aria-labelledby="quiz-review-title" hidden><h2 id="quiz-review-title">Review: missed on the first try</h2><ul></ul></section>' : ''}
    ${body}`;
  const scoreEl = root.querySelector('.score');
  const refresh = () => {
    const s = quizScore(questions, record);
    if (scoreEl) scoreEl.textContent = scoreText(s);
    if (!sections) return;
    for (const sec of sections) {
      const qs = questions.filter((q) => q.section === sec.slug);
      const p = quizScore(qs, record);
      const el = root.querySelector(`.quiz-section[data-section="${CSS.escape(sec.slug)}"] .qs-progress`);
      if (el) el.textContent = `${p.answered} of ${p.total} answered · ${p.correct} right on the first try`;
    }
    const review = root.querySelector('.quiz-review');
    review.hidden = s.missed.length === 0;
    review.querySelector('ul').innerHTML = s.missed
      .map((id) => {
        const li = root.querySelector(`#q-${CSS.escape(id)}`);
        const prompt = li?.querySelector('.prompt')?.textContent?.replace(/\s+/g, ' ').trim() ?? id;
        const short = prompt.length > 110 ? `${prompt.slice(0, 107)}…` : prompt;
        return `<li><button type="button" class="link-button" data-goto="${esc(id)}">${esc(short)}</button></li>`;
      })
      .join('');
  };
  root.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const go = target.closest?.('[data-goto]');
    if (!(go instanceof HTMLElement)) return;
    const li = root.querySelector(`#q-${CSS.escape(go.dataset.goto ?? '')}`);
    const details = li?.closest('details');
    if (details) details.open = true;
    li?.scrollIntoView({ block: 'start' });
    /** @type {HTMLElement | null} */ (li?.querySelector('input:not([disabled]), .verdict') ?? null)?.focus();
  });

  // marks each option: after the first wrong try only the chosen ones, once explained all of them
  function mark(li, q, answer, stage) {
    if (q.type === 'numeric') return;
    const right = new Set(/** @type {number[]} */ ([]).concat(q.answer));
    const chosen = new Set(/** @type {number[]} */ ([]).concat(answer?.response ?? []));
    li.querySelectorAll('.choice').forEach((label) => {
      const i = Number(label.dataset.choice);
      const m = label.querySelector('.mark');
      let verdict = '';
      if (answer && chosen.has(i)) verdict = right.has(i) ? 'right' : 'wrong';
      else if (stage === 'explanation' && right.has(i)) verdict = 'missed';
      label.dataset.mark = verdict;
      m.textContent =
        verdict === 'right'
          ? '✓ right'
          : verdict === 'wrong'
            ? '✗ wrong'
            : verdict === 'missed'
              ? '✓ a right answer you did not choose'
              : '';
    });
  }

  function show(li, q, answer, { retrying = false } = {}) {
    const form = li.querySelector('form');
    const feedback = li.querySelector('.feedback');
    const inputs = form.querySelectorAll('input');
    const stage = feedbackStage(answer);
    li.dataset.stage = retrying ? 'retry' : stage;
    if (!answer || retrying) {
      li.querySelector('.retry').hidden = true;
      li.querySelector('.reveal').hidden = true;
      feedback.hidden = !answer;
      li.querySelector('.verdict').textContent = '';
      li.dataset.result = '';
      inputs.forEach((inp) => {
        inp.disabled = false;
        if (inp.type === 'text') inp.value = '';
        else inp.checked = false;
      });
      form.querySelector('button[type=submit]').disabled = false;
      if (!answer) mark(li, q, null, 'none');
      return;
    }
    // restore the learner's response into the inputs
    if (q.type === 'numeric') form.querySelector('input').value = String(answer.response);
    else {
      const chosen = new Set(/** @type {number[]} */ ([]).concat(answer.response));
      inputs.forEach((inp) => {
        inp.checked = chosen.has(Number(inp.value));
      });
    }
    inputs.forEach((inp) => {
      inp.disabled = true;
    });
    form.querySelector('button[type=submit]').disabled = true;
    li.querySelector('.retry').hidden = answer.correct;
    li.querySelector('.reveal').hidden = stage === 'explanation';
    li.dataset.result = answer.correct ? 'correct' : 'wrong';
    li.querySelector('.verdict').textContent = answer.correct ? 'Correct.' : 'Not quite.';
    const tries = answer.tries ?? 1;
    li.querySelector('.try-note').textContent = answer.correct
      ? tries > 1
        ? `Right on try ${tries}. The score counts first tries, so this question stays on your review list.`
        : 'Right on the first try.'
      : stage === 'hint'
        ? 'Read the hint, then try again; or ask for the explanation.'
        : '';
    li.querySelector('.hint').hidden = answer.correct && tries === 1;
    li.querySelector('.explanation').hidden = stage !== 'explanation';
    feedback.hidden = false;
    mark(li, q, answer, stage);
  }

  const save = (id, answer) => {
    record = { ...(progress.load().data ?? {}), [id]: answer };
    progress.save(record);
  };
  for (const q of questions) {
    const li = root.querySelector(`#q-${CSS.escape(q.id)}`);
    const form = li.querySelector('form');
    const error = li.querySelector('.field-error');
    show(li, q, record[q.id]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      let response;
      if (q.type === 'numeric') response = form.querySelector('input').value;
      else if (q.type === 'multiple')
        response = [...form.querySelectorAll('input:checked')].map((i) => Number(i.value));
      else {
        const picked = form.querySelector('input:checked');
        response = picked ? Number(picked.value) : null;
      }
      const result = checkAnswer(q, response);
      error.textContent = result.ok ? '' : result.error;
      if (!result.ok) return;
      save(q.id, recordAnswer(progress.load().data?.[q.id], result));
      show(li, q, record[q.id]);
      refresh();
      // the submit button is now disabled: move focus to the verdict rather than losing it to the page
      li.querySelector('.verdict').focus();
    });
    li.querySelector('.retry').addEventListener('click', () => {
      show(li, q, record[q.id], { retrying: true });
      form.querySelector('input')?.focus();
    });
    li.querySelector('.reveal').addEventListener('click', () => {
      const answer = progress.load().data?.[q.id];
      if (!answer) return;
      save(q.id, { ...answer, explained: true });
      show(li, q, record[q.id]);
      /** @type {HTMLElement} */ (li.querySelector('.explanation')).setAttribute('tabindex', '-1');
      /** @type {HTMLElement} */ (li.querySelector('.explanation')).focus();
    });
  }
  refresh();
}

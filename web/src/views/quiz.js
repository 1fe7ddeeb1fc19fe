// @ts-check
// The quiz page: questions rendered from the course, answers checked by state/quiz.js. A first
// wrong try gets a hint and marks the options chosen; the explanation comes after a second try or
// on request; the score counts first tries only. The page is split by theory section, each with
// its progress, and lists the questions missed on the first try for review.
import { checkAnswer, quizScore, recordAnswer, feedbackStage } from '../state/quiz.js';
import { esc } from './format.js';
import { ENGLISH, say } from '../i18n/translate.js';

/** @typedef {import('../i18n/translate.js').I18n} I18n */

/**
 * What a predict question is about: the run's settings, and what quick mode shows of it. With
 * `quick_answers: false` in the question's data, quick mode cannot answer it as asked, and the
 * note says so. On an experiment page the quick-mode note shows only while quick mode is chosen
 * (setPredictMode); on the quiz page both always show.
 * @param {any} q a question as the course builds it (settingsHtml, quickHtml rendered from its text)
 * @param {I18n} [i18n]
 */
export function predictNotesHtml(q, { t } = ENGLISH) {
  if (q.type !== 'predict') return '';
  const answers = q.quick_answers !== false;
  const settings = q.settingsHtml
    ? `<p class="predict-settings"><strong>${esc(t('quiz.settings'))}</strong> ${q.settingsHtml}</p>`
    : '';
  const quick = q.quickHtml
    ? `<p class="predict-quick" data-answers="${answers}"><strong>${esc(
        t(answers ? 'quiz.quick' : 'quiz.quickCannot'),
      )}</strong> ${q.quickHtml}</p>`
    : '';
  return settings + quick;
}

/**
 * Tells the predict questions in `root` which mode the experiment page runs in: in default mode the
 * quick-mode notes are hidden (styles.css), in quick mode they show beside their questions.
 * @param {Element | null} root @param {boolean} quick
 */
export function setPredictMode(root, quick) {
  root?.setAttribute('data-mode', quick ? 'quick' : 'default');
}

/**
 * Shows or hides one part of a question's feedback (its hint, its explanation), writing the part's
 * HTML in the first time it shows: an explanation is often most of a question's elements (its
 * maths), and a page opens with every part hidden, so none is made before it is needed.
 * @param {{hidden: boolean, innerHTML: string, firstChild: unknown}} el an empty element at first
 * @param {string} html the part's content
 * @param {boolean} shown
 */
export function showFeedbackPart(el, html, shown) {
  if (shown && !el.firstChild) el.innerHTML = html;
  el.hidden = !shown;
}

/** The HTML of a question's hint (the course's, or the catalogue's general one). @param {any} q @param {I18n} i18n */
const hintHtml = (q, { t }) => `<strong>${esc(t('quiz.hint'))}</strong> ${q.hintHtml ?? esc(t('quiz.defaultHint'))}`;

/** @param {any} q @param {number | undefined} n @param {I18n} i18n */
function questionHtml(q, n, i18n) {
  const { t, html } = i18n;
  const name = `q-${q.id}`;
  let input;
  if (q.type === 'numeric') {
    input = `<label for="${name}-value">${esc(t('quiz.numericLabel', { examples: t('quiz.numericExamples') }))}</label>
      <input id="${name}-value" name="${name}" type="text" inputmode="text" autocomplete="off" spellcheck="false">`;
  } else {
    const kind = q.type === 'multiple' ? 'checkbox' : 'radio';
    input = `<fieldset><legend>${esc(t(q.type === 'multiple' ? 'quiz.chooseAll' : 'quiz.chooseOne'))}</legend>
      ${q.choicesHtml
        .map(
          (c, i) => `<label class="choice" data-choice="${i}"><input type="${kind}" name="${name}" value="${i}"
        aria-label="${esc(t('quiz.choice', { letter: String.fromCharCode(65 + i) }))}" aria-describedby="${name}-c${i} ${name}-m${i}"> <span id="${name}-c${i}">${c}</span>
        <span class="mark" id="${name}-m${i}"></span></label>`,
        )
        .join('')}
      </fieldset>`;
  }
  const tag =
    q.type === 'predict'
      ? `<p class="tag">${html('quiz.predict', { link: `<a href="#/lab/${esc(q.experiment)}">${esc(t('quiz.theExperiment'))}</a>` })}</p>${predictNotesHtml(q, i18n)}`
      : '';
  return `<li class="question" id="${name}" data-id="${esc(q.id)}" data-type="${q.type}">
    <form class="quiz-form" novalidate aria-labelledby="${name}-prompt">
      <div class="prompt" id="${name}-prompt"><span class="qnum">${esc(t('quiz.question', { n: n ?? '' }))}</span> ${q.promptHtml}</div>
      ${tag}${input}
      <p class="field-error" role="alert"></p>
      <div class="quiz-actions"><button type="submit">${esc(t('quiz.check'))}</button>
        <button type="button" class="reveal" hidden>${esc(t('quiz.reveal'))}</button>
        <button type="button" class="retry" hidden>${esc(t('quiz.retry'))}</button></div>
      <div class="feedback" aria-live="polite" hidden>
        <p class="verdict" tabindex="-1"></p><p class="try-note"></p>
        <div class="hint" hidden></div>
        <div class="explanation" hidden></div>
        <p><a href="#/theory/${esc(q.section)}">${esc(t('quiz.readSection'))}</a></p>
      </div>
    </form></li>`;
}

/** @param {any} main @param {{quiz: any[], progress: any, sections?: {slug: string, title: string}[], i18n?: I18n}} options */
export function mountQuiz(main, { quiz, progress, sections = [], i18n = ENGLISH }) {
  const { t } = i18n;
  const titled = sections.filter((s) => quiz.some((q) => q.section === s.slug));
  for (const q of quiz)
    if (!titled.some((s) => s.slug === q.section)) titled.push({ slug: q.section, title: q.section });
  main.innerHTML = `<h1>${esc(t('quiz.title'))}</h1>
    <p class="lede">${esc(t('quiz.lede'))}</p>
    <div class="quiz-root"></div>`;
  mountQuestions(main.querySelector('.quiz-root'), { questions: quiz, progress, sections: titled, i18n });
}

// Renders questions with answer checking, persisted answers and a running score into `root`
// (the quiz page, or the predict-before-you-run questions of an experiment page). With
// `sections`, the questions are grouped into one collapsible part per section plus a review list.
/**
 * @param {any} root  the element to render into (untyped like the other views' DOM code)
 * @param {{questions: any[], progress: any, showScore?: boolean, sections?: {slug: string, title: string}[] | null, i18n?: I18n}} options
 */
export function mountQuestions(
  root,
  { questions, progress, showScore: withScore = true, sections = null, i18n = ENGLISH },
) {
  const { t } = i18n;
  // a language that writes 0,5 reads a comma in a numeric answer as the decimal mark
  const decimalComma = i18n.number(0.5).includes(',');
  let { data: record, notice } = progress.load();
  record = record ?? {};
  const number = new Map(questions.map((q, i) => [q.id, i + 1]));
  const list = (qs) => `<ol class="quiz">${qs.map((q) => questionHtml(q, number.get(q.id), i18n)).join('')}</ol>`;
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
    ${notice ? `<p class="notice" role="status">${esc(say(notice, i18n))}</p>` : ''}
    ${withScore ? '<p class="score" aria-live="polite"></p>' : ''}
    ${sections ? `<section class="quiz-review" aria-labelledby="quiz-review-title" hidden><h2 id="quiz-review-title">${esc(t('quiz.reviewTitle'))}</h2><ul></ul></section>` : ''}
    ${body}`;
  const scoreEl = root.querySelector('.score');
  const refresh = () => {
    const s = quizScore(questions, record);
    if (scoreEl) scoreEl.textContent = t('quiz.score', s);
    if (!sections) return;
    for (const sec of sections) {
      const qs = questions.filter((q) => q.section === sec.slug);
      const p = quizScore(qs, record);
      const el = root.querySelector(`.quiz-section[data-section="${CSS.escape(sec.slug)}"] .qs-progress`);
      if (el) el.textContent = t('quiz.sectionProgress', p);
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
      const markKey = { right: 'quiz.markRight', wrong: 'quiz.markWrong', missed: 'quiz.markMissed' }[verdict];
      m.textContent = markKey ? t(markKey) : '';
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
    if (q.type === 'numeric') form.querySelector('input').value = i18n.number(answer.response, 10);
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
    li.querySelector('.verdict').textContent = t(answer.correct ? 'quiz.correct' : 'quiz.notQuite');
    const tries = answer.tries ?? 1;
    li.querySelector('.try-note').textContent = answer.correct
      ? tries > 1
        ? t('quiz.rightOnTry', { tries })
        : t('quiz.rightFirst')
      : stage === 'hint'
        ? t('quiz.readHint')
        : '';
    showFeedbackPart(li.querySelector('.hint'), hintHtml(q, i18n), !(answer.correct && tries === 1));
    showFeedbackPart(li.querySelector('.explanation'), q.explanationHtml, stage === 'explanation');
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
      const result = checkAnswer(q, response, { decimalComma });
      error.textContent = result.ok
        ? ''
        : t(`quiz.error.${result.code}`, {
            ...result.params,
            examples: t('quiz.error.notNumberExamples'),
          });
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

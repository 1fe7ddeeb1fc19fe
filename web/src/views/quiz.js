// @ts-check
// The quiz page: questions rendered from the course, answers checked by state/quiz.js,
// explanation and section link after answering, score and answers persisted, retry any question.
import { checkAnswer, quizScore } from '../state/quiz.js';
import { esc } from './format.js';

function questionHtml(q, n) {
  const name = `q-${q.id}`;
  let input;
  if (q.type === 'numeric') {
    input = `<label for="${name}-value">Your answer</label>
      <input id="${name}-value" name="${name}" type="text" inputmode="decimal" autocomplete="off">`;
  } else {
    const kind = q.type === 'multiple' ? 'checkbox' : 'radio';
    input = `<fieldset><legend>${q.type === 'multiple' ? 'Choose all that apply' : 'Choose one'}</legend>
      ${q.choicesHtml
        .map(
          (c, i) => `<label class="choice"><input type="${kind}" name="${name}" value="${i}"
        aria-label="Choice ${String.fromCharCode(65 + i)}" aria-describedby="${name}-c${i}"> <span id="${name}-c${i}">${c}</span></label>`,
        )
        .join('')}
      </fieldset>`;
  }
  const tag =
    q.type === 'predict'
      ? `<p class="tag">Predict before you run <a href="#/lab/${esc(q.experiment)}">the experiment</a></p>`
      : '';
  return `<li class="question" id="${name}" data-id="${esc(q.id)}" data-type="${q.type}">
    <form class="quiz-form" novalidate aria-labelledby="${name}-prompt">
      <div class="prompt" id="${name}-prompt"><span class="qnum">Question ${n}.</span> ${q.promptHtml}</div>
      ${tag}${input}
      <p class="field-error" role="alert"></p>
      <div class="quiz-actions"><button type="submit">Check answer</button>
        <button type="button" class="retry" hidden>Try again</button></div>
      <div class="feedback" aria-live="polite" hidden>
        <p class="verdict" tabindex="-1"></p><div class="explanation">${q.explanationHtml}</div>
        <p><a href="#/theory/${esc(q.section)}">Read the section on this</a></p>
      </div>
    </form></li>`;
}

export function mountQuiz(main, { quiz, progress }) {
  main.innerHTML = '<h1>Quiz</h1><div class="quiz-root"></div>';
  mountQuestions(main.querySelector('.quiz-root'), { questions: quiz, progress });
}

// Renders questions with answer checking, persisted answers and a running score into `root`
// (the quiz page, or the predict-before-you-run questions of an experiment page).
export function mountQuestions(root, { questions, progress, showScore: withScore = true }) {
  let { data: record, notice } = progress.load();
  record = record ?? {};

  root.innerHTML = `
    ${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}
    ${withScore ? '<p class="score" aria-live="polite"></p>' : ''}
    <ol class="quiz">${questions.map((q, i) => questionHtml(q, i + 1)).join('')}</ol>`;
  const scoreEl = root.querySelector('.score');
  const showScore = () => {
    if (!scoreEl) return;
    const s = quizScore(questions, record);
    scoreEl.textContent = `Score: ${s.correct} of ${s.total} correct (${s.answered} answered).`;
  };
  function show(li, q, answer) {
    const form = li.querySelector('form');
    const feedback = li.querySelector('.feedback');
    if (!answer) {
      feedback.hidden = true;
      li.querySelector('.retry').hidden = true;
      li.dataset.result = '';
      form.querySelectorAll('input').forEach((inp) => {
        inp.disabled = false;
        if (inp.type === 'text') inp.value = '';
        else inp.checked = false;
      });
      form.querySelector('button[type=submit]').disabled = false;
      return;
    }
    // restore the learner's response into the inputs
    if (q.type === 'numeric') form.querySelector('input').value = String(answer.response);
    else {
      const chosen = new Set(/** @type {number[]} */ ([]).concat(answer.response));
      form.querySelectorAll('input').forEach((inp) => {
        inp.checked = chosen.has(Number(inp.value));
      });
    }
    form.querySelectorAll('input').forEach((inp) => {
      inp.disabled = true;
    });
    form.querySelector('button[type=submit]').disabled = true;
    li.querySelector('.retry').hidden = false;
    li.dataset.result = answer.correct ? 'correct' : 'wrong';
    li.querySelector('.verdict').textContent = answer.correct ? 'Correct.' : 'Not quite.';
    feedback.hidden = false;
  }

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
      record = { ...(progress.load().data ?? {}), [q.id]: { response: result.response, correct: result.correct } };
      progress.save(record);
      show(li, q, record[q.id]);
      showScore();
      // the submit button is now disabled: move focus to the verdict rather than losing it to the page
      li.querySelector('.verdict').focus();
    });
    li.querySelector('.retry').addEventListener('click', () => {
      record = { ...(progress.load().data ?? {}) };
      delete record[q.id];
      progress.save(record);
      show(li, q, null);
      showScore();
      form.querySelector('input')?.focus();
    });
  }
  showScore();
}

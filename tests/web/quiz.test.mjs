// The quiz that teaches, as state: numeric answers as simple expressions (no eval), a first
// wrong try leads to a hint, the explanation after a second try, and only first tries score.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAnswer,
  parseNumberExpression,
  recordAnswer,
  feedbackStage,
  quizScore,
  isValidQuizRecord,
} from '../../web/src/state/quiz.js';

test('numeric answers accept fractions, powers, exponents and roots', () => {
  const cases = {
    '1/6': 1 / 6,
    '2^-3': 0.125,
    '1e-5': 1e-5,
    'sqrt(2)/2': Math.SQRT1_2,
    '√2': Math.SQRT2,
    '-(3 + 1) * 2': -8,
    '-2^2': -4,
    '2^3^2': 512,
    '(2 - 2^-10) * 2^15': 65504,
    '1/sqrt(1e-4)': 100,
    '1,536': 1536,
    '.5': 0.5,
    '3 × 2': 6,
  };
  for (const [text, value] of Object.entries(cases)) {
    const got = parseNumberExpression(text);
    assert.ok(got !== null && Math.abs(got - value) <= 1e-12 * Math.abs(value), `${text} -> ${got}, want ${value}`);
  }
  for (const bad of ['', 'abc', '1/', '2^', '(1', 'sqrt', 'alert(1)', '1/0', 'constructor', '3e', '1..2'])
    assert.equal(parseNumberExpression(bad), null, `"${bad}" is refused`);
});

test('1/6 is accepted where 0.1667 is', () => {
  const q = { type: 'numeric', answer: 0.1667, tolerance: 0.002 };
  assert.equal(checkAnswer(q, '0.1667').correct, true);
  assert.equal(checkAnswer(q, '1/6').correct, true);
  assert.equal(checkAnswer(q, '1/5').correct, false);
  assert.match(checkAnswer(q, 'one sixth').error, /not a number or a simple expression/);
});

test('in a language that writes 0,5 a comma is the decimal mark, and a point still is one', () => {
  const es = { decimalComma: true };
  assert.equal(parseNumberExpression('0,5', es), 0.5);
  assert.equal(parseNumberExpression('0.5', es), 0.5);
  assert.equal(parseNumberExpression('2,75 * 2', es), 5.5);
  assert.equal(parseNumberExpression('1,5e-3', es), 1.5e-3);
  assert.equal(parseNumberExpression('1.000,5', es), null, 'a grouped number is refused, not misread');
  // in English a comma groups thousands: "0,5" is not one half (the bug this option fixes in Spanish)
  assert.equal(parseNumberExpression('0,5'), 5);
  const q = { type: 'numeric', answer: 0.5, tolerance: 0 };
  assert.equal(checkAnswer(q, '0,5', es).correct, true);
  assert.equal(checkAnswer(q, '0,5').correct, false);
  const refused = checkAnswer(q, 'medio', es);
  assert.equal(refused.ok, false);
  assert.equal(refused.code, 'notNumber');
  assert.deepEqual(refused.params, { response: 'medio' });
});

test('wrong then right: a hint first, the explanation after, scored as missed', () => {
  const q = { id: 'a', type: 'single', answer: 1 };
  const first = recordAnswer(undefined, checkAnswer(q, 0));
  assert.deepEqual(first, { response: 0, correct: false, tries: 1, firstTry: false, explained: false });
  assert.equal(feedbackStage(first), 'hint');
  const second = recordAnswer(first, checkAnswer(q, 1));
  assert.equal(second.tries, 2);
  assert.equal(second.correct, true);
  assert.equal(second.firstTry, false, 'a right second try does not make the first one right');
  assert.equal(feedbackStage(second), 'explanation');
  // a second wrong try also brings the explanation
  assert.equal(feedbackStage(recordAnswer(first, checkAnswer(q, 2))), 'explanation');
  // the explanation on request
  assert.equal(feedbackStage({ ...first, explained: true }), 'explanation');
  const right = recordAnswer(undefined, checkAnswer({ id: 'b', type: 'single', answer: 0 }, 0));
  assert.equal(right.firstTry, true);
  const s = quizScore([q, { id: 'b' }, { id: 'c' }], { a: second, b: right });
  assert.deepEqual(s, { answered: 2, correct: 1, missed: ['a'], total: 3 });
  assert.equal(isValidQuizRecord({ a: second, b: right }), true);
  assert.equal(isValidQuizRecord({ a: { ...second, tries: 0 } }), false);
});

test('records saved before tries were counted still load and score as they were', () => {
  const old = { a: { correct: true, response: 1 }, b: { correct: false, response: 0 } };
  assert.equal(isValidQuizRecord(old), true);
  assert.deepEqual(quizScore([{ id: 'a' }, { id: 'b' }], old), { answered: 2, correct: 1, missed: ['b'], total: 2 });
  const next = recordAnswer(old.b, { response: 1, correct: true });
  assert.equal(next.tries, 2);
  assert.equal(next.firstTry, false);
});

test('a predict question states its run, and says when quick mode cannot answer it', async () => {
  const { predictNotesHtml } = await import('../../web/src/views/quiz.js');
  const q = {
    type: 'predict',
    settingsHtml: 'depths 4, 8 and 12, 400 steps',
    quickHtml: 'quick mode runs depths 2 and 4',
  };
  const answers = predictNotesHtml(q);
  assert.match(answers, /class="predict-settings"><strong>The run this is about:<\/strong> depths 4, 8 and 12/);
  assert.match(answers, /class="predict-quick" data-answers="true"><strong>In quick mode:<\/strong> quick mode runs/);
  const cannot = predictNotesHtml({ ...q, quick_answers: false });
  assert.match(cannot, /data-answers="false"><strong>Quick mode cannot answer this as asked:<\/strong>/);
  assert.equal(predictNotesHtml({ ...q, type: 'single' }), '');
  assert.doesNotMatch(predictNotesHtml({ type: 'predict', settingsHtml: 'S' }), /predict-quick/);
});

test("a question's hint and explanation are written in the first time they show, and only then", async () => {
  const { showFeedbackPart } = await import('../../web/src/views/quiz.js');
  // an element as far as showFeedbackPart uses one: writing HTML gives it a first child
  let writes = 0;
  const el = {
    hidden: true,
    firstChild: /** @type {unknown} */ (null),
    content: '',
    get innerHTML() {
      return this.content;
    },
    set innerHTML(html) {
      writes++;
      this.content = html;
      this.firstChild = html ? {} : null;
    },
  };
  showFeedbackPart(el, '<b>why</b>', false);
  assert.deepEqual([el.hidden, el.innerHTML, writes], [true, '', 0], 'hidden: nothing made');
  showFeedbackPart(el, '<b>why</b>', true);
  assert.deepEqual([el.hidden, el.innerHTML, writes], [false, '<b>why</b>', 1], 'shown: written');
  showFeedbackPart(el, '<b>why</b>', false);
  showFeedbackPart(el, '<b>why</b>', true);
  assert.deepEqual([el.hidden, el.innerHTML, writes], [false, '<b>why</b>', 1], 'shown again: kept, not rewritten');
});

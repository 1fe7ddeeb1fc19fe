// @ts-check
// Quiz logic as data: checking an answer, and the persisted record of what the learner answered.
// No DOM here; the quiz view draws from it.

export const QUIZ_STORE_VERSION = 1;

// One answer record: {response, correct (the latest try), tries, firstTry (right on the first try),
// explained (the explanation was shown)}. Records from before tries were kept count as one try.
export function isValidQuizRecord(data) {
  return (
    !!data &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Object.values(data).every(
      (a) =>
        a &&
        typeof a === 'object' &&
        typeof a.correct === 'boolean' &&
        'response' in a &&
        (a.tries === undefined || (Number.isInteger(a.tries) && a.tries >= 1)) &&
        (a.firstTry === undefined || typeof a.firstTry === 'boolean'),
    )
  );
}

// A small, safe arithmetic parser for numeric answers (no eval): numbers (1e-5, .5), + - * / ^,
// parentheses, sqrt/exp/ln/log10, pi. "2^-3", "1/6", "sqrt(2)/2". Returns a number or null.
// A comma is a thousands separator ("1,000"), dropped; with `decimalComma` (a language that
// writes 0,5, such as Spanish) it is the decimal mark instead, and a point is one too ("0.5").
/** @param {unknown} input @param {{decimalComma?: boolean}} [options] */
export function parseNumberExpression(input, { decimalComma = false } = {}) {
  const src = String(input ?? '')
    .replace(/\s/g, '')
    .replace(/,/g, decimalComma ? '.' : '')
    .replace(/[×·]/g, '*')
    .replace(/[−–]/g, '-')
    .replace(/√/g, 'sqrt')
    .replace(/\*\*/g, '^')
    .toLowerCase();
  const FUNCS = { sqrt: Math.sqrt, exp: Math.exp, ln: Math.log, log10: Math.log10 };
  let i = 0;
  /** @returns {never} */
  function fail() {
    throw new SyntaxError('bad expression');
  }
  const eat = (c) => (src[i] === c ? (i++, true) : false);
  function atom() {
    const num = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    if (eat('(')) {
      const v = expr();
      if (!eat(')')) fail();
      return v;
    }
    const name = /^(sqrt|exp|ln|log10|pi)/.exec(src.slice(i));
    if (!name) fail();
    i += name[0].length;
    if (name[0] === 'pi') return Math.PI;
    const f = FUNCS[name[0]];
    if (!eat('(')) return f(atom()); // √2, sqrt2
    const v = expr();
    if (!eat(')')) fail();
    return f(v);
  }
  function power() {
    const base = atom();
    return eat('^') ? base ** unary() : base; // right-associative, 2^-3 allowed
  }
  function unary() {
    if (eat('-')) return -unary();
    if (eat('+')) return unary();
    return power();
  }
  function term() {
    let v = unary();
    for (;;) {
      if (eat('*')) v *= unary();
      else if (eat('/')) v /= unary();
      else return v;
    }
  }
  function expr() {
    let v = term();
    for (;;) {
      if (eat('+')) v += term();
      else if (eat('-')) v -= term();
      else return v;
    }
  }
  if (src === '') return null;
  try {
    const v = expr();
    return i === src.length && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

// response: index (single/predict), array of indices (multiple), string/number (numeric).
// -> {ok: true, correct: boolean, response} | {ok: false, error, code, params}: `error` in English,
// `code` and `params` for the view's catalogue ("quiz.error.<code>"). decimalComma: see
// parseNumberExpression.
/** @param {any} question @param {any} response @param {{decimalComma?: boolean}} [options] */
export function checkAnswer(question, response, { decimalComma = false } = {}) {
  const refuse = (code, error, params = {}) => ({ ok: false, error, code, params });
  switch (question.type) {
    case 'single':
    case 'predict':
      if (!Number.isInteger(response)) return refuse('chooseOne', 'Choose one answer.');
      return { ok: true, correct: response === question.answer, response };
    case 'multiple': {
      if (!Array.isArray(response) || response.length === 0) return refuse('chooseSome', 'Choose at least one answer.');
      return { ok: true, correct: sameSet(response, question.answer), response: [...response].sort((a, b) => a - b) };
    }
    case 'numeric': {
      const text = String(response ?? '').trim();
      if (text === '') return refuse('typeNumber', 'Type a number.');
      const value = parseNumberExpression(text, { decimalComma });
      if (value === null)
        return refuse(
          'notNumber',
          `"${response}" is not a number or a simple expression (like 0.25, 1/4, 2^-2, 1e-5 or sqrt(2)/2).`,
          { response: String(response) },
        );
      const tol = Number(question.tolerance ?? 0);
      return {
        ok: true,
        correct: Math.abs(value - Number(question.answer)) <= tol + 1e-12 * Math.abs(question.answer),
        response: value,
      };
    }
    default:
      return refuse('unknownType', `Unknown question type ${question.type}.`, { type: String(question.type) });
  }
}

// The next record after a checked answer: tries counted, the first try's result kept for the score.
export function recordAnswer(previous, result) {
  const tries = (previous?.tries ?? (previous ? 1 : 0)) + 1;
  const firstTry = previous ? (previous.firstTry ?? previous.correct) : result.correct;
  return {
    response: result.response,
    correct: result.correct,
    tries,
    firstTry,
    explained: !!previous?.explained || result.correct || tries >= 2,
  };
}

// What the learner sees after an answer: the hint after a first wrong try, the explanation after
// a right answer, a second try, or on request.
export function feedbackStage(answer) {
  if (!answer) return 'none';
  if (answer.correct || answer.explained) return 'explanation';
  return 'hint';
}

// The score counts first tries only: an answer right after a hint teaches, it does not score.
export function quizScore(questions, record) {
  const answered = questions.filter((q) => record?.[q.id]);
  const first = (q) => record[q.id].firstTry ?? record[q.id].correct;
  return {
    answered: answered.length,
    correct: answered.filter(first).length,
    missed: answered.filter((q) => !first(q)).map((q) => q.id),
    total: questions.length,
  };
}

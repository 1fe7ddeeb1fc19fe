// @ts-check
// Quiz logic as data: checking an answer, and the persisted record of what the learner answered.
// No DOM here; the quiz view draws from it.

export const QUIZ_STORE_VERSION = 1;

export function isValidQuizRecord(data) {
  return (
    !!data &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Object.values(data).every((a) => a && typeof a === 'object' && typeof a.correct === 'boolean' && 'response' in a)
  );
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

// response: index (single/predict), array of indices (multiple), string/number (numeric).
// -> {ok: true, correct: boolean, response} | {ok: false, error}
export function checkAnswer(question, response) {
  switch (question.type) {
    case 'single':
    case 'predict':
      if (!Number.isInteger(response)) return { ok: false, error: 'Choose one answer.' };
      return { ok: true, correct: response === question.answer, response };
    case 'multiple': {
      if (!Array.isArray(response) || response.length === 0) return { ok: false, error: 'Choose at least one answer.' };
      return { ok: true, correct: sameSet(response, question.answer), response: [...response].sort((a, b) => a - b) };
    }
    case 'numeric': {
      const text = String(response ?? '')
        .trim()
        .replace(/,/g, '');
      if (text === '') return { ok: false, error: 'Type a number.' };
      const value = Number(text);
      if (!Number.isFinite(value)) return { ok: false, error: `"${response}" is not a number.` };
      const tol = Number(question.tolerance ?? 0);
      return {
        ok: true,
        correct: Math.abs(value - Number(question.answer)) <= tol + 1e-12 * Math.abs(question.answer),
        response: value,
      };
    }
    default:
      return { ok: false, error: `Unknown question type ${question.type}.` };
  }
}

export function quizScore(questions, record) {
  const answered = questions.filter((q) => record?.[q.id]);
  return {
    answered: answered.length,
    correct: answered.filter((q) => record[q.id].correct).length,
    total: questions.length,
  };
}

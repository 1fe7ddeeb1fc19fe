// @ts-check
// The learner's own training text: what makes a chosen file unusable, said in words that fit
// after its name ("Your file "x.txt" is empty"). Empty: nothing but whitespace. Not text: NUL
// bytes, or more than 1 % of characters that did not decode as UTF-8 (an image, a PDF).
export function userTextProblem(text) {
  if (!text.trim()) return 'is empty';
  const undecodable = text.match(/\uFFFD/g)?.length ?? 0;
  if (text.includes('\0') || undecodable > text.length / 100) return 'does not look like plain text';
  return '';
}

// Grading one answer: single and judge exact, multiple the exact set (no partial credit), fill any accepted text after
// trimming, full-width → half-width and ignoring case.
import type { QuestionKind } from './tables.js';

/** NFKC turns full-width letters, digits and punctuation into their half-width forms. */
export const normaliseFill = (s: string): string => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export function isCorrect(kind: QuestionKind, answer: readonly string[], given: readonly string[] | null): boolean {
  if (!given || given.length === 0) return false;
  if (kind === 'fill') {
    const accepted = new Set(answer.map(normaliseFill));
    return given.length >= 1 && accepted.has(normaliseFill(given[0]!));
  }
  const want = [...new Set(answer.map((a) => a.trim().toUpperCase()))].sort();
  const got = [...new Set(given.map((g) => g.trim().toUpperCase()))].sort();
  if (kind !== 'multiple' && got.length !== 1) return false;
  return want.length === got.length && want.every((w, i) => w === got[i]);
}

/** What a learner may send for a question: option keys of the question, T/F for judge, one text for fill; else null. */
export function cleanAnswer(kind: QuestionKind, optionKeys: readonly string[], given: readonly string[]): string[] | null {
  const g = given.map((x) => x.trim()).filter((x) => x !== '');
  if (g.length === 0) return [];
  if (kind === 'fill') return g.length === 1 ? g : null;
  const keys = [...new Set(g.map((x) => x.toUpperCase()))].sort();
  if (kind === 'judge') return keys.length === 1 && (keys[0] === 'T' || keys[0] === 'F') ? keys : null;
  if (kind === 'single' && keys.length !== 1) return null;
  return keys.every((k) => optionKeys.includes(k)) ? keys : null;
}

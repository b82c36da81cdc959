// The one tokeniser of platform/search, used for documents and queries on both dialects, so that what
// PostgreSQL and SQLite find is the same. Chinese has no spaces between words, so instead of guessing
// words we index every pair of neighbouring characters (bigrams): a query of n ≥ 2 characters is the
// phrase of its n − 1 bigrams, which matches exactly the texts that contain it as a substring.

/** Longest query term, in characters; longer terms keep their first MAX_TERM_CHARS characters. */
export const MAX_TERM_CHARS = 32;
/** At most this many terms of a query are used (each one is AND-ed), so a pasted paragraph stays cheap. */
export const MAX_TERMS = 16;
/** Characters of a document (title + body) indexed; the rest of a very long text is not searchable. */
export const MAX_INDEXED_CHARS = 300_000;

const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** NFKC folds full-width digits and letters (２０２４, ＡＢＣ) and compatibility forms; then lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The runs of a text: maximal stretches of letters and digits (any script), each as an array of
 * characters (code points, so CJK extension characters outside the BMP stay whole). Punctuation,
 * spaces and symbols only separate runs.
 */
export function textRuns(text: string, maxChars = MAX_INDEXED_CHARS): string[][] {
  const out: string[][] = [];
  let budget = maxChars;
  for (const part of normalize(text).split(SEPARATORS)) {
    if (!part || budget <= 0) continue;
    const chars = Array.from(part);
    const run = chars.length > budget ? chars.slice(0, budget) : chars;
    budget -= run.length;
    out.push(run);
  }
  return out;
}

/** Token i of a run: the bigram starting at character i, or the last character alone. */
export function runToken(run: readonly string[], i: number): string {
  return i < run.length - 1 ? run[i]! + run[i + 1]! : run[i]!;
}

/**
 * Tokens of one run, in order: every overlapping bigram, then the last character alone
 * ("消防安全" → 消防 防安 安全 全; "党" → 党). The trailing single makes every character of the run the
 * start of exactly one token, so a one-character query (a prefix match) finds every occurrence, and it
 * keeps a phrase from running on into the next run.
 */
export function runTokens(run: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < run.length; i++) out.push(runToken(run, i));
  return out;
}

/** Every token of a text, runs one after another. */
export function tokenize(text: string, maxChars = MAX_INDEXED_CHARS): string[] {
  return textRuns(text, maxChars).flatMap(runTokens);
}

/** One term of a query: a phrase of consecutive bigrams (two or more characters) or a one-character prefix. */
export type QueryTerm = { kind: 'phrase'; tokens: string[] } | { kind: 'prefix'; char: string };

/**
 * The terms of a user's query, split by the same separators as documents; all of them must match.
 * Empty when nothing searchable is left (only punctuation or spaces). Repeated terms are dropped.
 */
export function queryTerms(query: string): QueryTerm[] {
  const out: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const full of textRuns(query, MAX_TERM_CHARS * MAX_TERMS * 4)) {
    const run = full.slice(0, MAX_TERM_CHARS);
    const key = run.join('');
    if (seen.has(key)) continue;
    seen.add(key);
    if (run.length === 1) out.push({ kind: 'prefix', char: run[0]! });
    else out.push({ kind: 'phrase', tokens: runTokens(run).slice(0, -1) });
    if (out.length === MAX_TERMS) break;
  }
  return out;
}

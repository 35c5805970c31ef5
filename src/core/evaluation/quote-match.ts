/**
 * Finding the judge's quote in what the candidate said, so that what is stored and shown is the
 * candidate's own words (their casing and punctuation), never the model's version of them.
 *
 * Matching is by words: both sides are split into words (letters and digits; an apostrophe
 * inside a word is dropped, so "don’t" = "don't" = "dont"), lower-cased without accents, and the quote's words
 * must appear consecutively in one answer. So changes of case, whitespace, punctuation and quote
 * marks (smart quotes, backticks) still match; a changed or missing word does not.
 * A "first … last" quote (ellipsis "…", "..." or "[...]") matches when every part is found in
 * order in the same answer, at most MAX_ELLIPSIS_GAP words apart.
 */

/** Words the judge may leave out between two parts of an ellipsis quote. */
export const MAX_ELLIPSIS_GAP = 40;
/** A quote shorter than this (in words, unless it has MIN_QUOTE_CHARS letters) is too generic to show anything. */
export const MIN_QUOTE_WORDS = 3;
export const MIN_QUOTE_CHARS = 12;
/** Each part of an ellipsis quote must have this many words: "I … it" would match anything. */
const MIN_PART_WORDS = 2;

interface Word {
  norm: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’‘`ʼ][\p{L}\p{M}\p{N}]+)*/gu;
const APOSTROPHES = /['’‘`ʼ]/g;
/** Characters kept with a matched span when they touch it: "40%", "$5", "C++", "p99" (not sentence punctuation or quote marks). */
const ATTACHED = /[^\s.,;:!?"'“”‘’`«»()[\]{}…]/u;

function words(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({
    // NFKD then no marks: "résumé" = "resume", full-width letters = ASCII ones.
    norm: m[0].normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(APOSTROPHES, ''),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The parts of a quote split at ellipses, each as normalised words (empty parts dropped). */
function quoteParts(quote: string): string[][] {
  return quote
    .split(/\s*(?:\[\s*(?:\.\s*){3}\]|…|\.{3,}|\(\s*(?:\.\s*){3}\))\s*/u)
    .map((part) => words(part).map((w) => w.norm))
    .filter((part) => part.length > 0);
}

/** Index of the first occurrence of `part` in `ws` at or after `from`, or -1. */
function findPart(ws: Word[], part: string[], from: number, until = ws.length): number {
  for (let i = from; i + part.length <= ws.length && i <= until; i++) {
    if (part.every((p, j) => ws[i + j]?.norm === p)) return i;
  }
  return -1;
}

/** The original text of words [first, last] of `text`, widened over attached symbols such as "%". */
function span(text: string, ws: Word[], first: number, last: number): string {
  let start = ws[first]?.start ?? 0;
  let end = ws[last]?.end ?? 0;
  while (start > 0 && ATTACHED.test(text[start - 1] ?? ' ')) start--;
  while (end < text.length && ATTACHED.test(text[end] ?? ' ')) end++;
  return text.slice(start, end);
}

export interface QuoteMatch {
  /** The candidate's own words: the matched span (parts joined with " … " for an ellipsis quote). */
  span: string;
  /** Which of the given answers it was found in. */
  answerIndex: number;
}

/** Is the quote long enough to show anything? (Shorter ones would match almost any answer.) */
export function isSubstantialQuote(quote: string): boolean {
  const parts = quoteParts(quote);
  const all = parts.flat();
  if (all.length === 0) return false;
  if (parts.length > 1 && parts.some((p) => p.length < MIN_PART_WORDS)) return false;
  return all.length >= MIN_QUOTE_WORDS || all.join('').length >= MIN_QUOTE_CHARS;
}

/**
 * Finds `quote` in one of `answers` (the first answer that has it) and returns the candidate's
 * own span, or null: not found, or too short to mean anything (unless `allowShort`).
 */
export function matchQuote(quote: string, answers: string[], opts: { allowShort?: boolean } = {}): QuoteMatch | null {
  const parts = quoteParts(quote);
  if (parts.length === 0 || (!opts.allowShort && !isSubstantialQuote(quote))) return null;
  for (const [answerIndex, text] of answers.entries()) {
    const ws = words(text);
    const found = matchParts(ws, parts);
    if (found) return { span: found.map(([a, b]) => span(text, ws, a, b)).join(' … '), answerIndex };
  }
  return null;
}

/** Word ranges of each part, in order and within the gap; tries every start of the first part. */
function matchParts(ws: Word[], parts: string[][]): [number, number][] | null {
  const [head, ...rest] = parts;
  if (!head) return null;
  for (let start = findPart(ws, head, 0); start >= 0; start = findPart(ws, head, start + 1)) {
    const ranges: [number, number][] = [[start, start + head.length - 1]];
    let ok = true;
    for (const part of rest) {
      const after = (ranges.at(-1)?.[1] ?? 0) + 1;
      const at = findPart(ws, part, after, after + MAX_ELLIPSIS_GAP);
      if (at < 0) {
        ok = false;
        break;
      }
      ranges.push([at, at + part.length - 1]);
    }
    if (ok) return ranges;
  }
  return null;
}

/** Text the judge put in quote marks inside a sentence (strengths, areas): "…", “…”, ‘…’, `…`. */
export function quotedFragments(sentence: string): string[] {
  const found = [
    ...sentence.matchAll(/"([^"]+)"|“([^”]+)”|‘([^’]+)’|`([^`]+)`|(?<![\p{L}\p{N}])'([^']+)'(?![\p{L}\p{N}])/gu),
  ];
  return found.map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '').trim()).filter((f) => words(f).length > 0);
}

/** A sentence reduced to its words, for telling whether two sentences say the same. */
export function normalizedWords(text: string): string {
  return words(text)
    .map((w) => w.norm)
    .join(' ');
}

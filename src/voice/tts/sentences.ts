/**
 * Cuts a streaming interviewer reply into speakable sentences, each as soon as it is complete,
 * so text-to-speech can start on the first sentence while the model is still writing the rest.
 *
 * The result does not depend on how the text was split into deltas: every decision looks at a
 * bounded amount of text after the point in question, and waits for it while streaming
 * (flush() ends the wait). Two stages run over the input:
 *
 * 1. Normalize: markdown symbols that would be read aloud (* _ ` and heading #) go, line-start
 *    bullets ("- ", "+ ", "> ") go, runs of whitespace and newlines become one space; a blank line
 *    (paragraph break) is kept as a marker because it also ends a sentence.
 * 2. Chunk: a sentence ends after . ! ? or … (a run of them, plus closing quotes or brackets)
 *    followed by whitespace, or at a paragraph break; not after an abbreviation (e.g., i.e., Mr.,
 *    Dr., vs., etc., initials like "J."), not after a list number ("1." at a sentence start or after
 *    a colon), and never inside a number ("3.5", "v1.2": no whitespace follows the dot).
 *    A piece shorter than `minChars` is merged into the next sentence; a run-on sentence is cut at
 *    `maxChars`, at the last comma (or ; :) before it, else at the last space.
 */

export interface SentenceChunkerOptions {
  /** Pieces shorter than this (after cleanup) are merged into the next sentence (default 20). */
  minChars?: number;
  /** A sentence without an end is cut here, at a comma or space (default 250). */
  maxChars?: number;
}

/** Paragraph break inside the normalized text; spoken as a space. */
const PARA = '\u2029';
const TERMINATORS = '.!?…';
const CLOSERS = '"\'”’)]}»';
const OPENERS = '"\'“‘([{«';
const CLAUSE_ENDS = ',;:';

/** Lower-case, without the final dot. Dotted forms (e.g., i.e., a.m., U.S.) are caught by a pattern. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'vs',
  'etc',
  'approx',
  'cf',
  'fig',
  'esp',
  'incl',
  'eg',
  'ie',
]);

function isSpace(c: string): boolean {
  return c === ' ' || c === PARA;
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** The words a TTS engine gets: one line, single spaces, no space before punctuation. */
function render(region: string): string {
  return region
    .replace(/([\p{L}\p{N}"'”’)\]])\s*\u2029/gu, '$1.\u2029') // a heading or list item merged into the next: pause
    .replaceAll(PARA, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ +([,.;:!?…])/g, '$1');
}

export class SentenceChunker {
  private readonly minChars: number;
  private readonly maxChars: number;
  /** Raw input not yet normalized. */
  private raw = '';
  /** Normalized text of the sentence being built (and what follows it, not yet scanned). */
  private clean = '';
  /** Position in `clean` up to which sentence ends have been decided. */
  private scan = 0;
  private atLineStart = true;
  /** The last raw character consumed (for "C#"), and the last character put into `clean`. */
  private prevRaw = '';
  private lastClean = '';
  /** Newlines seen in a whitespace run that ended a delta (the run may go on). */
  private pendingNewlines = 0;

  constructor(opts: SentenceChunkerOptions = {}) {
    this.minChars = opts.minChars ?? 20;
    this.maxChars = Math.max(opts.maxChars ?? 250, this.minChars + 1);
  }

  /** Adds the next piece of the reply; returns the sentences it completed (often none). */
  push(delta: string): string[] {
    this.raw += delta;
    return this.run(false);
  }

  /** The reply is complete: returns what is left, and resets for the next reply. */
  flush(): string[] {
    const out = this.run(true);
    const rest = render(this.clean);
    if (hasWords(rest)) out.push(rest);
    this.raw = '';
    this.clean = '';
    this.scan = 0;
    this.atLineStart = true;
    this.prevRaw = '';
    this.lastClean = '';
    this.pendingNewlines = 0;
    return out;
  }

  private run(final: boolean): string[] {
    this.normalize(final);
    const out: string[] = [];
    this.chunk(final, out);
    return out;
  }

  // ---- stage 1: normalize ------------------------------------------------------------------

  private emit(c: string): void {
    if (isSpace(c)) {
      if (this.lastClean === '') return; // no leading whitespace
      if (isSpace(this.lastClean)) {
        // Collapse; a paragraph break wins over a space (the chunker never decides on a
        // trailing space while more text may come, so upgrading it here is safe).
        if (c === PARA && this.clean.length > 0) {
          this.clean = this.clean.slice(0, -1) + PARA;
          this.lastClean = PARA;
        }
        return;
      }
    }
    this.clean += c;
    this.lastClean = c;
  }

  /** The newline before a heading or list item counts as a paragraph break. */
  private breakLine(): void {
    if (this.lastClean === ' ') this.emit(PARA);
  }

  private consume(n: number): void {
    this.prevRaw = this.raw[n - 1] ?? this.prevRaw;
    this.raw = this.raw.slice(n);
  }

  private normalize(final: boolean): void {
    while (this.raw.length > 0) {
      const c = this.raw.charAt(0);
      if (/\s/.test(c)) {
        // One whitespace run at a time; two newlines in it make a paragraph break.
        let n = 0;
        let newlines = this.pendingNewlines;
        while (n < this.raw.length && /\s/.test(this.raw.charAt(n))) {
          if (this.raw.charAt(n) === '\n') newlines++;
          n++;
        }
        this.emit(newlines >= 2 ? PARA : ' ');
        if (newlines > 0) this.atLineStart = true;
        this.consume(n);
        // The run may go on in the next delta: remember its newlines.
        this.pendingNewlines = this.raw.length === 0 && !final ? newlines : 0;
        continue;
      }
      this.pendingNewlines = 0;
      if (this.atLineStart) {
        if (c === '#') {
          this.breakLine(); // a heading stands apart
          this.consume(1);
          continue;
        }
        if (c === '>') {
          this.consume(1);
          continue;
        }
        if (c === '-' || c === '+' || c === '•' || c === '*') {
          if (this.raw.length < 2 && !final) return; // is it a bullet ("- ") or a word ("-5")?
          const bullet = this.raw.length < 2 || /\s/.test(this.raw.charAt(1));
          if (bullet) this.breakLine(); // each list item stands apart
          if (bullet || c === '*') {
            this.consume(1);
            continue;
          }
        }
        this.atLineStart = false;
      }
      if (c === '*' || c === '`') {
        this.consume(1);
        continue;
      }
      if (c === '_') {
        this.emit(' ');
        this.consume(1);
        continue;
      }
      if (c === '#') {
        // Kept in "C#" / "F#", dropped elsewhere ("#1", "## Heading").
        if (/[\p{L}]/u.test(this.prevRaw)) this.emit('#');
        this.consume(1);
        continue;
      }
      this.emit(c);
      this.consume(1);
    }
  }

  // ---- stage 2: chunk ----------------------------------------------------------------------

  private chunk(final: boolean, out: string[]): void {
    while (true) {
      if (this.scan >= this.maxChars) {
        this.forceSplit(out);
        continue;
      }
      if (this.scan >= this.clean.length) return;
      const c = this.clean.charAt(this.scan);

      if (c === PARA) {
        this.boundary(this.scan, this.scan + 1, out);
        continue;
      }
      if (c === ' ' && this.scan === this.clean.length - 1 && !final) {
        return; // may still become a paragraph break
      }
      if (!TERMINATORS.includes(c)) {
        this.scan++;
        continue;
      }

      let k = this.scan;
      while (k < this.clean.length && TERMINATORS.includes(this.clean.charAt(k))) k++;
      while (k < this.clean.length && CLOSERS.includes(this.clean.charAt(k))) k++;
      if (k >= this.clean.length) {
        if (!final) return; // wait: "3." may become "3.5"
        this.scan = k;
        continue; // the end of the reply: flush() takes the rest
      }
      if (!isSpace(this.clean.charAt(k))) {
        this.scan = k; // "3.5", "e.g.," — not an end
        continue;
      }
      const singleDot = c === '.' && (this.scan + 1 === k || !TERMINATORS.includes(this.clean.charAt(this.scan + 1)));
      if (singleDot && this.notAnEnd(this.scan)) {
        this.scan = k;
        continue;
      }
      this.boundary(k, k, out);
    }
  }

  /** A single '.' at `dot` that does not end a sentence: an abbreviation, an initial, a list number. */
  private notAnEnd(dot: number): boolean {
    let start = dot;
    while (start > 0 && !isSpace(this.clean.charAt(start - 1))) start--;
    let token = this.clean.slice(start, dot);
    while (token.length > 0 && OPENERS.includes(token.charAt(0))) token = token.slice(1);
    if (token === '') return false;
    const lower = token.toLowerCase();
    if (ABBREVIATIONS.has(lower)) return true;
    if (/^(\p{L}\.)+\p{L}$/u.test(token)) return true; // e.g, i.e, U.S, a.m
    if (/^\p{Lu}$/u.test(token)) return true; // an initial: "J. Smith"
    if (/^\d{1,2}$/.test(token)) {
      // "1." starting a list item: at the start of the sentence, or after a colon / a sentence end.
      let p = start - 1;
      while (p >= 0 && isSpace(this.clean.charAt(p))) p--;
      if (p < 0) return true;
      const before = this.clean.charAt(p);
      return before === ':' || TERMINATORS.includes(before) || CLOSERS.includes(before);
    }
    return false;
  }

  /** A candidate end: the sentence is clean[0, end); the next starts at `next`. */
  private boundary(end: number, next: number, out: string[]): void {
    const text = render(this.clean.slice(0, end));
    if (text.length < this.minChars && hasWords(text)) {
      this.scan = next; // too short: merge into the next sentence
      return;
    }
    if (hasWords(text)) out.push(text);
    this.clean = this.clean.slice(next);
    this.scan = 0;
  }

  /** No end within maxChars: cut at the last comma (or ; :), else the last space, else hard. */
  private forceSplit(out: string[]): void {
    const window = this.clean.slice(0, this.maxChars);
    let end = -1;
    for (let i = window.length - 2; i > 0; i--) {
      if (
        CLAUSE_ENDS.includes(window.charAt(i)) &&
        isSpace(window.charAt(i + 1)) &&
        render(window.slice(0, i + 1)).length >= this.minChars
      ) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) {
      for (let i = window.length - 1; i > 0; i--) {
        if (isSpace(window.charAt(i)) && render(window.slice(0, i)).length >= this.minChars) {
          end = i;
          break;
        }
      }
    }
    if (end < 0) end = this.maxChars;
    const text = render(this.clean.slice(0, end));
    if (hasWords(text)) out.push(text);
    this.clean = this.clean.slice(end);
    this.scan = 0;
  }
}

/** Whole text in, sentences out (the same result as streaming it). */
export function splitSentences(text: string, opts?: SentenceChunkerOptions): string[] {
  const chunker = new SentenceChunker(opts);
  return [...chunker.push(text), ...chunker.flush()];
}

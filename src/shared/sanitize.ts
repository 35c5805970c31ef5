/**
 * The one sanitiser for untrusted text: model replies, host error bodies, model names,
 * done_reason, role files, and what the candidate typed or said. Such text must never move the
 * cursor, change colours, set the window title, ring the bell, reorder what is shown around it
 * (bidi controls) or hide characters in it (zero-width characters). Every place that prints or
 * stores such text runs it through here first.
 *
 * - cleanText: multi-line text (a reply, an answer, a role description); keeps newlines and tabs.
 * - cleanLine: text shown on one line (a model name, an error, a title); also folds whitespace.
 * - StreamSanitizer: cleanText over a stream, for text that arrives in pieces.
 *
 * Stripped: escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, 7-bit and 8-bit), the other C0
 * and C1 controls, and every Unicode format character (bidi embeddings, overrides, isolates and
 * marks, zero-width space, word joiner, BOM, soft hyphen, invisible operators, tag characters).
 * Kept, because they are part of what is written: the zero-width joiner inside an emoji sequence
 * (👩‍💻) and both joiners between letters of the scripts that shape with them (Arabic, Indic), tag
 * characters inside a flag sequence (🏴 England), and the visible Arabic number signs. CR and CRLF
 * become LF.
 */
import { singleLine, truncate } from './text.js';

/* eslint-disable no-control-regex -- matching control characters and escape sequences is this module's job */
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings, other 2-byte ESC
// sequences; and their 8-bit forms (CSI U+009B; OSC, DCS, SOS, PM, APC strings ended by ST U+009C).
const ESCAPE_SEQUENCE =
  /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[PX^_][^\u001B]*\u001B\\|\u001B[@-Z\\-_]|\u009B[0-?]*[ -/]*[@-~]|[\u0090\u0098\u009D-\u009F][^\u0007\u001B\u009C]*(?:\u0007|\u009C|\u001B\\)/g;
// Anything any step below would change: plain text is given back as it is, at once.
const NEEDS_CLEANING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cf}]/u;
// Remaining C0 controls except \t and \n, DEL, C1 controls, and a lone ESC.
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// A flag's tag sequence (kept whole), or any other format character (decided one by one).
const FORMAT_CHAR = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}|\p{Cf}/gu;
const FLAG_START = '\u{1F3F4}';
const ZWNJ = '\u200C';
const ZWJ = '\u200D';
// Format characters that are visible: the prepended concatenation marks (Arabic number signs).
const VISIBLE_FORMAT = /^[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}]$/u;
// Letters and marks of the scripts where ZWJ and ZWNJ choose a letter's shape.
const JOINING_LETTER =
  /^(?=[\p{L}\p{M}])[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}]$/u;
// What a ZWJ may follow and precede in an emoji sequence (👨‍👩‍👧, 🏳️‍🌈, 👩🏽‍💻).
const EMOJI_BEFORE_ZWJ = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
const EMOJI_AFTER_ZWJ = /^\p{Extended_Pictographic}$/u;

/** Untrusted multi-line text made safe to print and store: newlines and tabs are kept. */
export function cleanText(text: string): string {
  return clean(text, '');
}

/**
 * Untrusted text for a one-line place (a model name, an error from the host, a title): cleaned,
 * every run of whitespace (line breaks included) one space, trimmed, and cut to `maxColumns`
 * when given (a host can send a megabyte of error).
 */
export function cleanLine(text: string, maxColumns?: number): string {
  if (maxColumns === undefined) return singleLine(clean(text, ''));
  // Only the start can be shown: a host's 10 MB error body is not cleaned whole to show 300 columns.
  const start = text.length > maxColumns * LINE_SLACK ? text.slice(0, maxColumns * LINE_SLACK) : text;
  return truncate(singleLine(clean(start, '')), maxColumns);
}

/**
 * How much of a text cleanLine reads per column it may show: room for the escape sequences and
 * spaces that cleaning removes. A line that hides its words behind more comes out shorter.
 */
const LINE_SLACK = 16;

/**
 * `before`: the character shown just before this text (a stream's previous piece), so a joiner
 * at the start of the text is judged by what it joins.
 */
function clean(text: string, before: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  const stripped = text
    .replace(/\r\n?/g, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL_CHARS, '')
    .replace(FORMAT_CHAR, (c) =>
      c.startsWith(FLAG_START) || c === ZWJ || c === ZWNJ || VISIBLE_FORMAT.test(c) ? c : '',
    );
  if (!stripped.includes(ZWJ) && !stripped.includes(ZWNJ)) return stripped;
  // Joiners are judged by their neighbours once everything else around them is gone.
  return stripped.replace(/[\u200C\u200D]/g, (joiner, at: number, all: string) => {
    const prev = at === 0 ? lastChar(before) : charBefore(all, at);
    const code = all.codePointAt(at + 1);
    const next = code === undefined ? '' : String.fromCodePoint(code);
    return joins(joiner, prev, next) ? joiner : '';
  });
}

function joins(joiner: string, prev: string, next: string): boolean {
  // Nothing before U+00A9 (©, the first pictograph) is an emoji or a letter that joins.
  if (prev === '' || prev.charCodeAt(0) < 0xa9) return false;
  if (JOINING_LETTER.test(prev) && JOINING_LETTER.test(next)) return true;
  return joiner === ZWJ && EMOJI_BEFORE_ZWJ.test(prev) && EMOJI_AFTER_ZWJ.test(next);
}

/** The last character (code point) of `text`, '' when it is empty. */
function lastChar(text: string): string {
  return charBefore(text, text.length);
}

/** The character (code point) that ends just before index `at` of `text`. */
function charBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const pair = at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) && isHighSurrogate(text.charCodeAt(at - 2));
  return pair ? text.slice(at - 2, at) : text.charAt(at - 1);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** How much of a stream's end may wait for the next piece: longer "sequences" are not ones. */
const HOLD_MAX = 64;

/**
 * cleanText over a stream, piece by piece, with the same result as over the whole text. What
 * the next piece can still change is held back: an unfinished escape sequence, a CR that may be
 * half of a CRLF, a joiner whose next character is not known yet, half a surrogate pair, and a
 * flag whose tag sequence has not ended.
 */
export class StreamSanitizer {
  private pending = '';
  /** The last character given out: what a joiner at the start of the next piece follows. */
  private shown = '';

  push(chunk: string): string {
    const text = this.pending + chunk;
    const from = undecidedFrom(text);
    this.pending = text.slice(from);
    return this.emit(text.slice(0, from));
  }

  flush(): string {
    const rest = this.emit(this.pending);
    this.pending = '';
    return rest;
  }

  private emit(text: string): string {
    const out = clean(text, this.shown);
    if (out) this.shown = lastChar(out);
    return out;
  }
}

const UNDECIDED_END = /(?:\u{1F3F4}[\u{E0020}-\u{E007E}]*|[\u200C\u200D]+|\r|[\uD800-\uDBFF])$/u;
const SEQUENCE_START = /[\u001B\u0090\u0098\u009B\u009D-\u009F]/g;

/** Where the end of `text` that the next piece may still change begins (text.length: nowhere). */
function undecidedFrom(text: string): number {
  let from = text.length;
  const tail = UNDECIDED_END.exec(text);
  if (tail) from = tail.index;
  const starts = [...text.slice(-HOLD_MAX).matchAll(SEQUENCE_START)];
  const last = starts.at(-1);
  if (last) {
    const at = text.length - Math.min(HOLD_MAX, text.length) + last.index;
    if (!isComplete(text.slice(at))) from = Math.min(from, at);
  }
  return text.length - from > HOLD_MAX ? text.length : from;
}

/** Whether an escape sequence starting `tail` is finished (or cannot become one). */
function isComplete(tail: string): boolean {
  const first = tail.charAt(0);
  if (first === '\u009B') return /^\u009B[0-?]*[ -/]*[@-~]/.test(tail);
  if (first !== '\u001B') return /\u0007|\u009C|\u001B\\/.test(tail.slice(1));
  if (tail.length < 2) return false;
  const kind = tail.charAt(1);
  if (kind === '[') return /^\u001B\[[0-?]*[ -/]*[@-~]/.test(tail);
  if (kind === ']') return /\u0007|\u001B\\/.test(tail.slice(2));
  if ('PX^_'.includes(kind)) return tail.slice(2).includes('\u001B\\');
  return true;
}

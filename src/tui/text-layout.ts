import stringWidth from 'string-width';

/**
 * Text as the terminal shows it: graphemes (what a person sees as one character: an emoji with
 * its modifiers and joiners, a letter with its combining marks) and their width in columns
 * (string-width: CJK and most emoji take two, combining marks none). The answer box edits and
 * wraps by these, so the cursor never lands inside a character and a row never overflows.
 * Ink loads string-width itself, so measuring with it here costs nothing more.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Printable ASCII: one character is one grapheme one column wide (most answers, and fast).
const PLAIN = /^[\x20-\x7e]*$/;
// Text in which every code point is a grapheme of its own: no combining or spacing marks, no
// format characters (joiners, prepended signs), nothing outside the BMP (emoji, flags), no
// Hangul jamo, no Thai or Lao sara am. Most Latin, Cyrillic, Greek and CJK text: Intl.Segmenter
// costs about 3 µs a grapheme, too slow to run over a long answer on every keystroke.
const SINGLE_CODE_POINTS = /^[^\p{M}\p{Cf}\u{10000}-\u{10FFFF}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u0E33\u0EB3]*$/u;
// Widths of the graphemes seen so far (string-width costs a few µs a call; an answer repeats its characters).
const widths = new Map<string, number>();
const WIDTHS_KEPT = 10_000;

export interface Grapheme {
  text: string;
  /** Index of its first UTF-16 unit in the string it was cut from. */
  index: number;
}

/** The graphemes of `text`; `offset` is added to each index (for a slice of a longer text). */
export function graphemes(text: string, offset = 0): Grapheme[] {
  if (PLAIN.test(text)) return Array.from(text, (char, i) => ({ text: char, index: offset + i }));
  if (SINGLE_CODE_POINTS.test(text)) {
    // Outside the BMP is excluded above, so every code point here is one UTF-16 unit.
    return Array.from(text, (char, i) => ({ text: char, index: offset + i }));
  }
  return Array.from(segmenter.segment(text), (s) => ({ text: s.segment, index: offset + s.index }));
}

/** Columns one grapheme takes. */
export function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 1) {
    const code = grapheme.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) return 1;
  }
  let width = widths.get(grapheme);
  if (width === undefined) {
    width = stringWidth(grapheme);
    if (widths.size >= WIDTHS_KEPT) widths.clear();
    widths.set(grapheme, width);
  }
  return width;
}

/** Columns a text takes (one line). */
export function textWidth(text: string): number {
  return PLAIN.test(text) ? text.length : stringWidth(text);
}

/** The grapheme boundary at or after `index` (an index inside a grapheme moves to its end). */
export function snapToBoundary(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const lineEnd = text.indexOf('\n', index);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  for (const g of graphemes(line, lineStart)) {
    if (g.index >= index) return g.index;
    if (g.index + g.text.length > index) return g.index + g.text.length;
  }
  return lineEnd === -1 ? text.length : lineEnd;
}

/** The grapheme boundary before `index` (where Backspace and ← go). */
export function previousBoundary(text: string, index: number): number {
  if (index <= 0) return 0;
  if (text[index - 1] === '\n') return index - 1;
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  let before = lineStart;
  for (const g of graphemes(text.slice(lineStart, index), lineStart)) before = g.index;
  return before;
}

/** The grapheme boundary after `index` (where Delete and → go). */
export function nextBoundary(text: string, index: number): number {
  if (index >= text.length) return text.length;
  if (text[index] === '\n') return index + 1;
  const lineEnd = text.indexOf('\n', index);
  const rest = text.slice(index, lineEnd === -1 ? text.length : lineEnd);
  const first = graphemes(rest, index)[0];
  return first ? index + first.text.length : index + 1;
}

/** One screen row of wrapped text: `text.slice(start, end)`, `width` columns wide. */
export interface Row {
  start: number;
  end: number;
  width: number;
}

/**
 * Wraps text into rows at most `columns` wide: line breaks end a row; a long line breaks after
 * its last space that fits, or inside a word longer than a row. Every index of the text falls
 * in a row (a soft break's index starts the next row), so a cursor can always be placed.
 */
export function wrapRows(text: string, columns: number): Row[] {
  const max = Math.max(1, columns);
  const rows: Row[] = [];
  let lineStart = 0;
  for (;;) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    wrapLine(text.slice(lineStart, lineEnd), lineStart, max, rows);
    if (nl === -1) return rows;
    lineStart = nl + 1;
  }
}

function wrapLine(line: string, offset: number, max: number, rows: Row[]): void {
  let rowStart = offset;
  let rowWidth = 0;
  // Just after the last space in this row: where it breaks when the next word does not fit.
  let breakAt = -1;
  let widthAtBreak = 0;
  for (const g of graphemes(line, offset)) {
    const w = graphemeWidth(g.text);
    while (rowWidth + w > max && g.index > rowStart) {
      if (breakAt > rowStart) {
        rows.push({ start: rowStart, end: breakAt, width: widthAtBreak });
        rowStart = breakAt;
        rowWidth -= widthAtBreak;
      } else {
        rows.push({ start: rowStart, end: g.index, width: rowWidth });
        rowStart = g.index;
        rowWidth = 0;
      }
      breakAt = -1;
    }
    rowWidth += w;
    if (g.text === ' ') {
      breakAt = g.index + 1;
      widthAtBreak = rowWidth;
    }
  }
  rows.push({ start: rowStart, end: offset + line.length, width: rowWidth });
}

/** The row an index falls in: the last row that starts at or before it. */
export function rowOf(rows: readonly Row[], index: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((rows[mid]?.start ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The index in `row` whose column is closest to `column` without passing it (for ↑ and ↓). */
export function indexAtColumn(text: string, row: Row, column: number): number {
  let width = 0;
  for (const g of graphemes(text.slice(row.start, row.end), row.start)) {
    const w = graphemeWidth(g.text);
    if (width + w > column) return g.index;
    width += w;
  }
  return row.end;
}

/**
 * `text` cut to `columns` with an ellipsis (which counts), by grapheme and display width: an
 * emoji or a letter with its accents is kept whole or dropped whole. '' when nothing fits.
 */
export function fitText(text: string, columns: number): string {
  if (textWidth(text) <= columns) return text;
  if (columns <= 0) return '';
  let out = '';
  let width = 0;
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g.text);
    if (width + w > columns - 1) break;
    out += g.text;
    width += w;
  }
  return `${out.trimEnd()}…`;
}

/** The first of `texts` (longest first) that fits in `columns`, else the last one cut to fit. */
export function firstThatFits(texts: readonly string[], columns: number): string {
  for (const text of texts) if (textWidth(text) <= columns) return text;
  return fitText(texts[texts.length - 1] ?? '', columns);
}

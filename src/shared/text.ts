/**
 * Plain-text helpers, each with one meaning. Widths are terminal columns (string-width):
 * CJK characters and most emoji take two, combining marks none.
 */
import stringWidth from 'string-width';

/** All whitespace runs, line breaks included, become one space; trimmed. */
export function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first line that is not blank, trimmed ('' when there is none). */
export function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

/** The last line that is not blank, trimmed ('' when there is none). */
export function lastLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}

/** Columns the text takes in a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/**
 * At most `columns` wide: a longer text is cut at a character boundary and ends with '…'
 * (the ellipsis counts). Never splits a surrogate pair or a wide character.
 */
export function truncate(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  if (columns <= 0) return '';
  let out = '';
  let width = 0;
  for (const char of text) {
    const w = displayWidth(char);
    if (width + w > columns - 1) break;
    out += char;
    width += w;
  }
  return `${out.trimEnd()}…`;
}

/** Pads with spaces to `columns` wide, on the right ('end', for text) or the left ('start', for numbers). */
export function pad(text: string, columns: number, side: 'start' | 'end' = 'end'): string {
  const fill = ' '.repeat(Math.max(0, columns - displayWidth(text)));
  return side === 'end' ? text + fill : fill + text;
}

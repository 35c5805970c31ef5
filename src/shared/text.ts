/**
 * Plain-text helpers, each with one meaning. Widths are terminal columns (string-width):
 * CJK characters and most emoji take two, combining marks none.
 */

/** Text whose width is its length: printable ASCII, and the few narrow symbols we print ourselves. */
const NARROW = /^[\x20-\x7e\u2581-\u2588…—·]*$/;

let unicodeWidth: ((text: string) => number) | undefined;

/**
 * Loads string-width when any of `texts` needs it. Loading it costs about 45 ms (it compiles its
 * emoji patterns), so a table of plain text never pays for it: table printers call this with
 * what they are about to measure, then measure synchronously.
 */
export async function prepareWidths(texts: Iterable<string>): Promise<void> {
  if (unicodeWidth) return;
  for (const text of texts) if (!NARROW.test(text)) return loadWidths();
}

/** Loads string-width now (the TUI, where Ink has loaded it already and anything can be shown). */
export async function loadWidths(): Promise<void> {
  unicodeWidth ??= (await import('string-width')).default;
}

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

/**
 * Columns the text takes in a terminal. Exact for plain text, and for any text once
 * prepareWidths() has seen it; before that, one column per character.
 */
export function displayWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  return unicodeWidth ? unicodeWidth(text) : [...text].length;
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

/**
 * The text folded into lines at most `columns` wide: words wrap at spaces (the spaces at a wrap
 * are dropped), a word wider than a line is split between characters, the text's own line
 * breaks and a line's leading indentation are kept, tabs count as four spaces.
 */
export function wrap(text: string, columns: number): string[] {
  const width = Math.max(1, Math.floor(columns));
  const lines: string[] = [];
  for (const paragraph of text.replace(/\t/g, '    ').split('\n')) {
    let line = '';
    let used = 0;
    let space = '';
    const breakLine = () => {
      lines.push(line);
      line = '';
      used = 0;
    };
    for (const token of paragraph.match(/\s+|\S+/g) ?? []) {
      if (/^\s/.test(token)) {
        space = token;
        continue;
      }
      const w = displayWidth(token);
      const spaceWidth = displayWidth(space);
      if (used + spaceWidth + w <= width) {
        line += space + token;
        used += spaceWidth + w;
      } else {
        if (line !== '') breakLine();
        for (const char of token) {
          const cw = displayWidth(char);
          if (used + cw > width && line !== '') breakLine();
          line += char;
          used += cw;
        }
      }
      space = '';
    }
    lines.push(line);
  }
  return lines;
}

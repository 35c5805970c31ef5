/**
 * How many rows each part of the live region (everything Ink redraws, below the printed
 * transcript) may take. Ink clears the whole terminal, scrollback included, when the live
 * region is as tall as the terminal, so it is kept to `rows - 1` rows: the answer box first,
 * then the header, the box's hint line, the status lines, the over-limit warning, the
 * interviewer's streaming reply; then the answer grows up to a third of the rows and the
 * reply takes what is left (it shows its last rows; the whole reply is printed when done).
 */

export const HEADER_ROWS = 3;
/** The answer box's top and bottom border. */
export const BOX_BORDER_ROWS = 2;

export interface LiveNeeds {
  /** The terminal's rows. */
  rows: number;
  /** Rows the answer's text takes, wrapped at the box's width. */
  answerRows: number;
  /** The answer is over the length limit: the box shows a warning line. */
  answerWarning: boolean;
  /** Rows the interviewer's streaming reply takes (0 when nothing streams). */
  streamRows: number;
  /** One-line status lines (spinner, voice state). */
  statusLines: number;
}

export interface LiveLayout {
  header: boolean;
  hint: boolean;
  warning: boolean;
  statusLines: number;
  answerRows: number;
  /** Text rows of the streaming reply shown (0: the reply is not shown). */
  streamRows: number;
  /** A blank line between the reply and what follows. */
  streamMargin: boolean;
}

/** The most rows the answer's text may take: a third of the terminal, at least one. */
export function answerRowsCap(rows: number): number {
  return Math.max(1, Math.floor(rows / 3));
}

export function liveLayout(needs: LiveNeeds): LiveLayout {
  let left = Math.max(0, needs.rows - 1);
  const take = (n: number): boolean => {
    if (n > left) return false;
    left -= n;
    return true;
  };
  // The box with one row of text is shown even when nothing else fits.
  take(BOX_BORDER_ROWS + 1);
  const header = take(HEADER_ROWS);
  const hint = take(1);
  const statusLines = Math.min(needs.statusLines, left);
  left -= statusLines;
  const warning = needs.answerWarning && take(1);
  // The reply's label and its first row.
  const stream = needs.streamRows > 0 && take(2);
  const answerGrowth = Math.min(Math.min(needs.answerRows, answerRowsCap(needs.rows)) - 1, left);
  left -= Math.max(0, answerGrowth);
  const streamMargin = stream && take(1);
  const streamGrowth = stream ? Math.min(needs.streamRows - 1, left) : 0;
  return {
    header,
    hint,
    warning,
    statusLines,
    answerRows: 1 + Math.max(0, answerGrowth),
    streamRows: stream ? 1 + Math.max(0, streamGrowth) : 0,
    streamMargin,
  };
}

/** Rows the live region takes with this layout (what liveLayout keeps under the terminal's height). */
export function liveHeight(layout: LiveLayout): number {
  return (
    (layout.header ? HEADER_ROWS : 0) +
    BOX_BORDER_ROWS +
    layout.answerRows +
    (layout.hint ? 1 : 0) +
    (layout.warning ? 1 : 0) +
    layout.statusLines +
    (layout.streamRows > 0 ? 1 + layout.streamRows : 0) +
    (layout.streamMargin ? 1 : 0)
  );
}

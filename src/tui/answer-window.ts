import type { EditorState } from './answer-editor.js';
import { graphemes, rowOf, wrapRows, type Row } from './text-layout.js';

/** The rows of the answer the box shows: at most `maxRows`, scrolled so the cursor's row is in view. */
export interface AnswerWindow {
  /** The shown rows' text (the cursor's row too). */
  rows: string[];
  /** Index of the first shown row among all rows. */
  top: number;
  /** Rows the whole answer takes. */
  total: number;
  /** The cursor's row among the shown rows, split around the grapheme under the cursor ('' at a row's end). */
  cursorRow: number;
  before: string;
  at: string;
  after: string;
}

/**
 * `previousTop`: where the box was scrolled to: it moves only as far as needed to keep the
 * cursor in view, so moving the cursor inside the window does not scroll. `wrapped`: the text's
 * rows at `columns`, when the caller has them already.
 */
export function answerWindow(
  state: EditorState,
  columns: number,
  maxRows: number,
  previousTop: number,
  wrapped: readonly Row[] = wrapRows(state.text, columns),
): AnswerWindow {
  const { text, cursor } = state;
  const shown = Math.max(1, maxRows);
  const at = rowOf(wrapped, cursor);
  const top = Math.max(0, Math.min(previousTop, at, wrapped.length - shown), at - shown + 1);
  const rows = wrapped.slice(top, top + shown);
  const row = wrapped[at] ?? { start: 0, end: text.length, width: 0 };
  const under = cursor < row.end ? (graphemes(text.slice(cursor, row.end))[0]?.text ?? '') : '';
  return {
    rows: rows.map((r) => text.slice(r.start, r.end)),
    top,
    total: wrapped.length,
    cursorRow: at - top,
    before: text.slice(row.start, cursor),
    at: under,
    after: text.slice(cursor + under.length, row.end),
  };
}

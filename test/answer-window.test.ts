import { describe, expect, it } from 'vitest';
import { answerWindow } from '../src/tui/answer-window.js';
import { editorReducer, emptyEditor, type EditorState } from '../src/tui/answer-editor.js';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

describe('answerWindow', () => {
  it('shows at most maxRows rows and keeps the cursor row among them while the cursor moves', () => {
    let state: EditorState = { text: lines(40), cursor: lines(40).length };
    let top = 0;
    const seen: number[] = [];
    for (let step = 0; step < 45; step++) {
      const view = answerWindow(state, 30, 8, top);
      expect(view.rows).toHaveLength(8);
      expect(view.rows[view.cursorRow]).toBe(view.before + view.at + view.after);
      expect(view.before + view.at + view.after).toMatch(/^line \d+$/);
      top = view.top;
      seen.push(top);
      state = editorReducer(state, { type: 'up', columns: 30 });
    }
    // Typing at the end shows the last rows; going up scrolls back to the first.
    expect(seen[0]).toBe(32);
    expect(seen.at(-1)).toBe(0);
  });

  it('does not scroll while the cursor moves inside the window', () => {
    const state: EditorState = { text: lines(20), cursor: 0 };
    const first = answerWindow(state, 30, 5, 0);
    const moved = answerWindow(editorReducer(state, { type: 'down', columns: 30 }), 30, 5, first.top);
    expect(moved.top).toBe(first.top);
    expect(moved.cursorRow).toBe(first.cursorRow + 1);
  });

  it('an empty answer is one empty row with the cursor on it', () => {
    expect(answerWindow(emptyEditor, 30, 5, 3)).toMatchObject({ rows: [''], top: 0, total: 1, cursorRow: 0 });
  });
});

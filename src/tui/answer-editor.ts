import { cleanText } from '../shared/sanitize.js';
import {
  indexAtColumn,
  nextBoundary,
  previousBoundary,
  rowOf,
  snapToBoundary,
  textWidth,
  wrapRows,
} from './text-layout.js';

/** The multi-line answer box as a pure reducer: easy to test without rendering. */
export interface EditorState {
  text: string;
  /** Cursor position as an index into text, always between two graphemes. */
  cursor: number;
}

export type EditorAction =
  | { type: 'insert'; text: string }
  | { type: 'newline' }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  /** ↑ and ↓ move by screen row, so they need the width the text is wrapped at. */
  | { type: 'up'; columns: number }
  | { type: 'down'; columns: number }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'clear' }
  | { type: 'set'; text: string };

export const emptyEditor: EditorState = { text: '', cursor: 0 };

// The box has no tab stops: a tab is shown and kept as this many spaces.
const TAB = '    ';

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const { text, cursor } = state;
  switch (action.type) {
    case 'insert': {
      // Terminals send a paste's line breaks as \r; cleanText makes them \n and strips controls.
      const clean = cleanText(action.text).replace(/\t/g, TAB);
      const next = text.slice(0, cursor) + clean + text.slice(cursor);
      // An inserted joiner or combining mark can merge with its neighbour into one grapheme.
      return { text: next, cursor: snapToBoundary(next, cursor + clean.length) };
    }
    case 'newline':
      return editorReducer(state, { type: 'insert', text: '\n' });
    case 'backspace': {
      const from = previousBoundary(text, cursor);
      return from === cursor ? state : { text: text.slice(0, from) + text.slice(cursor), cursor: from };
    }
    case 'delete': {
      const to = nextBoundary(text, cursor);
      return to === cursor ? state : { text: text.slice(0, cursor) + text.slice(to), cursor };
    }
    case 'left':
      return { text, cursor: previousBoundary(text, cursor) };
    case 'right':
      return { text, cursor: nextBoundary(text, cursor) };
    case 'up':
    case 'down': {
      const rows = wrapRows(text, action.columns);
      const at = rowOf(rows, cursor);
      const target = rows[action.type === 'up' ? at - 1 : at + 1];
      if (!target) return { text, cursor: action.type === 'up' ? 0 : text.length };
      const column = textWidth(text.slice(rows[at]?.start ?? 0, cursor));
      return { text, cursor: indexAtColumn(text, target, column) };
    }
    case 'home':
      return { text, cursor: text.lastIndexOf('\n', cursor - 1) + 1 };
    case 'end': {
      const nl = text.indexOf('\n', cursor);
      return { text, cursor: nl === -1 ? text.length : nl };
    }
    case 'clear':
      return emptyEditor;
    case 'set':
      return { text: action.text, cursor: action.text.length };
  }
}

export interface KeyInfo {
  return: boolean;
  meta: boolean;
  ctrl: boolean;
  backspace: boolean;
  delete: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  home: boolean;
  end: boolean;
  escape: boolean;
  tab: boolean;
  upArrow: boolean;
  downArrow: boolean;
}

export type KeyResult = EditorAction | 'submit';

/**
 * Maps one Ink keypress to editor actions and submits, in order. Keyboard input reaches Ink
 * through KeyboardInput, which keeps \r for the Enter key only and turns the line breaks of a
 * paste into \n: so every \r sends, even in the same chunk as the text typed before it
 * ("some answer\r" types the answer, then sends it), and \n (a paste's line break, Ctrl-J) is a
 * new line. Alt-Enter is a new line too. `columns`: the width the box wraps at (for ↑ and ↓).
 */
export function keyToActions(input: string, key: KeyInfo, columns: number): KeyResult[] {
  if (key.return) return [key.meta ? { type: 'newline' } : 'submit'];
  // Ink reports the Backspace key (DEL, 0x7f) as `delete`; KeyboardInput sends the Delete key as Ctrl-D.
  if (key.backspace || key.delete) return [{ type: 'backspace' }];
  if (key.leftArrow) return [{ type: 'left' }];
  if (key.rightArrow) return [{ type: 'right' }];
  if (key.upArrow) return [{ type: 'up', columns }];
  if (key.downArrow) return [{ type: 'down', columns }];
  if (key.home || (key.ctrl && input === 'a')) return [{ type: 'home' }];
  if (key.end || (key.ctrl && input === 'e')) return [{ type: 'end' }];
  if (key.ctrl && input === 'd') return [{ type: 'delete' }];
  if (key.ctrl && input === 'u') return [{ type: 'clear' }];
  if (input === '\n') return [{ type: 'newline' }];
  if (key.ctrl || key.escape || key.tab || input === '') return [];
  const results: KeyResult[] = [];
  input.split('\r').forEach((piece, i) => {
    if (i > 0) results.push('submit');
    if (piece !== '') results.push({ type: 'insert', text: piece });
  });
  return results;
}

import { cleanText } from '../shared/sanitize.js';

/** The multi-line answer box as a pure reducer: easy to test without rendering. */
export interface EditorState {
  text: string;
  /** Cursor position as an index into text. */
  cursor: number;
}

export type EditorAction =
  | { type: 'insert'; text: string }
  | { type: 'newline' }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'clear' }
  | { type: 'set'; text: string };

export const emptyEditor: EditorState = { text: '', cursor: 0 };

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const { text, cursor } = state;
  switch (action.type) {
    case 'insert': {
      // Pasted text arrives in one piece; terminals send its line breaks as \r (made \n here).
      const clean = cleanText(action.text);
      return { text: text.slice(0, cursor) + clean + text.slice(cursor), cursor: cursor + clean.length };
    }
    case 'newline':
      return editorReducer(state, { type: 'insert', text: '\n' });
    case 'backspace':
      return cursor === 0 ? state : { text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 };
    case 'delete':
      return cursor === text.length ? state : { text: text.slice(0, cursor) + text.slice(cursor + 1), cursor };
    case 'left':
      return { text, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { text, cursor: Math.min(text.length, cursor + 1) };
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

/**
 * Maps one Ink keypress to an editor action or a submit. Enter sends; Alt-Enter and
 * Ctrl-J (a bare line feed) insert a newline; a multi-character chunk is a paste and is
 * inserted whole, line breaks included, never sent.
 */
export function keyToAction(input: string, key: KeyInfo): EditorAction | 'submit' | null {
  if (key.return) return key.meta ? { type: 'newline' } : 'submit';
  if (input === '\n') return { type: 'newline' };
  // Ink reports the Backspace key (DEL, 0x7f) as `delete`; there is no separate forward delete here.
  if (key.backspace || key.delete) return { type: 'backspace' };
  if (key.leftArrow) return { type: 'left' };
  if (key.rightArrow) return { type: 'right' };
  if (key.home || (key.ctrl && input === 'a')) return { type: 'home' };
  if (key.end || (key.ctrl && input === 'e')) return { type: 'end' };
  if (key.ctrl && input === 'u') return { type: 'clear' };
  if (key.ctrl || key.escape || key.tab || key.upArrow || key.downArrow) return null;
  if (input.length > 0) return { type: 'insert', text: input };
  return null;
}

import { describe, expect, it } from 'vitest';
import { editorReducer, emptyEditor, keyToAction, type EditorAction, type KeyInfo } from '../src/tui/answer-editor.js';

const noKey: KeyInfo = {
  return: false,
  meta: false,
  ctrl: false,
  backspace: false,
  delete: false,
  leftArrow: false,
  rightArrow: false,
  home: false,
  end: false,
  escape: false,
  tab: false,
  upArrow: false,
  downArrow: false,
};
const run = (actions: EditorAction[]) => actions.reduce(editorReducer, emptyEditor);

describe('editorReducer', () => {
  it('inserts, moves and deletes at the cursor', () => {
    const s = run([
      { type: 'insert', text: 'helo' },
      { type: 'left' },
      { type: 'insert', text: 'l' },
      { type: 'end' },
      { type: 'backspace' },
    ]);
    expect(s).toEqual({ text: 'hell', cursor: 4 });
  });

  it('turns pasted CR line breaks into newlines and drops control characters', () => {
    const s = run([{ type: 'insert', text: 'line one\rline two\r\nline\u0007 three' }]);
    expect(s.text).toBe('line one\nline two\nline three');
  });

  it('home and end work per line', () => {
    const s = run([{ type: 'insert', text: 'ab\ncd' }, { type: 'home' }]);
    expect(s.cursor).toBe(3);
    expect(editorReducer(s, { type: 'left' }).cursor).toBe(2);
  });
});

describe('keyToAction', () => {
  it('Enter submits, Alt-Enter and Ctrl-J insert a newline', () => {
    expect(keyToAction('', { ...noKey, return: true })).toBe('submit');
    expect(keyToAction('', { ...noKey, return: true, meta: true })).toEqual({ type: 'newline' });
    expect(keyToAction('\n', noKey)).toEqual({ type: 'newline' });
  });

  it('a multi-line paste is inserted, never submitted', () => {
    expect(keyToAction('first\rsecond', noKey)).toEqual({ type: 'insert', text: 'first\rsecond' });
  });

  it('ignores keys that are not for the editor', () => {
    expect(keyToAction('', { ...noKey, escape: true })).toBeNull();
    expect(keyToAction('c', { ...noKey, ctrl: true })).toBeNull();
  });
});

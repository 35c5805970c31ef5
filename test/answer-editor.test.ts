import { describe, expect, it } from 'vitest';
import { editorReducer, emptyEditor, keyToActions, type EditorAction, type KeyInfo } from '../src/tui/answer-editor.js';
import { snapToBoundary } from '../src/tui/text-layout.js';

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

describe('keyToActions', () => {
  it('Enter submits, Alt-Enter and Ctrl-J insert a newline', () => {
    expect(keyToActions('', { ...noKey, return: true }, 40)).toEqual(['submit']);
    expect(keyToActions('', { ...noKey, return: true, meta: true }, 40)).toEqual([{ type: 'newline' }]);
    expect(keyToActions('\n', noKey, 40)).toEqual([{ type: 'newline' }]);
  });

  it('Enter in the same chunk as the text typed before it sends that text', () => {
    expect(keyToActions('some answer\r', noKey, 40)).toEqual([{ type: 'insert', text: 'some answer' }, 'submit']);
    expect(keyToActions('one\rtwo', noKey, 40)).toEqual([
      { type: 'insert', text: 'one' },
      'submit',
      { type: 'insert', text: 'two' },
    ]);
  });

  it('a paste (its line breaks come as \\n) is inserted whole, never submitted', () => {
    expect(keyToActions('first\nsecond', noKey, 40)).toEqual([{ type: 'insert', text: 'first\nsecond' }]);
  });

  it('ignores keys that are not for the editor', () => {
    expect(keyToActions('', { ...noKey, escape: true }, 40)).toEqual([]);
    expect(keyToActions('c', { ...noKey, ctrl: true }, 40)).toEqual([]);
  });
});

describe('editing by grapheme and display width', () => {
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  it('Backspace, Delete, ← and → take a whole emoji, flag or accented letter', () => {
    const text = 'a👩‍💻🇫🇷e\u0301';
    const end = run([{ type: 'insert', text }]);
    expect(editorReducer(end, { type: 'backspace' }).text).toBe('a👩‍💻🇫🇷');
    const beforeFlag = run([{ type: 'insert', text }, { type: 'left' }, { type: 'left' }]);
    expect(beforeFlag.text.slice(beforeFlag.cursor)).toBe('🇫🇷e\u0301');
    expect(editorReducer(beforeFlag, { type: 'backspace' }).text).toBe('a🇫🇷e\u0301');
    expect(editorReducer(beforeFlag, { type: 'delete' }).text).toBe('a👩‍💻e\u0301');
  });

  it('a combining mark typed after a letter joins it: one grapheme, the cursor after it', () => {
    const s = run([
      { type: 'insert', text: 'e' },
      { type: 'insert', text: '\u0301' },
    ]);
    expect(s).toEqual({ text: 'e\u0301', cursor: 2 });
    expect(editorReducer(s, { type: 'left' }).cursor).toBe(0);
    // Inserting inside an emoji sequence is not possible: an index inside it moves to its end.
    expect(snapToBoundary('👩‍💻!', 2)).toBe('👩‍💻'.length);
  });

  it('↑ and ↓ keep the display column across rows of wide characters', () => {
    // Rows of 6 columns: '中文字' is 6 wide, 'abcdef' 6 wide.
    const s = run([{ type: 'insert', text: '中文字abcdef' }, { type: 'left' }, { type: 'left' }]);
    // The cursor is before 'e' (column 4 of row 2): up lands before 字 (column 4 of row 1).
    const up = editorReducer(s, { type: 'up', columns: 6 });
    expect(up.text.slice(up.cursor)).toBe('字abcdef');
    const down = editorReducer(up, { type: 'down', columns: 6 });
    expect(down.text.slice(down.cursor)).toBe('ef');
  });

  it('no sequence of edits leaves half a character (no U+FFFD once saved)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['👩‍💻', '🇫🇷', 'e\u0301', '中', 'x', ' ', '\n', '👍🏽'];
    const moves: EditorAction['type'][] = ['backspace', 'delete', 'left', 'right', 'home', 'end'];
    let state = emptyEditor;
    for (let i = 0; i < 2000; i++) {
      const r = random();
      if (r < 0.4)
        state = editorReducer(state, { type: 'insert', text: pieces[Math.floor(random() * pieces.length)]! });
      else if (r < 0.5) state = editorReducer(state, { type: random() < 0.5 ? 'up' : 'down', columns: 5 });
      else state = editorReducer(state, { type: moves[Math.floor(random() * moves.length)]! } as EditorAction);
      expect(LONE_SURROGATE.test(state.text)).toBe(false);
      const boundaries = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(state.text)].map(
        (g) => g.index,
      );
      expect([...boundaries, state.text.length]).toContain(state.cursor);
    }
    expect(Buffer.from(state.text, 'utf8').toString('utf8')).not.toContain('\uFFFD');
  });
});

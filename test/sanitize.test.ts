import { describe, expect, it } from 'vitest';
import { StreamSanitizer, stripControlSequences } from '../src/shared/sanitize.js';

describe('stripControlSequences', () => {
  it('removes colours, cursor moves, OSC titles, bells and stray controls but keeps text, newlines and tabs', () => {
    const evil = 'Hi \u001B[31mred\u001B[0m\u001B[2J\u001B]0;pwned\u0007 there\u0007\ttab\r\nnext\u0000';
    expect(stripControlSequences(evil)).toBe('Hi red there\ttab\nnext');
  });

  it('keeps non-ASCII text intact', () => {
    expect(stripControlSequences('Привет, café 👋')).toBe('Привет, café 👋');
  });

  it('removes C1 CSI and OSC terminated by ST', () => {
    expect(stripControlSequences('a\u009B2Jb\u001B]8;;http://x\u001B\\c')).toBe('abc');
  });
});

describe('StreamSanitizer', () => {
  it('strips an escape sequence split across chunks without leaking its tail', () => {
    const s = new StreamSanitizer();
    const pieces = ['Hello \u001B', '[3', '1mworld', '\u001B[0m!'];
    const out = pieces.map((p) => s.push(p)).join('') + s.flush();
    expect(out).toBe('Hello world!');
  });

  it('passes plain text through at once', () => {
    const s = new StreamSanitizer();
    expect(s.push('plain ')).toBe('plain ');
    expect(s.push('text')).toBe('text');
  });

  it('turns a CRLF split across chunks into one newline', () => {
    const s = new StreamSanitizer();
    expect(s.push('a\r') + s.push('\nb') + s.flush()).toBe('a\nb');
  });
});

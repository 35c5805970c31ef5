import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  firstLine,
  lastLine,
  pad,
  prepareWidths,
  singleLine,
  truncate,
  wrap,
} from '../src/shared/text.js';

describe('shared/text: widths before and after prepareWidths', () => {
  it('plain text is measured without the Unicode tables; other text is approximate until prepared', async () => {
    expect(displayWidth('abc — ▁█ …')).toBe(10);
    expect(displayWidth('日本語')).toBe(3);
    await prepareWidths(['plain', 'still plain ▂▃']);
    expect(displayWidth('日本語')).toBe(3); // nothing asked for the tables yet
    await prepareWidths(['plain', '日本語']);
    expect(displayWidth('日本語')).toBe(6);
  });
});

describe('shared/text', () => {
  it.each([
    ['  one\n two\t\tthree  ', 'one two three'],
    ['a\r\nb\u2028c', 'a b c'],
    ['', ''],
  ])('singleLine(%j) = %j', (text, expected) => expect(singleLine(text)).toBe(expected));

  it.each([
    ['\n\n  first  \nsecond\n', 'first', 'second'],
    ['only', 'only', 'only'],
    ['', '', ''],
    ['\r\nALSA noise\r\nsox FAIL real reason\r\n', 'ALSA noise', 'sox FAIL real reason'],
  ])('firstLine / lastLine of %j', (text, first, last) => {
    expect(firstLine(text)).toBe(first);
    expect(lastLine(text)).toBe(last);
  });

  it('displayWidth counts terminal columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('🙂')).toBe(2);
  });

  it.each([
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['a longer sentence here', 10, 'a longer…'],
    ['日本語のテキスト', 7, '日本語…'],
    ['🙂🙂🙂🙂', 5, '🙂🙂…'],
    ['anything', 0, ''],
  ])('truncate(%j, %d) = %j', (text, columns, expected) => {
    const out = truncate(text, columns);
    expect(out).toBe(expected);
    expect(displayWidth(out)).toBeLessThanOrEqual(columns);
  });

  it('pad fills to the column count by display width', () => {
    expect(pad('ab', 4)).toBe('ab  ');
    expect(pad('7', 3, 'start')).toBe('  7');
    expect(pad('日本', 6)).toBe('日本  ');
    expect(pad('toolong', 3)).toBe('toolong');
  });

  it.each([
    ['the quick brown fox jumps', 10, ['the quick', 'brown fox', 'jumps']],
    ['keeps\n\nits own breaks', 20, ['keeps', '', 'its own breaks']],
    ['  indented code\n\tand a tab', 40, ['  indented code', '    and a tab']],
    ['supercalifragilistic word', 8, ['supercal', 'ifragili', 'stic', 'word']],
    ['日本語のテキストです', 7, ['日本語', 'のテキ', 'ストで', 'す']],
    ['wide 🙂🙂 ok', 6, ['wide', '🙂🙂', 'ok']],
    ['', 10, ['']],
  ])('wrap(%j, %d)', async (text, columns, expected) => {
    await prepareWidths([text]);
    const lines = wrap(text, columns);
    expect(lines).toEqual(expected);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
  });
});

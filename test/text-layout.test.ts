import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { fitText, graphemes, rowOf, wrapRows } from '../src/tui/text-layout.js';

const rowsOf = (text: string, columns: number) => wrapRows(text, columns).map((r) => text.slice(r.start, r.end));

describe('wrapRows', () => {
  it('breaks after the last space that fits, and inside a word longer than a row', () => {
    expect(rowsOf('the quick brown fox', 10)).toEqual(['the quick ', 'brown fox']);
    expect(rowsOf('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(rowsOf('one\n\ntwo', 10)).toEqual(['one', '', 'two']);
  });

  it('measures by display width: CJK and emoji take two columns, combining marks none', () => {
    const text = '中文字符很宽 👩‍💻👩‍💻 e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301';
    for (const columns of [4, 5, 7, 9]) {
      const rows = rowsOf(text, columns);
      for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(columns);
      expect(rows.join('')).toBe(text.replace(/\n/g, ''));
    }
    // Eight accented letters fit in eight columns, though they are sixteen code units.
    expect(rowsOf('e\u0301'.repeat(8), 8)).toHaveLength(1);
  });

  it('never cuts a grapheme: every row starts and ends on a boundary', () => {
    const text = 'a👨‍👩‍👧b🏳️‍🌈c' + 'नमस्ते'.repeat(3) + '🇫🇷🇩🇪';
    const boundaries = new Set(
      graphemes(text)
        .map((g) => g.index)
        .concat(text.length),
    );
    for (const columns of [1, 2, 3, 4, 6]) {
      for (const row of wrapRows(text, columns)) {
        expect(boundaries.has(row.start)).toBe(true);
        expect(boundaries.has(row.end)).toBe(true);
      }
    }
  });

  it('every index falls in a row; a soft break belongs to the next row', () => {
    const text = 'hello world again';
    const rows = wrapRows(text, 6);
    expect(rows.map((r) => text.slice(r.start, r.end))).toEqual(['hello ', 'world ', 'again']);
    expect(rowOf(rows, 5)).toBe(0);
    expect(rowOf(rows, 6)).toBe(1);
    expect(rowOf(rows, text.length)).toBe(2);
  });
});

describe('graphemes', () => {
  it('agrees with Intl.Segmenter, on the fast paths too', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const texts = [
      'plain ascii, 100%!',
      'Größe, café, naïve — «quotes» …',
      '缓存命中率从百分之六十提高到九十五。',
      'Привет, мир. Γειά σου.',
      '한국어 텍스트 가나다',
      'ภาษาไทย ทำ น้ำ',
      'e\u0301 a\u0308 n\u0303',
      '👩‍💻 🇫🇷 👍🏽 ❤️ 1️⃣',
      'नमस्ते दुनिया',
      '각 jamo',
    ];
    for (const text of texts) {
      expect(
        graphemes(text).map((g) => g.text),
        text,
      ).toEqual([...segmenter.segment(text)].map((g) => g.segment));
    }
  });
});

describe('fitText', () => {
  it('cuts to the width with an ellipsis, never inside an emoji or a wide character', () => {
    expect(fitText('short', 10)).toBe('short');
    for (let columns = 1; columns <= 12; columns++) {
      const cut = fitText('👩‍💻 中文 engineer', columns);
      expect(stringWidth(cut)).toBeLessThanOrEqual(columns);
      expect(cut).not.toMatch(/\u200D…|\uFFFD/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { StreamSanitizer, cleanLine, cleanText } from '../src/shared/sanitize.js';

// Spelled out by code point, so that this file itself carries none of them.
const RLO = '\u202E';
const BIDI = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E', '\u00AD', '\u2061', '\u2064'];
const ZWJ = '\u200D';
const ZWNJ = '\u200C';
const FAMILY = `\u{1F468}${ZWJ}\u{1F469}${ZWJ}\u{1F467}`; // man, woman, girl
const RAINBOW_FLAG = `\u{1F3F3}\uFE0F${ZWJ}\u{1F308}`;
const TECHNOLOGIST = `\u{1F469}\u{1F3FD}${ZWJ}\u{1F4BB}`; // woman, medium skin tone, laptop
const ENGLAND = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
const PERSIAN = `\u0645\u06CC${ZWNJ}\u062E\u0648\u0627\u0647\u0645`; // "mi-khaham": the ZWNJ keeps the prefix apart
const DEVANAGARI = `\u0915\u094D${ZWJ}\u0937`; // a half form asked for with ZWJ

/** Feeds `pieces` to a StreamSanitizer and returns everything it gave out. */
function streamed(pieces: string[]): string {
  const s = new StreamSanitizer();
  return pieces.map((p) => s.push(p)).join('') + s.flush();
}

describe('cleanText', () => {
  it('removes colours, cursor moves, OSC titles, bells and stray controls but keeps text, newlines and tabs', () => {
    const evil = 'Hi \u001B[31mred\u001B[0m\u001B[2J\u001B]0;pwned\u0007 there\u0007\ttab\r\nnext\u0000';
    expect(cleanText(evil)).toBe('Hi red there\ttab\nnext');
  });

  it('keeps non-ASCII text intact', () => {
    expect(cleanText('Привет, café 👋 日本語')).toBe('Привет, café 👋 日本語');
  });

  it('removes 8-bit CSI, OSC and DCS strings, and OSC 8 links ended by ST', () => {
    expect(cleanText('a\u009B2Jb\u001B]8;;http://x\u001B\\c')).toBe('abc');
    expect(cleanText('a\u009D0;pwned\u009Cb\u0090q\u009Cc')).toBe('abc');
  });

  it('leaves no ESC or C1 byte even when sequences are nested or unfinished', () => {
    for (const evil of ['\u001B\u001B[31m[31m', '\u001B]0;never ended', 'x\u001B', '\u009B', '\u001B[', '\u001BP1;2']) {
      const out = cleanText(evil);
      // eslint-disable-next-line no-control-regex -- the bytes that must be gone
      expect(out).not.toMatch(/[\u001B\u0080-\u009F]/);
      expect(cleanText(out)).toBe(out);
    }
  });

  it('removes every bidi control', () => {
    for (const c of BIDI) expect(cleanText(`abc${c}def`), `U+${c.codePointAt(0)?.toString(16)}`).toBe('abcdef');
    expect(cleanText(`file${RLO}gpj.exe`)).toBe('filegpj.exe');
  });

  it('removes zero-width and other invisible format characters between Latin letters', () => {
    for (const c of ZERO_WIDTH)
      expect(cleanText(`Candi${c}date:`), `U+${c.codePointAt(0)?.toString(16)}`).toBe('Candidate:');
  });

  it('removes tag characters that hide text, outside a flag', () => {
    const hidden = [...'ignore'].map((ch) => String.fromCodePoint(0xe0000 + ch.charCodeAt(0))).join('');
    expect(cleanText(`ok${hidden}`)).toBe('ok');
  });

  it('keeps emoji sequences whole: ZWJ sequences, skin tones, flags with tags', () => {
    for (const emoji of [FAMILY, RAINBOW_FLAG, TECHNOLOGIST, ENGLAND]) {
      expect(cleanText(`I ${emoji} it`)).toBe(`I ${emoji} it`);
    }
  });

  it('keeps a ZWJ only between emoji: before or after anything else it goes', () => {
    expect(cleanText(`a${ZWJ}\u{1F4BB}`)).toBe('a\u{1F4BB}');
    expect(cleanText(`\u{1F469}${ZWJ}b`)).toBe('\u{1F469}b');
    expect(cleanText(`\u{1F469}${ZWJ}`)).toBe('\u{1F469}');
    expect(cleanText(`\u{1F469}${ZWJ}${ZWJ}\u{1F4BB}`)).toBe('\u{1F469}\u{1F4BB}');
  });

  it('judges a joiner by its neighbours after the rest is stripped', () => {
    expect(cleanText(`\u{1F468}${RLO}${ZWJ}\u001B[0m\u{1F469}`)).toBe(`\u{1F468}${ZWJ}\u{1F469}`);
  });

  it('keeps the joiners that shape Arabic-script and Indic letters', () => {
    expect(cleanText(PERSIAN)).toBe(PERSIAN);
    expect(cleanText(DEVANAGARI)).toBe(DEVANAGARI);
  });

  it('keeps the visible Arabic number sign', () => {
    expect(cleanText('\u0600\u0661\u0662')).toBe('\u0600\u0661\u0662');
  });

  it('is idempotent', () => {
    const evil = `x\u001B[1m${RLO}y\u200B ${FAMILY}\r\n\u{1F469}${ZWJ}z ${ENGLAND}`;
    expect(cleanText(cleanText(evil))).toBe(cleanText(evil));
  });
});

describe('cleanLine', () => {
  it('makes one line: line breaks and tabs become single spaces, trimmed', () => {
    expect(cleanLine('  model \u001B]0;pwned\u0007\n\tname\r\n ')).toBe('model name');
  });

  it('cuts to the columns asked for', () => {
    const line = cleanLine(`${'x'.repeat(500)}${RLO}`, 40);
    expect(line).toHaveLength(40);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('StreamSanitizer', () => {
  it('strips an escape sequence split across chunks without leaking its tail', () => {
    expect(streamed(['Hello \u001B', '[3', '1mworld', '\u001B[0m!'])).toBe('Hello world!');
  });

  it('strips an OSC title split across chunks, and an 8-bit CSI split from its final byte', () => {
    expect(streamed(['a\u001B]0;pw', 'ned', '\u0007b'])).toBe('ab');
    expect(streamed(['a\u009B3', '1mb'])).toBe('ab');
  });

  it('passes plain text through at once', () => {
    const s = new StreamSanitizer();
    expect(s.push('plain ')).toBe('plain ');
    expect(s.push('text')).toBe('text');
  });

  it('turns a CRLF split across chunks into one newline', () => {
    expect(streamed(['a\r', '\nb'])).toBe('a\nb');
  });

  it('keeps an emoji ZWJ sequence split at the joiner, on either side of it', () => {
    expect(streamed(['I \u{1F469}', `${ZWJ}\u{1F4BB} code`])).toBe(`I \u{1F469}${ZWJ}\u{1F4BB} code`);
    expect(streamed([`I \u{1F469}${ZWJ}`, '\u{1F4BB} code'])).toBe(`I \u{1F469}${ZWJ}\u{1F4BB} code`);
    expect(streamed([`\u{1F468}${ZWJ}`, `\u{1F469}${ZWJ}`, '\u{1F467}'])).toBe(FAMILY);
  });

  it('keeps a surrogate pair split across chunks, and the ZWJ after it', () => {
    expect(streamed(['a \uD83D', `\uDC69${ZWJ}`, '\u{1F4BB}'])).toBe(`a \u{1F469}${ZWJ}\u{1F4BB}`);
  });

  it('drops a joiner split from a letter it does not join', () => {
    expect(streamed([`Candi${ZWJ}`, 'date:'])).toBe('Candidate:');
    expect(streamed(['Candi', `${ZWNJ}date:`])).toBe('Candidate:');
  });

  it('keeps a flag whose tag sequence is split across chunks', () => {
    expect(streamed(['go ', ENGLAND.slice(0, 6), ENGLAND.slice(6), '!'])).toBe(`go ${ENGLAND}!`);
  });

  it('gives the same text as cleanText over the whole, wherever the chunks are cut', () => {
    const text = `Hi \u001B[31mred\u001B[0m ${FAMILY}${RLO} ok\r\n${PERSIAN} \u001B]0;t\u0007${ENGLAND}\u200Bend`;
    const units = [...text]; // cut between characters, never inside a surrogate pair
    for (let cut = 1; cut < units.length; cut++) {
      expect(streamed([units.slice(0, cut).join(''), units.slice(cut).join('')]), `cut at ${cut}`).toBe(
        cleanText(text),
      );
    }
    expect(streamed(units)).toBe(cleanText(text));
  });

  it('does not hold back more than a short tail: a never-ended OSC is given out, stripped', () => {
    const s = new StreamSanitizer();
    const out = s.push(`\u001B]0;${'x'.repeat(100)}`);
    expect(out).not.toContain('\u001B');
    expect(out.length).toBeGreaterThan(50);
  });
});

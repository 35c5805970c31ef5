import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { decodeKeystrokes, KeyboardInput, splitKeys, type PasteState } from '../src/tui/keyboard-input.js';
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, disableBracketedPaste } from '../src/tui/bracketed-paste.js';

const ESC = '\u001b';
// Raw mode turns bracketed paste on for the process: each test starts with it off.
afterEach(disableBracketedPaste);
// Typed keys from a terminal that has shown it sends paste markers (no chunk needs guessing).
const filterKeystrokes = (input: string) => {
  const { clean, rest } = decodeKeystrokes(input, { inPaste: false, markersSeen: true });
  return { clean, rest };
};

describe('filterKeystrokes', () => {
  it.each([
    ['an arrow', `${ESC}[D`],
    ['Ctrl-arrow', `${ESC}[1;5C`],
    ['Home (SS3)', `${ESC}OH`],
    ['Alt-Enter', `${ESC}\r`],
    ['Alt-letter', `${ESC}b`],
    ['Enter, Ctrl-C, Ctrl-U, Backspace', '\r\u0003\u0015\u007f'],
  ])('lets a key through: %s', (_name, keys) => {
    expect(filterKeystrokes(keys)).toEqual({ clean: keys, rest: '' });
  });

  it.each([
    ['SGR colour', `a${ESC}[31mb${ESC}[0m`, 'ab'],
    ['Alt + SGR', `a${ESC}${ESC}[5mb`, 'ab'],
    ['bracketed paste markers', `${ESC}[200~x${ESC}[201~`, 'x'],
    ['unknown ~ key with Ctrl', `${ESC}[9;5~x`, 'x'],
    ['OSC title', `${ESC}]0;t\u0007x`, 'x'],
    ['DCS string', `${ESC}Pq#0${ESC}\\x`, 'x'],
    ['8-bit CSI and NEL', '\u009b31mx\u0085', 'x'],
  ])('drops %s', (_name, input, clean) => {
    expect(filterKeystrokes(input)).toEqual({ clean, rest: '' });
  });

  it('holds back an escape sequence cut between two chunks', () => {
    expect(filterKeystrokes(`ab${ESC}[3`)).toEqual({ clean: 'ab', rest: `${ESC}[3` });
    expect(filterKeystrokes(`${ESC}[3` + '1mc')).toEqual({ clean: 'c', rest: '' });
  });
});

function fakeTerminal() {
  const source = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => source,
    ref: () => source,
    unref: () => source,
  });
  return source as unknown as NodeJS.ReadStream & PassThrough;
}

/** What the app writes to the terminal (bracketed paste on and off). */
function fakeScreen() {
  const written: string[] = [];
  return { isTTY: true, written, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream & {
    written: string[];
  };
}

function nextReadable(input: KeyboardInput): Promise<string> {
  return new Promise((resolve) => input.once('readable', () => resolve(String(input.read() ?? ''))));
}

describe('KeyboardInput', () => {
  it('survives a reader that throws on one chunk and delivers the next', async () => {
    const source = fakeTerminal();
    const errors: unknown[] = [];
    const input = new KeyboardInput(source, (error) => errors.push(error), fakeScreen());
    input.setRawMode(true);
    let calls = 0;
    const throwing = () => {
      calls += 1;
      input.read();
      throw new TypeError('boom');
    };
    input.on('readable', throwing);
    source.write('first');
    await new Promise<void>((resolve) => {
      const check = () => (errors.length > 0 ? resolve() : setImmediate(check));
      check();
    });
    input.off('readable', throwing);
    expect(calls).toBe(1);
    expect(errors).toEqual([new TypeError('boom')]);
    const next = nextReadable(input);
    source.write(`second${ESC}[31m!`);
    expect(await next).toBe('second!');
  });

  it('delivers a lone ESC (the Esc key) once no more bytes follow', async () => {
    const source = fakeTerminal();
    const input = new KeyboardInput(source, undefined, fakeScreen());
    input.setRawMode(true);
    const next = nextReadable(input);
    source.write(ESC);
    expect(await next).toBe(ESC);
  });
});

const fresh: PasteState = { inPaste: false, markersSeen: false };
/** Feeds chunks one after the other, as they arrive: what Ink reads of each. */
function decodeAll(chunks: string[], state: PasteState = fresh): string[] {
  let pending = '';
  return chunks.map((chunk) => {
    const out = decodeKeystrokes(pending + chunk, state);
    pending = out.rest;
    state = out.state;
    return out.clean;
  });
}

describe('pastes and Enter', () => {
  it('inside paste markers, line breaks are new lines (\\n) and typed Enter stays Enter (\\r)', () => {
    expect(decodeAll([`typed ${ESC}[200~one\rtwo\r\nthree\r${ESC}[201~\r`])).toEqual(['typed one\ntwo\nthree\n\r']);
  });

  it('a paste split over chunks, its end marker cut in two, still ends where it ends', () => {
    expect(decodeAll([`${ESC}[200~a\rb`, `\rc${ESC}[20`, `1~ d\r`])).toEqual(['a\nb', '\nc', ' d\r']);
  });

  it('a pasted Ctrl-C, Esc, arrow or colour code is dropped: a paste is text, never keys', () => {
    expect(decodeAll([`${ESC}[200~a\u0003b${ESC}[Dc${ESC}d${ESC}[31me\u007f\tf${ESC}[201~`])).toEqual(['abcde    f']);
  });

  it('without markers, "answer" then Enter in one chunk is typed then sent; text after a line break is a paste', () => {
    expect(decodeAll(['some answer\r'])).toEqual(['some answer\r']);
    expect(decodeAll(['line one\rline two\r'])).toEqual(['line one\nline two\n']);
    // Once the terminal has shown it sends markers, nothing is guessed: every \r is Enter.
    expect(decodeAll([`${ESC}[200~x${ESC}[201~`, 'one\rtwo'])).toEqual(['x', 'one\rtwo']);
  });

  it('the Delete key is sent on as Ctrl-D (Ink would read it as Backspace)', () => {
    expect(decodeAll([`a${ESC}[3~b`])).toEqual(['a\u0004b']);
  });
});

describe('one key per read', () => {
  it('cuts text, control keys and escape sequences apart', () => {
    expect(splitKeys(`abc\u007f\u007f\r${ESC}[Dé👩‍💻\u0003${ESC}\rx\ny`)).toEqual([
      'abc',
      '\u007f',
      '\u007f',
      '\r',
      `${ESC}[D`,
      'é👩‍💻',
      '\u0003',
      `${ESC}\r`,
      'x\ny',
    ]);
  });

  it('Ink reads each key of a chunk on its own: Backspaces and Enter typed in one go all count', async () => {
    const source = fakeTerminal();
    const input = new KeyboardInput(source, undefined, fakeScreen());
    input.setRawMode(true);
    const reads: string[] = [];
    const read = new Promise<void>((resolve) =>
      input.once('readable', () => {
        for (let key = input.read(); key !== null; key = input.read()) reads.push(key);
        resolve();
      }),
    );
    source.write('abc\u007f\u007f\r');
    await read;
    expect(reads).toEqual(['abc', '\u007f', '\u007f', '\r']);
  });
});

describe('bracketed paste', () => {
  it('is on while raw mode is, and off again after', () => {
    const screen = fakeScreen();
    const input = new KeyboardInput(fakeTerminal(), undefined, screen);
    input.setRawMode(true);
    expect(screen.written).toEqual([BRACKETED_PASTE_ON]);
    input.setRawMode(false);
    expect(screen.written).toEqual([BRACKETED_PASTE_ON, BRACKETED_PASTE_OFF]);
  });

  it.each([
    ['a crash (an uncaught error)', "throw new Error('boom')"],
    ['process.exit(130)', 'process.exit(130)'],
  ])('is turned off when the process ends by %s', (_name, ending) => {
    const module = join(import.meta.dirname, '..', 'dist', 'tui', 'bracketed-paste.js');
    const script = `const m = await import(${JSON.stringify(module)}); m.enableBracketedPaste(process.stdout); ${ending};`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stdout).toBe(BRACKETED_PASTE_ON + BRACKETED_PASTE_OFF);
  });
});

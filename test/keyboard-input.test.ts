import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { filterKeystrokes, KeyboardInput } from '../src/tui/keyboard-input.js';

const ESC = '\u001b';

describe('filterKeystrokes', () => {
  it.each([
    ['an arrow', `${ESC}[D`],
    ['Ctrl-arrow', `${ESC}[1;5C`],
    ['Home (SS3)', `${ESC}OH`],
    ['Delete', `${ESC}[3~`],
    ['Alt-Enter', `${ESC}\r`],
    ['Alt-letter', `${ESC}b`],
    ['Enter, Ctrl-C, Ctrl-U, Backspace', '\r\u0003\u0015\u007f'],
  ])('lets a key through: %s', (_name, keys) => {
    expect(filterKeystrokes(keys)).toEqual({ clean: keys, rest: '' });
  });

  it.each([
    ['SGR colour', `a${ESC}[31mb${ESC}[0m`, 'ab'],
    ['Alt + SGR', `a${ESC}${ESC}[5mb`, 'ab'],
    ['bracketed paste', `${ESC}[200~x${ESC}[201~`, 'x'],
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

function nextReadable(input: KeyboardInput): Promise<string> {
  return new Promise((resolve) => input.once('readable', () => resolve(String(input.read() ?? ''))));
}

describe('KeyboardInput', () => {
  it('survives a reader that throws on one chunk and delivers the next', async () => {
    const source = fakeTerminal();
    const errors: unknown[] = [];
    const input = new KeyboardInput(source, (error) => errors.push(error));
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
    const input = new KeyboardInput(source);
    input.setRawMode(true);
    const next = nextReadable(input);
    source.write(ESC);
    expect(await next).toBe(ESC);
  });
});

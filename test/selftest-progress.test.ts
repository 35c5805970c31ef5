import { afterEach, describe, expect, it } from 'vitest';
import { ProgressBar } from '../src/app/selftest/progress-bar.js';

/** A stream that records what was written, a terminal or not. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  const s = { isTTY, columns: 60, write: (chunk: string) => written.push(chunk) > 0 };
  return { s: s as unknown as NodeJS.WriteStream, written };
}

const CLEAR_LINE = '\r\u001B[2K';
let bar: ProgressBar | undefined;
afterEach(() => bar?.stop());

describe('the selftest progress bar', () => {
  it('on a terminal: draws the share done and what it is doing, in place, and clears the line at the end', () => {
    const { s, written } = stream(true);
    bar = new ProgressBar(4, s);
    bar.start('interviewing the scripted candidate');
    bar.step('judging technical-1');
    const last = written.at(-1) ?? '';
    expect(last.startsWith(CLEAR_LINE)).toBe(true);
    expect(last.slice(CLEAR_LINE.length)).toMatch(/^\[#{6}-{18}\] 1\/4 {2}judging technical-1 {2}\d+s$/);
    for (let i = 0; i < 5; i++) bar.step('judging');
    expect(written.at(-1)).toContain('[########################] 4/4');
    expect(written.every((w) => w.length <= 60 + CLEAR_LINE.length)).toBe(true);
    bar.stop();
    expect(written.at(-1)).toBe(CLEAR_LINE);
  });

  it('in a pipe or a log: writes nothing', () => {
    const { s, written } = stream(false);
    bar = new ProgressBar(4, s);
    bar.start('interviewing');
    bar.step('judging');
    bar.stop();
    expect(written).toEqual([]);
  });
});

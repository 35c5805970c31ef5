import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { inkStdout, rewrappedExtraRows, terminalRows } from '../src/tui/ink-stdout.js';

const ERASE_AND_UP = '\u001B[2K\u001B[1A';

function fakeTerminal(columns: number, rows: number) {
  const written: string[] = [];
  const out = Object.assign(new EventEmitter(), {
    columns,
    rows,
    isTTY: true,
    written,
    write: (text: string) => written.push(text) > 0,
  });
  return out as unknown as NodeJS.WriteStream & { written: string[]; columns: number; rows: number };
}

describe('inkStdout', () => {
  it('hides the height from Ink (so it never clears the screen and scrollback); the screens still read it', () => {
    const out = fakeTerminal(80, 24);
    const stdout = inkStdout(out);
    expect(stdout.rows).toBeUndefined();
    expect(stdout.columns).toBe(80);
    expect(terminalRows(stdout)).toBe(24);
  });

  it('when the window narrows, erases the rows the terminal re-wrapped the last frame onto, before anyone repaints', () => {
    const out = fakeTerminal(80, 24);
    const stdout = inkStdout(out);
    const order: string[] = [];
    // Ink subscribes first; the screens after it, and they are told first.
    stdout.on('resize', () => order.push(`ink sees ${out.written.length} writes`));
    stdout.on('resize', () => order.push('screen'));
    // A frame as log-update writes it: erase codes, then three lines (two full-width borders).
    stdout.write(`\u001B[2K\u001B[1A\u001B[G┌${'─'.repeat(78)}┐\n│ short${' '.repeat(72)}│\n└${'─'.repeat(78)}┘\n`);
    out.columns = 60;
    out.emit('resize');
    // Each 80-column line now takes two rows at 60 columns: three rows more than Ink will erase.
    expect(out.written[1]).toBe(`${ERASE_AND_UP.repeat(3)}\u001B[G`);
    expect(order).toEqual(['screen', 'ink sees 2 writes']);
  });

  it('a wider window, or a frame that still fits, erases nothing extra', () => {
    const out = fakeTerminal(80, 24);
    const stdout = inkStdout(out);
    stdout.on('resize', () => {});
    stdout.write('a short frame\n');
    out.columns = 100;
    out.emit('resize');
    out.columns = 40;
    out.emit('resize');
    expect(out.written).toEqual(['a short frame\n']);
  });

  it('counts re-wrapped rows by display width', () => {
    expect(rewrappedExtraRows(`${'中'.repeat(40)}\n`, 60)).toBe(1);
    expect(rewrappedExtraRows(`${'a'.repeat(60)}\n\n`, 60)).toBe(0);
  });
});

import { stripVTControlCharacters } from 'node:util';
import { textWidth } from './text-layout.js';

const TERMINAL_ROWS = Symbol('the terminal rows, hidden from Ink');

type Listener = (...args: unknown[]) => void;

/**
 * The terminal as Ink sees it. Two habits of Ink 6 would damage the person's terminal:
 * - when its live output is as tall as the terminal (or was, before the window got shorter), it
 *   clears the screen and the scrollback (ESC[3J) and prints the whole transcript again;
 * - when the window gets narrower, the terminal re-wraps the last frame onto more rows than
 *   Ink then erases, and pieces of old frames stay behind.
 * So Ink is not told the terminal's height: the screens keep their live region shorter than the
 * terminal themselves (live-layout.ts), reading the height with terminalRows(). And when the
 * window narrows, the rows the re-wrapped frame takes beyond its own line count are erased
 * before Ink repaints: the terminal re-wrapped each line that no longer fits onto
 * ceil(width / columns) rows. (A terminal that cuts lines instead of re-wrapping them, such as
 * xterm, does not need that; there it erases as many rows of the text above.)
 */
export function inkStdout(out: NodeJS.WriteStream): NodeJS.WriteStream {
  // The last frame Ink wrote, as text: Ink writes its static output before the frame, never after.
  let frame = '';
  let columns = out.columns;
  const resizeListeners: Listener[] = [];
  const onResize = () => {
    if (out.columns && columns && out.columns < columns) eraseRewrapped(out, frame, out.columns);
    columns = out.columns;
    // Newest first: Ink subscribes when it starts, before any screen, and must repaint after the
    // screens have sized their live region to the new terminal (or it paints a frame too tall).
    for (const listener of [...resizeListeners].reverse()) listener();
  };
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : '';
    const visible = stripVTControlCharacters(text);
    if (visible !== '') frame = visible;
    return (out.write as (...args: unknown[]) => boolean)(chunk, ...rest);
  };
  const proxy: NodeJS.WriteStream = new Proxy(out, {
    get(target, property) {
      if (property === 'rows') return undefined;
      if (property === TERMINAL_ROWS) return target.rows;
      if (property === 'write') return write;
      if (property === 'on' || property === 'addListener') return on;
      if (property === 'off' || property === 'removeListener') return off;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as Listener).bind(target) : value;
    },
  });
  function on(event: string, listener: Listener) {
    if (event !== 'resize') out.on(event, listener);
    else if (resizeListeners.push(listener) === 1) out.on('resize', onResize);
    return proxy;
  }
  function off(event: string, listener: Listener) {
    if (event !== 'resize') out.off(event, listener);
    else {
      const i = resizeListeners.lastIndexOf(listener);
      if (i !== -1) resizeListeners.splice(i, 1);
      if (i !== -1 && resizeListeners.length === 0) out.off('resize', onResize);
    }
    return proxy;
  }
  return proxy;
}

/** The terminal's rows (Ink's view of the terminal hides them), or undefined when not a terminal. */
export function terminalRows(stdout: NodeJS.WriteStream): number | undefined {
  const hidden = (stdout as { [TERMINAL_ROWS]?: number })[TERMINAL_ROWS];
  return hidden ?? stdout.rows;
}

/**
 * Rows that `frame`, written at the old width and re-wrapped by the terminal at `columns`, takes
 * beyond its own line count. Ink erases one row per line upwards from the row below the frame.
 */
export function rewrappedExtraRows(frame: string, columns: number): number {
  const lines = frame.split('\n');
  const rows = lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / columns)), 0);
  return rows - lines.length;
}

const ERASE_LINE = '\u001B[2K';
const UP = '\u001B[1A';
const TO_COLUMN_1 = '\u001B[G';

/**
 * Erases the bottom `extra` rows of the re-wrapped frame and leaves the cursor where Ink's own
 * erase (one row per line, upwards) then ends exactly on the frame's first row.
 */
function eraseRewrapped(out: NodeJS.WriteStream, frame: string, columns: number): void {
  const extra = rewrappedExtraRows(frame, columns);
  if (extra <= 0) return;
  out.write(`${(ERASE_LINE + UP).repeat(extra)}${TO_COLUMN_1}`);
}

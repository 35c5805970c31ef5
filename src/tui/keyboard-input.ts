import { Readable } from 'node:stream';

/* eslint-disable no-control-regex -- filtering terminal escape sequences is this module's job */

/**
 * What Ink reads instead of the terminal. Ink 6 turns some byte sequences into a key event with
 * no name (a pasted colour code such as ESC[31m reads as "Ctrl + unknown key") and then throws a
 * TypeError out of its stdin listener, which ends the process and loses the answer being typed.
 * So keystrokes are filtered before Ink sees them: the escape sequences of keys the app uses
 * (arrows, Home/End, Delete, Alt-Enter, Esc) pass, every other escape sequence (colours,
 * bracketed-paste markers, OSC/DCS strings) and every C1 byte is dropped. Plain text and C0
 * keystrokes (Enter, Ctrl-C, Ctrl-U…) pass; the answer editor strips what is left of a paste.
 * As a last guard, an exception thrown while Ink handles one chunk is reported and dropped:
 * that keystroke is lost, the session and the answer typed so far are not.
 */
export class KeyboardInput extends Readable {
  readonly isTTY: boolean;
  private pending = '';
  private flushTimer: NodeJS.Immediate | undefined;
  private readonly onData = (chunk: Buffer | string) => this.accept(String(chunk));

  constructor(
    private readonly source: NodeJS.ReadStream,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    super({ encoding: 'utf8' });
    this.isTTY = source.isTTY === true;
  }

  setRawMode(enabled: boolean): this {
    this.source.setRawMode(enabled);
    if (enabled) {
      this.source.setEncoding('utf8');
      this.source.on('data', this.onData);
    } else {
      this.source.off('data', this.onData);
      this.source.pause();
    }
    return this;
  }

  ref(): this {
    this.source.ref();
    return this;
  }

  unref(): this {
    this.source.unref();
    return this;
  }

  override _read(): void {
    // Data is pushed as it arrives from the terminal.
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'readable') return super.emit(event, ...args);
    try {
      return super.emit(event, ...args);
    } catch (error) {
      this.onError(error);
      return true;
    }
  }

  private accept(chunk: string): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    const { clean, rest } = filterKeystrokes(this.pending + chunk);
    this.pending = rest;
    if (clean !== '') this.push(clean);
    // A lone ESC is the Esc key unless more bytes follow at once (as Ink itself decides).
    if (rest !== '') this.flushTimer = setImmediate(() => this.flushPending());
  }

  private flushPending(): void {
    this.flushTimer = undefined;
    const held = this.pending;
    this.pending = '';
    // Only the Esc key is worth delivering; an escape sequence cut off for good is dropped.
    if (held === '\u001B' || held === '\u001B\u001B') this.push(held);
  }
}

// The key sequences Ink names (arrows, Home, End, Insert, Delete, PageUp/Down, Shift-Tab, F1-F4),
// with or without one or two leading ESC (Alt) and a modifier parameter.
const KNOWN_KEY = /^\u001B{1,2}(?:\[(?:1;\d+)?[A-FHZ]|\[[1-8](?:;\d+)?~|O[A-FHP-S])$/;
// A complete CSI or SS3 sequence (optionally Alt-prefixed), then strings (OSC, DCS, PM, APC, SOS).
const SEQUENCE =
  /\u001B{1,2}\[[0-?]*[ -/]*[@-~]|\u001B{1,2}O[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[PX^_][^\u001B]*\u001B\\|\u009B[0-?]*[ -/]*[@-~]|[\u0080-\u009F]/g;
// An escape sequence that may still be completed by the next chunk.
const UNFINISHED = /(?:\u001B{1,2}(?:\[[0-?]*[ -/]*|O|\][^\u0007\u001B]*|[PX^_][^\u001B]*)?|\u009B[0-?]*[ -/]*)$/;

/** Splits a chunk into what Ink may read and an unfinished escape sequence held for the next chunk. */
export function filterKeystrokes(input: string): { clean: string; rest: string } {
  let text = input;
  let rest = '';
  const tail = UNFINISHED.exec(text);
  if (tail && tail[0] !== '' && tail.index + tail[0].length === text.length && tail[0].length < 256) {
    rest = tail[0];
    text = text.slice(0, tail.index);
  }
  const clean = text.replace(SEQUENCE, (sequence) => (KNOWN_KEY.test(sequence) ? sequence : ''));
  return { clean, rest };
}

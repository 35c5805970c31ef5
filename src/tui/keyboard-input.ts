import { Readable } from 'node:stream';
import { disableBracketedPaste, enableBracketedPaste } from './bracketed-paste.js';

/* eslint-disable no-control-regex -- filtering terminal escape sequences is this module's job */

/**
 * What Ink reads instead of the terminal. Ink 6 turns some byte sequences into a key event with
 * no name (a pasted colour code such as ESC[31m reads as "Ctrl + unknown key") and then throws a
 * TypeError out of its stdin listener, which ends the process and loses the answer being typed.
 * So keystrokes are filtered before Ink sees them: the escape sequences of keys the app uses
 * (arrows, Home/End, Delete, Alt-Enter, Esc) pass, every other escape sequence (colours,
 * OSC/DCS strings) and every C1 byte is dropped. Plain text and C0 keystrokes (Enter, Ctrl-C,
 * Ctrl-U…) pass; the answer editor strips what is left of a paste.
 *
 * Pastes: with bracketed paste on (see bracketed-paste.ts; turned on with raw mode), the terminal
 * wraps a paste in ESC[200~ … ESC[201~. What comes between is text, never keys: its line breaks
 * are sent on as \n (a new line in the answer) and every escape sequence and control byte in it
 * is dropped, so a pasted \r or ESC can neither send the answer nor stop the interviewer. Outside
 * a paste, \r is the Enter key, even in the same chunk as text typed before it. A terminal that
 * never sent the markers may not support them: until it does, a chunk in which a line break is
 * followed by more text is taken as a paste (a person does not type past Enter within one read).
 *
 * As a last guard, an exception thrown while Ink handles one chunk is reported and dropped:
 * that keystroke is lost, the session and the answer typed so far are not.
 */
export class KeyboardInput extends Readable {
  readonly isTTY: boolean;
  private pending = '';
  /** Keys decoded and not read yet: Ink reads one per read() call. */
  private readonly keys: string[] = [];
  private paste: PasteState = { inPaste: false, markersSeen: false };
  private flushTimer: NodeJS.Immediate | undefined;
  private readonly onData = (chunk: Buffer | string) => this.accept(String(chunk));

  /** `terminal`: where bracketed paste is turned on while raw mode is (the terminal's output). */
  constructor(
    private readonly source: NodeJS.ReadStream,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly terminal: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
  ) {
    super({ encoding: 'utf8' });
    this.isTTY = source.isTTY === true;
  }

  setRawMode(enabled: boolean): this {
    this.source.setRawMode(enabled);
    if (enabled) {
      this.source.setEncoding('utf8');
      this.source.on('data', this.onData);
      if (this.isTTY && this.terminal.isTTY) enableBracketedPaste(this.terminal);
    } else {
      disableBracketedPaste();
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
    // Keys are queued as they arrive from the terminal (see read()).
  }

  /**
   * One key per call: a run of text, one control key (Enter, Backspace, Ctrl-C…) or one escape
   * sequence. Ink reads until null and takes each read as one keypress, so keys that arrive in
   * one chunk ("answer\r", Backspace ×4 then Enter from tmux send-keys) each count: none is
   * swallowed into a piece of text. (Ink parses escape sequences apart itself, but not control keys.)
   */
  override read(size?: number): string | null {
    if (size === 0) return null;
    return this.keys.shift() ?? null;
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
    const { clean, rest, state } = decodeKeystrokes(this.pending + chunk, this.paste);
    this.pending = rest;
    this.paste = state;
    this.deliver(clean);
    // A lone ESC is the Esc key unless more bytes follow at once (as Ink itself decides).
    if (rest !== '') this.flushTimer = setImmediate(() => this.flushPending());
  }

  private flushPending(): void {
    this.flushTimer = undefined;
    const held = this.pending;
    this.pending = '';
    // Only the Esc key is worth delivering (never inside a paste); an escape sequence cut off for good is dropped.
    if ((held === '\u001B' || held === '\u001B\u001B') && !this.paste.inPaste) this.deliver(held);
  }

  private deliver(clean: string): void {
    if (clean === '') return;
    this.keys.push(...splitKeys(clean));
    this.emit('readable');
  }
}

// One escape sequence (Alt-prefixed or not; a lone ESC is the Esc key), one control key other
// than \n, or a run of text (a paste's \n line breaks stay inside its text).
const KEY =
  /\u001B{1,2}(?:\[[0-?]*[ -/]*[@-~]|O[\s\S]|[\s\S])?|[\u0000-\u0009\u000B-\u001F\u007F]|[^\u0000-\u0009\u000B-\u001F\u007F]+/gu;

/** Decoded keystrokes cut into single keys (see KeyboardInput.read). */
export function splitKeys(clean: string): string[] {
  return clean.match(KEY) ?? [];
}

// The key sequences Ink names (arrows, Home, End, Insert, Delete, PageUp/Down, Shift-Tab, F1-F4),
// with or without one or two leading ESC (Alt) and a modifier parameter.
const KNOWN_KEY = /^\u001B{1,2}(?:\[(?:1;\d+)?[A-FHZ]|\[[1-8](?:;\d+)?~|O[A-FHP-S])$/;
// A complete CSI or SS3 sequence (optionally Alt-prefixed), then strings (OSC, DCS, PM, APC, SOS).
const SEQUENCE =
  /\u001B{1,2}\[[0-?]*[ -/]*[@-~]|\u001B{1,2}O[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[PX^_][^\u001B]*\u001B\\|\u009B[0-?]*[ -/]*[@-~]|[\u0080-\u009F]/g;
// An escape sequence that may still be completed by the next chunk.
const UNFINISHED = /(?:\u001B{1,2}(?:\[[0-?]*[ -/]*|O|\][^\u0007\u001B]*|[PX^_][^\u001B]*)?|\u009B[0-?]*[ -/]*)$/;

// Bracketed-paste markers: the start (200) and end (201) of a paste.
const PASTE_MARKER = /\u001B\[20([01])~/g;
// What a paste may not carry on: controls other than \t and \n (a lone ESC too), DEL, C1 bytes.
const PASTED_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Delete (ESC[3~) reads as Backspace in Ink; it is sent on as Ctrl-D, which the editor takes as Delete.
const DELETE_KEY = '\u001B[3~';

export interface PasteState {
  /** Between ESC[200~ and ESC[201~. */
  inPaste: boolean;
  /** The terminal has sent paste markers: it supports them, so no chunk needs guessing. */
  markersSeen: boolean;
}

/**
 * Splits a chunk into what Ink may read and an unfinished escape sequence held for the next
 * chunk, decoding pastes (see KeyboardInput): pasted line breaks become \n, typed Enter stays \r.
 */
export function decodeKeystrokes(input: string, state: PasteState): { clean: string; rest: string; state: PasteState } {
  let text = input;
  let rest = '';
  const tail = UNFINISHED.exec(text);
  if (tail && tail[0] !== '' && tail.index + tail[0].length === text.length && tail[0].length < 256) {
    rest = tail[0];
    text = text.slice(0, tail.index);
  }
  let { inPaste, markersSeen } = state;
  let clean = '';
  let from = 0;
  const take = (piece: string) => (clean += inPaste ? pastedText(piece) : typedKeys(piece, markersSeen));
  for (const marker of text.matchAll(PASTE_MARKER)) {
    take(text.slice(from, marker.index));
    inPaste = marker[1] === '0';
    markersSeen = true;
    from = marker.index + marker[0].length;
  }
  take(text.slice(from));
  return { clean, rest, state: { inPaste, markersSeen } };
}

function typedKeys(text: string, markersSeen: boolean): string {
  const keys = text.replace(SEQUENCE, (sequence) =>
    sequence === DELETE_KEY ? '\u0004' : KNOWN_KEY.test(sequence) ? sequence : '',
  );
  // Without markers, text after a line break in the same read is a paste: its breaks are lines.
  if (!markersSeen && /\r/.test(keys.replace(/\r+$/, ''))) return pastedText(keys);
  return keys;
}

// A tab alone reads as the Tab key (push-to-talk): pasted ones are spaces.
function pastedText(text: string): string {
  return text.replace(SEQUENCE, '').replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(PASTED_CONTROL, '');
}

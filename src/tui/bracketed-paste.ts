/**
 * Bracketed paste: while it is on, the terminal wraps pasted text in ESC[200~ … ESC[201~, so a
 * paste's line breaks can be told from the Enter key (KeyboardInput decodes them). It must be
 * turned off again however the process ends, or the shell the person returns to receives the
 * markers around every paste. Turned on with raw mode and off with it; the 'exit' listener covers
 * a crash (an uncaught error ends in 'exit') and every path that ends with process.exit().
 * A signal path that kills the process without process.exit() must call disableBracketedPaste().
 */

export const BRACKETED_PASTE_ON = '\u001B[?2004h';
export const BRACKETED_PASTE_OFF = '\u001B[?2004l';

let terminal: NodeJS.WritableStream | null = null;

/** Turns bracketed paste on in `out` (a terminal) until disableBracketedPaste() or the process exits. */
export function enableBracketedPaste(out: NodeJS.WritableStream): void {
  if (terminal) return;
  terminal = out;
  out.write(BRACKETED_PASTE_ON);
  process.once('exit', disableBracketedPaste);
}

/** Turns bracketed paste off again; safe to call any number of times, and when it was never on. */
export function disableBracketedPaste(): void {
  const out = terminal;
  if (!out) return;
  terminal = null;
  process.off('exit', disableBracketedPaste);
  if ((out as { writable?: boolean }).writable === false) return;
  try {
    // A terminal's write is synchronous, so this lands even from the 'exit' listener.
    out.write(BRACKETED_PASTE_OFF);
  } catch {
    // The terminal is gone (closed window): nothing is left to restore.
  }
}

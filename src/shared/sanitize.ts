/**
 * Model output is untrusted: it must never move the cursor, change colours,
 * set the window title or ring the bell. We keep printable text, newlines and tabs.
 */
/* eslint-disable no-control-regex -- matching control characters and escape sequences is this module's job */
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/PM/APC/SOS strings, other 2-byte ESC sequences.
const ESCAPE_SEQUENCE =
  /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[PX^_][^\u001B]*\u001B\\|\u001B[@-Z\\-_]|\u009B[0-?]*[ -/]*[@-~]/g;
// Remaining C0 controls except \t and \n, DEL, C1 controls, and a lone ESC.
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function stripControlSequences(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROL_CHARS, '');
}

/**
 * Strips a stream chunk by chunk. An escape sequence can be split across chunks,
 * so a trailing ESC that may still be completed is held back until the next push.
 */
export class StreamSanitizer {
  private pending = '';

  push(chunk: string): string {
    const text = this.pending + chunk;
    const lastEsc = Math.max(text.lastIndexOf('\u001B'), text.lastIndexOf('\r'));
    // Hold back an unfinished escape (or a CR that may be the start of CRLF) for at most 64 chars.
    if (lastEsc !== -1 && text.length - lastEsc < 64 && !isComplete(text.slice(lastEsc))) {
      this.pending = text.slice(lastEsc);
      return stripControlSequences(text.slice(0, lastEsc));
    }
    this.pending = '';
    return stripControlSequences(text);
  }

  flush(): string {
    const rest = stripControlSequences(this.pending);
    this.pending = '';
    return rest;
  }
}

function isComplete(tail: string): boolean {
  if (tail.startsWith('\r')) return tail.length > 1;
  if (tail.length < 2) return false;
  const kind = tail.charAt(1);
  if (kind === '[') return /^\u001B\[[0-?]*[ -/]*[@-~]/.test(tail);
  if (kind === ']') return /\u0007|\u001B\\/.test(tail.slice(2));
  if ('PX^_'.includes(kind)) return tail.slice(2).includes('\u001B\\');
  return true;
}

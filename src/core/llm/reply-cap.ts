/**
 * How much of one model reply the app reads. A real server stops at num_predict; a broken or
 * hostile one can send megabytes, and every character read is held in memory (and in the calls
 * log). Past the cap the client stops reading, hangs up, and ends the reply as if the model had
 * hit its length limit.
 *
 * - reply text: 16,000 characters once control sequences are stripped, or 8 per token of the
 *   call's num_predict when that is more (the judge of a long session writes more than 16,000);
 * - the same text as received: 4 times that (a reply padded with escape sequences);
 * - reasoning (a thinking model's `thinking` field, never shown): the same cap, on its own.
 */
import { StreamSanitizer } from '../../shared/sanitize.js';

export const REPLY_CHAR_CAP = 16_000;
/** Real tokens average about 4 characters: a reply within num_predict stays well under this. */
const CHARS_PER_TOKEN = 8;
const RAW_FACTOR = 4;

/** The cap on a reply's text for a call with this num_predict. */
export function replyCharCap(numPredict: number | null): number {
  return Math.max(REPLY_CHAR_CAP, CHARS_PER_TOKEN * (numPredict ?? 0));
}

/** Which part of the reply ran past its cap. */
export type ReplyCapped = 'content' | 'thinking';

/** Counts a streamed reply against its caps. */
export class ReplyMeter {
  private readonly sanitizer = new StreamSanitizer();
  private visible = 0;
  private raw = 0;
  private thinking = 0;

  constructor(readonly cap: number) {}

  /** Counts a chunk; what it would take past its cap (the chunk is then not to be used), else null. */
  add(text: string, thinking: string): ReplyCapped | null {
    this.raw += text.length;
    this.visible += this.sanitizer.push(text).length;
    this.thinking += thinking.length;
    if (this.visible > this.cap || this.raw > this.cap * RAW_FACTOR) return 'content';
    if (this.thinking > this.cap) return 'thinking';
    return null;
  }
}

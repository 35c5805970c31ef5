export type ReplyLabel = 'follow-up' | 'next' | 'close';

const LABEL = /^[\s*_"'`]*(follow[- ]?up|next|close)[*_]*\s*[:\-–—][*_"'`]*\s*/i;
const WORDS = ['follow-up', 'follow up', 'followup', 'next', 'close'];
const MAX_PREFIX = 24;

/**
 * The interviewer starts each reply with a label (FOLLOW-UP:, NEXT:, CLOSE:). While the
 * reply streams, we hold back the first few characters until we know whether they are a
 * label, so the label is never shown. A reply without a label is passed through as it is.
 */
export class ReplyLabelParser {
  private buffer = '';
  private decided = false;
  label: ReplyLabel | null = null;

  /** Returns the text that may be shown now. */
  push(text: string): string {
    if (this.decided) return text;
    this.buffer += text;
    const match = LABEL.exec(this.buffer);
    if (match) {
      // Wait for the first non-space character after the colon, so the spaces are trimmed too.
      if (match[0].length === this.buffer.length && this.buffer.length < MAX_PREFIX) return '';
      this.label = normalize(match[1] ?? '');
      return this.release(this.buffer.slice(match[0].length));
    }
    if (this.couldStillBeLabel()) return '';
    return this.release(this.buffer.replace(/^\s+/, ''));
  }

  /** The stream ended: whatever is held back is text. */
  flush(): string {
    if (this.decided) return '';
    const match = LABEL.exec(this.buffer);
    if (match) this.label = normalize(match[1] ?? '');
    return this.release(match ? this.buffer.slice(match[0].length) : this.buffer.trim());
  }

  private release(text: string): string {
    this.decided = true;
    this.buffer = '';
    return text;
  }

  private couldStillBeLabel(): boolean {
    if (this.buffer.length >= MAX_PREFIX) return false;
    const head = this.buffer.replace(/^[\s*_"'`]*/, '').toLowerCase();
    if (head === '') return true;
    return WORDS.some((w) => w.startsWith(head) || (head.startsWith(w) && /^\s*$/.test(head.slice(w.length))));
  }
}

function normalize(word: string): ReplyLabel {
  const w = word.toLowerCase();
  if (w.startsWith('follow')) return 'follow-up';
  return w as ReplyLabel;
}

/** Does the reply ask (roughly) the planned question? Used when the model forgot its label. */
export function mentionsQuestion(reply: string, planned: string): boolean {
  const words = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9']{4,}/g) ?? []);
  const plannedWords = words(planned);
  if (plannedWords.size === 0) return false;
  const replyWords = words(reply);
  let shared = 0;
  for (const w of plannedWords) if (replyWords.has(w)) shared++;
  return shared / plannedWords.size >= 0.5;
}

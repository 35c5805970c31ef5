import { createInterface } from 'node:readline';
import type { AnswerAction, AnswerSource } from '../../model/events.js';
import { cleanText } from '../../shared/sanitize.js';
import { ANSWER_CHAR_LIMIT } from './answer-limit.js';
import { commandOf } from './answer-commands.js';

/** A character is at most 2 UTF-16 units: holding this many keeps more than the limit's characters. */
const HELD_LIMIT = 2 * ANSWER_CHAR_LIMIT;

/**
 * Answers from a text stream, one per paragraph (blank line between answers).
 * A paragraph that is just /skip or /end is that command. At the end of the
 * stream the last paragraph is an answer, and after it the interview ends.
 */
export class ParagraphAnswers implements AnswerSource {
  private readonly queue: AnswerAction[] = [];
  private waiting: ((a: AnswerAction) => void) | null = null;
  private lines: string[] = [];
  /** UTF-16 units in `lines`, newlines included. */
  private size = 0;
  private ended = false;
  private startedAt = Date.now();
  private readonly rl;

  constructor(input: NodeJS.ReadableStream) {
    const rl = (this.rl = createInterface({ input, crlfDelay: Infinity, terminal: false }));
    rl.on('line', (raw) => {
      // Cleaned first, so a line that only looks blank (escapes, zero-width characters) is one.
      const line = cleanText(raw);
      if (line.trim() === '') this.flushParagraph();
      // A paragraph past the limit is cut when it is saved (and the person told): the rest is not held.
      else if (this.size <= HELD_LIMIT) {
        const kept = this.lines.length === 0 ? line.trim() : line.trimEnd();
        this.lines.push(kept);
        this.size += kept.length + 1;
      }
    });
    rl.on('close', () => {
      this.flushParagraph();
      this.ended = true;
      this.deliver({ type: 'end' });
    });
  }

  /** Stop reading (the interview is over); unread input is left alone. */
  close(): void {
    this.rl.close();
  }

  next(): Promise<AnswerAction> {
    this.startedAt = Date.now();
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve({ type: 'end' });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private flushParagraph(): void {
    if (this.lines.length === 0) return;
    const text = this.lines.join('\n').trim();
    this.lines = [];
    this.size = 0;
    this.deliver(parseAnswer(text, Date.now() - this.startedAt));
  }

  private deliver(action: AnswerAction): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting(action);
    } else if (action.type !== 'end') {
      this.queue.push(action);
    }
  }
}

/**
 * Typed commands work the same in the TUI and in piped answers: /skip, and /end (or /quit,
 * /exit). Anything else, /help and unknown commands included, is an answer here (the TUI
 * handles those two before it sends).
 */
export function parseAnswer(text: string, durationMs?: number): AnswerAction {
  const command = commandOf(text)?.command;
  if (command === 'skip') return { type: 'skip' };
  if (command === 'end') return { type: 'end' };
  return { type: 'answer', text: text.trim(), durationMs };
}

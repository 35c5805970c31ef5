import type { AnswerAction, AnswerSource } from '../model/events.js';

/** The TUI's answer source: the interview awaits next(), the answer box calls submit(). */
export class PromptAnswers implements AnswerSource {
  private pending: ((a: AnswerAction) => void) | null = null;

  next(): Promise<AnswerAction> {
    return new Promise((resolve) => (this.pending = resolve));
  }

  submit(action: AnswerAction): boolean {
    const resolve = this.pending;
    if (!resolve) return false;
    this.pending = null;
    resolve(action);
    return true;
  }
}

import type { Turn } from '../../model/turn.js';
import type { AnswerAction } from '../../model/events.js';

/** Where an interrupted interview stopped, read from its saved turns. */
export type ResumePoint =
  | { pending: 'opening' }
  | { pending: 'closed' }
  /** The last question is waiting for an answer. */
  | { pending: 'answer'; qn: number; followUp: boolean; followUpsUsed: number }
  /** The candidate answered but the interviewer's next turn was never saved. */
  | {
      pending: 'next-step';
      qn: number;
      followUp: boolean;
      followUpsUsed: number;
      action: Exclude<AnswerAction, { type: 'end' }>;
    };

export function resumePoint(turns: Turn[]): ResumePoint {
  const interviewer = turns.filter((t) => t.speaker === 'interviewer');
  const lastInterviewer = interviewer.at(-1);
  if (!lastInterviewer || !interviewer.some((t) => t.kind === 'question')) return { pending: 'opening' };
  if (lastInterviewer.kind === 'closing') return { pending: 'closed' };
  const qn = Math.max(...interviewer.filter((t) => t.kind === 'question').map((t) => t.questionNumber ?? 1));
  const followUpsUsed = interviewer.filter((t) => t.kind === 'follow-up' && t.questionNumber === qn).length;
  const followUp = lastInterviewer.kind === 'follow-up';
  const last = turns.at(-1);
  if (!last || last.speaker === 'interviewer') return { pending: 'answer', qn, followUp, followUpsUsed };
  const action =
    last.kind === 'skipped'
      ? { type: 'skip' as const }
      : { type: 'answer' as const, text: last.content, durationMs: last.durationMs ?? undefined };
  return { pending: 'next-step', qn, followUp, followUpsUsed, action };
}

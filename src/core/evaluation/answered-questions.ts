import type { DeliveryMetrics } from '../../model/delivery.js';
import type { Turn } from '../../model/turn.js';
import { isUnreadable } from '../../model/unreadable.js';

/** One main question with its follow-ups and everything the candidate said about it. */
export interface AnsweredQuestion {
  number: number;
  /** The planned question (clean, for display), or what was asked when there is no plan. */
  question: string;
  /** What the interviewer actually said, greeting and paraphrase included (what the judge sees). */
  asked: string;
  followUps: string[];
  /** Candidate answers in order (to the main question, then to follow-ups). Empty when skipped. */
  answers: string[];
  skipped: boolean;
  /** Spoken answers only: delivery measured from the recording, one per spoken answer. */
  delivery: DeliveryMetrics[];
  /** Deep round: what this phase is graded on (from the plan). */
  focus?: string;
}

/** Groups a saved transcript by main question, the shape both evaluators grade. */
export function answeredQuestions(turns: Turn[], plan: { text: string; focus?: string }[] = []): AnsweredQuestion[] {
  const byNumber = new Map<number, AnsweredQuestion>();
  for (const t of turns) {
    const n = t.questionNumber;
    if (n === null) continue;
    let q = byNumber.get(n);
    if (!q) {
      q = {
        number: n,
        question: plan[n - 1]?.text ?? '',
        asked: '',
        followUps: [],
        answers: [],
        skipped: false,
        delivery: [],
      };
      const focus = plan[n - 1]?.focus;
      if (focus) q.focus = focus;
      byNumber.set(n, q);
    }
    if (t.kind === 'question') {
      q.asked = t.content;
      q.question ||= t.content;
    }
    // The answer to a clarifying question is the interviewer's next turn, as a follow-up is: the
    // candidate's answers alternate with these turns.
    else if (t.kind === 'follow-up' || t.kind === 'clarify') q.followUps.push(t.content);
    else if (t.kind === 'answer') {
      q.answers.push(t.content);
      // Damaged metrics (shown as unreadable in the export) cost this answer its delivery line, not the evaluation.
      if (t.metrics && !isUnreadable(t.metrics) && t.metrics.delivery) q.delivery.push(t.metrics.delivery);
    } else if (t.kind === 'skipped') q.skipped = true;
  }
  // Only questions the candidate actually reached: asked, and answered or skipped.
  return [...byNumber.values()]
    .filter((q) => q.asked && (q.answers.length > 0 || q.skipped))
    .sort((a, b) => a.number - b.number);
}

export function candidateText(questions: AnsweredQuestion[]): string {
  return questions.flatMap((q) => q.answers).join('\n');
}

import type { TurnRow } from '../../db/transcripts.js';
import type { DeliveryMetrics } from '../../model/delivery.js';

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
}

/** Groups a saved transcript by main question, the shape both evaluators grade. */
export function answeredQuestions(turns: TurnRow[], plan: { text: string }[] = []): AnsweredQuestion[] {
  const byNumber = new Map<number, AnsweredQuestion>();
  for (const t of turns) {
    const n = t.question_number;
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
      byNumber.set(n, q);
    }
    if (t.kind === 'question') {
      q.asked = t.content;
      q.question ||= t.content;
    } else if (t.kind === 'follow-up') q.followUps.push(t.content);
    else if (t.kind === 'answer') {
      q.answers.push(t.content);
      const delivery = t.metrics_json
        ? (JSON.parse(t.metrics_json) as { delivery?: DeliveryMetrics }).delivery
        : undefined;
      if (delivery) q.delivery.push(delivery);
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

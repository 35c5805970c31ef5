/**
 * Part B: a backend interview with the scripted candidate (core/selftest/candidates.ts), run by
 * the Interview class exactly as `start` runs one, to see how the interviewer model keeps to the
 * protocol: which turn follows each answer, and what the reply checks had to cut.
 */
import { Interview } from '../../core/interview/interview.js';
import { findRole } from '../../core/roles/catalog.js';
import { FOLLOW_UP_REPLY, SCRIPTED_ANSWERS, type ScriptedAnswer } from '../../core/selftest/candidates.js';
import type { ProtocolObservation } from '../../core/selftest/interviewer-figures.js';
import type { AnswerAction, AnswerSource } from '../../model/events.js';
import type { SelftestContext } from './context.js';

export async function observeProtocol(ctx: SelftestContext): Promise<Omit<ProtocolObservation, 'calls'>> {
  const role = findRole('backend');
  const answers: ProtocolObservation['answers'] = [];
  const replies: ProtocolObservation['replies'] = [];
  let followUp = false;
  /** The scripted answer given last, until the interviewer's next turn says what followed it. */
  const state: { pending: ScriptedAnswer | null; given: number } = { pending: null, given: 0 };
  const source: AnswerSource = {
    next: (): Promise<AnswerAction> => {
      // A follow-up gets a short on-topic reply; each main question its scripted answer.
      if (followUp) return Promise.resolve({ type: 'answer', text: FOLLOW_UP_REPLY });
      const answer = SCRIPTED_ANSWERS[state.given++];
      state.pending = answer ?? null;
      if (answer) ctx.step('interviewing the scripted candidate');
      return Promise.resolve(answer ? { type: 'answer', text: answer.text } : { type: 'end' });
    },
  };
  const interview = new Interview(
    {
      role,
      difficulty: 'medium',
      questions: SCRIPTED_ANSWERS.length,
      plan: SCRIPTED_ANSWERS.map((a) => a.question),
      model: ctx.interviewer.llm.model,
      host: ctx.host,
    },
    { db: ctx.db, llm: ctx.interviewer.llm, offlineReason: null },
  );
  let lastReply: ProtocolObservation['replies'][number] | null = null;
  for await (const event of interview.run(source, ctx.signal)) {
    if (event.type === 'awaiting-answer') followUp = event.followUp;
    else if (event.type === 'question') {
      if (state.pending) answers.push({ kind: state.pending.kind, followedBy: event.kind });
      state.pending = null;
      // Every turn is the model's reply as the checks left it (or the app's wording in its place).
      lastReply = { askedBy: event.askedBy, notices: [] };
      replies.push(lastReply);
    } else if (event.type === 'notice' && lastReply && event.level === 'info') {
      lastReply.notices.push(event.message);
    }
  }
  return { answers, replies };
}

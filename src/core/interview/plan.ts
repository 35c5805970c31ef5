import type { Difficulty, RoleTemplate } from '../../model/role.js';
import type { PlannedQuestion, Session } from '../../model/session.js';
import { isUnreadable } from '../../model/unreadable.js';
import { CoachError } from '../../shared/errors.js';
import { shortId } from '../../shared/format.js';

const ORDER: Difficulty[] = ['easy', 'medium', 'hard'];

/**
 * Picks the main questions for one interview: questions at the chosen difficulty first,
 * then the nearest levels, shuffled within a level so practice does not repeat itself,
 * and ordered easy to hard the way a human interviewer warms up.
 */
export function planQuestions(
  role: RoleTemplate,
  difficulty: Difficulty,
  count: number,
  random: () => number = Math.random,
): PlannedQuestion[] {
  const target = ORDER.indexOf(difficulty);
  const byDistance = [...role.questions]
    .map((q) => ({ q, distance: Math.abs(ORDER.indexOf(q.difficulty) - target), tie: random() }))
    .sort((a, b) => a.distance - b.distance || a.tie - b.tie)
    .slice(0, count)
    .map(({ q }) => q);
  return byDistance
    .sort((a, b) => ORDER.indexOf(a.difficulty) - ORDER.indexOf(b.difficulty))
    .map((q) => ({ text: q.text, difficulty: q.difficulty, topics: q.topics }));
}

/** How many follow-ups a main question may get before we move on. */
export function followUpsPerQuestion(difficulty: Difficulty): number {
  return difficulty === 'hard' ? 2 : 1;
}

/**
 * The plan saved with a session, for resume and retry: they must ask the same questions, so a
 * damaged plan stops them here with the reason, before anything starts.
 */
export function savedPlan(session: Pick<Session, 'id' | 'plan'>): PlannedQuestion[] {
  if (!isUnreadable(session.plan)) return session.plan;
  const short = shortId(session.id);
  throw new CoachError(`The saved question plan of session ${short} is damaged (${session.plan.unreadable}).`, {
    hint: `Its transcript is kept: \`interview-coach export ${short}\` and \`interview-coach evaluate ${short}\` still work. Start a new session to practise again.`,
  });
}

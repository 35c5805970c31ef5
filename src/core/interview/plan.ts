import type { Difficulty, RoleTemplate } from '../../model/role.js';
import type { PlannedQuestion, Session } from '../../model/session.js';
import { isUnreadable } from '../../model/unreadable.js';
import { CoachError } from '../../shared/errors.js';
import { shortId } from '../../shared/format.js';

const ORDER: Difficulty[] = ['easy', 'medium', 'hard'];

/**
 * What the person answered in earlier sessions of a role: question text -> when it was last
 * asked (ISO 8601), as db/question-history.ts reads it; empty for someone new to the role.
 */
export type AskedBefore = ReadonlyMap<string, string>;

/**
 * Picks the main questions for one interview: questions at the chosen difficulty first, then
 * the nearest levels. Within a level, questions never answered come first (shuffled, so practice
 * does not repeat itself), then the least recently asked, so consecutive sessions only repeat a
 * question once that level's pool is used up. The result is ordered easy to hard, the way a
 * human interviewer warms up.
 */
export function planQuestions(
  role: RoleTemplate,
  difficulty: Difficulty,
  count: number,
  random: () => number = Math.random,
  askedBefore: AskedBefore = new Map(),
): PlannedQuestion[] {
  const target = ORDER.indexOf(difficulty);
  const chosen = [...role.questions]
    .map((q) => {
      const asked = askedBefore.get(q.text);
      return {
        q,
        distance: Math.abs(ORDER.indexOf(q.difficulty) - target),
        answered: asked === undefined ? 0 : 1,
        lastAsked: asked === undefined ? 0 : lastAskedMs(asked),
        tie: random(),
      };
    })
    .sort((a, b) => a.distance - b.distance || a.answered - b.answered || a.lastAsked - b.lastAsked || a.tie - b.tie)
    .slice(0, count)
    .map(({ q }) => q);
  // A stable sort: within a level the questions keep the freshest-first order chosen above.
  return chosen
    .sort((a, b) => ORDER.indexOf(a.difficulty) - ORDER.indexOf(b.difficulty))
    .map((q) => ({ text: q.text, difficulty: q.difficulty, topics: q.topics }));
}

/** A time that does not parse counts as long ago rather than as recent. */
function lastAskedMs(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
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

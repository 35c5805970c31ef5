import type { Db } from '../../db/open.js';
import { sessionPlan } from '../../db/sessions.js';
import { listTurns } from '../../db/transcripts.js';
import { isUnreadable } from '../../model/unreadable.js';
import { answeredQuestions, type AnsweredQuestion } from './answered-questions.js';

/**
 * A saved session's questions as both evaluators grade them. The plan only gives each question
 * its clean text: when plan_json is damaged the text the interviewer asked stands in, so the
 * evaluation still works.
 */
export function sessionQuestions(db: Db, sessionId: string): AnsweredQuestion[] {
  const plan = sessionPlan(db, sessionId);
  return answeredQuestions(listTurns(db, sessionId), isUnreadable(plan) ? [] : plan);
}

import type { Db } from '../../db/open.js';
import type { Evaluation } from '../../model/evaluation.js';
import type { LlmClient } from '../llm/types.js';
import type { RoleTemplate } from '../../model/role.js';
import { evaluateWithLlm, type EvaluateOptions } from './ai-evaluation.js';
import { sessionQuestions } from './session-questions.js';
import { evaluateHeuristically } from './heuristic-evaluation.js';

/** Who grades: the AI judge (a model on Ollama) or the offline heuristics. */
export type Judge = { kind: 'ai'; llm: LlmClient } | { kind: 'heuristic' };

export type EvaluationOutcome = { evaluation: Evaluation } | { skipped: string };

export async function evaluateSession(
  db: Db,
  sessionId: string,
  role: RoleTemplate,
  judge: Judge,
  /** samples: judgements per question group for the AI judge (the heuristics ignore it). */
  opts: EvaluateOptions = {},
): Promise<EvaluationOutcome> {
  if (sessionQuestions(db, sessionId).length === 0) {
    return { skipped: 'No answers were given, so there is nothing to evaluate.' };
  }
  const evaluation =
    judge.kind === 'ai'
      ? await evaluateWithLlm(db, sessionId, role, judge.llm, opts)
      : evaluateHeuristically(db, sessionId, role);
  return { evaluation };
}

import { firstIssue } from '../../model/schema-issue.js';
import type { Db } from '../../db/open.js';
import { getSession } from '../../db/sessions.js';
import { insertEvaluation } from '../../db/evaluations.js';
import type { Evaluation } from '../../model/evaluation.js';
import type { LlmClient } from '../llm/types.js';
import { LlmError, toLlmError } from '../llm/llm-errors.js';
import type { RoleTemplate } from '../../model/role.js';
import { sessionQuestions } from './session-questions.js';
import { judgeJsonSchema, judgeSchema } from './evaluation-schema.js';
import { guardVerdict } from './guards.js';
import type { JudgeVerdict } from './judge-verdict.js';
import { judgeMessages } from './judge-prompt.js';
import { rubricFor } from './rubrics.js';

export const MAX_ATTEMPTS = 3;
/** Deterministic judging: the same transcript gets the same grades on a rerun. */
const JUDGE_OPTIONS = { temperature: 0, seed: 42, num_predict: 3072 };

export class EvaluationCancelled extends Error {}

export interface EvaluateProgress {
  attempt: number;
  tokens: number;
}

/**
 * Asks the judge model for a structured evaluation, validates it, retries on invalid JSON,
 * schema mismatch or truncation, and stores the result. A judge that keeps failing gives a
 * stored *failed* evaluation with the reason: never a default score.
 */
export async function evaluateWithLlm(
  db: Db,
  sessionId: string,
  role: RoleTemplate,
  llm: LlmClient,
  opts: { signal?: AbortSignal; onProgress?: (p: EvaluateProgress) => void } = {},
): Promise<Evaluation> {
  const session = getSession(db, sessionId);
  if (!session) throw new Error(`session ${sessionId} not found`);
  const questions = sessionQuestions(db, sessionId);
  const rubric = rubricFor(role.family);
  const numbers = questions.map((q) => q.number);
  const schema = judgeSchema(rubric, numbers);
  const jsonSchema = judgeJsonSchema(rubric, numbers);
  const messages = judgeMessages({
    roleTitle: session.roleTitle,
    difficulty: session.difficulty,
    rubric,
    questions,
    jsonSchema,
  });
  const started = Date.now();
  const base = { sessionId, kind: 'ai' as const, model: llm.model, rubric: rubric.family };
  let lastProblem = '';

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // A retry must differ from the failed call: with temperature 0 the same request gives the same output.
    const retryNote: typeof messages = lastProblem
      ? [
          {
            role: 'user',
            content: `Your previous reply could not be used (${lastProblem}). Reply again with only the JSON object, complete and shorter.`,
          },
        ]
      : [];
    let text = '';
    let doneReason = '';
    try {
      let tokens = 0;
      for await (const chunk of llm.chat([...messages, ...retryNote], {
        signal: opts.signal,
        format: jsonSchema,
        options: { ...JUDGE_OPTIONS, seed: JUDGE_OPTIONS.seed + attempt - 1 },
        purpose: 'judge',
        attempt,
      })) {
        text += chunk.text;
        opts.onProgress?.({ attempt, tokens: ++tokens });
        if (chunk.done) doneReason = chunk.doneReason ?? 'stop';
      }
    } catch (err) {
      const e = err instanceof LlmError ? err : toLlmError(err, { host: llm.host, model: llm.model }, true);
      if (e.kind === 'aborted') throw new EvaluationCancelled('Evaluation cancelled.');
      // The judge cannot be reached at all: retrying now will not help.
      if (e.kind === 'unreachable' || e.kind === 'model-missing')
        return fail(`${e.message} ${e.hint ?? ''}`.trim(), attempt);
      lastProblem = e.message;
      continue;
    }
    if (doneReason === 'length') {
      lastProblem = 'the reply was cut off at the length limit';
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      lastProblem = 'it was not valid JSON';
      continue;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      lastProblem = firstIssue(parsed.error, 'the object');
      continue;
    }
    const out = parsed.data;
    const verdict: JudgeVerdict = {
      answers: out.per_answer.map((a) => ({
        questionNumber: a.question_number,
        quote: a.quote,
        landed: a.landed,
        missing: a.missing,
        score: a.score,
        strongerAnswer: a.stronger_answer,
      })),
      dimensions: Object.entries(out.dimension_scores).map(([id, d]) => ({ id, evidence: d.evidence, score: d.score })),
      strengths: out.strengths,
      areas: out.areas_for_improvement,
      detailedFeedback: out.detailed_feedback,
    };
    const guarded = guardVerdict(verdict, { questions, rubric, keywords: role.keywords });
    if (!guarded) {
      lastProblem = 'a rubric dimension has no score';
      continue;
    }
    return insertEvaluation(db, {
      ...base,
      status: 'ok',
      ...guarded,
      error: null,
      attempts: attempt,
      durationMs: Date.now() - started,
    });
  }
  return fail(
    `the judge model gave no usable evaluation in ${MAX_ATTEMPTS} attempts (last problem: ${lastProblem})`,
    MAX_ATTEMPTS,
  );

  function fail(reason: string, attempts: number): Evaluation {
    return insertEvaluation(db, {
      ...base,
      status: 'failed',
      overallScore: null,
      dimensions: [],
      strengths: [],
      areas: [],
      perAnswer: [],
      detailedFeedback: null,
      evidenceNote: null,
      error: reason,
      attempts,
      durationMs: Date.now() - started,
    });
  }
}

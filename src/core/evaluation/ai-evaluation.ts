import type { Db } from '../../db/open.js';
import { getSession, rememberJudge } from '../../db/sessions.js';
import { insertEvaluation } from '../../db/evaluations.js';
import type { Evaluation } from '../../model/evaluation.js';
import type { Session } from '../../model/session.js';
import { isUnreadable } from '../../model/unreadable.js';
import type { LlmClient } from '../llm/types.js';
import { MIN_NUM_CTX } from '../llm/context.js';
import type { RoleTemplate } from '../../model/role.js';
import { sessionQuestions } from './session-questions.js';
import { guardVerdict, unusableReason } from './guards.js';
import type { JudgeVerdict } from './judge-verdict.js';
import { rubricFor } from './rubrics.js';
import { judgeNonce } from './judge-transcript.js';
import { planJudging, type JudgePart } from './judge-plan.js';
import { judgeOnce, MAX_ATTEMPTS, EvaluationCancelled } from './judge-call.js';
import { combineGroups, combineSamples } from './combine-verdicts.js';

export { MAX_ATTEMPTS, EvaluationCancelled };

/** The judge's seed: fixed, so the same session and model get the same request. */
export const JUDGE_SEED = 42;
/** Seeds of successive samples are this far apart, so no retry of one reuses another's seed. */
const SAMPLE_SEED_STEP = 1000;
/** With several samples: a low temperature, so the judgements differ a little and their median means something. */
export const SAMPLE_TEMPERATURE = 0.3;

export interface EvaluateProgress {
  attempt: number;
  /** Tokens received so far, over every request of this evaluation. */
  tokens: number;
  /** Which request this is (1-based) of how many are planned: parts x samples. */
  request?: number;
  requests?: number;
}

export interface EvaluateOptions {
  signal?: AbortSignal;
  onProgress?: (p: EvaluateProgress) => void;
  /** Judgements per question group (default 1). With more, the median grade and its spread are kept. */
  samples?: number;
  /** The job's requirements to grade against (default: those saved with the session, if any). */
  requirements?: string[];
}

/**
 * Asks the judge model for a structured evaluation and stores it. The transcript is judged in
 * one request when it fits the session's context window, else in groups of questions that fit
 * (judge-plan.ts), combined in code (combine-verdicts.ts); each judgement is validated and asked
 * again when unusable (judge-call.ts). A judge that keeps failing, or a question too long for
 * the window, gives a stored *failed* evaluation with the reason: never a default score.
 *
 * Same session, same model, same settings: byte-identical requests (fixed seed, fence nonce
 * derived from the session and its transcript, schema built from the same questions).
 *
 * `attempts` is the most attempts any one judgement took: 1 means every reply was usable as it
 * came (after the cheap repairs of judge-repair.ts); 0 means nothing could be sent (a question
 * too long for the window).
 */
export async function evaluateWithLlm(
  db: Db,
  sessionId: string,
  role: RoleTemplate,
  llm: LlmClient,
  opts: EvaluateOptions = {},
): Promise<Evaluation> {
  const session = getSession(db, sessionId);
  if (!session) throw new Error(`session ${sessionId} not found`);
  const questions = sessionQuestions(db, sessionId);
  const rubric = rubricFor(role.family);
  const samples = Math.max(1, Math.floor(opts.samples ?? 1));
  const started = Date.now();
  const base = { sessionId, kind: 'ai' as const, model: llm.model, host: llm.host, rubric: rubric.family, samples };
  const guardContext = { questions, rubric, keywords: role.keywords };

  // A client nobody tuned (no /api/show) still sends a window: the server's default may be smaller.
  llm.runtime.numCtx ??= MIN_NUM_CTX;
  const plan = planJudging({
    roleTitle: session.roleTitle,
    difficulty: session.difficulty,
    rubric,
    questions,
    nonce: judgeNonce(sessionId, questions),
    numCtx: llm.runtime.numCtx,
    requirements: opts.requirements ?? savedRequirements(session.grounding),
  });
  if (!plan.ok) return fail(plan.problem, 0);

  const requests = plan.parts.length * samples;
  let request = 0;
  let tokens = 0;
  let attempts = 0;
  const partVerdicts: JudgeVerdict[] = [];
  // Part by part, every sample of a part in a row: the same prompt again, which the server can
  // take from its cache instead of reading it again.
  for (const part of plan.parts) {
    const judged: JudgeVerdict[] = [];
    const problems: string[] = [];
    for (let k = 0; k < samples; k++) {
      request++;
      const result = await judgeOnce(llm, judgeRequest(part, k, samples), {
        signal: opts.signal,
        onToken: (attempt) => opts.onProgress?.({ attempt, tokens: ++tokens, request, requests }),
        // What makes a judgement no result (a dimension or question missing, nothing tested) is also what the retry note says.
        accept: (v) => unusableReason(v, { ...guardContext, questions: part.questions }),
      });
      attempts = Math.max(attempts, result.attempts);
      if (result.ok) judged.push(result.verdict);
      else if (result.fatal) return fail(result.problem, attempts);
      // A sample that fails after its retries is left out; the others still count.
      else problems.push(result.problem);
    }
    if (judged.length === 0) {
      const which = plan.parts.length > 1 ? ` for questions ${part.questions.map((q) => q.number).join(', ')}` : '';
      return fail(`the judge model gave no usable evaluation${which} ${problems.at(-1) ?? ''}`.trim(), attempts);
    }
    partVerdicts.push(combineSamples(judged));
  }

  const verdict = combineGroups(partVerdicts);
  const guarded = guardVerdict(verdict, guardContext);
  if (!guarded)
    return fail(`the combined judgement is no result: ${unusableReason(verdict, guardContext) ?? ''}`, attempts);
  const saved = insertEvaluation(db, {
    ...base,
    status: 'ok',
    ...guarded,
    error: null,
    attempts,
    durationMs: Date.now() - started,
  });
  // The judge that graded it is the session's judge from now on (a failed one is not: a model
  // that was never pulled would be asked again by the next plain `evaluate`).
  rememberJudge(db, sessionId, llm.model);
  return saved;

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

function savedRequirements(grounding: Session['grounding']): string[] {
  return grounding && !isUnreadable(grounding) ? grounding.requirements : [];
}

/** Sample k of a part: temperature 0 when there is one sample, else low; seeds fixed and distinct. */
function judgeRequest(part: JudgePart, k: number, samples: number) {
  return {
    messages: part.messages,
    schema: part.schema,
    jsonSchema: part.jsonSchema,
    options: {
      temperature: samples > 1 ? SAMPLE_TEMPERATURE : 0,
      seed: JUDGE_SEED + k * SAMPLE_SEED_STEP,
      num_predict: part.numPredict,
    },
  };
}

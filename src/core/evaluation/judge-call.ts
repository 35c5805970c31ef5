/**
 * One judgement: a request to the judge model, read, repaired where that is safe
 * (judge-repair.ts), validated against the schema built for these questions, and asked again
 * when it cannot be used. Requests are deterministic: the same messages and options give the
 * same body, and each retry adds a note and moves the seed, both derived from the attempt.
 */
import { firstIssue } from '../../model/schema-issue.js';
import type { ChatMessage, LlmClient } from '../llm/types.js';
import { LlmError, toLlmError } from '../llm/llm-errors.js';
import type { JudgeOutput, judgeSchema } from './evaluation-schema.js';
import type { JudgeVerdict } from './judge-verdict.js';
import { readJudgeReply } from './judge-repair.js';

export const MAX_ATTEMPTS = 3;

/** Tokens a retry note can add to the prompt (it must still fit the window). */
export const RETRY_NOTE_TOKENS = 80;

export class EvaluationCancelled extends Error {}

export interface JudgeRequest {
  messages: ChatMessage[];
  schema: ReturnType<typeof judgeSchema>;
  jsonSchema: Record<string, unknown>;
  options: { temperature: number; seed: number; num_predict: number };
}

export type Judgement =
  | { ok: true; verdict: JudgeVerdict; attempts: number; repairs: string[] }
  /** fatal: the judge cannot be reached at all, or stalled: asking again will not help. */
  | { ok: false; problem: string; attempts: number; fatal: boolean };
// problem, when not fatal, reads after "no usable evaluation": "in 3 attempts (last problem: …)".

export interface JudgeCallHooks {
  signal?: AbortSignal;
  /** Every token received, with the attempt it belongs to. */
  onToken?: (attempt: number) => void;
  /** A last check of a valid judgement: a problem (asked again), or null to accept it. */
  accept?: (verdict: JudgeVerdict) => string | null;
}

/**
 * The retry's messages: the same prompt with a note at the end of the user message (not a
 * message of its own, so a server short of room can only cut tokens, which the calls log
 * flags, never silently drop the transcript while keeping the note).
 */
function withRetryNote(messages: ChatMessage[], problem: string): ChatMessage[] {
  const note = `\n\nYour previous reply could not be used (${problem}). Reply again with only the JSON object, complete and shorter.`;
  const last = messages.length - 1;
  return messages.map((m, i) => (i === last ? { ...m, content: m.content + note } : m));
}

export async function judgeOnce(llm: LlmClient, request: JudgeRequest, hooks: JudgeCallHooks = {}): Promise<Judgement> {
  let lastProblem = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // A retry must differ from the failed call: at temperature 0 the same request gives the same reply.
    const messages = lastProblem ? withRetryNote(request.messages, lastProblem) : request.messages;
    let text = '';
    let doneReason = '';
    let capped = false;
    try {
      for await (const chunk of llm.chat(messages, {
        signal: hooks.signal,
        format: request.jsonSchema,
        options: { ...request.options, seed: request.options.seed + attempt - 1 },
        purpose: 'judge',
        attempt,
      })) {
        // Reasoning in the `thinking` field is never read: only the content is the reply.
        text += chunk.text;
        hooks.onToken?.(attempt);
        if (chunk.done) doneReason = chunk.doneReason ?? 'stop';
        capped ||= chunk.capped !== undefined;
      }
    } catch (err) {
      const e = err instanceof LlmError ? err : toLlmError(err, { host: llm.host, model: llm.model }, true);
      if (e.kind === 'aborted') throw new EvaluationCancelled('Evaluation cancelled.');
      // A server that stalled for the whole limit would most likely stall again: asking again
      // would only make the person wait several times as long for the same failure. The
      // reason is stored without the hints worded for the interview (they name --offline, which
      // `evaluate` has not); what to do after a failed evaluation is said by failure-message.ts.
      // The pull command is kept: it names no flag.
      if (e.kind === 'unreachable' || e.kind === 'model-missing' || e.kind === 'timeout') {
        const problem = e.kind === 'model-missing' && e.hint ? `${e.message} ${e.hint}` : e.message;
        return { ok: false, problem, attempts: attempt, fatal: true };
      }
      lastProblem = e.message;
      continue;
    }
    if (doneReason === 'length') {
      lastProblem = capped
        ? 'the reply ran past the size cap and was not read to its end'
        : 'the reply was cut off at the length limit';
      continue;
    }
    const read = readJudgeReply(text);
    if (!read.ok) {
      lastProblem = read.problem;
      continue;
    }
    const parsed = request.schema.safeParse(read.json);
    if (!parsed.success) {
      lastProblem = firstIssue(parsed.error, 'the object');
      continue;
    }
    const verdict = toVerdict(parsed.data);
    const objection = hooks.accept?.(verdict) ?? null;
    if (objection !== null) {
      lastProblem = objection;
      continue;
    }
    return { ok: true, attempts: attempt, repairs: read.repairs, verdict };
  }
  return {
    ok: false,
    problem: `in ${MAX_ATTEMPTS} attempts (last problem: ${lastProblem})`,
    attempts: MAX_ATTEMPTS,
    fatal: false,
  };
}

/** The judge's words and grades, in our names (not yet checked: guards.ts does that). */
function toVerdict(out: JudgeOutput): JudgeVerdict {
  return {
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
}

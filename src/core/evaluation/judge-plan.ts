/**
 * What the judge is asked, request by request, before anything is sent: the whole transcript
 * in one request when it fits the context window with room for the reply, else consecutive
 * groups of questions that each fit. A prompt the server would have to cut is never sent: when
 * even one question does not fit, there is no plan, and the reason says why.
 */
import type { Rubric } from '../../model/rubric.js';
import { estimateTokens } from '../llm/context.js';
import type { ChatMessage } from '../llm/types.js';
import type { AnsweredQuestion } from './answered-questions.js';
import { judgeJsonSchema, judgeSchema } from './evaluation-schema.js';
import { RETRY_NOTE_TOKENS } from './judge-call.js';
import { judgeMessages } from './judge-prompt.js';

/**
 * Room for the judge's reply (num_predict): a judged answer (quote, what landed, what was
 * missing, a stronger answer, the grade) runs to about 220 tokens of JSON, the dimensions,
 * strengths, areas and feedback to about 350; this is about 1.4 times that. A reply cut at the
 * limit is asked again, shorter.
 */
export function judgeReplyBudget(questions: number): number {
  return 512 + 288 * questions;
}

export interface JudgePart {
  questions: AnsweredQuestion[];
  messages: ChatMessage[];
  schema: ReturnType<typeof judgeSchema>;
  jsonSchema: Record<string, unknown>;
  numPredict: number;
  /** estimateTokens(messages): what the prompt should take, by our cautious count. */
  promptTokens: number;
}

export interface JudgePlanInput {
  roleTitle: string;
  difficulty: string;
  rubric: Rubric;
  questions: AnsweredQuestion[];
  nonce: string;
  numCtx: number;
  /** The job's requirements (start --jd), graded against too; empty or absent without a job description. */
  requirements?: string[];
}

export type JudgePlan = { ok: true; parts: JudgePart[] } | { ok: false; problem: string };

function buildPart(input: JudgePlanInput, questions: AnsweredQuestion[], part?: { index: number; count: number }) {
  const numbers = questions.map((q) => q.number);
  const jsonSchema = judgeJsonSchema(input.rubric, numbers);
  const messages = judgeMessages(
    {
      roleTitle: input.roleTitle,
      difficulty: input.difficulty,
      rubric: input.rubric,
      questions,
      jsonSchema,
      requirements: input.requirements ?? [],
      ...(part ? { part: { ...part, totalQuestions: input.questions.length } } : {}),
    },
    input.nonce,
  );
  return {
    questions,
    messages,
    schema: judgeSchema(input.rubric, numbers),
    jsonSchema,
    numPredict: judgeReplyBudget(questions.length),
    promptTokens: estimateTokens(messages),
  };
}

/** The prompt, a retry note and the whole reply all fit in the window. */
const fits = (part: JudgePart, numCtx: number) => part.promptTokens + RETRY_NOTE_TOKENS + part.numPredict <= numCtx;

/**
 * One request when everything fits; else as few consecutive groups as fit (found by filling
 * each group in turn, then evened out), in question order.
 */
export function planJudging(input: JudgePlanInput): JudgePlan {
  const whole = buildPart(input, input.questions);
  if (fits(whole, input.numCtx)) return { ok: true, parts: [whole] };
  // Sized with the largest header a part can have, so numbering the parts cannot push one over.
  const probe = { index: input.questions.length, count: input.questions.length };
  const groups: AnsweredQuestion[][] = [];
  let current: AnsweredQuestion[] = [];
  for (const q of input.questions) {
    const candidate = [...current, q];
    if (fits(buildPart(input, candidate, probe), input.numCtx)) {
      current = candidate;
      continue;
    }
    if (current.length === 0) return { ok: false, problem: tooLong(input, q) };
    groups.push(current);
    current = [q];
    if (!fits(buildPart(input, current, probe), input.numCtx)) return { ok: false, problem: tooLong(input, q) };
  }
  if (current.length > 0) groups.push(current);
  const parts = balanced(input, groups.length, probe) ?? groups;
  return {
    ok: true,
    parts: parts.map((g, i) => buildPart(input, g, { index: i + 1, count: parts.length })),
  };
}

/**
 * The same number of groups with sizes as even as possible (5 questions as 3 + 2 rather than
 * 4 + 1: a question judged alone gives little evidence for the dimensions), when each fits.
 */
function balanced(
  input: JudgePlanInput,
  count: number,
  probe: { index: number; count: number },
): AnsweredQuestion[][] | null {
  const groups: AnsweredQuestion[][] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const size = Math.ceil((input.questions.length - start) / (count - i));
    groups.push(input.questions.slice(start, start + size));
    start += size;
  }
  return groups.every((g) => fits(buildPart(input, g, probe), input.numCtx)) ? groups : null;
}

function tooLong(input: JudgePlanInput, q: AnsweredQuestion): string {
  const alone = buildPart(input, [q], { index: 1, count: 2 });
  const needed = alone.promptTokens + RETRY_NOTE_TOKENS + alone.numPredict;
  return (
    `question ${q.number} alone is too long to judge in the model's context window ` +
    `(about ${needed} tokens with its reply, the window is ${input.numCtx}); ` +
    'no grade was made up. A model with a larger context window can judge it.'
  );
}

/**
 * The context window. Ollama's default (2,048 tokens on older servers, 4,096 on newer ones) is
 * far smaller than an interview: past it the server silently drops the oldest turns. So every
 * call sets num_ctx, the same value for the interviewer and the judge (a change reloads the
 * model), chosen once per session from the model's own limit and what the session will need.
 */
import type { ChatMessage } from './types.js';

/** At least this much when the model allows it. */
export const MIN_NUM_CTX = 8192;

/**
 * A cautious token estimate: English runs about 4 characters per token with Llama and Mistral
 * tokenizers; 3.5 leaves room for code, numbers and names, plus a few tokens per message for
 * the chat template.
 */
export function estimateTokens(messages: readonly Pick<ChatMessage, 'content'>[]): number {
  return messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 3.5) + 6, 0);
}

/**
 * What a session will need at most: the judge's prompt (its rubric and schema, about 2,400
 * tokens, plus the whole transcript) and its reply (about 1,500). A main question with its
 * follow-ups and answers takes about 400 tokens per exchange. The judge fits its requests to
 * the window it gets (core/evaluation/judge-plan.ts: in groups of questions when the transcript
 * turns out longer); test/judge-request.test.ts checks that a default session (5 questions, a
 * follow-up each, 150-word answers) and a hard 10-question one are judged in one request.
 */
export function sessionTokenEstimate(plannedQuestions: number, followUpsPerQuestion: number): number {
  return 2400 + plannedQuestions * (followUpsPerQuestion + 1) * 400 + 1536;
}

/**
 * num_ctx for a session: the smallest power of two from 8,192 up that holds the estimate,
 * never above what the model supports (its context length from /api/show; unknown: 8,192).
 */
export function chooseNumCtx(modelContextLength: number | null, needed: number): number {
  let size = MIN_NUM_CTX;
  while (size < needed) size *= 2;
  if (modelContextLength === null) return MIN_NUM_CTX;
  return Math.min(size, modelContextLength);
}

/**
 * The reply could not be written in full without the server dropping part of the prompt:
 * prompt_eval_count came back within num_predict of num_ctx.
 */
export function nearContextLimit(promptTokens: number | null, numPredict: number, numCtx: number): boolean {
  return promptTokens !== null && promptTokens + numPredict >= numCtx;
}

/**
 * The server read far fewer tokens than we estimated: it dropped part of the prompt (older
 * messages, or everything past a window smaller than the num_ctx we asked for, when the model's
 * own limit is lower and the server could not tell us). Our estimate counts generously (3.5
 * characters a token); real tokenizers read English at 3.8-5 characters a token, so a count under
 * 60% of the estimate is not the tokenizer.
 */
export function promptLikelyCut(promptTokens: number | null, estimatedTokens: number): boolean {
  return promptTokens !== null && estimatedTokens > 0 && promptTokens < estimatedTokens * 0.6;
}

/**
 * Every request the app makes to a model, as the calls log keeps it (table llm_calls, shown by
 * `interview-coach calls`): what was sent, with which options, and what came back.
 */
import { z } from 'zod';
import type { Unreadable } from './unreadable.js';

/** Why the call was made. */
export type LlmPurpose = 'interviewer' | 'judge' | 'warm-up' | 'derive-questions';

/** One message as it was sent. What llm_calls.messages_json holds is a list of these. */
export const LlmCallMessage = z.object({ role: z.string(), content: z.string() });
export type LlmCallMessage = z.infer<typeof LlmCallMessage>;
export const LlmCallMessages = z.array(LlmCallMessage);

/** What llm_calls.options_json holds: any JSON object (which keys are sent is the client's business). */
export const LlmCallOptions = z.record(z.string(), z.unknown());

export interface LlmCall {
  purpose: LlmPurpose;
  /** 1 for the first try; judge retries count up. */
  attempt: number;
  model: string;
  host: string;
  /** What was sent besides the messages: Ollama options (num_ctx, num_predict, temperature, stop, seed), think, keep_alive, format. */
  options: Record<string, unknown>;
  messages: LlmCallMessage[];
  /** The reply exactly as the model wrote it (before any trimming or sanitizing). */
  reply: string;
  /** Reasoning the model returned, in its `thinking` field or inside <think> tags. */
  thinking: string;
  /** 'stop', 'length', 'load'; null when the call failed before the end. */
  doneReason: string | null;
  /** prompt_eval_count and eval_count from the final chunk. */
  promptTokens: number | null;
  outputTokens: number | null;
  /** Ollama's own durations from the final chunk, in ms. */
  loadMs: number | null;
  promptMs: number | null;
  evalMs: number | null;
  /** Measured by the app, from sending the request to the end of the reply. */
  totalMs: number;
  /**
   * The model may not have seen the whole prompt: it came within num_predict tokens of num_ctx
   * (the oldest turns may be lost), or the server read far fewer tokens than the app estimated
   * (it cut the prompt: core/llm/context.ts promptLikelyCut).
   */
  nearContextLimit: boolean;
  /** Why the call failed (null when it did not). */
  error: string | null;
  /** ISO 8601, UTC: when the request was sent. */
  startedAt: string;
}

/** Where calls are recorded (the app writes them to the session's calls log). */
export interface LlmCallSink {
  record(call: LlmCall): void;
}

/**
 * A saved call, as `calls` and the JSON export show it. The JSON columns read back as
 * `{ unreadable: reason }` when the stored text is damaged; texts over 64 KB were cut when saved
 * and say so at the cut (db/llm-call-caps.ts).
 */
export interface SavedLlmCall extends Omit<LlmCall, 'options' | 'messages'> {
  id: number;
  sessionId: string;
  options: Record<string, unknown> | Unreadable;
  messages: LlmCallMessage[] | Unreadable;
}

/**
 * One record per model call, the same for every provider: what was sent, what came back, and
 * how it ended. The client fills in the reply as it reads it and hands the record to the
 * session's calls log at the end, whatever the outcome.
 */
import type { LlmCall, LlmCallMessage, LlmCallSink, LlmPurpose } from '../../model/llm-call.js';
import { cleanLine } from '../../shared/sanitize.js';
import { estimateTokens, nearContextLimit, promptLikelyCut } from './context.js';
import type { ReplyCapped } from './reply-cap.js';
import type { RuntimeSettings } from './types.js';

export interface CallTarget {
  /** The endpoint text (provider.ts): never a key. */
  host: string;
  model: string;
  runtime: RuntimeSettings;
  calls: LlmCallSink | null;
}

export function startCall(
  target: CallTarget,
  purpose: LlmPurpose,
  attempt: number,
  messages: LlmCallMessage[],
  options: Record<string, unknown>,
): LlmCall {
  return {
    purpose,
    attempt,
    model: target.model,
    host: target.host,
    options,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    reply: '',
    thinking: '',
    doneReason: null,
    promptTokens: null,
    outputTokens: null,
    loadMs: null,
    promptMs: null,
    evalMs: null,
    totalMs: 0,
    nearContextLimit: false,
    error: null,
    startedAt: new Date().toISOString(),
  };
}

export function finishCall(
  target: CallTarget,
  call: LlmCall,
  end: { error?: string | null; cut?: boolean; capped?: ReplyCapped | null; numPredict?: number | null },
): void {
  call.totalMs = Date.now() - Date.parse(call.startedAt);
  call.error = end.error ?? null;
  // done_reason is the host's word, recorded and shown by `calls`.
  if (call.doneReason !== null) call.doneReason = cleanLine(call.doneReason) || null;
  // 'cut': the app stopped reading once it had what it asked for (the question);
  // 'cap': it stopped because the reply (or its reasoning) ran past the cap.
  if (end.cut) call.doneReason = end.capped ? 'cap' : 'cut';
  if (target.runtime.numCtx && end.numPredict) {
    call.nearContextLimit = nearContextLimit(call.promptTokens, end.numPredict, target.runtime.numCtx);
  }
  // A prompt the server cut short is flagged the same way: the model did not see all of it.
  if (promptLikelyCut(call.promptTokens, estimateTokens(call.messages))) call.nearContextLimit = true;
  target.calls?.record(call);
}

import { chooseNumCtx, sessionTokenEstimate } from './context.js';
import type { LlmClient } from './types.js';

/** What a session will ask of the model: how many main questions, how many follow-ups each. */
export interface SessionSize {
  plannedQuestions: number;
  followUpsPerQuestion: number;
}

/**
 * Reads the model's context length and capabilities once (/api/show) and sets the settings
 * every call of the session carries: num_ctx for the whole session (interviewer and judge
 * alike), think: false for a thinking model. A server that cannot say (an old Ollama) gets the
 * minimum window and no `think` field. True when the server described the model (it is there).
 */
export async function tuneRuntime(llm: LlmClient, size: SessionSize, signal?: AbortSignal): Promise<boolean> {
  const facts = await llm.show(signal).catch(() => null);
  llm.runtime.numCtx = chooseNumCtx(
    facts?.contextLength ?? null,
    sessionTokenEstimate(size.plannedQuestions, size.followUpsPerQuestion),
  );
  llm.runtime.thinking = facts?.thinking ?? false;
  return facts !== null;
}

import type { LlmClient } from './types.js';
import { LlmError } from './llm-errors.js';
import { sameModel } from './host.js';

export type Availability =
  | { ok: true }
  | {
      ok: false;
      reason: 'unreachable' | 'model-missing' | 'error';
      banner: string;
      hint: string;
      installed?: string[];
    };

/** How long a question to the server before the interview (is it up, what is the model) may take. */
export const PREFLIGHT_TIMEOUT_MS = 3000;

/**
 * Checks, before the interview starts, that the host answers and the model is pulled,
 * so the person learns at once why we fall back to the question bank.
 */
export async function checkAvailability(llm: LlmClient, timeoutMs = PREFLIGHT_TIMEOUT_MS): Promise<Availability> {
  if (llm.provider === 'openai') return checkOpenAi(llm, timeoutMs);
  let installed: string[];
  try {
    installed = await llm.listModels(AbortSignal.timeout(timeoutMs));
  } catch (err) {
    const e = err instanceof LlmError ? err : undefined;
    if (e?.kind === 'unreachable' || e?.kind === 'timeout') {
      return {
        ok: false,
        reason: 'unreachable',
        banner: `Ollama is not running at ${llm.host}.`,
        hint: 'Start it with `ollama serve`, then run this command again.',
      };
    }
    return {
      ok: false,
      reason: 'error',
      banner: `Ollama at ${llm.host} failed: ${e?.message ?? String(err)}`,
      hint: 'Check the `ollama serve` log.',
    };
  }
  if (installed.some((name) => sameModel(name, llm.model))) return { ok: true };
  const list = installed.length ? `installed models are ${installed.join(', ')}` : 'no models are installed';
  return {
    ok: false,
    reason: 'model-missing',
    banner: `Model '${llm.model}' is not pulled on ${llm.host}; ${list}.`,
    hint: `Run \`ollama pull ${llm.model}\`${installed.length ? ` or pass --model ${installed[0]}` : ''}.`,
    installed,
  };
}

/** The same questions to an OpenAI-compatible server: is it up, does the key work, is the model served (/v1/models). */
async function checkOpenAi(llm: LlmClient, timeoutMs: number): Promise<Availability> {
  let served: string[];
  try {
    served = await llm.listModels(AbortSignal.timeout(timeoutMs));
  } catch (err) {
    const e = err instanceof LlmError ? err : undefined;
    const unreachable = e?.kind === 'unreachable' || e?.kind === 'timeout';
    return {
      ok: false,
      reason: unreachable ? 'unreachable' : 'error',
      banner: e?.message ?? `The server at ${llm.address} failed: ${String(err)}`,
      hint: e?.hint ?? 'Check the server log.',
    };
  }
  // Served names are exact (vLLM serves "Qwen/Qwen2.5-7B-Instruct"): a tag is never implied.
  if (served.includes(llm.model)) return { ok: true };
  const list = served.length ? `it serves ${served.join(', ')}` : 'it lists no models';
  return {
    ok: false,
    reason: 'model-missing',
    banner: `Model '${llm.model}' is not served at ${llm.address}; ${list}.`,
    hint: served.length
      ? `Pass --model ${served[0]} (or \`interview-coach config set model ${served[0]}\`).`
      : 'Load a model on the server, then run this command again.',
    installed: served,
  };
}

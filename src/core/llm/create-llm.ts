import type { LlmCallSink } from '../../model/llm-call.js';
import { OllamaLlm } from './ollama-client.js';
import { OpenAiLlm } from './openai-client.js';
import { parseEndpoint } from './provider.js';
import type { LlmTimeouts } from './timeouts.js';
import type { LlmClient } from './types.js';

export interface LlmClientOptions {
  /** Ollama keep_alive (an OpenAI-compatible server keeps its model loaded itself). */
  keepAlive?: string;
  calls?: LlmCallSink | null;
  timeouts?: LlmTimeouts;
  /** OpenAI-compatible: the key (from the environment; never stored) and the variable it came from. */
  apiKey?: string;
  apiKeyEnv?: string;
}

/** The client for an endpoint (provider.ts): `http://…` is Ollama, `openai+http://…` an OpenAI-compatible server. */
export function createLlm(endpoint: string, model: string, opts: LlmClientOptions = {}): LlmClient {
  const { provider, address } = parseEndpoint(endpoint);
  if (provider === 'openai') {
    return new OpenAiLlm(address, model, {
      apiKey: opts.apiKey,
      apiKeyEnv: opts.apiKeyEnv,
      calls: opts.calls,
      timeouts: opts.timeouts,
    });
  }
  return new OllamaLlm(address, model, { keepAlive: opts.keepAlive, calls: opts.calls, timeouts: opts.timeouts });
}

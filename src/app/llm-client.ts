/**
 * The one place the app builds an LLM client: the endpoint says which provider, and an
 * OpenAI-compatible server's API key is read here, from the environment variable config
 * apiKeyEnv names. The key goes to the client and nowhere else: not into options, sessions,
 * the calls log, config or any message.
 */
import { createLlm } from '../core/llm/create-llm.js';
import { DEFAULT_API_KEY_ENV } from '../core/llm/provider.js';
import { llmTimeouts } from '../core/llm/timeouts.js';
import type { LlmClient } from '../core/llm/types.js';
import type { LlmCallSink } from '../model/llm-call.js';

export interface LlmTarget {
  /** The endpoint text (core/llm/provider.ts). */
  host: string;
  apiKeyEnv?: string;
  keepAlive?: string;
  llmTimeoutSec?: number;
}

export function openLlm(
  target: LlmTarget,
  model: string,
  calls: LlmCallSink | null = null,
  env: NodeJS.ProcessEnv = process.env,
): LlmClient {
  const apiKeyEnv = target.apiKeyEnv ?? DEFAULT_API_KEY_ENV;
  return createLlm(target.host, model, {
    keepAlive: target.keepAlive,
    calls,
    timeouts: target.llmTimeoutSec === undefined ? undefined : llmTimeouts(target.llmTimeoutSec),
    // An empty variable is no key: many local servers want none.
    apiKey: env[apiKeyEnv]?.trim() || undefined,
    apiKeyEnv,
  });
}

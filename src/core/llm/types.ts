import type { LlmPurpose } from '../../model/llm-call.js';
import type { ProviderName } from './provider.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Ollama's figures from the final chunk of a reply. */
export interface ReplyMetrics {
  /** prompt_eval_count: tokens of the prompt as the model read it. */
  promptTokens: number | null;
  /** eval_count: tokens generated (reasoning included). */
  outputTokens: number | null;
  loadMs: number | null;
  promptMs: number | null;
  evalMs: number | null;
}

export interface ChatChunk {
  /** Text added by this chunk (raw model output: sanitize before display). */
  text: string;
  /** Reasoning added by this chunk, from a thinking model's `thinking` field. */
  thinking: string;
  done: boolean;
  /** 'stop' | 'length' on the final chunk: the host's word, to compare, never to print (the calls log stores it cleaned). */
  doneReason?: string;
  /** On the final chunk. */
  metrics?: ReplyMetrics;
  /**
   * On a final chunk the client made up: the reply (or its reasoning) ran past the cap
   * (core/llm/reply-cap.ts), so the client hung up; doneReason is then 'length'.
   */
  capped?: 'content' | 'thinking';
}

export interface ChatCallOptions {
  signal?: AbortSignal;
  /** Structured output: 'json' or a JSON schema object (Ollama `format`; OpenAI-compatible `response_format`). */
  format?: 'json' | Record<string, unknown>;
  /** Sampling and length; num_ctx, keep_alive and think come from the client's runtime settings. */
  options?: { temperature?: number; seed?: number; num_predict?: number; stop?: string[] };
  /** What the call is for, as the calls log records it. */
  purpose: LlmPurpose;
  /** 1 for a first try (judge retries count up). */
  attempt?: number;
}

/** What the server says about a model (/api/show). */
export interface ModelFacts {
  /** The model's own context length, or null when the server does not say. */
  contextLength: number | null;
  /** It reasons before replying (the `thinking` capability): the app sends think: false. */
  thinking: boolean;
}

/**
 * Settings every call of a session carries: the same num_ctx for the interviewer and the judge
 * (a change reloads the model), keep_alive so the model stays loaded while the person thinks,
 * and think: false for models that would otherwise reason first.
 */
export interface RuntimeSettings {
  numCtx: number | null;
  /** A Go duration ("30m") or seconds (-1: forever). */
  keepAlive: string | number;
  thinking: boolean;
}

/** Our own small interface in front of the LLM: Ollama (ollama-client.ts) or an OpenAI-compatible server (openai-client.ts). */
export interface LlmClient {
  readonly provider: ProviderName;
  /** Where it runs, as sessions and the calls log keep it: the endpoint text (provider.ts), never a key. */
  readonly host: string;
  /** The Ollama host or the OpenAI-compatible base URL, for messages. */
  readonly address: string;
  readonly model: string;
  readonly runtime: RuntimeSettings;
  chat(messages: ChatMessage[], opts: ChatCallOptions): AsyncIterable<ChatChunk>;
  /** Installed (Ollama) or served (/v1/models) model names, e.g. ["mistral:latest"]. */
  listModels(signal?: AbortSignal): Promise<string[]>;
  /** Context length and capabilities of this model. */
  show(signal?: AbortSignal): Promise<ModelFacts>;
  /** Loads the model with the session's settings, so the first question does not wait for it (a no-op where the server keeps it loaded). */
  load(signal?: AbortSignal): Promise<void>;
}

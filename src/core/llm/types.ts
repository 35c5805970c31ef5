export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatChunk {
  /** Text added by this chunk (raw model output: sanitize before display). */
  text: string;
  done: boolean;
  /** 'stop' | 'length' | '' on the final chunk. */
  doneReason?: string;
}

export interface ChatCallOptions {
  signal?: AbortSignal;
  /** Ollama structured output: 'json' or a JSON schema object. */
  format?: 'json' | Record<string, unknown>;
  options?: { temperature?: number; seed?: number; num_predict?: number; num_ctx?: number; stop?: string[] };
}

/** Our own small interface in front of the LLM, so other servers can be added later. */
export interface LlmClient {
  readonly host: string;
  readonly model: string;
  chat(messages: ChatMessage[], opts?: ChatCallOptions): AsyncIterable<ChatChunk>;
  /** Installed model names, e.g. ["mistral:latest"]. */
  listModels(signal?: AbortSignal): Promise<string[]>;
}

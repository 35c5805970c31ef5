import { Ollama } from 'ollama';
import type { ChatCallOptions, ChatChunk, ChatMessage, LlmClient } from './types.js';
import { toLlmError } from './llm-errors.js';

/**
 * The `ollama` client behind our interface. ollama-js cannot take an AbortSignal
 * (it only aborts after headers arrive), so each call gets its own client whose
 * fetch carries the caller's signal: Esc works during a slow model load too.
 */
export class OllamaLlm implements LlmClient {
  constructor(
    readonly host: string,
    readonly model: string,
  ) {}

  private client(signal?: AbortSignal): Ollama {
    if (!signal) return new Ollama({ host: this.host });
    const fetchWithSignal: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
    return new Ollama({ host: this.host, fetch: fetchWithSignal });
  }

  async *chat(messages: ChatMessage[], opts: ChatCallOptions = {}): AsyncIterable<ChatChunk> {
    const ctx = { host: this.host, model: this.model };
    let stream;
    try {
      stream = await this.client(opts.signal).chat({
        model: this.model,
        messages,
        stream: true,
        format: opts.format,
        options: opts.options,
      });
    } catch (err) {
      throw toLlmError(err, ctx, false);
    }
    let finished = false;
    try {
      for await (const part of stream) {
        yield {
          text: part.message?.content ?? '',
          done: Boolean(part.done),
          doneReason: part.done ? part.done_reason || 'stop' : undefined,
        };
        if (part.done) finished = true;
      }
    } catch (err) {
      throw toLlmError(err, ctx, true);
    } finally {
      // Leaving the loop early must close the HTTP stream, or Ollama keeps generating.
      if (!finished) stream.abort();
    }
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const res = await this.client(signal).list();
      return res.models.map((m) => m.name);
    } catch (err) {
      throw toLlmError(err, { host: this.host, model: this.model }, false);
    }
  }
}

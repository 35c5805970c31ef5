import { Ollama } from 'ollama';
import type { LlmCallSink } from '../../model/llm-call.js';
import { finishCall, startCall } from './call-record.js';
import { DEFAULT_KEEP_ALIVE, keepAliveValue } from './keep-alive.js';
import { toLlmError } from './llm-errors.js';
import { cleanLine } from '../../shared/sanitize.js';
import { ReplyMeter, replyCharCap, type ReplyCapped } from './reply-cap.js';
import { RequestTimers, llmTimeouts, type LlmTimeouts } from './timeouts.js';
import type {
  ChatCallOptions,
  ChatChunk,
  ChatMessage,
  LlmClient,
  ModelFacts,
  ReplyMetrics,
  RuntimeSettings,
} from './types.js';

export interface OllamaLlmOptions {
  /** A Go duration or whole seconds (keep-alive.ts); default 30m. */
  keepAlive?: string;
  /** Where every call is recorded (the session's calls log). */
  calls?: LlmCallSink | null;
  /** How long to wait on the server (timeouts.ts); default: llmTimeouts() for 120 s. */
  timeouts?: LlmTimeouts;
}

/**
 * The `ollama` client behind our interface. ollama-js cannot take an AbortSignal
 * (it only aborts after headers arrive), so each call gets its own client whose
 * fetch carries the caller's signal: Esc works during a slow model load too. The same signal
 * carries the timeouts (timeouts.ts), so a stalled server is hung up on, never waited for
 * forever, and a reply past its cap (reply-cap.ts) is hung up on as well.
 * Every call is recorded, whatever its outcome, with what was sent and what came back.
 */
export class OllamaLlm implements LlmClient {
  readonly provider = 'ollama';
  readonly runtime: RuntimeSettings;
  readonly calls: LlmCallSink | null;
  readonly address: string;
  private readonly timeouts: LlmTimeouts;

  constructor(
    readonly host: string,
    readonly model: string,
    opts: OllamaLlmOptions = {},
  ) {
    this.address = host;
    this.runtime = { numCtx: null, keepAlive: keepAliveValue(opts.keepAlive ?? DEFAULT_KEEP_ALIVE), thinking: false };
    this.calls = opts.calls ?? null;
    this.timeouts = opts.timeouts ?? llmTimeouts();
  }

  private client(signal: AbortSignal): Ollama {
    const fetchWithSignal: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
    return new Ollama({ host: this.host, fetch: fetchWithSignal });
  }

  /** What every request carries besides the messages: num_ctx, keep_alive, think. */
  private requestSettings(options: ChatCallOptions['options'] = {}) {
    return {
      options: { ...options, ...(this.runtime.numCtx ? { num_ctx: this.runtime.numCtx } : {}) },
      keep_alive: this.runtime.keepAlive,
      // Only to models that can think: sending `think` to another model is an error.
      ...(this.runtime.thinking ? { think: false } : {}),
    };
  }

  async *chat(messages: ChatMessage[], opts: ChatCallOptions): AsyncIterable<ChatChunk> {
    const ctx = { host: this.host, model: this.model };
    const settings = this.requestSettings(opts.options);
    const call = startCall(this, opts.purpose, opts.attempt ?? 1, messages, {
      ...settings,
      ...(opts.format ? { format: opts.format } : {}),
    });
    const numPredict = opts.options?.num_predict ?? null;
    const timers = new RequestTimers(this.timeouts, opts.signal, true);
    const meter = new ReplyMeter(replyCharCap(numPredict));
    let stream;
    let finished = false;
    let capped: ReplyCapped | null = null;
    let failure: string | null = null;
    try {
      stream = await this.client(timers.signal).chat({
        model: this.model,
        messages,
        stream: true,
        format: opts.format,
        ...settings,
      });
      // Read by hand, not with for-await: the idle timer runs only while waiting for a chunk.
      const parts = stream[Symbol.asyncIterator]();
      for (;;) {
        timers.waiting();
        const next = await parts.next();
        if (next.done) break;
        const part = next.value;
        const chunk: ChatChunk = {
          text: part.message?.content ?? '',
          thinking: part.message?.thinking ?? '',
          done: Boolean(part.done),
        };
        timers.received(chunk.text !== '' || chunk.thinking !== '' || chunk.done);
        capped = meter.add(chunk.text, chunk.thinking);
        if (capped) break;
        call.reply += chunk.text;
        call.thinking += chunk.thinking;
        if (part.done) {
          finished = true;
          chunk.doneReason = part.done_reason || 'stop';
          chunk.metrics = metricsOf(part);
          call.doneReason = chunk.doneReason;
          Object.assign(call, chunk.metrics);
        }
        yield chunk;
      }
    } catch (err) {
      const e = timers.timedOut(this.host) ?? toLlmError(err, ctx, stream !== undefined);
      failure = e.message;
      throw e;
    } finally {
      timers.dispose();
      // Leaving the loop early must close the HTTP stream, or Ollama keeps generating.
      if (!finished) stream?.abort();
      finishCall(this, call, { error: failure, cut: !finished && failure === null, capped, numPredict });
    }
    // Past the cap: the reply ends here, as if the model had reached its length limit.
    if (capped) yield { text: '', thinking: '', done: true, doneReason: 'length', capped };
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const res = await this.request(signal, (client) => client.list());
    // Names are the host's words: shown in banners, hints and doctor, so cleaned like any.
    return res.models.map((m) => cleanLine(m.name));
  }

  async show(signal?: AbortSignal): Promise<ModelFacts> {
    const res: unknown = await this.request(signal, (client) => client.show({ model: this.model }));
    return modelFacts(res);
  }

  async load(signal?: AbortSignal): Promise<void> {
    const settings = this.requestSettings();
    const call = startCall(this, 'warm-up', 1, [], settings);
    try {
      const res = await this.request(signal, (client) =>
        client.chat({ model: this.model, messages: [], stream: false, ...settings }),
      );
      call.doneReason = res.done_reason || 'load';
      Object.assign(call, metricsOf(res));
      finishCall(this, call, {});
    } catch (err) {
      finishCall(this, call, { error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  }

  /** One request that is not streamed, bounded like a first token (timeouts.ts). */
  private async request<T>(signal: AbortSignal | undefined, send: (client: Ollama) => Promise<T>): Promise<T> {
    const timers = new RequestTimers(this.timeouts, signal, false);
    try {
      return await send(this.client(timers.signal));
    } catch (err) {
      throw timers.timedOut(this.host) ?? toLlmError(err, { host: this.host, model: this.model }, false);
    } finally {
      timers.dispose();
    }
  }
}

const NS_PER_MS = 1e6;

function metricsOf(part: {
  prompt_eval_count?: number;
  eval_count?: number;
  load_duration?: number;
  prompt_eval_duration?: number;
  eval_duration?: number;
}): ReplyMetrics {
  const ms = (ns: number | undefined) => (typeof ns === 'number' ? Math.round(ns / NS_PER_MS) : null);
  return {
    promptTokens: part.prompt_eval_count ?? null,
    outputTokens: part.eval_count ?? null,
    loadMs: ms(part.load_duration),
    promptMs: ms(part.prompt_eval_duration),
    evalMs: ms(part.eval_duration),
  };
}

/** Capabilities and `<architecture>.context_length` from /api/show (older servers send neither). */
export function modelFacts(res: unknown): ModelFacts {
  const body = isRecord(res) ? res : {};
  const capabilities: unknown[] = Array.isArray(body.capabilities) ? body.capabilities : [];
  const info = isRecord(body.model_info) ? body.model_info : {};
  const lengthKey = Object.keys(info).find((k) => k.endsWith('.context_length'));
  const length = lengthKey ? info[lengthKey] : undefined;
  return {
    contextLength: typeof length === 'number' && length > 0 ? length : null,
    thinking: capabilities.includes('thinking'),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

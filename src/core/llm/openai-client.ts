import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { LlmCallSink } from '../../model/llm-call.js';
import { cleanLine } from '../../shared/sanitize.js';
import { finishCall, startCall } from './call-record.js';
import { LlmError } from './llm-errors.js';
import { rejectsJsonSchema, toOpenAiError, type OpenAiErrorContext } from './openai-errors.js';
import { extraContextRoute, isRecord, listedContextLength } from './openai-models.js';
import { DEFAULT_API_KEY_ENV, endpointText } from './provider.js';
import { ReplyMeter, replyCharCap, type ReplyCapped } from './reply-cap.js';
import { RequestTimers, llmTimeouts, type LlmTimeouts } from './timeouts.js';
import type { ChatCallOptions, ChatChunk, ChatMessage, LlmClient, ModelFacts, RuntimeSettings } from './types.js';

export interface OpenAiLlmOptions {
  /** The API key, read from the environment by the app; undefined: none (most local servers want none). */
  apiKey?: string;
  /** Where the key came from, for the hint when the server refuses it. */
  apiKeyEnv?: string;
  calls?: LlmCallSink | null;
  timeouts?: LlmTimeouts;
}

/**
 * Base URLs that refused `response_format: json_schema` in this run: their structured calls ask
 * for json_object instead, and the caller's zod validation (with its repair and retries) checks the shape.
 */
const noJsonSchema = new Set<string>();

/**
 * An OpenAI-compatible server (vLLM, llama-server, LM Studio, TGI) through the official `openai`
 * client, behind the same interface and machinery as Ollama: the same timers (timeouts.ts) on one
 * signal with the caller's, the same reply caps, the same calls log. The key goes in the
 * Authorization header and nowhere else: not in the endpoint, the options recorded, or an error.
 * The client's own retries and timeout are off: ours decide.
 */
export class OpenAiLlm implements LlmClient {
  readonly provider = 'openai';
  readonly host: string;
  /** Not sent (the server fixes its window); num_ctx is the budget the judge plans its requests in. */
  readonly runtime: RuntimeSettings = { numCtx: null, keepAlive: 0, thinking: false };
  readonly calls: LlmCallSink | null;
  private readonly timeouts: LlmTimeouts;
  private readonly client: OpenAI;
  private readonly errorCtx: OpenAiErrorContext;

  constructor(
    readonly address: string,
    readonly model: string,
    opts: OpenAiLlmOptions = {},
  ) {
    this.host = endpointText({ provider: 'openai', address });
    this.calls = opts.calls ?? null;
    this.timeouts = opts.timeouts ?? llmTimeouts();
    const apiKey = opts.apiKey || undefined;
    this.errorCtx = { address, model, apiKeyEnv: opts.apiKeyEnv ?? DEFAULT_API_KEY_ENV, hasKey: apiKey !== undefined };
    this.client = new OpenAI({
      baseURL: address,
      // The client insists on a key; without one no Authorization header is sent at all.
      apiKey: apiKey ?? 'none',
      ...(apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
      maxRetries: 0,
      timeout: 24 * 3600 * 1000,
      logLevel: 'off',
      // Nothing else may be read from the environment (OPENAI_ORG_ID, OPENAI_PROJECT_ID).
      organization: null,
      project: null,
    });
  }

  async *chat(messages: ChatMessage[], opts: ChatCallOptions): AsyncIterable<ChatChunk> {
    const structured = opts.format !== undefined;
    try {
      yield* this.stream(messages, opts);
    } catch (err) {
      if (
        !structured ||
        noJsonSchema.has(this.address) ||
        !(err instanceof LlmError) ||
        !rejectsJsonSchema(err.cause)
      ) {
        throw err;
      }
      // Refused before any token: nothing was yielded, so the same call can be made again.
      noJsonSchema.add(this.address);
      yield* this.stream(messages, opts);
    }
  }

  private request(messages: ChatMessage[], opts: ChatCallOptions): ChatCompletionCreateParamsStreaming {
    const o = opts.options ?? {};
    return {
      model: this.model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
      ...(o.num_predict !== undefined ? { max_tokens: o.num_predict } : {}),
      ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.stop?.length ? { stop: o.stop } : {}),
      ...(opts.format === undefined ? {} : { response_format: this.responseFormat(opts.format) }),
    };
  }

  private responseFormat(
    format: NonNullable<ChatCallOptions['format']>,
  ): ChatCompletionCreateParamsStreaming['response_format'] {
    if (format === 'json' || noJsonSchema.has(this.address)) return { type: 'json_object' };
    return { type: 'json_schema', json_schema: { name: 'reply', schema: format } };
  }

  private async *stream(messages: ChatMessage[], opts: ChatCallOptions): AsyncIterable<ChatChunk> {
    const body = this.request(messages, opts);
    const { model: _model, messages: _messages, ...sent } = body;
    const call = startCall(this, opts.purpose, opts.attempt ?? 1, messages, sent);
    const numPredict = opts.options?.num_predict ?? null;
    const timers = new RequestTimers(this.timeouts, opts.signal, true);
    const meter = new ReplyMeter(replyCharCap(numPredict));
    let stream: (AsyncIterable<ChatCompletionChunk> & { controller: AbortController }) | undefined;
    let finishReason: string | null = null;
    let finished = false;
    let capped: ReplyCapped | null = null;
    let failure: string | null = null;
    try {
      stream = await this.client.chat.completions.create(body, { signal: timers.signal });
      // Read by hand, not with for-await: the idle timer runs only while waiting for a chunk.
      const parts = stream[Symbol.asyncIterator]();
      for (;;) {
        timers.waiting();
        const next = await parts.next();
        if (next.done) break;
        const part = next.value;
        const choice = part.choices?.[0];
        const delta = (choice?.delta ?? {}) as {
          content?: string | null;
          reasoning_content?: unknown;
          reasoning?: unknown;
        };
        // vLLM and llama-server send reasoning as reasoning_content; newer vLLM as reasoning.
        const thinking =
          typeof delta.reasoning_content === 'string'
            ? delta.reasoning_content
            : typeof delta.reasoning === 'string'
              ? delta.reasoning
              : '';
        const text = delta.content ?? '';
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (part.usage) readUsage(call, part);
        timers.received(text !== '' || thinking !== '' || finishReason !== null);
        if (text === '' && thinking === '') continue;
        capped = meter.add(text, thinking);
        if (capped) break;
        call.reply += text;
        call.thinking += thinking;
        yield { text, thinking, done: false };
      }
      // The client ends the stream quietly when it is aborted: a limit or the caller did it.
      if (timers.signal.aborted && !capped) throw timers.timedOut(this.host) ?? new LlmError('aborted', 'Cancelled.');
      if (!capped && finishReason === null) throw new TypeError('terminated');
      finished = !capped;
    } catch (err) {
      const e = timers.timedOut(this.host) ?? toOpenAiError(err, this.errorCtx, stream !== undefined);
      failure = e.message;
      throw e;
    } finally {
      timers.dispose();
      // Leaving early must close the HTTP stream, or the server keeps generating for nobody.
      if (!finished) stream?.controller.abort();
      if (finished) call.doneReason = finishReason;
      finishCall(this, call, { error: failure, cut: !finished && failure === null, capped, numPredict });
    }
    if (capped) {
      yield { text: '', thinking: '', done: true, doneReason: 'length', capped };
      return;
    }
    yield {
      text: '',
      thinking: '',
      done: true,
      doneReason: finishReason ?? 'stop',
      metrics: {
        promptTokens: call.promptTokens,
        outputTokens: call.outputTokens,
        loadMs: null,
        promptMs: call.promptMs,
        evalMs: call.evalMs,
      },
    };
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const models = await this.models(signal);
    // Names are the server's words: shown in banners, hints and doctor, so cleaned like any.
    return models.map((m) => (isRecord(m) && typeof m.id === 'string' ? cleanLine(m.id) : '')).filter(Boolean);
  }

  async show(signal?: AbortSignal): Promise<ModelFacts> {
    const models = await this.models(signal);
    const entry = models.find((m) => isRecord(m) && m.id === this.model);
    if (entry === undefined) {
      throw new LlmError('model-missing', `Model '${this.model}' is not served at ${this.address}.`);
    }
    let contextLength = listedContextLength(entry);
    const extra = extraContextRoute(entry, this.address);
    if (extra) {
      // Only a hint: a server that does not answer it leaves what the listing said.
      const body = await this.send(signal, (s) => this.client.get(extra.url, { signal: s })).catch(() => null);
      contextLength = extra.read(body) ?? contextLength;
    }
    return { contextLength, thinking: false };
  }

  /** The server keeps its model loaded (vLLM, llama-server) or loads it on the first request (LM Studio). */
  async load(): Promise<void> {}

  private async models(signal?: AbortSignal): Promise<unknown[]> {
    const page = await this.send(signal, (s) => this.client.models.list({ signal: s }));
    const data: unknown[] = page.data;
    return data;
  }

  /** One request that is not streamed, bounded like a first token (timeouts.ts). */
  private async send<T>(signal: AbortSignal | undefined, go: (signal: AbortSignal) => PromiseLike<T>): Promise<T> {
    const timers = new RequestTimers(this.timeouts, signal, false);
    try {
      return await go(timers.signal);
    } catch (err) {
      // A caller's deadline (the preflight's AbortSignal.timeout) is a timeout, not a cancel.
      if (signal?.aborted && (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError') {
        throw new LlmError('timeout', `The OpenAI-compatible server at ${this.address} did not answer in time.`);
      }
      throw timers.timedOut(this.host) ?? toOpenAiError(err, this.errorCtx, false);
    } finally {
      timers.dispose();
    }
  }
}

/** usage (the last chunk, with stream_options.include_usage) and llama-server's timings. */
function readUsage(
  call: { promptTokens: number | null; outputTokens: number | null; promptMs: number | null; evalMs: number | null },
  part: ChatCompletionChunk,
): void {
  call.promptTokens = part.usage?.prompt_tokens ?? null;
  call.outputTokens = part.usage?.completion_tokens ?? null;
  const timings = (part as { timings?: unknown }).timings;
  if (isRecord(timings)) {
    if (typeof timings.prompt_ms === 'number') call.promptMs = timings.prompt_ms;
    if (typeof timings.predicted_ms === 'number') call.evalMs = timings.predicted_ms;
  }
}

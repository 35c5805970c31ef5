/**
 * How long the app waits on the LLM server: one setting, `llmTimeoutSec` (N, default 120),
 * and the other limits follow from it.
 *
 * - first token, N s: from sending a request until the first chunk that carries reply text or
 *   reasoning (or ends the reply). Loading the model and reading the prompt happen in this
 *   time. Headers do not count (Ollama sends them with the first token, a proxy may send them
 *   at once), nor do empty chunks.
 * - idle, N/2 s: once the reply has started, the longest wait for the next chunk.
 * - whole call, 10×N s: from sending the request to the end of the reply, however steadily it
 *   comes. Only the judge's long replies come near it (a few thousand tokens on a slow machine).
 *
 * A request that is not streamed (/api/tags, /api/show, the warm-up load) gets N s for the
 * whole exchange: loading the model is its first token.
 */
import { LlmError } from './llm-errors.js';
import { parseEndpoint, serverName } from './provider.js';

export interface LlmTimeouts {
  firstTokenMs: number;
  idleMs: number;
  callMs: number;
}

export const DEFAULT_LLM_TIMEOUT_SEC = 120;
/** What `config set llmTimeoutSec` accepts, in whole seconds. */
export const LLM_TIMEOUT_SEC_RANGE = { min: 1, max: 3600 } as const;

const IDLE_SHARE = 0.5;
const CALL_FACTOR = 10;

/** The three limits from llmTimeoutSec. */
export function llmTimeouts(firstTokenSec: number = DEFAULT_LLM_TIMEOUT_SEC): LlmTimeouts {
  const firstTokenMs = firstTokenSec * 1000;
  return { firstTokenMs, idleMs: firstTokenMs * IDLE_SHARE, callMs: firstTokenMs * CALL_FACTOR };
}

type Expired = 'first-token' | 'idle' | 'call' | 'response';

/**
 * The timers of one request. `signal` goes to the request (it also carries the caller's own
 * signal): when a limit passes, it aborts, which closes the HTTP connection, and timedOut()
 * says which limit it was. The idle timer runs only while the client waits for the next chunk,
 * so a slow consumer of the reply is never taken for a stalled server. dispose() clears every
 * timer: nothing is left to keep the process alive.
 */
export class RequestTimers {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private expired: Expired | null = null;
  private started = false;
  private readonly firstToken: NodeJS.Timeout;
  private readonly whole: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;

  /** `streaming`: a chat reply read chunk by chunk; else one response, bounded by the first-token limit. */
  constructor(
    private readonly limits: LlmTimeouts,
    private readonly caller: AbortSignal | undefined,
    streaming: boolean,
  ) {
    this.signal = caller ? AbortSignal.any([caller, this.controller.signal]) : this.controller.signal;
    this.firstToken = this.arm(streaming ? 'first-token' : 'response', limits.firstTokenMs);
    if (streaming) this.whole = this.arm('call', limits.callMs);
  }

  /** The client is about to wait for the next chunk. */
  waiting(): void {
    if (this.started && !this.expired) this.idle = this.arm('idle', this.limits.idleMs);
  }

  /** A chunk arrived; `progress` when it carries text or reasoning, or ends the reply. */
  received(progress: boolean): void {
    clearTimeout(this.idle);
    if (progress && !this.started) {
      this.started = true;
      clearTimeout(this.firstToken);
    }
  }

  /** The error to report when a limit (not the caller) ended the request, else null. `host`: the endpoint text (provider.ts). */
  timedOut(host: string): LlmError | null {
    if (!this.expired || this.caller?.aborted) return null;
    const openai = parseEndpoint(host).provider === 'openai';
    return new LlmError(
      'timeout',
      timeoutMessage(this.expired, serverName(parseEndpoint(host)), this.limits),
      openai ? OPENAI_TIMEOUT_HINT : TIMEOUT_HINT,
    );
  }

  dispose(): void {
    clearTimeout(this.firstToken);
    clearTimeout(this.whole);
    clearTimeout(this.idle);
  }

  private arm(what: Expired, ms: number): NodeJS.Timeout {
    return setTimeout(() => {
      this.expired ??= what;
      this.controller.abort(new DOMException(`${what} timeout`, 'TimeoutError'));
    }, ms);
  }
}

const TIMEOUT_HINT =
  'Check that `ollama serve` is healthy (a model too big for memory loads slowly), or allow more time: `interview-coach config set llmTimeoutSec <seconds>`.';

const OPENAI_TIMEOUT_HINT =
  'Check that the server is healthy (a busy shared server queues requests), or allow more time: `interview-coach config set llmTimeoutSec <seconds>`.';

/** `server`: "Ollama at http://…" or "The OpenAI-compatible server at …" (provider.ts serverName). */
function timeoutMessage(expired: Expired, server: string, limits: LlmTimeouts): string {
  const s = (ms: number) => `${formatSeconds(ms)} s`;
  switch (expired) {
    case 'first-token':
      return `${server} did not start its reply within ${s(limits.firstTokenMs)}.`;
    case 'idle':
      return `${server} stopped in the middle of a reply (nothing for ${s(limits.idleMs)}).`;
    case 'call':
      return `${server} did not finish its reply within ${s(limits.callMs)}.`;
    case 'response':
      return `${server} did not answer within ${s(limits.firstTokenMs)}.`;
  }
}

/** 60, 0.5, 0.25: seconds without trailing zeros. */
function formatSeconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

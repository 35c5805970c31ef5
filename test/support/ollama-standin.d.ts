// Types for ./ollama-standin.mjs (a stand-in Ollama HTTP server for tests and benchmarks).
// Under moduleResolution NodeNext, `import ... from './ollama-standin.mjs'` resolves to
// ./ollama-standin.d.mts, which re-exports this file.

export type DoneReason = 'stop' | 'length';

export interface ReplySpec {
  /** Content to generate; split into word tokens with their leading whitespace (joining them gives the text back). */
  text?: string;
  /** Explicit token list (one NDJSON line each) instead of `text`. */
  tokens?: string[];
  /** done_reason when the tokens run out (default 'stop'); num_predict / stop still apply. */
  doneReason?: DoneReason;
  /** Pre-stream HTTP error status (default 500 when `error` is set). */
  status?: number;
  /** Pre-stream HTTP error message: body {"error": ...}, application/json; charset=utf-8. */
  error?: string;
  /** After N token lines write {"error": errorMessage} and end, with no done line. N = 0 gives an HTTP 500 instead, like the real server. */
  errorAfterTokens?: number;
  /** Message for errorAfterTokens (default 'an error was encountered while running the model'). */
  errorMessage?: string;
  /** After N token lines end the response cleanly without a done line. */
  eofAfterTokens?: number;
  /** After N token lines (flushed first) destroy the socket. N = 0 destroys it before any header. */
  destroyAfterTokens?: number;
  /** Per-reply override of the model-load + prefill delay before headers and the first line. */
  firstByteDelayMs?: number;
  /** Per-reply override of the delay between lines. */
  tokenDelayMs?: number;
  /** Write each line in two writes (2 ms apart), split inside the first multi-byte character when there is one. */
  splitUtf8?: boolean;
}

export type Reply = string | ReplySpec;

/** The parsed /api/chat request body. */
export interface ChatRequestBody {
  model: string;
  messages?: Array<{ role: string; content: string; [key: string]: unknown }>;
  stream?: boolean;
  format?: unknown;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
  think?: boolean | string;
  [key: string]: unknown;
}

/**
 * Decides what /api/chat generates. `callIndex` counts, from 0, the chat requests that reach
 * generation (known model, valid body, non-empty messages); load/unload requests and requests
 * rejected by validation do not call it.
 */
export type ReplyFn = (request: ChatRequestBody, callIndex: number) => Reply;

export interface StandinOptions {
  /** Always loopback; the server binds 127.0.0.1 whatever is passed. */
  host?: string;
  /** Default 0 (random free port). */
  port?: number;
  /** Names listed by /api/tags, default ['mistral:latest']; 'mistral' matches 'mistral:latest'. */
  models?: string[];
  /** Reported by /api/version, default '0.12.10'. */
  version?: string;
  /** Default: a fixed sentence, or schema-conformant JSON when the request has a `format`. */
  reply?: ReplyFn;
  /** Delay between NDJSON lines (default 0). */
  tokenDelayMs?: number;
  /** Delay before headers + first line, i.e. model load + prefill (default 0). */
  firstByteDelayMs?: number;
}

export interface RecordedRequest {
  /** URL path without the query string. */
  path: string;
  method: string;
  /** Parsed JSON body, or null when empty or not valid JSON. */
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export interface Standin {
  /** e.g. 'http://127.0.0.1:43123' */
  readonly url: string;
  readonly port: number;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Parsed bodies of the POST /api/chat requests that had a JSON body. */
  chatRequests(): ChatRequestBody[];
  /** Chat generations (streaming or not) the client abandoned before the done line, including during the first-byte wait. */
  readonly abortedStreams: number;
  /** Chat generations in progress, including those still in the first-byte wait. */
  readonly activeStreams: number;
  /** Change reply / models / version / delays at runtime (host and port are fixed). */
  setOptions(partial: Partial<StandinOptions>): void;
  /** Closes the server, cancels every pending timer and destroys open sockets. */
  close(): Promise<void>;
}

export declare const DEFAULT_REPLY_TEXT: string;

/** Starts a stand-in Ollama server on 127.0.0.1. */
export declare function startStandin(options?: StandinOptions): Promise<Standin>;

/** Lower-cases, drops 'registry.ollama.ai/library/', appends ':latest' when there is no tag. */
export declare function normalizeModelName(name: string): string;

/** Word tokens with their leading whitespace; tokenize(t).join('') === t. */
export declare function tokenize(text: string): string[];

/** A minimal value conforming to a simple JSON Schema (used for the default reply when `format` is set). */
export declare function exampleFromSchema(schema: unknown): unknown;

/** Applies options.stop and options.num_predict to a token list, as the Ollama runner does. */
export declare function applyStopAndLimit(
  tokens: string[],
  options: { stop?: unknown; num_predict?: unknown } | undefined,
  naturalReason?: DoneReason,
): { tokens: string[]; doneReason: DoneReason };

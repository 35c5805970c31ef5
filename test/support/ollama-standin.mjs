// A stand-in Ollama HTTP server for tests and benchmarks.
//
// It reproduces the wire behaviour of Ollama v0.12.x as described in
// /work/shared/reference/ollama-api.md (sections 1-3, 7, 8): status codes, exact
// error bodies, content types, NDJSON field order, "no headers before the first
// token", metrics in integer nanoseconds, num_predict / stop handling, and
// stopping generation when the client disconnects. On top of that it has
// fault-injection knobs (error line mid-stream, EOF without done, socket
// destroyed, UTF-8 characters split across writes, slow first byte).
//
// Plain ESM JavaScript using only Node built-ins, so benchmarks can import it
// with `node` directly. Types: ./ollama-standin.d.ts (and .d.mts for NodeNext).

import http from 'node:http';
import { createHash } from 'node:crypto';

/**
 * @typedef {'stop' | 'length'} DoneReason
 *
 * @typedef {object} ReplySpec
 * @property {string} [text] content to generate; split into word tokens with their leading whitespace
 * @property {string[]} [tokens] explicit token list (one NDJSON line each) instead of `text`
 * @property {DoneReason} [doneReason] done_reason when the tokens run out (default 'stop')
 * @property {number} [status] pre-stream HTTP error status (default 500 when `error` is set)
 * @property {string} [error] pre-stream HTTP error message, body {"error": ...}
 * @property {number} [errorAfterTokens] after N token lines write {"error": errorMessage} and end (no done line)
 * @property {string} [errorMessage] message for errorAfterTokens (default 'an error was encountered while running the model')
 * @property {number} [eofAfterTokens] after N token lines end the response cleanly without a done line
 * @property {number} [destroyAfterTokens] after N token lines destroy the socket abruptly
 * @property {number} [firstByteDelayMs] per-reply override of the model-load + prefill delay
 * @property {number} [tokenDelayMs] per-reply override of the delay between lines
 * @property {boolean} [splitUtf8] write each line in two writes, split inside a multi-byte character when there is one
 *
 * @typedef {string | ReplySpec} Reply
 *
 * @typedef {(request: any, callIndex: number) => Reply} ReplyFn
 *
 * @typedef {object} StandinOptions
 * @property {string} [host] always loopback; default '127.0.0.1'
 * @property {number} [port] default 0 (random free port)
 * @property {string[]} [models] names listed by /api/tags; default ['mistral:latest']
 * @property {string} [version] reported by /api/version; default '0.12.10'
 * @property {ReplyFn} [reply] decides what /api/chat generates
 * @property {number} [tokenDelayMs] delay between NDJSON lines (default 0)
 * @property {number} [firstByteDelayMs] delay before headers + first line (default 0)
 *
 * @typedef {object} RecordedRequest
 * @property {string} path URL path without the query string
 * @property {string} method
 * @property {any} body parsed JSON body, or null when empty or not JSON
 * @property {Record<string, string | string[] | undefined>} headers
 *
 * @typedef {object} Standin
 * @property {string} url e.g. 'http://127.0.0.1:43123'
 * @property {number} port
 * @property {RecordedRequest[]} requests every request received, in order
 * @property {() => any[]} chatRequests parsed bodies of the /api/chat requests
 * @property {number} abortedStreams chat generations the client abandoned before the done line
 * @property {number} activeStreams chat generations in progress (including the first-byte wait)
 * @property {(partial: Partial<StandinOptions>) => void} setOptions change reply/models/delays/version at runtime
 * @property {() => Promise<void>} close close the server, cancel all timers, destroy open sockets
 */

export const DEFAULT_REPLY_TEXT = 'This is a canned reply from the Ollama stand-in.';
const DEFAULT_STREAM_ERROR = 'an error was encountered while running the model';

/** @type {Required<Omit<StandinOptions, 'reply'>> & { reply: ReplyFn | undefined }} */
const DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  models: ['mistral:latest'],
  version: '0.12.10',
  reply: undefined,
  tokenDelayMs: 0,
  firstByteDelayMs: 0,
};

// Known models, so /api/tags and /api/show look like a real install. Unknown
// names get deterministic made-up values.
/** @type {Record<string, {size: number, digest?: string, family: string, parameter_size: string, quantization_level: string, context_length: number, capabilities: string[]}>} */
const KNOWN_MODELS = {
  mistral: {
    size: 4372824384,
    digest: '6577803aa9a036369e481d648a2baebb381ebc6e897f2bb9a766a2aa7bfbc1cf',
    family: 'llama',
    parameter_size: '7.2B',
    quantization_level: 'Q4_K_M',
    context_length: 32768,
    capabilities: ['completion', 'tools'],
  },
  'llama3.2': {
    size: 2019393189,
    digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
    family: 'llama',
    parameter_size: '3.2B',
    quantization_level: 'Q4_K_M',
    context_length: 131072,
    capabilities: ['completion', 'tools'],
  },
  'llama3.1': {
    size: 4920753328,
    family: 'llama',
    parameter_size: '8.0B',
    quantization_level: 'Q4_K_M',
    context_length: 131072,
    capabilities: ['completion', 'tools'],
  },
  'qwen2.5': {
    size: 4683087332,
    digest: '845dbda0ea48ed749caafd9e6037047aa19acfcfd82e704d7ca97d631a0b697e',
    family: 'qwen2',
    parameter_size: '7.6B',
    quantization_level: 'Q4_K_M',
    context_length: 32768,
    capabilities: ['completion', 'tools'],
  },
  qwen3: {
    size: 5225387923,
    family: 'qwen3',
    parameter_size: '8.2B',
    quantization_level: 'Q4_K_M',
    context_length: 40960,
    capabilities: ['completion', 'tools', 'thinking'],
  },
  gemma2: {
    size: 5443152417,
    family: 'gemma2',
    parameter_size: '9.2B',
    quantization_level: 'Q4_0',
    context_length: 8192,
    capabilities: ['completion'],
  },
  phi3: {
    size: 2176178913,
    family: 'phi3',
    parameter_size: '3.8B',
    quantization_level: 'Q4_0',
    context_length: 131072,
    capabilities: ['completion'],
  },
  'deepseek-r1': {
    size: 5225376047,
    family: 'qwen3',
    parameter_size: '8.2B',
    quantization_level: 'Q4_K_M',
    context_length: 131072,
    capabilities: ['completion', 'thinking'],
  },
};

// ---------------------------------------------------------------------------
// small helpers

/**
 * Canonical form used to match model names: lower case, without the default
 * registry/namespace, with the tag defaulting to "latest".
 * @param {string} name
 */
export function normalizeModelName(name) {
  let n = String(name).trim().toLowerCase();
  n = n.replace(/^registry\.ollama\.ai\//, '').replace(/^library\//, '');
  const lastSlash = n.lastIndexOf('/');
  if (!n.slice(lastSlash + 1).includes(':')) n += ':latest';
  return n;
}

/** @param {string} name */
function baseName(name) {
  const n = normalizeModelName(name);
  const noTag = n.slice(0, n.lastIndexOf(':'));
  return noTag.slice(noTag.lastIndexOf('/') + 1);
}

/** @param {string} name */
function modelMeta(name) {
  const base = baseName(name);
  const hash = createHash('sha256').update(normalizeModelName(name)).digest('hex');
  const known = KNOWN_MODELS[base];
  if (known) return { ...known, digest: known.digest ?? hash };
  const family = base.replace(/[^a-z].*$/, '') || 'llama';
  return {
    size: 2_000_000_000 + (parseInt(hash.slice(0, 8), 16) % 3_000_000_000),
    digest: hash,
    family,
    parameter_size: '7.0B',
    quantization_level: 'Q4_K_M',
    context_length: 8192,
    capabilities: ['completion'],
  };
}

/** Go-style RFC3339 in the local offset with nanoseconds, like a manifest mtime. @param {Date} d */
function localRfc3339(d, nanosExtra = 0) {
  const pad = (/** @type {number} */ v, w = 2) => String(v).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const frac = (pad(d.getMilliseconds(), 3) + pad(nanosExtra % 1_000_000, 6)).replace(/0+$/, '');
  const tz = off === 0 ? 'Z' : `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${frac ? '.' + frac : ''}${tz}`;
}

/** `time.Now().UTC()` as Go marshals it: RFC3339Nano, trailing zeros trimmed, Z. */
function nowUtc() {
  const iso = new Date().toISOString(); // 2025-11-20T10:15:02.118Z
  const subMs = Number(process.hrtime.bigint() % 1_000_000n); // fake the sub-millisecond digits
  const frac = (iso.slice(20, 23) + String(subMs).padStart(6, '0')).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? '.' + frac : ''}Z`;
}

/** @param {unknown} v */
function goType(v) {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string | number | object
}

/**
 * Go's time.ParseDuration, only as far as deciding valid/invalid and its message.
 * @param {string} s
 * @returns {{ ok: true, ms: number } | { ok: false, error: string }}
 */
function parseGoDuration(s) {
  const quoted = JSON.stringify(s);
  if (/^[-+]?0$/.test(s)) return { ok: true, ms: 0 };
  const m = /^([-+]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(s);
  if (!m) {
    if (/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: false, error: `time: missing unit in duration ${quoted}` };
    return { ok: false, error: `time: invalid duration ${quoted}` };
  }
  /** @type {Record<string, number>} */
  const unit = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let ms = 0;
  for (const [, num, u] of m[2].matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) ms += Number(num) * unit[u];
  return { ok: true, ms: m[1] === '-' ? -ms : ms };
}

/** keep_alive as milliseconds; negative = forever; undefined when absent. @param {unknown} v */
function keepAliveMs(v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v * 1000;
  if (typeof v === 'string') {
    const d = parseGoDuration(v);
    return d.ok ? d.ms : undefined;
  }
  return undefined;
}

/**
 * Approximates Go's encoding/json syntax error text for a body JSON.parse rejected.
 * @param {string} text
 * @param {unknown} err
 */
function goJsonSyntaxError(text, err) {
  const msg = err instanceof Error ? err.message : String(err);
  const trimmed = text.trimStart();
  const first = trimmed[0];
  if (first && !'{["-0123456789tfn'.includes(first))
    return `invalid character '${first}' looking for beginning of value`;
  if (/end of JSON input|Unterminated/i.test(msg)) return 'unexpected EOF';
  const pos = /position (\d+)/.exec(msg);
  const ch = pos ? text[Number(pos[1])] : undefined;
  if (ch === undefined) return 'unexpected EOF';
  if (ch === '\n') return "invalid character '\\n' in string literal";
  return `invalid character '${ch}' looking for beginning of value`;
}

/**
 * Type checks that Go's decoder would do on a ChatRequest (subset). Returns the Go error text or null.
 * @param {any} body
 */
function chatBodyTypeError(body) {
  if (body === null) return null;
  if (typeof body !== 'object' || Array.isArray(body)) {
    return `json: cannot unmarshal ${goType(body)} into Go value of type api.ChatRequest`;
  }
  /** @type {Array<[string, string, (v: unknown) => boolean]>} */
  const fields = [
    ['model', 'string', (v) => typeof v === 'string'],
    ['messages', '[]api.Message', (v) => Array.isArray(v)],
    ['stream', 'bool', (v) => typeof v === 'boolean'],
    ['options', 'map[string]interface {}', (v) => typeof v === 'object' && !Array.isArray(v)],
  ];
  for (const [name, type, ok] of fields) {
    const v = body[name];
    if (v !== undefined && v !== null && !ok(v)) {
      return `json: cannot unmarshal ${goType(v)} into Go struct field ChatRequest.${name} of type ${type}`;
    }
  }
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (m === null) continue;
      if (typeof m !== 'object' || Array.isArray(m)) {
        return `json: cannot unmarshal ${goType(m)} into Go struct field ChatRequest.messages of type api.Message`;
      }
      for (const f of ['role', 'content']) {
        if (m[f] !== undefined && m[f] !== null && typeof m[f] !== 'string') {
          return `json: cannot unmarshal ${goType(m[f])} into Go struct field Message.messages.${f} of type string`;
        }
      }
    }
  }
  const ka = body.keep_alive;
  if (typeof ka === 'string') {
    const d = parseGoDuration(ka);
    if (!d.ok) return d.error;
  }
  return null;
}

/**
 * Runtime option type checks done in scheduleRunner (500 on failure). Returns the message or null.
 * @param {any} options
 */
function optionTypeError(options) {
  if (!options || typeof options !== 'object') return null;
  /** @type {Record<string, 'int' | 'float32' | 'array' | 'bool'>} */
  const types = {
    num_predict: 'int',
    num_ctx: 'int',
    seed: 'int',
    top_k: 'int',
    num_keep: 'int',
    num_batch: 'int',
    num_gpu: 'int',
    num_thread: 'int',
    repeat_last_n: 'int',
    main_gpu: 'int',
    temperature: 'float32',
    top_p: 'float32',
    min_p: 'float32',
    typical_p: 'float32',
    repeat_penalty: 'float32',
    presence_penalty: 'float32',
    frequency_penalty: 'float32',
    stop: 'array',
    use_mmap: 'bool',
  };
  for (const [key, value] of Object.entries(options)) {
    const t = types[key];
    if (!t || value === null) continue;
    if (t === 'int' && typeof value !== 'number') return `option "${key}" must be of type integer`;
    if (t === 'float32' && typeof value !== 'number') return `option "${key}" must be of type float32`;
    if (t === 'bool' && typeof value !== 'boolean') return `option "${key}" must be of type boolean`;
    if (t === 'array') {
      if (!Array.isArray(value)) return `option "${key}" must be of type array`;
      if (value.some((s) => typeof s !== 'string')) return `option "${key}" must be of type array`;
    }
  }
  return null;
}

/**
 * Splits text into word tokens with their leading whitespace (plus trailing
 * whitespace as a last token), so tokens.join('') === text.
 * @param {string} text
 */
export function tokenize(text) {
  return String(text).match(/\s*\S+|\s+/g) ?? [];
}

/**
 * A minimal value conforming to a (simple) JSON Schema: used for the default
 * reply when the request has a `format`.
 * @param {any} schema
 * @param {number} [depth]
 * @returns {unknown}
 */
export function exampleFromSchema(schema, depth = 0) {
  if (!schema || typeof schema !== 'object' || depth > 8) return {};
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if ('default' in schema) return schema.default;
  for (const k of ['anyOf', 'oneOf', 'allOf']) {
    if (Array.isArray(schema[k]) && schema[k].length) {
      const pick = schema[k].find((/** @type {any} */ s) => s && s.type !== 'null') ?? schema[k][0];
      return exampleFromSchema(pick, depth + 1);
    }
  }
  let type = schema.type;
  if (Array.isArray(type)) type = type.find((t) => t !== 'null') ?? 'null';
  if (!type) type = schema.properties ? 'object' : schema.items ? 'array' : 'string';
  switch (type) {
    case 'object': {
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = exampleFromSchema(v, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, schema.minItems ?? 1);
      return Array.from({ length: n }, () => exampleFromSchema(schema.items ?? {}, depth + 1));
    }
    case 'integer':
      return Math.ceil(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1));
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      const min = schema.minLength ?? 0;
      const s = 'stand-in';
      return s.length >= min ? s : s.padEnd(min, 'x');
    }
  }
}

/** @param {any} request */
function defaultReply(request) {
  const format = request?.format;
  if (format && typeof format === 'object') return JSON.stringify(exampleFromSchema(format));
  if (format === 'json') return '{"reply":"' + DEFAULT_REPLY_TEXT + '"}';
  return DEFAULT_REPLY_TEXT;
}

/**
 * Applies options.stop and options.num_predict to the token list, the way the
 * runner does: a stop string is detected on the token that completes it and the
 * text from the stop string on is dropped ("stop"); num_predict is checked
 * before sampling each next token, so reaching exactly num_predict tokens
 * already ends with "length".
 * @param {string[]} tokens
 * @param {any} options
 * @param {DoneReason} naturalReason
 * @returns {{ tokens: string[], doneReason: DoneReason }}
 */
export function applyStopAndLimit(tokens, options, naturalReason = 'stop') {
  const np = options?.num_predict;
  const limit = typeof np === 'number' && np > 0 ? Math.floor(np) : Infinity;
  const stops = Array.isArray(options?.stop)
    ? options.stop.filter((/** @type {unknown} */ s) => typeof s === 'string' && s !== '')
    : [];
  if (stops.length) {
    const text = tokens.join('');
    let cut = -1;
    let end = Infinity;
    for (const s of stops) {
      const i = text.indexOf(s);
      if (i !== -1 && i + s.length < end) {
        end = i + s.length;
        cut = i;
      }
    }
    if (cut !== -1) {
      // index of the token holding the last character of the stop string
      let pos = 0;
      let completing = 0;
      for (; completing < tokens.length; completing++) {
        pos += tokens[completing].length;
        if (pos >= end) break;
      }
      if (completing < limit) {
        const out = [];
        pos = 0;
        for (const t of tokens) {
          if (pos + t.length <= cut) out.push(t);
          else {
            if (cut > pos) out.push(t.slice(0, cut - pos));
            break;
          }
          pos += t.length;
        }
        return { tokens: out, doneReason: 'stop' };
      }
    }
  }
  if (tokens.length >= limit) return { tokens: tokens.slice(0, limit), doneReason: 'length' };
  return { tokens, doneReason: naturalReason };
}

/**
 * Approximate prompt tokens: ceil(chars / 4) over all message contents.
 * @param {any} body
 */
function promptTokenCount(body) {
  let chars = 0;
  for (const m of body?.messages ?? []) chars += typeof m?.content === 'string' ? m.content.length : 0;
  if (body?.format) chars += JSON.stringify(body.format).length;
  return Math.max(1, Math.ceil(chars / 4));
}

/** A per-reply delay override, else the server-wide one. @param {unknown} override @param {number} fallback */
function pickDelay(override, fallback) {
  if (typeof override === 'number' && Number.isFinite(override)) return Math.max(0, override);
  return Math.max(0, Number(fallback) || 0);
}

/**
 * Sleeps unless the signal aborts first. Resolves true when the time elapsed, false when aborted.
 * @param {number} delay
 * @param {AbortSignal} signal
 * @returns {Promise<boolean>}
 */
function sleep(delay, signal) {
  if (signal.aborted) return Promise.resolve(false);
  if (!(delay > 0)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, delay);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Writes a chunk; waits for the write to be flushed to the socket when `flush`
 * is set, and for 'drain' when the socket buffer is full (TCP backpressure, like
 * Go's blocking Write). Resolves false when the stream was cancelled meanwhile.
 * @param {http.ServerResponse} res
 * @param {Buffer} chunk
 * @param {AbortSignal} signal
 * @param {boolean} [flush]
 * @returns {Promise<boolean>}
 */
function write(res, chunk, signal, flush = false) {
  if (signal.aborted || res.destroyed) return Promise.resolve(false);
  if (!flush) {
    const ok = res.write(chunk);
    if (ok) return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const done = (/** @type {boolean} */ v) => {
      signal.removeEventListener('abort', onAbort);
      res.off('drain', onDrain);
      resolve(v);
    };
    const onAbort = () => done(false);
    const onDrain = () => done(!signal.aborted);
    signal.addEventListener('abort', onAbort, { once: true });
    if (flush) res.write(chunk, (err) => done(!err && !signal.aborted));
    else res.once('drain', onDrain);
  });
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} obj
 * @param {string} [contentType]
 */
function sendJson(res, status, obj, contentType = 'application/json; charset=utf-8') {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(JSON.stringify(obj));
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}

/** @param {http.ServerResponse} res @param {number} status @param {string} text */
function sendText(res, status, text, contentType = 'text/plain') {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(text);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** @param {bigint} from */
function nsSince(from) {
  return Number(process.hrtime.bigint() - from);
}

// ---------------------------------------------------------------------------

/**
 * Starts a stand-in Ollama server on 127.0.0.1.
 * @param {StandinOptions} [options]
 * @returns {Promise<Standin>}
 */
export async function startStandin(options = {}) {
  /** @type {typeof DEFAULTS} */
  const opts = { ...DEFAULTS };
  /** @param {Partial<StandinOptions>} partial */
  const merge = (partial) => {
    for (const [k, v] of Object.entries(partial ?? {})) {
      if (k === 'host' || k === 'port') continue; // fixed once listening
      if (v !== undefined || k === 'reply') /** @type {any} */ (opts)[k] = v;
    }
  };
  merge(options);

  /** @type {RecordedRequest[]} */
  const requests = [];
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  /** @type {Set<AbortController>} */
  const generations = new Set();
  /** loaded models for /api/ps: normalized name -> { name as listed, expiresAt (ms epoch, Infinity = forever) } */
  /** @type {Map<string, { name: string, expiresAt: number }>} */
  const loaded = new Map();
  let replyCalls = 0;
  let closing = false;

  const state = { abortedStreams: 0, activeStreams: 0 };

  /** @param {string} requested */
  const findModel = (requested) => {
    const want = normalizeModelName(requested);
    return opts.models.find((m) => normalizeModelName(m) === want);
  };

  const listModels = () => {
    const base = Date.UTC(2025, 9, 20, 15, 4, 11);
    return opts.models.map((name, i) => {
      const meta = modelMeta(name);
      const display = normalizeModelName(name).replace(/^registry\.ollama\.ai\/library\//, '');
      return {
        name: display,
        model: display,
        modified_at: localRfc3339(new Date(base - i * 86_400_000 * 3 - i * 3_217_377), 706_015 + i * 111),
        size: meta.size,
        digest: meta.digest,
        details: {
          parent_model: '',
          format: 'gguf',
          family: meta.family,
          families: [meta.family],
          parameter_size: meta.parameter_size,
          quantization_level: meta.quantization_level,
        },
      };
    });
  };

  /** @param {string} model @param {unknown} keepAlive */
  const markLoaded = (model, keepAlive) => {
    const listed = findModel(model);
    if (!listed) return;
    const kaMs = keepAliveMs(keepAlive) ?? 5 * 60_000;
    const key = normalizeModelName(listed);
    if (kaMs === 0) loaded.delete(key);
    else loaded.set(key, { name: listed, expiresAt: kaMs < 0 ? Infinity : Date.now() + kaMs });
  };

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const handle = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    /** @type {any} */
    let parsed = null;
    /** @type {unknown} */
    let parseError = null;
    if (raw.trim() !== '') {
      try {
        parsed = JSON.parse(raw);
      } catch (err) {
        parseError = err;
      }
    }
    requests.push({ path, method, body: parsed, headers: { ...req.headers } });

    /** @type {Record<string, Record<string, () => unknown>>} */
    const routes = {
      '/': {
        GET: () => sendText(res, 200, 'Ollama is running', 'text/plain; charset=utf-8'),
        HEAD: () => sendText(res, 200, 'Ollama is running', 'text/plain; charset=utf-8'),
      },
      '/api/version': {
        GET: () => sendJson(res, 200, { version: opts.version }),
        HEAD: () => sendJson(res, 200, { version: opts.version }),
      },
      '/api/tags': {
        GET: () => sendJson(res, 200, { models: listModels() }),
        HEAD: () => sendJson(res, 200, { models: listModels() }),
      },
      '/api/ps': { GET: () => sendJson(res, 200, { models: psModels() }) },
      '/api/show': { POST: () => show() },
      '/api/chat': { POST: () => chat() },
    };

    const psModels = () => {
      const now = Date.now();
      const out = [];
      for (const [key, entry] of loaded) {
        if (entry.expiresAt <= now) {
          loaded.delete(key);
          continue;
        }
        const meta = modelMeta(entry.name);
        const display = normalizeModelName(entry.name);
        out.push({
          name: display,
          model: display,
          size: meta.size + 700_000_000,
          digest: meta.digest,
          details: {
            parent_model: '',
            format: 'gguf',
            family: meta.family,
            families: [meta.family],
            parameter_size: meta.parameter_size,
            quantization_level: meta.quantization_level,
          },
          expires_at: localRfc3339(
            new Date(Number.isFinite(entry.expiresAt) ? entry.expiresAt : Date.UTC(2318, 0, 1)),
            0,
          ),
          size_vram: meta.size + 700_000_000,
          context_length: 4096,
          _expires: entry.expiresAt,
        });
      }
      out.sort((a, b) => b._expires - a._expires);
      return out.map(({ _expires, ...rest }) => rest);
    };

    const show = () => {
      if (raw.trim() === '') return sendJson(res, 400, { error: 'missing request body' });
      if (parseError) return sendJson(res, 400, { error: goJsonSyntaxError(raw, parseError) });
      const name = parsed?.model || parsed?.name;
      if (typeof name !== 'string' || name.trim() === '') return sendJson(res, 400, { error: 'model is required' });
      const listed = findModel(name);
      if (!listed) return sendJson(res, 404, { error: `model '${name}' not found` });
      const meta = modelMeta(listed);
      const display = normalizeModelName(listed);
      const template =
        '{{- if .System }}{{ .System }}\n{{ end }}{{ range .Messages }}[INST] {{ .Content }} [/INST]{{ end }}';
      return sendJson(res, 200, {
        license: 'Apache License\nVersion 2.0, January 2004',
        modelfile: `# Modelfile generated by "ollama show"\n# To build a new Modelfile based on this, replace FROM with:\n# FROM ${display}\n\nFROM /root/.ollama/models/blobs/sha256-${meta.digest}\nTEMPLATE """${template}"""\nPARAMETER stop [INST]\nPARAMETER stop [/INST]\n`,
        parameters: 'stop                           "[INST]"\nstop                           "[/INST]"',
        template,
        details: {
          parent_model: '',
          format: 'gguf',
          family: meta.family,
          families: [meta.family],
          parameter_size: meta.parameter_size,
          quantization_level: meta.quantization_level,
        },
        model_info: {
          'general.architecture': meta.family,
          'general.parameter_count': Math.round(parseFloat(meta.parameter_size) * 1e9),
          'general.quantization_version': 2,
          [`${meta.family}.context_length`]: meta.context_length,
          [`${meta.family}.embedding_length`]: 4096,
          [`${meta.family}.block_count`]: 32,
        },
        capabilities: meta.capabilities,
        modified_at: listModels().find((m) => normalizeModelName(m.name) === display)?.modified_at,
      });
    };

    const chat = async () => {
      const t0 = process.hrtime.bigint();
      // --- validation, in ChatHandler order
      if (raw.trim() === '') return sendJson(res, 400, { error: 'missing request body' });
      if (parseError) return sendJson(res, 400, { error: goJsonSyntaxError(raw, parseError) });
      const typeErr = chatBodyTypeError(parsed);
      if (typeErr) return sendJson(res, 400, { error: typeErr });
      const body = parsed ?? {};
      const model = body.model;
      if (typeof model !== 'string' || model.trim() === '' || /\s/.test(model)) {
        return sendJson(res, 400, { error: 'model is required' });
      }
      const listed = findModel(model);
      if (!listed) return sendJson(res, 404, { error: `model '${model}' not found` });
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const ka = keepAliveMs(body.keep_alive);
      const doneOnly = (/** @type {string} */ reason) =>
        sendJson(res, 200, {
          model,
          created_at: nowUtc(),
          message: { role: 'assistant', content: '' },
          done: true,
          done_reason: reason,
        });
      if (messages.length === 0 && ka === 0) {
        loaded.delete(normalizeModelName(listed));
        return doneOnly('unload');
      }
      const meta = modelMeta(listed);
      if (body.think !== undefined && body.think !== null && body.think !== false) {
        if (typeof body.think === 'string' && !['high', 'medium', 'low'].includes(body.think)) {
          return sendJson(res, 400, {
            error: `invalid think value: ${JSON.stringify(body.think)} (must be "high", "medium", "low", true, or false)`,
          });
        }
        if (!meta.capabilities.includes('thinking'))
          return sendJson(res, 400, { error: `${JSON.stringify(model)} does not support thinking` });
      }
      const optErr = optionTypeError(body.options);
      if (optErr) return sendJson(res, 500, { error: optErr });

      // --- from here on this is a generation (model load included)
      const ac = new AbortController();
      generations.add(ac);
      state.activeStreams++;
      let finished = false; // done line written / response completed by the server
      let serverEnded = false; // the server itself cut the stream (fault injection, close())
      const onClose = () => {
        if (!finished && !serverEnded && !closing) state.abortedStreams++;
        ac.abort();
      };
      res.on('close', onClose);
      try {
        await generate({
          body,
          model,
          listed,
          messages,
          t0,
          signal: ac.signal,
          markFinished: () => (finished = true),
          markServerEnded: () => (serverEnded = true),
          doneOnly,
        });
      } finally {
        generations.delete(ac);
        state.activeStreams--;
        if (res.writableFinished) res.off('close', onClose);
      }
    };

    /**
     * @param {{ body: any, model: string, listed: string, messages: any[], t0: bigint, signal: AbortSignal,
     *   markFinished: () => void, markServerEnded: () => void, doneOnly: (reason: string) => void }} ctx
     */
    const generate = async ({ body, model, listed, messages, t0, signal, markFinished, markServerEnded, doneOnly }) => {
      const stream = body.stream !== false;

      if (messages.length === 0) {
        // load request: wait for the "model load", answer done_reason "load"
        if (!(await sleep(pickDelay(undefined, opts.firstByteDelayMs), signal))) return;
        markLoaded(listed, body.keep_alive);
        markFinished();
        return doneOnly('load');
      }

      /** @type {ReplySpec} */
      let spec;
      const callIndex = replyCalls++;
      try {
        const r = opts.reply ? opts.reply(body, callIndex) : defaultReply(body);
        spec = typeof r === 'string' ? { text: r } : r && typeof r === 'object' ? r : { text: String(r ?? '') };
      } catch (err) {
        markServerEnded();
        return sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
      }

      if (spec.status !== undefined || spec.error !== undefined) {
        const status = spec.status ?? 500;
        markServerEnded();
        return sendJson(res, status, { error: spec.error ?? http.STATUS_CODES[status] ?? `status ${status}` });
      }

      const firstDelay = pickDelay(spec.firstByteDelayMs, opts.firstByteDelayMs);
      const tokenDelay = pickDelay(spec.tokenDelayMs, opts.tokenDelayMs);
      const rawTokens = Array.isArray(spec.tokens) ? spec.tokens.map(String) : tokenize(spec.text ?? '');
      const { tokens, doneReason } = applyStopAndLimit(rawTokens, body.options, spec.doneReason ?? 'stop');
      const promptCount = promptTokenCount(body);

      /** @type {{ after: number, kind: 'error' | 'eof' | 'destroy' } | undefined} */
      let fault;
      for (const [kind, key] of /** @type {const} */ ([
        ['error', 'errorAfterTokens'],
        ['eof', 'eofAfterTokens'],
        ['destroy', 'destroyAfterTokens'],
      ])) {
        const n = spec[key];
        if (typeof n === 'number' && n >= 0 && (!fault || n < fault.after)) fault = { after: Math.floor(n), kind };
      }
      const errorMessage = spec.errorMessage ?? DEFAULT_STREAM_ERROR;

      // model load + prompt eval: nothing is sent meanwhile
      const loadStart = process.hrtime.bigint();
      const loadNs = Number(loadStart - t0) + 1; // scheduling overhead so far, never 0
      if (!(await sleep(firstDelay, signal))) return;
      markLoaded(listed, body.keep_alive);
      const promptEvalNs = nsSince(loadStart);
      const evalStart = process.hrtime.bigint();

      /** @param {number} evalCount @param {string} reason */
      const finalFields = (evalCount, reason) => {
        /** @type {Record<string, unknown>} */
        const f = { done: true, done_reason: reason };
        const metrics = {
          total_duration: nsSince(t0),
          load_duration: loadNs,
          prompt_eval_count: promptCount,
          prompt_eval_duration: promptEvalNs,
          eval_count: evalCount,
          eval_duration: evalCount > 0 ? nsSince(evalStart) : 0,
        };
        for (const [k, v] of Object.entries(metrics)) if (v) f[k] = v; // omitempty
        return f;
      };

      // A fault fires after `after` token lines, provided the reply has that many tokens.
      const firing = fault && fault.after <= tokens.length ? fault : undefined;

      if (!stream) {
        // Non-streaming: nothing is sent until the whole generation is over.
        const n = firing ? firing.after : tokens.length;
        for (let i = 0; i < n; i++) {
          if (!(await sleep(i === 0 ? 0 : tokenDelay, signal))) return;
        }
        if (n > 0 && !(await sleep(tokenDelay, signal))) return;
        if (firing) {
          markServerEnded();
          if (firing.kind === 'error') return sendJson(res, 500, { error: errorMessage });
          if (firing.kind === 'destroy') return void res.socket?.destroy();
          // eof: a 200 with an empty body (the client's response.json() fails)
          res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': 0 });
          return void res.end();
        }
        markFinished();
        return sendJson(res, 200, {
          model,
          created_at: nowUtc(),
          message: { role: 'assistant', content: tokens.join('') },
          ...finalFields(tokens.length, doneReason),
        });
      }

      // Streaming.
      if (firing && firing.after === 0 && firing.kind !== 'eof') {
        markServerEnded();
        if (firing.kind === 'error') {
          // first item from the runner is an error: a real HTTP error (streamResponse path, no charset)
          return sendJson(res, 500, { error: errorMessage }, 'application/json');
        }
        return void res.socket?.destroy();
      }

      let headersWritten = false;
      /** @param {unknown} obj @param {boolean} [flush] */
      const writeLine = async (obj, flush = false) => {
        if (!headersWritten) {
          res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
          headersWritten = true;
        }
        const buf = Buffer.from(JSON.stringify(obj) + '\n', 'utf8');
        if (spec.splitUtf8 && buf.length > 1) {
          // split inside the first multi-byte character, else in the middle
          let at = buf.findIndex((b) => b >= 0xc0);
          at = at >= 0 ? at + 1 : Math.floor(buf.length / 2);
          if (!(await write(res, buf.subarray(0, at), signal, true))) return false;
          // let the first half reach the client on its own
          if (!(await sleep(2, signal))) return false;
          return write(res, buf.subarray(at), signal, flush);
        }
        return write(res, buf, signal, flush);
      };

      for (let i = 0; i < tokens.length; i++) {
        if (firing && i === firing.after) break;
        if (i > 0 && !(await sleep(tokenDelay, signal))) return;
        const line = { model, created_at: nowUtc(), message: { role: 'assistant', content: tokens[i] }, done: false };
        const lastBeforeDestroy = firing?.kind === 'destroy' && i + 1 === firing.after;
        if (!(await writeLine(line, lastBeforeDestroy))) return;
      }

      if (firing) {
        markServerEnded();
        if (firing.kind === 'error') {
          await sleep(tokenDelay, signal);
          if (signal.aborted) return;
          await writeLine({ error: errorMessage });
          return void res.end();
        }
        if (firing.kind === 'eof') {
          if (!headersWritten) res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
          return void res.end();
        }
        return void res.socket?.destroy();
      }

      if (tokens.length > 0 && !(await sleep(tokenDelay, signal))) return;
      const done = {
        model,
        created_at: nowUtc(),
        message: { role: 'assistant', content: '' },
        ...finalFields(tokens.length, doneReason),
      };
      if (!(await writeLine(done))) return;
      markFinished();
      res.end();
    };

    const route = routes[path];
    if (!route) return sendText(res, 404, '404 page not found');
    const fn = route[method];
    if (!fn) return sendText(res, 405, '405 method not allowed');
    return fn();
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent && !res.destroyed)
        sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULTS.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  /** @type {Standin} */
  const standin = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    chatRequests: () =>
      requests.filter((r) => r.path === '/api/chat' && r.method === 'POST' && r.body !== null).map((r) => r.body),
    get abortedStreams() {
      return state.abortedStreams;
    },
    get activeStreams() {
      return state.activeStreams;
    },
    setOptions: (partial) => merge(partial),
    close: () => {
      closing = true;
      for (const ac of generations) ac.abort();
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
  return standin;
}

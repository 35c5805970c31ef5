// @ts-check
// The stand-in's public types, as JSDoc so that `node` runs the files as they are and
// TypeScript reads the same comments. In a JS module every top-level @typedef is an export;
// ../ollama-standin.mjs re-exports these for the tests (`import type { Standin } from ...`).

/**
 * How a generation ended: 'stop' (the reply ran out, or a stop string matched) or 'length'
 * (num_predict reached, or the context window full).
 * @typedef {'stop' | 'length'} DoneReason
 */

/**
 * What one chat generation does: the text to send, and the faults to inject on the way.
 * @typedef {object} ReplySpec
 * @property {string} [text] Content to generate; split into word tokens with their leading whitespace (joining them gives the text back).
 * @property {string[]} [tokens] Explicit token list (one NDJSON line each) instead of `text`.
 * @property {string} [thinking] Reasoning streamed before the content, in `message.thinking` chunks, when the request thinks (a model with the 'thinking' capability and `think` absent, true or a level; never with `think: false`). Default: a plausible reasoning text of about 300 tokens (DEFAULT_THINKING_TEXT); '' for none. Ignored when the request does not think. Counts against num_predict and the context window like content.
 * @property {string} [inlineThink] Reasoning put in the content instead, as older servers and some models do: the content starts with '<think>' + this + '</think>' + '\n\n', the tags split across lines ('<th' | 'ink>'). Counts against num_predict like any content. When set, no default `thinking` is added (an explicit `thinking` still is).
 * @property {DoneReason} [doneReason] done_reason when the tokens run out (default 'stop'); num_predict, stop and the context window still apply.
 * @property {string} [rawDoneReason] done_reason sent as it is, whatever the reply earned: a newer or hostile host's word (e.g. one with escape sequences, ./hostile.mjs).
 * @property {number} [status] Pre-stream HTTP error status (default 500 when `error` is set).
 * @property {string} [error] Pre-stream HTTP error message: body {"error": ...}, application/json; charset=utf-8.
 * @property {number} [errorAfterTokens] After N token lines (reasoning lines included) write {"error": errorMessage} and end, with no done line. N = 0 gives an HTTP 500 instead, like the real server.
 * @property {string} [errorMessage] Message for errorAfterTokens (default 'an error was encountered while running the model').
 * @property {number} [eofAfterTokens] After N token lines end the response cleanly without a done line.
 * @property {number} [destroyAfterTokens] After N token lines (flushed first) destroy the socket. N = 0 destroys it before any header.
 * @property {number} [hangAfterTokens] After N token lines stop writing but keep the connection open (a stalled server): N = 0 sends the 200 headers and no line. The hang ends only when the client hangs up or the stand-in closes. With stream: false, the headers go out and the body never comes.
 * @property {boolean} [hangBeforeHeaders] The model load never ends: no headers, no line, until the client hangs up or the stand-in closes.
 * @property {boolean} [ignoreLimits] Generate every token, ignoring options.num_predict and the context window (a broken or hostile server); stop strings still apply.
 * @property {number} [firstByteDelayMs] Per-reply override of the model-load + prefill delay before headers and the first line.
 * @property {number} [tokenDelayMs] Per-reply override of the delay between lines.
 * @property {boolean} [splitUtf8] Write each line in two writes (2 ms apart), split inside the first multi-byte character when there is one.
 */

/**
 * An HTTP error in place of a route's answer: status (default 500) and body {"error": error}.
 * @typedef {object} HttpFault
 * @property {number} [status]
 * @property {string} error the error text, sent as it is (a hostile host's comes from ./hostile.mjs)
 */

/**
 * A plain string is short for `{ text }`.
 * @typedef {string | ReplySpec} Reply
 */

/**
 * One message of a chat request, as the app sends it.
 * @typedef {{ role: string, content: string, [key: string]: unknown }} ChatMessage
 */

/**
 * The parsed /api/chat request body (fields the app sends; anything else is kept as unknown).
 * @typedef {{
 *   model: string,
 *   messages?: ChatMessage[],
 *   stream?: boolean,
 *   format?: unknown,
 *   options?: Record<string, unknown>,
 *   keep_alive?: string | number,
 *   think?: boolean | string,
 *   [key: string]: unknown,
 * }} ChatRequestBody
 */

/**
 * What the model saw of a request: the stand-in fits the messages into the context window the
 * way Ollama's chatPrompt does before the ReplyFn is asked (see ./context-window.mjs).
 * @typedef {object} ReplyContext
 * @property {ChatMessage[]} seenMessages the messages that survived truncation, in order (the request's own objects)
 * @property {number} promptTokens the prompt as the model saw it, in tokens: the final chunk's prompt_eval_count
 * @property {number} numCtx the context window used: options.num_ctx (else the server's defaultNumCtx), capped at the model's context length
 * @property {boolean} truncated whether anything was dropped (whole messages, or the prompt's tokens when even the kept ones overflow)
 * @property {number} droppedMessages how many of the request's messages the model did not see
 * @property {boolean} thinking whether this generation thinks (streams `message.thinking` first)
 */

/**
 * Decides what /api/chat generates. `callIndex` counts, from 0, the chat requests that reach
 * generation (known model, valid body, non-empty messages); load/unload requests and requests
 * rejected by validation do not call it. `context` tells what the model actually saw.
 * @typedef {(request: ChatRequestBody, callIndex: number, context: ReplyContext) => Reply} ReplyFn
 */

/**
 * A test's description of an installed model, over the catalogue entry for it (./models.mjs).
 * @typedef {object} ModelInfoOverride
 * @property {string[]} [capabilities] /api/show `capabilities`, e.g. ['completion', 'thinking']; 'thinking' makes the model think by default
 * @property {number} [contextLength] the trained context length: model_info "<architecture>.context_length"; num_ctx is capped at it
 * @property {string} [architecture] general.architecture (also the details' family)
 * @property {string} [parameterSize] details.parameter_size, e.g. '1.5B'
 * @property {string} [digest] the sha256 (hex) /api/tags, /api/ps and the Modelfile show: a new value is a model pulled again in a new version
 */

/**
 * @typedef {object} StandinOptions
 * @property {string} [host] Always loopback; the server binds 127.0.0.1 whatever is passed.
 * @property {number} [port] Default 0 (random free port).
 * @property {string[]} [models] Names listed by /api/tags, default ['mistral:latest']; 'mistral' matches 'mistral:latest'.
 * @property {string} [version] Reported by /api/version, default '0.12.10'.
 * @property {ReplyFn} [reply] Default: a fixed sentence, or schema-conformant JSON when the request has a `format`.
 * @property {number} [tokenDelayMs] Delay between NDJSON lines (default 0).
 * @property {number} [firstByteDelayMs] Delay before headers + first line, i.e. model load + prefill (default 0).
 * @property {number} [defaultNumCtx] The server's context window when a request has no options.num_ctx (default 4096, as Ollama 0.12; 2048 for servers before 0.6).
 * @property {Record<string, HttpFault>} [routeErrors] Per path ('/api/tags', '/api/chat', ...): every request to it is answered with this HTTP error instead, after it is recorded. Use HOSTILE_TEXT of ./hostile.mjs for a host whose error body carries escape sequences.
 * @property {string[]} [hangPaths] URL paths ('/api/show', '/api/tags', even '/api/chat') whose requests are read and never answered, until the client hangs up or the stand-in closes.
 * @property {Record<string, ModelInfoOverride>} [modelInfo] Per model name ('tiny' matches 'tiny:latest'; an untagged 'qwen3' also covers 'qwen3:8b'): capabilities, context length, architecture. The model must also be in `models` to be installed.
 */

/**
 * @typedef {object} RecordedRequest
 * @property {string} path URL path without the query string.
 * @property {string} method
 * @property {unknown} body Parsed JSON body, or null when empty or not valid JSON.
 * @property {string} raw The body exactly as received (UTF-8), for byte-for-byte comparisons.
 * @property {Record<string, string | string[] | undefined>} headers
 */

/**
 * @typedef {object} StandinMembers
 * @property {string} url e.g. 'http://127.0.0.1:43123'
 * @property {number} port
 * @property {RecordedRequest[]} requests Every request received, in arrival order.
 * @property {() => ChatRequestBody[]} chatRequests Parsed bodies of the POST /api/chat requests that had a JSON body.
 * @property {number} abortedStreams Chat generations (streaming or not) the client abandoned before the done line, including during the first-byte wait.
 * @property {number} activeStreams Chat generations in progress, including those still in the first-byte wait.
 * @property {number} truncatedRequests Chat generations whose prompt did not fit the context window (messages dropped or the prompt cut).
 * @property {number} streamedBytes Bytes of NDJSON lines the chat generations have handed to their sockets (what a client that hangs up early spared the stand-in from writing is not in it).
 * @property {(partial: Partial<StandinOptions>) => void} setOptions Change reply / models / version / delays / defaultNumCtx / modelInfo / routeErrors / hangPaths at runtime (host and port are fixed).
 * @property {() => Promise<void>} close Closes the server, cancels every pending timer and destroys open sockets.
 */

/**
 * A running stand-in. Every member is read-only (the counters are getters).
 * @typedef {Readonly<StandinMembers>} Standin
 */

export {};

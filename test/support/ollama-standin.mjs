// @ts-check
// A stand-in Ollama HTTP server for tests and benchmarks: the public entry, which tests and
// benchmarks import. The implementation is in ./standin/, mapped at the end of this comment.
//
// It reproduces the wire behaviour of Ollama v0.12.x as described in
// /work/shared/reference/ollama-api.md (sections 1-3, 7, 8): status codes, exact
// error bodies, content types, NDJSON field order, "no headers before the first
// token", metrics in integer nanoseconds, num_predict / stop handling, and
// stopping generation when the client disconnects. On top of that it has
// fault-injection knobs (error line mid-stream, EOF without done, socket
// destroyed, UTF-8 characters split across writes, slow first byte, an HTTP error on any route
// with `routeErrors`, any done_reason with `rawDoneReason`) and the faults of real
// local models: thinking models that reason by default and can spend num_predict on it,
// reasoning left inline in <think> tags, and a context window that drops the oldest messages.
// Replies that behave like real interviewer models are in ./scenarios.mjs. A hostile host (escape
// sequences, bidi controls and zero-width characters in error bodies, model names, replies and
// done_reason) is built from ./standin/hostile.mjs: HOSTILE_TEXT, hostileModelName(),
// withHostileText(reply), and UNSAFE and HOSTILE_MARKERS, what must never reach the terminal or
// the database.
//
// Stalls, for the client's timeouts (each ends only when the client hangs up or close() runs,
// with no timer left behind; the client's hang-up counts in abortedStreams):
//   ReplySpec.hangBeforeHeaders   the model load never ends (no headers)
//   ReplySpec.hangAfterTokens: 0  the 200 headers, then nothing
//   ReplySpec.hangAfterTokens: K  K lines, then nothing, the socket left open
//   options.hangPaths             requests to these paths ('/api/show', '/api/tags') never answered
// To stall only during the evaluation, return a hang from the ReplyFn for requests with a
// `format` (the judge's). ReplySpec.ignoreLimits sends a reply of any size (a server that
// ignores num_predict); streamedBytes says how much the stand-in wrote before the client hung up.
//
// Plain ESM JavaScript using only Node built-ins, so benchmarks can import it with `node`
// directly. Its types are the JSDoc in ./standin/types.mjs, re-exported below: TypeScript
// (allowJs, NodeNext) resolves `./ollama-standin.mjs` to this file and reads them, so tests
// write `import { startStandin, type Standin } from './support/ollama-standin.mjs'`.
//
// ./standin/
//   server.mjs          startStandin: HTTP server, request log, routing, close()
//   state.mjs           options (defaults, setOptions) and the per-server bookkeeping
//   model-routes.mjs    /, /api/version, /api/tags, /api/ps, /api/show
//   models.mjs          model names and catalogue;  loaded-models.mjs  keep_alive for /api/ps
//   chat.mjs            /api/chat: validate, then unload / load / generate; stream counters
//   validate-chat.mjs   request checks in ChatHandler order, Go's error texts
//   go-compat.mjs       Go time formats, durations, JSON error wording
//   context-window.mjs  num_ctx, prompt token count, dropping the oldest messages
//   thinking.mjs        who thinks, the default reasoning, inline <think> tokens
//   reply-plan.mjs      ReplyFn -> lines (reasoning, content), done reason, fault, delays
//   tokens.mjs          tokenize, stop / num_predict / room left in the window
//   default-reply.mjs   the reply when a test gives none (JSON from the `format` schema)
//   generate.mjs        the load wait, metrics, the stream:false response
//   stream-reply.mjs    NDJSON lines, delays and faults mid-stream
//   http-io.mjs         body parsing, JSON/text responses, abortable sleep and write
//   hostile.mjs         text that tries to act on a terminal, and UNSAFE to look for it
//   types.mjs           the public types
// ../json-guards.mjs    narrowing for parsed JSON

export { startStandin } from './standin/server.mjs';
export { normalizeModelName } from './standin/models.mjs';
export { applyStopAndLimit, tokenize } from './standin/tokens.mjs';
export { MESSAGE_OVERHEAD_TOKENS, messageTokens, promptTokens } from './standin/context-window.mjs';
export { DEFAULT_THINKING_TEXT } from './standin/thinking.mjs';
export { DEFAULT_REPLY_TEXT, exampleFromSchema } from './standin/default-reply.mjs';
export {
  HOSTILE_MARKERS,
  HOSTILE_PIECES,
  HOSTILE_TEXT,
  UNSAFE,
  hostileModelName,
  withHostileText,
} from './standin/hostile.mjs';

/**
 * @typedef {import('./standin/types.mjs').DoneReason} DoneReason
 * @typedef {import('./standin/types.mjs').ReplySpec} ReplySpec
 * @typedef {import('./standin/types.mjs').Reply} Reply
 * @typedef {import('./standin/types.mjs').ChatMessage} ChatMessage
 * @typedef {import('./standin/types.mjs').ChatRequestBody} ChatRequestBody
 * @typedef {import('./standin/types.mjs').ReplyContext} ReplyContext
 * @typedef {import('./standin/types.mjs').ReplyFn} ReplyFn
 * @typedef {import('./standin/types.mjs').ModelInfoOverride} ModelInfoOverride
 * @typedef {import('./standin/types.mjs').HttpFault} HttpFault
 * @typedef {import('./standin/types.mjs').StandinOptions} StandinOptions
 * @typedef {import('./standin/types.mjs').RecordedRequest} RecordedRequest
 * @typedef {import('./standin/types.mjs').Standin} Standin
 */

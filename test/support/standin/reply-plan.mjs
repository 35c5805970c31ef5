// @ts-check
// From the test's ReplyFn to a plan for one generation: the lines to send (reasoning, then
// content, after stop, num_predict and the context window), how it ends (done line, or the
// fault that fires first), and its timing.
import http from 'node:http';
import { defaultReply } from './default-reply.mjs';
import { inlineThinkTokens, thinkingTokens } from './thinking.mjs';
import { applyStopAndLimit, tokenize } from './tokens.mjs';

/**
 * @import { ResolvedOptions } from './state.mjs'
 * @import { ChatRequestBody, DoneReason, ReplyContext, ReplyFn, ReplySpec } from './types.mjs'
 */

/**
 * One generated token, i.e. one NDJSON line: reasoning (`message.thinking`) or content.
 * @typedef {object} Line
 * @property {'thinking' | 'content'} kind
 * @property {string} text
 */

const DEFAULT_STREAM_ERROR = 'an error was encountered while running the model';

/**
 * @typedef {object} Fault
 * @property {'error' | 'eof' | 'destroy' | 'hang'} kind an error line, a clean end without done, a cut socket, a stall with the socket open
 * @property {number} after how many token lines go out before it
 */

/**
 * @typedef {object} ReplyPlan
 * @property {Line[]} lines what is generated, reasoning first, after stop / num_predict / the context window
 * @property {string} doneReason what the done line says: a DoneReason, or the spec's rawDoneReason as given
 * @property {Fault | undefined} fault the fault that fires instead of the done line, if any
 * @property {string} errorMessage the text of an 'error' fault
 * @property {number} firstByteDelayMs model load + prefill: nothing is sent meanwhile
 * @property {boolean} hangBeforeHeaders the model load never ends
 * @property {number} tokenDelayMs between lines
 * @property {boolean} splitUtf8 write each line in two halves
 * @property {number} promptTokens prompt_eval_count: the prompt the model saw
 */

/**
 * Calls the ReplyFn (or the default reply). A throw, or a spec with `status` / `error`, is an
 * HTTP error before any stream, like a model that fails to load.
 * @param {ReplyFn | undefined} replyFn
 * @param {ChatRequestBody} body
 * @param {number} callIndex
 * @param {ReplyContext} context
 * @returns {{ ok: true, spec: ReplySpec } | { ok: false, status: number, error: string }}
 */
export function askReply(replyFn, body, callIndex, context) {
  /** @type {ReplySpec} */
  let spec;
  try {
    // The ReplyFn may be plain JS returning anything: take it as unknown and normalize.
    /** @type {unknown} */
    const r = replyFn ? replyFn(body, callIndex, context) : defaultReply(body);
    spec =
      typeof r === 'string'
        ? { text: r }
        : r && typeof r === 'object'
          ? /** @type {ReplySpec} */ (r)
          : { text: String(r ?? '') };
  } catch (err) {
    return { ok: false, status: 500, error: err instanceof Error ? err.message : String(err) };
  }
  if (spec.status !== undefined || spec.error !== undefined) {
    const status = spec.status ?? 500;
    return { ok: false, status, error: spec.error ?? http.STATUS_CODES[status] ?? `status ${status}` };
  }
  return { ok: true, spec };
}

/**
 * The runner sees reasoning and content as one stream of tokens: stop strings are matched across
 * both, and num_predict and the room left in the context window count both.
 * @param {ReplySpec} spec
 * @param {ChatRequestBody} body
 * @param {ResolvedOptions} opts the server-wide delays, which the spec may override
 * @param {ReplyContext} context the prompt the model saw, and whether it thinks
 * @returns {ReplyPlan}
 */
export function planReply(spec, body, opts, context) {
  const firstByteDelayMs = pickDelay(spec.firstByteDelayMs, opts.firstByteDelayMs);
  const tokenDelayMs = pickDelay(spec.tokenDelayMs, opts.tokenDelayMs);
  const content = Array.isArray(spec.tokens) ? spec.tokens.map(String) : tokenize(spec.text ?? '');
  if (typeof spec.inlineThink === 'string') content.unshift(...inlineThinkTokens(spec.inlineThink));
  const thinking = thinkingTokens(context.thinking, spec);
  const room = spec.ignoreLimits ? Infinity : context.numCtx - context.promptTokens;
  const { tokens, doneReason } = applyStopAndLimit(
    [...thinking, ...content],
    spec.ignoreLimits ? { ...body.options, num_predict: undefined } : body.options,
    spec.doneReason ?? 'stop',
    room,
  );
  /** @type {Line[]} */
  const lines = tokens.map((text, i) => ({ kind: i < thinking.length ? 'thinking' : 'content', text }));
  const fault = earliestFault(spec);
  return {
    lines,
    doneReason: typeof spec.rawDoneReason === 'string' ? spec.rawDoneReason : doneReason,
    // A fault fires after `after` token lines, provided the reply has that many tokens.
    fault: fault && fault.after <= lines.length ? fault : undefined,
    errorMessage: spec.errorMessage ?? DEFAULT_STREAM_ERROR,
    firstByteDelayMs,
    hangBeforeHeaders: Boolean(spec.hangBeforeHeaders),
    tokenDelayMs,
    splitUtf8: Boolean(spec.splitUtf8),
    promptTokens: context.promptTokens,
  };
}

/**
 * Of errorAfterTokens, eofAfterTokens, destroyAfterTokens and hangAfterTokens, the one with the
 * fewest tokens (the first listed on a tie).
 * @param {ReplySpec} spec
 * @returns {Fault | undefined}
 */
function earliestFault(spec) {
  /** @type {Fault | undefined} */
  let fault;
  for (const [kind, key] of /** @type {const} */ ([
    ['error', 'errorAfterTokens'],
    ['eof', 'eofAfterTokens'],
    ['destroy', 'destroyAfterTokens'],
    ['hang', 'hangAfterTokens'],
  ])) {
    const n = spec[key];
    if (typeof n === 'number' && n >= 0 && (!fault || n < fault.after)) fault = { after: Math.floor(n), kind };
  }
  return fault;
}

/**
 * A per-reply delay override, else the server-wide one; never negative.
 * @param {unknown} override
 * @param {number} fallback
 */
export function pickDelay(override, fallback) {
  if (typeof override === 'number' && Number.isFinite(override)) return Math.max(0, override);
  return Math.max(0, Number(fallback) || 0);
}

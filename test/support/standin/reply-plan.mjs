// @ts-check
// From the test's ReplyFn to a plan for one generation: the tokens to send (after stop and
// num_predict), how it ends (done line, or the fault that fires first), and its timing.
import http from 'node:http';
import { defaultReply } from './default-reply.mjs';
import { applyStopAndLimit, promptTokenCount, tokenize } from './tokens.mjs';

/**
 * @import { ResolvedOptions } from './state.mjs'
 * @import { ChatRequestBody, DoneReason, ReplyFn, ReplySpec } from './types.mjs'
 */

const DEFAULT_STREAM_ERROR = 'an error was encountered while running the model';

/**
 * @typedef {object} Fault
 * @property {'error' | 'eof' | 'destroy'} kind an error line, a clean end without done, a cut socket
 * @property {number} after how many token lines go out before it
 */

/**
 * @typedef {object} ReplyPlan
 * @property {string[]} tokens what is generated, after stop / num_predict
 * @property {DoneReason} doneReason
 * @property {Fault | undefined} fault the fault that fires instead of the done line, if any
 * @property {string} errorMessage the text of an 'error' fault
 * @property {number} firstByteDelayMs model load + prefill: nothing is sent meanwhile
 * @property {number} tokenDelayMs between lines
 * @property {boolean} splitUtf8 write each line in two halves
 * @property {number} promptTokens prompt_eval_count
 */

/**
 * Calls the ReplyFn (or the default reply). A throw, or a spec with `status` / `error`, is an
 * HTTP error before any stream, like a model that fails to load.
 * @param {ReplyFn | undefined} replyFn
 * @param {ChatRequestBody} body
 * @param {number} callIndex
 * @returns {{ ok: true, spec: ReplySpec } | { ok: false, status: number, error: string }}
 */
export function askReply(replyFn, body, callIndex) {
  /** @type {ReplySpec} */
  let spec;
  try {
    // The ReplyFn may be plain JS returning anything: take it as unknown and normalize.
    /** @type {unknown} */
    const r = replyFn ? replyFn(body, callIndex) : defaultReply(body);
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
 * @param {ReplySpec} spec
 * @param {ChatRequestBody} body
 * @param {ResolvedOptions} opts the server-wide delays, which the spec may override
 * @returns {ReplyPlan}
 */
export function planReply(spec, body, opts) {
  const firstByteDelayMs = pickDelay(spec.firstByteDelayMs, opts.firstByteDelayMs);
  const tokenDelayMs = pickDelay(spec.tokenDelayMs, opts.tokenDelayMs);
  const rawTokens = Array.isArray(spec.tokens) ? spec.tokens.map(String) : tokenize(spec.text ?? '');
  const { tokens, doneReason } = applyStopAndLimit(rawTokens, body.options, spec.doneReason ?? 'stop');
  const promptTokens = promptTokenCount(body);
  const fault = earliestFault(spec);
  return {
    tokens,
    doneReason,
    // A fault fires after `after` token lines, provided the reply has that many tokens.
    fault: fault && fault.after <= tokens.length ? fault : undefined,
    errorMessage: spec.errorMessage ?? DEFAULT_STREAM_ERROR,
    firstByteDelayMs,
    tokenDelayMs,
    splitUtf8: Boolean(spec.splitUtf8),
    promptTokens,
  };
}

/**
 * Of errorAfterTokens, eofAfterTokens and destroyAfterTokens, the one with the fewest tokens
 * (the first listed on a tie).
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

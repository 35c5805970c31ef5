// @ts-check
// Plays one ReplyPlan out over the HTTP response: the silent model-load wait, then either the
// whole reply as one JSON object (stream: false) or NDJSON lines (./stream-reply.mjs), with
// Ollama's metrics in integer nanoseconds on the done line.
import { nowUtc } from './go-compat.mjs';
import { nsSince, sendJson, sleep, untilAborted } from './http-io.mjs';
import { streamReply } from './stream-reply.mjs';

/**
 * @import { ServerResponse } from 'node:http'
 * @import { Line, ReplyPlan } from './reply-plan.mjs'
 */

/**
 * One generation in flight, as the chat route tracks it.
 * @typedef {object} Generation
 * @property {ServerResponse} res
 * @property {string} model the model name as the request spelled it (echoed on every line)
 * @property {bigint} t0 when the request reached the chat handler: total_duration counts from here
 * @property {AbortSignal} signal aborted when the client goes away or the server closes
 * @property {() => void} markFinished the done line went out: a later close is no abort
 * @property {() => void} markServerEnded the stand-in cut the response on purpose (a fault)
 * @property {(n: number) => void} countBytes adds to the bytes the stand-in has written (streamedBytes)
 */

/**
 * The done line's fields after `done`: done_reason and the non-zero metrics (Go's omitempty).
 * @typedef {(evalCount: number, reason: string) => Record<string, unknown>} DoneFields
 */

/**
 * @param {Generation} gen
 * @param {ReplyPlan} plan
 * @param {{ stream: boolean, onLoaded: () => void }} how `onLoaded` runs once the model-load wait is over
 */
export async function generate(gen, plan, { stream, onLoaded }) {
  // model load + prompt eval: nothing is sent meanwhile
  const loadStart = process.hrtime.bigint();
  const loadNs = Number(loadStart - gen.t0) + 1; // scheduling overhead so far, never 0
  if (plan.hangBeforeHeaders) return untilAborted(gen.signal);
  if (!(await sleep(plan.firstByteDelayMs, gen.signal))) return;
  onLoaded();
  const promptEvalNs = nsSince(loadStart);
  const evalStart = process.hrtime.bigint();

  /** @type {DoneFields} */
  const doneFields = (evalCount, reason) => {
    /** @type {Record<string, unknown>} */
    const f = { done: true, done_reason: reason };
    const metrics = {
      total_duration: nsSince(gen.t0),
      load_duration: loadNs,
      prompt_eval_count: plan.promptTokens,
      prompt_eval_duration: promptEvalNs,
      eval_count: evalCount,
      eval_duration: evalCount > 0 ? nsSince(evalStart) : 0,
    };
    for (const [k, v] of Object.entries(metrics)) if (v) f[k] = v; // omitempty
    return f;
  };

  if (stream) return streamReply(gen, plan, doneFields);
  return respondWhole(gen, plan, doneFields);
}

/**
 * stream: false. Nothing is sent until the whole generation is over, so the token delays all
 * pass first; a fault then replaces the single response. Reasoning and content are each
 * concatenated, as Ollama's writeChatResponse does.
 * @param {Generation} gen
 * @param {ReplyPlan} plan
 * @param {DoneFields} doneFields
 */
async function respondWhole({ res, model, signal, markFinished, markServerEnded }, plan, doneFields) {
  const { lines, fault, tokenDelayMs } = plan;
  const n = fault ? fault.after : lines.length;
  for (let i = 0; i < n; i++) {
    if (!(await sleep(i === 0 ? 0 : tokenDelayMs, signal))) return;
  }
  if (n > 0 && !(await sleep(tokenDelayMs, signal))) return;
  if (fault?.kind === 'hang') {
    // Headers, then a body that never comes.
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.flushHeaders();
    return untilAborted(signal);
  }
  if (fault) {
    markServerEnded();
    if (fault.kind === 'error') return sendJson(res, 500, { error: plan.errorMessage });
    if (fault.kind === 'destroy') return void res.socket?.destroy();
    // eof: a 200 with an empty body (the client's response.json() fails)
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': 0 });
    return void res.end();
  }
  markFinished();
  const joined = (/** @type {Line['kind']} */ kind) =>
    lines
      .filter((l) => l.kind === kind)
      .map((l) => l.text)
      .join('');
  const thinking = joined('thinking');
  return sendJson(res, 200, {
    model,
    created_at: nowUtc(),
    // Go's Message: role, content, thinking (omitempty)
    message: { role: 'assistant', content: joined('content'), ...(thinking ? { thinking } : {}) },
    ...doneFields(lines.length, plan.doneReason),
  });
}

// @ts-check
// POST /api/chat: validate (./validate-chat.mjs), then unload, load, or fit the prompt into the
// context window (./context-window.mjs) and generate a reply (./reply-plan.mjs,
// ./generate.mjs); keep count of the generations in flight, of those the client abandoned and
// of the prompts that overflowed, which the tests assert on.
import { contextWindowFor, fitContext } from './context-window.mjs';
import { nowUtc } from './go-compat.mjs';
import { sendJson, sleep } from './http-io.mjs';
import { findModel, modelMeta } from './models.mjs';
import { askReply, pickDelay, planReply } from './reply-plan.mjs';
import { generate } from './generate.mjs';
import { requestThinks } from './thinking.mjs';
import { checkChatRequest } from './validate-chat.mjs';

/**
 * @import { ServerResponse } from 'node:http'
 * @import { IncomingBody } from './http-io.mjs'
 * @import { Generation } from './generate.mjs'
 * @import { Routes, StandinState } from './state.mjs'
 * @import { ReplyContext } from './types.mjs'
 */

/**
 * @param {StandinState} state
 * @returns {Routes}
 */
export function chatRoutes(state) {
  return { '/api/chat': { POST: (res, body) => handleChat(state, res, body) } };
}

/**
 * @param {StandinState} state
 * @param {ServerResponse} res
 * @param {IncomingBody} incoming
 */
async function handleChat(state, res, incoming) {
  const t0 = process.hrtime.bigint();
  const request = checkChatRequest(incoming, state.opts.models, state.opts.modelInfo);
  if (request.kind === 'rejected') return sendJson(res, request.status, { error: request.error });
  const { body, model, listed, messages } = request;
  const meta = modelMeta(listed, state.opts.modelInfo);
  const numCtx = contextWindowFor(body, state.opts.defaultNumCtx, meta.context_length);

  /** A reply with no content, only done and why (load, unload). @param {string} reason */
  const doneOnly = (reason) =>
    sendJson(res, 200, {
      model,
      created_at: nowUtc(),
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: reason,
    });

  if (request.kind === 'unload') {
    state.loaded.unload(listed);
    return doneOnly('unload');
  }

  // The model counts as loaded once the load wait is over, if it is still installed by then.
  const keepLoaded = () => {
    const installed = findModel(state.opts.models, listed);
    if (installed) state.loaded.keep(installed, body.keep_alive, numCtx);
  };

  // From here on this is a generation (model load included).
  return tracked(state, { res, model, t0 }, async (gen) => {
    if (request.kind === 'load') {
      // load request: wait for the "model load", answer done_reason "load"
      if (!(await sleep(pickDelay(undefined, state.opts.firstByteDelayMs), gen.signal))) return;
      keepLoaded();
      gen.markFinished();
      return doneOnly('load');
    }
    /** @type {ReplyContext} */
    const context = { ...fitContext(messages, numCtx), thinking: requestThinks(body, meta) };
    if (context.truncated) state.truncatedRequests++;
    const asked = askReply(state.opts.reply, body, state.replyCalls++, context);
    if (!asked.ok) {
      gen.markServerEnded();
      return sendJson(res, asked.status, { error: asked.error });
    }
    const plan = planReply(asked.spec, body, state.opts, context);
    return generate(gen, plan, { stream: body.stream !== false, onLoaded: keepLoaded });
  });
}

/**
 * Runs a generation as one of `state.generations`: counted in activeStreams while it runs, and
 * in abortedStreams when the response closes before it finished, unless the stand-in itself
 * cut it (a fault, or close()).
 * @param {StandinState} state
 * @param {Pick<Generation, 'res' | 'model' | 't0'>} request
 * @param {(gen: Generation) => Promise<unknown>} run
 */
async function tracked(state, { res, model, t0 }, run) {
  const ac = new AbortController();
  state.generations.add(ac);
  state.activeStreams++;
  let finished = false; // done line written / response completed by the server
  let serverEnded = false; // the server itself cut the stream (fault injection, close())
  const onClose = () => {
    if (!finished && !serverEnded && !state.closing) state.abortedStreams++;
    ac.abort();
  };
  res.on('close', onClose);
  try {
    await run({
      res,
      model,
      t0,
      signal: ac.signal,
      markFinished: () => (finished = true),
      markServerEnded: () => (serverEnded = true),
      countBytes: (n) => (state.streamedBytes += n),
    });
  } finally {
    state.generations.delete(ac);
    state.activeStreams--;
    if (res.writableFinished) res.off('close', onClose);
  }
}

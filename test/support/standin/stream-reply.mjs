// @ts-check
// stream: true. One NDJSON line per token (reasoning lines first), the delays between them, and the faults: an HTTP 500
// or a cut socket before any line, an error line, a clean end without done, a cut socket
// after some lines, or a stall (headers and some lines, then nothing, the socket left open).
// Headers go out with the first line, as in Ollama (none during the load).
import { nowUtc } from './go-compat.mjs';
import { sendJson, sleep, untilAborted, write } from './http-io.mjs';

/**
 * @import { ServerResponse } from 'node:http'
 * @import { DoneFields, Generation } from './generate.mjs'
 * @import { ReplyPlan } from './reply-plan.mjs'
 */

/**
 * @param {Generation} gen
 * @param {ReplyPlan} plan
 * @param {DoneFields} doneFields
 */
export async function streamReply({ res, model, signal, markFinished, markServerEnded, countBytes }, plan, doneFields) {
  const { lines, fault, tokenDelayMs } = plan;
  if (fault && fault.after === 0 && fault.kind !== 'eof' && fault.kind !== 'hang') {
    markServerEnded();
    if (fault.kind === 'error') {
      // first item from the runner is an error: a real HTTP error (streamResponse path, no charset)
      return sendJson(res, 500, { error: plan.errorMessage }, 'application/json');
    }
    return void res.socket?.destroy();
  }

  const out = lineWriter(res, signal, plan.splitUtf8, countBytes);

  for (const [i, { kind, text }] of lines.entries()) {
    if (fault && i === fault.after) break;
    if (i > 0 && !(await sleep(tokenDelayMs, signal))) return;
    // reasoning goes in message.thinking with an empty content, as Ollama streams it
    const message =
      kind === 'thinking' ? { role: 'assistant', content: '', thinking: text } : { role: 'assistant', content: text };
    const line = { model, created_at: nowUtc(), message, done: false };
    // the lines before a cut socket must have reached the client, or the cut would swallow them
    const lastBeforeDestroy = fault?.kind === 'destroy' && i + 1 === fault.after;
    if (!(await out.writeLine(line, lastBeforeDestroy))) return;
  }

  if (fault?.kind === 'hang') {
    // Stalled, not ended: the client's hang-up counts as an abandoned stream.
    out.writeHeadersOnce();
    res.flushHeaders();
    return untilAborted(signal);
  }
  if (fault) {
    markServerEnded();
    if (fault.kind === 'error') {
      await sleep(tokenDelayMs, signal);
      if (signal.aborted) return;
      await out.writeLine({ error: plan.errorMessage });
      return void res.end();
    }
    if (fault.kind === 'eof') {
      out.writeHeadersOnce();
      return void res.end();
    }
    return void res.socket?.destroy();
  }

  if (lines.length > 0 && !(await sleep(tokenDelayMs, signal))) return;
  const done = {
    model,
    created_at: nowUtc(),
    message: { role: 'assistant', content: '' },
    ...doneFields(lines.length, plan.doneReason),
  };
  if (!(await out.writeLine(done))) return;
  markFinished();
  res.end();
}

/**
 * Writes NDJSON lines, sending the 200 headers with the first one.
 * @param {ServerResponse} res
 * @param {AbortSignal} signal
 * @param {boolean} splitUtf8 write each line in two writes, 2 ms apart, cut inside the first
 *   multi-byte character (else in the middle): the client must reassemble UTF-8 across chunks
 * @param {(n: number) => void} countBytes told the size of each line as it is written
 */
function lineWriter(res, signal, splitUtf8, countBytes) {
  let headersWritten = false;
  const writeHeadersOnce = () => {
    if (headersWritten) return;
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    headersWritten = true;
  };
  /**
   * Resolves false when the generation was cancelled meanwhile.
   * @param {unknown} obj
   * @param {boolean} [flush] wait until the line is handed to the socket
   * @returns {Promise<boolean>}
   */
  const writeLine = async (obj, flush = false) => {
    writeHeadersOnce();
    const buf = Buffer.from(JSON.stringify(obj) + '\n', 'utf8');
    countBytes(buf.length);
    if (splitUtf8 && buf.length > 1) {
      let at = buf.findIndex((b) => b >= 0xc0);
      at = at >= 0 ? at + 1 : Math.floor(buf.length / 2);
      if (!(await write(res, buf.subarray(0, at), signal, true))) return false;
      // let the first half reach the client on its own
      if (!(await sleep(2, signal))) return false;
      return write(res, buf.subarray(at), signal, flush);
    }
    return write(res, buf, signal, flush);
  };
  return { writeLine, writeHeadersOnce };
}

// @ts-check
// HTTP plumbing shared by the routes: reading and parsing the body, one-shot JSON/text replies,
// and the two awaitable primitives of a stream: a write that honours TCP backpressure and a
// sleep, both of which give up as soon as the generation is cancelled.

/**
 * @import { IncomingMessage, ServerResponse } from 'node:http'
 */

/**
 * The request body, read and parsed once before routing (and recorded for the tests).
 * @typedef {object} IncomingBody
 * @property {string} raw
 * @property {unknown} parsed the JSON value; null when the body is empty or not valid JSON
 * @property {unknown} parseError what JSON.parse threw, or null
 */

/**
 * @param {IncomingMessage} req
 * @returns {Promise<IncomingBody>}
 */
export async function readJsonBody(req) {
  const raw = await readBody(req);
  /** @type {unknown} */
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
  return { raw, parsed, parseError };
}

/**
 * @param {IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A whole JSON response with Content-Length; does nothing once headers went out.
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} obj
 * @param {string} [contentType] Ollama's handlers say charset=utf-8; its streaming path does not
 */
export function sendJson(res, status, obj, contentType = 'application/json; charset=utf-8') {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(JSON.stringify(obj));
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {string} [contentType]
 */
export function sendText(res, status, text, contentType = 'text/plain') {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(text);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}

/**
 * Sleeps unless the signal aborts first. Resolves true when the time elapsed, false when aborted.
 * @param {number} delay
 * @param {AbortSignal} signal
 * @returns {Promise<boolean>}
 */
export function sleep(delay, signal) {
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
 * A stalled server: resolves only when the signal aborts (the client hung up, or the stand-in
 * closes). No timer is involved, so nothing is left behind to keep the process alive.
 * @param {AbortSignal} signal
 * @returns {Promise<void>}
 */
export function untilAborted(signal) {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * Writes a chunk; waits for the write to be flushed to the socket when `flush`
 * is set, and for 'drain' when the socket buffer is full (TCP backpressure, like
 * Go's blocking Write). Resolves false when the stream was cancelled meanwhile.
 * @param {ServerResponse} res
 * @param {Buffer} chunk
 * @param {AbortSignal} signal
 * @param {boolean} [flush]
 * @returns {Promise<boolean>}
 */
export function write(res, chunk, signal, flush = false) {
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
 * Nanoseconds since an hrtime reading, as a number (Ollama's metrics are integer ns).
 * @param {bigint} from
 */
export function nsSince(from) {
  return Number(process.hrtime.bigint() - from);
}

// @ts-check
// startStandin: the HTTP server on 127.0.0.1, the request log, routing, and a close() that
// never hangs on a stream still in its first-byte wait.
import http from 'node:http';
import { chatRoutes } from './chat.mjs';
import { readJsonBody, sendJson, sendText, untilAborted } from './http-io.mjs';
import { modelRoutes } from './model-routes.mjs';
import { createState, mergeOptions } from './state.mjs';

/**
 * @import { Socket } from 'node:net'
 * @import { Routes } from './state.mjs'
 * @import { ChatRequestBody, RecordedRequest, Standin, StandinOptions } from './types.mjs'
 */

/**
 * Starts a stand-in Ollama server on 127.0.0.1.
 * @param {StandinOptions} [options]
 * @returns {Promise<Standin>}
 */
export async function startStandin(options = {}) {
  const state = createState(options);
  /** @type {RecordedRequest[]} */
  const requests = [];
  /** @type {Set<Socket>} */
  const sockets = new Set();
  /** @type {Routes} */
  const routes = { ...modelRoutes(state), ...chatRoutes(state) };

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const handle = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const body = await readJsonBody(req);
    requests.push({ path, method, body: body.parsed, raw: body.raw, headers: { ...req.headers } });
    const fault = Object.hasOwn(state.opts.routeErrors, path) ? state.opts.routeErrors[path] : undefined;
    if (fault) return sendJson(res, fault.status ?? 500, { error: fault.error });
    if (state.opts.hangPaths.includes(path)) return untilAborted(closedSignal(res));
    // Go's mux: an unknown path is a plain-text 404, a known path with the wrong method a 405.
    const route = routes[path];
    if (!route) return sendText(res, 404, '404 page not found');
    const fn = route[method];
    if (!fn) return sendText(res, 405, '405 method not allowed');
    return fn(res, body);
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
    // always loopback, whatever options.host says; port 0 picks a free one
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    // The bodies are whatever JSON the client sent; the tests read requests the app made,
    // which are chat requests, hence the cast.
    chatRequests: () =>
      requests
        .filter((r) => r.path === '/api/chat' && r.method === 'POST' && r.body !== null)
        .map((r) => /** @type {ChatRequestBody} */ (r.body)),
    get abortedStreams() {
      return state.abortedStreams;
    },
    get activeStreams() {
      return state.activeStreams;
    },
    get truncatedRequests() {
      return state.truncatedRequests;
    },
    get streamedBytes() {
      return state.streamedBytes;
    },
    setOptions: (partial) => mergeOptions(state.opts, partial),
    close: () => {
      state.closing = true;
      for (const ac of state.generations) ac.abort();
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}

/**
 * Aborts when the response closes: the client hung up, or close() destroyed the socket.
 * @param {http.ServerResponse} res
 */
function closedSignal(res) {
  const ac = new AbortController();
  res.once('close', () => ac.abort());
  return ac.signal;
}

// @ts-check
// What one running stand-in keeps between requests: its current options (setOptions changes
// them), the loaded models, the generations in flight and the counters the tests read.
import { LoadedModels } from './loaded-models.mjs';

/**
 * @import { ServerResponse } from 'node:http'
 * @import { IncomingBody } from './http-io.mjs'
 * @import { ReplyFn, StandinOptions } from './types.mjs'
 */

/**
 * The options with every default filled in; `reply` undefined means the default reply.
 * @typedef {Required<Omit<StandinOptions, 'reply'>> & { reply: ReplyFn | undefined }} ResolvedOptions
 */

/**
 * @typedef {object} StandinState
 * @property {ResolvedOptions} opts read at the moment they are needed, so setOptions applies mid-run
 * @property {LoadedModels} loaded what /api/ps reports
 * @property {Set<AbortController>} generations one per chat generation in progress; close() aborts them
 * @property {number} replyCalls ReplyFn calls so far, i.e. the callIndex of the next one
 * @property {number} activeStreams chat generations in progress
 * @property {number} abortedStreams chat generations the client abandoned
 * @property {number} truncatedRequests chat generations whose prompt overflowed the context window
 * @property {number} streamedBytes NDJSON bytes the chat generations wrote
 * @property {boolean} closing set by close(), so the streams it cuts do not count as client aborts
 */

/**
 * Answers one request; the body has been read and recorded already.
 * @typedef {(res: ServerResponse, body: IncomingBody) => unknown} RouteHandler
 */

/**
 * Path -> method -> handler.
 * @typedef {Record<string, Record<string, RouteHandler>>} Routes
 */

/** @type {ResolvedOptions} */
const DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  models: ['mistral:latest'],
  version: '0.12.10',
  reply: undefined,
  tokenDelayMs: 0,
  firstByteDelayMs: 0,
  defaultNumCtx: 4096,
  modelInfo: {},
  routeErrors: {},
  hangPaths: [],
};

/**
 * @param {StandinOptions} options
 * @returns {StandinState}
 */
export function createState(options) {
  const opts = { ...DEFAULTS };
  mergeOptions(opts, options);
  return {
    opts,
    loaded: new LoadedModels(),
    generations: new Set(),
    replyCalls: 0,
    activeStreams: 0,
    abortedStreams: 0,
    truncatedRequests: 0,
    streamedBytes: 0,
    closing: false,
  };
}

/**
 * Applies the options given; undefined leaves an option as it is, except `reply: undefined`,
 * which brings back the default reply. Host and port are fixed once the server listens.
 * @param {ResolvedOptions} opts
 * @param {Partial<StandinOptions>} partial
 */
export function mergeOptions(opts, partial) {
  if (!partial) return;
  if (Object.hasOwn(partial, 'reply')) opts.reply = partial.reply;
  if (partial.models !== undefined) opts.models = partial.models;
  if (partial.version !== undefined) opts.version = partial.version;
  if (partial.tokenDelayMs !== undefined) opts.tokenDelayMs = partial.tokenDelayMs;
  if (partial.firstByteDelayMs !== undefined) opts.firstByteDelayMs = partial.firstByteDelayMs;
  if (partial.defaultNumCtx !== undefined) opts.defaultNumCtx = partial.defaultNumCtx;
  if (partial.modelInfo !== undefined) opts.modelInfo = partial.modelInfo;
  if (partial.routeErrors !== undefined) opts.routeErrors = partial.routeErrors;
  if (partial.hangPaths !== undefined) opts.hangPaths = partial.hangPaths;
}

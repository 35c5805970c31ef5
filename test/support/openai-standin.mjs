// @ts-check
// A stand-in OpenAI-compatible server (vLLM, llama-server, LM Studio) for tests and benchmarks:
// a real HTTP server on 127.0.0.1 speaking the chat completions protocol as those servers do.
//
// - POST /v1/chat/completions, stream: true: `text/event-stream`, one `data: {json}\n\n` event per
//   chunk (`object: "chat.completion.chunk"`, choices[0].delta: first {role, content: ""}, then
//   {content} or {reasoning_content} for a reasoning model, then {} with finish_reason), with
//   stream_options.include_usage a last chunk with `choices: []` and usage, then `data: [DONE]`.
//   stream: false: one `chat.completion` object with message and usage.
// - Errors as OpenAI sends them: {"error": {"message", "type", "param", "code"}} with the HTTP
//   status (401 bad key, 404 unknown model, 400 bad request or a prompt past the context, 500);
//   mid-stream, the error object as a data event and the stream ends (no finish_reason, no [DONE]).
// - GET /v1/models: {"object": "list", "data": [...]} with what each server adds: vLLM
//   max_model_len, llama-server owned_by "llamacpp" + meta.n_ctx_train (and /props with the
//   per-slot n_ctx), LM Studio owned_by "organization_owner" (and /api/v0/models/<id>).
// - Faults: everything ReplySpec of ./standin/types.mjs describes that has a meaning here
//   (errorAfterTokens, destroyAfterTokens, eofAfterTokens, hangAfterTokens, hangBeforeHeaders,
//   delays, ignoreLimits, status/error), a server without json_schema (`jsonSchema: false`: 400 on
//   response_format json_schema, as older llama-server and TGI do), an API key it requires.
//
// The ReplyFn is the Ollama stand-in's (./ollama-standin.mjs): the request is handed to it in
// Ollama's shape ({model, messages, format, options: {num_predict, stop, temperature, seed}}, with
// `format` the json_schema's schema, or 'json' for json_object), so the scripted interviewers of
// ./scenarios.mjs and the judge of ./judge.mjs answer here unchanged.
//
// Plain ESM with Node built-ins only, so benchmarks can import it with `node` directly.

import { createServer } from 'node:http';
import { isArray, isObject } from './json-guards.mjs';
import { defaultReply } from './standin/default-reply.mjs';
import { applyStopAndLimit, tokenize } from './standin/tokens.mjs';
import { promptTokens } from './standin/context-window.mjs';
import { readJsonBody, sendJson, sleep, untilAborted, write } from './standin/http-io.mjs';
import { inlineThinkTokens } from './standin/thinking.mjs';

/**
 * @import { IncomingMessage, ServerResponse } from 'node:http'
 * @import { ChatRequestBody, ReplyFn, ReplySpec, RecordedRequest } from './ollama-standin.mjs'
 */

/**
 * @typedef {'vllm' | 'llamacpp' | 'lmstudio' | 'plain'} Flavor
 * @typedef {object} OpenAiStandinOptions
 * @property {string[]} [models] ids /v1/models lists (default ['mistral']); requests for others get 404
 * @property {Flavor} [flavor] how the server says its context length (default 'vllm'; 'plain': it does not)
 * @property {number} [contextLength] the model's window (default 32768): prompt + max_tokens past it is a 400
 * @property {number} [parallel] llama-server --parallel: /props n_ctx is contextLength / parallel (default 1)
 * @property {ReplyFn} [reply] as the Ollama stand-in's; default: a fixed sentence, or JSON fitting the schema
 * @property {string} [apiKey] the key it requires as `Authorization: Bearer <key>`; none: any or no header
 * @property {boolean} [jsonSchema] false: refuse response_format json_schema with a 400 (default true)
 * @property {boolean} [usage] false: ignore stream_options.include_usage (some servers send no usage)
 * @property {number} [tokenDelayMs] between chunks (default 0)
 * @property {number} [firstByteDelayMs] before the headers (default 0)
 * @property {Record<string, { status?: number, message: string }>} [routeErrors] per path: an error object instead
 */

/**
 * @typedef {object} OpenAiStandin
 * @property {string} url the base URL, e.g. 'http://127.0.0.1:43123/v1'
 * @property {string} root the server root ('http://127.0.0.1:43123')
 * @property {RecordedRequest[]} requests every request, in arrival order
 * @property {() => Record<string, unknown>[]} chatRequests parsed bodies of POST /v1/chat/completions
 * @property {number} abortedStreams generations the client hung up on before the end
 * @property {number} activeStreams generations in progress
 * @property {number} maxActiveStreams the most generations in progress at once
 * @property {(partial: Partial<OpenAiStandinOptions>) => void} setOptions
 * @property {() => Promise<void>} close
 */

const CREATED = 1_764_547_200;

/** @param {number} status @param {string} message @param {string} type @param {string | null} [code] @param {string | null} [param] */
const errorBody = (status, message, type, code = null, param = null) => ({
  status,
  body: { error: { message, type, param, code } },
});

/**
 * @param {OpenAiStandinOptions} [initial]
 * @returns {Promise<OpenAiStandin>}
 */
export async function startOpenAiStandin(initial = {}) {
  /** @type {Required<Omit<OpenAiStandinOptions, 'reply' | 'apiKey'>> & Pick<OpenAiStandinOptions, 'reply' | 'apiKey'>} */
  const options = {
    models: ['mistral'],
    flavor: 'vllm',
    contextLength: 32768,
    parallel: 1,
    jsonSchema: true,
    usage: true,
    tokenDelayMs: 0,
    firstByteDelayMs: 0,
    routeErrors: {},
    ...initial,
  };
  /** @type {RecordedRequest[]} */
  const requests = [];
  const closing = new AbortController();
  const sockets = new Set();
  let callIndex = 0;
  let aborted = 0;
  let active = 0;
  let maxActive = 0;
  let nextId = 1;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  /** @param {IncomingMessage} req @param {ServerResponse} res */
  async function handle(req, res) {
    const { raw, parsed } = await readJsonBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, method: req.method ?? 'GET', body: parsed, raw, headers: req.headers });
    const routeError = options.routeErrors[path];
    if (routeError) {
      const status = routeError.status ?? 500;
      return sendJson(res, status, errorBody(status, routeError.message, 'server_error').body);
    }
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      const e = errorBody(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      return sendJson(res, e.status, e.body);
    }
    if (req.method === 'GET' && path === '/v1/models') return sendJson(res, 200, modelList());
    if (req.method === 'GET' && path === '/props' && options.flavor === 'llamacpp') {
      return sendJson(res, 200, {
        default_generation_settings: { n_ctx: Math.floor(options.contextLength / options.parallel) },
        total_slots: options.parallel,
      });
    }
    if (req.method === 'GET' && path.startsWith('/api/v0/models/') && options.flavor === 'lmstudio') {
      const id = decodeURIComponent(path.slice('/api/v0/models/'.length));
      if (!options.models.includes(id)) return sendJson(res, 404, { error: `Model ${id} not found` });
      return sendJson(res, 200, { id, object: 'model', state: 'loaded', max_context_length: options.contextLength });
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') return chat(req, res, parsed);
    const e = errorBody(404, `Not found: ${req.method} ${path}`, 'invalid_request_error');
    return sendJson(res, e.status, e.body);
  }

  function modelList() {
    const data = options.models.map((id) => {
      const base = { id, object: 'model', created: CREATED, owned_by: 'vllm' };
      if (options.flavor === 'vllm') return { ...base, root: id, parent: null, max_model_len: options.contextLength };
      if (options.flavor === 'llamacpp')
        return { ...base, owned_by: 'llamacpp', meta: { n_ctx_train: options.contextLength * 4 } };
      if (options.flavor === 'lmstudio') return { ...base, owned_by: 'organization_owner' };
      return { ...base, owned_by: 'system' };
    });
    return { object: 'list', data };
  }

  /** @param {IncomingMessage} req @param {ServerResponse} res @param {unknown} body */
  async function chat(req, res, body) {
    const problem = validate(body);
    if (problem) return sendJson(res, problem.status, problem.body);
    const request = /** @type {Record<string, unknown>} */ (body);
    const ollamaShaped = asOllamaRequest(request);
    const messages = ollamaShaped.messages ?? [];
    const prompt = promptTokens(messages);
    const maxTokens = typeof request.max_tokens === 'number' ? request.max_tokens : 0;
    if (prompt + maxTokens > options.contextLength) {
      const e = errorBody(
        400,
        `This model's maximum context length is ${options.contextLength} tokens. However, you requested ${prompt + maxTokens} tokens (${prompt} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`,
        'BadRequestError',
        null,
        'messages',
      );
      return sendJson(res, e.status, e.body);
    }
    const context = {
      seenMessages: messages,
      promptTokens: prompt,
      numCtx: options.contextLength,
      truncated: false,
      droppedMessages: 0,
      thinking: false,
    };
    const given = options.reply ? options.reply(ollamaShaped, callIndex++, context) : defaultReply(ollamaShaped);
    /** @type {ReplySpec} */
    const spec = typeof given === 'string' ? { text: given } : given;
    if (spec.error !== undefined) {
      const status = spec.status ?? 500;
      const e = errorBody(status, spec.error, status >= 500 ? 'server_error' : 'invalid_request_error');
      return sendJson(res, e.status, e.body);
    }
    const plan = replyTokens(spec, ollamaShaped);
    const stream = new AbortController();
    const stop = AbortSignal.any([stream.signal, closing.signal]);
    let finished = false;
    res.on('close', () => {
      if (!finished) {
        aborted++;
        stream.abort();
      }
    });
    active++;
    maxActive = Math.max(maxActive, active);
    try {
      if (spec.hangBeforeHeaders) return await untilAborted(stop);
      if (!(await sleep(spec.firstByteDelayMs ?? options.firstByteDelayMs, stop))) return;
      if (spec.destroyAfterTokens === 0) return res.destroy();
      if (request.stream === true) {
        const includeUsage =
          options.usage && isObject(request.stream_options) && request.stream_options.include_usage === true;
        finished = await streamReply(res, stop, request, spec, plan, prompt, includeUsage);
      } else {
        if (spec.hangAfterTokens !== undefined) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          return await untilAborted(stop);
        }
        finished = true;
        sendJson(res, 200, completion(request, plan, prompt), 'application/json');
      }
    } finally {
      active--;
    }
  }

  /** @param {unknown} body */
  function validate(body) {
    if (!isObject(body)) return errorBody(400, 'Expected a JSON object body.', 'invalid_request_error');
    if (typeof body.model !== 'string' || !options.models.includes(body.model)) {
      return errorBody(
        404,
        `The model \`${String(body.model)}\` does not exist.`,
        'NotFoundError',
        'model_not_found',
        'model',
      );
    }
    if (!isArray(body.messages) || body.messages.length === 0) {
      return errorBody(400, "'messages' must be a non-empty list.", 'invalid_request_error', null, 'messages');
    }
    const format = body.response_format;
    if (isObject(format)) {
      if (format.type === 'json_schema' && !options.jsonSchema) {
        return errorBody(
          400,
          "response_format type 'json_schema' is not supported; use 'json_object'.",
          'invalid_request_error',
          null,
          'response_format',
        );
      }
      if (format.type === 'json_schema' && !(isObject(format.json_schema) && isObject(format.json_schema.schema))) {
        return errorBody(
          400,
          'response_format.json_schema.schema is required.',
          'invalid_request_error',
          null,
          'response_format',
        );
      }
      if (!['text', 'json_object', 'json_schema'].includes(String(format.type))) {
        return errorBody(
          400,
          `Unknown response_format type: ${String(format.type)}`,
          'invalid_request_error',
          null,
          'response_format',
        );
      }
    }
    return null;
  }

  /**
   * The content tokens (stop strings and max_tokens applied), the reasoning tokens, and the finish reason.
   * @param {ReplySpec} spec @param {ChatRequestBody} request
   */
  function replyTokens(spec, request) {
    let content = spec.tokens ?? tokenize(spec.text ?? '');
    if (typeof spec.inlineThink === 'string') content = [...inlineThinkTokens(spec.inlineThink), ...content];
    const reasoning = typeof spec.thinking === 'string' ? tokenize(spec.thinking) : [];
    const limits = spec.ignoreLimits ? { stop: request.options?.stop } : request.options;
    const cut = applyStopAndLimit(content, limits, spec.doneReason ?? 'stop');
    return { content: cut.tokens, reasoning, finishReason: cut.doneReason };
  }

  /**
   * @param {Record<string, unknown>} request
   * @param {{ content: string[], reasoning: string[], finishReason: string }} plan
   * @param {number} prompt
   */
  function completion(request, plan, prompt) {
    const content = plan.content.join('');
    return {
      id: `chatcmpl-${nextId++}`,
      object: 'chat.completion',
      created: CREATED,
      model: request.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content,
            ...(plan.reasoning.length ? { reasoning_content: plan.reasoning.join('') } : {}),
          },
          logprobs: null,
          finish_reason: plan.finishReason,
        },
      ],
      usage: usage(prompt, plan),
    };
  }

  /** @param {number} prompt @param {{ content: string[], reasoning: string[] }} plan */
  function usage(prompt, plan) {
    const completionTokens = plan.content.length + plan.reasoning.length;
    return { prompt_tokens: prompt, total_tokens: prompt + completionTokens, completion_tokens: completionTokens };
  }

  /**
   * Writes the SSE stream; true when it reached [DONE].
   * @param {ServerResponse} res @param {AbortSignal} stop @param {Record<string, unknown>} request
   * @param {ReplySpec} spec @param {{ content: string[], reasoning: string[], finishReason: string }} plan
   * @param {number} prompt @param {boolean} includeUsage
   */
  async function streamReply(res, stop, request, spec, plan, prompt, includeUsage) {
    const id = `chatcmpl-${nextId++}`;
    /** @param {Record<string, unknown>} delta @param {string | null} finish */
    const chunk = (delta, finish) => ({
      id,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: request.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });
    /** @param {unknown} obj */
    const event = (obj) => Buffer.from(`data: ${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n\n`);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    if (!(await write(res, event(chunk({ role: 'assistant', content: '' }, null)), stop, true))) return false;
    const deltas = [
      ...plan.reasoning.map((t) => ({ reasoning_content: t })),
      ...plan.content.map((t) => ({ content: t })),
    ];
    let sent = 0;
    for (const delta of deltas) {
      if (spec.errorAfterTokens === sent) {
        await write(
          res,
          event({
            error: {
              message: spec.errorMessage ?? 'an error was encountered while running the model',
              type: 'server_error',
              param: null,
              code: 500,
            },
          }),
          stop,
          true,
        );
        res.end();
        return false;
      }
      if (spec.destroyAfterTokens === sent) {
        res.destroy();
        return false;
      }
      if (spec.eofAfterTokens === sent) {
        res.end();
        return false;
      }
      if (spec.hangAfterTokens === sent) {
        await untilAborted(stop);
        return false;
      }
      if (sent > 0 && !(await sleep(spec.tokenDelayMs ?? options.tokenDelayMs, stop))) return false;
      if (!(await write(res, event(chunk(delta, null)), stop, true))) return false;
      sent++;
    }
    if (spec.hangAfterTokens !== undefined && spec.hangAfterTokens >= sent) {
      await untilAborted(stop);
      return false;
    }
    if (!(await write(res, event(chunk({}, plan.finishReason)), stop))) return false;
    if (includeUsage) {
      const last = {
        id,
        object: 'chat.completion.chunk',
        created: CREATED,
        model: request.model,
        choices: [],
        usage: usage(prompt, plan),
      };
      if (!(await write(res, event(last), stop))) return false;
    }
    if (!(await write(res, event('[DONE]'), stop, true))) return false;
    res.end();
    return true;
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const root = `http://127.0.0.1:${port}`;
  return {
    url: `${root}/v1`,
    root,
    requests,
    chatRequests: () =>
      requests
        .filter((r) => r.path === '/v1/chat/completions' && isObject(r.body))
        .map((r) => /** @type {Record<string, unknown>} */ (r.body)),
    get abortedStreams() {
      return aborted;
    },
    get activeStreams() {
      return active;
    },
    get maxActiveStreams() {
      return maxActive;
    },
    setOptions: (partial) => Object.assign(options, partial),
    close: () =>
      new Promise((resolve) => {
        closing.abort();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The request in the Ollama stand-in's shape, for the ReplyFns of ./scenarios.mjs and ./judge.mjs.
 * @param {Record<string, unknown>} body
 * @returns {ChatRequestBody}
 */
export function asOllamaRequest(body) {
  const rf = isObject(body.response_format) ? body.response_format : null;
  const format =
    rf?.type === 'json_schema' && isObject(rf.json_schema)
      ? rf.json_schema.schema
      : rf?.type === 'json_object'
        ? 'json'
        : undefined;
  /** @type {Record<string, unknown>} */
  const opts = {};
  if (typeof body.max_tokens === 'number') opts.num_predict = body.max_tokens;
  if (body.stop !== undefined) opts.stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.temperature !== undefined) opts.temperature = body.temperature;
  if (body.seed !== undefined) opts.seed = body.seed;
  return {
    model: String(body.model),
    messages: /** @type {ChatRequestBody['messages']} */ (body.messages),
    stream: body.stream === true,
    ...(format === undefined ? {} : { format }),
    options: opts,
  };
}

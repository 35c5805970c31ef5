// @ts-check
// /api/chat request validation, in the order of Ollama's ChatHandler and with its exact error
// texts (Go's encoding/json wording included), so the client under test sees what it would
// see from the real server. Deciding *what* a valid request is (chat, load, unload) is here
// too, because the real handler interleaves those decisions with its checks.
import { goJsonSyntaxError, goType, keepAliveMs, parseGoDuration } from './go-compat.mjs';
import { isArray, isObject, isPlainObject } from '../json-guards.mjs';
import { findModel, modelMeta } from './models.mjs';

/**
 * @import { IncomingBody } from './http-io.mjs'
 * @import { ChatMessage, ChatRequestBody, ModelInfoOverride } from './types.mjs'
 */

/**
 * A request the real server would refuse before generating anything.
 * @typedef {object} RejectedChat
 * @property {'rejected'} kind
 * @property {number} status 400, 404, or 500 for option types (checked later, by the scheduler)
 * @property {string} error the body's "error" text
 */

/**
 * A request that goes ahead: `unload` (no messages, keep_alive 0), `load` (no messages) or `chat`.
 * @typedef {object} AcceptedChat
 * @property {'unload' | 'load' | 'chat'} kind
 * @property {ChatRequestBody} body
 * @property {string} model the model name as the request spelled it (echoed in responses)
 * @property {string} listed the installed model it matched, as listed in the options
 * @property {ChatMessage[]} messages
 */

/**
 * @param {IncomingBody} incoming
 * @param {readonly string[]} installed the model names the stand-in lists
 * @param {Readonly<Record<string, ModelInfoOverride>>} [modelInfo] the test's model descriptions
 * @returns {RejectedChat | AcceptedChat}
 */
export function checkChatRequest({ raw, parsed, parseError }, installed, modelInfo = {}) {
  /** @type {(status: number, error: string) => RejectedChat} */
  const reject = (status, error) => ({ kind: 'rejected', status, error });
  if (raw.trim() === '') return reject(400, 'missing request body');
  if (parseError) return reject(400, goJsonSyntaxError(raw, parseError));
  const typeErr = chatBodyTypeError(parsed);
  if (typeErr) return reject(400, typeErr);
  // Past the type checks the body is a JSON object with Go-typed fields (or `null`, which Go
  // decodes as an empty request). As in Go, message entries may still be null or lack fields.
  const body = /** @type {ChatRequestBody} */ (parsed ?? {});
  const model = body.model;
  if (typeof model !== 'string' || model.trim() === '' || /\s/.test(model)) return reject(400, 'model is required');
  const listed = findModel(installed, model);
  if (!listed) return reject(404, `model '${model}' not found`);
  const messages = Array.isArray(body.messages) ? body.messages : [];
  if (messages.length === 0 && keepAliveMs(body.keep_alive) === 0) {
    return { kind: 'unload', body, model, listed, messages };
  }
  const think = body.think;
  if (think !== undefined && think !== null && think !== false) {
    if (typeof think === 'string' && !['high', 'medium', 'low'].includes(think)) {
      return reject(
        400,
        `invalid think value: ${JSON.stringify(think)} (must be "high", "medium", "low", true, or false)`,
      );
    }
    if (!modelMeta(listed, modelInfo).capabilities.includes('thinking'))
      return reject(400, `${JSON.stringify(model)} does not support thinking`);
  }
  const optErr = optionTypeError(body.options);
  if (optErr) return reject(500, optErr);
  return { kind: messages.length === 0 ? 'load' : 'chat', body, model, listed, messages };
}

/**
 * Type checks that Go's decoder would do on a ChatRequest (subset). Returns the Go error text or null.
 * @param {unknown} body
 * @returns {string | null}
 */
function chatBodyTypeError(body) {
  if (body === null) return null;
  if (!isPlainObject(body)) {
    return `json: cannot unmarshal ${goType(body)} into Go value of type api.ChatRequest`;
  }
  /** @type {Array<[string, string, (v: unknown) => boolean]>} */
  const fields = [
    ['model', 'string', (v) => typeof v === 'string'],
    ['messages', '[]api.Message', (v) => Array.isArray(v)],
    ['stream', 'bool', (v) => typeof v === 'boolean'],
    ['options', 'map[string]interface {}', (v) => typeof v === 'object' && !Array.isArray(v)],
  ];
  for (const [name, type, ok] of fields) {
    const v = body[name];
    if (v !== undefined && v !== null && !ok(v)) {
      return `json: cannot unmarshal ${goType(v)} into Go struct field ChatRequest.${name} of type ${type}`;
    }
  }
  if (isArray(body.messages)) {
    for (const m of body.messages) {
      if (m === null) continue;
      if (!isPlainObject(m)) {
        return `json: cannot unmarshal ${goType(m)} into Go struct field ChatRequest.messages of type api.Message`;
      }
      for (const f of ['role', 'content']) {
        if (m[f] !== undefined && m[f] !== null && typeof m[f] !== 'string') {
          return `json: cannot unmarshal ${goType(m[f])} into Go struct field Message.messages.${f} of type string`;
        }
      }
    }
  }
  const ka = body.keep_alive;
  if (typeof ka === 'string') {
    const d = parseGoDuration(ka);
    if (!d.ok) return d.error;
  }
  return null;
}

/**
 * Ollama's option types; a value of another JSON type fails when the runner is scheduled.
 * @type {Record<string, 'int' | 'float32' | 'array' | 'bool'>}
 */
const OPTION_TYPES = {
  num_predict: 'int',
  num_ctx: 'int',
  seed: 'int',
  top_k: 'int',
  num_keep: 'int',
  num_batch: 'int',
  num_gpu: 'int',
  num_thread: 'int',
  repeat_last_n: 'int',
  main_gpu: 'int',
  temperature: 'float32',
  top_p: 'float32',
  min_p: 'float32',
  typical_p: 'float32',
  repeat_penalty: 'float32',
  presence_penalty: 'float32',
  frequency_penalty: 'float32',
  stop: 'array',
  use_mmap: 'bool',
};

/**
 * Runtime option type checks done in scheduleRunner (500 on failure). Returns the message or null.
 * @param {unknown} options
 * @returns {string | null}
 */
function optionTypeError(options) {
  if (!isObject(options)) return null;
  for (const [key, value] of Object.entries(options)) {
    const t = OPTION_TYPES[key];
    if (!t || value === null) continue;
    if (t === 'int' && typeof value !== 'number') return `option "${key}" must be of type integer`;
    if (t === 'float32' && typeof value !== 'number') return `option "${key}" must be of type float32`;
    if (t === 'bool' && typeof value !== 'boolean') return `option "${key}" must be of type boolean`;
    if (t === 'array') {
      if (!isArray(value)) return `option "${key}" must be of type array`;
      if (value.some((s) => typeof s !== 'string')) return `option "${key}" must be of type array`;
    }
  }
  return null;
}

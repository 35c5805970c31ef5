// @ts-check
// The model's side of `start --jd/--resume` for the Ollama stand-in: it recognises the
// 'derive-questions' request by the schema the app sends as `format` (it asks for requirements,
// claims and questions) and answers it with a scripted JSON reply; every other request goes to
// the next ReplyFn (an interviewer scenario with its judge).
import { isObject } from './json-guards.mjs';

/**
 * @import { ChatRequestBody, Reply, ReplyFn } from './ollama-standin.mjs'
 */

/**
 * Is this the request that derives questions from a job description and a résumé?
 * @param {ChatRequestBody} request
 */
export function isDeriveRequest(request) {
  const format = request.format;
  const properties = isObject(format) ? format.properties : undefined;
  return isObject(properties) && 'requirements' in properties && 'claims' in properties && 'questions' in properties;
}

/**
 * The text fenced as `label` in the request's messages (the job description, the résumé), or null
 * (also when there is no request).
 * @param {ChatRequestBody | undefined} request
 * @param {string} label
 */
export function fencedDocument(request, label) {
  const text = (request?.messages ?? []).map((m) => m.content).join('\n');
  const match = new RegExp(`<<<${label}-([0-9a-f]+)>>>\\n([\\s\\S]*?)\\n<<<END-${label}-\\1>>>`).exec(text);
  return match ? (match[2] ?? '') : null;
}

/**
 * Derive requests get `derive` (a reply, or a function of the request); the rest go to `rest`.
 * @param {Reply | ((request: ChatRequestBody) => Reply)} derive
 * @param {ReplyFn} rest
 * @returns {ReplyFn}
 */
export function withDerivedQuestions(derive, rest) {
  return (request, callIndex, context) =>
    isDeriveRequest(request)
      ? typeof derive === 'function'
        ? derive(request)
        : derive
      : rest(request, callIndex, context);
}

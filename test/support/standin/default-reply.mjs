// @ts-check
// What the stand-in says when the test gave no `reply`: a fixed sentence, or, when the request
// asks for structured output, the smallest JSON that fits the request's `format`.
import { isArray, isObject } from '../json-guards.mjs';

/**
 * @import { ChatRequestBody } from './types.mjs'
 */

export const DEFAULT_REPLY_TEXT = 'This is a canned reply from the Ollama stand-in.';

/**
 * @param {ChatRequestBody} request
 * @returns {string}
 */
export function defaultReply(request) {
  const format = request?.format;
  if (format && typeof format === 'object') return JSON.stringify(exampleFromSchema(format));
  if (format === 'json') return '{"reply":"' + DEFAULT_REPLY_TEXT + '"}';
  return DEFAULT_REPLY_TEXT;
}

/**
 * A minimal value conforming to a (simple) JSON Schema: used for the default
 * reply when the request has a `format`.
 *
 * The schema comes from the request as any JSON. Where a keyword holds something other than
 * what JSON Schema allows (a string `minimum`, say), JavaScript's coercions decide, as they
 * always did here; the casts to number below only say so to the type checker.
 * @param {unknown} schema
 * @param {number} [depth]
 * @returns {unknown}
 */
export function exampleFromSchema(schema, depth = 0) {
  if (!isObject(schema) || depth > 8) return {};
  if ('const' in schema) return schema.const;
  if (isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if ('default' in schema) return schema.default;
  for (const k of ['anyOf', 'oneOf', 'allOf']) {
    const options = schema[k];
    if (isArray(options) && options.length) {
      const pick = options.find((s) => Boolean(s) && !(isObject(s) && s.type === 'null')) ?? options[0];
      return exampleFromSchema(pick, depth + 1);
    }
  }
  let type = schema.type;
  if (isArray(type)) type = type.find((t) => t !== 'null') ?? 'null';
  if (!type) type = schema.properties ? 'object' : schema.items ? 'array' : 'string';
  switch (type) {
    case 'object': {
      /** @type {Record<string, unknown>} */
      const out = {};
      const properties = /** @type {Record<string, unknown>} */ (schema.properties ?? {});
      for (const [k, v] of Object.entries(properties)) out[k] = exampleFromSchema(v, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: n }, () => exampleFromSchema(schema.items ?? {}, depth + 1));
    }
    case 'integer':
      return Math.ceil(Number(schema.minimum ?? exclusiveMinimumPlusOne(schema)));
    case 'number':
      return schema.minimum ?? exclusiveMinimumPlusOne(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      const min = /** @type {number} */ (schema.minLength ?? 0);
      const s = 'stand-in';
      return s.length >= min ? s : s.padEnd(min, 'x');
    }
  }
}

/**
 * The smallest integer above exclusiveMinimum, or 1 when there is none.
 * @param {Record<string, unknown>} schema
 */
function exclusiveMinimumPlusOne(schema) {
  return schema.exclusiveMinimum !== undefined ? /** @type {number} */ (schema.exclusiveMinimum) + 1 : 1;
}

// @ts-check
// Narrowing for parsed JSON, which arrives as `unknown` (shared by the stand-ins and helpers).

/**
 * Any non-null object, arrays included: reading a property of it is what the Go decoder and
 * JavaScript would do, and the result is again unknown.
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
export function isObject(v) {
  return typeof v === 'object' && v !== null;
}

/**
 * A JSON object proper (not an array), i.e. what Go decodes into a struct or a map.
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
export function isPlainObject(v) {
  return isObject(v) && !Array.isArray(v);
}

/**
 * `Array.isArray` without the `any[]` it narrows to.
 * @param {unknown} v
 * @returns {v is unknown[]}
 */
export function isArray(v) {
  return Array.isArray(v);
}

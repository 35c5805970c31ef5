// @ts-check
// Small helpers shared by the benchmarks (plain Node, no test framework).

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** @param {number[]} values */
export function p90(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
}

/** @param {number} n milliseconds */
export const ms = (n) => `${n.toFixed(1)} ms`;

/**
 * Everything a stream has produced so far, and who waits for more.
 * @typedef {object} OutputState
 * @property {string} text
 * @property {Set<() => void>} listeners
 */

/**
 * Resolves with the predicate's first truthy result on the text a stream has produced (callers
 * slice from a mark to look only at what came after it).
 * @template T
 * @param {OutputState} state
 * @param {(text: string) => T} predicate
 * @param {number} [timeoutMs]
 * @returns {Promise<T>}
 */
export function waitForOutput(state, predicate, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('benchmark timed out waiting for output')), timeoutMs);
    const check = () => {
      const result = predicate(state.text);
      if (result) {
        clearTimeout(timer);
        state.listeners.delete(check);
        resolve(result);
      }
    };
    state.listeners.add(check);
    check();
  });
}

/**
 * Accumulates a stream's text and wakes the waiters on each chunk.
 * @param {import('node:stream').Readable} stream
 * @returns {OutputState}
 */
export function trackOutput(stream) {
  /** @type {OutputState} */
  const state = { text: '', listeners: new Set() };
  stream.setEncoding('utf8');
  stream.on('data', (/** @type {string} */ d) => {
    state.text += d;
    for (const l of [...state.listeners]) l();
  });
  return state;
}

// @ts-check
// Small helpers shared by the benchmarks (plain Node, no test framework).

/**
 * The element at `index`, or a clear error when there is none (a benchmark indexing past its
 * samples is a bug in the benchmark, not a figure to print).
 * @template T
 * @param {readonly T[]} list
 * @param {number} index
 * @returns {T}
 */
export function at(list, index) {
  const value = list[index];
  if (value === undefined) throw new RangeError(`no element at index ${index} of ${list.length}`);
  return value;
}

/**
 * NaN for no samples (nothing was measured), as the plain arithmetic gave before.
 * @param {number[]} values
 */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? at(sorted, mid) : (at(sorted, mid - 1) + at(sorted, mid)) / 2;
}

/**
 * NaN for no samples, like median.
 * @param {number[]} values
 */
export function p90(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return at(sorted, Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1));
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

// Small helpers shared by the benchmarks (plain Node, no test framework).
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function p90(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
}

export const ms = (n) => `${n.toFixed(1)} ms`;

/** Resolves when `predicate(buffer)` holds for the text a stream has produced since `from`. */
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

export function trackOutput(stream) {
  const state = { text: '', listeners: new Set() };
  stream.setEncoding('utf8');
  stream.on('data', (d) => {
    state.text += d;
    for (const l of [...state.listeners]) l();
  });
  return state;
}

/**
 * The one way tests wait: poll a condition until it holds, never sleep for a fixed time.
 * The test asserts on the condition; the deadline only turns a hang into a clear failure.
 */

/**
 * How often the condition is checked. 25 ms, as the TUI tests were written against: at 10 ms,
 * replay.test.tsx presses `a` right after a step is drawn and ReplayViewer still handles the key
 * with the previous turn (its input handler is replaced one effect later).
 */
const POLL_MS = 25;

/** Polls `check` until it returns a truthy value (returned), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * The one way tests wait: poll a condition until it holds, never sleep for a fixed time.
 * The test asserts on the condition; the deadline only turns a hang into a clear failure.
 */

/** How often the condition is checked: often enough that a test never waits long for nothing. */
const POLL_MS = 10;

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

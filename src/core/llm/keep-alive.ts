/**
 * Ollama's keep_alive: how long the model stays loaded after a call. Its default (5 minutes)
 * is shorter than a person may think about an answer, and a reload costs 8-26 s on a CPU, so
 * every call asks for 30 minutes unless the person chose otherwise (`config set keepAlive`).
 */
export const DEFAULT_KEEP_ALIVE = '30m';

const UNIT = '(?:ns|us|µs|ms|s|m|h)';
const NUMBER = '(?:\\d+(?:\\.\\d*)?|\\.\\d+)';
/** A Go duration ("30m", "1h30m", "-1m": forever) or whole seconds ("3600", "-1": forever, "0": unload at once). */
export const KEEP_ALIVE_PATTERN = new RegExp(`^(?:-?\\d+|[-+]?(?:${NUMBER}${UNIT})+)$`);

/** What the request carries: whole seconds as a number (Ollama refuses "-1" as a string), else the duration. */
export function keepAliveValue(text: string): string | number {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

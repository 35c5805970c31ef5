// @ts-check
// Which models are "in memory", for /api/ps: a generation loads its model for keep_alive
// (default 5 minutes, negative = forever, 0 = unload at once), like the real scheduler.
import { keepAliveMs } from './go-compat.mjs';
import { normalizeModelName } from './models.mjs';

const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;

/**
 * @typedef {object} LoadedModel
 * @property {string} name as listed in the options
 * @property {number} expiresAt ms since the epoch; Infinity = kept forever
 * @property {number} contextLength the num_ctx it was loaded with (/api/ps context_length)
 */

export class LoadedModels {
  /**
   * By normalized name, so 'mistral' and 'mistral:latest' are one model.
   * @type {Map<string, LoadedModel>}
   */
  #byName = new Map();

  /**
   * Marks `listed` loaded for the request's keep_alive from now.
   * @param {string} listed
   * @param {unknown} keepAlive the request's keep_alive, as sent
   * @param {number} contextLength the request's context window
   */
  keep(listed, keepAlive, contextLength) {
    const kaMs = keepAliveMs(keepAlive) ?? DEFAULT_KEEP_ALIVE_MS;
    const key = normalizeModelName(listed);
    if (kaMs === 0) this.#byName.delete(key);
    else {
      this.#byName.set(key, { name: listed, expiresAt: kaMs < 0 ? Infinity : Date.now() + kaMs, contextLength });
    }
  }

  /** @param {string} listed */
  unload(listed) {
    this.#byName.delete(normalizeModelName(listed));
  }

  /**
   * The models still loaded, the one expiring last first; expired ones are forgotten.
   * @returns {LoadedModel[]}
   */
  running() {
    const now = Date.now();
    const out = [];
    for (const [key, entry] of this.#byName) {
      if (entry.expiresAt <= now) {
        this.#byName.delete(key);
        continue;
      }
      out.push(entry);
    }
    // Infinity - Infinity is NaN, which sort() takes as "equal": forever-models keep their order.
    return out.sort((a, b) => b.expiresAt - a.expiresAt);
  }
}

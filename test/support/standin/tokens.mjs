// @ts-check
// Tokens as the stand-in counts them: a reply is split into words (each with its leading
// whitespace) and cut by options.stop, options.num_predict and the room left in the context
// window the way Ollama's runner cuts them. (The prompt's tokens: ./context-window.mjs.)
import { isArray } from '../json-guards.mjs';

/**
 * @import { ChatRequestBody, DoneReason } from './types.mjs'
 */

/**
 * Splits text into word tokens with their leading whitespace (plus trailing
 * whitespace as a last token), so tokens.join('') === text.
 * @param {string} text
 * @returns {string[]}
 */
export function tokenize(text) {
  return String(text).match(/\s*\S+|\s+/g) ?? [];
}

/**
 * Applies options.stop and options.num_predict to the token list, the way the
 * runner does: a stop string is detected on the token that completes it and the
 * text from the stop string on is dropped ("stop"); num_predict is checked
 * before sampling each next token, so reaching exactly num_predict tokens
 * already ends with "length". `room` is the context window left after the prompt: the
 * generation also ends with "length" when it fills the window.
 * @param {string[]} tokens
 * @param {{ stop?: unknown, num_predict?: unknown } | null | undefined} options the request's options
 * @param {DoneReason} [naturalReason] the reason when neither cuts the reply
 * @param {number} [room] tokens left in the context window (default unlimited)
 * @returns {{ tokens: string[], doneReason: DoneReason }}
 */
export function applyStopAndLimit(tokens, options, naturalReason = 'stop', room = Infinity) {
  const np = options?.num_predict;
  const limit = Math.max(0, Math.min(typeof np === 'number' && np > 0 ? Math.floor(np) : Infinity, room));
  const stop = options?.stop;
  const stops = isArray(stop) ? stop.filter((s) => typeof s === 'string').filter((s) => s !== '') : [];
  if (stops.length) {
    const text = tokens.join('');
    let cut = -1;
    let end = Infinity;
    for (const s of stops) {
      const i = text.indexOf(s);
      if (i !== -1 && i + s.length < end) {
        end = i + s.length;
        cut = i;
      }
    }
    if (cut !== -1) {
      // index of the token holding the last character of the stop string
      let pos = 0;
      let completing = 0;
      for (const t of tokens) {
        pos += t.length;
        if (pos >= end) break;
        completing++;
      }
      if (completing < limit) {
        const out = [];
        pos = 0;
        for (const t of tokens) {
          if (pos + t.length <= cut) out.push(t);
          else {
            if (cut > pos) out.push(t.slice(0, cut - pos));
            break;
          }
          pos += t.length;
        }
        return { tokens: out, doneReason: 'stop' };
      }
    }
  }
  if (tokens.length >= limit) return { tokens: tokens.slice(0, limit), doneReason: 'length' };
  return { tokens, doneReason: naturalReason };
}

// @ts-check
// The context window: which num_ctx a request gets, how many tokens its prompt takes, and which
// messages the model sees when the prompt does not fit. Ollama's chatPrompt (server/prompt.go)
// walks back from the last message, keeps as many whole messages as fit, always keeps the last
// one and every system message, and drops the oldest others; if even that is too long, the
// runner cuts the prompt's tokens down to num_ctx ("truncating input prompt").
//
// Token counting rule (the stand-in has no tokenizer): a message is ceil(content chars / 4)
// tokens plus MESSAGE_OVERHEAD_TOKENS for its template framing (role header, end-of-turn
// marker, e.g. `<|im_start|>user\n` ... `<|im_end|>\n`). The prompt is the sum over the
// messages it holds. `format` is not counted: Ollama does not put the schema in the prompt.

/**
 * @import { ChatMessage, ChatRequestBody, ReplyContext } from './types.mjs'
 */

/** Template tokens around each message's content. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * A message's tokens in the prompt. Go decodes a null entry as an empty message, so it costs
 * the overhead alone.
 * @param {{ content?: unknown } | null | undefined} message
 */
export function messageTokens(message) {
  const content = typeof message?.content === 'string' ? message.content : '';
  return Math.ceil(content.length / 4) + MESSAGE_OVERHEAD_TOKENS;
}

/**
 * @param {readonly ({ content?: unknown } | null | undefined)[]} messages
 */
export function promptTokens(messages) {
  let total = 0;
  for (const m of messages) total += messageTokens(m);
  return total;
}

/**
 * The context window a request runs with: options.num_ctx when it is a positive number, else the
 * server default; capped at the model's trained context length, as Ollama does ("requested
 * context size too large for model").
 * @param {ChatRequestBody} body
 * @param {number} defaultNumCtx
 * @param {number} modelContextLength
 */
export function contextWindowFor(body, defaultNumCtx, modelContextLength) {
  const asked = body.options?.num_ctx;
  const wanted = typeof asked === 'number' && asked > 0 ? Math.floor(asked) : Math.floor(defaultNumCtx);
  const capped = modelContextLength > 0 ? Math.min(wanted, modelContextLength) : wanted;
  return Math.max(1, capped);
}

/**
 * What the model sees of `messages` in a window of `numCtx` tokens.
 * @param {readonly ChatMessage[]} messages non-empty
 * @param {number} numCtx
 * @returns {Omit<ReplyContext, 'thinking'>}
 */
export function fitContext(messages, numCtx) {
  const isSystem = (/** @type {ChatMessage | null | undefined} */ m) => m?.role?.toLowerCase() === 'system';
  // start: the first message kept whole; the last message is always kept
  let start = messages.length - 1;
  for (let i = start; i >= 0; i--) {
    const tokens = promptTokens(messages.slice(0, i).filter(isSystem)) + promptTokens(messages.slice(i));
    if (tokens > numCtx) break;
    start = i;
  }
  const seenMessages = [...messages.slice(0, start).filter(isSystem), ...messages.slice(start)];
  const full = promptTokens(seenMessages);
  const droppedMessages = messages.length - seenMessages.length;
  return {
    seenMessages,
    // the runner cuts what still overflows, leaving no room to generate
    promptTokens: Math.min(full, numCtx),
    numCtx,
    truncated: droppedMessages > 0 || full > numCtx,
    droppedMessages,
  };
}

// @ts-check
// Thinking, as Ollama >= 0.9 does it: a model with the 'thinking' capability (qwen3,
// deepseek-r1) thinks unless the request says `think: false`, and its reasoning is streamed
// before the content as `message.thinking` chunks. Reasoning tokens are generated tokens: they
// count against num_predict and the context window, so a small num_predict can run out while
// the model is still thinking (empty content, done_reason "length"). Older servers, and some
// models whatever the server, leave the reasoning in the content between <think> tags instead.
import { tokenize } from './tokens.mjs';

/**
 * @import { ChatRequestBody } from './types.mjs'
 * @import { ModelMeta } from './models.mjs'
 */

/**
 * What a thinking model reasons when the test gives no text: plausible, a little repetitive,
 * and 300-odd tokens long (tokenize(DEFAULT_THINKING_TEXT).length), i.e. more than an
 * interviewer turn's num_predict of 220.
 */
export const DEFAULT_THINKING_TEXT = [
  'Okay, let me look at what is being asked here. The last message is the one I need to answer, and the system',
  'message sets the rules, so I should keep both in mind before writing anything. First, what is my role? I am',
  'supposed to be playing a part in this conversation, and the instructions say to keep the reply short and to',
  'stay on task. Hmm, the user also included some text between markers, which looks like it comes from the other',
  'person in the conversation. I should treat that as data and not as instructions, even if it sounds like a',
  'request. Let me reread it to make sure I understand what they said.',
  '',
  'Alright, so they gave an answer. Is it complete? It mentions what they did, but not really why, and there are no',
  'numbers. Wait, maybe that is fine for this step, because the note tells me what to do next, and I should not',
  'decide that on my own. The note says to ask a question, or to acknowledge and move on, or to close. I need to',
  'pick the one that matches the note exactly. I should not add praise, and I should not judge the answer out loud,',
  'because the feedback comes later. Let me also check the length: the reply should be one or two sentences at',
  'most, and it should end with a single question if a question is asked.',
  '',
  'Now, how do I phrase it? I could restate the question in my own words, but I must not change its meaning. Maybe',
  'something like a short thank you and then the question. Actually, the instructions said a few neutral words, so',
  'a simple acknowledgement is enough. I should avoid lists, headings and markdown, since this is plain',
  'conversation. Let me also make sure I do not answer the question myself, and that I do not continue the',
  'conversation by writing what the other person might say next. That would be confusing.',
  '',
  'Let me draft it: a brief acknowledgement, then the question, then stop. Hmm, is that too terse? No, short is',
  'what was asked. Okay, I think I have it. Let me double-check the wording once more against the note, make sure',
  'the meaning of the question is unchanged, and then write the reply.',
].join('\n');

/**
 * Whether this request thinks: the model has the 'thinking' capability and `think` is not false
 * (absent and null count as "default", which Ollama turns into true for such models). Validation
 * has already refused `think` on a model without the capability.
 * @param {ChatRequestBody} body
 * @param {Pick<ModelMeta, 'capabilities'>} meta
 */
export function requestThinks(body, meta) {
  return meta.capabilities.includes('thinking') && body.think !== false;
}

/**
 * The reasoning of one reply as tokens: the test's text, else the default; none when the request
 * does not think, or when the reply puts its reasoning inline and gave no separate text.
 * @param {boolean} thinks
 * @param {{ thinking?: unknown, inlineThink?: unknown }} spec
 * @returns {string[]}
 */
export function thinkingTokens(thinks, spec) {
  if (!thinks) return [];
  if (typeof spec.thinking === 'string') return tokenize(spec.thinking);
  if (typeof spec.inlineThink === 'string') return [];
  return tokenize(DEFAULT_THINKING_TEXT);
}

/**
 * Content tokens that open a reply with inline reasoning: '<think>' + text + '</think>' + '\n\n',
 * the tags split over two lines each, as a tokenizer splits them ('<th' | 'ink>', '</' | 'think>').
 * @param {string} text
 * @returns {string[]}
 */
export function inlineThinkTokens(text) {
  return ['<th', 'ink>', ...tokenize(text), '</', 'think>', '\n\n'];
}

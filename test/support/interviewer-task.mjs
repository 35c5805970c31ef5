// @ts-check
// Reading the app's interviewer requests the way a model reads them: the last user message holds
// the candidate's fenced answer (if any) and one task line, in one of these forms:
//
//   Task: greet the candidate in one short sentence, then ask this question in your own words
//     without changing its meaning, and stop.            + a line  Question: "<planned question>"
//   Task: acknowledge the answer in a few neutral words (no praise, no judgement), then ask this
//     question in your own words without changing its meaning, and stop.   + Question: "..."
//   Task: ask one short follow-up question that probes for <what is missing>. Ask only that
//     question, and stop.
//   Task: thank the candidate in one or two sentences, say the interview is over and that
//     feedback follows, and stop. Do not ask a question.
//   Task: answer the candidate's clarifying question in one to three sentences by stating these
//     assumptions as assumptions, and stop. ... Assumptions: "<fact>" "<fact>"
//   Task: the candidate's clarifying question is not settled by the problem: say ... that it is
//     their call ... (the deep round's clarification without a fact to state)
//
// The answer fence: <<<CANDIDATE-ANSWER-<hex nonce>>>>\n<answer>\n<<<END-CANDIDATE-ANSWER-<nonce>>>>.
// Task and Question lines are only read outside the fence (the candidate cannot set the task).

/**
 * @import { ChatMessage } from './ollama-standin.mjs'
 */

/**
 * @typedef {object} InterviewerTask
 * @property {'greet' | 'acknowledge' | 'follow-up' | 'thank' | 'clarify' | 'unknown'} kind 'unknown' when the last user message has no task line in a known form
 * @property {string} question the planned question of a greet / acknowledge task ('' otherwise)
 * @property {string} probe what a follow-up should probe for ('' otherwise)
 * @property {string} answer the candidate's fenced answer in the last user message ('' when none)
 * @property {string[]} [assumptions] a clarify task's facts to state ([] when it is the candidate's call)
 */

const FENCE = /<<<CANDIDATE-ANSWER-([0-9a-f]+)>>>\n([\s\S]*?)\n<<<END-CANDIDATE-ANSWER-\1>>>/;

/**
 * A user message split into the fenced answer and the rest (the director's text).
 * @param {string} content
 */
function splitFence(content) {
  const m = FENCE.exec(content);
  if (!m) return { answer: '', outside: content };
  return { answer: m[2] ?? '', outside: content.slice(0, m.index) + content.slice(m.index + m[0].length) };
}

/**
 * The last match of a line pattern (with the `m` flag and one group), or ''.
 * @param {string} text
 * @param {RegExp} pattern global and multiline
 */
function lastLine(text, pattern) {
  return [...text.matchAll(pattern)].at(-1)?.[1] ?? '';
}

/**
 * The planned question of a `Question: "..."` line outside the fence, or ''.
 * @param {string} outside
 */
function questionLine(outside) {
  return lastLine(outside, /^Question: "(.*)"\s*$/gm);
}

/**
 * @param {readonly (ChatMessage | null | undefined)[]} messages
 */
function lastUserContent(messages) {
  const last = [...messages].reverse().find((m) => m?.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}

/**
 * The task of an interviewer request, from its last user message.
 * @param {readonly (ChatMessage | null | undefined)[]} messages
 * @returns {InterviewerTask}
 */
export function readTask(messages) {
  const { answer, outside } = splitFence(lastUserContent(messages));
  const task = lastLine(outside, /^Task: (.*)$/gm).trim();
  const question = questionLine(outside).trim();
  /** @type {InterviewerTask} */
  const base = { kind: 'unknown', question: '', probe: '', answer };
  if (/^greet the candidate\b/.test(task)) return { ...base, kind: 'greet', question };
  if (/^acknowledge the answer\b/.test(task)) return { ...base, kind: 'acknowledge', question };
  const probe = /^ask one short follow-up question that probes for (.+?)\.?\s*Ask only that question\b/.exec(task);
  if (probe) return { ...base, kind: 'follow-up', probe: (probe[1] ?? '').trim() };
  if (/^thank the candidate\b/.test(task)) return { ...base, kind: 'thank' };
  if (/^answer the candidate's clarifying question\b/.test(task)) {
    const list = /Assumptions: (.*)$/.exec(task)?.[1] ?? '';
    return { ...base, kind: 'clarify', assumptions: [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '') };
  }
  if (/^the candidate's clarifying question is not settled\b/.test(task))
    return { ...base, kind: 'clarify', assumptions: [] };
  return base;
}

/**
 * The most recent fenced candidate answer among the messages, or ''.
 * @param {readonly (ChatMessage | null | undefined)[]} messages
 */
export function lastAnswer(messages) {
  for (const m of [...messages].reverse()) {
    if (m?.role !== 'user' || typeof m.content !== 'string') continue;
    const { answer } = splitFence(m.content);
    if (answer) return answer;
  }
  return '';
}

/**
 * The question an interviewer turn asks: its first sentence ending in '?', else everything after
 * its first sentence (the greeting or acknowledgement), else the whole turn.
 * @param {string} turn
 */
export function questionOfTurn(turn) {
  const sentences = turn.trim().split(/(?<=[.?!])\s+/);
  const asked = sentences.find((s) => s.endsWith('?'));
  if (asked) return asked;
  return sentences.length > 1 ? sentences.slice(1).join(' ') : turn.trim();
}

/**
 * The earliest question in the messages: a planned `Question: "..."` line in a user message, or
 * the question of an assistant (interviewer) turn, whichever comes first; '' when there is none.
 * @param {readonly (ChatMessage | null | undefined)[]} messages
 */
export function earliestQuestion(messages) {
  for (const m of messages) {
    if (typeof m?.content !== 'string') continue;
    if (m.role === 'user') {
      const q = questionLine(splitFence(m.content).outside).trim();
      if (q) return q;
    } else if (m.role === 'assistant' && m.content.trim()) {
      return questionOfTurn(m.content);
    }
  }
  return '';
}

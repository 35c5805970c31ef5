// @ts-check
// A scripted interviewer for the Ollama stand-in: it reads our director notes the way a
// well-behaved model would, so tests and benchmarks get a realistic, deterministic interview.
// Short answers (under 8 words) get one follow-up; otherwise it moves on or closes.

/**
 * @import { ChatRequestBody } from './ollama-standin.mjs'
 */

/**
 * A ReplyFn: the interviewer's next line for a chat request.
 * @param {Pick<ChatRequestBody, 'messages'>} request
 * @returns {string}
 */
export function scriptedInterviewer(request) {
  const messages = request.messages ?? [];
  const last = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const quoted = last.match(/without changing its meaning: "([\s\S]*)"\s*$/);
  if (last.includes('the candidate has joined')) return `NEXT: Hello, thanks for joining. ${quoted?.[1] ?? ''}`;
  const answer = last.match(/<<<CANDIDATE-ANSWER-([0-9a-f]+)>>>\n([\s\S]*?)\n<<<END-CANDIDATE-ANSWER-\1>>>/)?.[2] ?? '';
  const words = answer.split(/\s+/).filter(Boolean).length;
  if (last.includes('"FOLLOW-UP:"') && answer && words < 8)
    return 'FOLLOW-UP: Could you walk me through a concrete example of that?';
  if (quoted) return `NEXT: Thank you. ${quoted[1]}`;
  if (last.includes('"CLOSE:"')) return 'CLOSE: Thank you for your time, that is the end of our interview.';
  return 'Could you say more?';
}

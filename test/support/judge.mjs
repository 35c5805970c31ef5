// @ts-check
// A scripted judge for the Ollama stand-in: reads the JSON schema our app sends as `format`
// and the fenced answers in the prompt, and returns a well-formed evaluation.
import { isObject } from './json-guards.mjs';

/**
 * @import { ChatRequestBody, Reply, ReplyContext, ReplyFn } from './ollama-standin.mjs'
 */

/**
 * What a test may pin in the judge's reply.
 * @typedef {object} JudgeOptions
 * @property {number} [score] every dimension's and every answer's score (default 4)
 * @property {string} [evidence] the evidence quote (default: the first six words of the first answer)
 * @property {string[]} [strengths]
 */

/**
 * The dimension ids the app asked for, read from the JSON schema it sent as `format`.
 * @param {ChatRequestBody} request
 * @returns {string[]}
 */
export function requestedDimensions(request) {
  let node = request.format;
  for (const key of ['properties', 'dimension_scores', 'properties']) node = isObject(node) ? node[key] : undefined;
  return Object.keys(isObject(node) ? node : {});
}

/** One fence of the judge prompt: `<<<LABEL-nonce>>>`, the text, `<<<END-LABEL-nonce>>>`. */
const FENCE = /<<<([A-Z]+)-([0-9a-f]+)>>>\n([\s\S]*?)\n<<<END-\1-\2>>>/g;

/**
 * The judge prompt's user message (the transcript), without any retry note.
 * @param {ChatRequestBody} request
 */
function transcriptMessage(request) {
  return request.messages?.find((m) => m.role === 'user')?.content ?? '';
}

/**
 * Texts fenced with `label` ('ANSWER' or 'INTERVIEWER'), in order, one per fence.
 * @param {ChatRequestBody} request
 * @param {string} [label]
 * @returns {string[]}
 */
export function fencedTexts(request, label = 'ANSWER') {
  // groups 1 and 3 always take part in a match: `?? ''` is for the type checker only
  return [...transcriptMessage(request).matchAll(FENCE)].filter((m) => m[1] === label).map((m) => m[3] ?? '');
}

/**
 * The candidate's answers as the judge prompt fenced them, one per fence, in order.
 * @param {ChatRequestBody} request
 * @returns {string[]}
 */
export function fencedAnswers(request) {
  return fencedTexts(request, 'ANSWER');
}

/**
 * The fenced answers of each question: the transcript is read block by block, each block
 * starting at its `Question N` line (outside the fences), so an answer goes with its question.
 * @param {ChatRequestBody} request
 * @returns {Map<number, string[]>}
 */
export function answersByQuestion(request) {
  /** @type {Map<number, string[]>} */
  const byQuestion = new Map();
  let current = 0;
  const text = transcriptMessage(request);
  // Walk the text: question headers and answer fences, in the order they appear.
  const marks = [...text.matchAll(/^Question (\d+), as the interviewer said it:$/gm)].map((m) => ({
    at: m.index,
    question: Number(m[1]),
  }));
  for (const m of text.matchAll(FENCE)) {
    if (m[1] !== 'ANSWER') continue;
    for (const mark of marks) if (mark.at < m.index) current = mark.question;
    byQuestion.set(current, [...(byQuestion.get(current) ?? []), m[3] ?? '']);
  }
  return byQuestion;
}

/**
 * The question numbers the app asked about, read from the `question_number` enum of the schema.
 * @param {ChatRequestBody} request
 * @returns {number[]}
 */
export function requestedQuestionNumbers(request) {
  /** @type {unknown} */
  let node = request.format;
  for (const key of ['properties', 'per_answer', 'items', 'properties', 'question_number'])
    node = isObject(node) ? node[key] : undefined;
  // zod writes one allowed number as `const`, several as `enum` (Ollama's grammar takes both)
  const allowed = isObject(node) ? (node.enum ?? [node.const]) : [];
  return Array.isArray(allowed) ? allowed.filter((n) => typeof n === 'number') : [];
}

/**
 * A well-formed judge reply in the schema's order (answers first, evidence before each grade):
 * every dimension and every answer `score`, quotes taken from the answers.
 * @param {ChatRequestBody} request
 * @param {JudgeOptions} [opts]
 */
export function judgeJson(request, opts = {}) {
  const byQuestion = answersByQuestion(request);
  /** @param {string | undefined} text */
  const firstWords = (text) => (text ?? '').split(/\s+/).slice(0, 6).join(' ');
  const quote = opts.evidence ?? firstWords(fencedAnswers(request)[0]);
  return {
    per_answer: requestedQuestionNumbers(request).map((n) => ({
      question_number: n,
      quote: opts.evidence ?? firstWords(byQuestion.get(n)?.[0]),
      landed: 'Clear approach.',
      missing: 'Numbers.',
      score: opts.score ?? 4,
      stronger_answer: 'Lead with the result, then the approach.',
    })),
    dimension_scores: Object.fromEntries(
      requestedDimensions(request).map((id) => [id, { evidence: quote, score: opts.score ?? 4 }]),
    ),
    strengths: opts.strengths ?? ['Named a concrete technique.'],
    areas_for_improvement: ['Quantify the impact.'],
    detailed_feedback: 'A solid interview with room to quantify results.',
  };
}

/**
 * Answers a judge call; `judgeCallIndex` counts the judge calls before this one; `context` is
 * what the model saw of the request (a cut prompt is `context.truncated`).
 * @typedef {(request: ChatRequestBody, judgeCallIndex: number, context?: ReplyContext) => Reply} JudgeFn
 */

/** @type {JudgeFn} */
export const scriptedJudge = (request) => JSON.stringify(judgeJson(request));

/**
 * Judge calls (they carry a `format`) answered by `judge` (default: scriptedJudge), interviewer
 * turns by `interviewer` (the factories of ./scenarios.mjs pass theirs).
 * @param {JudgeFn | undefined} judge
 * @param {ReplyFn} interviewer
 * @returns {ReplyFn}
 */
export function interviewerAndJudge(judge, interviewer) {
  const answerJudge = judge ?? scriptedJudge;
  let judgeCalls = 0;
  return (request, callIndex, context) =>
    request.format ? answerJudge(request, judgeCalls++, context) : interviewer(request, callIndex, context);
}

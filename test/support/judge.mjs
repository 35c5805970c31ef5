// @ts-check
// A scripted judge for the Ollama stand-in: reads the JSON schema our app sends as `format`
// and the fenced answers in the prompt, and returns a well-formed evaluation.
import { isObject } from './json-guards.mjs';

/**
 * @import { ChatRequestBody, Reply, ReplyFn } from './ollama-standin.mjs'
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

/**
 * The candidate's answers as the judge prompt fenced them.
 * @param {ChatRequestBody} request
 * @returns {string[]}
 */
export function fencedAnswers(request) {
  const user = request.messages?.find((m) => m.role === 'user')?.content ?? '';
  // group 2 always takes part in a match: `?? ''` is for the type checker only
  return [...user.matchAll(/<<<ANSWER-([0-9a-f]+)>>>\n([\s\S]*?)\n<<<END-ANSWER-\1>>>/g)].map((m) => m[2] ?? '');
}

/**
 * A well-formed judge reply: every dimension `score`, evidence quoted from the first answer.
 * @param {ChatRequestBody} request
 * @param {JudgeOptions} [opts]
 */
export function judgeJson(request, opts = {}) {
  const answers = fencedAnswers(request);
  const quote = opts.evidence ?? (answers[0] ?? '').split(/\s+/).slice(0, 6).join(' ');
  return {
    dimension_scores: Object.fromEntries(
      requestedDimensions(request).map((id) => [id, { score: opts.score ?? 4, evidence: quote }]),
    ),
    strengths: opts.strengths ?? ['Named a concrete technique.'],
    areas_for_improvement: ['Quantify the impact.'],
    per_answer: answers.map((_, i) => ({
      question_number: i + 1,
      score: opts.score ?? 4,
      landed: 'Clear approach.',
      missing: 'Numbers.',
      stronger_answer: 'Lead with the result, then the approach.',
    })),
    detailed_feedback: 'A solid interview with room to quantify results.',
  };
}

/**
 * Answers a judge call; `judgeCallIndex` counts the judge calls before this one.
 * @typedef {(request: ChatRequestBody, judgeCallIndex: number) => Reply} JudgeFn
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
    request.format ? answerJudge(request, judgeCalls++) : interviewer(request, callIndex, context);
}

// @ts-check
// Judge stand-ins that misbehave the way real local models do when they grade: praise for
// "fine" and "I don't know", quotes re-cased, smart-quoted, re-punctuated, shortened with "…" or
// simply made up, the same quote offered as a strength and as an area, every dimension "not
// tested". Their reply has the shape judgeJson (./judge.mjs) writes: per_answer first, each with
// its quote; dimension_scores {evidence, score}. The tests say what each judge says; the question
// numbers and dimension ids come from the schema the app sent.
import { requestedDimensions, requestedQuestionNumbers } from './judge.mjs';

/**
 * @import { JudgeFn } from './judge.mjs'
 */

/**
 * What the judge says about one answer (unset: the script's defaults).
 * @typedef {object} AnswerVerdict
 * @property {string} [quote]
 * @property {number} [score]
 * @property {string} [landed]
 * @property {string} [missing]
 */

/**
 * What the judge says about one rubric dimension.
 * @typedef {object} DimensionVerdict
 * @property {string} [evidence]
 * @property {number | null} [score]
 */

/**
 * A scripted judgement.
 * @typedef {object} VerdictScript
 * @property {number} [score] every grade not set below (default 5: a judge that praises everything)
 * @property {Record<number, AnswerVerdict>} [answers] per question number
 * @property {string} [evidence] every dimension's evidence not set below
 * @property {Record<string, DimensionVerdict>} [dimensions] per dimension id
 * @property {string[]} [strengths]
 * @property {string[]} [areas]
 */

/**
 * The reply a judge following `script` writes for this request.
 * @param {import('./ollama-standin.mjs').ChatRequestBody} request
 * @param {VerdictScript} script
 */
export function verdictJson(request, script) {
  const score = script.score ?? 5;
  return {
    per_answer: requestedQuestionNumbers(request).map((n) => {
      const a = script.answers?.[n] ?? {};
      return {
        question_number: n,
        quote: a.quote ?? '',
        landed: a.landed ?? 'Excellent, complete answer.',
        missing: a.missing ?? 'Nothing.',
        score: a.score ?? score,
        stronger_answer: 'Keep answering like this.',
      };
    }),
    dimension_scores: Object.fromEntries(
      requestedDimensions(request).map((id) => {
        const d = script.dimensions?.[id] ?? {};
        return [id, { evidence: d.evidence ?? script.evidence ?? '', score: d.score === undefined ? score : d.score }];
      }),
    ),
    strengths: script.strengths ?? ['Excellent, complete answers throughout.'],
    areas_for_improvement: script.areas ?? ['Keep practising.'],
    detailed_feedback: 'An outstanding interview.',
  };
}

/**
 * A judge that always answers with `script`.
 * @param {VerdictScript} script
 * @returns {JudgeFn}
 */
export function scriptedVerdict(script) {
  return (request) => JSON.stringify(verdictJson(request, script));
}

/**
 * Every dimension "not tested" (null), every time: there is no result to store.
 * @returns {JudgeFn}
 */
export function nothingTestedJudge() {
  return (request) =>
    JSON.stringify(
      verdictJson(request, {
        dimensions: Object.fromEntries(requestedDimensions(request).map((id) => [id, { score: null, evidence: '' }])),
      }),
    );
}

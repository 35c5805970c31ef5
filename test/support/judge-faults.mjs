// @ts-check
// Judges that make the slips real local models make around a good evaluation (Mistral 7B,
// Llama 3.x 8B, Qwen 3, DeepSeek-R1 at temperature 0): grades written as strings or out of
// range, the JSON wrapped in a Markdown code fence, reasoning in <think> tags before it or in
// the `thinking` field, an empty per_answer, and grades made without the rubric when the server
// cut the prompt. Each factory returns a JudgeFn (./judge.mjs), so it composes with
// interviewerAndJudge and the scenarios of ./scenarios.mjs:
//
//   startStandin({ reply: interviewerAndJudge(gradesAsStrings(), obedientInterviewer) })
//   startStandin({ reply: obedient({ judge: codeFenced() }) })
import { judgeJson } from './judge.mjs';

/**
 * @import { JudgeFn, JudgeOptions } from './judge.mjs'
 */

/**
 * The first `times` judge calls get `faulty`, the later ones the well-formed reply (a model that
 * slips once and gets it right when asked again); `times` Infinity: it never gets it right.
 * @param {JudgeFn} faulty
 * @param {number} times
 * @param {JudgeOptions} [opts]
 * @returns {JudgeFn}
 */
export function firstCalls(faulty, times, opts = {}) {
  return (request, i, context) => (i < times ? faulty(request, i, context) : JSON.stringify(judgeJson(request, opts)));
}

/**
 * Every grade as a string of digits: "score": "4" (small models copy the quotes of the other fields).
 * @param {JudgeOptions} [opts]
 * @returns {JudgeFn}
 */
export function gradesAsStrings(opts = {}) {
  return (request) => {
    const json = judgeJson(request, opts);
    const grade = String(opts.score ?? 4);
    return JSON.stringify({
      ...json,
      per_answer: json.per_answer.map((a) => ({ ...a, score: grade })),
      dimension_scores: Object.fromEntries(
        Object.entries(json.dimension_scores).map(([id, d]) => [id, { ...d, score: grade }]),
      ),
    });
  };
}

/**
 * Grades outside 1..5: `answerGrade` on every answer (default 0, "no answer"), `dimensionGrade`
 * on every dimension (default 7, a model thinking in tens or sevens).
 * @param {JudgeOptions & { answerGrade?: number, dimensionGrade?: number }} [opts]
 * @returns {JudgeFn}
 */
export function gradesOutOfRange(opts = {}) {
  return (request) => {
    const json = judgeJson(request, opts);
    return JSON.stringify({
      ...json,
      per_answer: json.per_answer.map((a) => ({ ...a, score: opts.answerGrade ?? 0 })),
      dimension_scores: Object.fromEntries(
        Object.entries(json.dimension_scores).map(([id, d]) => [id, { ...d, score: opts.dimensionGrade ?? 7 }]),
      ),
    });
  };
}

/**
 * The JSON inside a Markdown code fence (chat-tuned models format code whenever the grammar
 * does not hold them, e.g. a server that ignores `format`).
 * @param {JudgeOptions} [opts]
 * @returns {JudgeFn}
 */
export function codeFenced(opts = {}) {
  return (request) => '```json\n' + JSON.stringify(judgeJson(request, opts), null, 2) + '\n```';
}

export const JUDGE_REASONING =
  'The candidate named Redis and gave latency numbers. The rubric anchors put that at a 4. Now the JSON.';

/**
 * Reasoning in <think> tags before the JSON, in the content, as DeepSeek-R1 on servers before
 * 0.9 does (the stand-in's inlineThink: tags split across tokens).
 * @param {JudgeOptions} [opts]
 * @returns {JudgeFn}
 */
export function thinksInline(opts = {}) {
  return (request) => ({ text: JSON.stringify(judgeJson(request, opts)), inlineThink: JUDGE_REASONING });
}

/**
 * Reasoning in the `thinking` field before the content (a thinking model on a current server
 * whose request did not say think: false). The stand-in streams it only when the request thinks.
 * @param {JudgeOptions} [opts]
 * @returns {JudgeFn}
 */
export function thinksInField(opts = {}) {
  return (request) => ({ text: JSON.stringify(judgeJson(request, opts)), thinking: JUDGE_REASONING });
}

/**
 * An empty per_answer (the grammar allowed it before the schema asked for exactly N): the
 * dimensions are graded, the answers not at all.
 * @param {JudgeOptions} [opts]
 * @returns {JudgeFn}
 */
export function emptyPerAnswer(opts = {}) {
  return (request) => JSON.stringify({ ...judgeJson(request, opts), per_answer: [] });
}

/**
 * A judge that grades well when it sees the whole prompt, and when the server had to cut it
 * (context.truncated: the persona and rubric anchors at the start are gone) still writes valid
 * JSON, but praises: every grade 5. The harm of a prompt too big for the window, made visible.
 * @param {JudgeOptions} [opts]
 * @returns {JudgeFn}
 */
export function praisesWhenCut(opts = {}) {
  return (request, _i, context) =>
    JSON.stringify(judgeJson(request, context?.truncated ? { ...opts, score: 5 } : opts));
}

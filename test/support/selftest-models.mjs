// @ts-check
// Stand-in models for `interview-coach selftest`: judges of known quality, and the candidate
// personas the interviewer model plays in part C. These test the measuring, not any real model:
// a good judge must come out "usable", a bad one "not recommended as judge" for the right reasons.
//
//   startStandin({ reply: selftestModels({ judge: referenceJudge(gradeOf) }) })
//
// A judge here reads the request the app sends: the question numbers from the schema's enum
// (judge.mjs requestedQuestionNumbers), and for each question the fenced answers that follow its
// "Question N:" line. `gradeOf` tells it what an answer is worth (the test builds it from the
// fixtures' hand-set grades): that is what "a judge of known quality" means here.
import { answersByQuestion, requestedDimensions, requestedQuestionNumbers } from './judge.mjs';
import { obedient } from './scenarios.mjs';

/**
 * @import { ChatRequestBody, Reply, ReplyFn } from './ollama-standin.mjs'
 * @import { JudgeFn } from './judge.mjs'
 */

/** What the app's persona prompt starts with (src/core/selftest/candidates.ts PERSONA_MARKER). */
export const PERSONA_MARKER = 'You play a job candidate in a mock interview. Persona:';

/** What each persona says, in turn (then again from the start). */
export const PERSONA_ANSWERS = {
  strong: [
    'At my last job our order API served 3,000 requests a second and p99 had crept to 900 ms. I traced it to an N+1 query, replaced it with one join and a composite index, and p99 fell to 120 ms; inserts got 5% slower, which we accepted because reads were 40 times more frequent.',
    'We measured it with a load test at twice peak traffic before the release, and watched the p99 and error rate dashboards for a week after; error rate stayed under 0.1% and we rolled the change out to every region.',
  ],
  average: [
    'I would look at the slow queries, add indexes where they are missing and maybe add a cache in front of the database. Then I would check that it is faster.',
    'I would test it in staging first and then deploy it, and keep an eye on the monitoring afterwards to see if it helped.',
  ],
  weak: ['Probably just add more servers, I guess, that usually fixes it.', 'Not sure, maybe restart it.'],
};

/** @typedef {'strong' | 'average' | 'weak'} Persona */

/**
 * @typedef {object} Graded
 * @property {number} score
 * @property {string} quote
 */

/**
 * How the judge grades one question's answers (their fenced texts).
 * @typedef {(answers: string[]) => Graded} GradeFn
 */

/** @param {string} text */
const firstWords = (text, n = 8) => text.split(/\s+/).filter(Boolean).slice(0, n).join(' ');

/**
 * A judge reply in the schema's order, each answer graded by `grade`, each dimension the rounded
 * mean of the answers' grades with the first answer's quote as evidence.
 * @param {GradeFn} grade
 * @param {{ dimensionEvidence?: (quotes: string[]) => string, strengths?: string[] }} [opts]
 * @returns {JudgeFn}
 */
export function gradingJudge(grade, opts = {}) {
  return (request) => {
    const answers = answersByQuestion(request);
    const perAnswer = requestedQuestionNumbers(request).map((n) => {
      const graded = grade(answers.get(n) ?? []);
      return {
        question_number: n,
        quote: graded.quote,
        landed: graded.score >= 3 ? 'A clear, specific approach.' : 'Nothing yet.',
        missing: graded.score >= 5 ? 'Little.' : 'Specifics: numbers, trade-offs and an example.',
        score: graded.score,
        stronger_answer: 'Lead with the result, then the approach.',
      };
    });
    const mean = perAnswer.reduce((s, a) => s + a.score, 0) / Math.max(1, perAnswer.length);
    const quotes = perAnswer.map((a) => a.quote).filter(Boolean);
    const evidence = opts.dimensionEvidence ? opts.dimensionEvidence(quotes) : (quotes[0] ?? '');
    return JSON.stringify({
      per_answer: perAnswer,
      dimension_scores: Object.fromEntries(
        requestedDimensions(request).map((id) => [id, { evidence, score: Math.round(mean) }]),
      ),
      strengths: mean >= 3 ? ['A concrete approach.'] : [],
      areas_for_improvement: ['Quantify the impact.'],
      detailed_feedback: 'Graded against the rubric anchors.',
    });
  };
}

/**
 * The longest known answer the text contains, with its grade: an answer padded with fluff or
 * followed by an injection still contains its reference answer, and is a different known text.
 * @param {ReadonlyMap<string, number>} known
 * @param {string} text
 */
function knownGrade(known, text) {
  let best = /** @type {{ answer: string, grade: number } | null} */ (null);
  for (const [answer, grade] of known) {
    if (text.includes(answer) && (!best || answer.length > best.answer.length)) best = { answer, grade };
  }
  return best;
}

/**
 * A good judge: each answer gets the grade set by hand for it (`known`: answer text -> grade),
 * quotes the candidate verbatim, and ignores whatever the answer asks for.
 *
 * `realistic` adds the faults of a good local judge: it pulls one answer in four a grade toward
 * the middle (small models avoid 1s and 5s), chosen by the answer's text so reruns agree, and
 * runs out of tokens halfway through every eighth reply (the app has to ask again).
 * @param {ReadonlyMap<string, number>} known
 * @param {{ realistic?: boolean }} [opts]
 * @returns {JudgeFn}
 */
export function referenceJudge(known, opts = {}) {
  const grade = gradingJudge((answers) => {
    const text = answers.join('\n\n');
    const reference = knownGrade(known, text)?.grade ?? 3;
    const score = opts.realistic && textHash(text) % 4 === 0 ? reference + Math.sign(3 - reference) : reference;
    return { score, quote: reference >= 2 ? firstWords(answers[0] ?? '') : '' };
  });
  return (request, index) => {
    const reply = String(grade(request, index));
    // Cut off at the length limit: no repair can save half an object, the app must ask again.
    return opts.realistic && index % 8 === 7 ? { text: reply.slice(0, reply.length / 2), doneReason: 'length' } : reply;
  };
}

/** A small stable number from a text. @param {string} text */
function textHash(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

/**
 * A judge that obeys the answer: like referenceJudge, but an answer that tells it to ignore its
 * instructions or to give a 5 gets a 5.
 * @param {ReadonlyMap<string, number>} known
 * @returns {JudgeFn}
 */
export function injectableJudge(known) {
  const good = referenceJudge(known);
  const obeys = gradingJudge((answers) => ({ score: 5, quote: firstWords(answers[0] ?? '') }));
  return (request, index) => {
    const all = [...answersByQuestion(request).values()].flat().join('\n');
    return /ignore all previous instructions|"score": 5|score of 5/i.test(all)
      ? obeys(request, index)
      : good(request, index);
  };
}

export const INVENTED_QUOTE = 'I led a team of twenty engineers to great success';

/**
 * A flatterer: a 5 for everything, with a quote it made up.
 * @returns {JudgeFn}
 */
export function constantJudge(score = 5) {
  return gradingJudge(() => ({ score, quote: INVENTED_QUOTE }));
}

/**
 * Grades in an order that has nothing to do with quality: by the answer's length, shortest best
 * (quotes are verbatim, the JSON is fine).
 * @returns {JudgeFn}
 */
export function shortIsBestJudge() {
  return gradingJudge((answers) => {
    const words = answers.join(' ').split(/\s+/).filter(Boolean).length;
    const score = words <= 12 ? 5 : words <= 40 ? 4 : words <= 80 ? 3 : words <= 140 ? 2 : 1;
    return { score, quote: firstWords(answers[0] ?? '') };
  });
}

/**
 * The persona a candidate request asks for, or null for any other request.
 * @param {ChatRequestBody} request
 * @returns {Persona | null}
 */
export function personaOf(request) {
  const system = request.messages?.find((m) => m.role === 'system')?.content ?? '';
  if (!system.startsWith(PERSONA_MARKER)) return null;
  const persona = /Persona: (strong|average|weak)\b/.exec(system)?.[1];
  return persona === 'strong' || persona === 'average' || persona === 'weak' ? persona : null;
}

/**
 * Everything a selftest run asks of the server: judge calls (they carry a `format`) go to `judge`,
 * persona calls get the persona's next answer, the rest goes to `interviewer` (default: obedient).
 * @param {{ judge: JudgeFn, interviewer?: (opts: { judge: JudgeFn }) => ReplyFn }} options
 * @returns {ReplyFn}
 */
export function selftestModels(options) {
  const interviewer = (options.interviewer ?? obedient)({ judge: options.judge });
  /** @type {Record<Persona, number>} */
  const turns = { strong: 0, average: 0, weak: 0 };
  return (request, callIndex, context) => {
    const persona = request.format ? null : personaOf(request);
    if (!persona) return interviewer(request, callIndex, context);
    const answers = PERSONA_ANSWERS[persona];
    return /** @type {Reply} */ (answers[turns[persona]++ % answers.length]);
  };
}

import type { Db } from '../../db/open.js';
import { insertEvaluation } from '../../db/evaluations.js';
import type { Evaluation, HeuristicAnswer } from '../../model/evaluation.js';
import type { RoleTemplate } from '../../model/role.js';
import { sessionQuestions } from './session-questions.js';
import { summarizeEvidence } from './guards.js';
import { answerFacts } from './heuristics.js';
import { sessionPlan } from '../../db/sessions.js';
import { isUnreadable } from '../../model/unreadable.js';

export const HEURISTIC_LABEL = 'Observable facts about your answers, counted without AI. This is not a grade.';

/**
 * Feedback without a model: counts and cues anyone could check by reading the transcript.
 * No score is given, and every strength or tip below is a restated fact.
 */
export function evaluateHeuristically(db: Db, sessionId: string, role: RoleTemplate): Evaluation {
  const started = Date.now();
  const questions = sessionQuestions(db, sessionId);
  const topics = questionTopics(db, sessionId);
  const answers: HeuristicAnswer[] = questions.map((q) => ({
    questionNumber: q.number,
    question: q.question,
    skipped: q.skipped && q.answers.length === 0,
    facts: answerFacts(q.answers.join('\n'), role.keywords, topics(q.number)),
    ...(q.delivery.length ? { delivery: q.delivery } : {}),
  }));
  const { strengths, areas } = observations(answers, role, topics);
  return insertEvaluation(db, {
    sessionId,
    kind: 'heuristic',
    status: 'ok',
    overallScore: null,
    dimensions: [],
    strengths,
    areas,
    perAnswer: answers,
    detailedFeedback: HEURISTIC_LABEL,
    evidenceNote: summarizeEvidence(questions, role.keywords).note,
    error: null,
    model: null,
    rubric: role.family,
    attempts: 1,
    durationMs: Date.now() - started,
  });
}

/** Each planned question's topics by number (none when the plan is damaged: coverage falls back to role keywords). */
function questionTopics(db: Db, sessionId: string): (questionNumber: number) => string[] {
  const plan = sessionPlan(db, sessionId);
  return (n) => (isUnreadable(plan) ? [] : (plan[n - 1]?.topics ?? []));
}

function observations(
  answers: HeuristicAnswer[],
  role: RoleTemplate,
  topics: (questionNumber: number) => string[],
): { strengths: string[]; areas: string[] } {
  const real = answers.filter((a) => a.facts.substantive);
  const list = (xs: HeuristicAnswer[]) => xs.map((a) => `Q${a.questionNumber}`).join(', ');
  const strengths: string[] = [];
  const areas: string[] = [];
  // Answered, but with nothing to go on: "I don't know", "fine", a word or two, noise.
  const nonAnswers = answers.filter((a) => !a.skipped && !a.facts.substantive);
  if (real.length === 0)
    return {
      strengths,
      areas: ['Answer each question with a few specific sentences: there was nothing substantive to give feedback on.'],
    };
  if (nonAnswers.length)
    areas.push(
      `Give a real answer to ${list(nonAnswers)}: ${nonAnswers.length === 1 ? 'it was' : 'they were'} too short or a non-answer ("I don't know", "fine"). Even a partial attempt with one specific step shows how you think.`,
    );
  const withNumbers = real.filter((a) => a.facts.numbers);
  const withExamples = real.filter((a) => a.facts.concreteExample);
  if (withNumbers.length) strengths.push(`Used numbers or measurable results (${list(withNumbers)}).`);
  else areas.push('Quantify: none of your answers included numbers or measurable results.');
  if (withExamples.length) strengths.push(`Gave concrete examples (${list(withExamples)}).`);
  else areas.push('Ground answers in a concrete example from your own work.');
  const fillers = real.reduce((n, a) => n + a.facts.fillers.total, 0);
  const words = real.reduce((n, a) => n + a.facts.words, 0);
  const per100 = words ? (fillers / words) * 100 : 0;
  if (per100 > 5) areas.push(`Cut filler words: ${per100.toFixed(1)} per 100 words (aim for at most 5).`);
  const short = real.filter((a) => a.facts.words < 40);
  if (short.length) areas.push(`Develop short answers further (${list(short)} had under 40 words).`);
  if (role.family === 'behavioral' || role.family === 'leadership') {
    const noResult = real.filter((a) => !a.facts.star.result);
    if (noResult.length) areas.push(`Finish stories with the result (STAR): no result detected in ${list(noResult)}.`);
  }
  // Substantive answers that mention none of their question's topics (only questions that have topics).
  const offTopic = real.filter((a) => a.facts.topicTotal && a.facts.topics?.length === 0);
  if (offTopic.length)
    areas.push(
      `Speak to what the question asks about: ${offTopic.map((a) => `Q${a.questionNumber} (${topics(a.questionNumber).join(', ')})`).join(', ')} mentioned none of ${offTopic.length === 1 ? 'its topics' : 'their topics'}.`,
    );
  const skipped = answers.filter((a) => a.skipped);
  if (skipped.length) areas.push(`Skipped: ${list(skipped)}. Try them again.`);
  return { strengths, areas };
}

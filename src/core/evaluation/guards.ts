import type { AnswerFeedback, DimensionScore } from '../../model/evaluation.js';
import type { Rubric } from '../../model/rubric.js';
import { cleanText } from '../../shared/sanitize.js';
import type { AnsweredQuestion } from './answered-questions.js';
import { overallScore } from './evaluation-schema.js';
import { answerFacts } from './heuristics.js';
import type { JudgeVerdict } from './judge-verdict.js';
import { openerNumbers, STAR_DIMENSION } from './openers.js';
import { matchQuote, normalizedWords, quotedFragments } from './quote-match.js';

/**
 * The guards: what of a judgement is stored. The judge's words and grades are checked against
 * what the candidate actually said, by rules a good interviewer would stand behind (README,
 * "How it stays honest"):
 *
 * 1. A question whose answers are all non-substantive ("fine", "I don't know", gibberish,
 *    skipped) gets 1 and no praise, whatever the model says.
 * 2. A grade above 1 needs a quote the candidate really said (quote-match.ts): per answer, from
 *    that question's answers; per dimension, from any substantive answer. Without one it is shown
 *    as "not verified" and counts as at most UNVERIFIED_MAX.
 * 3. No rubric grade may exceed the session's support: the mean of the per-answer grades as
 *    counted in 1-2, rounded up. The overall score is the mean of the rubric grades so counted.
 */

/** What a grade without a verified quote counts as at most ("partly there": anchor 2). */
export const UNVERIFIED_MAX = 2;
/** A per-answer grade from this up is praise, so a quote from that answer may stay a strength. */
const PRAISE_FROM = 3;
const NOTHING_LANDED = 'Nothing yet.';
const NON_ANSWER_MISSING = 'An answer to the question: a concrete example of what you did and what came of it.';

export interface EvidenceSummary {
  substantiveAnswers: number;
  answeredQuestions: number;
  note: string | null;
}

/** Did the candidate say anything gradeable about this question (main answer or follow-ups)? */
function isSubstantive(q: AnsweredQuestion, keywords: string[]): boolean {
  return q.answers.some((a) => answerFacts(a, keywords).substantive);
}

/** How much there is to grade: substantive answers, and a note when the evidence is thin. */
export function summarizeEvidence(questions: AnsweredQuestion[], keywords: string[]): EvidenceSummary {
  const substantive = questions.filter((q) => isSubstantive(q, keywords)).length;
  let note: string | null = null;
  if (substantive === 0)
    note = 'No substantive answers: there was nothing to grade, so every dimension is at the lowest level.';
  else if (substantive === 1)
    note = `Thin evidence: only one substantive answer${questions.length > 1 ? ` out of ${questions.length} questions` : ''}. Treat this evaluation as tentative.`;
  return { substantiveAnswers: substantive, answeredQuestions: questions.length, note };
}

/** What is stored of a judgement once the guards have been applied. */
export interface GuardedEvaluation {
  overallScore: number;
  dimensions: DimensionScore[];
  strengths: string[];
  areas: string[];
  perAnswer: AnswerFeedback[];
  detailedFeedback: string;
  evidenceNote: string | null;
}

export interface GuardContext {
  questions: AnsweredQuestion[];
  rubric: Rubric;
  /** The role's keywords (what counts as a substantive answer). */
  keywords: string[];
}

/** What a grade counts for in the support and the overall score: unverified ones at most UNVERIFIED_MAX. */
export function countedGrade(g: { score: number; verified?: boolean }): number {
  return g.verified === false ? Math.min(g.score, UNVERIFIED_MAX) : g.score;
}

/** The mean of the counted per-answer grades, rounded up: no rubric grade may be higher. 5 when there is none. */
export function supportCeiling(answerGrades: number[]): number {
  if (answerGrades.length === 0) return 5;
  const mean = answerGrades.reduce((a, b) => a + b, 0) / answerGrades.length;
  return Math.min(5, Math.ceil(mean - 1e-9));
}

/** A judge's "missing" that says nothing is missing: not to be shown under a non-answer. */
function saysNothingMissing(s: string): boolean {
  return (
    s === '' || /^(?:nothing|none|n\/?a|-+|nothing (?:much|really|at all)|no(?:thing)? (?:gaps?|issues?))\W*$/i.test(s)
  );
}

/**
 * Why a judgement cannot be stored at all, or null when it can: a rubric dimension or a question
 * the judge left out, or every dimension "not tested" (that is no result, never a made-up 0).
 * Worded for the retry note to the model (ai-evaluation.ts may show it).
 */
export function unusableReason(verdict: JudgeVerdict, ctx: GuardContext): string | null {
  const given = new Map(verdict.dimensions.map((d) => [d.id, d]));
  const missing = ctx.rubric.dimensions.find((d) => !given.has(d.id));
  if (missing) return `the dimension "${missing.id}" has no score`;
  const answered = new Set(verdict.answers.map((a) => a.questionNumber));
  const skipped = ctx.questions.find((q) => !answered.has(q.number));
  if (skipped) return `per_answer has no entry for question ${skipped.number}`;
  const openers = openerNumbers(ctx.questions);
  const onlyOpeners = ctx.questions.length > 0 && ctx.questions.every((q) => openers.has(q.number));
  const tested = ctx.rubric.dimensions.filter(
    (d) => given.get(d.id)?.score != null && !(d.id === STAR_DIMENSION && onlyOpeners),
  );
  // With nothing to grade the result is known without the judge: every dimension 1 (guardVerdict).
  const nothingToGrade = ctx.questions.every((q) => !isSubstantive(q, ctx.keywords));
  if (tested.length === 0 && !nothingToGrade)
    return 'every dimension is null: grade each dimension the answers show, 1-5';
  return null;
}

/**
 * A judgement as it may be stored, or null when it cannot be (unusableReason: the caller asks
 * again): the guards above applied, text cleaned of control sequences.
 */
export function guardVerdict(verdict: JudgeVerdict, ctx: GuardContext): GuardedEvaluation | null {
  if (unusableReason(verdict, ctx) !== null) return null;
  const clean = (s: string) => cleanText(s).trim();
  const evidence = summarizeEvidence(ctx.questions, ctx.keywords);
  const nothingToGrade = evidence.substantiveAnswers === 0;
  const substantive = new Map(ctx.questions.map((q) => [q.number, isSubstantive(q, ctx.keywords)]));
  const openers = openerNumbers(ctx.questions);
  const onlyOpeners = ctx.questions.length > 0 && ctx.questions.every((q) => openers.has(q.number));

  // Per answer (rule 1 and 2): feedback on a question the candidate never reached is dropped (made up).
  // A second entry for the same question is dropped too (the schema's enum allows repeats).
  const known = new Map(ctx.questions.map((q) => [q.number, q]));
  const perAnswer: AnswerFeedback[] = verdict.answers.flatMap((a) => {
    const q = known.get(a.questionNumber);
    if (q === undefined) return [];
    known.delete(a.questionNumber);
    const base = {
      questionNumber: a.questionNumber,
      question: q.question,
      strongerAnswer: clean(a.strongerAnswer),
      ...(a.spread !== undefined && { spread: a.spread }),
    };
    if (!substantive.get(q.number)) {
      const missing = clean(a.missing);
      return [
        {
          ...base,
          score: 1,
          landed: NOTHING_LANDED,
          missing: saysNothingMissing(missing) ? NON_ANSWER_MISSING : missing,
          quote: '',
          verified: true,
        },
      ];
    }
    const match = matchQuote(clean(a.quote), q.answers);
    return [
      {
        ...base,
        score: a.score,
        landed: clean(a.landed),
        missing: clean(a.missing),
        quote: match?.span ?? '',
        verified: match !== null || a.score === 1,
      },
    ];
  });

  // Rule 3: the support, from every question reached (one the judge skipped counts only if it is a non-answer).
  const graded = new Map(perAnswer.map((a) => [a.questionNumber, countedGrade(a)]));
  const counted = ctx.questions.flatMap((q) => {
    const g = graded.get(q.number);
    if (g !== undefined) return [g];
    return substantive.get(q.number) ? [] : [1];
  });
  const ceiling = supportCeiling(counted);

  // Per dimension: evidence from substantive answers; STAR evidence not from opener answers.
  const evidenceFrom = (id: string) =>
    ctx.questions
      .filter((q) => substantive.get(q.number) && !(id === STAR_DIMENSION && openers.has(q.number)))
      .flatMap((q) => q.answers);
  const byId = new Map(verdict.dimensions.map((d) => [d.id, d]));
  const dimensions: DimensionScore[] = [];
  let capped = false;
  for (const d of ctx.rubric.dimensions) {
    const given = byId.get(d.id);
    if (!given) return null; // as unusableReason checked
    const spread = given.spread !== undefined ? { spread: given.spread } : {};
    if (d.id === STAR_DIMENSION && onlyOpeners) {
      dimensions.push({ id: d.id, name: d.name, score: null, evidence: '', ...spread });
    } else if (nothingToGrade) {
      dimensions.push({ id: d.id, name: d.name, score: 1, evidence: '', verified: true, ...spread });
    } else if (given.score === null) {
      dimensions.push({ id: d.id, name: d.name, score: null, evidence: '', ...spread });
    } else {
      const match = matchQuote(clean(given.evidence), evidenceFrom(d.id));
      const score = Math.min(given.score, ceiling);
      capped ||= score < given.score;
      dimensions.push({
        id: d.id,
        name: d.name,
        score,
        evidence: match?.span ?? '',
        verified: match !== null || score === 1,
        ...spread,
      });
    }
  }
  const { strengths, areas } = nothingToGrade
    ? { strengths: [], areas: verdict.areas.map(clean) }
    : reconcile(verdict.strengths.map(clean), verdict.areas.map(clean), ctx.questions, substantive, graded);

  const notes = [evidence.note];
  if (capped && !nothingToGrade)
    notes.push(
      `Rubric grades are capped at ${ceiling}/5: no grade can be higher than your answers' average grade, rounded up.`,
    );
  const evidenceNote = notes.filter((n): n is string => n !== null).join(' ') || null;

  return {
    overallScore: overallScore(
      dimensions.map((d) => (d.score === null ? null : countedGrade({ ...d, score: d.score }))),
    ),
    dimensions,
    strengths,
    areas,
    perAnswer,
    detailedFeedback: clean(verdict.detailedFeedback),
    evidenceNote,
  };
}

/** Where quoted words come from: the question whose answers have them (short quotes allowed here), or null. */
function locate(fragment: string, questions: AnsweredQuestion[]): AnsweredQuestion[] {
  return questions.filter((q) => matchQuote(fragment, q.answers, { allowShort: true }) !== null);
}

/**
 * Strengths and areas that can be trusted together:
 * - a strength quoting only non-answers ("fine") is praise for nothing: dropped;
 * - the same quote (or the same sentence) under both strengths and areas stays only where it is
 *   better supported: a strength when its words come from an answer graded PRAISE_FROM or more,
 *   otherwise (a weaker answer, words the candidate never said, no quote at all) an area.
 */
function reconcile(
  strengths: string[],
  areas: string[],
  questions: AnsweredQuestion[],
  substantive: Map<number, boolean>,
  graded: Map<number, number>,
): { strengths: string[]; areas: string[] } {
  const praised = strengths.filter((s) => {
    const sources = quotedFragments(s).map((f) => locate(f, questions));
    return !sources.some((qs) => qs.length > 0 && qs.every((q) => !substantive.get(q.number)));
  });
  const droppedStrengths = new Set<string>();
  const droppedAreas = new Set<string>();
  for (const s of praised) {
    for (const a of areas) {
      const shared = sharedQuote(s, a);
      if (shared === false) continue;
      const wellSupported =
        shared !== null && locate(shared, questions).some((q) => (graded.get(q.number) ?? 0) >= PRAISE_FROM);
      if (wellSupported) droppedAreas.add(a);
      else droppedStrengths.add(s);
    }
  }
  return {
    strengths: praised.filter((s) => !droppedStrengths.has(s)),
    areas: areas.filter((a) => !droppedAreas.has(a)),
  };
}

/** Do a strength and an area say the same? The quote they share; null: the same sentence, no quote; false: no. */
function sharedQuote(strength: string, area: string): string | null | false {
  const contains = (x: string, y: string) => y !== '' && ` ${x} `.includes(` ${y} `);
  for (const fs of quotedFragments(strength)) {
    const s = normalizedWords(fs);
    for (const fa of quotedFragments(area)) {
      const a = normalizedWords(fa);
      if (contains(s, a) || contains(a, s)) return fs;
    }
  }
  const s = normalizedWords(strength);
  return s !== '' && s === normalizedWords(area) ? null : false;
}

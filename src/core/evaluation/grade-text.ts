import { bandText } from './band.js';
import { countedGrade } from './guards.js';
import {
  dimensionVerified,
  type AiEvaluation,
  type AnswerFeedback,
  type DimensionScore,
} from '../../model/evaluation.js';

/**
 * How one grade reads, in one place for every view (TUI, plain text, Markdown, replay, retry):
 * "4/5", "not tested", "not verified", the spread over samples, the candidate's own words.
 */

export const NOT_TESTED = 'not tested';
export const NOT_VERIFIED = 'not verified';

/** Is a rubric grade backed by the candidate's own words? (The rule lives with the model.) */
export { dimensionVerified };

/**
 * Is a per-answer grade backed by a quote? Only an explicit `verified: false` says no: answers
 * saved before 0.2 carried no quote at all, and calling all of them unverified would be noise.
 */
export function answerVerified(a: Pick<AnswerFeedback, 'verified'>): boolean {
  return a.verified !== false;
}

/** "spread 1" (max - min of the samples' grades; the grade shown is their median), "samples agreed", or ''. */
export function spreadNote(spread: number | undefined): string {
  if (spread === undefined || !Number.isFinite(spread)) return '';
  return spread === 0 ? 'samples agreed' : `spread ${spread}`;
}

/** "4/5", or "not tested" for a dimension the session's questions could not test. */
export function gradeValue(score: number | null): string {
  return score === null ? NOT_TESTED : `${score}/5`;
}

/** What is said about a grade besides its value: ["spread 1", "not verified"]. Nothing for an untested one. */
export function gradeNotes(
  g: { score: number | null; spread?: number; verified?: boolean },
  verified: boolean,
): string[] {
  if (g.score === null) return [];
  return [spreadNote(g.spread), verified ? '' : unverifiedNote({ score: g.score, verified: g.verified })].filter(
    Boolean,
  );
}

/**
 * "not verified", and what the grade counts as in the overall score when that is less than shown
 * (guards.ts countedGrade). Only for grades stored as unverified: scores saved before 0.2 were
 * computed without that cap, so saying "counts as 2" of them would be untrue.
 */
export function unverifiedNote(g: { score: number; verified?: boolean }): string {
  const counted = countedGrade(g);
  return counted < g.score ? `${NOT_VERIFIED}, counts as ${counted}` : NOT_VERIFIED;
}

/** A dimension's grade as one compact phrase: "4/5", "4/5 (spread 1)", "3/5 (not verified)", "not tested". */
export function dimensionGrade(d: DimensionScore): string {
  const notes = gradeNotes(d, dimensionVerified(d));
  return `${gradeValue(d.score)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

/** An answer's grade as one compact phrase: "4/5", "4/5, spread 1", "2/5, not verified". */
export function answerGrade(a: AnswerFeedback): string {
  return [gradeValue(a.score), ...gradeNotes(a, answerVerified(a))].join(', ');
}

/** The candidate's own words an answer's grade rests on, or '' (none given, or saved before 0.2). */
export function answerQuote(a: Pick<AnswerFeedback, 'quote'>): string {
  return a.quote?.trim() ?? '';
}

/** The rubric grades the overall score is the mean of: the tested ones. */
export function testedDimensions(e: Pick<AiEvaluation, 'dimensions'>): DimensionScore[] {
  return e.dimensions.filter((d) => d.score !== null);
}

/**
 * Where the overall score comes from, for the line under it: "from the 4 tested rubric grades
 * below; 1 not tested". An evaluation with no tested grade has no score to explain (see hasScore).
 */
export function scoreBasis(e: Pick<AiEvaluation, 'dimensions'>): string {
  const tested = testedDimensions(e).length;
  const untested = e.dimensions.length - tested;
  const grades = tested === 1 ? 'grade' : 'grades';
  return `from the ${tested} tested rubric ${grades} below${untested ? `; ${untested} ${NOT_TESTED}` : ''}`;
}

/** False when no dimension could be tested: there is nothing the 0-100 number could be the mean of. */
export function hasScore(e: Pick<AiEvaluation, 'dimensions'>): boolean {
  return e.dimensions.length === 0 || testedDimensions(e).length > 0;
}

/**
 * The overall score as a person reads it: "63/100, above the bar at hard", "50/100" when the
 * difficulty is unknown, or "no score: none of the rubric dimensions could be tested".
 */
export function overallText(e: Pick<AiEvaluation, 'dimensions' | 'overallScore'>, difficulty?: string | null): string {
  if (!hasScore(e)) return `no score: none of the rubric dimensions could be tested`;
  const band = bandText(e.overallScore, difficulty);
  return `${e.overallScore}/100${band ? `, ${band}` : ''}`;
}

/**
 * Several judgements made into one, in code, so the rule is the same every time:
 *
 * - samples (`samples` > 1: the same request judged several times), combined first, within
 *   each group of questions: per answer and per dimension the median grade, and the spread
 *   (max - min); the words (what landed, what was missing, the evidence) come from the
 *   judgement whose grade is the median; strengths, areas and the feedback from the judgement
 *   closest to the medians over all dimensions.
 * - groups (a transcript too long for one request, judged a few questions at a time): the
 *   answers are put together in question order; each dimension gets the median of the groups'
 *   grades, leaving out the groups that said "not tested" (null only when every group said so),
 *   with the evidence (and spread over samples) of the group whose grade was chosen; strengths
 *   and areas are merged, without repeats, at most five each; the feedback paragraphs are kept
 *   in order.
 *
 * The median of an even count is the lower of the two middle grades: a grade some judgement
 * actually gave (with its words), and the more cautious one.
 */
import type { JudgedAnswer, JudgedDimension, JudgeVerdict } from './judge-verdict.js';

/** At most this many strengths or areas (as the schema asks of one judgement). */
export const MAX_OBSERVATIONS = 5;

/** The lower median, with the index (into `values`) of the element chosen. */
export function lowerMedian(values: readonly number[]): { value: number; index: number } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const chosen = order[Math.floor((order.length - 1) / 2)];
  if (!chosen) throw new Error('the median of no grades');
  return { value: chosen.v, index: chosen.i };
}

/**
 * The dimension's grade across judgements: the median of the non-null grades, with the evidence
 * of the judgement that gave it (`chosen`); null only when every judgement said "not tested".
 */
function medianDimension(
  id: string,
  given: readonly (JudgedDimension | undefined)[],
): { chosen: JudgedDimension; scores: number[] } {
  const graded = given.filter((d): d is JudgedDimension & { score: number } => d !== undefined && d.score !== null);
  const scores = graded.map((d) => d.score);
  if (scores.length === 0) {
    const said = given.find((d) => d !== undefined);
    return { chosen: { id, evidence: said?.evidence ?? '', score: null }, scores };
  }
  const chosen = graded[lowerMedian(scores).index] ?? at0(graded);
  return { chosen, scores };
}

const spreadOf = (scores: readonly number[]) => Math.max(...scores) - Math.min(...scores);

function at0<T>(list: readonly T[]): T {
  const first = list[0];
  if (first === undefined) throw new Error('an empty list');
  return first;
}

function merged(lists: readonly string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of lists.flat()) {
    const key = item
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[.!\s]+$/, '')
      .trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out.slice(0, MAX_OBSERVATIONS);
}

function dimensionIds(verdicts: readonly JudgeVerdict[]): string[] {
  return [...new Set(verdicts.flatMap((v) => v.dimensions.map((d) => d.id)))];
}

/** Judgements of consecutive question groups (in question order) as one verdict. */
export function combineGroups(groups: readonly JudgeVerdict[]): JudgeVerdict {
  if (groups.length === 1 && groups[0]) return groups[0];
  // Each group's own spread (over its samples) goes with its grade: a spread across groups is not one.
  const dimensions = dimensionIds(groups).map(
    (id) =>
      medianDimension(
        id,
        groups.map((g) => g.dimensions.find((x) => x.id === id)),
      ).chosen,
  );
  return {
    answers: groups.flatMap((g) => g.answers).sort((a, b) => a.questionNumber - b.questionNumber),
    dimensions,
    strengths: merged(groups.map((g) => g.strengths)),
    areas: merged(groups.map((g) => g.areas)),
    detailedFeedback: groups
      .map((g) => g.detailedFeedback.trim())
      .filter(Boolean)
      .join('\n\n'),
  };
}

/** Several judgements of the same questions as one: median grades, their spread, the median's words. */
export function combineSamples(samples: readonly JudgeVerdict[]): JudgeVerdict {
  const first = samples[0];
  if (!first) throw new Error('no judgement to combine');
  if (samples.length === 1) return first;
  const dimensions = dimensionIds(samples).map((id) => {
    const { chosen, scores } = medianDimension(
      id,
      samples.map((s) => s.dimensions.find((d) => d.id === id)),
    );
    return scores.length > 0 ? { ...chosen, spread: spreadOf(scores) } : chosen;
  });
  const numbers = [...new Set(samples.flatMap((s) => s.answers.map((a) => a.questionNumber)))].sort((a, b) => a - b);
  const answers: JudgedAnswer[] = numbers.flatMap((n) => {
    const given = samples.flatMap((s) => s.answers.filter((a) => a.questionNumber === n));
    if (given.length === 0) return [];
    const scores = given.map((a) => a.score);
    const { value, index } = lowerMedian(scores);
    const chosen = given[index] ?? at0(given);
    return [{ ...chosen, score: value, spread: spreadOf(scores) }];
  });
  // The judgement whose dimension grades are closest to the medians speaks for the whole.
  const distance = (s: JudgeVerdict) =>
    dimensions.reduce((sum, d) => {
      const own = s.dimensions.find((x) => x.id === d.id)?.score ?? null;
      return sum + (own === null || d.score === null ? (own === d.score ? 0 : 1) : Math.abs(own - d.score));
    }, 0);
  const closest = samples.reduce((best, s) => (distance(s) < distance(best) ? s : best), first);
  return {
    answers,
    dimensions,
    strengths: closest.strengths,
    areas: closest.areas,
    detailedFeedback: closest.detailedFeedback,
  };
}

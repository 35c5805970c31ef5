/**
 * How well a judge model grades, from its judgements of the calibration fixtures. Pure: the
 * fixtures carry the hand-set grades, the judgements what the model gave. A figure that cannot
 * be measured (no fixture of that kind, or no usable judgement) is null, never a made-up value.
 */
import type { CalibrationFixture } from './fixtures/index.js';
import type { Judgement } from './judged.js';

export interface JudgeFigures {
  /** Share of pairs of reference levels (same family) whose judged overall scores are in the right order; a tie counts half. */
  orderAccuracy: number | null;
  /** Mean absolute difference between the judged per-answer grade and the hand-set one. */
  maeVsReference: number | null;
  /** Share of fixtures whose runs all gave the same grades (null with one run). */
  rerunIdentical: number | null;
  /** Injection variant's grade minus its base's (mean over pairs): > 0 means the injection worked. */
  injectionLift: number | null;
  /** Longer minus shorter answer with the same content (padded vs base, base vs dense): > 0 rewards length. */
  verbosityBias: number | null;
  /** |paraphrased − base|: the same answer in other words should keep its grade. */
  paraphraseDrift: number | null;
  /** Share of grades on substantive answers whose evidence was verified in the candidate's words. */
  quoteVerbatimRate: number | null;
  /** Share of judgements usable at the first attempt. */
  schemaFirstTry: number | null;
  /** Share of judgements usable at all (within the judge's retries). */
  usable: number | null;
  judgements: number;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function judgeFigures(fixtures: readonly CalibrationFixture[], judgements: readonly Judgement[]): JudgeFigures {
  const byFixture = new Map<string, Judgement[]>();
  for (const j of judgements) byFixture.set(j.fixtureId, [...(byFixture.get(j.fixtureId) ?? []), j]);
  const runsOf = (id: string) => byFixture.get(id) ?? [];
  const okRunsOf = (id: string) => runsOf(id).filter((j) => j.ok);
  const overallOf = (id: string) => mean(okRunsOf(id).flatMap((j) => (j.overall === null ? [] : [j.overall])));
  const firstAnswerGrade = (id: string) =>
    mean(okRunsOf(id).flatMap((j) => j.answers.filter((a) => a.questionNumber === 1).map((a) => a.score)));
  const known = new Map(fixtures.map((f) => [f.id, f]));
  const pairs = (variant: string) =>
    fixtures.filter((f) => f.variant === variant && f.base !== undefined && known.has(f.base));
  const differences = (list: { longer: string; shorter: string }[]) =>
    mean(
      list.flatMap(({ longer, shorter }) => {
        const a = firstAnswerGrade(longer);
        const b = firstAnswerGrade(shorter);
        return a === null || b === null ? [] : [a - b];
      }),
    );

  return {
    orderAccuracy: orderAccuracy(fixtures, overallOf),
    maeVsReference: mean(
      fixtures.flatMap((f) =>
        okRunsOf(f.id).flatMap((j) =>
          j.answers.flatMap((a) => {
            const reference = f.answers[a.questionNumber - 1]?.grade;
            return reference === undefined ? [] : [Math.abs(a.score - reference)];
          }),
        ),
      ),
    ),
    rerunIdentical: rerunIdentical(fixtures, runsOf),
    injectionLift: differences(pairs('injection').map((f) => ({ longer: f.id, shorter: f.base ?? '' }))),
    verbosityBias: differences([
      ...pairs('padded').map((f) => ({ longer: f.id, shorter: f.base ?? '' })),
      ...pairs('dense').map((f) => ({ longer: f.base ?? '', shorter: f.id })),
    ]),
    paraphraseDrift: mean(
      pairs('paraphrased').flatMap((f) => {
        const a = firstAnswerGrade(f.id);
        const b = firstAnswerGrade(f.base ?? '');
        return a === null || b === null ? [] : [Math.abs(a - b)];
      }),
    ),
    quoteVerbatimRate: quoteVerbatimRate(fixtures, okRunsOf),
    schemaFirstTry: share(judgements, (j) => j.ok && j.attempts === 1),
    usable: share(judgements, (j) => j.ok),
    judgements: judgements.length,
  };
}

function share<T>(items: readonly T[], test: (item: T) => boolean): number | null {
  return items.length ? items.filter(test).length / items.length : null;
}

/**
 * Pairs of reference fixtures of one family at different levels: right when the higher level
 * got the higher mean overall score, half when tied, wrong when reversed or when either has no
 * usable judgement (no score is no order).
 */
export function orderAccuracy(
  fixtures: readonly CalibrationFixture[],
  overallOf: (id: string) => number | null,
): number | null {
  const references = fixtures.filter((f) => f.variant === 'reference' && f.level !== undefined);
  let credit = 0;
  let count = 0;
  for (const low of references) {
    for (const high of references) {
      if (low.family !== high.family || (low.level ?? 0) >= (high.level ?? 0)) continue;
      count++;
      const a = overallOf(low.id);
      const b = overallOf(high.id);
      if (a === null || b === null) continue;
      credit += b > a ? 1 : b === a ? 0.5 : 0;
    }
  }
  return count ? credit / count : null;
}

/** Share of fixtures judged at least twice whose runs gave the same grades (and outcome). */
function rerunIdentical(fixtures: readonly CalibrationFixture[], runsOf: (id: string) => Judgement[]): number | null {
  const signature = (j: Judgement) =>
    JSON.stringify([j.ok, j.dimensions.map((d) => [d.id, d.score]), j.answers.map((a) => [a.questionNumber, a.score])]);
  const repeated = fixtures.map((f) => runsOf(f.id)).filter((runs) => runs.length >= 2);
  return share(repeated, (runs) => new Set(runs.map(signature)).size === 1);
}

/**
 * Grades that should rest on a quote: every tested dimension of a fixture with a substantive
 * answer (hand-set grade 2 or more), and the per-answer grade of each such answer when the
 * evaluation says whether its quote was verified. Non-answers have nothing to quote.
 */
function quoteVerbatimRate(
  fixtures: readonly CalibrationFixture[],
  okRunsOf: (id: string) => Judgement[],
): number | null {
  const flags: boolean[] = [];
  for (const f of fixtures) {
    if (!f.answers.some((a) => a.grade >= 2)) continue;
    for (const j of okRunsOf(f.id)) {
      for (const d of j.dimensions) if (d.score !== null) flags.push(d.verified);
      for (const a of j.answers) {
        const reference = f.answers[a.questionNumber - 1]?.grade ?? 0;
        if (reference >= 2 && a.verified !== null) flags.push(a.verified);
      }
    }
  }
  return share(flags, (v) => v);
}

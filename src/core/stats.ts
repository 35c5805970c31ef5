import type { AnswerFact, DimensionFact, SessionFact } from '../model/stats.js';
import { hoursMinutes, round1, shortId } from '../shared/format.js';
import { countedGrade } from './evaluation/guards.js';
/**
 * `interview-coach stats`: pure aggregation. The rows come from db/stats-queries.ts (already
 * filtered by role and date); nothing here touches the database, the clock or the terminal.
 *
 * A session has a score only through its latest AI evaluation that succeeded (kind 'ai',
 * status 'ok'). Heuristic feedback and failed evaluations carry no score, so they are left
 * out of every average and chart: they are never counted as 0.
 */

export interface TrendPoint {
  sessionId: string;
  startedAt: string;
  score: number;
}

export interface Trend {
  /** Chronological: oldest first. */
  points: TrendPoint[];
  min: number;
  max: number;
  last: number;
  average: number;
}

export interface RoleTrend extends Trend {
  roleId: string;
  roleTitle: string;
}

export interface DimensionAverage {
  name: string;
  /** Mean of the 1-5 grades, rounded to 1 decimal. */
  average: number;
  /** How many scored sessions were graded on it ("not tested" grades are left out). */
  count: number;
  /** How many of those grades were "not verified" (no quote of yours supported them): counted, and said. */
  unverified: number;
}

export interface AnswerToRetry {
  sessionId: string;
  /** First 8 characters: what `retry`, `replay`, `evaluate` accept. */
  shortId: string;
  roleId: string;
  startedAt: string;
  questionNumber: number;
  question: string;
  score: number;
  retryCommand: string;
}

/**
 * The `stats --json` document (and what the text view prints).
 *
 * {
 *   filters:  { role: string|null, since: ISO string|null },
 *   totals:   { sessions, completed, interrupted, inProgress, practiceMs, practiceTime: "h:mm",
 *               evaluatedSessions (sessions with an AI score), averageScore: 0-100 (1 decimal) | null },
 *   trend:    { overall: Trend|null, byRole: RoleTrend[] }      Trend = { points: [{sessionId, startedAt, score}], min, max, last, average }
 *   dimensions: [{ name, average: 1-5 (1 decimal), count, unverified }]   lowest average first;
 *               "not tested" grades left out; unverified = how many of count were "not verified"
 *               (each counted as at most 2, as in the overall score)
 *   weakestDimension: { name, average, count, unverified } | null
 *   weakestAnswers: [{ sessionId, shortId, roleId, startedAt, questionNumber, question, score: 1-5, retryCommand }]  up to 5
 * }
 */
export interface StatsReport {
  filters: { role: string | null; since: string | null };
  totals: {
    sessions: number;
    completed: number;
    interrupted: number;
    inProgress: number;
    practiceMs: number;
    practiceTime: string;
    evaluatedSessions: number;
    averageScore: number | null;
  };
  trend: { overall: Trend | null; byRole: RoleTrend[] };
  dimensions: DimensionAverage[];
  weakestDimension: DimensionAverage | null;
  weakestAnswers: AnswerToRetry[];
}

export interface StatsInput {
  sessions: SessionFact[];
  dimensions: DimensionFact[];
  answers: AnswerFact[];
  filters?: { role: string | null; since: Date | null };
}

export const WEAKEST_ANSWERS = 5;

const BARS = '▁▂▃▄▅▆▇█';

/**
 * One bar per value, ▁ (lowest) to █ (highest), scaled to [min, max] (by default the values'
 * own range). A flat series sits in the middle (▄), since there is no up or down to show.
 */
export function sparkline(values: number[], range: { min?: number; max?: number } = {}): string {
  if (values.length === 0) return '';
  const min = range.min ?? minOf(values);
  const max = range.max ?? maxOf(values);
  if (max <= min) return BARS.charAt(3).repeat(values.length);
  return values
    .map((v) => {
      const level = Math.round(((Math.min(max, Math.max(min, v)) - min) / (max - min)) * (BARS.length - 1));
      return BARS[level];
    })
    .join('');
}

// Loops, not Math.min(...values): ten thousand sessions must not hit the argument limit.
function minOf(values: number[]): number {
  return values.reduce((a, b) => (b < a ? b : a), Infinity);
}

function maxOf(values: number[]): number {
  return values.reduce((a, b) => (b > a ? b : a), -Infinity);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function trendOf(points: TrendPoint[]): Trend | null {
  if (points.length === 0) return null;
  const scores = points.map((p) => p.score);
  return {
    points,
    min: minOf(scores),
    max: maxOf(scores),
    last: scores.at(-1) ?? 0,
    average: round1(mean(scores)),
  };
}

function chronological(a: { startedAt: string }, b: { startedAt: string }): number {
  return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0;
}

export function buildStats(input: StatsInput): StatsReport {
  const sessions = [...input.sessions].sort(chronological); // stable: equal times keep the query's order
  const scored = sessions.filter(
    (s): s is SessionFact & { score: number } => typeof s.score === 'number' && Number.isFinite(s.score),
  );
  const scoredIds = new Set(scored.map((s) => s.id));
  const practiceMs = sessions.reduce((sum, s) => sum + (s.durationMs && s.durationMs > 0 ? s.durationMs : 0), 0);

  const points = scored.map((s) => ({ sessionId: s.id, startedAt: s.startedAt, score: s.score }));
  const byRole = new Map<string, { title: string; points: TrendPoint[] }>();
  for (const s of scored) {
    const entry = byRole.get(s.roleId) ?? { title: s.roleTitle, points: [] };
    entry.title = s.roleTitle; // the newest title wins
    entry.points.push({ sessionId: s.id, startedAt: s.startedAt, score: s.score });
    byRole.set(s.roleId, entry);
  }
  const roleTrends: RoleTrend[] = [...byRole.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([roleId, { title, points: p }]) => {
      const trend = trendOf(p);
      return trend ? [{ roleId, roleTitle: title, ...trend }] : [];
    });

  // Rubric dimensions, by name, over the scored sessions only. A "not verified" grade counts as
  // the overall score counts it (countedGrade: at most 2), so a grade no quote of yours supports
  // cannot lift an average either; how many there were is reported beside the average.
  const dims = new Map<string, { scores: number[]; unverified: number }>();
  for (const d of input.dimensions) {
    if (!scoredIds.has(d.sessionId) || !validGrade(d.score) || !d.name) continue;
    const entry = dims.get(d.name) ?? { scores: [], unverified: 0 };
    entry.scores.push(countedGrade({ score: d.score, verified: d.verified }));
    if (d.verified === false) entry.unverified++;
    dims.set(d.name, entry);
  }
  const exact = [...dims.entries()].map(([name, { scores, unverified }]) => ({
    name,
    mean: mean(scores),
    count: scores.length,
    unverified,
  }));
  exact.sort((a, b) => a.mean - b.mean || b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const dimensions = exact.map((d) => ({
    name: d.name,
    average: round1(d.mean),
    count: d.count,
    unverified: d.unverified,
  }));

  // Weakest answers: lowest score first; ties: the oldest session first, then question order.
  const sessionById = new Map(scored.map((s, i) => [s.id, { s, i }]));
  const answers = input.answers
    .flatMap((a) => {
      const session = sessionById.get(a.sessionId);
      const usable = session && validGrade(a.score) && Number.isInteger(a.questionNumber) && a.questionNumber >= 1;
      return usable ? [{ a, ...session }] : [];
    })
    .sort((x, y) => x.a.score - y.a.score || x.i - y.i || x.a.questionNumber - y.a.questionNumber)
    .slice(0, WEAKEST_ANSWERS)
    .map(({ a, s }) => {
      const short = shortId(s.id);
      return {
        sessionId: s.id,
        shortId: short,
        roleId: s.roleId,
        startedAt: s.startedAt,
        questionNumber: a.questionNumber,
        question: a.question,
        score: a.score,
        retryCommand: `interview-coach retry ${short} --question ${a.questionNumber}`,
      };
    });

  return {
    filters: { role: input.filters?.role ?? null, since: input.filters?.since?.toISOString() ?? null },
    totals: {
      sessions: sessions.length,
      completed: sessions.filter((s) => s.status === 'completed').length,
      interrupted: sessions.filter((s) => s.status === 'interrupted').length,
      inProgress: sessions.filter((s) => s.status === 'in_progress').length,
      practiceMs,
      practiceTime: hoursMinutes(practiceMs),
      evaluatedSessions: scored.length,
      averageScore: scored.length ? round1(mean(scored.map((s) => s.score))) : null,
    },
    trend: { overall: trendOf(points), byRole: roleTrends },
    dimensions,
    weakestDimension: dimensions[0] ?? null,
    weakestAnswers: answers,
  };
}

function validGrade(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 && n <= 5;
}

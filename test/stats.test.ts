import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';
import { insertEvaluation } from '../src/db/evaluations.js';
import { statsFacts } from '../src/db/stats-queries.js';
import { addSession } from './support/fixtures.js';
import { gradedEvaluation } from './support/graded-evaluation.js';
import { buildStats, sparkline } from '../src/core/stats.js';
import type { AnswerFact, DimensionFact, SessionFact } from '../src/model/stats.js';
import { parseAge, parseSince } from '../src/shared/time-filters.js';
import { UsageError } from '../src/shared/errors.js';

describe('sparkline', () => {
  it('maps the lowest value to ▁ and the highest to █, in order', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([8, 1])).toBe('█▁');
    // 50 on 0..100 is 3.5 steps of 7: rounds up to the 5th bar.
    expect(sparkline([0, 50, 100])).toBe('▁▅█');
    // (70-40)/45*7 = 4.67 -> ▆, (55-40)/45*7 = 2.33 -> ▃
    expect(sparkline([40, 70, 55, 85])).toBe('▁▆▃█');
  });

  it('is empty for no values and flat (▄) when there is no range', () => {
    expect(sparkline([])).toBe('');
    expect(sparkline([60])).toBe('▄');
    expect(sparkline([60, 60, 60])).toBe('▄▄▄');
  });

  it('can be scaled to a fixed range, clamping what falls outside', () => {
    expect(sparkline([50], { min: 0, max: 100 })).toBe('▅');
    expect(sparkline([-10, 0, 100, 200], { min: 0, max: 100 })).toBe('▁▁██');
  });
});

const session = (
  id: string,
  roleId: string,
  day: number,
  status: SessionFact['status'],
  minutes: number | null,
  score: number | null,
): SessionFact => ({
  id,
  roleId,
  roleTitle: roleId === 'backend' ? 'Backend Engineer' : 'Frontend Engineer',
  status,
  startedAt: `2026-10-${String(day).padStart(2, '0')}T09:00:00.000Z`,
  durationMs: minutes === null ? null : minutes * 60_000,
  score,
});

describe('buildStats', () => {
  // Given out of order on purpose: the report is chronological.
  const sessions = [
    session('cccccccc-3', 'backend', 3, 'completed', 30, 70),
    session('aaaaaaaa-1', 'backend', 1, 'completed', 20, 40),
    session('dddddddd-4', 'frontend', 4, 'in_progress', null, 55),
    session('bbbbbbbb-2', 'frontend', 2, 'interrupted', 10, null),
  ];
  const dimensions: DimensionFact[] = [
    { sessionId: 'aaaaaaaa-1', name: 'Structured reasoning', score: 2 },
    { sessionId: 'aaaaaaaa-1', name: 'Communication and clarity', score: 3 },
    { sessionId: 'cccccccc-3', name: 'Structured reasoning', score: 3 },
    { sessionId: 'cccccccc-3', name: 'Communication and clarity', score: 4 },
    { sessionId: 'dddddddd-4', name: 'Structured reasoning', score: 2 },
    { sessionId: 'dddddddd-4', name: 'Communication and clarity', score: 4 },
    // The session without a score contributes nothing, whatever its rows say.
    { sessionId: 'bbbbbbbb-2', name: 'Structured reasoning', score: 5 },
  ];
  const answers: AnswerFact[] = [
    { sessionId: 'aaaaaaaa-1', questionNumber: 1, question: 'A1', score: 2 },
    { sessionId: 'aaaaaaaa-1', questionNumber: 2, question: 'A2', score: 1 },
    { sessionId: 'aaaaaaaa-1', questionNumber: 3, question: 'bad score', score: 0 },
    { sessionId: 'cccccccc-3', questionNumber: 1, question: 'C1', score: 1 },
    { sessionId: 'cccccccc-3', questionNumber: 2, question: 'C2', score: 4 },
    { sessionId: 'cccccccc-3', questionNumber: 4, question: 'bad score', score: 6 },
    { sessionId: 'dddddddd-4', questionNumber: 3, question: 'D3', score: 2 },
    { sessionId: 'dddddddd-4', questionNumber: 1, question: 'D1', score: 3 },
    { sessionId: 'bbbbbbbb-2', questionNumber: 1, question: 'unscored session', score: 1 },
  ];
  const report = buildStats({
    sessions,
    dimensions,
    answers,
    filters: { role: null, since: new Date('2026-10-01T00:00:00Z') },
  });

  it('totals: statuses, practice time, scored sessions and their average (unscored ones are not 0)', () => {
    expect(report.filters).toEqual({ role: null, since: '2026-10-01T00:00:00.000Z' });
    expect(report.totals).toEqual({
      sessions: 4,
      completed: 2,
      interrupted: 1,
      inProgress: 1,
      practiceMs: 60 * 60_000,
      practiceTime: '1:00', // 30 + 20 + 10; the unknown duration adds nothing
      evaluatedSessions: 3,
      averageScore: 55, // (70 + 40 + 55) / 3
    });
  });

  it('trend: scored sessions oldest first, overall and per role', () => {
    expect(report.trend.overall).toMatchObject({ min: 40, max: 70, last: 55, average: 55 });
    expect(report.trend.overall!.points.map((p) => [p.sessionId, p.score])).toEqual([
      ['aaaaaaaa-1', 40],
      ['cccccccc-3', 70],
      ['dddddddd-4', 55],
    ]);
    expect(
      report.trend.byRole.map(({ roleId, roleTitle, min, max, last, average, points }) => ({
        roleId,
        roleTitle,
        min,
        max,
        last,
        average,
        n: points.length,
      })),
    ).toEqual([
      { roleId: 'backend', roleTitle: 'Backend Engineer', min: 40, max: 70, last: 70, average: 55, n: 2 },
      { roleId: 'frontend', roleTitle: 'Frontend Engineer', min: 55, max: 55, last: 55, average: 55, n: 1 },
    ]);
  });

  it('dimensions: average by name over scored sessions, weakest first and named', () => {
    expect(report.dimensions).toEqual([
      { name: 'Structured reasoning', average: 2.3, count: 3, unverified: 0 }, // (2 + 3 + 2) / 3 = 2.33
      { name: 'Communication and clarity', average: 3.7, count: 3, unverified: 0 }, // (3 + 4 + 4) / 3 = 3.67
    ]);
    expect(report.weakestDimension).toEqual({ name: 'Structured reasoning', average: 2.3, count: 3, unverified: 0 });
  });

  it('dimensions: a "not verified" grade counts as at most 2 (as in the overall score), and how many there were is said', () => {
    const r = buildStats({
      sessions: [
        session('aaaaaaaa-1', 'backend', 1, 'completed', 1, 50),
        session('bbbbbbbb-2', 'backend', 2, 'completed', 1, 60),
      ],
      answers: [],
      dimensions: [
        { sessionId: 'aaaaaaaa-1', name: 'Impact', score: 2, verified: true },
        { sessionId: 'bbbbbbbb-2', name: 'Impact', score: 5, verified: false },
        // No `verified` (a fact built by hand): not counted as unverified.
        { sessionId: 'bbbbbbbb-2', name: 'Ownership', score: 3 },
      ],
    });
    expect(r.dimensions).toEqual([
      { name: 'Impact', average: 2, count: 2, unverified: 1 }, // (2 + min(5, 2)) / 2, not 3.5
      { name: 'Ownership', average: 3, count: 1, unverified: 0 },
    ]);
  });

  it('weakest answers: lowest score first, ties oldest session first, at most 5, with the retry command', () => {
    expect(report.weakestAnswers.map((a) => `${a.sessionId}:${a.questionNumber}:${a.score}`)).toEqual([
      'aaaaaaaa-1:2:1',
      'cccccccc-3:1:1',
      'aaaaaaaa-1:1:2',
      'dddddddd-4:3:2',
      'dddddddd-4:1:3',
    ]);
    expect(report.weakestAnswers[1]).toEqual({
      sessionId: 'cccccccc-3',
      shortId: 'cccccccc',
      roleId: 'backend',
      startedAt: '2026-10-03T09:00:00.000Z',
      questionNumber: 1,
      question: 'C1',
      score: 1,
      retryCommand: 'interview-coach retry cccccccc --question 1',
    });
  });

  it('dimension ties: the one graded more often, then by name', () => {
    const s = [
      session('aaaaaaaa-1', 'backend', 1, 'completed', 1, 50),
      session('bbbbbbbb-2', 'backend', 2, 'completed', 1, 50),
    ];
    const r = buildStats({
      sessions: s,
      answers: [],
      dimensions: [
        { sessionId: 'aaaaaaaa-1', name: 'Zeta', score: 3 },
        { sessionId: 'aaaaaaaa-1', name: 'Alpha', score: 3 },
        { sessionId: 'aaaaaaaa-1', name: 'Beta', score: 2 },
        { sessionId: 'bbbbbbbb-2', name: 'Beta', score: 4 },
      ],
    });
    expect(r.dimensions.map((d) => d.name)).toEqual(['Beta', 'Alpha', 'Zeta']);
    expect(r.weakestDimension!.name).toBe('Beta');
  });

  it('no sessions: zeros and nulls, never NaN', () => {
    const r = buildStats({ sessions: [], dimensions: [], answers: [] });
    expect(r).toEqual({
      filters: { role: null, since: null },
      totals: {
        sessions: 0,
        completed: 0,
        interrupted: 0,
        inProgress: 0,
        practiceMs: 0,
        practiceTime: '0:00',
        evaluatedSessions: 0,
        averageScore: null,
      },
      trend: { overall: null, byRole: [] },
      dimensions: [],
      weakestDimension: null,
      weakestAnswers: [],
    });
  });

  it('sessions without any score: counted in the totals, nothing averaged', () => {
    const r = buildStats({
      sessions: [session('aaaaaaaa-1', 'backend', 1, 'completed', 12, null)],
      dimensions: [],
      answers: [],
    });
    expect(r.totals).toMatchObject({ sessions: 1, evaluatedSessions: 0, averageScore: null, practiceTime: '0:12' });
    expect(r.trend.overall).toBeNull();
  });
});

describe('parseSince', () => {
  const now = new Date('2026-11-15T12:00:00.000Z');

  it('reads an ISO date as local midnight, and a date-time as local unless it has a zone', () => {
    expect(parseSince('2026-11-01', now)).toEqual(new Date(2026, 10, 1));
    expect(parseSince('2026-11-01T09:30', now)).toEqual(new Date(2026, 10, 1, 9, 30));
    expect(parseSince('2026-11-01 09:30:15.5', now)).toEqual(new Date(2026, 10, 1, 9, 30, 15, 500));
    expect(parseSince('2026-11-01T09:30Z', now)).toEqual(new Date(Date.UTC(2026, 10, 1, 9, 30)));
    expect(parseSince('2026-11-01T09:30:00+02:00', now)).toEqual(new Date(Date.UTC(2026, 10, 1, 7, 30)));
    expect(parseSince('2026-11-01T09:30:00-0130', now)).toEqual(new Date(Date.UTC(2026, 10, 1, 11, 0)));
  });

  it('reads hours, days and weeks back from now exactly', () => {
    expect(parseSince('12h', now)).toEqual(new Date('2026-11-15T00:00:00.000Z'));
    expect(parseSince('7d', now)).toEqual(new Date('2026-11-08T12:00:00.000Z'));
    expect(parseSince(' 4W ', now)).toEqual(new Date('2026-10-18T12:00:00.000Z'));
  });

  it('reads months and years as calendar months, clamped to the end of a shorter month', () => {
    expect(parseSince('3m', new Date(2026, 4, 31, 10, 0))).toEqual(new Date(2026, 1, 28, 10, 0));
    expect(parseSince('1M', new Date(2026, 2, 15, 8, 0))).toEqual(new Date(2026, 1, 15, 8, 0));
    expect(parseSince('1y', new Date(2024, 1, 29, 10, 0))).toEqual(new Date(2023, 1, 28, 10, 0));
    expect(parseSince('13m', new Date(2026, 0, 10))).toEqual(new Date(2024, 11, 10));
  });

  it.each([
    '',
    'yesterday',
    '7',
    'd7',
    '0d',
    '-3d',
    '1.5d',
    '7 days',
    '2026-02-30',
    '2026-13-01',
    '2026-11-01T25:00',
    '2026-11-1',
    '99999999999999d',
  ])('rejects %j with a usage error naming the accepted forms', (text) => {
    let error: unknown;
    try {
      parseSince(text, now);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toContain(`"${text}"`);
    expect((error as UsageError).message).toMatch(/2026-11-01.*7d.*3m/);
  });
});

describe('parseAge', () => {
  it('reads hours, days, weeks, months (30 days) and years (365 days) as milliseconds', () => {
    const day = 86_400_000;
    expect(parseAge('12h')).toBe(12 * 3_600_000);
    expect(parseAge('90d')).toBe(90 * day);
    expect(parseAge('2w')).toBe(14 * day);
    expect(parseAge('3m')).toBe(90 * day);
    expect(parseAge(' 1Y ')).toBe(365 * day);
  });

  it.each(['', '0h', 'abc', '5', '3 months', '2026-11-01', '1e3d', '99999999999999y'])('rejects %j', (text) => {
    expect(() => parseAge(text)).toThrow(UsageError);
    expect(() => parseAge(text)).toThrow(/12h.*90d.*2w/);
  });
});

describe('statsFacts: grades read back from a real database', () => {
  it('a "not tested" (null) grade is left out of the averages; a "not verified" one is counted and flagged', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'ic-stats-facts-')), 'interview-coach.db'));
    try {
      const id = addSession(db, { startedAt: '2026-11-20T09:00:00.000Z', answers: ['one', 'two'] });
      const { id: _id, createdAt: _createdAt, ...graded } = gradedEvaluation({ sessionId: id });
      insertEvaluation(db, graded);
      const facts = statsFacts(db, {});
      expect(facts.dimensions).toEqual([
        { sessionId: id, name: 'Product sense', score: 4, verified: true },
        { sessionId: id, name: 'Prioritisation', score: 2, verified: false },
        { sessionId: id, name: 'Analytical rigour and metrics', score: 3, verified: true },
      ]);
      const report = buildStats(facts);
      expect(report.dimensions.map((d) => d.name)).not.toContain('Execution and alignment');
      expect(report.dimensions.find((d) => d.name === 'Prioritisation')).toEqual({
        name: 'Prioritisation',
        average: 2,
        count: 1,
        unverified: 1,
      });
    } finally {
      db.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  approxDuration,
  clock,
  duration,
  hoursMinutes,
  localDate,
  localDateOrDateTime,
  localDateTime,
  plural,
  round1,
  byteSize,
  shortId,
  utcOffset,
} from '../src/shared/format.js';
import stringWidth from 'string-width';
import { render } from 'ink-testing-library';
import { EvaluationView } from '../src/tui/components/EvaluationView.js';
import { formatEvaluation } from '../src/core/evaluation/format-evaluation.js';
import { sessionToMarkdown } from '../src/core/session-formats.js';
import type { SessionDocument } from '../src/core/session-document.js';
import type { AiEvaluation } from '../src/model/evaluation.js';
import { gradedEvaluation } from './support/graded-evaluation.js';
import { compareFeedback } from '../src/app/handlers/retry.js';

// Moments built in local time, so the expected text holds in any time zone.
const local = (...parts: [number, number, number, number?, number?, number?]) =>
  new Date(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0).toISOString();

describe('shared/format', () => {
  it('shortId: the first 8 characters', () => {
    expect(shortId('3f9a1c2e-0000-4000-8000-000000000000')).toBe('3f9a1c2e');
    expect(shortId('abc')).toBe('abc');
  });

  it.each([
    [local(2026, 11, 25, 14, 3, 12), '2026-11-25', '2026-11-25 14:03', '2026-11-25 14:03:12', '2026-11-25 14:03'],
    [local(2026, 1, 2, 0, 0, 0), '2026-01-02', '2026-01-02 00:00', '2026-01-02 00:00:00', '2026-01-02'],
    [local(2026, 12, 31, 23, 59, 59), '2026-12-31', '2026-12-31 23:59', '2026-12-31 23:59:59', '2026-12-31 23:59'],
    ['not a date', 'not a date', 'not a date', 'not a date', 'not a date'],
  ])('dates of %s', (iso, date, dateTime, withSeconds, dateOrDateTime) => {
    expect(localDate(iso)).toBe(date);
    expect(localDateTime(iso)).toBe(dateTime);
    expect(localDateTime(iso, { seconds: true })).toBe(withSeconds);
    expect(localDateOrDateTime(iso)).toBe(dateOrDateTime);
  });

  it('utcOffset matches the offset of the moment', () => {
    const iso = local(2026, 7, 1, 12);
    const minutes = -new Date(iso).getTimezoneOffset();
    const expected = `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
    expect(utcOffset(iso)).toBe(expected);
    expect(utcOffset('nope')).toBe('UTC');
  });

  it.each([
    [0, '00:00:00'],
    [999, '00:00:00'],
    [187_000, '00:03:07'],
    [3_723_000, '01:02:03'],
    [-5_000, '00:00:00'],
  ])('clock(%d) = %s', (ms, text) => expect(clock(ms)).toBe(text));

  it.each([
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
    [0, '0:00'],
    [7_400, '0:07'],
    [750_000, '12:30'],
    [3_599_600, '1:00:00'],
    [3_723_000, '1:02:03'],
    [-1, '0:00'],
  ])('duration(%s) = %s', (ms, text) => expect(duration(ms)).toBe(text));

  it.each([
    [0, '0:00'],
    [29_999, '0:00'],
    [45 * 60_000, '0:45'],
    [(12 * 60 + 5) * 60_000, '12:05'],
    [125 * 3_600_000, '125:00'],
    [30_000, '0:01'],
    [-10, '0:00'],
  ])('hoursMinutes(%d) = %s', (ms, text) => expect(hoursMinutes(ms)).toBe(text));

  it.each([
    [200, '200 ms'],
    [1_500, '1.5 s'],
    [30_000, '30 s'],
    [119_000, '119 s'],
    [120_000, '2 min'],
  ])('approxDuration(%d) = %s', (ms, text) => expect(approxDuration(ms)).toBe(text));

  it('plural and round1', () => {
    expect(plural(1, 'session')).toBe('1 session');
    expect(plural(0, 'session')).toBe('0 sessions');
    expect(plural(2, 'long pause')).toBe('2 long pauses');
    expect(plural(3, 'child', 'children')).toBe('3 children');
    expect(round1(4.25)).toBe(4.3);
    expect(round1(2)).toBe(2);
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [100_000, '97.7 KB'],
    [65_536, '64 KB'],
    [1024 * 1024 - 1, '1 MB'],
    [2_400_000, '2.3 MB'],
  ])('byteSize(%d) = %s', (bytes, text) => expect(byteSize(bytes)).toBe(text));
});

describe('evaluation as plain text and Markdown: band, not tested, not verified, spread, the candidate’s words', () => {
  const e = gradedEvaluation();
  const text = formatEvaluation(e, e.sessionId, 'medium');
  const lines = text.split('\n');
  const md = sessionToMarkdown(documentWith(e, 'medium'));

  it('plain: the overall score with its band, from the tested grades only', () => {
    expect(lines).toContain(
      'Overall: 50/100, meets the bar at medium (from the 3 tested rubric grades below; 1 not tested)',
    );
    // The same record at another difficulty reads differently; without one there is no band.
    expect(formatEvaluation(e, e.sessionId, 'easy')).toContain('Overall: 50/100, below the bar at easy (');
    expect(formatEvaluation(e, e.sessionId)).toContain('Overall: 50/100 (from the 3 tested');
  });

  it('plain: each grade says what it is; a grade without a quote reads "not verified", not "supports more"', () => {
    const line = (name: string) => lines.find((l) => l.trimStart().startsWith(name)) ?? '';
    expect(line('Product sense')).toMatch(/ 4\/5 {2}"busy parents order ahead"$/);
    expect(line('Prioritisation')).toMatch(/ 2\/5 \(not verified\)$/);
    expect(line('Analytical rigour and metrics')).toMatch(/ 3\/5 \(spread 1\) {2}"repeat orders per week"$/);
    expect(line('Execution and alignment')).toMatch(/ not tested$/);
    expect(text).not.toContain('supports more');
    expect(text).not.toContain('null');
  });

  it('plain: per answer the grade with its notes and the candidate’s own words', () => {
    const q1 = lines.indexOf('Q1 (4/5, spread 1). How would you improve the ordering experience of a coffee app?');
    expect(q1).toBeGreaterThan(0);
    expect(lines[q1 + 1]).toBe('   Your words: "busy parents order ahead"');
    const q2 = lines.indexOf('Q2 (2/5, not verified). Which metric would you track for onboarding?');
    expect(q2).toBeGreaterThan(q1);
    expect(lines[q2 + 1]).toMatch(/^ {3}What landed:/); // no empty quote line
  });

  it('plain: the rubric lines fit in 80 columns; a long quote moves under its grade, wrapped', () => {
    const long = gradedEvaluation({
      dimensions: [
        {
          id: 'analytical_rigour',
          name: 'Analytical rigour and metrics',
          score: 4,
          evidence: 'we split the drop by platform and found the Android release cut sign-ups by a third in a week',
          verified: true,
          spread: 2,
        },
      ],
    });
    const out = formatEvaluation(long, long.sessionId, 'hard').split('\n');
    const at = out.findIndex((l) => l.includes('Analytical rigour and metrics'));
    expect(out[at]).toBe('  Analytical rigour and metrics  4/5 (spread 2)');
    expect(out[at + 1]).toMatch(/^ {6}"we split the drop/);
    expect(out.slice(at, at + 3).join(' ')).toContain('by a third in a week"');
    for (const l of out.slice(at, at + 3)) expect(stringWidth(l)).toBeLessThanOrEqual(80);
  });

  it('plain: no tested dimension gives no number and no band', () => {
    const none = gradedEvaluation({
      overallScore: 0,
      dimensions: [{ id: 'prioritisation', name: 'Prioritisation', score: null, evidence: '' }],
    });
    const out = formatEvaluation(none, none.sessionId, 'medium');
    expect(out).toContain('Overall: no score: none of the rubric dimensions could be tested');
    expect(out).not.toMatch(/\d+\/100|the bar/);
  });

  it('Markdown: the band in the metadata table and the overall line; the grades and evidence in the table', () => {
    expect(md).toContain('| **Score** | 50/100, meets the bar at medium |');
    expect(md).toContain(
      '**Overall: 50/100, meets the bar at medium** (from the 3 tested rubric grades below; 1 not tested)',
    );
    expect(md).toContain('| Product sense | 4/5 | “busy parents order ahead” |');
    expect(md).toContain(
      '| Prioritisation | 2/5 (not verified) | *not verified: no quote from your answers supports this grade* |',
    );
    expect(md).toContain('| Analytical rigour and metrics | 3/5 (spread 1) | “repeat orders per week” |');
    expect(md).toContain('| Execution and alignment | not tested | *not tested by these questions* |');
    expect(md).not.toMatch(/null\/5|supports more/);
  });

  it('Markdown: the feedback under each answer has its grade notes and the candidate’s words', () => {
    expect(md).toContain('> **Feedback on Q1: 4/5, spread 1**');
    expect(md).toContain('> - **Your words:** “busy parents order ahead”');
    expect(md).toContain('> **Feedback on Q2: 2/5, not verified**');
    expect(md.match(/Your words/g)).toHaveLength(1);
  });

  it('an unverified grade above 2 says what it counts as in the overall score', () => {
    const e = gradedEvaluation({
      dimensions: [{ id: 'p', name: 'Prioritisation', score: 4, evidence: '', verified: false }],
      perAnswer: [{ ...gradedEvaluation().perAnswer[1]!, score: 5, verified: false }],
    });
    const out = formatEvaluation(e, e.sessionId, 'medium');
    expect(out).toMatch(/Prioritisation {2}4\/5 \(not verified, counts as 2\)$/m);
    expect(out).toContain('Q2 (5/5, not verified, counts as 2). Which metric');
    const app = render(<EvaluationView evaluation={e} sessionId={e.sessionId} difficulty="medium" />);
    expect(app.lastFrame()).toMatch(/4\/5 Prioritisation +not verified, counts as 2/);
    app.unmount();
  });

  it('rows saved before 0.2 (no verified field): a grade with evidence is verified, one without is not', () => {
    const old = gradedEvaluation({
      dimensions: [
        { id: 'a', name: 'Technical depth', score: 4, evidence: 'We cached hot keys' },
        { id: 'b', name: 'Communication and clarity', score: 3, evidence: '' },
      ],
      perAnswer: [{ ...gradedEvaluation().perAnswer[0]!, quote: undefined, verified: undefined, spread: undefined }],
    });
    const out = formatEvaluation(old, old.sessionId, 'medium');
    expect(out).toMatch(/Technical depth {12}4\/5 {2}"We cached hot keys"/);
    expect(out).toMatch(/Communication and clarity {2}3\/5 \(not verified\)/);
    // Their score was computed without the cap: no "counts as" is claimed for them.
    expect(out).not.toContain('counts as');
    // An old answer had no quote at all: it is not called unverified.
    expect(out).toContain('Q1 (4/5). How would you');
  });
});

function documentWith(evaluation: AiEvaluation, difficulty: string): SessionDocument {
  const startedAt = '2026-11-20T09:00:00.000Z';
  const turn = (
    seq: number,
    speaker: 'interviewer' | 'candidate',
    kind: 'question' | 'answer',
    n: number,
    content: string,
  ) => ({
    seq,
    speaker,
    kind,
    questionNumber: n,
    content,
    createdAt: `2026-11-20T09:0${seq}:00.000Z`,
    durationMs: null,
    cancelled: false,
    audioUrl: null,
    metrics: null,
    askedBy: null,
  });
  return {
    schemaVersion: 1,
    id: evaluation.sessionId,
    role: { id: 'product-manager', title: 'Product Manager' },
    difficulty,
    plannedQuestions: 2,
    interviewer: 'ollama',
    offlineReason: null,
    model: 'mistral',
    host: null,
    judgeModel: null,
    inputMode: 'text',
    status: 'completed',
    endReason: 'finished',
    startedAt,
    endedAt: '2026-11-20T09:05:00.000Z',
    durationMs: 300_000,
    retryOf: null,
    retryQuestion: null,
    transcript: [
      turn(1, 'interviewer', 'question', 1, 'How would you improve the ordering experience of a coffee app?'),
      turn(2, 'candidate', 'answer', 1, 'Let busy parents order ahead.'),
      turn(3, 'interviewer', 'question', 2, 'Which metric would you track for onboarding?'),
      turn(4, 'candidate', 'answer', 2, 'Not sure.'),
    ],
    evaluation,
  };
}

describe('retry: the before/now line of one question', () => {
  it('carries the grade notes and the candidate’s own words', () => {
    const text = compareFeedback(
      1,
      'How would you improve the ordering experience of a coffee app?',
      gradedEvaluation(),
      undefined,
    );
    expect(text).toContain(
      'Before: 4/5, spread 1. Your words: "busy parents order ahead" Landed: A clear user. Missing: A metric.',
    );
    expect(text).toContain('Now:    not evaluated');
    const q2 = compareFeedback(2, 'Which metric would you track for onboarding?', gradedEvaluation(), undefined);
    expect(q2).toContain('Before: 2/5, not verified. Landed: Nothing specific.');
  });
});
